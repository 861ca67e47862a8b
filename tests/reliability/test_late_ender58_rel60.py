"""A Stop's ender that runs after its holder released it (helper rel60, fifty-seventh wave).

``StreamStop.stop`` copies its enders under its lock and calls them after, so an ender can run after the holder that
registered it gave it back. The lead fixed that for the embedded model's abort switch (``local_abort.AbortSwitch``:
an ender of an earlier tenure sets nothing). rel59's ``streaming.ConnectionHold`` holds enders that shut an HTTP
connection's socket: run late, one shut a connection that had gone back to httpx's pool and now served another request
of the same client (another run's model call on a shared ``OpenAICompatModel``), which failed ("Connection reset by peer").
Now a hold's enders are spent, under the lock each takes to shut, at ``ConnectionHold.release`` or as soon as its
response begins to close (httpcore's ``response_closed`` trace: the connection goes back to the pool then; httpx closes
a response read to its end inside the read, before the caller could release anything), whichever comes first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import httpx
import pytest

from macrohard.models.streaming import ConnectionHold, StreamStop, reading, stream_reply

from .stall_server import StallServer

WAIT = 30.0  # every wait's bound (none is reached when the code is right)


@pytest.fixture
def held() -> Iterator[StallServer]:
    """A loopback OpenAI-compatible server on keep-alive connections (httpx pools them): its first call answered at
    once, each later one read (``asked`` set), then held until ``release`` is set, then answered; ``ports`` names the
    client port each call came from (the same port: the same pooled connection)."""
    with StallServer(how="late", answered=1, keep_alive=True, hold=WAIT) as server:
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


def test_a_late_ender_of_a_released_hold_leaves_the_pooled_connection_alone(held: StallServer) -> None:
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
            held.release.set()
            second.join(WAIT)
    assert len(held.ports) == 2 and held.ports[0] == held.ports[1], held.ports  # one pooled connection served both
    assert len(out) == 1 and isinstance(out[0], httpx.Response) and out[0].status_code == 200, out


@pytest.mark.parametrize("way", ["complete", "stream"])
def test_a_stop_as_a_model_calls_response_closes_leaves_the_next_call_on_its_connection_alone(
        held: StallServer, monkeypatch: pytest.MonkeyPatch, way: str) -> None:
    """One ``OpenAICompatModel`` (one pooled client) shared by two calls, as two runs of one model share it. The first
    call, under a Stop, is answered; the moment its response closes (httpcore's ``response_closed``: its connection is
    idle in the pool again), a second call without a Stop takes that connection, and then the first call's Stop is
    pressed. With only ``release`` spending the hold (the first test's fix) this failed: httpx closes a response read
    to its end inside ``read_body``, so ``_post_once`` / ``_stream_once`` released their ``ConnectionHold`` only after
    the connection was back in the pool, and that Stop shut it under the second call ("Server disconnected without
    sending a response" / "Connection reset by peer"). Now the hold is spent as its response begins to close."""
    from macrohard.models.openai_compat import OpenAICompatModel

    model = OpenAICompatModel(held.url, "held", timeout=WAIT, max_retries=0)
    messages = [{"role": "user", "content": "hi"}]
    stop = StreamStop()
    second: list[tuple[threading.Thread, list[object]]] = []
    traced = ConnectionHold._trace

    def trace(self: ConnectionHold, event: str, info: dict[str, object]) -> None:
        traced(self, event, info)
        if event == "http11.response_closed.complete" and not second:
            second.append(_in_thread(lambda: model.complete(messages, []).text))
            assert held.asked.wait(WAIT), second[0][1]  # the second call is at the server, on the pooled connection
            stop.stop("pressed as the first call's response closed")

    monkeypatch.setattr(ConnectionHold, "_trace", trace)
    try:
        if way == "complete":
            with reading(stop):
                first = model.complete(messages, []).text
        else:
            first = "".join(chunk.text or "" for chunk in stream_reply(model, messages, [], stop))
        assert first == "hello", first
        assert second, "the first call's response never closed on its connection: the test shows nothing"
    finally:
        held.release.set()
        for thread, _ in second:
            thread.join(WAIT)
        model.close()
    assert stop.stopped
    assert len(held.ports) == 2 and held.ports[0] == held.ports[1], held.ports  # one pooled connection served both
    assert second[0][1] == ["hello"], second[0][1]
