"""Resume an evaluation that was killed or interrupted: run only the results it is missing.

The evaluation keeps its id, model, repeat, tags and step cap; a result already recorded is never
run or counted again (``eval_results`` is keyed by (evaluation, task#repeat)). Runs the dead process
left ``running`` are closed as ``interrupted``, and each missing task runs under a fresh run id.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

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
    specs = build(suite, info.model, eval_id=info.id, repeat=info.repeat, isolation=info.isolation,
                  store_path=str(store.path), tags=info.meta.get("tags"), max_steps=info.meta.get("max_steps"))
    if len(specs) != info.n_tasks:
        raise ConfigError(f"suite {suite.name!r} now makes {len(specs)} runs, evaluation {info.id} planned "
                          f"{info.n_tasks}: the suite changed since, so start a new evaluation")
    done = records.result_keys(store, info.id)
    missing = [s for s in specs if s.key not in done]
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


def _close_stale_runs(store: SQLiteStore, run_id: str, new_id: str) -> None:
    """Mark the runs of one spec (first try, retries, earlier resumes) that a dead process left running."""
    own = re.compile(re.escape(run_id) + r"(-(a|r)\d+)*")
    for run in store.list_runs(limit=1_000_000, status=RunStatus.running.value):
        if own.fullmatch(run.id):
            run.status, run.finished_at = RunStatus.interrupted, time.time()
            run.error = f"its evaluation process ended before the run finished; resumed as {new_id}"
            run.meta["superseded_by"] = new_id
            store.update_run(run)
