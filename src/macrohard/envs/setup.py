"""Where a task's own steps run outside the agent's environment, each only with an approval.

A shell environment runs a task's setup itself. Browser and desktop cannot (Chromium and Xvfb
have no shell), so ``SetupEnvironment`` stands in for them during setup; it also runs a task's
check command after the agent finished (``runner.check_run``). The runner authorizes each step
with ``env=`` this object, and ``execute``/``run`` verify the approval (``admit``) before they act,
like every environment. A file is written jailed to the workspace (never through
a link out of it); a command runs in a fresh bubblewrap sandbox over the workspace
(``oneshot.run_sandboxed``) with the network the task's environment was built with, which is
also what it reports to the guard (``guard_facts``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from macrohard.envs.admit import admit
from macrohard.envs.files import FileTools
from macrohard.envs.limits import Limits
from macrohard.envs.shell import CommandResult
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import BashAction, FinishAction, Observation, WriteFileAction


class SetupEnvironment:
    """Task setup (write_file, bash) for an environment that has no shell of its own."""

    kind = "setup"
    action_types = (WriteFileAction, BashAction, FinishAction)

    def __init__(self, workspace: str, *, network: str = "none", allow_hosts: Sequence[str] = (),
                 limits: Limits | None = None, bwrap: str = "bwrap") -> None:
        self.workspace = os.path.realpath(workspace)
        self.network = network
        self.allow_hosts = tuple(allow_hosts)
        self.limits = limits
        self.bwrap = bwrap
        self.files = FileTools(self.workspace)

    def guard_facts(self) -> GuardFacts:
        """A setup command starts in the workspace, in a sandbox with this network (``run_sandboxed``)."""
        return GuardFacts(cwd=self.workspace, network=self.network)

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        if isinstance(action, WriteFileAction):
            return self.files.write(action)
        result = self._sandboxed(action)
        return Observation(output=result.output, exit_code=result.exit_code, error=result.exit_code != 0)

    def run(self, approved: Approved[Any]) -> CommandResult:
        """Run an approved command and return all of its result (a check must know that it timed out)."""
        action, done = admit(self, approved)
        if done is not None or not isinstance(action, BashAction):
            raise TypeError(f"SetupEnvironment.run runs bash actions, not {action.kind!r}; use execute")
        return self._sandboxed(action)

    def _sandboxed(self, action: BashAction) -> CommandResult:
        from macrohard.envs.oneshot import run_sandboxed

        return run_sandboxed(action.command, self.workspace, network=self.network, allow_hosts=self.allow_hosts,
                             limits=self.limits, timeout=action.timeout, bwrap=self.bwrap)
