"""The server's event bus: runs publish from their worker threads, SSE streams read on the event loop.

Each event is serialised once, at publish time, and handed to every subscriber's queue through
``loop.call_soon_threadsafe``: fifty viewers of one run cost one JSON dump and fifty queue puts.
A viewer too slow to keep up (its queue full) is dropped rather than slowing the run down; its
browser reconnects and reads the missed steps from the store (``Last-Event-ID``).
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

QUEUE_SIZE = 1000


@dataclass(eq=False)
class Subscription:
    run_id: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[tuple[str, str, str] | None] = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    dropped: bool = False


class EventBus:
    def __init__(self) -> None:
        self._subs: dict[str, set[Subscription]] = {}
        self._lock = threading.Lock()

    def subscribe(self, run_id: str) -> Subscription:
        sub = Subscription(run_id, asyncio.get_running_loop())
        with self._lock:
            self._subs.setdefault(run_id, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subs.get(sub.run_id)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subs[sub.run_id]

    def viewers(self, run_id: str) -> int:
        with self._lock:
            return len(self._subs.get(run_id, ()))

    def publish(self, run_id: str, kind: str, data: dict[str, Any], event_id: str = "") -> None:
        """Send ``data`` as an SSE event ``kind`` to everyone watching ``run_id`` (any thread)."""
        data = {**data, "published_at": time.time()}
        payload = json.dumps(data, separators=(",", ":"), default=str)
        with self._lock:
            subs = list(self._subs.get(run_id, ()))
        for sub in subs:
            try:
                sub.loop.call_soon_threadsafe(_put, sub, (kind, payload, event_id))
            except RuntimeError:  # that viewer's loop is closed: it left
                self.unsubscribe(sub)


def _put(sub: Subscription, item: tuple[str, str, str]) -> None:
    if sub.dropped:
        return
    try:
        sub.queue.put_nowait(item)
    except asyncio.QueueFull:
        sub.dropped = True
        sub.queue = asyncio.Queue(1)
        sub.queue.put_nowait(None)  # tells the stream to end: the browser reconnects and catches up


def sse(kind: str, payload: str, event_id: str = "") -> bytes:
    """One server-sent event, as bytes."""
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {kind}\ndata: {payload}\n\n".encode()
