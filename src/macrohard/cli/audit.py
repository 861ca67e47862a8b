"""`macrohard audit`: show and verify a run's hash-chained audit log."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json
from macrohard.cli.view import visible
from macrohard.store.audit_read import ReadLog as _ReadLog
from macrohard.types import RunStatus

app = typer.Typer(no_args_is_help=True, help="Show and verify the guard's tamper-evident audit log of a run.")


def _log(run: str) -> tuple[_ReadLog, str]:
    store = open_store()
    run_id = store.get_run(run).id
    return _ReadLog(store.path), run_id


def _still_running(report: dict[str, list[Any]], store: Any) -> dict[str, list[str]]:
    """Takes out of ``report`` each "sub-run X is not recorded in this run's chain" whose sub-run is still running
    (a company or delegation verified while it works: the link is written when the sub-run ends), and returns them
    per parent. Before (rel47): `audit verify` of a live company said TAMPERED and exit 1."""
    live: dict[str, list[str]] = {}
    for parent, problems in report.items():
        for child in store.children(parent):
            if child.status is not RunStatus.running:
                continue
            said = f"sub-run {child.id} is not recorded in this run's chain"
            kept = [p for p in problems if p.seq is not None or not p.what.startswith(said)]
            if len(kept) != len(problems):
                problems[:] = kept
                live.setdefault(parent, []).append(child.id)
    return live


def _cut_short(store: Any) -> Any:
    """Why a run ended before it could link the sub-runs it had started: the process died (SIGKILL, a crash, a power
    cut: recovered as `crashed`), or it was interrupted while they still ended; None for a run that ended whole."""
    def why(run_id: str) -> str | None:
        run = store.get_run(run_id)
        if run.status not in (RunStatus.crashed, RunStatus.interrupted):
            return None
        return f"{run.status.value}: {run.error}" if run.error else run.status.value

    return why


def _outcome(log: _ReadLog, store: Any, run_id: str) -> tuple[list[Any], str]:
    """The run's status in the store against the outcome sealed onto its chain: problems, or a note for an older
    run. Before (rel48's left-open): a status edited in the store (`succeeded` over `failed`) passed `audit verify`."""
    run = store.get_run(run_id)
    row = store._db().execute("SELECT status FROM runs WHERE id=?", (run_id,)).fetchone()
    return log.outcome_problems(run_id, run.status.value, str(row[0]) if row else run.status.value, run.created_at)


@app.command("verify")
def verify(
    run: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json", help="The report as JSON (exit 1 if the chain is broken).")] = False,
) -> None:
    """Recompute the run's hash chain and its sub-runs' (delegations); name any record that was edited,
    removed or reordered, and any sub-run whose chain no longer matches its parent's record (exit 1)."""
    from macrohard.cli.runs import _recover_dead
    from macrohard.safety.audit_links import verify_tree

    store = open_store()
    top = store.get_run(run)
    # a run its killed process left `running` is recovered first (`crashed`), as `runs list` does: before (rel48)
    # `audit verify` of a SIGKILLed company said "the run is still running" and its sub-runs TAMPERED
    _recover_dead(store)
    top = store.get_run(top.id)
    run_id = top.id
    log = _ReadLog(store.path)
    notes: dict[str, list[str]] = {}
    with log.snapshot():  # one moment of a live run's log (rel47)
        report = verify_tree(log, run_id, children_of=lambda r: [c.id for c in store.children(r)],
                             cut_short=_cut_short(store), notes=notes)
        live = _still_running(report, store)
        unsealed: dict[str, str] = {}
        for rid, problems in report.items():  # each run's status against the outcome sealed onto its chain (rel49)
            found, note = _outcome(log, store, rid)
            problems.extend(found)
            if note:
                unsealed[rid] = note
        counts = {r: log.count(r) for r in report}
        heads = {r: log.head(r) for r in report}
    bad = any(report.values())
    running = " (the run is still running: its chain so far)" if top.status is RunStatus.running else ""
    # rel50: a run killed after its last step (a `finish` claiming "done") and before its outcome: the chain is
    # intact, and "ok" alone read as a run that ended; its line says it did not, and how it is recorded
    ended_early = (f"the run did not end by itself: it is recorded {top.status.value} ({top.error or 'no reason'}); "
                   "the chain holds what it did until then"
                   if top.status in (RunStatus.crashed, RunStatus.interrupted) else None)
    if as_json:
        problems = report[run_id]
        print_json({"run": run_id, "records": counts[run_id], "ok": not bad, "running": bool(running),
                    "status": top.status.value, "ended_early": ended_early,
                    "problems": [p.model_dump() for p in problems], "head": heads[run_id],
                    "sub_runs_running": live.get(run_id, []), "cut_short": notes.get(run_id, []),
                    "outcome_not_sealed": unsealed.get(run_id),
                    "sub_runs": {r: {"records": counts[r], "ok": not ps, "head": heads[r],
                                     "problems": [p.model_dump() for p in ps], "sub_runs_running": live.get(r, []),
                                     "cut_short": notes.get(r, [])}
                                 for r, ps in report.items() if r != run_id}})
        raise typer.Exit(1 if bad else 0)
    for rid, problems in report.items():
        count = counts[rid]
        label = rid if rid == run_id else f"  sub-run {rid}"
        if problems:
            console.print(f"[bold red]TAMPERED[/] audit log of {label} ({count} records):")
            for p in problems:
                console.print(f"  record {p.seq if p.seq is not None else '-'}: {escape(p.what)}")
        else:
            head = heads[rid]
            console.print(f"[green]ok[/] {label}: {count} records, chain intact"
                          + (f", head {head[1][:16]}…" if head else " (no records)") + (running if rid == run_id else ""))
        if rid == run_id and ended_early:
            console.print(f"  [yellow]cut:[/] {escape(ended_early)}")
        for note in notes.get(rid, []):
            console.print(f"  [yellow]cut short:[/] {escape(note)}")
        if rid in unsealed:
            console.print(f"  [yellow]not sealed:[/] {escape(unsealed[rid])}")
        for child in live.get(rid, []):
            console.print(f"  sub-run {child} is still running: it is linked into this chain when it ends "
                          f"(verify again then)")
    raise typer.Exit(1 if bad else 0)


@app.command("show")
def show(
    run: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json", help="The records as JSON.")] = False,
) -> None:
    """List a run's audit records: every verdict, approval and screening result."""
    log, run_id = _log(run)
    records = log.records(run_id)
    unreadable = log.unreadable(run_id)
    if as_json:
        print_json([r.model_dump(mode="json") for r in records])
        return
    if not records and not unreadable:  # ux51: before, an empty table and no words
        console.print(f"no audit records for {run_id}: the guard has reviewed no action of this run "
                      f"(`macrohard runs show {run_id}` says what it did)", highlight=False)
        return
    table = Table(title=f"audit log of {run_id}")
    for col in ("seq", "step", "kind", "decision", "check", "action / reason", "hash"):
        table.add_column(col, overflow="fold")
    for r in records:
        v = r.verdict
        action = r.action or {}
        what = action.get("command") or action.get("path") or action.get("url") or action.get("kind") or ""
        text = f"{what}\n{v.get('reason', '')}".strip()
        table.add_row(str(r.seq), str(r.step), r.kind, str(v.get("decision")), str(v.get("check", "")),
                      escape(visible(text[:200])), r.hash[:12])
    console.print(table)
    if unreadable:  # before (rel47): a traceback, nothing listed
        console.print(f"[bold red]{len(unreadable)} record(s) are not audit records (edited): "
                      f"{', '.join(map(str, unreadable[:20]))}[/]; `macrohard audit verify {run_id}` says what is wrong")
