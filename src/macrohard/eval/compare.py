"""Two evaluations side by side: overall rates and the tasks whose results differ."""

from __future__ import annotations

from pydantic import BaseModel, Field
from rich.console import Console
from rich.table import Table

from macrohard.eval.records import EvalInfo
from macrohard.eval.report import Rate, summarize
from macrohard.executors.spec import RunOutcome


class TaskDiff(BaseModel):
    """One task's success in A and in B (None: the task was not in that evaluation)."""

    task_id: str
    a: Rate | None
    b: Rate | None

    @property
    def delta(self) -> float:
        return (self.b.rate if self.b else 0.0) - (self.a.rate if self.a else 0.0)


class Comparison(BaseModel):
    a: EvalInfo
    b: EvalInfo
    overall_a: Rate
    overall_b: Rate
    state_a: str = "complete"
    state_b: str = "complete"
    expected_a: int = 0
    expected_b: int = 0
    tasks: list[TaskDiff] = Field(default_factory=list)

    @property
    def changed(self) -> list[TaskDiff]:
        return [t for t in self.tasks if t.a is None or t.b is None or abs(t.delta) > 1e-9]


def compare(a: EvalInfo, a_out: list[RunOutcome], b: EvalInfo, b_out: list[RunOutcome]) -> Comparison:
    sa, sb = summarize(a, a_out), summarize(b, b_out)
    ids = sorted(set(sa.by_task) | set(sb.by_task))
    diffs = [TaskDiff(task_id=t, a=sa.by_task.get(t), b=sb.by_task.get(t)) for t in ids]
    return Comparison(a=a, b=b, overall_a=sa.overall, overall_b=sb.overall, state_a=sa.state, state_b=sb.state,
                      expected_a=sa.expected, expected_b=sb.expected, tasks=diffs)


def _results(n: int, expected: int, state: str) -> str:
    return f"{n} of {expected}" if state == "complete" else f"[bold yellow]{n} of {expected}: INCOMPLETE ({state})[/]"


def to_json(c: Comparison) -> dict[str, object]:
    data = c.model_dump(mode="json")
    data["changed"] = [{**t.model_dump(mode="json"), "delta": t.delta} for t in c.changed]
    return data


def print_comparison(c: Comparison, console: Console, *, all_tasks: bool = False) -> None:
    head = Table(title="comparison", title_justify="left")
    for col in ("", "A", "B"):
        head.add_column(col)
    head.add_row("evaluation", c.a.id, c.b.id)
    head.add_row("suite", c.a.suite, c.b.suite)
    head.add_row("model", c.a.model, c.b.model)
    head.add_row("success (95% CI)", c.overall_a.text(), c.overall_b.text())
    head.add_row("passed", f"{c.overall_a.passed}/{c.overall_a.n}", f"{c.overall_b.passed}/{c.overall_b.n}")
    head.add_row("results", _results(c.overall_a.n, c.expected_a, c.state_a), _results(c.overall_b.n, c.expected_b, c.state_b))
    console.print(head)
    rows = c.tasks if all_tasks else c.changed
    if not rows:
        console.print("[green]no per-task differences[/]")
        return
    table = Table(title=f"{len(c.changed)} task(s) differ" if not all_tasks else "all tasks", title_justify="left")
    for col in ("task", "A", "B", "change"):
        table.add_column(col, justify="left" if col == "task" else "right")
    for t in sorted(rows, key=lambda d: d.delta):
        fmt = lambda r: "-" if r is None else f"{r.passed}/{r.n}"  # noqa: E731
        d = t.delta
        color = "green" if d > 0 else "red" if d < 0 else "white"
        table.add_row(t.task_id, fmt(t.a), fmt(t.b), f"[{color}]{d:+.0%}[/]")
    console.print(table)
