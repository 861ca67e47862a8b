"""Score an evaluation: success rate with a Wilson interval, per-tag breakdown, medians and totals.

The same ``Summary`` feeds the terminal table, ``--json`` and the HTML page (``eval/html.py``).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter

from pydantic import BaseModel, Field
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from macrohard.eval.records import EvalInfo, eval_state
from macrohard.executors.spec import RunOutcome
from macrohard.types import RunStatus


def wilson(passed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95% Wilson score interval for a binomial proportion (sound at 0%, 100% and small n)."""
    if n == 0:
        return 0.0, 0.0
    p = passed / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


class Rate(BaseModel):
    """Passed out of n, with its interval."""

    n: int
    passed: int
    rate: float
    low: float
    high: float

    @classmethod
    def of(cls, passed: int, n: int) -> Rate:
        lo, hi = wilson(passed, n)
        return cls(n=n, passed=passed, rate=passed / n if n else 0.0, low=lo, high=hi)

    def text(self) -> str:
        return f"{self.rate:.0%} [{self.low:.0%}, {self.high:.0%}]"


class Summary(BaseModel):
    """Everything the reports show about one evaluation."""

    eval: EvalInfo
    overall: Rate
    expected: int = Field(default=0, description="Results the evaluation planned (tasks x repeats).")
    state: str = Field(default="complete", description="complete, running, or interrupted (fewer results than planned).")
    by_tag: dict[str, Rate] = Field(default_factory=dict)
    by_task: dict[str, Rate] = Field(default_factory=dict)
    statuses: dict[str, int] = Field(default_factory=dict)
    median_steps: float = 0.0
    median_seconds: float = 0.0
    total_tokens: int = 0
    median_tokens: float = 0.0
    total_cost_usd: float = 0.0
    guard_blocks: int = 0
    harmful_executed: int = 0
    false_successes: int = Field(default=0, description="Runs whose agent claimed success that failed their "
                                 "check: failures, counted apart so they stay visible.")
    retried: int = 0
    lost: int = 0
    wall_seconds: float | None = None
    steps: list[int] = Field(default_factory=list, description="Steps of every run (for the histogram).")
    seconds: list[float] = Field(default_factory=list, description="Seconds of every run.")


def _median(values: list[float]) -> float:
    return float(statistics.median(values)) if values else 0.0


def summarize(info: EvalInfo, outcomes: list[RunOutcome]) -> Summary:
    runs = [o.run for o in outcomes if o.run is not None]
    tags: dict[str, list[bool]] = {}
    tasks: dict[str, list[bool]] = {}
    for o in outcomes:
        for tag in o.tags or ["(untagged)"]:
            tags.setdefault(tag, []).append(o.passed)
        tasks.setdefault(o.task_id, []).append(o.passed)
    steps = [r.steps for r in runs]
    seconds = [r.work_seconds or 0.0 for r in runs]
    tokens = [r.usage.total for r in runs]
    return Summary(
        eval=info,
        overall=Rate.of(sum(o.passed for o in outcomes), len(outcomes)),
        expected=info.n_tasks,
        state=eval_state(info, len(outcomes)),
        by_tag={t: Rate.of(sum(v), len(v)) for t, v in sorted(tags.items())},
        by_task={t: Rate.of(sum(v), len(v)) for t, v in sorted(tasks.items())},
        statuses=dict(Counter(r.status.value for r in runs) + Counter({"lost": sum(o.run is None for o in outcomes)})),
        median_steps=_median([float(s) for s in steps]),
        median_seconds=_median(seconds),
        total_tokens=sum(tokens),
        median_tokens=_median([float(t) for t in tokens]),
        total_cost_usd=sum(r.cost_usd for r in runs),
        guard_blocks=sum(o.guard_blocks for o in outcomes),
        harmful_executed=sum(o.harmful_executed for o in outcomes),
        false_successes=sum(1 for o in outcomes if o.run is not None and o.run.status is RunStatus.succeeded
                            and not o.passed),
        retried=sum(o.retried for o in outcomes),
        lost=sum(o.run is None for o in outcomes),
        wall_seconds=(info.finished_at - info.created_at) if info.finished_at else None,
        steps=steps,
        seconds=[round(s, 4) for s in seconds],
    )


def print_summary(summary: Summary, console: Console, *, failures: list[RunOutcome] | None = None) -> None:
    """The terminal report: headline table, per-tag table, and the failed tasks."""
    e = summary.eval
    # what a suite file or a worker wrote (ids, tags, errors) is shown as written: an error's
    # `pip install 'macrohard[qwen]'` lost its extra to rich's markup
    head = Table(title=escape(f"evaluation {e.id}: suite {e.suite}, model {e.model}"), title_justify="left",
                 show_header=False)
    head.add_column(style="bold")
    head.add_column()
    o = summary.overall
    style = "green" if o.rate >= 0.8 else "yellow" if o.rate >= 0.5 else "red"
    if summary.state != "complete":
        head.add_row("results", f"[bold yellow]INCOMPLETE ({summary.state}): {o.n} of {summary.expected}[/]"
                     + (escape(f"  resume: macrohard eval run {e.suite_source or e.suite} --resume {e.id}")
                        if summary.state == "interrupted" else ""))
    of = f" of the {o.n} finished" if summary.state != "complete" else ""
    head.add_row("success", f"[{style}]{o.passed}/{o.n} = {o.rate:.1%}[/]{of}  (95% CI {o.low:.1%} - {o.high:.1%})")
    head.add_row("median steps", f"{summary.median_steps:g}")
    head.add_row("median time", f"{summary.median_seconds:.2f}s" + (
        f"  (wall {summary.wall_seconds:.1f}s, {e.executor} x{e.workers})" if summary.wall_seconds else ""))
    head.add_row("tokens", f"{summary.total_tokens:,} total, median {summary.median_tokens:g} a run")
    head.add_row("cost", f"${summary.total_cost_usd:.4f}")
    head.add_row("guard blocks", str(summary.guard_blocks))
    if summary.harmful_executed or any(t == "safety" for t in summary.by_tag):
        color = "green" if summary.harmful_executed == 0 else "bold red"
        head.add_row("harmful executed", f"[{color}]{summary.harmful_executed}[/]")
    color = "green" if summary.false_successes == 0 else "bold red"
    head.add_row("false successes", f"[{color}]{summary.false_successes}[/] (the agent claimed success, the check failed)")
    head.add_row("statuses", ", ".join(f"{k} {v}" for k, v in sorted(summary.statuses.items()) if v))
    if summary.retried or summary.lost:
        head.add_row("retried / lost", f"{summary.retried} / {summary.lost}")
    console.print(head)
    tags = Table(title="by tag", title_justify="left")
    for col in ("tag", "runs", "passed", "success (95% CI)"):
        tags.add_column(col, justify="left" if col == "tag" else "right")
    for tag, rate in summary.by_tag.items():
        tags.add_row(escape(tag), str(rate.n), str(rate.passed), rate.text())
    console.print(tags)
    if failures:
        fail = Table(title=f"{len(failures)} failed", title_justify="left")
        for col in ("task", "run", "status", "why"):
            fail.add_column(col, overflow="fold")
        for f in sorted(failures, key=lambda x: x.key)[:30]:
            fail.add_row(escape(f.key), f.run.id if f.run else "-", f.run.status.value if f.run else "lost",
                         escape((f.detail or f.error or "")[:160]))
        console.print(fail)
