"""Streamed replies from any ``Model``: its own ``stream`` when it has one, else one chunk of ``complete``.

A ``StreamStop`` given to ``stream_reply`` ends the stream from another thread at once (a chat turn's Stop): while
the model's stream is read, it is this thread's ``current_stop()``, and a model that reads from a connection or a
decoder hands it a way to end that read (``hold``): the OpenAI-compatible stream shuts its socket down, the embedded
model aborts llama.cpp's decode. ux55 left it: the Stop was seen only at the model's next chunk, so a server that
stalled mid-answer held it for the model's whole timeout.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from macrohard.types import ReplyChunk

_current = threading.local()


class StreamStop:
    """Ends the stream that holds it, from any thread (``stop``); ``stopped`` stays True after."""

    def __init__(self) -> None:
        self.stopped = False
        self.why: str | None = None  # said by whoever stopped it (``stop_reads``: the signal), if anything
        self._lock = threading.Lock()
        self._enders: dict[int, Callable[[], None]] = {}
        self._next = 0

    def hold(self, end: Callable[[], None]) -> Callable[[], None]:
        """Register ``end`` (called once, on ``stop``; at once when already stopped); returns its release."""
        with self._lock:
            key, self._next = self._next, self._next + 1
            if not self.stopped:
                self._enders[key] = end
        if self.stopped:
            _quietly(end)
        return lambda: self._release(key)

    def _release(self, key: int) -> None:
        with self._lock:
            self._enders.pop(key, None)

    def stop(self, why: str | None = None) -> None:
        with self._lock:
            self.stopped = True
            self.why = self.why or why
            enders, self._enders = list(self._enders.values()), {}
        for end in enders:
            _quietly(end)


def current_stop() -> StreamStop | None:
    """The ``StreamStop`` of the stream this thread reads now (``stream_reply``, ``reading``), if any."""
    return getattr(_current, "stop", None)


_live: set[StreamStop] = set()  # the stops of the reads under way in this process, any thread (``stop_reads``)
_live_lock = threading.Lock()


@contextmanager
def reading(stop: StreamStop | None) -> Iterator[None]:
    """``stop`` this thread's ``current_stop()`` (and one of the process's reads ``stop_reads`` ends) for the
    block: a model call made in it (the web run's model call, ``server/live._Stoppable``) ends at its Stop."""
    _current.stop = stop
    if stop is not None:
        with _live_lock:
            _live.add(stop)
    try:
        yield
    finally:
        _current.stop = None
        if stop is not None:
            with _live_lock:
                _live.discard(stop)


def stop_reads(why: str) -> int:
    """End every model read under way in this process now (a chat's Ctrl-C, from ``cli/closing``'s signal watcher:
    Python's own handler runs only once the main thread is back from llama.cpp's decode); how many were ended."""
    with _live_lock:
        live = list(_live)
    for stop in live:
        stop.stop(why)
    return len(live)


def shut_socket(network_stream: Any) -> None:
    """Shut down the socket under an httpcore network stream: a read blocked on it returns at once (closing the file
    descriptor from another thread would not wake it)."""
    sock = network_stream.get_extra_info("socket") if network_stream is not None else None
    if isinstance(sock, socket.socket):
        sock.shutdown(socket.SHUT_RDWR)


class ConnectionHold:
    """Ends one HTTP request of ``client`` (httpx) at ``stop``: its connection's socket is shut down, whether the
    connection is new (httpx's trace hook names its stream as it connects) or reused from the client's pool (found by
    the request's own trace hook as its headers go out: httpcore's pool holds which connection serves which request).
    rel56 knew only a new connection's socket, so a server that stalled before its answer's headers on a pooled one
    held the call to its timeout; a non-streamed call (``OpenAICompatModel.complete``) is that case on every call
    after the first. Give ``extensions`` to the request; ``release()`` when it is over.

    rel60: the hold's enders are spent for good (under the lock each takes to shut its socket) when its response
    begins to close (httpcore's ``response_closed`` trace: the connection goes back to the pool then, and httpx closes
    a response read to its end inside the read itself) or at ``release``, whichever comes first. So a Stop's ender
    that runs late (``StreamStop.stop`` copies its enders under its lock and calls them after) shuts nothing. Before,
    such an ender shut the connection after it had gone back to httpx's pool and served another request of the same
    client (another run's model call on a shared ``OpenAICompatModel``), which then failed (connection reset)."""

    def __init__(self, stop: StreamStop | None, client: Any) -> None:
        self.stop, self._client = stop, client
        self._releases: list[Callable[[], None]] = []
        self._guard = threading.Lock()
        self._spent = False  # released: no ender of this hold shuts anything any more
        self.extensions: dict[str, Any] | None = {"trace": self._trace} if stop is not None else None

    def _trace(self, event: str, info: dict[str, Any]) -> None:
        if self.stop is None:
            return
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            self._hold(info.get("return_value"))
        elif event.endswith(".send_request_headers.started"):
            self._hold(self._pooled_stream())
        elif event.endswith(".response_closed.started"):
            # httpcore gives the connection back to the pool now (httpx closes a response read to its end itself,
            # inside the caller's read): from here on it may serve another request, so this hold shuts nothing
            self._spend()

    def _pooled_stream(self) -> Any:
        """The network stream of the pooled connection that serves this request (None where httpcore's pool is not
        the one known: then the model's timeout ends the call, as before)."""
        pool = getattr(getattr(self._client, "_transport", None), "_pool", None)
        for pending in list(getattr(pool, "_requests", None) or []):
            request = getattr(pending, "request", None)
            if self.extensions is not None and getattr(request, "extensions", {}).get("trace") is self.extensions["trace"]:
                connection = getattr(getattr(pending, "connection", None), "_connection", None)
                return getattr(connection, "_network_stream", None)
        return None

    def _hold(self, network_stream: Any) -> None:
        if network_stream is None or self.stop is None or self._spent:
            return

        def end() -> None:
            with self._guard:  # ``release`` waits for a shut under way; after it, nothing is shut
                if not self._spent:
                    shut_socket(network_stream)

        self._releases.append(self.stop.hold(end))  # not under the guard: a Stop already made calls ``end`` at once

    def hold_response(self, response: Any) -> None:
        """Also the response's own connection (once its headers came: the stream it is read from)."""
        self._hold(getattr(response, "extensions", {}).get("network_stream"))

    def _spend(self) -> None:
        with self._guard:  # waits for a shut under way (the connection was still this request's then)
            self._spent = True

    def release(self) -> None:
        """The request is over: no ender of this hold shuts anything after (nor after its response began to close)."""
        self._spend()
        for release in self._releases:
            release()
        self._releases.clear()


def pause(seconds: float, stop: StreamStop | None) -> None:
    """``time.sleep(seconds)`` that a ``stop`` ends at once (a model's wait before it asks again)."""
    if stop is None:
        time.sleep(seconds)
        return
    woken = threading.Event()
    release = stop.hold(woken.set)
    try:
        woken.wait(seconds)
    finally:
        release()


def _quietly(end: Callable[[], None]) -> None:
    try:
        end()
    except OSError:  # the connection had closed already
        pass


def stream_reply(model: Any, messages: list[dict[str, Any]], tools: list[dict[str, Any]],
                 stop: StreamStop | None = None) -> Iterator[ReplyChunk]:
    """Chunks of text as they arrive, then a last chunk holding the whole ``ModelReply`` (always exactly one).
    ``stop``: ends the model's read at once from another thread (the model then raises; the caller says why)."""
    stream = getattr(model, "stream", None)
    if not callable(stream):
        reply = model.complete(messages, tools)
        yield ReplyChunk(text=reply.text, reply=reply)
        return
    last = None
    chunks = stream(messages, tools)
    try:
        for chunk in _read(chunks, stop):
            if last is not None:
                raise AssertionError(f"{model.name} streamed a chunk after its last one")
            yield chunk
            if chunk.reply is not None:
                last = chunk
    finally:  # a reader that stops early (the answer screen) ends the model's stream, its connection, its lock
        close = getattr(chunks, "close", None)
        if callable(close):
            close()
    if last is None:
        raise AssertionError(f"{model.name} ended its stream without the whole reply")


def _read(chunks: Iterator[ReplyChunk], stop: StreamStop | None) -> Iterator[ReplyChunk]:
    """``chunks``, with ``stop`` this thread's ``current_stop()`` while the model's own code runs."""
    while True:
        with reading(stop):
            try:
                chunk = next(chunks)
            except StopIteration:
                return
        yield chunk


__all__ = ["ConnectionHold", "StreamStop", "current_stop", "pause", "reading", "shut_socket", "stop_reads",
           "stream_reply"]
