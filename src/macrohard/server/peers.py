"""Who is on the other end of a request: the web app refuses a process inside a macrohard sandbox.

The app is the approval path: whoever it serves answers the guard's questions (with ``--no-auth``, as an
owner). A sandbox in network ``full`` shares the host's network namespace, so its programs (Chromium, curl)
connect to the app's port straight from 127.0.0.1, past the allow-list proxy that holds every other mode off
it (``envs.served``): a browser run in ``full`` opened the run page of another run and clicked Approve on its
question (rt42). The address cannot tell such a client from the person's browser; the kernel can. The
connection's socket is found in ``/proc/net/tcp`` (the same namespace, so the client's end is listed), and looked
for among the descriptors of the processes inside macrohard's bubblewraps (``sandbox.bwrap_argv``: ``--hostname
sandbox``, and every process below one): held by one of them, it is a sandboxed client. With no sandbox running
no descriptor is read. A client found nowhere (another machine, a process outside every sandbox) is left to the
app's auth, as before.

Each connection is looked up once (its addresses and socket's inode are remembered with the answer).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import struct
import threading
from typing import Any

_MARK = b"--hostname\0sandbox\0"
_known: dict[tuple[Any, ...], bool] = {}
_lock = threading.Lock()


def _hex_addr(host: str, port: int) -> tuple[str, str] | None:
    """``host:port`` as ``/proc/net/tcp`` (IPv4) or ``tcp6`` writes it."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.version == 4:
        return "tcp", f"{struct.unpack('<I', ip.packed)[0]:08X}:{port:04X}"
    words = struct.unpack("<4I", ip.packed)
    return "tcp6", "".join(f"{w:08X}" for w in words) + f":{port:04X}"


def socket_inode(client: tuple[str, int], server: tuple[str, int]) -> int | None:
    """The inode of the client's end of the connection ``client`` -> ``server``, if it is on this machine."""
    mine, theirs = _hex_addr(*client), _hex_addr(*server)
    if mine is None or theirs is None:
        return None
    tables = {mine[0], theirs[0]}
    if mine[0] == "tcp" and theirs[0] == "tcp":
        tables.add("tcp6")  # an IPv4 client of a dual-stack listener shows as ::ffff:a.b.c.d there, not here
    for table in sorted(tables):
        try:
            with open(f"/proc/net/{table}") as fh:
                lines = fh.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) > 9 and fields[1] == mine[1] and fields[2] == theirs[1]:
                return int(fields[9]) or None
    return None


def sandboxed_pids() -> set[int]:
    """The processes inside macrohard's bubblewrap sandboxes: the bwraps whose command line has ``--hostname
    sandbox`` (``sandbox.bwrap_argv``) and every process below them. None running: an empty set, found from each
    process's ``stat`` (its name and parent) without reading any descriptor."""
    parents: dict[int, int] = {}
    roots: set[int] = set()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        head, _, tail = stat.rpartition(b")")
        pid = int(name)
        parents[pid] = int(tail.split()[1])
        if head.endswith(b"(bwrap"):
            with contextlib.suppress(OSError), open(f"/proc/{name}/cmdline", "rb") as fh:
                if _MARK in fh.read():
                    roots.add(pid)
    inside, grew = set(roots), True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in inside and pid not in inside:
                inside.add(pid)
                grew = True
    return inside


def holds(pids: set[int], inode: int) -> bool:
    """Whether one of ``pids`` holds ``socket:[inode]``."""
    target = f"socket:[{inode}]"
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") == target:
                        return True
    return False


def from_sandbox(client: tuple[str, int] | None, server: tuple[str, int] | None) -> bool:
    """Whether the connection ``client`` -> ``server`` comes from a process inside a macrohard sandbox."""
    if not client or not server or not client[0] or not server[0]:
        return False
    inode = socket_inode((client[0], int(client[1])), (server[0], int(server[1])))
    if inode is None:
        return False
    key = (client[0], int(client[1]), server[0], int(server[1]), inode)
    with _lock:
        if key in _known:
            return _known[key]
    inside = sandboxed_pids()
    verdict = bool(inside) and holds(inside, inode)
    with _lock:
        if len(_known) > 4096:
            _known.clear()
        _known[key] = verdict
    return verdict


class RefuseSandboxes:
    """ASGI middleware: a request from inside a macrohard sandbox gets 403 and reaches no route."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] not in ("http", "websocket") or not from_sandbox(scope.get("client"), scope.get("server")):
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        body = (b'{"detail":"this request comes from inside a macrohard sandbox: an agent never reaches the web app '
                b'where people answer the guard"}')
        await send({"type": "http.response.start", "status": 403,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

