"""Whether llama.cpp's extra CPU buffer types may be used on this machine (issue 18).

llama.cpp repacks a model's weights into extra buffer types for faster CPU kernels (AMX tiles, AVX interleaved
blocks). A build that cannot run them dies of SIGILL at the first batched decode: the whole process, not a Python
error. Seen 2026-11-30 on a Sapphire Rapids VM: llama-cpp-python compiled with ``-march=native`` by GCC 12 lost its
AMX tile configuration to dead-store elimination (GCC's ``_tile_loadconfig`` declares 8 of the config's 64 bytes
read) and the first ``tilezero`` was illegal. install.sh now compiles llama.cpp with ``-fno-dse`` on CPUs with AMX
(``scripts/llama_cmake.sh``), which fixes it; this probe stays as the safety net for a build made otherwise. The
first load asks a child process to load the model and decode one batch; if the child dies of SIGILL, the model is
loaded without the extra buffer types (slower, but it runs). The answer is remembered per llama.cpp build, CPU and
model file. ``MACROHARD_LLAMA_EXTRA_BUFFERS=0`` (or ``1``) decides without a probe.
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
# A CPU with AMX tiles loads without the extra buffer types (unless MACROHARD_LLAMA_EXTRA_BUFFERS=1). Measured (the
# lead, fifty-seventh wave, Sapphire Rapids VM, llama-cpp-python 0.3.36 built by install.sh with -fno-dse): SmolLM2
# loaded with them answered one action, then ran a 2-step agent run, and from then on wrote garbage to every prompt
# (" pituollopyrightannacientious…"), even after ``llm.reset()``: the weights' repacked copy itself, not the cache. No
# SIGILL, so the probe said yes. In the test suite this was the "0 chunks" chats, the cut-off writes and the xdist
# worker that died in llama.cpp's sampler (NaN logits under a grammar) in four full runs and CI; loaded without them,
# the same sequence answers "Ada, welcome to …" every time (tests/models/test_local_amx57.py).
AMX = "amx_tile"


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


def _key(model: Path) -> str:
    parts = [_build_stamp(), _cpu_flags(), str(model), str(model.stat().st_size if model.exists() else 0)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]


def _memo() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "models" / "llama-extra-buffers.json"


def probe(model: Path, timeout: float = PROBE_SECONDS) -> bool:
    """Whether a child process loads ``model`` and decodes one batch with the extra buffer types on.
    Only death by SIGILL says no; any other failure says yes (the real load then reports it)."""
    try:
        done = subprocess.run([sys.executable, "-c", PROBE, str(model)], capture_output=True, timeout=timeout,
                              env={**os.environ, "OMP_WAIT_POLICY": "PASSIVE"})
    except (OSError, subprocess.TimeoutExpired):
        return True
    return done.returncode != -signal.SIGILL


def extra_buffers_ok(model: Path) -> bool:
    """Whether to load ``model`` with llama.cpp's extra buffer types (see the module doc)."""
    forced = os.environ.get("MACROHARD_LLAMA_EXTRA_BUFFERS")
    if forced in ("0", "1"):
        return forced == "1"
    if AMX in _cpu_flags().split():
        return False  # the AMX buffers compute wrong weights here: see ``AMX``
    memo, key = _memo(), _key(model)
    try:
        known = json.loads(memo.read_text())
    except (OSError, ValueError):
        known = {}
    if isinstance(known, dict) and isinstance(known.get(key), bool):
        return bool(known[key])
    ok = probe(model)
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
