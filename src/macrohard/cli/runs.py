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
from macrohard.cli.stop import stop as _stop
from macrohard.cli.upkeep import register as _register_upkeep
from macrohard.cli.view import BODY_CHARS, clip, print_step, print_summary, sandbox_line
from macrohard.errors import UserError
from macrohard.types import RunStatus

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
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many runs (a page's size).")] = 20,
    status: Annotated[str | None, typer.Option("--status", help="Only runs with this status: succeeded, gave_up, failed, "
                                               "denied, out_of_budget, interrupted, crashed or running.")] = None,
    sort: Annotated[str, typer.Option("--sort", help="Order: started (newest first), steps or tokens (most first), "
                                      "status, model, task or id (A to Z); ties newest first.")] = "started",
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="The other way round (oldest, fewest, Z to A).")] = False,
    page: Annotated[int | None, typer.Option("--page", "-p", min=1, help="Which page of --limit runs (1: the first).")] = None,
    offset: Annotated[int | None, typer.Option("--offset", min=0, help="Skip this many runs first (instead of --page).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The same rows as JSON (a list of runs).")] = False,
) -> None:
    """List runs, newest first; --sort, --reverse and --page (or --offset) page through all of them in one order."""
    from macrohard.store.sqlite import RUN_SORTS
    from macrohard.types import RunStatus

    if sort not in RUN_SORTS:
        close = get_close_matches(sort.lower(), list(RUN_SORTS), n=1)
        raise UserError(f"--sort {sort!r} is no sort" + (f" (did you mean {close[0]}?)" if close else "")
                        + f"; the sorts: {', '.join(RUN_SORTS)}")
    if page is not None and offset is not None:
        raise UserError("give --page or --offset, not both (--page N is --offset (N-1) x --limit)")
    skip = offset if offset is not None else ((page or 1) - 1) * limit
    statuses = [s.value for s in RunStatus]
    if status is not None and status not in statuses:
        # before (ux49): a typo (`gave-up`) listed nothing and said "no runs yet", as if the store were empty
        close = get_close_matches(status.replace("-", "_").lower(), statuses, n=1)
        raise UserError(f"--status {status!r} is no run status" + (f" (did you mean {close[0]}?)" if close else "")
                        + f"; the statuses: {', '.join(statuses)}")
    store = open_store()
    _recover_dead(store)
    runs = store.list_runs(limit=limit, status=status, sort=sort, reverse=reverse, offset=skip)
    if as_json:
        print_json([r.model_dump(mode="json") for r in runs])
        return
    total = store.count_runs(status)
    if not runs and skip and total:
        console.print(f"no runs past the first {total}; the last page: macrohard runs list --limit {limit} --page "
                      f"{(total - 1) // limit + 1}", highlight=False)
        return
    if not runs and status:
        console.print(f"no {status} runs; `macrohard runs list` shows runs of every status", highlight=False)
        return
    if not runs:
        console.print("no runs yet: try [bold]macrohard run \"create hello.txt containing hello world\"[/]")
        return
    order = "" if sort == "started" and not reverse else f", by {sort}" + (" reversed" if reverse else "")
    if skip == 0 and len(runs) == total:  # "1 run", not "1 runs" (ux51)
        title = (f"{total} run{'s' * (total != 1)}{order}" if order
                 else "the only run" if total == 1 else f"{total} most recent runs")
    else:
        title = f"runs {skip + 1}-{skip + len(runs)} of {total}{order}"
    table = Table(title=title, title_justify="left")
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
    if skip + len(runs) < total:  # more: the command for the next page, the same order
        again = [f"--limit {limit}"] + ([f"--status {status}"] if status else []) + (
            [f"--sort {sort}"] if sort != "started" else []) + (["--reverse"] if reverse else [])
        nxt = f"--page {skip // limit + 2}" if skip % limit == 0 else f"--offset {skip + len(runs)}"
        console.print(f"[dim]more: macrohard runs list {' '.join(again)} {nxt}[/]", highlight=False)


@app.command("show")
def show(
    run_id: Annotated[str | None, typer.Argument(help="Run id (or a unique part of it); default: the newest run.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The run and all its steps as JSON.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Every character: long commands and outputs are cut otherwise.")] = False,
) -> None:
    """Show a run's whole trajectory: every action, verdict and observation (with no id: the newest run)."""
    store = open_store()
    _recover_dead(store)
    if run_id is None:  # ux55: before, "Missing argument 'run_id'" (a 22-character id to copy from the summary)
        newest = store.list_runs(limit=1)
        if not newest:
            raise UserError('no runs yet: try macrohard run "create hello.txt containing hello world"')
        run_id = newest[0].id
        if not as_json:
            from macrohard.cli.common import err_console

            total = store.count_runs()
            which = "the only run" if total == 1 else f"the newest of {total} runs"
            err_console.print(f"[dim]{which}; `macrohard runs list` shows them all, `macrohard runs show ID` shows "
                              "one[/]", highlight=False)
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
    if not steps and run.status is RunStatus.running:  # ux52: not "ended" for a run waiting on its first step
        console.print("[dim](no steps yet: the run is still going; `macrohard runs show "
                      f"{run.id}` again, or its page in `macrohard serve`, shows them as they end)[/]", highlight=False)
    elif not steps:  # before (ux49): two rules with nothing between, for a run that ended before its first step
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
app.command("stop")(_stop)  # runs stop (cli/stop.py)
