"""What every environment does first with an approval: verify it, answer ``finish``, refuse foreign kinds."""

from __future__ import annotations

from typing import Any

from macrohard.safety.approval import Approved
from macrohard.safety.guard import verify
from macrohard.types import FinishAction, Observation


def admit(env: Any, approved: Approved[Any]) -> tuple[Any, Observation | None]:
    """Return ``(action, None)`` to execute, or ``(action, observation)`` when there is nothing to do."""
    action = verify(approved, env)  # made by Guard.authorize for this env and run, unused, unchanged
    if isinstance(action, FinishAction):
        return action, Observation(output=action.answer)
    if type(action) not in env.action_types:
        return action, Observation(output=f"the {env.kind} environment cannot do {action.kind!r} actions", error=True)
    return action, None
