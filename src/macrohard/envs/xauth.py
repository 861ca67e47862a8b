"""The desktop's X authorization (x57): the host side trusted, every program the agent launches untrusted.

rt56b: without ``-auth`` Xvfb let any client on its socket in as a trusted one, so a program launched on the desktop
typed into the focused terminal with XTEST (a command the guard never saw) and read every window with GetImage. Now
Xvfb starts with ``-auth`` (one random MIT-MAGIC-COOKIE-1, ``-noreset`` so it is never forgotten) and the X SECURITY
extension, and the cookie is held by the host's own connections (XTEST input, ``mss`` screenshots, the watcher: this
process's ``XAUTHORITY`` names a file of ours with the display's entry first, then the person's own file), by the
window manager and by the terminals' supervisor and the terminals it starts (``/.macrohard/xauth``, off the launched
programs' Landlock domain). Every program the supervisor starts under ``confine`` — each ``desktop_launch``, each
terminal's shell and what runs in it — gets ``XAUTHORITY=UNTRUSTED``: a cookie the server made with
SecurityGenerateAuthorization, trust level untrusted, no timeout. Such a client has no XTEST, XInput or RECORD, and
GetImage of the root, grabs and SetInputFocus are refused (BadAccess); its own windows work (xterm, Tk, xmessage).
"""

from __future__ import annotations

import os
import shutil
import socket
import struct
import tempfile
import threading
from pathlib import Path

COOKIE = b"MIT-MAGIC-COOKIE-1"
WILD, LOCAL = 0xFFFF, 256
TRUSTED = "/.macrohard/xauth"  # in the sandbox: the terminals' supervisor and the terminals (outside confine)
BOOT_DIR = "/tmp/.macrohard-boot"  # the cookie for Xvfb's -auth and the window manager; gone once they are up
PUBLIC_DIR = "/tmp/.macrohard-x"  # read-only in the sandbox: the untrusted cookie
UNTRUSTED = f"{PUBLIC_DIR}/xauth"


def entry(family: int, address: bytes, number: int, data: bytes, name: bytes = COOKIE) -> bytes:
    """One Xauthority record (libXau's format: big-endian lengths)."""
    out = struct.pack(">H", family)
    for field in (address, str(number).encode(), name, data):
        out += struct.pack(">H", len(field)) + field
    return out


def cookie_of(raw: bytes) -> bytes | None:
    """The first MIT-MAGIC-COOKIE-1 in an Xauthority file's bytes."""
    at = 0
    try:
        while at < len(raw):
            fields = []
            at += 2
            for _ in range(4):
                (n,) = struct.unpack(">H", raw[at:at + 2])
                fields.append(raw[at + 2:at + 2 + n])
                at += 2 + n
            if fields[2] == COOKIE:
                return fields[3]
    except struct.error:
        return None
    return None


def write(path: str | Path, data: bytes) -> None:
    """Write ``path`` whole (a temporary file beside it, renamed over it), mode 0600."""
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".xauth-")
    try:
        os.write(fd, data)
    finally:
        os.close(fd)
    os.replace(tmp, path)


class HostAuthority:
    """This process's ``XAUTHORITY``: an entry for each running desktop's display, then the person's own file (read
    when it is written), so python-xlib, mss (libXau) and any X client we start reach the desktops as trusted."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cookies: dict[int, bytes] = {}
        self._path: str | None = None
        self._given = os.environ.get("XAUTHORITY")  # put back once no desktop runs
        self._own = self._given or os.path.expanduser("~/.Xauthority")

    def add(self, number: int, cookie: bytes) -> None:
        with self._lock:
            self._cookies[number] = cookie
            self._write()

    def remove(self, number: int) -> None:
        """Forget ``number``'s entry; with no desktop left, delete our file and folder (no folder outlives a run in
        the temporary directory) and give ``XAUTHORITY`` back its value."""
        with self._lock:
            if self._cookies.pop(number, None) is None or self._path is None:
                return
            if self._cookies:
                self._write()
                return
            shutil.rmtree(os.path.dirname(self._path), ignore_errors=True)
            self._path = None
            if os.environ.get("XAUTHORITY") is not None:
                if self._given is None:
                    del os.environ["XAUTHORITY"]
                else:
                    os.environ["XAUTHORITY"] = self._given

    def _write(self) -> None:
        if self._path is None:
            from macrohard.envs.leftovers import own_folder

            # owned (the lead, fifty-sixth wave): a killed run's folder is swept by the next (test_outsider53)
            self._path = os.path.join(own_folder("macrohard-xauth-"), "Xauthority")
        host = socket.gethostname().encode()
        data = b"".join(entry(LOCAL, host, n, c) + entry(WILD, b"", n, c) for n, c in self._cookies.items())
        if self._own != self._path:
            try:
                data += Path(self._own).read_bytes()
            except OSError:
                pass
        write(self._path, data)
        os.environ["XAUTHORITY"] = self._path


HOST = HostAuthority()
