"""llama.cpp as install.sh compiles it (``scripts/llama_cmake.sh``; issue 18). On a CPU with AMX, llama-cpp-python's
``-march=native`` build compiled by GCC 12 without ``-fno-dse`` loses its AMX tile configuration to dead-store
elimination and dies of SIGILL at the first batched decode with its repacked weights (``tilezero`` on unconfigured
tiles): the first test fails on such a build. Real llama.cpp, the bundled SmolLM2, real bash; nothing mocked."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
import sys
from pathlib import Path

from macrohard.models.local import model_path

ROOT = Path(__file__).resolve().parents[2]
DECODE = """
import sys
from llama_cpp import Llama
llm = Llama(model_path=sys.argv[1], n_ctx=512, n_batch=256, n_threads=1, n_threads_batch=1, verbose=True)
llm.eval(llm.tokenize(b"word " * 96))
"""
AMX_CPU = "flags\t\t: fpu sse sse2 avx2 avx512f avx512_vnni amx_bf16 amx_tile amx_int8\n"
OLDER_CPU = "flags\t\t: fpu sse sse2 avx2 avx512f avx512_vnni\n"


def _cpu_has_amx() -> bool:
    try:
        return platform.machine() in ("x86_64", "AMD64") and " amx_tile" in Path("/proc/cpuinfo").read_text()
    except OSError:
        return False


def _bash(script: str) -> str:
    done = subprocess.run(["bash", "-c", f". scripts/llama_cmake.sh\n{script}"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    return done.stdout


def test_the_installed_llama_cpp_decodes_a_batch_with_its_repacked_weights() -> None:
    done = subprocess.run([sys.executable, "-c", DECODE, str(model_path("smollm2"))], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    assert done.returncode != -signal.SIGILL, (
        "llama.cpp died of SIGILL with its repacked weights: it was compiled without the options "
        "scripts/llama_cmake.sh gives for this CPU; rebuild it with `bash install.sh --no-demo`")
    assert done.returncode == 0, done.stderr[-2000:]
    buffers = {line.split("load_tensors:")[1].split("model buffer")[0].strip()
               for line in done.stderr.splitlines() if "model buffer size" in line and "load_tensors:" in line}
    if _cpu_has_amx():  # the path that died: the weights really went to the AMX buffer
        assert "AMX" in buffers, buffers


LIB_ONLY = ["-DLLAVA_BUILD=OFF", "-DCMAKE_PROJECT_llama.cpp_INCLUDE=./scripts/llama_lib_only.cmake"]


def test_the_options_are_added_for_cpus_with_amx_only(tmp_path: Path) -> None:
    amx, older = tmp_path / "amx", tmp_path / "older"
    amx.write_text(AMX_CPU)
    older.write_text(OLDER_CPU)
    if platform.machine() in ("x86_64", "AMD64"):
        assert _bash(f"llama_cmake_args {amx}").split() == [*LIB_ONLY, "-DCMAKE_C_FLAGS=-fno-dse",
                                                            "-DCMAKE_CXX_FLAGS=-fno-dse"]
    assert _bash(f"llama_cmake_args {older}").split() == LIB_ONLY


def test_the_include_file_is_passed_by_an_absolute_path_that_survives_cmake_args_splitting(tmp_path: Path) -> None:
    # CMake reads the file from llama-cpp-python's unpacked sdist, so install.sh passes the repository's absolute
    # path; scikit-build-core splits CMAKE_ARGS with shlex, so a path with a space must come back as one argument
    import shlex

    root = tmp_path / "a repo's dir"
    (root / "scripts").mkdir(parents=True)
    (root / "scripts" / "llama_lib_only.cmake").write_text((ROOT / "scripts" / "llama_lib_only.cmake").read_text())
    args = shlex.split(_bash(f"llama_cmake_args /proc/cpuinfo {shlex.quote(str(root))}"))
    include = [a.split("=", 1)[1] for a in args if a.startswith("-DCMAKE_PROJECT_llama.cpp_INCLUDE=")]
    assert include == [str(root / "scripts" / "llama_lib_only.cmake")] and Path(include[0]).is_file()
    assert "-DLLAVA_BUILD=OFF" in args
    # what the file does: shadow llama-cpp-python's forced LLAMA_BUILD_COMMON in llama.cpp's scope
    assert "set(LLAMA_BUILD_COMMON OFF)" in (ROOT / "scripts" / "llama_lib_only.cmake").read_text()


def test_a_venv_built_without_the_options_is_rebuilt_once(tmp_path: Path) -> None:
    # the stamp install.sh compares: a .venv from before it (llama-cpp-python installed, no stamp) reads as built
    # without options, so it is rebuilt; once stamped, it matches
    amx, older = tmp_path / "amx", tmp_path / "older"
    amx.write_text(AMX_CPU)
    older.write_text(OLDER_CPU)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"  # this interpreter, with this environment's packages
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    import importlib.metadata

    version = importlib.metadata.version("llama-cpp-python")
    have = _bash(f"llama_have {venv}")
    assert have == f"llama-cpp-python=={version} \n"
    # a build from before the options (the full one: multimodal and common libraries too) is rebuilt on every CPU
    assert _bash(f"llama_wanted pyproject.toml {older}") != have
    assert "-DLLAVA_BUILD=OFF" in _bash(f"llama_wanted pyproject.toml {older}")
    wanted = _bash(f"llama_wanted pyproject.toml {amx}")
    assert wanted != have  # rebuilt
    if platform.machine() in ("x86_64", "AMD64"):
        assert "-fno-dse" in wanted
    (venv / ".macrohard-llama").write_text(wanted)
    assert _bash(f"llama_have {venv}") == wanted  # and only once
    assert _bash(f"llama_have {tmp_path / 'none'}") == ""  # no llama.cpp at all: built
