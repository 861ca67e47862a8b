"""Company mode: a lead agent (the chat division's model) writes a plan of sub-tasks across divisions (a
``plan`` action, reviewed by the guard), the sub-tasks run through the executor (local pool or Ray),
independent ones in parallel, each an ordinary sub-run inside the lead's budgets; their results come back
to the lead, which may re-plan failed steps, then reports. The lead's run is failed when a sub-task failed
and the lead did not recover it (its latest attempt), whatever the lead claims.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from macrohard import stopping
from macrohard.divisions.config import Division
from macrohard.divisions.delegate import carve, child_failed, link, spend, untrusted_read
from macrohard.envs.admit import admit
from macrohard.errors import MacrohardError
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import FinishAction, Observation, PlanAction, PlanStep, Run, RunStatus, new_run_id

LEAD_PROMPT = """You lead a company of divisions. Turn the goal into a plan with the `plan` tool: sub-tasks,
each for one division, each complete on its own (the division sees only its task). Steps that need another's
result list it in `after`; the others run in parallel. The divisions:
{divisions}
The results come back to you. If a step failed, call `plan` again with that step's id (a better task if
needed) to retry it, or finish with success=false. When every step is done, call `finish` with a short
report of what each division did."""


def waves(steps: list[PlanStep]) -> list[list[PlanStep]] | str:
    """Steps in waves: each wave's steps depend only on earlier waves. A string says what is wrong."""
    ids = [s.id for s in steps]
    if dup := sorted({i for i in ids if ids.count(i) > 1}):
        return f"step ids must be unique; repeated: {', '.join(dup)}"
    for s in steps:
        if unknown := [a for a in s.after if a not in ids]:
            return f"step {s.id} waits for {', '.join(unknown)}, which is not a step of this plan"
    done: set[str] = set()
    out: list[list[PlanStep]] = []
    left = list(steps)
    while left:
        ready = [s for s in left if set(s.after) <= done]
        if not ready:
            return f"steps {', '.join(s.id for s in left)} wait for each other in a circle"
        out.append(ready)
        done |= {s.id for s in ready}
        left = [s for s in left if s.id not in done]
    return out


class PlanEnvironment:
    """Executes approved ``plan`` actions of the lead's run through an executor."""

    kind = "company"
    action_types = (PlanAction, FinishAction)

    def __init__(self, *, divisions: dict[str, Division], executor: Any, store: Any, guard: Guard,
                 run_model: str, scripts: dict[str, list[dict[str, Any]]] | None = None,
                 isolation: str | None = None, on_plan: Callable[[list[PlanStep]], None] | None = None,
                 on_result: Callable[[PlanStep, Run | None], None] | None = None,
                 on_stop: Callable[[int, str, list[str]], None] | None = None) -> None:
        self.divisions = divisions
        self.on_stop = on_stop  # a display: how many started sub-runs are being stopped, and why
        self.on_plan, self.on_result = on_plan, on_result  # a display: the plan before it runs, each result
        self.executor = executor
        self.store = store
        self.guard = guard  # the lead's: the plan's audit links go into its chain
        self.run_model = run_model
        self.scripts = scripts or {}  # "s1" or "s1#2" (its 2nd attempt) -> a scripted model's actions (tests, demos)
        self.attempts: dict[str, int] = {}
        self.isolation = isolation
        self.chain: tuple[str, ...] = ()
        self.results: dict[str, Run | None] = {}  # step id -> its latest attempt
        self.unfinished: dict[str, str] = {}  # step id -> why it has no run (the lead was interrupted)
        self.refused: list[str] = []  # why each plan that could not run was refused
        self.run: Run | None = None
        self.ctx: GuardContext | None = None
        self.workspace = ""

    def bind(self, run: Run, ctx: GuardContext) -> None:
        self.run, self.ctx, self.workspace = run, ctx, ctx.workspace
        ctx.divisions = self.chain

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        assert self.run is not None and self.ctx is not None, "the agent binds the plan's executor first"
        unknown = sorted({s.division for s in action.steps if s.division not in self.divisions})
        if unknown:
            self.refused.append(f"unknown division(s) {', '.join(map(repr, unknown))}")
            return Observation(error=True, output=f"unknown division(s) {', '.join(map(repr, unknown))}; the divisions "
                               f"are: {', '.join(sorted(self.divisions))}. Write the plan again.")
        order = waves(action.steps)
        if isinstance(order, str):
            self.refused.append(order)
            return Observation(error=True, output=f"the plan cannot run: {order}. Write it again.")
        self.run.meta.setdefault("plans", []).append(action.model_dump(mode="json")["steps"])
        self.store.update_run(self.run)
        if self.on_plan is not None:
            self.on_plan(action.steps)
        lines = []
        for wave in order:
            lines += self._wave(wave)
        failed = [sid for sid, run in self.results.items() if run is None or child_failed(run)]
        head = "All steps succeeded." if not failed else f"Failed so far: {', '.join(failed)}."
        read = [w for r in self.results.values() if r is not None for w in untrusted_read(self.store, r.id)]
        return Observation(output="\n".join([head, *lines]), error=bool(failed),
                           meta={"runs": {sid: (r.id if r else None) for sid, r in self.results.items()},
                                 "untrusted_read": list(dict.fromkeys(read))[:10]})

    def _wave(self, wave: list[PlanStep]) -> list[str]:
        from macrohard.divisions.runtime import division_task
        from macrohard.executors.spec import RunSpec

        assert self.run is not None and self.ctx is not None
        ctx, share = self.ctx, len(wave)
        specs, lines = [], []
        # rt47b: a plan written after untrusted content (an earlier wave's results, read by the lead) hands that
        # taint down to its sub-runs, as a delegation does (divisions.delegate, chat.divisions): a sub-task the page
        # dictated does not start clean, so its sends are asked
        handed = ctx.flow.hand_down() if ctx.flow.sources else None
        # rt50c: the sub-runs are guarded by the person's policy (`company --policy FILE`), sent with each spec: a
        # worker (a process of the pool, a Ray node) otherwise loaded its own default, looser than the person's
        policy = self.guard.policy.model_dump(mode="json")
        for step in wave:
            division = self.divisions[step.division]
            budget = carve(ctx, division.budget)
            if isinstance(budget, str):
                self.results[step.id] = None
                lines.append(f"{step.id} ({step.division}): not run: {budget}")
                continue
            # parallel steps share what is left: steps, tokens and money split evenly, wall time in common
            split: dict[str, Any] = {"max_steps": max(1, budget.max_steps // share)}
            if budget.max_tokens is not None:
                split["max_tokens"] = max(1, budget.max_tokens // share)
            if budget.max_cost_usd is not None:
                split["max_cost_usd"] = budget.max_cost_usd / share
            task = division_task(division, step.task, like=self.run.task, budget=budget.model_copy(update=split))
            self.attempts[step.id] = self.attempts.get(step.id, 0) + 1
            script = self.scripts.get(f"{step.id}#{self.attempts[step.id]}", self.scripts.get(step.id))
            specs.append(RunSpec(key=step.id, run_id=new_run_id(), task=task, division=division.name,
                                 model="scripted" if script is not None else (division.model or self.run_model),
                                 script=script, isolation=self.isolation, store_path=str(self.store.path),
                                 parent_id=self.run.id, chain=list(self.chain), task_id=step.id,
                                 flow_handed_down=handed, policy=policy, policy_source=self.guard.policy.source))
        started = time.monotonic()
        ended = threading.Event()
        watcher = threading.Thread(target=self._pass_on_cut, args=(specs, ended), name="macrohard-plan-cut",
                                   daemon=True)
        watcher.start()
        try:
            for outcome in self.executor.map(specs):
                self._take(outcome, wave, lines)
        except KeyboardInterrupt as exc:
            self._stop(specs, wave, lines, str(exc) or "interrupted by the user (Ctrl-C)")
            raise
        finally:
            ended.set()
            watcher.join()
            ctx.elapsed_s += time.monotonic() - started  # the wave's time is the lead's too
        # rel53b: the lead was cut while its wave ran (`macrohard runs stop LEAD`, a chat's or an evaluation's cut):
        # its sub-runs were cut with it (``_pass_on_cut``) and are kept; the lead's step ends here, cut, and the run
        # `interrupted`. Before, the plan's step took the cut sub-runs' results as failures and the lead went on to
        # its next step (its `finish`: the company recorded `failed`, "the lead did not recover them")
        if (why := stopping.cut_for(self.run.id, self.run.parent_id)) is not None:
            raise KeyboardInterrupt(why)
        return lines

    def _pass_on_cut(self, specs: list[Any], ended: threading.Event) -> None:
        """While a wave runs: a cut of the lead (its own stop file's, or its parent's) is passed on to the wave's
        sub-runs through the executor (its workers, in threads, processes or on Ray), as the lead's step waits on them
        where it cannot look itself (the executor's ``map``)."""
        assert self.run is not None
        lead, parent = self.run.id, self.run.parent_id
        while not ended.wait(0.25):
            if (why := stopping.cut_for(lead, parent)) is not None:
                cut = getattr(self.executor, "cut", None)
                (cut or stopping.cut_runs)([s.run_id for s in specs], why)
                return

    def _take(self, outcome: Any, wave: list[PlanStep], lines: list[str]) -> None:
        """One sub-run's outcome: kept as the step's latest attempt, spent from the lead's budgets, linked into the
        lead's audit chain, said in the plan's observation."""
        assert self.run is not None and self.ctx is not None
        step = next(s for s in wave if s.id == outcome.key)
        child = outcome.run
        self.results[step.id] = child
        if self.on_result is not None:
            self.on_result(step, child)
        if child is None:
            lines.append(f"{step.id} ({step.division}): not run: {outcome.error or outcome.detail}")
            return
        spend(self.ctx, child, self.run)
        link(self.guard, self.store, self.run, self.ctx, child, extra={"plan_step": step.id})
        check = "" if child.check is None else f", check {'passed' if child.check.passed else 'FAILED'}"
        text = f"{step.id} ({step.division}): {child.status.value}{check}, run {child.id}"
        lines.append(text + (f": {child.answer}" if child.answer else "") + (f" ({child.error})" if child.error else ""))

    def _doing(self, spec: Any) -> str:
        """What a started sub-run does as it is asked to stop, for people; "" for one not started or ended."""
        now = stopping.now_doing(spec.run_id)
        if now is not None:
            return f"{spec.division} run {spec.run_id} is finishing its {now}"
        try:
            run = self.store.get_run(spec.run_id)
        except MacrohardError:
            return ""
        if run.status is not RunStatus.running:
            return ""
        return (f"{spec.division} run {spec.run_id} is between steps (its model answering, or its sandbox starting): "
                "it stops before its next action runs")

    def _stop(self, specs: list[Any], wave: list[PlanStep], lines: list[str], why: str) -> None:
        """The lead was interrupted (Ctrl-C, SIGTERM) while a wave ran. Before (rel47): its sub-runs went on to their
        own end after the user said stop (`succeeded` 17 s later), nothing of them reached the lead's run (no
        results, no audit links: `audit verify` then called the lead's log TAMPERED), and nothing was said. Now the
        runs not started are cancelled, the started ones end after their current step (recorded ``interrupted``),
        and each is kept and linked as a finished one is. A second interrupt stops the waiting; the runs still
        going are cut where they wait (rel50b; rel52: on Ray's workers too, through the executor's ``cut``)."""
        stop = getattr(self.executor, "stop", None)
        if stop is not None:
            stop([s.run_id for s in specs], f"stopped: the company was {why}")
        # an executor that cannot stop its runs after their step (Ray: its close kills them) is not waited on
        drain = getattr(self.executor, "drain", None) if stop is not None else None
        if drain is not None:
            try:
                started, outcomes = drain()
                if self.on_stop is not None and started:
                    # which step each is finishing (rel48: before, only "each ends after its current step")
                    doing = [self._doing(s) for s in specs]
                    doing = [d for d in doing if d]
                    self.on_stop(started, why, doing)
                for outcome in outcomes:
                    self._take(outcome, wave, lines)
            except KeyboardInterrupt:
                # rel50b: the second interrupt cuts the step each started sub-run is finishing (in this process's
                # threads: a shell command where it waits), as Ctrl-C cuts `macrohard run`'s. Before, the summary
                # came at once but the process went on until each step's command ended (24 s more for a `sleep 30`)
                # rel52: through the executor, which reaches its workers too (a process pool's, Ray's)
                cut = getattr(self.executor, "cut", None)
                (cut or stopping.cut_runs)([s.run_id for s in specs], f"stopped: the company was {why}")
        for step in wave:
            if step.id not in self.results:
                self.results[step.id] = None
                self.unfinished[step.id] = "stopped before it started, or still ending when a second interrupt came"


def lead_division(divisions: dict[str, Division]) -> Division:
    """The chat division as the lead: its model and policy, the lead's prompt."""
    listing = "\n".join(f"- {d.name}: {d.description}" for d in divisions.values() if d.name != "chat")
    return divisions["chat"].model_copy(update={"system_prompt": LEAD_PROMPT.format(divisions=listing)})


def settle(run: Run, plan: PlanEnvironment, store: Any) -> Run:
    """The lead's status made true: failed when a sub-task's latest attempt failed, whatever the lead said."""
    failed = [f"{sid} ({r.meta.get('division', '?')}: {r.status.value})" if r else f"{sid} (not run)"
              for sid, r in plan.results.items() if r is None or child_failed(r)]
    run.meta["company"] = {sid: (r.id if r else None) for sid, r in plan.results.items()}
    if plan.unfinished:
        run.meta["company_unfinished"] = dict(plan.unfinished)
    if failed and run.status is RunStatus.succeeded:
        run.status = RunStatus.failed
        run.error = f"sub-task(s) {', '.join(failed)} failed and the lead did not recover them"
    elif plan.refused and not plan.results and run.status is RunStatus.succeeded:
        # rel47: every plan the lead wrote was refused (steps waiting for each other in a circle, an unknown
        # division, repeated ids), no sub-run ran, and the lead's "done" was the company's `succeeded`, exit 0
        run.status = RunStatus.failed
        run.error = (f"no plan of the lead could run ({len(plan.refused)} refused, the last: {plan.refused[-1]}), so no "
                     "sub-task was done, whatever the lead said; run it again, or with another --model for the lead")
    store.update_run(run)
    return run


def company(goal: str, *, store: Any, executor: Any, run_model: str | None = None, lead_model: Any = None,
            guard: Guard | None = None, scripts: dict[str, list[dict[str, Any]]] | None = None,
            on_step: Any = None, approve: Any = None, isolation: str | None = None, run: Run | None = None,
            on_plan: Any = None, on_result: Any = None, on_stop: Any = None, **task_fields: Any) -> Run:
    """Run ``goal`` in company mode to its end and return the lead's run (its sub-runs: ``store.children``)."""
    from macrohard.divisions.catalog import load_divisions
    from macrohard.divisions.runtime import Staff, division_task, run_division

    divisions = load_divisions()
    lead = lead_division(divisions)
    task = division_task(lead, goal, **task_fields)
    staff = Staff(divisions=divisions, approve=approve, on_step=on_step, isolation=isolation)
    model = lead_model if lead_model is not None else staff.model_for(lead, task)
    g = guard if guard is not None else Guard.from_policy()
    plan = PlanEnvironment(divisions=divisions, executor=executor, store=store, guard=g,
                           run_model=run_model or task.model or getattr(model, "name", "local"),
                           scripts=scripts, isolation=isolation, on_plan=on_plan, on_result=on_result,
                           on_stop=on_stop)
    run = run or Run(task=task, model=model.name)
    run.task, run.meta["company"] = task, {}
    try:
        finished = run_division(task, lead, staff=staff, store=store, guard=g, model=model, run=run,
                                extra_envs=[plan])
    except KeyboardInterrupt:
        # the lead's run is recorded `interrupted` by its agent; its sub-runs, as far as they went, are kept with it
        # (before, rel47: `meta.company` stayed empty, the report could not say which sub-run got how far)
        try:
            settle(store.get_run(run.id), plan, store)
        except Exception:  # noqa: BLE001 - the interrupt is the news; a run never recorded has nothing to settle
            pass
        raise
    return settle(finished, plan, store)
