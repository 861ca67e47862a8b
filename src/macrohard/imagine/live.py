"""Watching a live screen: changes become events ("a dialog appeared: Proceed?") as they happen.

A thread grabs the screen every ``interval`` seconds, compares grey thumbnails (``scenes.change``),
and once a change has settled (a grab that differs no more) reads the region that changed with OCR
and emits one event. A compact region that appeared over an unchanged screen is a ``dialog``; any
other change with text is ``text``. Each event carries when the change was first seen and when it
was emitted. The watcher only looks: it holds its own X connection (through mss) and never sends
input, so it stays off the guard's path. The desktop environment starts one when asked
(``DesktopEnvironment(watch=True)``, ``MACROHARD_WATCH_SCREEN=1``, or a ``SINK`` set by the web app)
and puts the events since the last step into the next observation. A browser cannot be grabbed from
another thread: its environment drives the same detector with ``baseline``/``feed`` on its own
thread (``imagine/browser_watch.py``).
"""

from __future__ import annotations

import collections
import contextvars
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from macrohard.imagine.scenes import change, thumb

log = logging.getLogger("macrohard.imagine")

Event = dict[str, Any]
Grabber = Callable[[], tuple[Callable[[], np.ndarray], Callable[[], None]]]

# Set by whoever runs an agent (the web app's live runs) to receive events as they happen.
SINK: contextvars.ContextVar[Callable[[Event], None] | None] = contextvars.ContextVar("macrohard_screen_sink", default=None)


def display_grabber(display: str) -> Grabber:
    """A factory (called in the watcher's thread) of a grab function over its own X connection."""
    def factory() -> tuple[Callable[[], np.ndarray], Callable[[], None]]:
        import mss

        sct = (getattr(mss, "MSS", None) or mss.mss)(display=display)
        monitor = sct.monitors[0]

        def grab() -> np.ndarray:
            shot = sct.grab(monitor)
            return np.frombuffer(shot.raw, np.uint8).reshape(shot.height, shot.width, 4)[..., 2::-1]  # BGRA → RGB

        return grab, sct.close
    return factory


def _union(a: tuple[int, int, int, int] | None, b: tuple[int, int, int, int] | None) -> tuple[int, int, int, int] | None:
    if a is None or b is None:
        return a or b
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    return x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0


class ScreenWatcher:
    def __init__(self, grabber: Grabber, *, interval: float = 0.05, ocr: str = "auto",
                 on_event: Callable[[Event], None] | None = None, threshold: float = 0.0005,
                 settle_max: float = 0.6, keep: int = 50) -> None:
        self.grabber, self.interval, self.threshold, self.settle_max = grabber, interval, threshold, settle_max
        self.on_event = on_event
        self.events: collections.deque[Event] = collections.deque(maxlen=keep)
        self.frames = 0
        self._ocr_name = ocr
        self._ocr: Any = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._last: Event | None = None

    def start(self, wait: float = 5.0) -> ScreenWatcher:
        self._thread = threading.Thread(target=self._run, name="macrohard-screen-watch", daemon=True)
        self._thread.start()
        self._ready.wait(wait)  # the first frame is the baseline: changes after start() are seen
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)

    def drain(self) -> list[Event]:
        with self._lock:
            out = list(self.events)
            self.events.clear()
        return out

    def observation(self) -> tuple[str, list[Event]]:
        """The events since the last call, as lines for the agent's observation (and as data)."""
        events = self.drain()
        if not events:
            return "", []
        return "Screen events since the last step:\n" + "\n".join(f"- {e['message']}" for e in events), events

    def load_ocr(self) -> None:
        try:
            from macrohard.imagine.ocr import engine

            self._ocr = engine(self._ocr_name)
        except Exception as exc:  # noqa: BLE001  (no OCR: events still come, without their text)
            log.warning("screen watcher without OCR: %s", exc)

    def _run(self) -> None:
        self.load_ocr()
        try:
            grab, close = self.grabber()
        except Exception as exc:  # noqa: BLE001  (the display went away before we looked)
            log.warning("screen watcher could not start: %s", exc)
            self._ready.set()
            return
        try:
            self._loop(grab)
        except Exception as exc:  # noqa: BLE001  (the X server closed under us at the end of a run)
            if not self._stop.is_set():
                log.warning("screen watcher stopped: %s", exc)
        finally:
            try:
                close()
            except Exception:  # noqa: BLE001
                pass

    def _loop(self, grab: Callable[[], np.ndarray]) -> None:
        self.baseline(grab())
        self._ready.set()
        while not self._stop.wait(self.interval):
            self.feed(grab())

    def baseline(self, frame: np.ndarray) -> None:
        """Take ``frame`` as what the screen shows now: changes from it are reported (a pending one is dropped)."""
        self._prev = thumb(frame)
        self._full = (frame.shape[1], frame.shape[0])
        self._pending: dict[str, Any] | None = None

    @property
    def pending(self) -> bool:
        """A change was seen and has not settled (or been reported) yet."""
        return getattr(self, "_pending", None) is not None

    def feed(self, frame: np.ndarray) -> Event | None:
        """One new frame (the watcher's thread, or whoever drives a screen, e.g. a browser's own thread);
        the event it settled, if any."""
        self.frames += 1
        small = thumb(frame)
        full = self._full
        frac, box = change(self._prev, small, full)
        now = time.time()
        pending = self._pending
        emitted: Event | None = None
        if frac > self.threshold:
            if pending is None:
                pending = {"seen_at": now, "before": self._prev}
            pending["still"] = 0
        elif pending is not None:
            pending["still"] += 1
        # settled: a grab without change (a window still blank is read again), or changing too long
        if pending is not None and (pending["still"] >= 1 or now - pending["seen_at"] > self.settle_max):
            self._last = None
            if self._emit(pending, frame, small, full, final=now - pending["seen_at"] > self.settle_max):
                emitted, pending = self._last, None
            else:
                pending["still"] = 0  # a window mapped but not yet painted: wait for its paint
        self._pending = pending
        self._prev = small
        return emitted

    def _emit(self, pending: dict[str, Any], frame: np.ndarray, small: np.ndarray, full: tuple[int, int], *,
              final: bool = False) -> bool:
        """Emit the settled change as an event; False when it is a blank new window to look at again."""
        before = pending["before"]
        frac, box = change(before, small, full)
        if box is None:
            return True  # it changed back: nothing to report
        x, y, w, h = box
        area = w * h / (full[0] * full[1])
        # how much of the box changed: a window that appeared fills its box, scattered edits do not
        mask = np.abs(small - before) > 24
        sy, sx = mask.shape[0] / full[1], mask.shape[1] / full[0]
        fill = float(mask[int(y * sy):int((y + h) * sy) + 1, int(x * sx):int((x + w) * sx) + 1].mean())
        kind = "dialog" if 0.002 < area < 0.6 and fill > 0.25 else "text"
        region = frame[y:y + h, x:x + w]
        if kind == "dialog" and float(region.std()) < 2.0:
            # one flat colour: a window not painted yet (look again), or a closed one that showed the
            # background (nothing to say once the wait is over)
            return final
        started = time.time()
        lines = self._read(frame, box)
        read_ms = round((time.time() - started) * 1000, 1)
        if kind == "text" and not lines:
            return True
        text = " · ".join(lines)
        message = (f"a dialog appeared at ({x}, {y}) size {w}x{h}" if kind == "dialog"
                   else f"text changed at ({x}, {y}) size {w}x{h}") + (f": {text}" if text else "")
        event = {"kind": kind, "message": message, "text": text, "box": [x, y, w, h],
                 "seen_at": pending["seen_at"], "at": time.time(), "read_ms": read_ms}
        self._last = event
        with self._lock:
            self.events.append(event)
        if self.on_event is not None:
            try:
                self.on_event(event)
            except Exception as exc:  # noqa: BLE001  (a viewer's problem is not the run's)
                log.warning("screen event sink failed: %s", exc)
        return True


    def _read(self, frame: np.ndarray, box: tuple[int, int, int, int]) -> list[str]:
        if self._ocr is None:
            return []
        x, y, w, h = box
        pad = 6
        crop = np.ascontiguousarray(frame[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad])
        try:
            return [b.text for b in self._ocr.read(crop) if b.text.strip()]
        except Exception as exc:  # noqa: BLE001  (OCR failing must not stop the watch)
            log.warning("screen OCR failed: %s", exc)
            return []


def attach(display: str, *, enabled: bool = False) -> ScreenWatcher | None:
    """A started watcher of ``display`` when asked for (argument, ``MACROHARD_WATCH_SCREEN=1`` or a ``SINK``)."""
    sink = SINK.get()
    if not (enabled or sink is not None or os.environ.get("MACROHARD_WATCH_SCREEN") == "1"):
        return None
    return ScreenWatcher(display_grabber(display), on_event=sink).start()
