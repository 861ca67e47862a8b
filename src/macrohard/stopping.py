"""Runs this process was asked to stop (their driver, a company or an evaluation, was interrupted), and what each
is doing now, so that the user can be told and nothing runs after the stop.

A ground-floor module (imports nothing of ours): the executors ask (``stop_runs``), the agent looks before it
executes an approved action and after each step (``why_stopped``) and says what it is executing (``doing``).
Before (rel48): the agent looked only after each step, so an action its model chose while the stop came (a slow
model's answer, a sandbox still starting) still ran after the user had said stop, and the user was told only that
each sub-run "ends after its current step", not which step that was.
"""

from __future__ import annotations

import threading
import time

_lock = threading.Lock()
_stopping: dict[str, str] = {}  # run id -> why it was asked to stop
_doing: dict[str, tuple[int, str, float]] = {}  # run id -> (step, what it executes, since when: monotonic)


def stop_runs(run_ids: list[str], why: str) -> None:
    """Ask these runs (in this process's threads) to stop: each ends after the action it is executing now, and
    executes nothing after it; recorded ``interrupted`` with ``why``."""
    with _lock:
        _stopping.update(dict.fromkeys(run_ids, why))


def why_stopped(*run_ids: str | None) -> str | None:
    """Why the first of these runs (a run, then its parent: a sub-run's own delegations stop with it) was asked
    to stop; None if none was."""
    for run_id in run_ids:
        if run_id and (why := _stopping.get(run_id)) is not None:
            return why
    return None


def forget(run_id: str) -> str | None:
    """The run has ended as asked: its request is taken back (its why, or None when none was made)."""
    with _lock:
        _doing.pop(run_id, None)
        return _stopping.pop(run_id, None)


def doing(run_id: str, step: int, what: str | None) -> None:
    """The run executes ``what`` in ``step`` now (None: nothing any more)."""
    with _lock:
        if what is None:
            _doing.pop(run_id, None)
        else:
            _doing[run_id] = (step, what, time.monotonic())


def now_doing(run_id: str) -> str | None:
    """What the run executes now, for people: "step 2 (bash `sleep 25`, 3 s so far)"; None between actions."""
    got = _doing.get(run_id)
    if got is None:
        return None
    step, what, since = got
    return f"step {step} ({what}, {time.monotonic() - since:.0f} s so far)"
