"""`macrohard code "TASK" --source REPO`: the coding division on a repository, its change gated by the tests."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape

from macrohard.cli.common import console, err_console, open_store, print_json
from macrohard.cli.view import print_step, print_summary


def print_gate(gate: dict[str, Any], out: Any = None) -> None:
    """The gate's report: what ran, the counts before and after, the lists that decided."""
    out = out or console
    colour = {"passed": "green", "failed": "red"}.get(gate.get("status", ""), "yellow")
    out.print(f"[bold]test gate:[/] [{colour}]{gate.get('status')}[/] — {escape(gate.get('reason', ''))}")
    if gate.get("detection"):
        out.print(f"  tests: {escape(gate['detection'])}", highlight=False)
    for label in ("baseline", "after", "rerun"):
        run = gate.get(label)
        if run:
            c = run.get("counts", {})
            out.print(f"  {label + ':':9} exit {run.get('exit_code')}{' (timed out)' if run.get('timed_out') else ''}, "
                      f"{c.get('passed', 0)} passed, {c.get('failed', 0)} failed, {c.get('skipped', 0)} skipped, "
                      f"{run.get('seconds', 0):.1f}s{' (cached)' if run.get('cached') else ''}"
                      f"  sha256 {run.get('output_sha256', '')[:12]}", highlight=False)
            if run.get("network_note"):
                out.print(f"    [yellow]{escape(run['network_note'])}[/]")
    for key, title, col in (("newly_failing", "newly failing", "red"), ("newly_passing", "newly passing", "green"),
                            ("still_failing", "still failing", "yellow"), ("flaky", "flaky", "yellow")):
        if gate.get(key):
            out.print(f"  [{col}]{title}:[/] " + escape(", ".join(gate[key][:15])) + (" ..." if len(gate[key]) > 15 else ""))
    if gate.get("tests_only"):
        out.print("  [bold red]flagged:[/] the change touches only test files")


def code(
    task: Annotated[str, typer.Argument(help="What to change, in plain words.")],
    source: Annotated[Path, typer.Option("--source", "-s", help="The git repository (clean, on a branch). Never written: the change waits for `macrohard runs apply`.")],
    model: Annotated[str | None, typer.Option("--model", "-m", help="Model spec (see `macrohard models`).")] = None,
    test: Annotated[list[str] | None, typer.Option("--test", "-t", help="A test the task is about (its id or part of it); repeat. Default: the tests failing before.")] = None,
    test_timeout: Annotated[float, typer.Option("--test-timeout", help="Seconds one test run may take; past it, it counts as failing.")] = 300.0,
    max_steps: Annotated[int | None, typer.Option("--max-steps", help="Step budget.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Run the baseline even if this tree's is cached.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the finished run (and its gate) as JSON.")] = False,
    policy: Annotated[Path | None, typer.Option("--policy", help="Safety policy YAML.")] = None,
    division: Annotated[str, typer.Option("--division", "-d", help="The division that does it (its prompt, policy, budgets).")] = "coding",
) -> None:
    """Change a repository with the coding division; the change is kept only if the repository's tests pass.

    The tests run before the agent starts and after it finishes, in the sandbox; `macrohard runs apply ID`
    then commits the change on a new branch (never your current one, never a push) — refused when the gate
    did not pass unless --force, which is recorded in the audit chain."""
    from macrohard.cli.run import _asker, exit_code
    from macrohard.coding.session import run_coding
    from macrohard.models import get_model
    from macrohard.safety.guard import Guard
    from macrohard.types import Run

    note = err_console if as_json else console

    def on_ready(state: Any, detection: Any, before: Any) -> None:
        note.print(f"[bold]repository[/] {escape(state.path)} on {escape(state.branch)} at {state.head[:12]}", highlight=False)
        note.print(f"[bold]tests:[/] {escape(detection.summary())}", highlight=False)
        if before is None:
            note.print("[yellow]no test command found: the change cannot be gated; applying it will need --without-tests[/]")
            return
        c = before.counts
        note.print(f"[bold]baseline:[/] {c.get('passed', 0)} passed, {c.get('failed', 0)} failed "
                   f"({before.seconds:.1f}s{', cached' if before.cached else ''})", highlight=False)
        if before.network_note:
            note.print(f"  [yellow]{escape(before.network_note)}[/]")

    def on_step(_run: Run, step: Any) -> None:
        if not as_json:
            print_step(step, run_id=_run.id)

    if not task.strip():  # before (rel48): `macrohard code ""` ran a coding run on no task at all
        from macrohard.errors import UserError

        raise UserError("TASK is empty: say in plain words what to change, e.g. `macrohard code \"make the failing "
                        "test in tests/test_dates.py pass\" --source REPO`")
    guard = Guard.from_policy(str(policy) if policy else None)
    finished, report = run_coding(task, source, model=get_model(model) if model else None, store=open_store(),
                                  guard=guard, approve=_asker(guard), on_step=on_step, on_ready=on_ready,
                                  targets=test or (), division=division, max_steps=max_steps,
                                  test_timeout=test_timeout, use_cache=not no_cache)
    if as_json:
        print_json(finished.model_dump(mode="json"))
    else:
        console.rule()
        print_summary(finished)
        print_gate(finished.meta["gate"])
        hint = "apply it" if report.passed else "look at it"
        console.print(f"[dim]{hint}: macrohard runs diff {finished.id}; macrohard runs apply {finished.id}[/]")
    raise typer.Exit(exit_code(finished))
