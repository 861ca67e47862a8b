"""Delegation is bounded: no division hands work to itself (or to one already in its chain), and chains stop
at ``MAX_DEPTH`` divisions. A guard check, so the refusal is a recorded verdict with its reason."""

from __future__ import annotations

from typing import Any

from macrohard.safety.context import GuardContext
from macrohard.types import Decision, Verdict

MAX_DEPTH = 3  # chat -> operator -> coding: a fourth level is refused


def targets(action: Any) -> list[str]:
    """The divisions a ``delegate`` or ``plan`` action hands work to."""
    kind = getattr(action, "kind", None)
    if kind == "delegate":
        return [action.division]
    if kind == "plan":
        return [step.division for step in action.steps]
    return []


def check_delegation(action: Any, ctx: GuardContext) -> Verdict | None:
    """Deny a delegation to a division already in the run's chain (a loop) or one level past ``MAX_DEPTH``."""
    wanted = targets(action)
    if not wanted:
        return None
    chain = " -> ".join(ctx.divisions) or "(none)"
    for name in wanted:
        if name in ctx.divisions:
            who = "itself" if ctx.divisions and name == ctx.divisions[-1] else f"{name!r}, already in its chain"
            return Verdict(decision=Decision.deny, check="delegation",
                           reason=f"a division may not delegate to {who} ({chain} -> {name}): that loop has no "
                                  "end; do the work with your own tools or choose another division")
    if len(ctx.divisions) >= MAX_DEPTH:
        return Verdict(decision=Decision.deny, check="delegation",
                       reason=f"delegation is bounded at {MAX_DEPTH} levels and this run is at {chain}; "
                              "do the work with your own tools")
    return None
