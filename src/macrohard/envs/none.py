"""The ``none`` environment: for a division that only converses and delegates (``chat``). It touches nothing;
its one action is ``finish``. Its extra executors (``delegate``, ``plan``) come from ``divisions``."""

from __future__ import annotations

from typing import Any

from macrohard.envs.admit import admit
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import FinishAction, Observation


class NoEnvironment:
    """Nothing to operate: no shell, no files, no network (``network`` is reported as none)."""

    kind = "none"
    action_types = (FinishAction,)

    def __init__(self, workspace: str, **_: Any) -> None:
        self.workspace = workspace

    def start(self) -> None:
        pass

    def guard_facts(self) -> GuardFacts:
        return GuardFacts(network="none")

    def execute(self, approved: Approved[Any]) -> Observation:
        _action, done = admit(self, approved)
        return done if done is not None else Observation(output="nothing to do", error=True)

    def close(self) -> None:
        pass
