# rk_add_catch_suite(TARGET PREFIX): registers a Catch2 executable as one ctest test per
# top-level tag ("[mtm]" → "wasm.mtm" / "native.mtm"), each running all of that tag's cases.
#
# The test passes only if Catch2 says "All tests passed (… in N test case(s))" with N ≥ 1: a
# suite that registers or runs no test — the silent trap of Emscripten's emulator setup — fails
# instead of passing green.
function(rk_add_catch_suite target prefix)
    if(EMSCRIPTEN)
        set(platform wasm)
        # Node runs the wasm test; EXIT_RUNTIME makes Catch2's exit code node's exit code.
        target_link_options(${target} PRIVATE -sALLOW_MEMORY_GROWTH=1 -sEXIT_RUNTIME=1
                                              -sENVIRONMENT=node)
        set_target_properties(${target} PROPERTIES CROSSCOMPILING_EMULATOR "${RK_NODE_EMULATOR}")
    elseif(RK_SANITIZE)
        set(platform sanitized)  # joins the native run under its own name (tests/CMakeLists.txt)
    else()
        set(platform native)
    endif()
    add_test(NAME ${platform}.${prefix} COMMAND ${target} --use-colour no)
    set_tests_properties(${platform}.${prefix} PROPERTIES
        PASS_REGULAR_EXPRESSION "All tests passed \\([0-9]+ assertions? in [1-9][0-9]* test cases?\\)"
        FAIL_REGULAR_EXPRESSION "No tests ran|test cases? failed"
        LABELS "unit;${platform}"
        TIMEOUT 600)
endfunction()
