"""Who is on the other end of a request: the web app refuses a process inside a macrohard sandbox.

The app is the approval path: whoever it serves answers the guard's questions (with ``--no-auth``, as an
owner). A sandbox in network ``full`` shares the host's network namespace, so its programs (Chromium, curl)
connect to the app's port straight from 127.0.0.1, past the allow-list proxy that holds every other mode off
it (``envs.served``): a browser run in ``full`` opened the run page of another run and clicked Approve on its
question (rt42). The address cannot tell such a client from the person's browser; the kernel can. The
connection's socket is found in the kernel's socket table (the same namespace, so the client's end is listed; one
``sock_diag`` lookup, ``/proc/net/tcp`` where that is refused), and looked for among the descriptors of the
processes inside macrohard's bubblewraps (``sandbox.bwrap_argv``: ``--hostname sandbox``, and every process below
one): held by one of them, it is a sandboxed client. With no sandbox running no descriptor is read. A client found
nowhere (another machine, a process outside every sandbox) is left to the
app's auth, as before.

Each connection is looked up once (its addresses and socket's inode are remembered with the answer).
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import socket
import struct
import threading
from typing import Any

_MARK = b"--hostname\0sandbox\0"
_known: dict[tuple[Any, ...], bool] = {}
_lock = threading.Lock()
_NETLINK_SOCK_DIAG, _SOCK_DIAG_BY_FAMILY, _NO_COOKIE = 4, 20, 0xFFFFFFFF


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """``host`` as an address; an IPv4-mapped IPv6 one (a dual-stack listener's view of an IPv4 client) as IPv4."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    return (ip.ipv4_mapped or ip) if isinstance(ip, ipaddress.IPv6Address) else ip


def _spellings(client: tuple[str, int], server: tuple[str, int]) -> list[tuple[int, bytes, bytes]]:
    """The ways the client's socket may be filed: ``(family, client 16 bytes, server 16 bytes)``. An IPv4 pair is
    also looked for as IPv4-mapped IPv6 (a client whose own socket is AF_INET6 connecting to ``::ffff:a.b.c.d``)."""
    mine, theirs = _ip(client[0]), _ip(server[0])
    if mine is None or theirs is None or mine.version != theirs.version:
        return []
    if mine.version == 6:
        return [(socket.AF_INET6, mine.packed, theirs.packed)]
    mapped = [b"\0" * 10 + b"\xff\xff" + ip.packed for ip in (mine, theirs)]  # ::ffff:a.b.c.d
    return [(socket.AF_INET, mine.packed.ljust(16, b"\0"), theirs.packed.ljust(16, b"\0")),
            (socket.AF_INET6, mapped[0], mapped[1])]


def _diag_inode(family: int, client: tuple[bytes, int], server: tuple[bytes, int]) -> int | None:
    """The inode of the TCP socket ``client`` -> ``server`` from the kernel's socket table by its four fields
    (``sock_diag``, as ``ss`` asks): one exact lookup, where ``/proc/net/tcp`` is generated whole for every read
    (1.5 ms with 400 sockets on the machine, growing with them). 0 from the kernel: no such socket."""
    sockid = struct.pack("!HH16s16s", client[1], server[1], client[0], server[0])
    sockid += struct.pack("=III", 0, _NO_COOKIE, _NO_COOKIE)
    request = struct.pack("=BBBBI", family, socket.IPPROTO_TCP, 0, 0, 0xFFFFFFFF) + sockid
    message = struct.pack("=IHHII", 16 + len(request), _SOCK_DIAG_BY_FAMILY, 1, 1, 0) + request  # NLM_F_REQUEST
    with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, _NETLINK_SOCK_DIAG) as nl:
        nl.settimeout(1.0)
        nl.sendto(message, (0, 0))
        reply = nl.recv(65536)
    if len(reply) < 16 + 4 + 48 + 20 or struct.unpack_from("=H", reply, 4)[0] != _SOCK_DIAG_BY_FAMILY:
        return 0  # NLMSG_ERROR: the kernel has no such socket
    return struct.unpack_from("=IIIII", reply, 16 + 4 + 48)[4]


def _table_inode(family: int, client: tuple[bytes, int], server: tuple[bytes, int]) -> int | None:
    """The same from ``/proc/net/tcp`` or ``tcp6`` (where netlink's socket diagnostics are not allowed)."""
    def hexed(packed: bytes, port: int) -> str:
        if family == socket.AF_INET:
            return f"{struct.unpack('<I', packed[:4])[0]:08X}:{port:04X}"
        return "".join(f"{w:08X}" for w in struct.unpack("<4I", packed)) + f":{port:04X}"

    mine, theirs = hexed(*client), hexed(*server)
    try:
        with open("/proc/net/tcp" if family == socket.AF_INET else "/proc/net/tcp6") as fh:
            lines = fh.read().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if len(fields) > 9 and fields[1] == mine and fields[2] == theirs:
            return int(fields[9])
    return 0


def socket_inode(client: tuple[str, int], server: tuple[str, int]) -> int | None:
    """The inode of the client's end of the connection ``client`` -> ``server``, if it is on this machine (an
    IPv4-mapped address, as a dual-stack listener sees an IPv4 client, is looked for as the IPv4 it is)."""
    for family, mine, theirs in _spellings(client, server):
        ends = ((mine, int(client[1])), (theirs, int(server[1])))
        try:
            inode = _diag_inode(family, *ends)
        except OSError:
            inode = _table_inode(family, *ends)
        if inode:
            return inode
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

