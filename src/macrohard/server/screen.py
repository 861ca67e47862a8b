"""Screen events of live runs on the web app: what a run's screen watcher saw, as ``screen`` SSE events.

A run started by the server carries a sink (``macrohard.imagine.live.SINK``) into its worker thread;
a desktop environment started there watches its screen and sends each event ("a dialog appeared:
Proceed?") to the run's viewers as it happens. The run page lists them above the steps. The agent
gets the same events in its next observation, from the environment, not from here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

from macrohard.server.bus import EventBus


def sink(bus: EventBus, run_id: str) -> Callable[[dict[str, Any]], None]:
    def publish(event: dict[str, Any]) -> None:
        bus.publish(run_id, "screen", event)
    return publish


@contextlib.contextmanager
def watching(bus: EventBus, run_id: str) -> Iterator[None]:
    """Within this block (the run's worker thread), environments that can watch a screen report to the bus."""
    from macrohard.imagine.live import SINK

    token = SINK.set(sink(bus, run_id))
    try:
        yield
    finally:
        SINK.reset(token)
