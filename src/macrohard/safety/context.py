"""What the guard knows about the step it is reviewing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety.terminal import TerminalLine
from macrohard.types import Budget, Usage, Verdict

# Called when a verdict is "ask": gets the action and the verdict, returns True to approve.
ApprovalCallback = Callable[[Any, Verdict], bool]


@dataclass
class GuardContext:
    """The run around an action: where it runs, what it has spent, who can approve."""

    workspace: str
    shell_workspace: str | None = None  # the workspace's path as the shell sees it (inside a sandbox)
    cwd: str | None = None  # the shell's directory after the last command (set by Guard.screen from the observation)
    run_id: str = ""
    step: int = 0
    task_text: str = ""
    environment: str = "shell"
    network: str = "full"  # the network mode the environment enforces; unknown is "full" (it limits nothing)
    budget: Budget = field(default_factory=Budget)
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    elapsed_s: float = 0.0
    approve: ApprovalCallback | None = None
    # Addresses (host:port) named only by observations flagged as prompt injection (set by the screen).
    injected_addresses: set[str] = field(default_factory=set)
    # git remotes that commands of this run added or re-pointed: a later `git push NAME` sends the code there.
    git_remotes: set[str] = field(default_factory=set)
    terminal: TerminalLine = field(default_factory=TerminalLine)  # desktop input since the last submit (guard-fed)
