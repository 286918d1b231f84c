# Compiler flags shared by every target of the project (third-party code gets none of these).

add_library(rk_options INTERFACE)
target_compile_options(rk_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                            -Wno-sign-conversion)
if(RK_WERROR)
    target_compile_options(rk_options INTERFACE -Werror)
endif()

if(EMSCRIPTEN)
    # Native WebAssembly exception handling: nlohmann_json and Catch2 throw, and the JS-based
    # emulation (-fexceptions) is several times larger and slower. Compile *and* link flag.
    add_compile_options(-fwasm-exceptions)
    add_link_options(-fwasm-exceptions)
    # Release links run Emscripten's JS optimizer, which needs Debian's node modules (acorn).
    set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
    # emcmake's default emulator passes a flag node 20 rejects, and Catch2 discovery would then
    # silently find nothing; node also needs its own fetch off to load the .wasm from disk.
    set(RK_NODE_EMULATOR /usr/bin/node --no-experimental-fetch)
    # -O2 rather than CMake's -O3: as fast for this UI code, and smaller to download.
    # RK_WEB_OPT lets a build dir try another level (docs/BENCHMARKS.md compares them).
    set(RK_WEB_OPT "-O2" CACHE STRING "Optimisation flag of release web builds")
    set(CMAKE_CXX_FLAGS_RELEASE "${RK_WEB_OPT} -DNDEBUG" CACHE STRING "" FORCE)
    # Code off the hot path (the offline demo's service) is built for size instead.
    set(RK_WEB_COLD_OPT "-Oz" CACHE STRING "Optimisation flag for the page's cold code (src/trm)")
elseif(RK_SANITIZE)
    # Any undefined behaviour stops the program: a sanitized test run fails on it. Not vptr:
    # Boost.System's error categories are constexpr objects its check misreads ("invalid vptr"
    # in error_code::message(), a known false positive), which would stop every failed accept.
    add_compile_options(-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined -fno-sanitize=vptr -fno-sanitize-recover=all)
    if(RK_FUZZ)
        # Coverage feedback for libFuzzer in every library the targets reach; the fuzz targets
        # themselves link -fsanitize=fuzzer (fuzz/CMakeLists.txt).
        add_compile_options(-fsanitize=fuzzer-no-link)
    endif()
endif()
