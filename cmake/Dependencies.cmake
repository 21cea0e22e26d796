# Finds every dependency, each a Debian package. A missing one stops the configure step with a
# message naming the package to install (scripts/setup installs them all).
find_package(PkgConfig QUIET)

function(impasse_require found package what)
  if(NOT ${found})
    message(FATAL_ERROR "Impasse needs ${what}: install the Debian package '${package}' "
                        "(or run scripts/setup).")
  endif()
endfunction()

if(NOT PkgConfig_FOUND)
  message(FATAL_ERROR "Impasse needs pkg-config: install the Debian package 'pkg-config'.")
endif()

find_package(yaml-cpp QUIET)
impasse_require(yaml-cpp_FOUND libyaml-cpp-dev "yaml-cpp")
find_package(SQLite3 QUIET)
impasse_require(SQLite3_FOUND libsqlite3-dev "SQLite 3")
find_package(nlohmann_json QUIET)
impasse_require(nlohmann_json_FOUND nlohmann-json3-dev "nlohmann-json")
find_package(CLI11 CONFIG QUIET)
impasse_require(CLI11_FOUND libcli11-dev "CLI11")
find_library(STEMMER_LIBRARY stemmer)
find_path(STEMMER_INCLUDE_DIR libstemmer.h)
if(STEMMER_LIBRARY AND STEMMER_INCLUDE_DIR)
  set(STEMMER_FOUND TRUE)
endif()
impasse_require(STEMMER_FOUND libstemmer-dev "the Snowball stemmer (libstemmer)")
# The workshop's audience server (`impasse workshop serve`). Debian builds cpp-httplib as a
# shared library; its pkg-config flags (OpenSSL/zlib/Brotli support) must match the build.
pkg_check_modules(HTTPLIB QUIET IMPORTED_TARGET cpp-httplib)
impasse_require(HTTPLIB_FOUND libcpp-httplib-dev "cpp-httplib (the workshop's audience server)")
pkg_check_modules(QRENCODE QUIET IMPORTED_TARGET libqrencode)
impasse_require(QRENCODE_FOUND libqrencode-dev "libqrencode (the workshop's QR code)")

if(IMPASSE_BUILD_GUI)
  pkg_check_modules(IMGUI QUIET IMPORTED_TARGET imgui)
  impasse_require(IMGUI_FOUND libimgui-dev "Dear ImGui")
  find_package(glfw3 3.3 QUIET)
  impasse_require(glfw3_FOUND libglfw3-dev "GLFW 3.3")
  set(OpenGL_GL_PREFERENCE GLVND)
  find_package(OpenGL QUIET)
  impasse_require(OPENGL_FOUND "libgl-dev libopengl-dev" "OpenGL")
  find_path(STB_INCLUDE_DIR stb_image_write.h PATH_SUFFIXES stb)
  impasse_require(STB_INCLUDE_DIR libstb-dev "stb")
  pkg_check_modules(GVC QUIET IMPORTED_TARGET libgvc)
  impasse_require(GVC_FOUND libgraphviz-dev "Graphviz (libgvc, lays out the author view's graph)")
endif()

if(IMPASSE_BUILD_TESTS)
  find_package(doctest QUIET)
  impasse_require(doctest_FOUND doctest-dev "doctest")
endif()
