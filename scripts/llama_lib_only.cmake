# Included by CMake right after llama.cpp's own project() call (install.sh passes it as
# -DCMAKE_PROJECT_llama.cpp_INCLUDE=...; see scripts/llama_cmake.sh). llama-cpp-python's CMakeLists forces
# LLAMA_BUILD_COMMON on (a CACHE FORCE, so -DLLAMA_BUILD_COMMON=OFF is overwritten), which compiles llama.cpp's
# common library and cpp-httplib: about half of the whole compile, for a library the Python package never loads
# (it loads libllama and libggml*; libllama-common was installed beside site-packages, unused). A normal variable
# here shadows that cache entry in llama.cpp's directory scope only, so llama and ggml build as before.
set(LLAMA_BUILD_COMMON OFF)
message(STATUS "macrohard: llama.cpp's common library and cpp-httplib are not built (scripts/llama_lib_only.cmake)")
