"""A Stop's ender that runs after its holder released it (helper rel60, fifty-seventh wave).

``StreamStop.stop`` copies its enders under its lock and calls them after, so an ender can run after the holder that
registered it gave it back. The lead fixed that for the embedded model's abort switch (``local_abort.AbortSwitch``:
an ender of an earlier tenure sets nothing). rel59's ``streaming.ConnectionHold`` holds enders that shut an HTTP
connection's socket: run late, one shut a connection that had gone back to httpx's pool and now served another request
of the same client (another run's model call on a shared ``OpenAICompatModel``), which failed ("Connection reset by peer").
Now ``ConnectionHold.release`` spends its enders under the lock each takes to shut, and the model's calls release it
before their response closes (closing it is what gives the connection back to the pool).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from macrohard.models.streaming import ConnectionHold, StreamStop

WAIT = 30.0  # every wait's bound (none is reached when the code is right)


class _HeldServer:
    """A loopback OpenAI-compatible server on keep-alive connections (httpx pools them). Its first ``answered``
    calls are answered at once; each later one is read (``asked`` set), then held until ``go`` is set, then answered.
    ``ports`` names the client port each call came from, in order (the same port: the same pooled connection)."""

    def __init__(self, answered: int) -> None:
        self.answered = answered
        self.ports: list[int] = []
        self.asked, self.go = threading.Event(), threading.Event()

    def __enter__(self) -> _HeldServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.ports.append(self.client_address[1])
                if server.answered > 0:
                    server.answered -= 1
                else:
                    server.asked.set()
                    server.go.wait(WAIT)
                body = json.dumps({"choices": [{"index": 0, "finish_reason": "stop", "message": {
                    "role": "assistant", "content": "hello"}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        return self

    def __exit__(self, *exc: object) -> None:
        self.go.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(WAIT)


@pytest.fixture
def held() -> Iterator[_HeldServer]:
    with _HeldServer(answered=1) as server:
        yield server


def _in_thread(call) -> tuple[threading.Thread, list[object]]:  # noqa: ANN001 - a callable of no arguments
    """``call`` run in a thread of its own; the list gets what it returned or raised."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(call())
        except BaseException as exc:  # noqa: BLE001 - what ended the call is the test's to read
            out.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def test_a_late_ender_of_a_released_hold_leaves_the_pooled_connection_alone(held: _HeldServer) -> None:
    """Two requests on one ``httpx.Client``: the first under a Stop's ``ConnectionHold``, whose enders a ``stop()``
    copied while it was under way and calls only after it ended and released its hold; meanwhile the second request
    went out on the same pooled connection. Before: the late ender shut that connection down and the second request
    failed (``httpx.ReadError: [Errno 104] Connection reset by peer``). Now it is answered."""
    with httpx.Client(timeout=WAIT) as client:
        stop = StreamStop()
        hold = ConnectionHold(stop, client)
        with client.stream("POST", f"{held.url}/chat/completions", json={}, extensions=hold.extensions) as resp:
            hold.hold_response(resp)
            resp.read()
            late = list(stop._enders.values())  # what a concurrent ``stop()`` copied under its lock at this moment
            hold.release()
        assert late, "the hold registered no ender: the test shows nothing"
        second, out = _in_thread(lambda: client.post(f"{held.url}/chat/completions", json={}))
        try:
            assert held.asked.wait(WAIT), out  # the second request is at the server, on its connection
            for end in late:
                end()  # the ``stop()``'s calls, after the hold's release
        finally:
            held.go.set()
            second.join(WAIT)
    assert len(held.ports) == 2 and held.ports[0] == held.ports[1], held.ports  # one pooled connection served both
    assert len(out) == 1 and isinstance(out[0], httpx.Response) and out[0].status_code == 200, out
