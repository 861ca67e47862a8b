"""Loading an embedded model into llama.cpp once per process, the lock that guards its one context, and
freeing it before the interpreter exits. Split out of ``models/local.py``."""

from __future__ import annotations

import atexit
import os
import threading
from typing import Any

from macrohard.errors import ModelUnavailable
from macrohard.models.local_specs import FIX, LocalSpec, find_weights

_LOADED: dict[str, Any] = {}
_LOAD_LOCK = threading.Lock()
# One lock per loaded model, not per LocalModel: two LocalModels share the cached llama.cpp
# context, which is not safe for concurrent use (two threads crashed it before).
_USE_LOCKS: dict[str, threading.Lock] = {}


def llama_threads() -> int:
    """llama.cpp's threads for a model: ``MACROHARD_LLAMA_THREADS``, else the cores this process may run on (at most
    4). Two processes that share two cores, each decoding with two threads, make every token wait for whichever thread
    is descheduled (a test worker's model test ran past 600 s beside a second worker; 23 s alone): the test suite's
    parallel workers set 1."""
    value = os.environ.get("MACROHARD_LLAMA_THREADS", "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ModelUnavailable(f"MACROHARD_LLAMA_THREADS={value!r} is not a whole number of threads: set it to 1, "
                                   "2, ... or unset it")
        return int(value)
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def _load(spec: LocalSpec) -> Any:
    """Load a model once per process (llama.cpp keeps its prompt cache on the object, too)."""
    with _LOAD_LOCK:
        if spec.name in _LOADED:
            return _LOADED[spec.name]
        # llama.cpp's OpenMP threads spin while they wait; on a shared, busy machine that turns a
        # 1 s answer into 30 s. Passive waiting costs little when the machine is idle.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise ModelUnavailable(f"the embedded model needs llama-cpp-python: {FIX}") from exc
        path = find_weights(spec)
        threads = llama_threads()
        try:
            from macrohard.models.local_adapter import llama_kwargs
            from macrohard.models.local_cpu import extra_buffers_ok, without_extra_buffers

            extra = llama_kwargs(spec.name)

            def build() -> Any:
                return Llama(model_path=str(path), n_ctx=spec.n_ctx, n_threads=threads, n_threads_batch=threads,
                             verbose=False, seed=0, **extra)

            # weights repacked for AMX/AVX kernels kill some VMs with SIGILL (models/local_cpu.py). A LoRA adapter
            # lives in plain CPU memory beside the repacked base; the garbage that mix once wrote on AMX ("][
            # pitu,,,,adedTSD…") was the screens' AMX tile shapes (amx61), which extra_buffers_ok now answers for:
            # with the patched build local:smollm2-tuned answers as the adapter does, after the screens or another
            # model of its base ran on its thread too, at ~0.55x the CPU (comp62, RESULTS.md)
            repack = extra_buffers_ok(path)
            from macrohard.stdfds import SWAP

            with SWAP:  # verbose=False swaps fds 1 and 2 for /dev/null and back: one swap at a time (stdfds)
                llm = build() if repack else without_extra_buffers(build)
        except (ValueError, RuntimeError) as exc:
            raise ModelUnavailable(f"llama.cpp could not load {path}: {exc}; reinstall the model package") from exc
        _LOADED[spec.name] = llm
        return llm


@atexit.register
def _close_loaded() -> None:
    """Free the loaded models before the interpreter tears llama_cpp down: freed later, by ``__del__``,
    llama.cpp's functions are already gone and it prints a TypeError at exit (after a streamed answer)."""
    with _LOAD_LOCK:
        for name, llm in list(_LOADED.items()):
            lock = _USE_LOCKS.get(name)
            if lock is None or lock.acquire(blocking=False):  # never under a call still running in a thread
                try:
                    llm.close()
                    del _LOADED[name]
                finally:
                    if lock is not None:
                        lock.release()


def load(spec: LocalSpec) -> tuple[Any, threading.Lock]:
    """The loaded model and the lock every use of it takes."""
    llm = _load(spec)
    with _LOAD_LOCK:
        return llm, _USE_LOCKS.setdefault(spec.name, threading.Lock())
