# Third-party code, all from Debian: header-only libraries from /usr/include, Dear ImGui from
# Debian's source tarball (fetched and hash-checked by tools/setup into .cache/).

# --- header-only libraries: nlohmann_json, Boost (URL, Beast/Asio), Catch2 --------------------
add_library(rk_third_party INTERFACE)
if(EMSCRIPTEN)
    # em++ must never see /usr/include (glibc headers clash with its own libc), so expose only
    # the three libraries through a folder of symlinks, as system headers (no warnings).
    set(shim "${CMAKE_BINARY_DIR}/third_party_include")
    file(MAKE_DIRECTORY "${shim}")
    foreach(lib boost nlohmann catch2)
        if(NOT EXISTS "${shim}/${lib}")
            file(CREATE_LINK "/usr/include/${lib}" "${shim}/${lib}" SYMBOLIC)
        endif()
    endforeach()
    target_include_directories(rk_third_party SYSTEM INTERFACE "${shim}")
else()
    find_package(nlohmann_json 3.11 REQUIRED CONFIG)
    find_package(Boost 1.81.0 EXACT REQUIRED CONFIG)
    find_package(Threads REQUIRED)
    target_link_libraries(rk_third_party INTERFACE nlohmann_json::nlohmann_json Boost::headers
                                                   Threads::Threads)
endif()
# Keep nlohmann_json's implicit conversions off: they hide type errors at I/O boundaries.
target_compile_definitions(rk_third_party INTERFACE JSON_USE_IMPLICIT_CONVERSIONS=0)

# Boost.URL is compiled once, in its own rarely-changing translation unit (slow to build).
add_library(rk_boost_url STATIC "${PROJECT_SOURCE_DIR}/src/third_party/boost_url.cpp")
target_link_libraries(rk_boost_url PUBLIC rk_third_party)

# --- Dear ImGui 1.86 (portal only) ------------------------------------------------------------
if(EMSCRIPTEN)
    set(IMGUI_DIR "${PROJECT_SOURCE_DIR}/.cache/imgui-1.86")
    if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
        message(FATAL_ERROR "Dear ImGui sources are missing in ${IMGUI_DIR}: run tools/setup")
    endif()
    add_library(imgui STATIC
        "${IMGUI_DIR}/imgui.cpp" "${IMGUI_DIR}/imgui_draw.cpp" "${IMGUI_DIR}/imgui_tables.cpp"
        "${IMGUI_DIR}/imgui_widgets.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
    target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
    # IMGUI_ENABLE_TEST_ENGINE: ImGui calls hooks for every item it adds and describes; the
    # portal implements them (src/portal/ui/semantics_imgui.cpp) to build the page's
    # accessibility tree. No test engine is linked.
    target_compile_definitions(imgui PUBLIC IMGUI_IMPL_OPENGL_ES3 IMGUI_DISABLE_OBSOLETE_FUNCTIONS
                                            IMGUI_DISABLE_DEMO_WINDOWS IMGUI_ENABLE_TEST_ENGINE)
endif()
