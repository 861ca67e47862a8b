"""`macrohard runs recover [ID]` and `macrohard runs gc`: repair killed runs, free what finished runs leave."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json, status_text
from macrohard.errors import DiskFull
from macrohard.recovery import collect, recover


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"


def recover_cmd(
    run_id: Annotated[str | None, typer.Argument(help="Run id (or a unique part); default: every dead run.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Mark runs whose process died as crashed, record their workspace changes, remove their leftover mounts."""
    done = recover(open_store(), run_id, every=True)  # on demand: every sandbox's folder, marked open or not
    if as_json:
        print_json([{"run": d.run_id, "was": d.was, "status": d.status,
                     "unmounted": d.salvaged.unmounted if d.salvaged else [],
                     "changes": d.salvaged.changes if d.salvaged else None,
                     "note": d.salvaged.note if d.salvaged else ""} for d in done])
        return
    if not done:
        console.print("no dead runs: nothing to recover")
        return
    table = Table(title=f"{len(done)} run(s) recovered", title_justify="left")
    for col in ("run id", "was", "now", "mounts removed", "changes recorded", "note"):
        table.add_column(col)
    for d in done:
        s = d.salvaged
        changes = ", ".join(f"{v} {k}" for k, v in (s.changes or {}).items() if v) if s and s.changes else "-"
        table.add_row(d.run_id, d.was, status_text(d.status), str(len(s.unmounted)) if s else "0",
                      changes if s and (s.recorded or s.changes) else "-", escape(s.note if s else ""))
    console.print(table)
    console.print("[dim]see a run's changes: macrohard runs diff ID; keep them: macrohard runs apply ID[/]")


def gc(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only list what would be freed.")] = False,
    change_sets: Annotated[bool, typer.Option("--change-sets", help="Also delete finished runs' recorded change "
                                              "sets (then `runs diff/apply` no longer work for them).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Remove what finished runs leave in the data dir: workspace layers and disk images, snapshots, orphans."""
    try:
        store, full = open_store(), ""
    except DiskFull as exc:  # the command that frees the disk must open on a full one (rel51): this process alone
        store, full = open_store(exclusive=True), str(exc)
    items = collect(store, change_sets=change_sets, dry_run=dry_run)
    total = sum(i.bytes for i in items)
    if as_json:
        print_json({"dry_run": dry_run, "bytes": total, "disk_was_full": bool(full), "items": [
            {"run": i.run_id, "what": i.what, "path": str(i.path), "bytes": i.bytes, "status": i.state} for i in items]})
        return
    if full:
        console.print(f"[yellow]the disk that holds the run store {escape(str(store.path))} is full[/]: the store was "
                      "opened by this command alone, to free what finished runs left")
    if not items:
        console.print("nothing to free" + (": free some space there yourself (or `macrohard runs gc --change-sets` "
                                           "removes finished runs' change sets too), or set MACROHARD_HOME to a "
                                           "directory on a bigger disk" if full else ""))
        return
    table = Table(title=f"{'would free' if dry_run else 'freed'} {_size(total)} in {len(items)} item(s)",
                  title_justify="left")
    for col in ("run id", "status", "what", "size", "path"):
        table.add_column(col, overflow="fold" if col == "path" else "ellipsis")
    for i in items:
        table.add_row(i.run_id, status_text(i.state), i.what, _size(i.bytes), escape(str(i.path)))
    console.print(table)
    if dry_run:
        console.print("[dim]run without --dry-run to remove them[/]")
    elif full:
        console.print("[dim]then `macrohard runs recover` records what the runs the full disk cut short left[/]")


def register(app: typer.Typer) -> None:
    """Mount the commands in the `runs` group."""
    app.command("recover")(recover_cmd)
    app.command("gc")(gc)
