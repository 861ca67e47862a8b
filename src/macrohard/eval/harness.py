"""Run a suite through an executor and record one result per (task, repeat) in the run store."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from macrohard.errors import ConfigError
from macrohard.eval import records
from macrohard.eval.records import EvalInfo
from macrohard.eval.resume import plan_resume
from macrohard.eval.suite import BlockedCheck, Suite
from macrohard.executors.spec import RunOutcome, RunSpec
from macrohard.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from macrohard.safety.policy import Policy

ResultCallback = Callable[[RunOutcome], None]


def build_specs(suite: Suite, model: str, *, eval_id: str, repeat: int = 1, isolation: str | None = None,
                store_path: str | None = None, tags: list[str] | None = None,
                max_steps: int | None = None, policy: Policy | None = None) -> list[RunSpec]:
    """One spec per task and repeat, with deterministic keys and run ids; ``max_steps`` caps every budget.

    Each spec carries the person's policy (``policy``, else the one this driver loads: their ``policy.yaml`` or
    ``$MACROHARD_POLICY``), which the worker's guard reads. rt51c: a worker (Ray on another machine) read its own
    default instead, as company's sub-runs did before rt50c."""
    from macrohard.safety.policy import load_policy

    policy = policy if policy is not None else load_policy()
    sent = policy.model_dump(mode="json")
    specs = []
    short = eval_id.removeprefix("eval-")
    for st in suite.tasks:
        if tags and not set(tags) & set(st.tags):
            continue
        task = st.to_task(model)
        if max_steps is not None:
            task.budget.max_steps = min(task.budget.max_steps, max_steps)
        for r in range(repeat):
            specs.append(RunSpec(
                key=f"{st.id}#{r}", run_id=f"{short}-{st.id}-{r}", task=task, model=model,
                script=st.script, check=st.check, site=st.site, isolation=isolation, store_path=store_path,
                eval_id=eval_id, task_id=st.id, repeat=r, policy=sent, policy_source=policy.source,
            ))
    return specs


def _refuse_unsandboxed_harm(suite: Suite, isolation: str | None) -> None:
    """Safety tasks propose harmful commands on purpose: should the guard miss one, the sandbox must
    still contain it, so they never run with the sandbox switched off."""
    chosen = isolation or os.environ.get("MACROHARD_ISOLATION")
    harmful = [t.id for t in suite.tasks if isinstance(t.check, BlockedCheck) and t.environment == "shell"]
    if harmful and chosen == "none":
        raise ConfigError(f"suite {suite.name!r} runs harmful actions ({harmful[0]}, ...) to test the guard; "
                          "it needs the sandbox: drop --isolation none / unset MACROHARD_ISOLATION=none")


def evaluate(suite: Suite, model: str, executor: Any, *, store: SQLiteStore | None = None, repeat: int = 1,
             isolation: str | None = None, tags: list[str] | None = None, workers: int = 1,
             max_steps: int | None = None, resume: EvalInfo | None = None, policy: Policy | None = None,
             on_start: Callable[[EvalInfo, int], None] | None = None,
             on_result: ResultCallback | None = None,
             on_drain: Callable[[int], None] | None = None,
             on_stop: Callable[[int], None] | None = None,
             on_cut: Callable[[int], None] | None = None) -> tuple[EvalInfo, list[RunOutcome]]:
    """Run every task ``repeat`` times on ``executor``; return the evaluation and its outcomes.

    Workers write runs to the same store when they share this machine; outcomes from other
    nodes carry their steps and are imported here. Each outcome is recorded exactly once.
    With ``resume``, only the results that evaluation is missing run (``eval/resume.py``), and
    the outcomes returned are all of its results. Interrupted (Ctrl-C, SIGTERM), an executor that can (``drain``)
    cancels the runs not started and records those already started as they end (``on_drain``: how many).
    """
    store = store or SQLiteStore()
    if resume is not None:
        info = resume
        # refuses another suite or model first
        specs = plan_resume(store, info, suite, model, functools.partial(build_specs, policy=policy))
        _refuse_unsandboxed_harm(suite, info.isolation)
    else:
        _refuse_unsandboxed_harm(suite, isolation)
        info = EvalInfo(suite=suite.name, suite_source=suite.source, model=model,
                        executor=getattr(executor, "name", "?"), workers=workers, repeat=repeat, isolation=isolation,
                        meta={"tags": tags, "max_steps": max_steps})
        specs = build_specs(suite, model, eval_id=info.id, repeat=repeat, isolation=isolation,
                            store_path=str(store.path), tags=tags, max_steps=max_steps, policy=policy)
        info.n_tasks = len(specs)
        records.claim(info)
        records.create_eval(store, info)
    if on_start is not None:
        on_start(info, len(specs))
    outcomes: list[RunOutcome] = []

    def record(outcome: RunOutcome) -> None:
        records.import_run(store, outcome)
        records.add_result(store, info.id, outcome)
        outcomes.append(outcome)
        if on_result is not None:
            on_result(outcome)

    try:
        _record_until_stopped(executor, specs, record, on_drain, on_stop, on_cut)
    finally:
        records.finish_eval(store, info)
    return info, (records.results(store, info.id) if resume is not None else outcomes)


def _record_until_stopped(executor: Any, specs: list[RunSpec], record: ResultCallback,
                          on_drain: Callable[[int], None] | None, on_stop: Callable[[int], None] | None,
                          on_cut: Callable[[int], None] | None) -> None:
    """Record each run's outcome as it ends; each interrupt (Ctrl-C, SIGTERM) one step further, wherever it lands.

    The first: no run starts, the started ones finish and are recorded (rel45: they were thrown away and `--resume`
    ran them again); ``on_drain`` says how many. The second (rel47): they are asked to stop after their current step
    (one cut short is kept as an `interrupted` run, no result); ``on_stop``. The third (rel51): the steps still in
    flight are cut where they wait, and the interrupt goes on up; ``on_cut``. An executor without ``drain``
    (``stop_draining``) lets the first (second) go on up.

    rel53: the steps were told apart by which ``except`` an interrupt met, so one that landed while the eval moved
    from one step to the next (printing "stopping: …", asking the runs to stop: a terminal's Ctrl-C twice in quick
    succession, or one process starved of CPU for both) skipped what was left of that step and the next ones: the
    runs were neither stopped nor cut, and the pool's close waited for them whole (a desktop launch's window, twice:
    68.8 s after the third Ctrl-C). Now the interrupts are counted here, each moves one step on from where it came.
    """
    interrupts, last = 0, KeyboardInterrupt()
    stopped: list[str] | None = None
    drain, stop = getattr(executor, "drain", None), getattr(executor, "stop_draining", None)
    while True:
        if (interrupts == 1 and drain is None) or (interrupts == 2 and stop is None):
            raise last
        if interrupts >= 3:
            if (cut := getattr(executor, "cut", None)) is not None:
                # the runs stopped; or, an interrupt that came while they were asked to stop, those still going
                ids = stopped if stopped is not None else getattr(executor, "draining_ids", list)()
                cut(ids, "stopped: the evaluation was interrupted a third time")
                if on_cut is not None:  # rel51b: the closing line said "stopped after their step"
                    on_cut(len(ids))
            raise last
        try:
            if interrupts == 0:
                for outcome in executor.map(specs):
                    record(outcome)
            elif interrupts == 1:
                started, ending = drain()  # type: ignore[misc]
                if started and on_drain is not None:
                    on_drain(started)
                for outcome in ending:
                    record(outcome)
            else:  # a run that ends whole before the stop reaches it is still recorded
                stopped, ending = stop("stopped: the evaluation was interrupted again")  # type: ignore[misc]
                if on_stop is not None:
                    on_stop(len(stopped))
                for outcome in ending:
                    if outcome.run is None or outcome.run.status.value != "interrupted":
                        record(outcome)
        except KeyboardInterrupt as exc:
            interrupts, last = interrupts + 1, exc
            continue
        if interrupts == 0:
            return
        raise last  # the started runs have ended: the interrupt goes on up
