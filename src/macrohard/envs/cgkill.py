"""Emptying a sandbox's cgroups: every process dead and reaped, even a fork bomb that forks while it is killed.

The soundest way the kernel offers is used (``mechanism_of`` picks it from the groups' files):

- ``cgroup.kill`` (cgroup v2, Linux >= 5.14): one write; the kernel kills every process of the group, and a child
  forked meanwhile is killed as it is born (the fork path checks the group's kill flag). Nothing can outrun it.
- ``cgroup.freeze`` (v2, Linux >= 5.2) or ``freezer.state`` (the v1 freezer hierarchy): freeze the group (a frozen
  process cannot fork), list it once (the list is then complete), SIGKILL each, thaw so that they die.
- ``signal loop`` (neither file): list, SIGKILL, again, until nobody is left. A bomb can fork between a listing
  and the kills; each pass still kills all it listed, and the pids limit bounds how many there can be.

Whichever ran, a signal loop follows until nothing is listed, as a safety net (a process in one group of the
set and not another, a freeze that never completes), bounded by a deadline.

A killed process leaves ``cgroup.procs`` when it exits, but stays charged to the pids controller
(``pids.current``) until its parent reaps it; a shell restarted in the same groups before that meets EAGAIN
("fork: retry: Resource temporarily unavailable"). ``released`` waits for that before a restart: until every
process still charged is dead and waits on a reaper outside the sandbox — bubblewrap (the agent reaps it) and
the namespace's init (orphaned to the host's init, which in some containers reaps only every second or two).
Those are not waited for; a zombie whose parent was in the sandbox is (the namespace's teardown reaps it
within milliseconds). Every wait is on a condition, polled with a growing interval, bounded by a deadline.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

KILL, FREEZE, FREEZER, LOOP = "cgroup.kill", "cgroup.freeze", "freezer.state", "signal loop"
MECHANISMS = (KILL, FREEZE, FREEZER, LOOP)


@dataclass
class Emptied:
    """What one emptying did: the way that ran, how long it took, and what was left at the deadline."""

    mechanism: str
    seconds: float
    alive: int = 0    # processes still listed (0: every one is dead)
    charged: int = 0  # dead, still charged to the pids limit, reaped from inside (``released`` waits for them)

    @property
    def ok(self) -> bool:
        return self.alive == 0


def mechanism_of(dirs: Iterable[Path], prefer: str = "auto") -> str:
    """The soundest way these groups can be emptied (``prefer``: one of ``MECHANISMS`` to force it where it exists)."""
    files = {name for group in dirs for name in (KILL, FREEZE, FREEZER) if (group / name).exists()}
    if prefer in files or prefer == LOOP:
        return prefer
    return next((m for m in (KILL, FREEZE, FREEZER) if m in files), LOOP)


def listed(dirs: Iterable[Path]) -> set[int]:
    found: set[int] = set()
    for group in dirs:
        try:
            found.update(int(p) for p in (group / "cgroup.procs").read_text().split())
        except OSError:
            pass
    return found


def charged(dirs: Iterable[Path]) -> int:
    """Processes charged to a pids controller of these groups (the dead wait there until reaped)."""
    most = 0
    for group in dirs:
        try:
            most = max(most, int((group / "pids.current").read_text()))
        except (OSError, ValueError):
            pass
    return most


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of ``pid`` as the host sees it; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        return fields[0], int(fields[1])
    except (OSError, IndexError, ValueError):
        return None


def reaped_outside(seen: set[int]) -> int:
    """Zombies among ``seen`` whose parent is not one of ``seen``: dead, waiting for a reaper outside the sandbox."""
    count = 0
    for pid in seen:
        stat = _stat(pid)
        if stat is not None and stat[0] == "Z" and stat[1] not in seen:
            count += 1
    return count


def _signal(pids: Iterable[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _write(path: Path, value: str) -> bool:
    try:
        path.write_text(value)
        return True
    except OSError:
        return False


def _until(condition, deadline: float) -> bool:  # noqa: ANN001 - a callable returning bool
    pause = 0.0005
    while not condition():
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause)
        pause = min(pause * 2, 0.005)
    return True


def _frozen(group: Path, mechanism: str) -> bool:
    try:
        if mechanism == FREEZE:
            return "frozen 1" in (group / "cgroup.events").read_text().splitlines()
        return (group / FREEZER).read_text().strip() == "FROZEN"
    except OSError:
        return True  # gone: nothing left to freeze


def _freeze_kill_thaw(dirs: list[Path], mechanism: str, deadline: float) -> None:
    groups = [g for g in dirs if (g / mechanism).exists()]
    frozen_value, thawed_value = ("1", "0") if mechanism == FREEZE else ("FROZEN", "THAWED")
    try:
        for group in groups:
            _write(group / mechanism, frozen_value)
        # a freeze that cannot complete (a process stuck in the kernel) gives way to the loop at the deadline
        _until(lambda: all(_frozen(g, mechanism) for g in groups), min(deadline, time.monotonic() + 2.0))
        _signal(listed(dirs))
    finally:
        for group in groups:
            _write(group / mechanism, thawed_value)


def empty(dirs: list[Path], *, mechanism: str | None = None, timeout: float = 10.0,
          seen: set[int] | None = None) -> Emptied:
    """Kill every process in ``dirs`` and wait until none is listed (at most ``timeout`` seconds).

    ``seen``: processes known to have been in the groups; every process listed on the way is added (for ``released``).
    """
    start = time.monotonic()
    mechanism = mechanism or mechanism_of(dirs)
    seen = set() if seen is None else seen
    seen.update(listed(dirs))
    if mechanism == KILL:
        if not all(_write(g / KILL, "1") for g in dirs if (g / KILL).exists()):
            mechanism = LOOP
    elif mechanism in (FREEZE, FREEZER):
        _freeze_kill_thaw(dirs, mechanism, start + timeout)

    def dead() -> bool:
        left = listed(dirs)
        seen.update(left)
        _signal(left)  # the safety net: whatever is still listed gets SIGKILL again on every poll
        return not left

    _until(dead, start + timeout)
    return Emptied(mechanism, time.monotonic() - start, alive=len(listed(dirs)), charged=unreleased(dirs, seen))


def unreleased(dirs: list[Path], seen: set[int]) -> int:
    """Processes still charged to the groups' pids limit, beyond the dead that wait on a reaper outside the sandbox."""
    left = charged(dirs)
    return max(0, left - reaped_outside(seen)) if left else 0


def released(dirs: list[Path], seen: set[int], timeout: float = 10.0) -> int:
    """Wait until the dead of ``dirs`` are reaped, so that a process started there has the whole pids limit.

    Those whose reaper is outside the sandbox (bubblewrap, the namespace's init) are not waited for: see above.
    ``seen``: every process known to have been in the groups. Returns how many were still charged at the deadline.
    """
    _until(lambda: unreleased(dirs, seen) == 0, time.monotonic() + timeout)
    return unreleased(dirs, seen)
