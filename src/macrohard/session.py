"""A guarded session: one environment driven action by action from outside (an MCP client, a Gymnasium policy).

No model runs here: the caller chooses each action. Everything else is as in an agent run: the environment
is the sandboxed one of the task (``envs.make_environment``), every action passes ``Guard.authorize`` (its
verdict in the run's audit chain), only an approved action reaches the environment, which verifies the
approval, and every observation is screened. Each action is a step of a recorded run (``macrohard runs``).
"""

from __future__ import annotations

import time
from typing import Any

from macrohard import stopping
from macrohard.agent import _doing, _no_surrogates
from macrohard.envs import make_environment
from macrohard.runner import prepare_workspace, setup_environment
from macrohard.safety import audit
from macrohard.safety.context import ApprovalCallback, GuardContext, not_approved
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore, default_home
from macrohard.types import FinishAction, Observation, Run, RunStatus, Step, Task, Verdict, no_surrogates


class Outcome:
    """What one action came to: the observation, the guard's verdict, and whether the environment acted."""

    __slots__ = ("observation", "verdict", "executed")

    def __init__(self, observation: Observation, verdict: Verdict, executed: bool) -> None:
        self.observation, self.verdict, self.executed = observation, verdict, executed

    @property
    def denied(self) -> bool:
        return not self.executed and not self.verdict.allowed


class GuardedSession:
    """An environment of ``task`` behind the guard, acted on one action at a time (thread-compatible, not
    thread-safe: callers serialize their calls)."""

    def __init__(self, task: Task, *, interface: str, guard: Guard | None = None, store: Any = None,
                 env_options: dict[str, Any] | None = None, approve: ApprovalCallback | None = None,
                 fatal_ends_run: bool = False) -> None:
        self.task = task
        self.interface = interface
        self.guard = guard if guard is not None else Guard.from_policy()
        self.store = store if store is not None else SQLiteStore()
        self.approve = approve
        self.run = Run(task=task, model=interface, meta={"interface": interface})
        options = dict(env_options or {})
        workspace = prepare_workspace(task, self.run.id)
        if task.environment in ("shell", "desktop", "browser"):  # rt46: the desktop works on a copy-on-write layer too
            options.setdefault("state_dir", str(default_home() / "sandboxes" / self.run.id))
        self.env = make_environment(task, workspace, isolation="bwrap", **options)
        self.ctx: GuardContext | None = None
        self.steps = 0  # in the current episode (the guard's step budget)
        self.recorded = 0  # steps of the run, over all episodes
        # rt47b: a denial the policy marks fatal ends a `macrohard run` (agent.FatalDenial); here it ends the episode:
        # every later action is refused without running, until a new episode (Gymnasium's reset). An MCP session
        # has one episode: its run is over, and is recorded denied when the server closes
        self.stopped: Verdict | None = None
        self.fatal_ends_run = fatal_ends_run  # one episode only (MCP): the run is recorded denied at once
        # rel52: why the run was asked to stop (`macrohard runs stop`, a Ray vector environment's driver interrupted):
        # the action in flight is cut where it waits, nothing runs after it, and the run ends `interrupted`
        self.cut: str | None = None
        self._started = time.monotonic()

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> None:
        """Start the sandbox, record the run, and run the task's files and setup (each reviewed)."""
        self.run.workspace = self.env.workspace
        self.env.start()
        if hasattr(self.env, "describe"):
            self.run.meta["sandbox"] = self.env.describe()
        self.store.create_run(self.run)
        if where := getattr(self.store, "path", None):  # a stop from outside this process (`macrohard runs stop`)
            stopping.watch(self.run.id, stopping.stop_file(where, self.run.id))
        audit.attach(self.guard, self.store)
        self.new_episode(setup=True)

    def new_episode(self, *, setup: bool = False) -> None:
        """A fresh guard context (flow state, terminal model, step budget) on the same environment and run.

        An approval is bound to one run and one environment, so the episodes of an environment are parts of
        one run: its steps continue, each episode's outcome is kept in ``run.meta["episodes"]``."""
        if setup:
            setup_environment(self.env, self.guard, self.task, self.run)
        self.steps = 0
        self.stopped = None
        self._started = time.monotonic()
        self.run.meta.setdefault("episodes", []).append({"task": self.task.text[:500], "status": "running"})
        self.ctx = GuardContext(workspace=self.env.workspace, run_id=self.run.id, task_text=self.task.text,
                                environment=self.env.kind, budget=self.task.budget, approve=self.approve)

    def end_episode(self, status: RunStatus, detail: str | None = None, **extra: Any) -> None:
        """Record how the current episode ended (the run goes on until ``close``)."""
        episodes = self.run.meta.setdefault("episodes", [{}])
        episodes[-1].update({"status": status.value, "steps": self.steps, **({"detail": detail} if detail else {}),
                             **extra})
        self.store.update_run(self.run)

    def close(self, status: RunStatus = RunStatus.succeeded, error: str | None = None) -> None:
        """End the run (``status``) and close the environment (a sandbox records the workspace's changes)."""
        try:
            if self.run.status is RunStatus.running:
                if self.cut is not None:
                    status, error = RunStatus.interrupted, self.cut
                elif self.stopped is not None and error is None and status is RunStatus.succeeded:
                    status, error = RunStatus.denied, f"{self.stopped.check}: {self.stopped.reason}"
                self.run.status, self.run.error, self.run.finished_at = status, error, time.time()
                self.store.update_run(self.run)
        finally:
            stopping.forget(self.run.id)
            self.env.close()

    # -- one action ---------------------------------------------------------------------------------

    def act(self, action: Any) -> Outcome:
        """Review ``action``, run it only if approved, screen what came back, and record the step."""
        if self.ctx is None:
            raise RuntimeError("start() the session before acting")
        ctx = self.ctx
        if self.stopped is not None:  # rt47b: after a fatal denial nothing more runs (nor is reviewed)
            verdict = self.stopped.model_copy(update={"reason": f"the run was stopped by an earlier fatal denial "
                                                                 f"({self.stopped.check}): {self.stopped.reason}"})
            return Outcome(Observation(output=f"Denied by the guard ({verdict.check}): {verdict.reason}", error=True,
                                       meta={"denied": True, "check": verdict.check}), verdict, False)
        self.steps += 1
        ctx.step = self.steps
        ctx.elapsed_s = time.monotonic() - self._started
        self.recorded += 1
        step = Step(index=self.recorded, action=action)
        t0 = time.perf_counter()
        try:
            authorization = self.guard.authorize(action, ctx, env=self.env)
            step.guard_ms = (time.perf_counter() - t0) * 1000
            verdict = step.verdict = authorization.verdict
            if authorization.approved is not None and isinstance(action, FinishAction):
                # rt47b: the answer passes the answer screen, as a `macrohard run`'s finish does (agent.py): a
                # stopped answer is not the run's, and the episode goes on
                answer_verdict = self.guard.screen_answer(action.answer, ctx)
                if not answer_verdict.allowed:
                    verdict = step.verdict = answer_verdict
                    authorization = type(authorization)(verdict=answer_verdict)
            if authorization.approved is None:
                who = (not_approved(authorization.refused_by) if authorization.refused_by
                       else f"denied by the guard ({verdict.check})")
                said = f"{who[0].upper()}{who[1:]}: {verdict.reason}"
                if authorization.refused_by == "policy":  # an `ask` with no approval callback
                    # rt48c: said how to allow it; no client (the model, over MCP or Gymnasium) can answer the question
                    where = str(self.run.meta.get("interface", "this interface")).upper()
                    said += (f"\nNobody can approve a question over {where} (the client is the model), so the policy's `defaults.non_interactive: deny` refused it; "
                             "it was not run. To allow it, a person adds an `allow` rule for it to their policy "
                             "($MACROHARD_POLICY or $MACROHARD_HOME/policy.yaml; `macrohard policy show` prints the "
                             "rules) and starts the server again.")
                step.observation = Observation(output=said, error=True, meta={"denied": True, "check": verdict.check})
                if verdict.fatal and verdict.check != "budget":
                    self.stopped = verdict
                    if self.fatal_ends_run and self.run.status is RunStatus.running:  # stored by `finally` below
                        self.run.status, self.run.finished_at = RunStatus.denied, time.time()
                        self.run.error = f"{verdict.check}: {verdict.reason}"
                return Outcome(step.observation, verdict, False)
            if isinstance(action, FinishAction):
                self.run.answer = action.answer
                step.observation = Observation(output="finished")
                return Outcome(step.observation, verdict, True)
            if (why := self.cut or stopping.why_stopped(self.run.id)) is not None:  # asked to stop: nothing more runs
                self.cut = why
                step.observation = Observation(output=f"Not run: the run was stopped before this action ran ({why}).",
                                               error=True, meta={"stopped": why})
                return Outcome(step.observation, verdict, False)
            t1 = time.perf_counter()
            stopping.doing(self.run.id, step.index, _doing(action))
            try:
                observation = self.env.execute(authorization.approved)
            except KeyboardInterrupt as exc:  # cut where it waited: kept with what happened, as the agent keeps it
                step.env_ms = (time.perf_counter() - t1) * 1000
                cut = stopping.cut_for(self.run.id)
                why = cut or str(exc) or "interrupted (Ctrl-C)"
                step.observation = Observation(output=f"Cut during this action ({why}): it has no result of its own.",
                                               error=True, meta={"cut": why})
                if cut is None:  # a Ctrl-C of this process's own (its main thread): raised, as before
                    raise
                self.cut = cut  # asked from outside: the caller is told, and the run stops
                return Outcome(step.observation, verdict, True)
            finally:
                stopping.doing(self.run.id, step.index, None)
            step.env_ms = (time.perf_counter() - t1) * 1000
            # a file name or output in bytes no UTF-8 holds: as in agent.py (rel39), or the screens fail on it and the
            # client gets an exception's text (rt47b: `list_dir` over MCP after `printf x > $'bad\xff'`)
            observation = observation.model_copy(update={"output": no_surrogates(observation.output),
                                                         "meta": _no_surrogates(observation.meta)})
            step.observation = self.guard.screen(observation, ctx)
            return Outcome(step.observation, verdict, True)
        finally:
            self.run.steps = self.recorded
            stored = step
            obs = step.observation
            if obs is not None and obs.images:  # screenshots stay with the caller; the store keeps the text
                stored = step.model_copy(update={"observation": obs.model_copy(update={"images": []})})
            self.store.append_step(self.run.id, stored)
            self.store.update_run(self.run)
