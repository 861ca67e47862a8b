"""What an executor runs and what it hands back: ``RunSpec`` in, ``RunOutcome`` out.

Both are pydantic models so that the same definition is the thread-pool argument, the pickled
process-pool argument and the Ray payload. ``execute`` is the one function every executor calls
on its worker: it builds the model, serves a local site when the task needs one, runs the task
with ``runner.run_task`` (workspace, sandbox, guard, store, and the task's check in a sandbox).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from macrohard import stopping
from macrohard.errors import MacrohardError, NotFound, UserError
from macrohard.eval.suite import Check
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import CheckResult, Decision, Run, RunStatus, Step, Task


class RunSpec(BaseModel):
    """One run to execute: the task, the model spec, and how to score it."""

    model_config = ConfigDict(extra="forbid")

    key: str = Field(description="Unique within one evaluation, e.g. `hello-file#0`; results are keyed by it.")
    run_id: str = Field(description="Run id of the first attempt; a retry gets `<run_id>-a2`.")
    task: Task
    model: str = Field(description="Model spec for `get_model`; `scripted` plays the task's `script`.")
    script: list[dict[str, Any]] | None = None
    check: Check | None = None
    site: str | None = Field(default=None, description="A local test site to serve around the run.")
    isolation: str | None = Field(default=None, description="Sandbox isolation; None: the runner's default.")
    store_path: str | None = Field(default=None, description="SQLite store the worker writes to; None: its default.")
    eval_id: str | None = None
    task_id: str = ""
    repeat: int = 0
    division: str | None = Field(default=None, description="Run as this division (its prompt, tools, policy "
                                 "overlay); see `macrohard divisions`.")
    parent_id: str | None = Field(default=None, description="The run this one is a sub-run of (company mode).")
    chain: list[str] = Field(default_factory=list, description="Divisions above this run, outermost first "
                             "(bounds delegation loops and depth).")
    policy: dict[str, Any] | None = Field(
        default=None, description="The person's policy, as the driver loaded it (``Policy`` as JSON): the worker's "
        "guard reads it, not the worker's own default (rt50c: `macrohard company --policy FILE`'s sub-runs were "
        "guarded by the default policy). None: the worker's default policy.")
    policy_source: str = Field(default="", description="Where the driver loaded ``policy`` from (shown in messages).")
    flow_handed_down: dict[str, Any] | None = Field(
        default=None, description="The untrusted content the run that wrote this task had read "
        "(``safety.taint.FlowState.hand_down``): the sub-run starts tainted by it (company mode, rt47b).")


class RunOutcome(BaseModel):
    """The finished run and its score, as the driver records it."""

    key: str
    task_id: str = ""
    repeat: int = 0
    tags: list[str] = Field(default_factory=list)
    run: Run | None = Field(default=None, description="None only when the run could not be executed at all.")
    steps: list[Step] = Field(default_factory=list, description="Shipped back so a driver on another node can store them.")
    passed: bool = False
    detail: str = ""
    guard_blocks: int = 0
    harmful_executed: int = 0
    attempt: int = 1
    retried: bool = False
    worker: str = ""
    seconds: float = 0.0
    error: str | None = None

    @classmethod
    def lost(cls, spec: RunSpec, error: str, attempt: int = 1) -> RunOutcome:
        """A run whose worker failed beyond its retries: recorded as a failure, never dropped."""
        return cls(key=spec.key, task_id=spec.task_id, repeat=spec.repeat, tags=spec.task.tags, error=error,
                   detail=f"not executed: {error}", attempt=attempt, retried=attempt > 1)


_stores: dict[str, SQLiteStore] = {}
_stores_lock = threading.Lock()
_models: dict[str, Any] = {}
_models_lock = threading.Lock()


def stop_runs(run_ids: list[str], why: str) -> None:
    """Ask the runs with these ids, running in this process's threads, to stop: each ends after the action it is
    executing now and executes nothing after it (``macrohard.stopping``; the agent looks before each action too),
    recorded ``interrupted`` with ``why``, its sandbox closed and its steps kept. Before (rel47): a company's
    sub-runs went on after Ctrl-C to their own end (17 s more in the probe, `succeeded` after the user had said
    stop)."""
    stopping.stop_runs(run_ids, why)


def stop_in_workers(specs: list[RunSpec], why: str, *, reached_otherwise: bool = False) -> None:
    """Ask these runs, executing in other processes (a process pool, Ray workers), to stop after their current step:
    the request is a file beside the store each writes to, which the worker's agent looks for before each action
    (``stopping.watch``). Before (rel49): only runs in the driver's own threads were reached."""
    from macrohard.store.sqlite import default_home

    if (missed := stopping.ask_in_files(
            [stopping.stop_file(s.store_path or default_home() / "runs.db", s.run_id) for s in specs], why)) \
            and not reached_otherwise:  # Ray's runs are asked through its actor too (rel50): no warning then
        import logging

        logging.getLogger(__name__).warning("could not ask %d run(s) to stop (%s not writable: a full or read-only "
                                            "disk); they end as they would have", len(missed), missed[0])


def _stop_check(run_id: str) -> Any:
    def check(_run: Any, _step: Any) -> None:
        why = stopping.why_stopped(run_id)
        if why is not None:
            raise KeyboardInterrupt(why)

    return check


def _store(path: str | None) -> SQLiteStore:
    """One store object per path and process (it keeps a connection per thread)."""
    key = path or ""
    with _stores_lock:
        if key not in _stores:
            _stores[key] = SQLiteStore(path) if path else SQLiteStore()
        return _stores[key]


def _model(spec: RunSpec) -> Any:
    """The scripted model is built per run (it holds the script's position); real models are loaded once per
    process and shared by its threads: an embedded llama.cpp model exists once per process and its
    ``LocalModel`` serializes calls with its own lock, so every thread must use the same instance."""
    if spec.model == "scripted":
        from macrohard.testing import ScriptedModel

        return ScriptedModel(spec.script or [], name="scripted", answer="no script for this task")
    with _models_lock:
        if spec.model not in _models:
            from macrohard.models import get_model

            _models[spec.model] = get_model(spec.model)
        return _models[spec.model]


def _mark_superseded(store: SQLiteStore, spec: RunSpec, attempt: int, new_id: str) -> None:
    """A retry closes the record its dead predecessor left 'running' (when that is in this store)."""
    prev_id = spec.run_id if attempt == 2 else f"{spec.run_id}-a{attempt - 1}"
    try:
        prev = store.get_run(prev_id)
    except NotFound:
        return
    if prev.status is RunStatus.running:
        prev.status, prev.finished_at = RunStatus.crashed, time.time()
        prev.error = f"worker died during the run; retried as {new_id}"
    elif prev.status is RunStatus.crashed and "superseded_by" not in prev.meta:  # another start recovered it first
        prev.error = f"{prev.error}; retried as {new_id}"
    else:
        return
    prev.meta["superseded_by"] = new_id
    store.update_run(prev)


def _fill_site(value: Any, url: str) -> Any:
    """Put the site's URL where a script says `{site}`."""
    if isinstance(value, str):
        return value.replace("{site}", url)
    if isinstance(value, dict):
        return {k: _fill_site(v, url) for k, v in value.items()}
    return value


def _guard(spec: RunSpec) -> Any:
    """The guard of the spec's run: the driver's policy when it sent one, else the worker's default (the runner's)."""
    if spec.policy is None:
        return None
    from macrohard.safety.guard import Guard
    from macrohard.safety.policy import Policy

    policy = Policy.model_validate(spec.policy)
    policy.source = spec.policy_source or "the driver's policy"
    return Guard.from_policy(policy)


def _run_division(spec: RunSpec, task: Task, model: Any, store: SQLiteStore, run: Run, site: Any) -> Run:
    """The spec's task run as its division: the user's policy with the division's overlay, its prompt and tools."""
    from macrohard.divisions.catalog import get_division, load_divisions
    from macrohard.divisions.runtime import Staff, run_division

    divisions = load_divisions()
    division = get_division(str(spec.division), divisions)
    staff = Staff(divisions=divisions, isolation=spec.isolation, on_step=_stop_check(run.id))
    return run_division(task, division, staff=staff, store=store, guard=_guard(spec), model=model, run=run,
                        chain=tuple(spec.chain), check=spec.check, site=site, script=spec.script)


def execute(spec: RunSpec, attempt: int = 1) -> RunOutcome:
    """Run one spec to its end on this worker and score it. Never raises for a failed run."""
    from macrohard.eval.checkers import WORKSPACE_CHECKS, run_check
    from macrohard.runner import run_task

    started = time.perf_counter()
    store = _store(spec.store_path)
    run_id = spec.run_id if attempt == 1 else f"{spec.run_id}-a{attempt}"
    if attempt > 1:
        _mark_superseded(store, spec, attempt, run_id)
    worker = f"{socket.gethostname()}:{os.getpid()}"
    outcome = RunOutcome(key=spec.key, task_id=spec.task_id, repeat=spec.repeat, tags=spec.task.tags,
                         attempt=attempt, retried=attempt > 1, worker=worker)
    try:
        model = _model(spec)
    except UserError as exc:
        outcome.error = outcome.detail = f"model {spec.model!r} unavailable: {exc}"
        return outcome
    meta: dict[str, Any] = {"eval_id": spec.eval_id, "eval_key": spec.key, "attempt": attempt, "retried": attempt > 1,
                            "worker_pid": os.getpid(), "worker": worker}
    if spec.flow_handed_down:  # its task was written after untrusted content: the run starts tainted (agent.py)
        meta["flow_handed_down"] = spec.flow_handed_down
    task = spec.task

    def go(site: Any) -> None:
        # the site is the task's own: its address is declared reachable (a browser's sandbox opens nothing else)
        t = task if site is None else task.model_copy(update={
            "text": task.text.replace("{site}", site.url),
            "allow_hosts": [*task.allow_hosts, urlsplit(site.url).netloc]})
        if site is not None and spec.model == "scripted":
            model.script = [_fill_site(a, site.url) for a in model.script]
        run = Run(id=run_id, task=t, model=model.name, meta=meta, parent_id=spec.parent_id)
        try:  # the runner runs the check after the agent finished, in a sandbox over its workspace
            if spec.division:
                run = _run_division(spec, t, model, store, run, site)
            else:
                run = run_task(t, model=model, store=store, isolation=spec.isolation, run=run, check=spec.check,
                               site=site, script=spec.script, on_step=_stop_check(run_id), guard=_guard(spec))
        except KeyboardInterrupt as exc:
            if stopping.forget(run_id) is None:
                raise  # not a stop this process asked for (a Ctrl-C in the run's own thread): as before
            outcome.error = str(exc)  # recorded `interrupted` by the agent (or the runner), sandbox closed
            run = store.get_run(run_id)
        except MacrohardError as exc:  # setup refused or failed: the runner recorded the run as failed
            outcome.error = str(exc)
            try:
                run = store.get_run(run_id)
            except NotFound:  # it failed before the run was recorded (a policy or environment error)
                outcome.detail = f"not executed: {exc}"
                return
        steps = store.steps(run.id)
        if run.check is not None:
            result = run.check
        elif not isinstance(spec.check, WORKSPACE_CHECKS):  # none, http, blocked: they need no workspace
            result = run_check(spec.check, run.workspace or "", run, steps, script=spec.script, site=site)
        else:
            result = CheckResult(passed=False, detail=f"not checked: the run ended before its check ({outcome.error})")
        outcome.run, outcome.steps = run, steps
        outcome.passed, outcome.detail, outcome.harmful_executed = result.passed, result.detail, result.harmful_executed
        outcome.guard_blocks = sum(1 for s in steps if s.verdict is not None and s.verdict.decision is Decision.deny)

    # a driver in another process (a process pool's, Ray's) asks for a stop through a file beside the store (rel49)
    stopping.watch(run_id, stopping.stop_file(store.path, spec.run_id))
    try:
        if spec.site:
            from macrohard.sites import serve  # type: ignore[import-not-found]

            with serve(spec.site) as site:
                go(site)
        else:
            go(None)
    finally:
        stopping.forget(run_id)
    outcome.seconds = time.perf_counter() - started
    built = outcome.run.meta.get("screens_built_s") if outcome.run is not None else None
    if isinstance(built, int | float) and 0 < built <= outcome.seconds:  # rel47: the screens' once-per-HOME build
        outcome.seconds -= built
    return outcome
