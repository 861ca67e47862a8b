"""`macrohard runs ...`: list and show recorded runs."""

from __future__ import annotations

from difflib import get_close_matches
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from macrohard.cli.changes import register as _register_changes
from macrohard.cli.common import ago, console, open_store, print_json, status_text
from macrohard.cli.imagine import highlights
from macrohard.cli.replay import replay
from macrohard.cli.upkeep import register as _register_upkeep
from macrohard.cli.view import BODY_CHARS, clip, print_step, print_summary, sandbox_line
from macrohard.errors import UserError

app = typer.Typer(no_args_is_help=True)


def _recover_dead(store: object) -> None:
    """Runs left `running` by a process that died (kill -9, a crash) are recovered before they are shown, as the next
    `macrohard run` would: marked crashed with the reason, their files recorded (before: `runs show` said `running`
    forever, until the next run started). Said on stderr, so --json stays clean; a failure names `runs recover`."""
    from macrohard.cli.common import err_console
    from macrohard.recovery import recover, said

    try:
        done = recover(store)
    except Exception as exc:  # noqa: BLE001 - showing must never fail on it; `runs recover` says why
        err_console.print(f"[yellow]recovering runs whose process died failed: {escape(str(exc))}; "
                          "try `macrohard runs recover`[/]", highlight=False)
        return
    for item in done:
        err_console.print(f"[dim]{escape(said(item))}[/]", highlight=False)


@app.command("list")
def list_runs(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs, newest first.")] = 20,
    status: Annotated[str | None, typer.Option("--status", help="Only runs with this status: succeeded, gave_up, failed, "
                                               "denied, out_of_budget, interrupted, crashed or running.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List recent runs."""
    from macrohard.types import RunStatus

    statuses = [s.value for s in RunStatus]
    if status is not None and status not in statuses:
        # before (ux49): a typo (`gave-up`) listed nothing and said "no runs yet", as if the store were empty
        close = get_close_matches(status.replace("-", "_").lower(), statuses, n=1)
        raise UserError(f"--status {status!r} is no run status" + (f" (did you mean {close[0]}?)" if close else "")
                        + f"; the statuses: {', '.join(statuses)}")
    store = open_store()
    _recover_dead(store)
    runs = store.list_runs(limit=limit, status=status)
    if as_json:
        print_json([r.model_dump(mode="json") for r in runs])
        return
    if not runs and status:
        console.print(f"no {status} runs; `macrohard runs list` shows runs of every status", highlight=False)
        return
    if not runs:
        console.print("no runs yet: try [bold]macrohard run \"create hello.txt containing hello world\"[/]")
        return
    table = Table(title=f"{len(runs)} most recent runs", title_justify="left")
    # the id and status are what people copy and scan: they keep their width; on a narrow terminal the
    # least needed columns go (all of them are in --json) rather than every column being squeezed
    drop = set() if console.width >= 115 else {"tokens", "started"} if console.width >= 90 else {"tokens", "started", "time"}
    widths = {"run id": 22, "status": 9, "steps": 5, "tokens": 6, "time": 6, "started": 8, "task": 12}
    columns = [c for c in ("run id", "status", "model", "steps", "tokens", "time", "started", "task") if c not in drop]
    for col in columns:
        table.add_column(col, overflow="ellipsis", no_wrap=col not in ("model", "task"), min_width=widths.get(col),
                         max_width=22 if col == "model" else None)
    for r in runs:
        cells = {"run id": r.id,
                 "status": status_text(r.status.value) + (" [bold red](check failed)[/]" if r.false_success else ""),
                 "model": Text(r.model, no_wrap=True, overflow="ellipsis"), "steps": str(r.steps), "tokens": f"{r.usage.total:,}",
                 "time": f"{r.work_seconds:.1f}s" if r.work_seconds is not None else "-", "started": ago(r.created_at),
                 "task": Text(r.task.text[:80], no_wrap=True, overflow="ellipsis")}
        table.add_row(*(cells[c] for c in columns))
    console.print(table)


@app.command("show")
def show(
    run_id: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json", help="The run and all its steps as JSON.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Every character: long commands and outputs are cut otherwise.")] = False,
) -> None:
    """Show a run's whole trajectory: every action, verdict and observation."""
    store = open_store()
    _recover_dead(store)
    run = store.get_run(run_id)
    steps = store.steps(run.id)
    if as_json:
        print_json({"run": run.model_dump(mode="json"), "steps": [s.model_dump(mode="json") for s in steps]})
        return
    console.print(f"[bold]run[/] [cyan]{run.id}[/]  {status_text(run.status.value)}")
    text = run.task.text if full else clip(run.task.text, BODY_CHARS, f"macrohard runs show {run.id} --full")
    console.print(f"[bold]task:[/] {escape(text)}", highlight=False, soft_wrap=full)
    if line := sandbox_line(run):
        console.print(line, highlight=False, soft_wrap=full)
    console.rule()
    for step in steps:
        print_step(step, full=full, brief=False, run_id=run.id)
    if not steps:  # before (ux49): two rules with nothing between, for a run that ended before its first step
        console.print("[dim](no steps: the run ended before its first; the reason is below)[/]")
    console.rule()
    print_summary(run)
    if run.meta.get("gate"):
        from macrohard.cli.code import print_gate

        print_gate(run.meta["gate"])


_register_changes(app)  # runs diff, runs apply
_register_upkeep(app)  # runs recover, runs gc
app.command("replay")(replay)  # runs replay (cli/replay.py)
app.command("highlights")(highlights)  # runs highlights (cli/imagine.py)
