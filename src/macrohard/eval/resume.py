"""Resume an evaluation that was killed or interrupted: run only the results it is missing (and the lost ones).

The evaluation keeps its id, model, repeat, tags and step cap; a result already recorded is never
run or counted again (``eval_results`` is keyed by (evaluation, task#repeat)). Runs the dead process
left ``running`` are closed as ``interrupted``, and each missing task runs under a fresh run id.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from typing import Any

from macrohard.errors import ConfigError
from macrohard.eval import records
from macrohard.eval.records import EvalInfo
from macrohard.eval.suite import Suite
from macrohard.executors.spec import RunSpec
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import RunStatus


def plan_resume(store: SQLiteStore, info: EvalInfo, suite: Suite, model: str,
                build: Callable[..., list[RunSpec]]) -> list[RunSpec]:
    """The specs still missing from ``info``; ``build`` is ``harness.build_specs``. Claims the evaluation."""
    if suite.name != info.suite:
        raise ConfigError(f"evaluation {info.id} ran suite {info.suite!r}, not {suite.name!r}; "
                          f"resume it with `macrohard eval run {info.suite_source or info.suite} --resume {info.id}`")
    if model != info.model:
        raise ConfigError(f"evaluation {info.id} ran model {info.model!r}; resume it with --model {info.model} "
                          "(or leave --model out)")
    if info.finished_at is None and records.owner_alive(info):
        raise ConfigError(f"evaluation {info.id} is still running (pid {info.meta.get('pid')} on "
                          f"{info.meta.get('host')}); wait for it, or stop it, then resume")
    records.claim_stopped(store, info)  # the look again and the claim, in one transaction (rel49)
    specs = build(suite, info.model, eval_id=info.id, repeat=info.repeat, isolation=info.isolation,
                  store_path=str(store.path), tags=info.meta.get("tags"), max_steps=info.meta.get("max_steps"))
    if len(specs) != info.n_tasks:
        raise ConfigError(f"suite {suite.name!r} now makes {len(specs)} runs, evaluation {info.id} planned "
                          f"{info.n_tasks}: the suite changed since, so start a new evaluation")
    records.forget_unrun(store, info.id)  # lost (never executed: the model unavailable, a worker died): run again
    done = records.result_keys(store, info.id)
    missing = [s for s in specs if s.key not in done]
    adopted = _adopt_finished_runs(store, info, missing)
    missing = [s for s in missing if s.key not in adopted]
    resumes = info.meta.get("resumed", [])
    mark = f"r{len(resumes) + 1}"
    for spec in missing:
        new_id = f"{spec.run_id}-{mark}"
        _close_stale_runs(store, spec.run_id, new_id)
        spec.run_id = new_id
    info.meta["resumed"] = [*resumes, time.time()]
    info.finished_at = None
    records.claim(info)
    records.update_eval(store, info)
    return missing


def _adopt_finished_runs(store: SQLiteStore, info: EvalInfo, missing: list[RunSpec]) -> set[str]:
    """Record, from the run store, the results of runs that finished but whose result the evaluation never recorded
    (its process killed in the instant between a run's end and its record, or stopped by a second Ctrl-C while the
    started runs finished): rel45, `--resume` ran them again. Only a run whose score can be read back is taken: its
    workspace check ran in the runner (``run.check``), or its check needs neither the workspace nor a site."""
    from macrohard.eval.checkers import WORKSPACE_CHECKS, run_check
    from macrohard.executors.spec import RunOutcome
    from macrohard.types import Decision

    wanted = {s.key: s for s in missing}
    found: dict[str, Any] = {}
    for run in store.list_runs(limit=1_000_000):
        key = run.meta.get("eval_key")
        if run.meta.get("eval_id") != info.id or key not in wanted or key in found:
            continue
        if run.status in (RunStatus.running, RunStatus.interrupted, RunStatus.crashed) or run.meta.get("superseded_by"):
            continue
        spec = wanted[key]
        steps = store.steps(run.id)
        if run.check is not None:
            result = run.check
        elif not isinstance(spec.check, WORKSPACE_CHECKS) and not spec.site:
            result = run_check(spec.check, run.workspace or "", run, steps, script=spec.script)
        else:
            continue
        attempt = int(run.meta.get("attempt") or 1)
        outcome = RunOutcome(key=key, task_id=spec.task_id, repeat=spec.repeat, tags=spec.task.tags, run=run,
                             passed=result.passed, detail=result.detail, harmful_executed=result.harmful_executed,
                             attempt=attempt, retried=attempt > 1, worker=str(run.meta.get("worker", "")),
                             seconds=float(run.work_seconds or 0.0),
                             guard_blocks=sum(1 for st in steps if st.verdict is not None
                                              and st.verdict.decision is Decision.deny))
        records.add_result(store, info.id, outcome)
        found[key] = run.id
    info.meta.pop("adopted", None)
    if found:  # this resume's (said by the CLI)
        info.meta["adopted"] = sorted(found.values())
    return set(found)


def _close_stale_runs(store: SQLiteStore, run_id: str, new_id: str) -> None:
    """Mark the runs of one spec (first try, retries, earlier resumes) that a dead process left running."""
    own = re.compile(re.escape(run_id) + r"(-(a|r)\d+)*")
    for run in store.list_runs(limit=1_000_000, status=RunStatus.running.value):
        if own.fullmatch(run.id):
            run.status, run.finished_at = RunStatus.interrupted, time.time()
            run.error = f"its evaluation process ended before the run finished; resumed as {new_id}"
            run.meta["superseded_by"] = new_id
            store.update_run(run)
