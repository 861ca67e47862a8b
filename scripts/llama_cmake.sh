# llama.cpp's build options for this machine (issue 18). Sourced by install.sh; `llama_cmake_args [CPUINFO [ROOT]]`
# prints the CMAKE_ARGS that llama-cpp-python is compiled with.
#
# Why: llama-cpp-python compiles llama.cpp with -march=native, so on a CPU with AMX (Intel Sapphire Rapids and later)
# it builds ggml's AMX kernels, used through the repacked "AMX" weight buffer at every batched decode. GCC 12's
# _tile_loadconfig (amxtileintrin.h: an asm whose memory operand is 8 bytes) tells the optimiser that `ldtilecfg`
# reads 8 of its config's 64 bytes; RTL dead-store elimination then drops the rows and column widths ggml stores
# there, so the tiles stay unconfigured and the first `tilezero` raises #UD: "Illegal instruction" at the first
# batched decode (seen on a Sapphire Rapids VM, 2026-11-30; gdb: `tilezero %tmm4` in ggml_backend_amx_mul_mat,
# after `ldtilecfg` of a config holding only palette 1). Not the hypervisor: AMX works there once the config is
# stored. -fno-dse keeps the stores; only builds for an AMX CPU compile those kernels, so only they get it.
#
# Built, as well, is only what the package loads: libllama and libggml*. -DLLAVA_BUILD=OFF leaves out libmtmd (the
# multimodal library behind llama_cpp.mtmd_cpp and the llava chat handlers, which macrohard never imports: they fail
# with "Shared library with base name 'mtmd' not found" only when imported), and scripts/llama_lib_only.cmake leaves
# out llama.cpp's common library with cpp-httplib. Measured on the 2-core VM (speed40): 481 -> 199 s of CPU for the
# compile, and the same tokens from SmolLM2 and Qwen2.5-Coder-1.5B, greedy, as the full build.
#
# `llama_cmake_args [CPUINFO [ROOT]]`: ROOT is the repository (where scripts/llama_lib_only.cmake is; CMake reads it
# from llama-cpp-python's unpacked sdist, so install.sh passes an absolute one); "." by default, as in the stamp.
llama_cmake_args() {
  local cpuinfo=${1:-/proc/cpuinfo} root=${2:-.}
  printf '%s %q' "-DLLAVA_BUILD=OFF" "-DCMAKE_PROJECT_llama.cpp_INCLUDE=$root/scripts/llama_lib_only.cmake"
  case "$(uname -m)" in
    x86_64|amd64) grep -qw amx_tile "$cpuinfo" 2>/dev/null && printf ' %s' "-DCMAKE_C_FLAGS=-fno-dse" "-DCMAKE_CXX_FLAGS=-fno-dse" ;;
  esac
  printf '\n'
}

# The AMX kernels' tile configuration (issue 18). ggml's AMX matrix multiply loads its tile shapes into the thread's
# AMX tile configuration once per thread (`ggml_tile_config_init`: a `static thread_local bool done`) and trusts
# them from then on. Another library's AMX kernels on the same thread load their own shapes: onnxruntime's int8
# GEMM (the safety screens' MiniLM graph) loads 16 rows x 64 bytes in every tile where ggml wants 8 rows or 32
# bytes in four of them, and every later batched decode of the model's AMX-repacked weights on that thread was
# garbage (" pituollopyright…", even after a reset: helper amx61, 2026-12-07; the lead's "garbage after an agent
# run"). `llama_amx_patch SRC` makes the unpacked llama-cpp-python sdist SRC load the configuration at every call
# (one `ldtilecfg` per matrix multiply and thread) and adds the exported marker `macrohard_amx_tile_config_every_call`
# to libggml-cpu, by which models/local_cpu.py tells this build from one that would write garbage. It fails when
# the code is not as expected (another llama.cpp version: look again before moving the pin).
LLAMA_AMX_PATCH=amx-tile-config-every-call
llama_amx_patch() {
  local mmq="$1/vendor/llama.cpp/ggml/src/ggml-cpu/amx/mmq.cpp"
  local once='^    static thread_local bool done = false;$'
  if [ "$(grep -c "$once" "$mmq" 2>/dev/null)" != 1 ]; then
    echo "llama_amx_patch: $mmq does not hold ggml's once-per-thread tile configuration" >&2
    return 1
  fi
  sed -i "s|$once|    bool done = false;  // macrohard (scripts/llama_cmake.sh): loaded at every call|" "$mmq"
  printf '\n// macrohard (scripts/llama_cmake.sh): the AMX tile configuration is loaded at every call\n%s\n' \
    'extern "C" __attribute__((visibility("default"))) const int macrohard_amx_tile_config_every_call = 1;' >> "$mmq"
}

# `llama_amx_cpu [CPUINFO]`: whether llama.cpp is built here with its AMX kernels (x86-64 with amx_tile).
llama_amx_cpu() {
  case "$(uname -m)" in
    x86_64|amd64) grep -qw amx_tile "${1:-/proc/cpuinfo}" 2>/dev/null ;;
    *) return 1 ;;
  esac
}

# `llama_wanted PYPROJECT [CPUINFO]`: the build install.sh wants, "llama-cpp-python==VERSION OPTIONS" (the version
# pinned in pyproject.toml; on an AMX CPU with llama_amx_patch's name); what .venv/.macrohard-llama holds once it is built.
llama_wanted() {
  local pin
  pin=$(grep -o 'llama-cpp-python\[server\]==[0-9.]*' "$1" | sed 's/\[server\]//')
  printf '%s %s' "$pin" "$(llama_cmake_args "${2:-/proc/cpuinfo}")"
  if llama_amx_cpu "${2:-/proc/cpuinfo}"; then printf ' patch:%s' "$LLAMA_AMX_PATCH"; fi
  printf '\n'
}

# `llama_have VENV`: the build in VENV: its stamp, else (a .venv from before the stamp, built without options)
# "llama-cpp-python==VERSION " from the installed package, else nothing.
llama_have() {
  cat "$1/.macrohard-llama" 2>/dev/null && return 0
  "$1/bin/python" -c 'import importlib.metadata as m; print("llama-cpp-python==" + m.version("llama-cpp-python"), "")' \
    2>/dev/null || true
}
