"""What the desktop's hang watch (``xsandbox.HangWatch``: one thread per desktop step, rel39) costs a step.

Method (written before any figure was read, rel40): one real desktop (Xvfb in bubblewrap, ``settle=0``), the same
approved ``desktop_click`` at one spot executed ROUNDS x N times, alternating rounds with the shipped watch and with
a stand-in that starts no thread; the p50 and p90 of ``env.execute`` in each, and the watch alone (enter and exit,
no step) N times. Landing rule: the watch is changed if its p50 cost is over 0.5 ms a step (a tenth of §5's
p50 ≤ 5 ms for a click) or it leaves any thread behind after the steps.

    PYTHONPATH=src python benchmarks/desktop_watch.py [N] [ROUNDS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from contextlib import nullcontext

import macrohard.envs.desktop as desktop_module
from macrohard.envs.desktop import DesktopEnvironment
from macrohard.envs.xsandbox import HangWatch
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import DesktopClickAction


class _NoWatch:
    """The same interface, no thread: what a step costs without the watch."""

    fired = ""
    past_deadline = False

    def __init__(self, *args: object, **kwargs: object) -> None:
        self._null = nullcontext(self)

    def __enter__(self) -> _NoWatch:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _pcts(ms: list[float]) -> str:
    ms = sorted(ms)
    return f"p50 {statistics.median(ms):.3f} ms  p90 {ms[int(len(ms) * 0.9)]:.3f} ms  n={len(ms)}"


def main(n: int = 200, rounds: int = 4) -> None:
    with tempfile.TemporaryDirectory() as ws:
        env = DesktopEnvironment(ws, settle=0.0)
        env.start()
        guard = Guard()
        ctx = GuardContext(workspace=ws, environment="desktop", network="none")
        action = DesktopClickAction(x=5, y=5)
        times: dict[str, list[float]] = {"watch": [], "no watch": []}
        try:
            for _ in range(3):  # warm-up
                env.execute(guard.authorize(action, ctx, env=env).approved)
            for r in range(rounds * 2):
                which = "watch" if r % 2 == 0 else "no watch"
                desktop_module.HangWatch = HangWatch if which == "watch" else _NoWatch  # type: ignore[misc]
                for _ in range(n):
                    approved = guard.authorize(action, ctx, env=env).approved
                    t0 = time.perf_counter()
                    env.execute(approved)
                    times[which].append((time.perf_counter() - t0) * 1000)
            desktop_module.HangWatch = HangWatch  # type: ignore[misc]
            alone = []
            for _ in range(n):
                t0 = time.perf_counter()
                with HangWatch(env.sandbox, None):
                    pass
                alone.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.5)
            left = [t.name for t in threading.enumerate() if t.name == "macrohard-desktop-watch"]
        finally:
            env.close()
    for which, ms in times.items():
        print(f"desktop_click step, {which:8}: {_pcts(ms)}")
    cost = statistics.median(times["watch"]) - statistics.median(times["no watch"])
    print(f"the watch alone (enter+exit): {_pcts(alone)}")
    print(f"p50 cost of the watch a step: {cost:.3f} ms; watch threads left after the steps: {len(left)}")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
