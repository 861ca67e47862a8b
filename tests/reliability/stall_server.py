"""Loopback HTTP servers for the reliability tests: a site of fixed pages, and a model server that answers, then
stalls (helper rel61).

Before, each test file that needed one carried its own copy (test_outsider46b, 47, 55, 56, 58_rel59,
test_late_ender58_rel60: the same ``ThreadingHTTPServer`` in a daemon thread, the same OpenAI-compatible answer, six
ways of hanging). Here once: ``Loopback`` serves a handler and takes it down again, waiting (bounded) for the
handlers still in a request, so that no test leaves a server thread holding a connection behind it; ``Site`` serves
pages; ``StallServer`` is the model server, its stall chosen by ``how``.
"""

from __future__ import annotations

import json
import select
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

WAIT = 10.0  # the bound on taking a server down (its handlers see ``release`` within 0.05 s)


class Loopback:
    """``handler`` served on 127.0.0.1 (a free port) in a daemon thread; a context manager, or ``start``/``close``.
    ``base`` is ``http://127.0.0.1:PORT``."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.handler = handler
        self.release = threading.Event()  # set at close: a handler holding a request lets it go
        self._active = 0
        self._idle = threading.Condition()

    def start(self) -> Loopback:
        loop = self

        class Counted(self.handler):  # type: ignore[misc, valid-type]
            def handle(self) -> None:
                with loop._idle:
                    loop._active += 1
                try:
                    super().handle()
                finally:
                    with loop._idle:
                        loop._active -= 1
                        loop._idle.notify_all()

            def log_message(self, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counted)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        return self

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(WAIT)
        with self._idle:
            self._idle.wait_for(lambda: self._active == 0, WAIT)

    def __enter__(self) -> Loopback:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


def _send(handler: BaseHTTPRequestHandler, status: int, body: bytes, kind: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class Site(Loopback):
    """A loopback site: GET of a path in ``pages`` answers its HTML (bytes, or a function called for each request
    that returns them: a page whose serving does something), any other path "no such page"."""

    def __init__(self, pages: dict[str, bytes | Callable[[], bytes]]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                page = pages.get(self.path, b"no such page")
                _send(self, 200, page() if callable(page) else page, "text/html")

        super().__init__(Handler)

    def __enter__(self) -> Site:
        self.start()
        return self


def hello(_n: int) -> dict[str, Any]:
    """An OpenAI-compatible chat completion that says "hello" (``StallServer``'s default answer)."""
    return {"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "hello"}}]}


HOW = ("silent", "mid-body", "stream", "late", "trickle", "trickle-503", "trickle-json", "cut", "reset", "endless")

Reply = dict[str, Any] | bytes | tuple[int, str, bytes]


def _answer(handler: BaseHTTPRequestHandler, answer: Reply) -> None:
    """A ``reply``'s answer: a dict is JSON (200), bytes a 200 body as they are (HTML where they begin with ``<``),
    ``(status, content type, body)`` any other."""
    if isinstance(answer, dict):
        _send(handler, 200, json.dumps(answer).encode(), "application/json")
    elif isinstance(answer, bytes):
        _send(handler, 200, answer, "text/html" if answer.lstrip().startswith(b"<") else "application/json")
    else:
        _send(handler, answer[0], answer[2], answer[1])


class StallServer(Loopback):
    """A loopback OpenAI-compatible model server. Its first ``answered`` calls are answered at once (``reply(n)`` for
    the n-th, 1-based: JSON, ``hello`` by default); every later call is taken (``asked`` set) and stalled, as ``how``:

    - ``silent``: nothing sent (a model loading for minutes, a proxy that hangs);
    - ``mid-body``: the headers (Content-Length 4000) and the first half of a JSON body;
    - ``stream``: the headers of a streamed reply and one event for each of ``pieces``;
    - ``late``: nothing until ``release`` is set (or ``hold`` runs out), then answered as the first ones were;
    - ``trickle``: a streamed reply of a word every ``every`` seconds (a long answer from a slow model);
    - ``trickle-503``: HTTP 503 (Retry-After 0) whose error text trickles, a byte every ``every`` seconds;
    - ``trickle-json``: a JSON reply (not streamed, no length) of a space every ``every`` seconds (rel62);
    - ``cut``: the headers (Content-Length 1000), the start of a JSON body, then the connection shut: the server died
      mid-reply (rel62, from test_outsider37);
    - ``reset``: the connection closed without a word (rel62, from test_model_server_faults);
    - ``endless``: a JSON body that never ends, 64 KiB at a time (rel62, from test_model_server_faults).

    ``stalls(n)`` (rel62) chooses the stalled calls instead (``lambda n: n == 1``: only the first). A ``reply`` may
    give bytes or ``(status, content type, body)`` instead of a dict (``_answer``). A GET is taken as a POST is (a
    browser's page that never loads).

    A stall lasts until ``release`` is set (at ``close``), the client hangs up (``hung_up`` set) or ``hold`` seconds
    run out (``stalled_out`` set: a call that ended at its own deadline ends with it unset); ``over`` is set when a
    stalled call's handler has ended. ``calls``: the requests'
    JSON bodies; ``ports``: the client port of each (the same port: the same pooled connection). ``keep_alive``: HTTP/1.1
    connections that httpx pools (HTTP/1.0 otherwise; the trickles are HTTP/1.1, closed after). ``url`` ends in
    ``/v1``."""

    def __init__(self, *, how: str = "silent", answered: int = 0, hold: float = 60.0, keep_alive: bool = False,
                 reply: Callable[[int], Reply] = hello, pieces: tuple[str, ...] = (),
                 every: float = 0.3, stalls: Callable[[int], bool] | None = None) -> None:
        if how not in HOW:
            raise ValueError(f"how: one of {HOW}, not {how!r}")
        self.how, self.answered, self.hold = how, answered, hold
        stalled = stalls or (lambda n: n > answered)
        self.calls: list[dict[str, Any]] = []
        self.ports: list[int] = []
        self.asked, self.hung_up, self.stalled_out, self.over = (threading.Event() for _ in range(4))
        server, lock = self, threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1" if keep_alive or how.startswith("trickle") else "HTTP/1.0"

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with lock:
                    server.calls.append(json.loads(body or b"{}"))
                    server.ports.append(self.client_address[1])
                    n = len(server.calls)
                try:
                    if not stalled(n):
                        _answer(self, reply(n))
                        return
                    server.asked.set()
                    self.close_connection = True
                    if how.startswith("trickle"):
                        self._trickle()
                        return
                    if how == "reset":
                        self.connection.close()
                        return
                    if how == "endless":
                        self._endless()
                        return
                    self._begin()
                    if how == "cut":
                        self.connection.shutdown(2)  # the server died mid-reply
                        return
                    if server._held(self) and how == "late":
                        self.close_connection = False
                        _answer(self, reply(n))
                except OSError:  # the client hung up while written to
                    server.hung_up.set()
                finally:
                    if stalled(n):
                        server.over.set()

            do_GET = do_POST  # noqa: N815

            def _endless(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"choices": [{"message": {"content": "')
                while not server.release.is_set():
                    self.wfile.write(b"a" * 65536)

            def _begin(self) -> None:
                if how == "cut":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"choices": [{"mess')
                    self.wfile.flush()
                elif how == "mid-body":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "4000")
                    self.end_headers()
                    self.wfile.write(b'{"id": "x", "choices": [{"index": 0, "message": {"role": "assis')
                    self.wfile.flush()
                elif how == "stream":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for piece in pieces:
                        event = {"choices": [{"index": 0, "delta": {"content": piece}}]}
                        self.wfile.write(b"data: " + json.dumps(event).encode() + b"\n\n")
                    self.wfile.flush()

            def _trickle(self) -> None:
                if how == "trickle":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.send_header("Connection", "close")
                elif how == "trickle-json":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Connection", "close")
                else:
                    self.send_response(503)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Retry-After", "0")
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                end, i = time.monotonic() + server.hold, 0
                while not server.release.is_set():
                    if time.monotonic() >= end:
                        server.stalled_out.set()
                        return
                    if how == "trickle":
                        chunk = {"choices": [{"index": 0, "delta": {"content": f"word{i} "}}]}
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    elif how == "trickle-json":
                        self.wfile.write(b" ")
                    else:
                        self.wfile.write(b"1\r\nx\r\n")
                    self.wfile.flush()
                    i += 1
                    server.release.wait(every)

        super().__init__(Handler)

    def _held(self, handler: BaseHTTPRequestHandler) -> bool:
        """Hold ``handler``'s request until ``release``, a hang-up or ``hold`` (see the class); True unless the client
        hung up."""
        end = time.monotonic() + self.hold
        while not self.release.is_set():
            if time.monotonic() >= end:
                self.stalled_out.set()
                return True
            if select.select([handler.connection], [], [], 0.05)[0] and not handler.connection.recv(1):
                self.hung_up.set()
                return False
        return True

    @property
    def url(self) -> str:
        return f"{self.base}/v1"

    def __enter__(self) -> StallServer:
        self.start()
        return self
