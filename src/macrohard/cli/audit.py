"""`macrohard audit`: show and verify a run's hash-chained audit log."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json
from macrohard.cli.view import visible
from macrohard.safety.audit import AuditLog

app = typer.Typer(no_args_is_help=True, help="Show and verify the guard's tamper-evident audit log of a run.")


def _log(run: str) -> tuple[AuditLog, str]:
    store = open_store()
    run_id = store.get_run(run).id
    return AuditLog(store.path), run_id


@app.command("verify")
def verify(
    run: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Recompute the run's hash chain and its sub-runs' (delegations); name any record that was edited,
    removed or reordered, and any sub-run whose chain no longer matches its parent's record (exit 1)."""
    from macrohard.safety.audit_links import verify_tree

    store = open_store()
    run_id = store.get_run(run).id
    log = AuditLog(store.path)
    report = verify_tree(log, run_id, children_of=lambda r: [c.id for c in store.children(r)])
    bad = any(report.values())
    if as_json:
        problems = report[run_id]
        print_json({"run": run_id, "records": len(log.records(run_id)), "ok": not bad,
                    "problems": [p.model_dump() for p in problems], "head": log.head(run_id),
                    "sub_runs": {r: {"records": len(log.records(r)), "ok": not ps, "head": log.head(r),
                                     "problems": [p.model_dump() for p in ps]}
                                 for r, ps in report.items() if r != run_id}})
        raise typer.Exit(1 if bad else 0)
    for rid, problems in report.items():
        count = len(log.records(rid))
        label = rid if rid == run_id else f"  sub-run {rid}"
        if problems:
            console.print(f"[bold red]TAMPERED[/] audit log of {label} ({count} records):")
            for p in problems:
                console.print(f"  record {p.seq if p.seq is not None else '-'}: {escape(p.what)}")
        else:
            head = log.head(rid)
            console.print(f"[green]ok[/] {label}: {count} records, chain intact"
                          + (f", head {head[1][:16]}…" if head else " (no records)"))
    raise typer.Exit(1 if bad else 0)


@app.command("show")
def show(
    run: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """List a run's audit records: every verdict, approval and screening result."""
    log, run_id = _log(run)
    records = log.records(run_id)
    if as_json:
        print_json([r.model_dump(mode="json") for r in records])
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
