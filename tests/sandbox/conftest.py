"""Helpers for the sandbox tests: real bubblewrap, real cgroups, real overlayfs; nothing mocked.

``run`` has the sandbox's actions approved by a guard with no checks (``Guard(checks=[])``): these
tests ask what the sandbox holds even when the guard has been fooled, so they let everything through
on purpose — through ``authorize``, the one way to an approval.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from macrohard.envs.limits import Limits
from macrohard.envs.sandbox import SandboxConfig, SandboxEnvironment
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, Observation

FOOLED = Guard(checks=[])  # a guard that allows everything: what the sandbox must hold against


def run(env: Any, action: Any) -> Observation:
    """Execute ``action`` (a bash command string or an action model) in ``env``."""
    if isinstance(action, str):
        action = BashAction(command=action, timeout=30)
    return env.execute(FOOLED.authorize(action, GuardContext(workspace=env.workspace), env=env).approved)


def host_healthy() -> None:
    """The host still forks, and answers on its own filesystem."""
    assert subprocess.run(["true"], timeout=10).returncode == 0
    assert os.path.isdir("/etc")


@pytest.fixture
def make_sandbox(tmp_path: Path) -> Iterator[Any]:
    made: list[SandboxEnvironment] = []

    def factory(*, source: str | None = None, workspace: str | None = None, **config: Any) -> SandboxEnvironment:
        limits = config.pop("limits", {})
        cfg = SandboxConfig(limits=Limits(**limits), **config)
        ws = workspace or (None if source else str(tmp_path / f"ws{len(made)}"))
        if ws:
            os.makedirs(ws, exist_ok=True)
        env = SandboxEnvironment(ws, source=source, state_dir=str(tmp_path / f"state{len(made)}"), config=cfg)
        made.append(env)
        env.start()
        return env

    yield factory
    for env in made:
        env.close()
