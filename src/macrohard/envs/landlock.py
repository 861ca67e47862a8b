"""The host's abstract unix sockets out of a sandbox's reach: a Landlock scope on every bubblewrap we start.

Abstract unix sockets (``@/tmp/.X11-unix/X0``, a session bus, an IDE's or an agent's control socket) have no
file: they belong to a network namespace. A sandbox in network ``full`` shares the host's (``--share-net``), so
a command in it could connect to the person's own X server (``@/tmp/.X11-unix/X0``: read the screen, type into
their terminal) or any other service listening there, past the guard, whose rules never see a socket's address
in a Python one-liner. The lead's probe in the forty-third wave reached a host process's abstract socket from a
``full`` shell run under an open policy and read what it served.

Landlock (Linux 6.12+, ABI 6) scopes a domain: a process in it cannot connect to an abstract socket that a
process outside it created, nor signal one. Each bubblewrap is started from a thread of its own that first
enters a fresh domain (``PR_SET_NO_NEW_PRIVS``, ``landlock_restrict_self``; both hold for that thread
and what it starts, never for this process), so two sandboxes are two domains and cannot reach each other's
sockets either; inside one sandbox its programs still talk to one another. File-path unix sockets (the proxy's,
the desktop's X socket) are untouched. The thread waits until its bubblewrap exits: ``--die-with-parent`` is
tied to the thread that started the process, so a thread that ended at once took its sandbox down. Without the kernel's support (Debian 12's 6.1) it is plain ``Popen`` and
``scoped()`` says so, and a ``full`` sandbox's ``describe()`` (the run's meta) names the gap and the kernel it needs.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import struct
import subprocess
import threading
from typing import Any

_CREATE_RULESET, _RESTRICT_SELF = 444, 446  # the same numbers on every architecture (the generic syscall table)
_VERSION = 1  # LANDLOCK_CREATE_RULESET_VERSION
_SCOPES = 0x1 | 0x2  # LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET | LANDLOCK_SCOPE_SIGNAL
_PR_SET_NO_NEW_PRIVS = 38
_state: dict[str, Any] = {}
_lock = threading.Lock()


@functools.cache
def _libc() -> Any:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.syscall.restype = ctypes.c_long
    return libc


def abi() -> int:
    """The kernel's Landlock ABI version, 0 without Landlock."""
    try:
        version = _libc().syscall(ctypes.c_long(_CREATE_RULESET), None, ctypes.c_long(0), ctypes.c_long(_VERSION))
    except (OSError, AttributeError):
        return 0
    return max(int(version), 0)


def _enter_domain() -> None:
    """This thread (and what it starts from now on) into a new domain scoped off outside abstract sockets."""
    libc = _libc()
    attr = ctypes.create_string_buffer(struct.pack("=QQQ", 0, 0, _SCOPES))
    fd = libc.syscall(ctypes.c_long(_CREATE_RULESET), attr, ctypes.c_long(len(attr.raw)), ctypes.c_long(0))
    if fd < 0:
        raise OSError(ctypes.get_errno(), f"landlock_create_ruleset: {os.strerror(ctypes.get_errno())}")
    try:
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_NO_NEW_PRIVS)")
        if libc.syscall(ctypes.c_long(_RESTRICT_SELF), ctypes.c_long(fd), ctypes.c_long(0)) != 0:
            raise OSError(ctypes.get_errno(), f"landlock_restrict_self: {os.strerror(ctypes.get_errno())}")
    finally:
        os.close(fd)


def _in_thread(fn: Any, *, stay: bool = False) -> Any:
    """``fn()`` in a new thread inside a new domain; its value. ``stay``: ``fn`` returns a ``Popen`` and the thread
    lives on until that child exits, since the child's ``PR_SET_PDEATHSIG`` (bubblewrap's ``--die-with-parent``)
    fires when the THREAD that started it ends, not the process: a thread that left at once killed every sandbox."""
    out: dict[str, Any] = {}
    ready = threading.Event()

    def run() -> None:
        try:
            _enter_domain()
            out["value"] = fn()
        except BaseException as exc:  # handed to the caller's thread
            out["error"] = exc
        finally:
            ready.set()
        if stay and "value" in out:
            with contextlib.suppress(ChildProcessError, OSError):  # the owner may reap it first: then it is gone
                os.waitid(os.P_PID, out["value"].pid, os.WEXITED | os.WNOWAIT)

    worker = threading.Thread(target=run, name="macrohard-scoped-spawn", daemon=True)
    worker.start()
    ready.wait()
    if "error" in out:
        raise out["error"]
    return out["value"]


def scoped() -> bool:
    """Whether sandboxes are started in a scoped domain here: the kernel has ABI 6+ and entering one works (tried
    once, in a throwaway thread)."""
    with _lock:
        if "scoped" not in _state:
            ok = abi() >= 6
            if ok:
                try:
                    _in_thread(lambda: None)
                except OSError:
                    ok = False
            _state["scoped"] = ok
        return _state["scoped"]


def popen(argv: list[str], **kwargs: Any) -> subprocess.Popen[bytes]:
    """``subprocess.Popen(argv, **kwargs)``, the child in a Landlock domain of its own where the kernel scopes."""
    if not scoped():
        return subprocess.Popen(argv, **kwargs)
    return _in_thread(lambda: subprocess.Popen(argv, **kwargs), stay=True)


def describe() -> str:
    """One line for a ``full`` sandbox's ``describe()``: what holds a ``full`` sandbox off the host's abstract sockets."""
    if scoped():
        return "scoped (Landlock): the host's abstract unix sockets are out of reach"
    return (f"open: this kernel (Landlock ABI {abi()}, scopes need 6, Linux 6.12+) lets a sandbox in network 'full' "
            "reach the host's abstract unix sockets (an X server's @/tmp/.X11-unix/X0); keep 'full' off untrusted "
            "content here")
