"""The executor of ``delegate``: runs the sub-task as an ordinary run of the named division, linked to its
parent (``parent_id``), inside what the parent has left of its budgets, in its own sandbox; its result comes
back as the observation, and the parent's audit chain records the child's id and chain head.

It verifies each approval like every environment (``envs.admit``): no sub-run starts on an action the guard
did not approve for this run.
"""

from __future__ import annotations

from typing import Any

from macrohard import stopping
from macrohard.envs.admit import admit
from macrohard.errors import MacrohardError
from macrohard.safety import audit
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import Budget, Decision, DelegateAction, FinishAction, Observation, Run, RunStatus, Verdict


def carve(ctx: GuardContext, wanted: Budget) -> Budget | str:
    """The child's budget: its division's defaults, cut to what the parent has left after this step (one step
    stays with the parent, to read the result and answer). A string says why nothing is left."""
    b = ctx.budget
    steps = b.max_steps - ctx.step - 1
    if steps < 1:
        return f"the parent run has {max(b.max_steps - ctx.step, 0)} step(s) left: not enough to delegate"
    update: dict[str, Any] = {"max_steps": min(wanted.max_steps, steps)}
    for field, used in (("max_seconds", ctx.elapsed_s), ("max_tokens", ctx.usage.total), ("max_cost_usd", ctx.cost_usd)):
        limit = getattr(b, field)
        if limit is None:
            continue
        left = limit - used
        if left <= 0:
            return f"the parent run has no {field.removeprefix('max_')} left to give a sub-run"
        mine = getattr(wanted, field)
        update[field] = min(mine, left) if mine is not None else left
        if field == "max_tokens":
            update[field] = max(1, int(update[field]))
    return wanted.model_copy(update=update)


def spend(ctx: GuardContext, child: Run, parent: Run) -> None:
    """Take what the child used from the parent's budget: its steps, tokens and money (time passes for both).
    The totals are kept on the parent (``meta.sub_runs_spent``): a parent that ends out of budget says why."""
    b = ctx.budget
    spent = parent.meta.setdefault("sub_runs_spent", {"steps": 0, "tokens": 0, "cost_usd": 0.0})
    spent["steps"] += child.steps
    spent["tokens"] += child.usage.total
    spent["cost_usd"] += child.cost_usd
    update: dict[str, Any] = {"max_steps": b.max_steps - child.steps}
    if b.max_tokens is not None:
        update["max_tokens"] = b.max_tokens - child.usage.total
    if b.max_cost_usd is not None:
        update["max_cost_usd"] = b.max_cost_usd - child.cost_usd
    ctx.budget = b.model_copy(update=update)


def result_text(child: Run) -> str:
    check = ""
    if child.check is not None:
        check = f"; its check {'passed' if child.check.passed else 'FAILED'}: {child.check.detail}"
    lines = [f"Sub-run {child.id} ({child.meta.get('division', '?')}) ended {child.status.value}{check}."]
    if child.answer:
        lines.append(f"Its answer: {child.answer}")
    if child.error:
        lines.append(f"Error: {child.error}")
    return "\n".join(lines)


def untrusted_read(store: Any, run_id: str) -> list[str]:
    """What untrusted content a sub-run read (its screened observations' sources): its result, written by a
    model that read it, is untrusted in turn (``safety.flow``)."""
    out = []
    for step in store.steps(run_id):
        obs = step.observation
        if obs is not None and obs.untrusted:
            flow = obs.meta.get("flow") if isinstance(obs.meta.get("flow"), dict) else {}
            out.append(str(flow.get("source") or "content marked untrusted"))
    return list(dict.fromkeys(out))[:10]


def child_failed(child: Run) -> bool:
    return child.status is not RunStatus.succeeded or (child.check is not None and not child.check.passed)


def link(guard: Guard, store: Any, parent: Run, ctx: GuardContext, child: Run, *, kind: str = "delegation",
         extra: dict[str, Any] | None = None) -> None:
    """Record the finished child in the parent's audit chain: its id and its chain's head (seq, hash), so that
    verifying the parent verifies the child (``safety.audit_links``)."""
    log = audit.attach(guard, store)
    if log is None:
        return
    head = log.head(child.id)
    action = {"kind": kind, "division": child.meta.get("division"), "task": child.task.text[:2000],
              "child_id": child.id, "child_status": child.status.value,
              "child_head_seq": head[0] if head else 0, "child_head_hash": head[1] if head else "", **(extra or {})}
    verdict = Verdict(decision=Decision.allow, check="delegation",
                      reason=f"sub-run {child.id} ended {child.status.value}")
    log.append(parent.id, "delegation", verdict, action, ctx.step)


INHERITED = ("user", "conversation_id", "server")  # a sub-run's meta taken from its parent's


class DelegateEnvironment:
    """Executes approved ``delegate`` actions of one run."""

    kind = "delegate"
    action_types = (DelegateAction, FinishAction)

    def __init__(self, *, staff: Any, store: Any, guard: Guard, chain: tuple[str, ...], pay: Any = None) -> None:
        self.staff = staff
        self.pay = pay  # the run's wallet executor (money.wallet.PayEnvironment): sub-runs pay from the same account
        self.store = store
        self.guard = guard  # the delegating run's guard: a sub-run is never reviewed more loosely than its parent
        self.chain = chain
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
        if self.run is None or self.ctx is None:
            raise RuntimeError("DelegateEnvironment.execute before bind: the agent binds it to its run first")
        return self.delegate(action.division, action.task)

    def delegate(self, name: str, text: str) -> Observation:
        from macrohard.divisions.runtime import division_task, run_division

        assert self.run is not None and self.ctx is not None
        division = self.staff.divisions.get(name)
        if division is None:
            return Observation(error=True, output=f"unknown division {name!r}; the divisions are: "
                               f"{', '.join(sorted(self.staff.divisions))}. Delegate to one of them.")
        budget = carve(self.ctx, division.budget)
        if isinstance(budget, str):
            return Observation(error=True, output=f"cannot delegate: {budget}. Finish with what you have.")
        parent_task = self.run.task
        task = division_task(division, text, like=parent_task, budget=budget)
        meta: dict[str, Any] = {"delegated_at_step": self.ctx.step}
        # ux54 (rt53b's left open): whose run it is, as its parent's (the web's member who started it, the
        # conversation that delegated it): before, a member's delegated run had no user, its page 404 for them
        meta.update({k: self.run.meta[k] for k in INHERITED if k in self.run.meta})
        if self.ctx.flow.sources:  # its task is written after untrusted content: the sub-run starts tainted
            meta["flow_handed_down"] = self.ctx.flow.hand_down()
        child = Run(task=task, model="", parent_id=self.run.id, meta=meta)
        # a wallet is passed down: the sub-run pays from the parent's account, under its own division's limits
        wallet = [self.pay.for_division(division.name)] if self.pay is not None else []
        try:
            child = run_division(task, division, staff=self.staff, store=self.store, guard=self.guard, run=child,
                                 chain=self.chain, extra_envs=wallet)
        except MacrohardError as exc:  # the sub-run could not start (its environment, its model): data for the model
            try:
                child = self.store.get_run(child.id)
            except MacrohardError:
                return Observation(error=True, output=f"the {name} division could not start: {exc}")
        except KeyboardInterrupt:
            # ux54: the sub-run alone was stopped (its web page's Stop, `macrohard runs stop SUB`): it is recorded
            # interrupted, and this run is told so and goes on. Before, its stop ended this run's step too, and this
            # run with it. A stop of this run (or a Ctrl-C, which asks no run by name) still ends it.
            if stopping.why_stopped(child.id) is None or stopping.why_stopped(self.run.id, self.run.parent_id):
                raise
            stopping.forget(child.id)
            child = self.store.get_run(child.id)
        spend(self.ctx, child, self.run)
        link(self.guard, self.store, self.run, self.ctx, child)
        return Observation(output=result_text(child), error=child_failed(child),
                           meta={"run_id": child.id, "division": name, "status": child.status.value,
                                 "untrusted_read": untrusted_read(self.store, child.id)})
