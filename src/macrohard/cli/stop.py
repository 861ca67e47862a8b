"""`macrohard runs stop RUN… | --all`: stop runs that run in other processes (another terminal, `serve`, a company's
workers), as Ctrl-C stops the run of its own terminal.

rel52: before, a run started elsewhere could be stopped only with Ctrl-C in its own terminal, or killed (`kill`: then
`crashed`, its step unfinished). The request is the cut the executors already send to their workers
(``stopping.cut_in_files``: a ``.now`` file beside the run store, which every run's agent watches): the step in flight
is cut where it waits (a command, a model call, a page, a desktop program), the run recorded ``interrupted`` with
its steps kept, its sandbox closed and its changes recorded, as after Ctrl-C.
"""

from __future__ import annotations

import os
import time
from typing import Annotated, Any

import typer
from rich.markup import escape

from macrohard.cli.common import console, err_console, open_store, print_json

WHY = "stopped by `macrohard runs stop` (from another terminal)"
POLL_S = 0.2


def _owner_gone(run: Any) -> bool:
    from macrohard.recovery import dead

    return dead(run) is True


def _with_running_subruns(store: Any, run: Any) -> list[Any]:
    """The run and its sub-runs still running, depth first (a company's workers in other processes watch their own
    files, not their parent's)."""
    from macrohard.types import RunStatus

    found, todo = [run], [run]
    while todo:
        for child in store.children(todo.pop().id):
            if child.status is RunStatus.running and all(child.id != f.id for f in found):
                found.append(child)
                todo.append(child)
    return found


def stop(
    run_ids: Annotated[list[str] | None, typer.Argument(help="Run ids (or unique parts of them): `macrohard runs "
                                                       "list --status running` lists the running ones.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every running run of this data dir (MACROHARD_HOME).")] = False,
    wait: Annotated[float, typer.Option("--wait", min=0, help="Seconds to wait for the runs to end; 0: ask and "
                                        "return at once.")] = 15.0,
    as_json: Annotated[bool, typer.Option("--json", help="What was done to each run, as JSON.")] = False,
) -> None:
    """Stop running runs from another terminal, as Ctrl-C in their own would.

    The step each run is in is cut where it waits (a command, a model call, a page load, a desktop program) and the
    run ends `interrupted`, its steps kept, its sandbox closed, its changes recorded (`macrohard runs diff ID`). Its
    sub-runs (a company's, a chat's delegations) are stopped with it. A run started by `macrohard run` ends with
    exit code 130 in its own terminal, saying it was stopped by `macrohard runs stop`.

    Exit codes: 0 every run asked ended; 1 nothing to stop (the run had ended, or its process was gone: `macrohard
    runs recover` records a killed run); 2 no such run; 3 asked, but a run had not ended within --wait (it ends when
    its step next looks: within a second for a command, a model call, a page or a desktop action).
    """
    from macrohard import stopping
    from macrohard.errors import UserError
    from macrohard.types import RunStatus

    if every and run_ids:
        raise UserError("give run ids or --all, not both")
    if not every and not run_ids:
        raise UserError("name the run to stop (`macrohard runs list --status running` lists the running ones), or "
                        "give --all to stop every running run")
    store = open_store()
    runs = ([store.get_run(r) for r in dict.fromkeys(run_ids or [])] if not every
            else store.list_runs(limit=1_000_000, status=RunStatus.running.value))
    rows: list[dict[str, Any]] = []
    asked: dict[str, dict[str, Any]] = {}
    for run in runs:
        row = {"run": run.id, "was": run.status.value, "status": run.status.value, "steps": run.steps}
        rows.append(row)
        if run.status is not RunStatus.running:
            row["result"] = "not_running"
            row["said"] = (f"run {run.id} is not running: it ended {run.status.value}"
                           + (f" ({run.error})" if run.error else "") + " — nothing to stop")
            continue
        if _owner_gone(run):
            from macrohard.envs.mounts import read_owner
            from macrohard.recovery import sandboxes

            pid = (run.meta.get("owner") or read_owner(sandboxes() / run.id) or {}).get("pid", "?")
            row["result"] = "process_gone"
            row["said"] = (f"run {run.id} is not running: the process that ran it (pid {pid}) is gone (killed, or the "
                           f"machine stopped) — nothing to stop; `macrohard runs recover {run.id}` records it as "
                           "crashed and keeps its files")
            continue
        family = _with_running_subruns(store, run)
        missed = stopping.cut_in_files([stopping.stop_file(store.path, r.id) for r in family], WHY)
        stopping.ask_in_files([stopping.stop_file(store.path, r.id) for r in family], WHY)
        if len(missed) == len(family):
            row["result"] = "not_asked"
            row["said"] = (f"run {run.id} could not be asked to stop: {os.path.dirname(missed[0])} cannot be written "
                           "(a full or read-only disk); stop it with Ctrl-C in its terminal, or `kill` its process")
            continue
        row["subruns"] = [r.id for r in family[1:]]
        asked[run.id] = row
    deadline = time.monotonic() + wait
    while asked:
        for run_id, row in list(asked.items()):
            now = store.get_run(run_id)
            if now.status is not RunStatus.running or _owner_gone(now):
                row.update(status=now.status.value, steps=now.steps, result="stopped")
                row["said"] = (f"stopped run {run_id}: {now.status.value} after {now.steps} step"
                               f"{'s' * (now.steps != 1)}, its steps kept (`macrohard runs show {run_id}`)")
                if now.status is RunStatus.running:  # its process ended as it was asked, before recording the end
                    row["said"] = (f"run {run_id}'s process ended without recording the end: `macrohard runs "
                                   f"recover {run_id}` records it")
                del asked[run_id]
        if not asked or time.monotonic() >= deadline:
            break
        time.sleep(POLL_S)
    for row in asked.values():
        row["result"] = "still_running"
        row["said"] = (f"asked run {row['run']} to stop; it was still running after {wait:g}s: it ends when its step "
                       f"next looks at the request (`macrohard runs stop {row['run']} --wait 60` waits longer; "
                       f"`macrohard runs show {row['run']}` shows its steps so far)")
    if as_json:
        print_json(rows)
    else:
        if every and not rows:
            console.print("no run is running: nothing to stop")
        for row in rows:
            out = console if row["result"] == "stopped" else err_console
            out.print(f"{escape(row['said'])}" + (f" [dim](and its {len(row['subruns'])} sub-run(s))[/]"
                                                  if row.get("subruns") else ""), highlight=False, soft_wrap=True)
    results = {row["result"] for row in rows}
    if "still_running" in results:
        raise typer.Exit(3)
    if "stopped" not in results:
        raise typer.Exit(1)
