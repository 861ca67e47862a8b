"""`macrohard runs diff ID` and `macrohard runs apply ID`: what a sandboxed run changed, and keeping it."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json
from macrohard.cli.view import visible
from macrohard.errors import NotFound, UserError
from macrohard.types import RunStatus

if TYPE_CHECKING:
    from macrohard.envs.changes import Change, ChangeStore

# start52: the change sets (``envs.changes``) and rich's syntax colouring are imported by `runs diff` and `runs apply`
# themselves: every other `macrohard runs …` command imports this module (its commands join the `runs` group) and
# paid ~0.1 s of CPU for them at each start


def _load(run_id: str) -> tuple[Any, Any, ChangeStore, Path, list[Change]]:
    store = open_store()
    run = store.get_run(run_id)
    info = run.meta.get("sandbox") or {}
    if not info.get("state_dir"):
        raise NotFound(f"run {run.id} has no recorded workspace changes: only runs in the sandbox keep them "
                       f"(this one ran with isolation {run.meta.get('isolation', 'unknown')!r})")
    from macrohard.envs.changes import ChangeStore

    changes_store = ChangeStore(info["state_dir"])
    if (not changes_store.recorded and run.status is not RunStatus.running
            and (info.get("changes") is not None or not Path(info["state_dir"]).exists())):
        # rel51: a finished run's change set removed (gc, or by hand) was said to be a run that "did not close its
        # workspace (it may still be running, or it was killed)", and `runs recover` then did nothing
        raise NotFound(f"run {run.id}'s change set is gone from {info['state_dir']} (`macrohard runs gc "
                       "--change-sets` removes finished runs' change sets; or the folder was deleted): what the run "
                       "changed can no longer be shown or applied. Its steps are kept (`macrohard runs show "
                       f"{run.id}`); to have its changes again, run the task again")
    return store, run, changes_store, Path(info["lower"]), changes_store.changes()


def diff(
    run_id: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    stat: Annotated[bool, typer.Option("--stat", help="Only a table of changed files.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The change list as JSON.")] = False,
) -> None:
    """Show what a run changed in its workspace, as a unified diff (new, deleted and binary files included)."""
    from macrohard.envs.changes import conflicts, patch_bytes, unified_diff

    _, run, changes_store, source, changes = _load(run_id)
    if run.meta.get("coding"):  # what `runs apply` would commit: no test-run leftovers, nothing git ignores
        from macrohard.coding.repo import relevant

        changes = relevant(source, changes)
    if as_json:
        print_json({"run": run.id, "source": str(source), "changes": [c.model_dump(mode="json") for c in changes],
                    "conflicts": conflicts(changes_store, source, changes)})
        return
    if stat:
        _table(run.id, source, changes)
        return
    if not changes:
        console.print(f"run {run.id} changed nothing in {escape(str(source))}")
        return
    if sys.stdout.isatty():  # for the person's eyes: a file with a coding line as Python reads it (rt49c)
        text = unified_diff(changes_store, source, changes, as_read=True)
        from rich.syntax import Syntax

        console.print(Syntax(shown(text), "diff", theme="ansi_dark", word_wrap=True))
    else:  # a patch: a file's bytes that are not UTF-8 as they are (rt49c)
        sys.stdout.flush()
        sys.stdout.buffer.write(patch_bytes(unified_diff(changes_store, source, changes)))
        sys.stdout.buffer.flush()


def shown(diff: str) -> str:
    """``diff`` for a reviewer's terminal: a byte that is not UTF-8 (kept by ``unified_diff`` as a lone surrogate) as
    ``\\xNN``, and no escape sequence of the agent's files may redraw what the reviewer sees (``visible``)."""
    return visible(_UNDECODED.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}", diff))


_UNDECODED = re.compile("[\udc80-\udcff]")


def apply(
    run_id: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only check for conflicts and list what would change.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable result.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Coding runs: apply a change whose test gate failed (recorded in the audit chain).")] = False,
    without_tests: Annotated[bool, typer.Option("--without-tests", help="Coding runs: apply a change that had no tests to gate on (recorded).")] = False,
    patch: Annotated[Path | None, typer.Option("--patch", help="Coding runs: write the change as a patch file instead of a commit.")] = None,
    branch: Annotated[str | None, typer.Option("--branch", help="Coding runs: the new branch for the commit (default macrohard/RUN_ID).")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Coding runs: the commit's author, 'Name <email>' (default: the repository's user).")] = None,
) -> None:
    """Write a run's changes into its source directory — refused, with a report, if the source changed meanwhile.

    A coding run (`macrohard code`) is applied as a commit on a new branch of its repository (or --patch FILE),
    only when its test gate passed."""
    from macrohard.envs.changes import ApplyConflict, apply_changes, conflicts

    store, run, changes_store, source, changes = _load(run_id)
    if run.meta.get("coding"):
        from macrohard.coding.apply import apply_coding

        if dry_run:
            from macrohard.cli.code import print_gate

            print_gate(run.meta.get("gate") or {})
            _table(run.id, source, changes)
            return
        result = apply_coding(run, store, force=force, without_tests=without_tests, patch=patch, branch=branch,
                              author=author)
        if as_json:
            print_json({**result, "applied": True})
        elif patch is not None:
            console.print(f"[green]wrote[/] {len(result['files'])} file(s) as a patch to {escape(str(patch))}")
        else:
            console.print(f"[green]committed[/] {len(result['files'])} file(s) as {result['commit'][:12]} on branch "
                          f"{escape(result['branch'])} of {escape(result['repo'])} (your working tree is untouched; "
                          f"`git switch {escape(result['branch'])}` or `git merge {escape(result['branch'])}`)")
        if result.get("runs_later") and not as_json:  # (rt46b) shown apart, as a write-back shows what it held back
            console.print(f"[yellow]look at these before you switch or merge[/] (`macrohard runs diff {run.id}`): "
                          "they run code on your machine later", highlight=False)
            for item in result["runs_later"]:
                console.print(f"  {escape(item['path'])}: {escape(item['why'])}", highlight=False)
        return
    if force or without_tests or patch or branch or author:
        raise UserError("--force, --without-tests, --patch, --branch and --author apply to coding runs "
                        "(`macrohard code`); this run was not one")
    info = run.meta.get("sandbox", {})
    if info.get("committed_files") is not None:  # written back when the run ended
        held = set(info.get("held_back") or [])
        if not held or run.meta.get("applied"):
            console.print(f"run {run.id} wrote its changes into {escape(str(source))} when it ended; they are already "
                          "there")
            return
        # but not the run's own policy or task file (runner.control_files): those only a person applies, here
        changes = [c for c in changes if c.path in held]
    if dry_run:
        found = conflicts(changes_store, source, changes)
        if as_json:
            print_json({"run": run.id, "source": str(source), "conflicts": found, "changes": len(changes)})
            return
        _table(run.id, source, changes)
        console.print("[red]conflicts:[/]\n  " + "\n  ".join(map(escape, found)) if found else "[green]no conflicts[/]")
        return
    try:
        written = apply_changes(changes_store, source, changes)
    except ApplyConflict:
        if as_json:
            print_json({"run": run.id, "source": str(source), "applied": False,
                        "conflicts": conflicts(changes_store, source, changes)})
        raise
    except OSError as exc:  # read-only, full, gone: nothing claims success
        raise UserError(f"could not write run {run.id}'s changes into {source}: {exc.strerror or exc}"
                        f"{f' ({exc.filename})' if exc.filename else ''}; fix that, then run "
                        f"`macrohard runs apply {run.id}` again (files already written are skipped)") from exc
    run.meta.setdefault("applied", []).append({"at": time.time(), "to": str(source), "files": written})
    store.update_run(run)
    if as_json:
        print_json({"run": run.id, "source": str(source), "applied": True, "files": written})
        return
    _table(run.id, source, changes)
    console.print(f"[green]applied[/] {written} file(s) to {escape(str(source))}")


def _table(run_id: str, source: Path, changes: list[Change]) -> None:
    table = Table(title=f"run {run_id}: {len(changes)} change(s) to {escape(str(source))}", title_justify="left")
    for col in ("status", "path", "bytes"):
        table.add_column(col)
    colour = {"added": "green", "modified": "yellow", "deleted": "red"}
    for c in changes:
        size = c.new.size if c.new else (c.old.size if c.old else 0)
        table.add_row(f"[{colour[c.status]}]{c.status}[/]", escape(c.path), f"{size:,}")
    console.print(table)


def register(app: typer.Typer) -> None:
    """Mount the commands in the `runs` group."""
    app.command("diff")(diff)
    app.command("apply")(apply)
