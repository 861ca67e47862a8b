"""Budgets enforced in the loop: steps, wall time, tokens and money per run, and per day.

One bound everywhere (``exceeded``): a limit of N allows N. A step may start only while every counter
is below its limit, so a budget of N steps allows exactly N steps, and a run that has used N tokens,
N seconds or $N takes no further step. The guard's budget check and the loop's both call ``exceeded``.

Per-run limits come from the task's ``Budget``; per-day limits from the policy's
``budgets.per_day``, summed over every run started today (UTC) in the run store, this one included.
Money is counted from ``models/prices.py`` when a model reply does not carry its own cost.
"""

from __future__ import annotations

import calendar
import time
from typing import Any

from pydantic import BaseModel

from macrohard.errors import BudgetExceeded
from macrohard.safety.policy import DailyBudget
from macrohard.sqlitedisk import connect
from macrohard.types import Budget, Run, Task


class DayTotals(BaseModel):
    """What all runs started today have spent so far."""

    runs: int = 0
    tokens: int = 0
    cost_usd: float = 0.0


def start_of_day(now: float | None = None) -> float:
    t = time.gmtime(now if now is not None else time.time())
    return float(calendar.timegm((t.tm_year, t.tm_mon, t.tm_mday, 0, 0, 0)))


def day_totals(store: Any, *, exclude: str | None = None, now: float | None = None) -> DayTotals:
    """Totals over today's runs in ``store`` (a ``SQLiteStore``); zero for stores without a database."""
    path = getattr(store, "path", None)
    if path is None:
        return DayTotals()
    db = connect(str(path), timeout=30)  # sqlitedisk's: a -shm made unwritable is said, not a SIGBUS
    try:
        row = db.execute(
            "SELECT COUNT(*), COALESCE(SUM(tokens), 0), COALESCE(SUM(json_extract(body, '$.cost_usd')), 0) "
            "FROM runs WHERE created_at >= ? AND id != ?", (start_of_day(now), exclude or "")).fetchone()
    finally:
        db.close()
    return DayTotals(runs=int(row[0]), tokens=int(row[1]), cost_usd=float(row[2]))


def reached(used: float, limit: float | None) -> bool:
    """The one bound of every budget: a limit of N allows N, so it is reached once N are used."""
    return limit is not None and used >= limit


def exceeded(budget: Budget, *, steps: int = 0, elapsed_s: float = 0.0, tokens: int = 0,
             cost_usd: float = 0.0) -> str | None:
    """Why no further step may start (a limit reached: used >= limit), or None while every counter is below it.

    ``steps`` is the number of steps already taken: a budget of N steps allows exactly N.
    """
    b = budget
    if reached(steps, b.max_steps):
        return f"step budget of {b.max_steps} spent without finishing"
    if reached(elapsed_s, b.max_seconds):
        return f"wall-time budget of {b.max_seconds:g}s spent"
    if reached(tokens, b.max_tokens):
        return f"token budget of {b.max_tokens} spent ({tokens} used)"
    if reached(cost_usd, b.max_cost_usd):
        return f"cost budget of ${b.max_cost_usd:g} spent (${cost_usd:.4f})"
    return None


def check_run_budget(task: Task, run: Run, elapsed_s: float, steps: int = 0) -> None:
    """Raise ``BudgetExceeded`` when the run may not start another step (``exceeded``)."""
    reason = exceeded(task.budget, steps=steps, elapsed_s=elapsed_s, tokens=run.usage.total, cost_usd=run.cost_usd)
    if reason is not None:
        raise BudgetExceeded(reason)


def check_daily_budget(daily: DailyBudget, store: Any, run: Run) -> None:
    """Raise ``BudgetExceeded`` when today's runs (this one included) have spent the day's budget."""
    if daily.max_runs is None and daily.max_tokens is None and daily.max_cost_usd is None:
        return
    other = day_totals(store, exclude=run.id)
    if reached(other.runs, daily.max_runs):  # the runs started before this one
        raise BudgetExceeded(f"daily budget of {daily.max_runs} runs spent; raise budgets.per_day.max_runs "
                             "in the policy or wait until tomorrow (UTC)")
    tokens = other.tokens + run.usage.total
    if reached(tokens, daily.max_tokens):
        raise BudgetExceeded(f"daily token budget of {daily.max_tokens} spent ({tokens} used today)")
    cost = other.cost_usd + run.cost_usd
    if reached(cost, daily.max_cost_usd):
        raise BudgetExceeded(f"daily cost budget of ${daily.max_cost_usd:g} spent (${cost:.4f} today)")


def priced(model: str, usage: Any, reported: float) -> float:
    """The reply's own cost, else the price table's."""
    if reported:
        return reported
    from macrohard.models.prices import cost_usd

    return cost_usd(model, usage)
