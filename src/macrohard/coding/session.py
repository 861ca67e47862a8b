"""A coding run: check the repository, find its tests, run the baseline, let the agent work, gate the change.

The agent works on a copy-on-write overlay of the repository (``--source``), on a new git branch it
creates inside the sandbox; the user's repository is not written. When the agent has finished, the
recorded change set (test-run leftovers and git-ignored paths left out) is gated (``gate.py``); the
report is stored on the run (``run.meta["gate"]``), its evidence appended to the run's audit chain,
and a claimed success the gate refuses is a false success (``run.check``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from macrohard.coding import gate as gating
from macrohard.coding.detect import Detection, detect
from macrohard.coding.repo import RepoState, check_repo, export, relevant, write_changes
from macrohard.envs.changes import ChangeStore
from macrohard.types import CheckResult, Decision, Run, Task, Verdict

BRIEFING = """{task}

You work in a git repository (a copy: your changes reach the user only if its tests pass). {tests}
Fix the code, not the tests, unless the task asks for tests. Run the tests before you finish.
When done, finish with a one-line commit message describing your change (it becomes the commit message)."""


def cache_dir() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "coding" / "baselines"


def briefing(task: str, detection: Detection, baseline: gating.TestRun | None) -> str:
    if detection.command is None:
        tests = "No test command was found in it."
    else:
        failing = [t for t, s in (baseline.tests if baseline else {}).items() if s == "failed"]
        tests = f"Its tests run with `{detection.command.command}`."
        if baseline is not None:
            tests += (f" Before your change: {baseline.counts.get('passed', 0)} passed, "
                      f"{baseline.counts.get('failed', 0)} failed" + (f" ({', '.join(failing[:8])})." if failing else "."))
    return BRIEFING.format(task=task, tests=tests)


def prepare(source: str | Path, *, timeout: float = 300.0, limits: Any = None,
            use_cache: bool = True) -> tuple[RepoState, Detection, gating.TestRun | None]:
    """The repository's state, its test command and its baseline (cached by tree hash)."""
    state = check_repo(source)
    detection = detect(state.path, timeout=timeout)
    if detection.command is None:
        return state, detection, None
    found = gating.cached(state.tree, detection.command, cache_dir()) if use_cache else None
    if found is not None:  # an unchanged tree: nothing to export or run
        return state, detection, found
    tree = gating.scratch("macrohard-baseline-")
    try:
        export(state.path, state.head, tree)
        before = gating.baseline(tree, state.tree, detection.command, cache_dir() if use_cache else None, limits=limits)
    finally:
        gating.drop(tree)
    return state, detection, before


def coding_task(text: str, state: RepoState, detection: Detection, before: gating.TestRun | None,
                run_id: str, **fields: Any) -> Task:
    branch = f"macrohard/{run_id}"
    return Task.model_validate({"text": briefing(text, detection, before), "source": state.path, "environment": "shell",
                                "setup": [f"git checkout -q -b {branch}"], "tags": ["coding"], **fields})


def gate_run(run: Run, store: Any, state: RepoState, detection: Detection, before: gating.TestRun | None, *,
             targets: Sequence[str] = (), limits: Any = None) -> gating.GateReport:
    """Gate a finished run's change set; store the report on the run and its evidence in the audit chain."""
    import time

    from macrohard.safety.audit import AuditLog

    started = time.monotonic()
    info = run.meta.get("sandbox") or {}
    changes_store = ChangeStore(info["state_dir"]) if info.get("state_dir") else None
    changes = relevant(state.path, changes_store.changes()) if changes_store and changes_store.recorded else []
    changed = [c.path for c in changes]
    if detection.command is None or before is None:
        report = gating.GateReport(status="no_tests", detection=detection.summary(), changed=changed,
                                   reason="no test command was found, so nothing was gated: `macrohard runs apply "
                                          "--without-tests` applies it anyway (recorded in the audit chain)")
    else:
        tree = gating.scratch("macrohard-after-")
        try:
            export(state.path, state.head, tree)
            if changes_store is not None:
                write_changes(changes_store, tree, changes)
            judges = gating.edited_judges(tree, changes, detection.command.command)
            report = gating.judge(tree, before, detection.command, targets=targets, changed=changed, limits=limits,
                                  detection=detection.summary(), judges=judges)
        finally:
            gating.drop(tree)
    report.seconds = round(time.monotonic() - started + (before.seconds if before and not before.cached else 0), 3)
    run.meta["coding"] = {"repo": state.path, "branch": state.branch, "head": state.head, "tree": state.tree,
                          "work_branch": f"macrohard/{run.id}", "targets": list(targets),
                          "detection": detection.model_dump(mode="json")}
    run.meta["gate"] = report.model_dump(mode="json")
    run.check = CheckResult(passed=report.passed, detail=f"test gate {report.status}: {report.reason}")
    if run.false_success:
        run.error = f"the agent claimed success, but the test gate said no: {report.reason}"
    store.update_run(run)
    path = getattr(store, "path", None)
    if path is not None:
        verdict = Verdict(decision=Decision.allow if report.passed else Decision.deny, reason=report.reason,
                          check="coding-gate")
        AuditLog(path).append(run.id, "gate", verdict, gating.evidence(report))
    return report


def run_gated(text: str, state: RepoState, detection: Detection, before: gating.TestRun | None, division: Any, *,
              staff: Any, store: Any, guard: Any = None, model: Any = None, run_id: str | None = None,
              meta: dict[str, Any] | None = None, targets: Sequence[str] = (), max_steps: int | None = None,
              chain: tuple[str, ...] = (), **fields: Any) -> tuple[Run, gating.GateReport]:
    """``division``'s run on the repository's overlay (its own branch), then the gate over its change set.

    ``run_id``/``meta``: the id and meta a delegating conversation gave its sub-run; ``fields`` go into the task.
    """
    from macrohard.divisions.runtime import run_division

    budget = division.budget.model_dump(exclude_unset=True) | ({"max_steps": max_steps} if max_steps else {})
    run = Run(task=coding_task(text, state, detection, before, "pending"), model=model.name if model else "",
              meta=dict(meta or {}), **({"id": run_id} if run_id else {}))
    chosen = model.name if model is not None else (division.model or fields.pop("model", None))
    fields.pop("model", None)
    run.task = coding_task(text, state, detection, before, run.id, budget=budget, model=chosen, **fields)
    finished = run_division(run.task, division, staff=staff, store=store, guard=guard, model=model, run=run, chain=chain)
    return finished, gate_run(finished, store, state, detection, before, targets=targets)


def run_coding(text: str, source: str | Path, *, model: Any = None, store: Any = None, guard: Any = None,
               approve: Any = None, on_step: Any = None, on_ready: Any = None, targets: Sequence[str] = (),
               division: str = "coding", max_steps: int | None = None, test_timeout: float = 300.0,
               use_cache: bool = True, divisions: dict[str, Any] | None = None) -> tuple[Run, gating.GateReport]:
    """The whole coding run: prepare (``on_ready(state, detection, baseline)`` then), the division's run, the gate."""
    from macrohard.divisions.catalog import get_division, load_divisions
    from macrohard.divisions.runtime import Staff
    from macrohard.models import get_model
    from macrohard.store.sqlite import SQLiteStore

    state, detection, before = prepare(source, timeout=test_timeout, use_cache=use_cache)
    if on_ready is not None:
        on_ready(state, detection, before)
    divisions = divisions if divisions is not None else load_divisions()
    div = get_division(division, divisions)
    store = store if store is not None else SQLiteStore()
    llm = model if model is not None else get_model(div.model)
    staff = Staff(divisions=divisions, approve=approve, on_step=on_step)
    return run_gated(text, state, detection, before, div, staff=staff, store=store, guard=guard, model=llm,
                     targets=targets, max_steps=max_steps)
