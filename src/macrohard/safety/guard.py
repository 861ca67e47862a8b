"""The guard: every action is reviewed before it runs, every observation and answer screened.

The guard is made of small checks, each ``(action, ctx) -> Verdict | None``; the first that
returns a non-allow verdict decides. ``approve`` is the only way to obtain an ``Approved``
action, and it resolves ``ask`` verdicts through the context's approval callback (or the
policy's ``non_interactive`` setting when nobody can answer). Every verdict, approval and
screening result goes to ``on_verdict`` (the audit log, see ``safety.audit``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from macrohard.envs.files import OutsideWorkspace, resolve_inside
from macrohard.errors import NotApproved
from macrohard.safety import approval
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardContext
from macrohard.safety.policy import Policy, load_policy
from macrohard.safety.review import AnswerCheck, ObservationScreen, PolicyCheck
from macrohard.types import FILE_ACTION_KINDS, Decision, Observation, Verdict

Check = Callable[[Any, GuardContext], "Verdict | None"]
Screen = Callable[[Observation, GuardContext], Observation]
AnswerCheckFn = Callable[[str, GuardContext], "Verdict | None"]

ALLOW = Verdict(decision=Decision.allow, check="guard")


def check_workspace_paths(action: Any, ctx: GuardContext) -> Verdict | None:
    """File actions stay inside the workspace: no absolute escapes, no ``..``, no symlinks out."""
    if getattr(action, "kind", None) not in FILE_ACTION_KINDS:
        return None
    try:
        resolve_inside(ctx.workspace, action.path)
    except OutsideWorkspace as exc:
        return Verdict(decision=Decision.deny, reason=str(exc), check="workspace_paths")
    return None


def check_budget(action: Any, ctx: GuardContext) -> Verdict | None:
    """Refuse to act once the run has spent its budget."""
    b = ctx.budget
    if b.max_seconds is not None and ctx.elapsed_s > b.max_seconds:
        return Verdict(decision=Decision.deny, reason=f"wall-time budget of {b.max_seconds:g}s spent", check="budget", fatal=True)
    if b.max_tokens is not None and ctx.usage.total > b.max_tokens:
        return Verdict(decision=Decision.deny, reason=f"token budget of {b.max_tokens} spent", check="budget", fatal=True)
    if b.max_cost_usd is not None and ctx.cost_usd > b.max_cost_usd:
        return Verdict(decision=Decision.deny, reason=f"cost budget of ${b.max_cost_usd:g} spent", check="budget", fatal=True)
    return None


class Guard:
    """Runs its checks in order; the first non-allow verdict decides.

    ``Guard()`` uses the policy from ``load_policy()`` (the user's, else the packaged default);
    ``Guard(policy=...)`` or ``Guard.from_policy(...)`` take one explicitly.
    """

    def __init__(self, checks: list[Check] | None = None, *, screens: list[Screen] | None = None,
                 answer_checks: list[AnswerCheckFn] | None = None,
                 on_verdict: Callable[[Any, Verdict, GuardContext], None] | None = None,
                 policy: Policy | None = None) -> None:
        self.policy = policy if policy is not None else load_policy()
        self.checks: list[Check] = checks if checks is not None else default_checks(self.policy)
        self.screens: list[Screen] = screens if screens is not None else [ObservationScreen(self.policy)]
        self.answer_checks: list[AnswerCheckFn] = (answer_checks if answer_checks is not None
                                                   else [AnswerCheck(self.policy)])
        self.on_verdict = on_verdict
        # Audit recorders get every record with its kind: verdict, approval, screen, answer.
        self.recorders: list[Callable[[str, Any, Verdict, GuardContext], None]] = []

    @classmethod
    def from_policy(cls, policy: Policy | str | None = None, **kwargs: Any) -> Guard:
        """A guard with the default checks driven by ``policy`` (a ``Policy``, a file path, or the default)."""
        if not isinstance(policy, Policy):
            policy = load_policy(policy)
        return cls(policy=policy, **kwargs)

    def review(self, action: Any, ctx: GuardContext) -> Verdict:
        for check in self.checks:
            verdict = check(action, ctx)
            if verdict is not None and verdict.decision is not Decision.allow:
                return self._record(action, verdict, ctx)
        return self._record(action, ALLOW, ctx)

    def approve(self, action: Any, verdict: Verdict, ctx: GuardContext | None = None) -> Approved[Any]:
        """Turn an allowed verdict into an ``Approved`` action; ``ask`` goes to the callback."""
        if verdict.decision is Decision.ask:
            callback = ctx.approve if ctx is not None else None
            if callback is not None:
                allowed, by = bool(callback(action, verdict)), "user"
            else:
                allowed, by = self.policy.defaults.non_interactive == "allow", "policy"
            decided = verdict.model_copy(update={
                "decision": Decision.allow if allowed else Decision.deny, "approved_by": by if allowed else None,
                "reason": verdict.reason if allowed else f"{verdict.reason} (not approved by the {by})"})
            if ctx is not None:
                self._record(action, decided, ctx, kind="approval")
            if not allowed:
                raise NotApproved(f"not approved: {verdict.reason}")
            verdict = decided
        approved = approval.issue(action, verdict)
        if ctx is not None:  # the terminal model follows only what was approved to run
            ctx.terminal.apply(action)
        return approved

    def screen(self, observation: Observation, ctx: GuardContext) -> Observation:
        if isinstance(observation.meta.get("cwd"), str):
            ctx.cwd = observation.meta["cwd"]  # the persistent shell's directory, for the next review
        for screen in self.screens:
            observation = screen(observation, ctx)
        flags = observation.meta.get("guard")
        if flags:
            self._record(None, Verdict(decision=Decision.allow, check="screen",
                                       reason="; ".join(f"{k}: {', '.join(v)}" for k, v in flags.items())),
                         ctx, kind="screen")
        return observation

    def screen_answer(self, answer: str, ctx: GuardContext) -> Verdict:
        for check in self.answer_checks:
            verdict = check(answer, ctx)
            if verdict is not None and verdict.decision is not Decision.allow:
                return self._record(None, verdict, ctx, kind="answer")
        return ALLOW

    def _record(self, action: Any, verdict: Verdict, ctx: GuardContext, kind: str = "verdict") -> Verdict:
        for recorder in self.recorders:
            recorder(kind, action, verdict, ctx)
        if self.on_verdict is not None:
            self.on_verdict(action, verdict, ctx)
        return verdict


def default_checks(policy: Policy | None = None) -> list[Check]:
    return [check_budget, check_workspace_paths, PolicyCheck(policy if policy is not None else load_policy())]


def timed_review(guard: Guard, action: Any, ctx: GuardContext) -> tuple[Verdict, float]:
    start = time.perf_counter()
    verdict = guard.review(action, ctx)
    return verdict, (time.perf_counter() - start) * 1000
