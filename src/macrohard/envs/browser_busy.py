"""A page whose script never yields (``while (true) {}``) is stopped, not the browser.

rel55 left it: such a page held every read of it until the browser's timeout, the browser was found hung, killed,
restarted and the page reopened (which held it again): 26 s for one step at an 8 s timeout, the page and all the
tab held (cookies, what was typed) lost. While an action runs, ``BusyWatch`` asks the page's renderer a trivial
question (``Runtime.evaluate("0")`` over the tab's DevTools session) twice a second; one left unanswered for
``busy_s`` (most of the step's timeout) means its main thread runs one script without a pause, and
``Runtime.terminateExecution`` ends that script (the DevTools agent interrupts running JavaScript for it: the only
message that reaches a renderer stuck in a loop). The page, its document and the browser are kept; the script's
timers and handlers stay, and a page that loops again is stopped again, up to ``MAX_STOPS`` times a step (then
the browser's own timeout and restart path, as before).

It runs as a task on Playwright's own event loop, which turns while the action's thread waits in any Playwright
call: no second thread touches the sync API.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

PROBE_EVERY_S = 0.5
MAX_STOPS = 3


class BusyWatch:
    """Watches the renderer of ``page`` through ``cdp`` (a Playwright ``CDPSession`` on it) until ``stop``;
    ``stopped`` counts the scripts it ended, ``busy_s`` how long each had run unanswered first. ``quiet`` says
    whether the page may be stopped now (not while its dialogs are being dismissed: the dialog guard ends those)."""

    def __init__(self, page: Any, cdp: Any, busy_s: float, quiet: Callable[[], bool] = lambda: True) -> None:
        self.busy_s, self.stopped = busy_s, 0
        self._quiet = quiet
        self._task: asyncio.Task[None] | None = None
        session = getattr(cdp, "_impl_obj", None)
        loop = getattr(page, "_loop", None)
        if session is None or loop is None or loop.is_closed():
            return  # not Playwright's sync objects (a test double elsewhere): nothing to watch
        self._loop = loop
        self._task = loop.create_task(self._watch(session))

    async def _watch(self, session: Any) -> None:
        try:
            while self.stopped < MAX_STOPS:
                probe = asyncio.ensure_future(session.send("Runtime.evaluate", {"expression": "0"}, 0))
                probe.add_done_callback(_consume)
                asked = time.monotonic()
                await asyncio.wait({probe}, timeout=self.busy_s)
                while not probe.done() and not self._quiet():  # dialogs under way: give them their time
                    await asyncio.wait({probe}, timeout=PROBE_EVERY_S)
                if probe.done():
                    if probe.cancelled() or probe.exception() is not None:
                        return  # the tab or its session is gone: the action's own error says so
                    await asyncio.sleep(max(0.0, PROBE_EVERY_S - (time.monotonic() - asked)))
                    continue
                await session.send("Runtime.terminateExecution", None, 0)
                self.stopped += 1
                await asyncio.wait({probe}, timeout=self.busy_s)  # answered once the script has ended
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001  (the browser closed under the watch: the action says what happened)
            return

    def stop(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
        self._task = None

    def said(self) -> str:
        """The observation's note, or ``""`` when nothing was stopped."""
        if not self.stopped:
            return ""
        times = f" ({self.stopped} times)" if self.stopped > 1 else ""
        return (f"The page's script ran for {round(self.busy_s, 1):g} s without a pause (a loop that never ends, or very "
                f"heavy work), which held the whole page: that script was stopped{times}, and the page, what was typed "
                "in it and the browser were kept. The page may not work as its author meant.")


def _consume(future: asyncio.Future[Any]) -> None:
    """A probe answered after the watch ended (or failed with its tab): its result is nobody's news."""
    if not future.cancelled():
        future.exception()


__all__ = ["MAX_STOPS", "BusyWatch"]
