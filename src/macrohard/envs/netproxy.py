"""An HTTP proxy that forwards only to allowed hosts: the sandbox's one way out in ``hosts`` mode.

The sandbox has its own network namespace with nothing but loopback. The proxy listens on a unix
socket that is bound into the sandbox; inside, ``socat`` relays ``127.0.0.1:3128`` to it, and
``http_proxy``/``https_proxy`` point there. ``CONNECT host:port`` (HTTPS) and absolute-form
``GET http://host/...`` requests are forwarded when the host is allowed; everything else gets a
403 that says why. Every request is logged in ``requests`` (for the run record). A plain-HTTP
request is forwarded with ``Connection: close`` both ways, so a client never sends its next
request, perhaps for another host, down a connection already opened to an allowed one. The
browser uses the same proxy (``browser_sandbox.py``); its ``redirects`` hook sees each plain-HTTP
redirect before the client does and may answer 403 in its place (a browser's route handler never sees
a redirect's next hop: ``envs.browser_sends``). It never forwards to a port where ``macrohard serve`` listens
(``served.py``), whatever the allow list says: a sandbox there could answer the guard's questions itself.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import select
import socket
import socketserver
import sys
import threading
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from macrohard.envs import served, sockdirs

RELAY_PORT = 3128


def is_loopback(host: str) -> bool:
    """``localhost`` or a loopback address literal (127.0.0.0/8, ::1)."""
    host = host.lower().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def host_allowed(host: str, port: int, allow: list[str]) -> bool:
    """``example.com`` allows that host on any port, ``*.example.com`` its subdomains, ``host:443`` one
    port; the rule ``loopback`` allows every loopback address of the machine (:func:`is_loopback`)."""
    host = host.lower().strip("[]")
    for rule in allow:
        rule = rule.lower()
        if rule == "loopback":
            if is_loopback(host):
                return True
            continue
        rule_host, _, rule_port = rule.rpartition(":") if rule.count(":") == 1 else (rule, "", "")
        if rule_port and rule_port != str(port):
            continue
        if rule_host.startswith("*."):
            if host.endswith(rule_host[1:]):
                return True
        elif host == rule_host:
            return True
    return False


def serves_approvals(upstream: socket.socket) -> bool:
    """Whether ``upstream`` is connected to a ``macrohard serve`` of this machine (``served.py``): judged by the
    address connected to, so a name that resolves to loopback, or to one of the machine's own addresses, counts."""
    try:
        peer, mine = upstream.getpeername(), upstream.getsockname()
    except OSError:
        return False
    if not (is_loopback(str(peer[0])) or peer[0] == mine[0]):
        return False
    return int(peer[1]) in served.served_ports()


class _Handler(socketserver.BaseRequestHandler):
    server: _Server

    def handle(self) -> None:
        client: socket.socket = self.request
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk or len(head) > 65536:
                return
            head += chunk
        header, _, rest = head.partition(b"\r\n\r\n")
        request_line, _, headers = header.decode("latin-1").partition("\r\n")
        try:
            method, target, version = request_line.split(" ", 2)
        except ValueError:
            return self._refuse(client, 400, "malformed request line")
        if method == "CONNECT":
            host, _, port_text = target.rpartition(":")
            host, port = host.strip("[]"), int(port_text) if port_text.isdigit() else 443
        else:
            url = urlsplit(target)
            if url.scheme != "http" or not url.hostname:
                return self._refuse(client, 400, "only CONNECT and absolute http:// requests go through this proxy")
            host, port = url.hostname, url.port or 80
            path = (url.path or "/") + (f"?{url.query}" if url.query else "")
            rest = f"{method} {path} {version}\r\n{_closing(headers)}\r\n\r\n".encode("latin-1") + rest
        allowed = host_allowed(host, port, self.server.allow)
        self.server.requests.append({"method": method, "host": host, "port": port, "allowed": allowed})
        if not allowed:
            return self._refuse(client, 403, f"macrohard sandbox: {host}:{port} is not in the allowed hosts")
        if self.server.admits is not None and (why := self.server.admits(host, port)):
            self.server.requests[-1]["allowed"] = False
            return self._refuse(client, 403, why)
        try:
            upstream = socket.create_connection((host, port), timeout=10)
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle stalls
        except OSError as exc:
            return self._refuse(client, 502, f"cannot reach {host}:{port}: {exc}")
        if serves_approvals(upstream):
            upstream.close()
            self.server.requests[-1]["allowed"] = False
            return self._refuse(client, 403, f"macrohard sandbox: {host}:{port} is macrohard's own web app, where "
                                             "people answer the guard's questions; no sandbox reaches it")
        with upstream:
            upstream.settimeout(None)
            if method == "CONNECT":
                client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                if rest:
                    upstream.sendall(rest)
                with self.server.lock:
                    self.server.tunnels[id(client)] = (host.lower(), port, client, upstream)
                try:
                    _pump(client, upstream)
                finally:
                    with self.server.lock:
                        self.server.tunnels.pop(id(client), None)
                return
            upstream.sendall(rest)
            if not _relay_response_head(upstream, client, self.server.redirects, target, headers):
                return
            _pump(client, upstream)

    @staticmethod
    def _refuse(client: socket.socket, code: int, reason: str) -> None:
        body = (reason + "\n").encode()
        client.sendall(f"HTTP/1.1 {code} {reason[:60]}\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
                       f"Connection: close\r\n\r\n".encode() + body)


def _closing(headers: str) -> str:
    """Header lines with any connection-reuse header replaced by ``Connection: close``."""
    drop = ("connection:", "proxy-connection:", "keep-alive:")
    lines = [line for line in headers.split("\r\n") if line and not line.lower().startswith(drop)]
    return "\r\n".join([*lines, "Connection: close"])


Redirects = Callable[[str, str, str], "str | None"]
# rt55b: the browser's send gate sees only the requests Playwright routes; a keepalive request (a beacon, a
# `fetch(…, {keepalive: true})`) sent as a page unloads is the browser process's own and reaches no route. The proxy
# asks the gate about every request it is handed: (host, port) -> why it may not go now, or None.
Admits = Callable[[str, int], "str | None"]


def _relay_response_head(upstream: socket.socket, client: socket.socket, redirects: Redirects | None = None,
                         url: str = "", request_headers: str = "") -> bool:
    """Send the upstream's response head to the client with ``Connection: close`` (False: none came, or a
    redirect ``redirects`` refused was answered with 403 in its place)."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = upstream.recv(65536)
        if not chunk or len(head) > 65536:
            if head:
                client.sendall(head)
            return False
        head += chunk
    header, _, body = head.partition(b"\r\n\r\n")
    status, _, headers = header.decode("latin-1").partition("\r\n")
    if redirects is not None and status.split(" ")[1:2] in (["301"], ["302"], ["303"], ["307"], ["308"]):
        location = next((line.split(":", 1)[1].strip() for line in headers.split("\r\n")
                         if line.lower().startswith("location:")), "")
        if location and (reason := redirects(url, urljoin(url, location), request_headers)):
            _Handler._refuse(client, 403, reason)
            return False
    client.sendall(f"{status}\r\n{_closing(headers)}\r\n\r\n".encode("latin-1") + body)
    return True


def _pump(a: socket.socket, b: socket.socket) -> None:
    peers = {a: b, b: a}
    while True:
        ready, _, _ = select.select(list(peers), [], [], 300)
        if not ready:
            return
        for sock in ready:
            try:
                data = sock.recv(65536)
                if not data:
                    return
                peers[sock].sendall(data)
            except OSError:  # one side hung up hard (a reset, a broken pipe): the relay is over, nothing to say
                return


class _Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    block_on_close = False
    allow: list[str]
    requests: list[dict[str, object]]
    redirects: Redirects | None
    admits: Admits | None
    lock: threading.Lock
    tunnels: dict[int, tuple[str, int, socket.socket, socket.socket]]  # open CONNECT tunnels: host, port, both ends

    def handle_error(self, request: object, client_address: object) -> None:
        """A peer that hung up (a reset, a broken pipe, a timeout) ends its connection in silence. Before (rel46b):
        socketserver printed "Exception occurred during processing of request" and a ConnectionResetError traceback
        into the run's live view, when the browser closed a download the page's server was still sending."""
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)


class HostProxy:
    """The allow-list proxy of one sandbox, serving on a unix socket in a background thread."""

    def __init__(self, socket_path: str, allow: list[str], redirects: Redirects | None = None,
                 admits: Admits | None = None) -> None:
        self.socket_path = self._asked = socket_path
        self.allow = list(allow)
        self.redirects = redirects  # (request URL, where it redirects, request headers) -> why not, or None
        self.admits = admits  # (host, port) -> why a request there may not go now, or None (the browser's send gate)
        self.server: _Server | None = None
        self.thread: threading.Thread | None = None
        self._short: str | None = None  # a short folder of its own, when ``socket_path`` was too long for a socket

    @property
    def requests(self) -> list[dict[str, object]]:
        return [] if self.server is None else list(self.server.requests)

    def start(self) -> None:
        """Serve; the socket is at ``socket_path`` afterwards (rel54: moved to a short folder of its own where the
        given path is too long for a unix socket, a deep TMPDIR or data dir: "AF_UNIX path too long" before)."""
        if self._short is None and not sockdirs.fits(self._asked):
            self.socket_path, self._short = sockdirs.socket_in(os.path.dirname(self._asked),
                                                               os.path.basename(self._asked),
                                                               "macrohard-proxy-", "the network proxy's socket")
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket_path)
        try:
            server = _Server(self.socket_path, _Handler)
        except BaseException:
            self.close()
            raise
        server.allow, server.requests, server.redirects, server.admits = self.allow, [], self.redirects, self.admits
        server.lock, server.tunnels = threading.Lock(), {}
        self.server = server
        # close() waits for the loop's next poll: every sandbox's and browser's close waited up to 0.2 s (speed50)
        self.thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                       name="macrohard-proxy", daemon=True)
        self.thread.start()

    def cut(self, keep: Callable[[str, int], bool]) -> list[str]:
        """Close every open CONNECT tunnel whose address ``keep`` does not keep; returns their ``host:port``.

        rt56b: inside a tunnel the proxy sees nothing, so a request the browser sends down one it opened earlier
        (kept alive between requests: HTTPS) never reaches ``admits``. The browser's send gate cuts the tunnels to
        addresses it would not let a request reach once the agent typed: the browser's next request there opens a
        new tunnel, which ``admits`` judges."""
        if self.server is None:
            return []
        with self.server.lock:
            gone = [t for t in self.server.tunnels.values() if not keep(t[0], t[1])]
        for _, _, *ends in gone:
            for end in ends:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
        return [f"{host}:{port}" for host, port, *_ in gone]

    def close(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.socket_path)
        if self._short is not None:
            with contextlib.suppress(OSError):
                os.rmdir(self._short)
            self.socket_path, self._short = self._asked, None


def relay_script(socket_path: str, then: str) -> str:
    """The shell line that starts the relay inside the sandbox, waits until it listens, then ``exec``s.

    ``nodelay``: the relay writes a response in pieces; with Nagle on, a piece could wait for the
    client's delayed ACK (40 ms)."""
    port_hex = f"{RELAY_PORT:04X}"
    return (f"socat TCP-LISTEN:{RELAY_PORT},bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:{socket_path} "
            f"</dev/null >/dev/null 2>&1 & "
            f"i=0; while [ $i -lt 200 ] && ! grep -q ':{port_hex} ' /proc/net/tcp; do i=$((i+1)); sleep 0.005; done; "
            f"exec {then}")
