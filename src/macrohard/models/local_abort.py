"""Ending the embedded model's decode from another thread (a chat turn's Stop), through llama.cpp's abort callback.

llama.cpp asks a context's abort callback between the nodes of each graph it computes; when it answers true,
``llama_decode`` returns 2 and llama-cpp-python raises ``RuntimeError("llama_decode returned 2")``, the context
kept usable (the next eval drops the half-done batch from its cache first). The callback is libc's ``strlen`` over a
two-byte buffer of ours: "" answers 0 (go on), "x" answers 1 (abort). No Python runs on llama.cpp's threads, so a
decode neither takes the GIL once a node (a Python callback would, and wait on any other busy thread) nor slows
when nothing is stopped. Measured here: a 1,501-token prompt's decode ended 0.5 ms after the switch was set (it
takes tens of seconds on this loaded machine); the model answered normally after.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from typing import Any

_LOCK = threading.Lock()


class AbortSwitch:
    """One loaded model's switch: ``set`` aborts its decode under way (and every one after, until ``clear``)."""

    def __init__(self, llm: Any) -> None:
        import llama_cpp

        self._flag = ctypes.create_string_buffer(2)
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        # kept on the switch: llama.cpp holds the pointers, Python must not free them
        self._callback = ctypes.cast(libc.strlen, llama_cpp.ggml_abort_callback)
        llama_cpp.llama_set_abort_callback(llm._ctx.ctx, self._callback, ctypes.cast(self._flag, ctypes.c_void_p))

    def set(self) -> None:
        self._flag.value = b"x"

    def clear(self) -> None:
        self._flag.value = b""

    @property
    def is_set(self) -> bool:
        return self._flag.value != b""


def abort_switch(llm: Any) -> AbortSwitch | None:
    """The switch of ``llm`` (a ``llama_cpp.Llama``), installed on its first use; None where this llama-cpp-python
    has no abort callback or the model has no context (then a Stop waits for the next token, as before)."""
    with _LOCK:
        switch = getattr(llm, "_macrohard_abort", None)
        if switch is None:
            try:
                switch = AbortSwitch(llm)
            except (AttributeError, ImportError, OSError):
                return None
            llm._macrohard_abort = switch  # lives as long as the model's context
        return switch


def installed_switch(llm: Any) -> AbortSwitch | None:
    """The switch ``abort_switch`` installed on ``llm`` earlier, if any (none is installed here). A holder of the
    model's lock clears it first, with or without a Stop of its own: ``StreamStop.stop`` calls a Stop's enders
    outside its lock, so one taken just before its holder released it can ``set`` after the holder's last
    ``clear`` — left so, every later decode of the model would end at once (the lead, fifty-sixth wave: a fresh-clone
    run's embedded-model tests streamed nothing, one worker died in llama.cpp's sampler, after chat Stops)."""
    return getattr(llm, "_macrohard_abort", None)


_quiet = [0]  # holders of a stoppable lock now (``_quiet_logs``)


def _quiet_logs(on: bool) -> None:
    """llama.cpp's log callback is a Python function (llama-cpp-python's), called from inside a decode, an aborted
    one too ("decode: removing memory module entries …"): a Ctrl-C's Python handler ran in it, and the interrupt
    became "Exception ignored on calling ctypes callback function" and a traceback on the chat's terminal. While a
    stoppable decode runs the callback is libc's ``abs`` (a C no-op for this signature: no Python, nothing said;
    the messages are those ``verbose=False`` hides but the errors); the Python one is put back after."""
    import llama_cpp

    with _LOCK:
        _quiet[0] += 1 if on else -1
        if on and _quiet[0] == 1:
            llama_cpp.llama_log_set(_NO_LOG[0] or _no_log(), ctypes.c_void_p(0))
        elif not on and _quiet[0] == 0:
            from llama_cpp import _logger

            llama_cpp.llama_log_set(_logger.llama_log_callback, ctypes.c_void_p(0))


_NO_LOG: list[Any] = [None]


def _no_log() -> Any:
    import llama_cpp

    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    _NO_LOG[0] = ctypes.cast(libc.abs, llama_cpp.llama_log_callback)  # kept: llama.cpp holds the pointer
    return _NO_LOG[0]


class StoppableLock:
    """A model's lock (``local_load.load``'s, shared by every user of one loaded model) whose holder's decodes end at
    its thread's ``current_stop()``: taken, the switch is cleared (a decode after an earlier Stop runs) and the stop,
    if any, holds ``set`` until the lock is given back. So a Stop aborts only the decodes of the call that it
    belongs to (the web run's model call, ``server/live._Stoppable``), never another's holding the same model."""

    def __init__(self, lock: Any, llm: Any) -> None:
        self._lock, self._llm = lock, llm
        self._held: list[tuple[AbortSwitch | None, Any]] = []

    def __enter__(self) -> StoppableLock:
        from macrohard.models.streaming import current_stop

        self._lock.acquire()
        try:
            stop = current_stop()
            switch = abort_switch(self._llm) if stop is not None else installed_switch(self._llm)
            if switch is not None:
                switch.clear()  # also a Stop's late ``set`` (``StreamStop.stop`` calls its enders after their release)
            release = stop.hold(switch.set) if stop is not None and switch is not None else None
            if release is not None:
                _quiet_logs(True)
        except BaseException:
            self._lock.release()
            raise
        self._held.append((switch, release))
        return self

    def __exit__(self, *exc: object) -> None:
        switch, release = self._held.pop()
        try:
            if release is not None:
                release()
                _quiet_logs(False)
            if switch is not None:
                switch.clear()  # the next holder's decode runs
        finally:
            self._lock.release()

    def locked(self) -> bool:
        return bool(self._lock.locked())


__all__ = ["AbortSwitch", "StoppableLock", "abort_switch", "installed_switch"]
