"""A division's policy overlay as a guard check that can only tighten: for each action the stricter of the
user's verdict and the overlay's applies (deny over ask over allow). An overlay rule that allows does
nothing; only a matching deny or ask rule speaks. (A user's own division file may opt into loosening:
``divisions.runtime.division_guard`` then merges its rules in front of the user's.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from macrohard.safety.context import GuardContext
from macrohard.safety.policy import Policy, rule_detail
from macrohard.safety.review import facts_of
from macrohard.types import Decision, Verdict

_SEVERITY = {Decision.allow: 0, Decision.ask: 1, Decision.deny: 2}


class Tightened:
    """The base checks (first non-allow decides, as in ``Guard.review``), then the overlay's rules; the
    stricter verdict wins, a tie goes to the base."""

    def __init__(self, base: Sequence[Callable[[Any, GuardContext], Verdict | None]], overlay: Policy, *,
                 base_policy: Policy, division: str) -> None:
        self.base = list(base)
        self.overlay = overlay
        self.base_policy = base_policy
        self.division = division

    def overlay_verdict(self, action: Any, ctx: GuardContext) -> Verdict | None:
        if getattr(action, "kind", None) == "finish" or not self.overlay.rules:
            return None
        facts = facts_of(action, ctx, self.base_policy)
        rule = self.overlay.match(facts)
        if rule is None or rule.decision is Decision.allow:
            return None
        reason = rule.reason.replace("{detail}", rule_detail(rule, facts))
        return Verdict(decision=rule.decision, reason=reason, check=f"division:{self.division}:{rule.id}",
                       fatal=rule.fatal and rule.decision is Decision.deny)

    def __call__(self, action: Any, ctx: GuardContext) -> Verdict | None:
        base = None
        for check in self.base:
            verdict = check(action, ctx)
            if verdict is not None and verdict.decision is not Decision.allow:
                base = verdict
                break
        extra = self.overlay_verdict(action, ctx)
        if extra is not None and (base is None or _SEVERITY[extra.decision] > _SEVERITY[base.decision]):
            return extra
        return base
