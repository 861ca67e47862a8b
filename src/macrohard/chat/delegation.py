"""The seam between a conversation and the runs it delegates.

The chat model asks for work with a ``delegate(division, task)`` tool call; the engine hands a
``DelegationRequest`` to a ``Delegator``, which has the delegation authorized by the guard, runs the
sub-run to its end and returns the finished ``Run`` (``chat/divisions.DivisionDelegator``). Every step of
that run goes through the guard as any run's does, and a verdict of ``ask`` (the delegation's own too)
reaches the person through ``request.approve``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from macrohard.safety.context import ApprovalCallback
from macrohard.types import DelegateAction, Run, Step


def delegate_tool() -> dict[str, Any]:
    """The ``delegate`` tool offered to the chat model, derived from ``types.DelegateAction``."""
    from macrohard.agent import tool_schemas

    return tool_schemas([DelegateAction])[0]


@dataclass
class DelegationRequest:
    """One delegation: what to do, which run id to record it under, and where its steps and questions go."""

    division: str
    task: str
    run_id: str
    conversation_id: str
    on_step: Callable[[Run, Step], None]
    approve: ApprovalCallback


class Delegator(Protocol):
    def __call__(self, request: DelegationRequest) -> Run: ...


__all__ = ["DelegationRequest", "Delegator", "delegate_tool"]
