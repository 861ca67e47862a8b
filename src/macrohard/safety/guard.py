"""The guard: every action is reviewed before it runs, every observation and answer screened.

The guard is made of small checks, each ``(action, ctx) -> Verdict | None``; the first that
returns a non-allow verdict decides. ``approve`` is the only way to obtain an ``Approved``
action, and it resolves ``ask`` verdicts through the context's approval callback.
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
from macrohard.types import FILE_ACTION_KINDS, Decision, Observation, Verdict

Check = Callable[[Any, GuardContext], "Verdict | None"]

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
    """Runs its checks in order; the first non-allow verdict decides."""

    def __init__(self, checks: list[Check] | None = None, *, screens: list[Callable[[Observation, GuardContext], Observation]] | None = None,
                 answer_checks: list[Callable[[str, GuardContext], Verdict | None]] | None = None,
                 on_verdict: Callable[[Any, Verdict, GuardContext], None] | None = None) -> None:
        self.checks: list[Check] = checks if checks is not None else default_checks()
        self.screens = screens or []
        self.answer_checks = answer_checks or []
        self.on_verdict = on_verdict

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
            if callback is None or not callback(action, verdict):
                raise NotApproved(f"not approved: {verdict.reason}")
            verdict = verdict.model_copy(update={"decision": Decision.allow, "approved_by": "user"})
            if ctx is not None:
                self._record(action, verdict, ctx)
        return approval.issue(action, verdict)

    def screen(self, observation: Observation, ctx: GuardContext) -> Observation:
        for screen in self.screens:
            observation = screen(observation, ctx)
        return observation

    def screen_answer(self, answer: str, ctx: GuardContext) -> Verdict:
        for check in self.answer_checks:
            verdict = check(answer, ctx)
            if verdict is not None and verdict.decision is not Decision.allow:
                return self._record(None, verdict, ctx)
        return ALLOW

    def _record(self, action: Any, verdict: Verdict, ctx: GuardContext) -> Verdict:
        if self.on_verdict is not None:
            self.on_verdict(action, verdict, ctx)
        return verdict


def default_checks() -> list[Check]:
    from macrohard.safety.commands import check_command

    return [check_budget, check_workspace_paths, check_command]


def timed_review(guard: Guard, action: Any, ctx: GuardContext) -> tuple[Verdict, float]:
    start = time.perf_counter()
    verdict = guard.review(action, ctx)
    return verdict, (time.perf_counter() - start) * 1000
