"""llama.cpp's log callback as a C no-op for the whole process, so that a Ctrl-C during a model's load is not lost.

llama-cpp-python hands llama.cpp a *Python* log callback (``llama_cpp._logger``), which llama.cpp calls many times
while it loads a model (and while it decodes). Python runs a signal's handler at the next Python code the main thread
runs: for a Ctrl-C that comes while the main thread is in llama.cpp's load, that is this callback, and an exception
raised in a ctypes callback is printed ("Exception ignored on calling ctypes callback function") and dropped; with
``verbose=False`` even the print goes to /dev/null (llama-cpp-python's fd swap). Measured (rel59): `macrohard chat
--model local` given Ctrl-C while the model loaded went on, answered the message and exited 0 (20.5 s later); in a
bare process, 2 of 2 SIGINTs during ``Llama(...)`` never raised. With the C no-op, the KeyboardInterrupt comes when
the load returns. rel57 had made the callback a no-op only while a stoppable decode runs (``local_abort._quiet_logs``);
with this module's no-op set before every load the product makes (``get_model("local")``, the Gemma screen's
vocabulary), that put the same no-op back and went (rel61; a ``LocalModel`` built directly, as some tests do, keeps
llama-cpp-python's Python callback). What is lost: llama.cpp's own error lines on stderr (with ``verbose=False``
only its errors were shown, and a failed load still raises with its reason).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

_lock = threading.Lock()
_no_log: list[Any] = []  # the C callback, kept referenced: llama.cpp holds its pointer


def quiet() -> None:
    """Make llama.cpp's log callback a C no-op (libc's ``abs``) for this process, once; nothing where llama-cpp-python
    is missing or laid out otherwise (the model's load then says what is wrong)."""
    with _lock:
        if _no_log:
            return
        try:
            import llama_cpp
            from llama_cpp import _logger
        except ImportError:
            return
        kind = getattr(llama_cpp, "llama_log_callback", None)
        if kind is None or not hasattr(_logger, "llama_log_callback"):
            return
        no_log = ctypes.cast(ctypes.CDLL(None).abs, kind)
        _no_log.append(no_log)
        _logger.llama_log_callback = no_log  # what ``local_abort`` puts back after a stoppable decode
        llama_cpp.llama_log_set(no_log, ctypes.c_void_p(0))


__all__ = ["quiet"]
