"""Where a browser or desktop task's setup runs: its files and commands, each only with an approval.

A shell environment runs a task's setup itself. Browser and desktop cannot (Chromium and Xvfb
have no shell), so ``SetupEnvironment`` stands in for them during setup: the runner authorizes
each setup step with ``env=`` this object, and ``execute`` verifies the approval (``admit``)
before it acts, like every environment. A file is written jailed to the workspace (never through
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
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import BashAction, FinishAction, Observation, WriteFileAction


class SetupEnvironment:
    """Task setup (write_file, bash) for an environment that has no shell of its own."""

    kind = "setup"
    action_types = (WriteFileAction, BashAction, FinishAction)

    def __init__(self, workspace: str, *, network: str = "none", allow_hosts: Sequence[str] = (),
                 bwrap: str = "bwrap") -> None:
        self.workspace = os.path.realpath(workspace)
        self.network = network
        self.allow_hosts = tuple(allow_hosts)
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
        from macrohard.envs.oneshot import run_sandboxed

        result = run_sandboxed(action.command, self.workspace, network=self.network, allow_hosts=self.allow_hosts,
                               timeout=action.timeout, bwrap=self.bwrap)
        return Observation(output=result.output, exit_code=result.exit_code, error=result.exit_code != 0)
