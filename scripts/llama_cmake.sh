# llama.cpp's build options for this machine (issue 18). Sourced by install.sh; `llama_cmake_args [CPUINFO]` prints
# the CMAKE_ARGS that llama-cpp-python is compiled with (empty where the defaults are right).
#
# Why: llama-cpp-python compiles llama.cpp with -march=native, so on a CPU with AMX (Intel Sapphire Rapids and later)
# it builds ggml's AMX kernels, used through the repacked "AMX" weight buffer at every batched decode. GCC 12's
# _tile_loadconfig (amxtileintrin.h: an asm whose memory operand is 8 bytes) tells the optimiser that `ldtilecfg`
# reads 8 of its config's 64 bytes; RTL dead-store elimination then drops the rows and column widths ggml stores
# there, so the tiles stay unconfigured and the first `tilezero` raises #UD: "Illegal instruction" at the first
# batched decode (seen on a Sapphire Rapids VM, 2026-11-30; gdb: `tilezero %tmm4` in ggml_backend_amx_mul_mat,
# after `ldtilecfg` of a config holding only palette 1). Not the hypervisor: AMX works there once the config is
# stored. -fno-dse keeps the stores; only builds for an AMX CPU compile those kernels, so only they get it.
llama_cmake_args() {
  local cpuinfo=${1:-/proc/cpuinfo}
  case "$(uname -m)" in x86_64|amd64) ;; *) return 0 ;; esac
  if grep -qw amx_tile "$cpuinfo" 2>/dev/null; then
    printf '%s\n' "-DCMAKE_C_FLAGS=-fno-dse -DCMAKE_CXX_FLAGS=-fno-dse"
  fi
}

# `llama_wanted PYPROJECT [CPUINFO]`: the build install.sh wants, "llama-cpp-python==VERSION OPTIONS" (the version
# pinned in pyproject.toml); what .venv/.macrohard-llama holds once it is built.
llama_wanted() {
  local pin
  pin=$(grep -o 'llama-cpp-python\[server\]==[0-9.]*' "$1" | sed 's/\[server\]//')
  printf '%s %s\n' "$pin" "$(llama_cmake_args "${2:-/proc/cpuinfo}")"
}

# `llama_have VENV`: the build in VENV: its stamp, else (a .venv from before the stamp, built without options)
# "llama-cpp-python==VERSION " from the installed package, else nothing.
llama_have() {
  cat "$1/.macrohard-llama" 2>/dev/null && return 0
  "$1/bin/python" -c 'import importlib.metadata as m; print("llama-cpp-python==" + m.version("llama-cpp-python"), "")' \
    2>/dev/null || true
}
