"""Whether llama.cpp's extra CPU buffer types may be used on this machine (issue 18).

llama.cpp repacks a model's weights into extra buffer types for faster CPU kernels (AMX tiles, AVX interleaved
blocks). A build that cannot run them dies of SIGILL at the first batched decode: the whole process, not a Python
error. Seen 2026-11-30 on a Sapphire Rapids VM: llama-cpp-python compiled with ``-march=native`` by GCC 12 lost its
AMX tile configuration to dead-store elimination (GCC's ``_tile_loadconfig`` declares 8 of the config's 64 bytes
read) and the first ``tilezero`` was illegal. install.sh now compiles llama.cpp with ``-fno-dse`` on CPUs with AMX
(``scripts/llama_cmake.sh``), which fixes it; this probe stays as the safety net for a build made otherwise. The
first load asks a child process to load the model and decode one batch; if the child dies of SIGILL, the model is
loaded without the extra buffer types (slower, but it runs). The answer is remembered per llama.cpp build, CPU and
model file. ``MACROHARD_LLAMA_EXTRA_BUFFERS=0`` (or ``1``) decides without a probe. On a CPU with AMX, a build with
ggml's AMX kernels is decided without the probe, by whether it carries install.sh's tile-configuration patch (``AMX``).
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from llama_cpp import Llama
llm = Llama(model_path=sys.argv[1], n_ctx=512, n_batch=256, n_threads=1, n_threads_batch=1, verbose=False)
llm.eval(llm.tokenize(b"word " * 96))
"""
PROBE_SECONDS = 300
# A CPU with AMX tiles and a llama.cpp with ggml's AMX kernels as released loads without the extra buffer types
# (unless MACROHARD_LLAMA_EXTRA_BUFFERS=1). Found by the lead (fifty-seventh wave): SmolLM2 loaded with them answered
# one action, then ran a 2-step agent run, and from then on wrote garbage to every prompt (" pituollopyright…"),
# even after ``llm.reset()``; in the suite, the "0 chunks" chats, the cut-off writes and the xdist worker that died in
# llama.cpp's sampler (NaN logits under a grammar). The cause (helper amx61): ggml loads its AMX tile shapes into the
# thread's tile configuration once per thread and trusts them from then on; onnxruntime's int8 GEMM (the safety
# screens' MiniLM graph, run on the agent's thread) loads its own shapes there, and every later batched decode with
# the AMX-repacked weights on that thread multiplies with the wrong tile shapes. One screen encode on the model's
# thread is enough (tests/models/test_local_amx61.py); on another thread it is not. install.sh builds llama.cpp on
# AMX CPUs with ``llama_amx_patch`` (scripts/llama_cmake.sh): the configuration is loaded at every call, and
# libggml-cpu exports ``AMX_PATCH_MARK``, by which such a build is told from the released code. A build without
# ggml's AMX kernels (no "AMX_INT8" in llama.cpp's system info) is probed as on any CPU.
AMX = "amx_tile"
AMX_PATCH_MARK = "macrohard_amx_tile_config_every_call"


def _cpu_flags() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return ""
    return next((line for line in text.splitlines() if line.startswith(("flags", "Features"))), "")


def _build_stamp() -> str:
    """The llama.cpp libraries in use (paths, sizes, times): a rebuild is probed again."""
    import llama_cpp

    lib = Path(llama_cpp.__file__).parent / "lib"
    files = sorted(lib.glob("*.so*")) if lib.is_dir() else []
    return ";".join(f"{f.name}:{f.stat().st_size}:{int(f.stat().st_mtime)}" for f in files)


def _amx_kernels() -> bool:
    """Whether the llama.cpp in use was built with ggml's AMX kernels (its system info names AMX_INT8)."""
    import llama_cpp

    return b"AMX_INT8 = 1" in llama_cpp.llama_print_system_info()


def _ggml_cpu_library() -> Path | None:
    """The libggml-cpu this process loaded with llama_cpp (``LLAMA_CPP_LIB_PATH`` may point elsewhere than the
    package), else the package's own."""
    import llama_cpp

    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        maps = ""
    for line in maps.splitlines():
        name = line.split()[-1] if line.split() else ""
        if "/libggml-cpu" in name and Path(name).is_file():
            return Path(name)
    lib = Path(llama_cpp.__file__).parent / "lib"
    found = sorted(lib.glob("libggml-cpu*.so*")) if lib.is_dir() else []
    return found[0] if found else None


def _tile_config_every_call() -> bool:
    """Whether the loaded libggml-cpu carries install.sh's ``llama_amx_patch`` (its exported ``AMX_PATCH_MARK``)."""
    import ctypes

    library = _ggml_cpu_library()
    if library is None:
        return False
    try:
        return hasattr(ctypes.CDLL(str(library)), AMX_PATCH_MARK)
    except OSError:
        return False


def _key(model: Path) -> str:
    parts = [_build_stamp(), _cpu_flags(), str(model), str(model.stat().st_size if model.exists() else 0)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _memo() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "models" / "llama-extra-buffers.json"


def probe(model: Path, timeout: float = PROBE_SECONDS) -> bool:
    """Whether a child process loads ``model`` and decodes one batch with the extra buffer types on.
    Only death by SIGILL says no; any other failure says yes (the real load then reports it)."""
    return _probe(model, timeout)[0]


def _probe(model: Path, timeout: float = PROBE_SECONDS) -> tuple[bool, bool]:
    """``probe``'s answer, and whether it is one to remember: not where the child was killed by another signal
    (SIGKILL: the out-of-memory killer while it loaded a second copy of the model, or a person's kill) or ran past
    ``timeout``. rel62: such a probe was remembered as "yes" for good, on a build whose decode may die of SIGILL."""
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(model)], capture_output=True, timeout=timeout,
                              env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    except (OSError, subprocess.TimeoutExpired):
        return True, False
    return done.returncode != -signal.SIGILL, done.returncode >= 0 or done.returncode == -signal.SIGILL


def extra_buffers_ok(model: Path) -> bool:
    """Whether to load ``model`` with llama.cpp's extra buffer types (see the module doc)."""
    forced = os.environ.get("MACROHARD_LLAMA_EXTRA_BUFFERS")
    if forced in ("0", "1"):
        return forced == "1"
    if AMX in _cpu_flags().split() and _amx_kernels():
        # ggml's AMX kernels: as released they multiply with another library's tile shapes (see ``AMX``); built by
        # install.sh they carry the patch, and -fno-dse with it (scripts/llama_cmake.sh), so no SIGILL to probe for
        return _tile_config_every_call()
    memo, key = _memo(), _key(model)
    try:
        known = json.loads(memo.read_text())
    except (OSError, ValueError):
        known = {}
    if isinstance(known, dict) and isinstance(known.get(key), bool):
        return bool(known[key])
    ok, conclusive = _probe(model)
    if not conclusive:
        return ok  # not remembered: probed again at the next load
    known = {**(known if isinstance(known, dict) else {}), key: ok}
    try:
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp = memo.with_name(f".{memo.name}.{os.getpid()}")
        tmp.write_text(json.dumps(known, indent=1))
        os.replace(tmp, memo)
    except OSError:
        pass  # not remembered: probed again next time
    return ok


def without_extra_buffers(build: object) -> object:
    """``build()`` (a Llama constructor call) with llama.cpp's default model parameters' ``use_extra_bufts``
    off: llama-cpp-python offers no argument for it, so its defaults function is wrapped for that call."""
    import llama_cpp.llama_cpp as raw

    original = raw.llama_model_default_params

    def params():  # type: ignore[no-untyped-def]
        p = original()
        p.use_extra_bufts = False
        return p

    raw.llama_model_default_params = params
    try:
        return build()  # type: ignore[operator]
    finally:
        raw.llama_model_default_params = original


SERVER_WITHOUT_EXTRA_BUFFERS = """
import runpy, sys
import llama_cpp.llama_cpp as raw
default = raw.llama_model_default_params
def params():
    p = default()
    p.use_extra_bufts = False
    return p
raw.llama_model_default_params = params
sys.argv = ["llama_cpp.server", *sys.argv[1:]]
runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
"""


def server_command(model: Path) -> list[str]:
    """The start of the command line for llama.cpp's own OpenAI-compatible server (``llama_cpp.server``) on
    ``model``: its arguments follow. Where the probe says no, the server starts with the extra buffer types off
    (the same SIGILL would drop every connection at the first request)."""
    if extra_buffers_ok(model):
        return [sys.executable, "-m", "llama_cpp.server"]
    return [sys.executable, "-c", SERVER_WITHOUT_EXTRA_BUFFERS]


def load_llama(model: Path, **kwargs: object) -> object:
    """``llama_cpp.Llama(model_path=model, **kwargs)``, with the extra buffer types off where the probe says so:
    for scripts and benchmarks that load a model directly rather than through ``models.local``."""
    from llama_cpp import Llama

    def build() -> object:
        return Llama(model_path=str(model), **kwargs)

    return build() if extra_buffers_ok(model) else without_extra_buffers(build)
