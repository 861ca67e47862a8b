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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_LOCK = threading.Lock()


class AbortSwitch:
    """One loaded model's switch. A holder of the model's lock ``arm``s it for its tenure and gets the one ender that
    can abort its decodes; ``disarm`` (the holder's release) makes that ender a no-op for good. llama.cpp has the
    callback only while a holder is armed: every other decode of the model runs with none at all.

    Why epochs: ``StreamStop.stop`` calls its enders outside its lock, so an ender taken just before its holder
    released the model can run after that release, even during the next holder's decode, and abort a call that no
    Stop was meant for (tests/models/test_abort_late_set.py: both failed on 72d71975). The empty chats and the sampler's
    abort() that first pointed here were the AMX-repacked weights' garbage (``local_cpu.AMX``), found later."""

    def __init__(self, llm: Any) -> None:
        import llama_cpp

        self._api = llama_cpp
        self._ctx = llm._ctx.ctx
        self._flag = ctypes.create_string_buffer(2)
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        # kept on the switch: llama.cpp holds the pointers, Python must not free them
        self._callback = ctypes.cast(libc.strlen, llama_cpp.ggml_abort_callback)
        self._none = llama_cpp.ggml_abort_callback()  # a NULL callback: llama.cpp asks nothing
        self._guard = threading.Lock()
        self._epoch = 0  # counts arms; an ender aborts only while its own arm is the current one
        self._armed = 0  # the epoch armed now; 0: none

    def arm(self) -> Callable[[], None]:
        """For the lock's holder (the lock held): the flag cleared, the callback installed; returns the ender that
        aborts this holder's decodes until ``disarm``, and never anything after."""
        with self._guard:
            self._epoch += 1
            epoch = self._armed = self._epoch
            self._flag.value = b""
            self._api.llama_set_abort_callback(self._ctx, self._callback, ctypes.cast(self._flag, ctypes.c_void_p))

        def end() -> None:
            with self._guard:
                if self._armed == epoch:
                    self._flag.value = b"x"

        return end

    def disarm(self) -> None:
        """The holder's release (the lock still held): the callback removed, the flag cleared, its ender spent."""
        with self._guard:
            self._armed = 0
            self._flag.value = b""
            self._api.llama_set_abort_callback(self._ctx, self._none, ctypes.c_void_p(0))

    @property
    def is_set(self) -> bool:
        """Whether the armed holder's ender has run (its decode was, or will be, aborted)."""
        return self._flag.value != b""


def abort_switch(llm: Any) -> AbortSwitch | None:
    """The switch of ``llm`` (a ``llama_cpp.Llama``), made on its first use; None where this llama-cpp-python has
    no abort callback or the model has no context (then a Stop waits for the next token, as before)."""
    with _LOCK:
        switch = getattr(llm, "_macrohard_abort", None)
        if switch is None:
            try:
                switch = AbortSwitch(llm)
            except (AttributeError, ImportError, OSError):
                return None
            llm._macrohard_abort = switch  # lives as long as the model's context
        return switch


def armed_switch(llm: Any) -> AbortSwitch | None:
    """The switch ``abortable`` armed on ``llm``, if one was ever made (for the holder's ``is_set`` after an abort)."""
    return getattr(llm, "_macrohard_abort", None)


@contextmanager
def abortable(llm: Any) -> Iterator[AbortSwitch | None]:
    """For a holder of ``llm``'s lock (entered with the lock held): where this thread reads under a Stop
    (``streaming.current_stop``), the model's switch armed for the block and the Stop holding its ender; yields the
    switch. Without a Stop: None, nothing installed. (llama.cpp's log callback is C for the whole process:
    ``models/llama_logs``.)"""
    from macrohard.models.streaming import current_stop

    stop = current_stop()
    switch = abort_switch(llm) if stop is not None else None
    if stop is None or switch is None:
        yield None
        return
    release = stop.hold(switch.arm())  # a Stop already made ends the decode at once
    try:
        yield switch
    finally:
        release()
        switch.disarm()


class StoppableLock:
    """A model's lock (``local_load.load``'s, shared by every user of one loaded model) whose holder's decodes end at
    its thread's ``current_stop()`` (``abortable``): so a Stop aborts only the decodes of the call that it belongs to
    (the web run's model call, ``server/live._Stoppable``), never another's holding the same model."""

    def __init__(self, lock: Any, llm: Any) -> None:
        self._lock, self._llm = lock, llm
        self._held: list[Any] = []

    def __enter__(self) -> StoppableLock:
        self._lock.acquire()
        try:
            held = abortable(self._llm)
            held.__enter__()
        except BaseException:
            self._lock.release()
            raise
        self._held.append(held)
        return self

    def __exit__(self, *exc: object) -> None:
        held = self._held.pop()
        try:
            held.__exit__(None, None, None)
        finally:
            self._lock.release()

    def locked(self) -> bool:
        return bool(self._lock.locked())


__all__ = ["AbortSwitch", "StoppableLock", "abort_switch", "abortable", "armed_switch"]
