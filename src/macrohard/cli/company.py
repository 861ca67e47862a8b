"""`macrohard company "GOAL"`: the lead plans sub-tasks across divisions, they run (in parallel where
independent) through the executor, and the lead reports; the plan and the sub-runs are shown as tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json, status_text
from macrohard.cli.view import HEAD_CHARS, clip, print_step, print_summary, visible
from macrohard.types import Run, Step, Task


def plan_table(steps: list[dict[str, Any]], title: str = "plan") -> Table:
    table = Table(title=title)
    for col in ("step", "division", "after", "task"):
        table.add_column(col, overflow="fold", ratio=4 if col == "task" else 1)
    for s in steps:
        table.add_row(s["id"], s["division"], ", ".join(s.get("after") or []) or "-",
                      escape(visible(clip(s["task"], HEAD_CHARS))))
    return table


def sub_runs_table(run: Run, children: list[Run]) -> Table:
    by_id = {v: k for k, v in (run.meta.get("company") or {}).items() if v}
    table = Table(title=f"sub-runs of {run.id}")
    for col in ("step", "division", "status", "check", "steps", "run", "answer / error"):
        table.add_column(col, overflow="fold", ratio=4 if col == "answer / error" else 1)
    for c in children:
        check = "-" if c.check is None else ("passed" if c.check.passed else "[red]failed[/]")
        note = c.answer or c.error or ""
        table.add_row(by_id.get(c.id, "-"), str(c.meta.get("division", "?")), status_text(c.status.value), check,
                      str(c.steps), c.id, escape(visible(clip(note, HEAD_CHARS))))
    return table


def _interrupted(store: Any, record: Run, exc: BaseException) -> Run:
    """What a stopped company says: the lead's run, each sub-run and how far it got; all of it is kept."""
    from macrohard.cli.common import err_console
    from macrohard.errors import NotFound

    said = escape(str(exc) or "interrupted")
    try:
        lead = store.get_run(record.id)
    except NotFound:  # before the lead's run was recorded (its model or policy being loaded): nothing to keep
        err_console.print(f"\n[yellow]{said} before the company started; nothing was recorded.[/]")
        raise typer.Exit(130) from None
    children = store.children(lead.id)
    parts = [f"{c.meta.get('division', '?')} run {c.id} {c.status.value} after {c.steps} step(s)" for c in children]
    unfinished = lead.meta.get("company_unfinished") or {}
    parts += [f"plan step {sid} {why}" for sid, why in unfinished.items()]
    err_console.print(f"\n[yellow]{said}: the company {lead.id} stopped ({lead.status.value}); "
                      + (f"its sub-runs: {'; '.join(parts)}. " if parts else "no sub-run had started. ")
                      + f"Every step so far is kept: `macrohard runs show {lead.id}`, and each sub-run's with its "
                      "id; nothing of it is still running.[/]", soft_wrap=True, highlight=False)
    return lead


def _check_executor(executor: str, workers: int, address: str | None) -> None:
    """The executor options' errors before the company's header line (rel49: `--workers 0` printed "macrohard company
    ID · lead model … · executor local", a company that never started, then its error). The executor itself is made
    later: Ray's starts a cluster."""
    from macrohard.errors import ConfigError
    from macrohard.executors import REGISTRY

    REGISTRY.lookup(executor)
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    if address and executor != "ray":
        raise ConfigError("--address is for the Ray executor: add --executor ray")


def company(
    goal: Annotated[str, typer.Argument(help="What the company should achieve, in plain words.")],
    executor: Annotated[str, typer.Option("--executor", help="Where sub-runs execute: local (a pool on this machine) or ray.")] = "local",
    workers: Annotated[int, typer.Option("--workers", help="Sub-runs at once.")] = 4,
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster address (with --executor ray).")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="The lead's model (default: the chat division's, else the configured default).")] = None,
    run_model: Annotated[str | None, typer.Option("--run-model", help="Model of sub-runs whose division names none (default: the lead's).")] = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", min=2, help="Step budget of the whole company (lead and sub-runs together).")] = None,
    network: Annotated[str, typer.Option("--network", help="Sandbox network of sub-runs: none (default), loopback, hosts, full.")] = "none",
    policy: Annotated[Path | None, typer.Option("--policy", help="Safety policy YAML (default: the user's or the built-in).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the lead's run and its sub-runs as JSON, no live view.")] = False,
) -> None:
    """Run a goal as a company: a plan across divisions, sub-runs in parallel, a report."""
    from macrohard.cli.closing import watched
    from macrohard.cli.run import _asker, exit_code
    from macrohard.divisions.catalog import load_divisions
    from macrohard.divisions.company import company as run_company
    from macrohard.divisions.company import lead_division
    from macrohard.executors import get_executor
    from macrohard.models import get_model
    from macrohard.safety.guard import Guard

    if not goal.strip():  # before (rel48): "" was a pydantic ValidationError traceback, "   " ran a company on nothing
        from macrohard.errors import UserError

        raise UserError("GOAL is empty: say in plain words what the company should achieve, e.g. `macrohard company "
                        "\"build a page that lists our open issues\"`")
    _check_executor(executor, workers, address)
    guard = Guard.from_policy(str(policy) if policy else None)
    store = open_store()
    lead = lead_division(load_divisions())
    llm = get_model(model or lead.model)
    budget = lead.budget.model_copy(update={"max_steps": max_steps}) if max_steps else lead.budget
    record = Run(task=Task(text=goal), model=llm.name)  # its task is the lead's, set by company()

    def on_step(run: Run, step: Step) -> None:
        if not as_json and run.id == record.id:
            print_step(step, run_id=run.id)

    def on_plan(steps: list[Any]) -> None:
        if not as_json:
            console.print(plan_table([s.model_dump(mode="json") for s in steps]))

    def on_result(step: Any, child: Run | None) -> None:
        if not as_json:
            what = status_text(child.status.value) + f" [dim]{child.id}[/]" if child else "[red]not run[/]"
            console.print(f"  [bold]{escape(step.id)}[/] ({escape(step.division)}): {what}")

    def on_stop(started: int, why: str, doing: list[str]) -> None:
        from macrohard.cli.common import err_console

        err_console.print(f"\n[yellow]{escape(why)}: stopping the {started} sub-run(s) already started; each ends "
                          "after its current step and is kept, and nothing runs after it"
                          + "".join(f"; {escape(d)}" for d in doing)
                          # rel50b: a second Ctrl-C cuts the steps in flight (rel52: Ray's workers too: the executor's cut)
                          + ("; press Ctrl-C again to cut their steps now" if executor in ("local", "ray") else "") + "[/]",
                          soft_wrap=True, highlight=False)

    if not as_json:
        console.print(f"[bold]macrohard[/] company [cyan]{record.id}[/] · lead model [cyan]{escape(llm.name)}[/] · "
                      f"executor [cyan]{escape(executor)}[/]")
    try:
        # SIGTERM and SIGHUP stop it as Ctrl-C does. Before (rel47): Ctrl-C said nothing, the sub-runs went on to
        # their end and the lead's run kept none of them; SIGTERM killed it at once, every run left `running`
        with watched(then_ignore=True), get_executor(executor, workers=workers, address=address) as pool:
            finished = run_company(goal, store=store, executor=pool, run_model=run_model or model, lead_model=llm,
                                   guard=guard, on_step=on_step, approve=_asker(guard), run=record,
                                   on_plan=on_plan, on_result=on_result, on_stop=on_stop,
                                   budget=budget, network=network)
    except KeyboardInterrupt as exc:
        finished = _interrupted(store, record, exc)
    children = store.children(finished.id)
    if as_json:
        print_json({"run": finished.model_dump(mode="json"), "sub_runs": [c.model_dump(mode="json") for c in children]})
    else:
        console.rule()
        console.print(sub_runs_table(finished, children))
        print_summary(finished)
        console.print(f"[dim]verify every step: macrohard audit verify {finished.id}[/]")
    raise typer.Exit(exit_code(finished))
