"""Delegation from a conversation through the divisions (``macrohard.divisions``).

The chat model's ``delegate(division, task)`` becomes a ``DelegateAction`` that the guard authorizes for
the chat division (an unknown division, a loop back to chat and depth are judged there, and recorded in
the conversation's audit chain); only the approval it mints starts the sub-run, which
``ConversationDelegations`` verifies like every environment does. The sub-run is the named division's
(its prompt, environment, policy overlay, budgets and model: ``divisions.runtime.run_division``), its
steps and questions go to the conversation, and its chain's head is recorded in the conversation's chain.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macrohard.chat.delegation import DelegationRequest
from macrohard.envs.admit import admit
from macrohard.errors import MacrohardError, UserError
from macrohard.safety import audit
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardContext
from macrohard.safety.flow import targets
from macrohard.safety.guard import Guard
from macrohard.safety.taint import FlowState, Source
from macrohard.types import Decision, DelegateAction, Observation, Run, Task, Verdict

CHAT = "chat"


class DelegationRefused(UserError):
    """The guard (or the person it asked) did not approve a delegation; the message says why."""


class ConversationDelegations:
    """Executes approved ``delegate`` actions of one conversation turn: runs the division's sub-run."""

    kind = "delegate"
    action_types = (DelegateAction,)
    workspace = ""

    def __init__(self, delegator: DivisionDelegator, request: DelegationRequest) -> None:
        self.delegator, self.request = delegator, request
        self.run: Run | None = None

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        self.run = self.delegator.run_sub(action, self.request)
        return Observation(output=f"sub-run {self.run.id} ended {self.run.status.value}")


class DivisionDelegator:
    """A ``Delegator`` through the divisions. ``models(division, task)`` gives a division's model (default:
    the division's own, else ``default_model``); ``task_updates`` go into each sub-task (network, ...).
    ``source``: the conversation's git repository; a division gated by tests (coding) works on it, and its
    sub-run is a gated coding run (``coding.session``): the change waits for `macrohard runs apply`. ``run_meta``: what
    each sub-run records besides its conversation (the web app's: whose it is, ux54; before, the runs page said "cli")."""

    def __init__(self, *, store: Any, guard: Guard, divisions: dict[str, Any] | None = None,
                 models: Callable[[Any, Task], Any] | None = None, default_model: Any = None,
                 isolation: str | None = None, task_updates: dict[str, Any] | None = None,
                 source: str | None = None, test_timeout: float = 300.0,
                 run_meta: dict[str, Any] | None = None) -> None:
        from macrohard.divisions import load_divisions

        self.store, self.guard = store, guard
        self.divisions = divisions if divisions is not None else load_divisions()
        self.models, self.default_model = models, default_model
        self.isolation = isolation
        self.task_updates = dict(task_updates or {})
        self.source, self.test_timeout = source, test_timeout
        self.run_meta = dict(run_meta or {})  # what each sub-run records besides (the web: {"user": its owner})
        # what the conversation's sub-runs read of untrusted content (a result relayed to the chat model is written
        # by a model that read it): each later delegation is reviewed with it, and its sub-run starts tainted (flow25)
        self.flow = FlowState()

    def __call__(self, request: DelegationRequest) -> Run:
        try:
            action = DelegateAction(division=request.division, task=request.task)
        except ValueError as exc:
            raise DelegationRefused(f"not a valid delegation: {exc}") from exc
        if request.division not in self.divisions:
            raise DelegationRefused(f"unknown division {request.division!r}; the divisions are: "
                                    f"{', '.join(sorted(d for d in self.divisions if d != CHAT))}")
        env = ConversationDelegations(self, request)
        ctx = GuardContext(workspace="", run_id=request.conversation_id, task_text=request.task,
                           environment="delegate", divisions=(CHAT,), approve=request.approve)
        if self.flow.sources:
            ctx.flow = FlowState.handed_down(self.flow.hand_down())
        authorization = self.guard.authorize(action, ctx, env=env)
        if authorization.approved is None:
            verdict = authorization.verdict
            who = f"the {authorization.refused_by}" if authorization.refused_by else f"the guard ({verdict.check})"
            raise DelegationRefused(f"the delegation to {request.division} was not approved by {who}: {verdict.reason}")
        env.execute(authorization.approved)
        assert env.run is not None
        self._link(request, env.run)
        self._taint_from(env.run)
        return env.run

    def _taint_from(self, run: Run) -> None:
        """What the sub-run read of untrusted content taints the conversation's later delegations (flow25)."""
        from macrohard.divisions.delegate import untrusted_read

        if read := untrusted_read(self.store, run.id):
            self.flow.read_untrusted(Source("delegation", f"the result of a sub-run that read {read[0][:200]}", 0))
            self.flow.targets |= targets(run.answer or "")

    def recall(self, run_ids: list[str]) -> None:
        """A conversation opened again (`macrohard chat --continue`, the web app after a restart): the taint of the
        sub-runs it delegated before. rt47b: it lived only in this object, so a continued conversation, whose model
        reads the relayed orders in its history, delegated the send to a sub-run that started clean."""
        for run_id in dict.fromkeys(run_ids):
            try:
                run = self.store.get_run(run_id)
            except MacrohardError:  # refused before it was recorded
                continue
            self._taint_from(run)

    def run_sub(self, action: DelegateAction, request: DelegationRequest) -> Run:
        from macrohard.divisions.runtime import Staff, division_task, run_division

        division = self.divisions[action.division]
        task = division_task(division, action.task, **self.task_updates)
        staff = Staff(divisions=self.divisions, models=self._model_for, approve=request.approve,
                      on_step=request.on_step, isolation=self.isolation)
        run = Run(id=request.run_id, task=task, model="",
                  meta={**self.run_meta, "conversation_id": request.conversation_id})
        if self.flow.sources:  # its task is written after untrusted content (safety.taint.FlowState.hand_down)
            run.meta["flow_handed_down"] = self.flow.hand_down()
        try:
            if self.source is not None and division.gate == "tests":
                return self._gated(action, division, staff, run)
            return run_division(task, division, staff=staff, store=self.store, guard=self.guard, run=run,
                                chain=(CHAT,))
        except MacrohardError as exc:
            try:
                return self.store.get_run(run.id)  # recorded, then failed (its environment, its model)
            except MacrohardError:
                raise exc from None

    def _gated(self, action: DelegateAction, division: Any, staff: Any, run: Run) -> Run:
        """The coding division's sub-run on the conversation's repository: baseline, run, gate."""
        from macrohard.coding.session import prepare, run_gated

        state, detection, before = prepare(self.source, timeout=self.test_timeout)  # type: ignore[arg-type]
        finished, _ = run_gated(action.task, state, detection, before, division, staff=staff, store=self.store,
                                guard=self.guard, run_id=run.id, meta=run.meta, chain=(CHAT,), **self.task_updates)
        return finished

    def _model_for(self, division: Any, task: Task) -> Any:
        if self.models is not None:
            return self.models(division, task)
        if division.model is None and self.default_model is not None:
            return self.default_model
        from macrohard.models import get_model

        return get_model(division.model or task.model)

    def _link(self, request: DelegationRequest, child: Run) -> None:
        """The child's id and chain head in the conversation's audit chain (as a parent run records it)."""
        log = audit.attach(self.guard, self.store)
        if log is None:
            return
        head = log.head(child.id)
        record = {"kind": "delegation", "division": request.division, "task": request.task[:2000],
                  "child_id": child.id, "child_status": child.status.value,
                  "child_head_seq": head[0] if head else 0, "child_head_hash": head[1] if head else ""}
        verdict = Verdict(decision=Decision.allow, check="delegation", reason=f"sub-run {child.id} ended "
                          f"{child.status.value}")
        log.append(request.conversation_id, "delegation", verdict, record, 0)


def chat_prompt(divisions: dict[str, Any], base: str) -> str:
    """The conversation's system prompt with the divisions it may hand work to, each with its description."""
    names = [f"- {d.name}: {d.description}" for d in sorted(divisions.values(), key=lambda d: d.name) if d.name != CHAT]
    return f"{base}\nThe divisions:\n" + "\n".join(names) if names else base


__all__ = ["ConversationDelegations", "DelegationRefused", "DivisionDelegator", "chat_prompt"]
