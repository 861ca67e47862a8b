"""Watching a live browser from its own thread: Playwright's sync API belongs to the thread that drives it.

The desktop watcher (``live.ScreenWatcher``) grabs the screen from its own thread over its own X
connection; a headless Chromium tab cannot be looked at that way. So the browser environment pumps
the same change detector itself, on its thread, at the points where it holds the page: right after
each action (screenshots until the page has stayed still for ``quiet`` = 0.5 s, at most ``limit`` = 2.5
s: a dialog that opens 300 ms after a click is seen) and before the next one (a change while
the agent was thinking is reported then, seen at that moment, not when it happened). Between those
points nothing looks at the page: that is the honest limit of watching a browser driven
synchronously. The frames, the settling, the OCR of the changed region and the events
("a dialog appeared at …: Really delete the draft?") are the desktop's.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from macrohard.imagine.live import SINK, Event, ScreenWatcher


class PageWatcher:
    """``pump()`` from the thread that drives ``page()``; ``observation()`` as the desktop watcher's."""

    def __init__(self, page: Callable[[], Any], *, on_event: Callable[[Event], None] | None = None,
                 ocr: str = "auto", quiet: float = 0.5, limit: float = 2.5, timeout_ms: float = 5000) -> None:
        self.page, self.quiet, self.limit, self.timeout_ms = page, quiet, limit, timeout_ms
        self.watcher = ScreenWatcher(lambda: (self.grab, lambda: None), ocr=ocr, on_event=on_event)
        self.watcher.load_ocr()
        self.grab_ms: list[float] = []
        self._based = False

    @property
    def events(self) -> Any:
        return self.watcher.events

    def grab(self) -> np.ndarray:
        from PIL import Image

        started = time.perf_counter()
        raw = self.page().screenshot(type="jpeg", quality=90, caret="initial", timeout=self.timeout_ms)
        frame = np.asarray(Image.open(io.BytesIO(raw)).convert("RGB"))
        self.grab_ms.append((time.perf_counter() - started) * 1000)
        del self.grab_ms[:-200]
        return frame

    def rebase(self) -> None:
        """What the page shows now is the baseline (after a navigation: the new page is the action's
        result, told by the observation's page text, not a screen event)."""
        self.watcher.baseline(self.grab())
        self._based = True

    def forget(self) -> None:
        """The page was replaced (a new context, a restart): the next look is the new baseline."""
        self._based = False

    def pump(self, *, quiet: float | None = None, limit: float | None = None) -> list[Event]:
        """Look until the page has been still for ``quiet`` seconds (0: one look, more while a change
        is settling), at most ``limit`` seconds; the events settled meanwhile."""
        quiet = self.quiet if quiet is None else quiet
        limit = self.limit if limit is None else limit
        if not self._based:
            self.rebase()
            if quiet <= 0:
                return []
        events: list[Event] = []
        started = last_change = time.monotonic()
        while True:
            event = self.watcher.feed(self.grab())
            now = time.monotonic()
            if event is not None:
                events.append(event)
            if self.watcher.pending or event is not None:
                last_change = now
            if now - started >= limit or (not self.watcher.pending and now - last_change >= quiet):
                return events

    def observation(self) -> tuple[str, list[Event]]:
        return self.watcher.observation()


def attach(page: Callable[[], Any], *, enabled: bool = False, timeout_ms: float = 5000) -> PageWatcher | None:
    """A page watcher when asked for (argument, ``MACROHARD_WATCH_SCREEN=1`` or a web app's ``SINK``)."""
    sink = SINK.get()
    if not (enabled or sink is not None or os.environ.get("MACROHARD_WATCH_SCREEN") == "1"):
        return None
    return PageWatcher(page, on_event=sink, timeout_ms=timeout_ms)
