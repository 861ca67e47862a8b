"""Short private folders for the unix sockets a run makes (the network proxy's, the desktop's X socket, Ray's).

A unix socket's path ends at 108 bytes (``sun_path``, 107 and the NUL). The temporary directory is the natural
place for a run's sockets, but a deep ``TMPDIR`` (pytest's basetemp, ``TMPDIR=/home/someone/very/long/project/
path/tmp``) leaves no room: before (rel54) the browser's proxy failed with "AF_UNIX path too long" and the desktop
with "Xvfb did not start". Where the temporary directory is short, it is used as before; where it is not, the
socket's folder is made in ``$XDG_RUNTIME_DIR`` when that is short and this user's alone, else in ``/tmp``. Each
folder is ``mkdtemp``'s (a new name no other user can have made first, mode 0700), so a folder another user made in
``/tmp`` ahead is never used.
"""

from __future__ import annotations

import os
import stat
import tempfile

from macrohard.envs.leftovers import own_folder
from macrohard.errors import ConfigError

SUN_PATH = 107  # bytes a unix socket's path may have on Linux (108 with its NUL)
# what goes after the base: "/macrohard-desktop-pPID.START.NS-XXXXXXXX/x11/X1999" (up to 68, ``leftovers``' owner
# mark), the proxy's (67), Ray's "/ray/session_2026-12-07_01-23-45_123456_1234567/sockets/plasma_store" (70)
ROOM = 72


def fits(path: str) -> bool:
    """Whether ``path`` can be a unix socket's address."""
    return len(os.fsencode(path)) <= SUN_PATH


def _short(folder: str) -> bool:
    return len(os.fsencode(folder)) + ROOM <= SUN_PATH


def _own_private(folder: str) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid() and not st.st_mode & 0o077


def base() -> str:
    """Where a socket's folder is made: the temporary directory when it is short enough, else ``$XDG_RUNTIME_DIR``
    (a short folder of this user's alone), else ``/tmp``."""
    tmp = tempfile.gettempdir()
    if _short(tmp):
        return tmp
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and _short(runtime) and _own_private(runtime):
        return runtime
    return "/tmp"


def bases(*, include_tmp: bool = True) -> list[str]:
    """Every folder ``base`` may have chosen (``/tmp`` whatever TMPDIR is, unless ``include_tmp`` is false)."""
    found = [tempfile.gettempdir(), base(), *(["/tmp"] if include_tmp else [])]
    return [p for i, p in enumerate(found) if p not in found[:i]]


def make(prefix: str, what: str) -> str:
    """A new private folder (0700) for ``what`` (the sockets it will hold, in words), short enough for them."""
    where = base()
    try:
        return own_folder(prefix, where)
    except OSError as exc:
        tmp = tempfile.gettempdir()
        raise ConfigError(
            f"cannot make a folder for {what} in {where} ({exc.strerror or exc}); a unix socket's path ends at 108 "
            f"bytes, and the temporary directory {tmp} ({len(os.fsencode(tmp))} bytes) leaves too little room: set a "
            "shorter TMPDIR (`export TMPDIR=/tmp`) or make /tmp writable") from exc


def socket_in(folder: str, name: str, prefix: str, what: str) -> tuple[str, str | None]:
    """``folder/name`` when it fits a unix socket's address; else the same name in a new short folder
    (``make``). Returns the path and the new folder (None when ``folder`` was used), which the caller removes."""
    path = os.path.join(folder, name)
    if fits(path):
        return path, None
    short = make(prefix, what)
    return os.path.join(short, name), short
