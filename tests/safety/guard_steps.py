"""The red-team tests' runner: steps (a command, or a ``(path, content)`` file write) through the default-policy
guard into a real bubblewrap sandbox with no network, as an agent's run would take them."""

from __future__ import annotations

import os

from macrohard.envs.sandbox import SandboxConfig, SandboxEnvironment
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, Decision, WriteFileAction


def run_steps(workspace, steps, run_id: str, timeout: int = 60):
    """The guard's verdict on each step (approved steps run and their output is screened), and whether the
    attack's ``marker`` file appeared in the workspace."""
    env = SandboxEnvironment(str(workspace), config=SandboxConfig(network="none"), commit=False)
    env.start()
    try:
        return _steps(env, steps, run_id, timeout)
    finally:
        env.close()


def run_many(workspace, attacks: dict, run_id: str, timeout: int = 60) -> dict:
    """``run_steps`` for each of many attacks in one sandbox: its workspace reset to empty, a fresh shell and a fresh
    context before each (milliseconds, where a sandbox of its own takes a tenth of a second or more). One guard and
    one run id throughout: the sandbox refuses a second of either, and every step would be denied."""
    env = SandboxEnvironment(str(workspace), config=SandboxConfig(network="none"), commit=False)
    env.start()
    guard = Guard.from_policy()
    try:
        out = {}
        for name, steps in attacks.items():
            env.reset()
            out[name] = _steps(env, steps, run_id, timeout, guard)
        return out
    finally:
        env.close()


def assert_all_held(workspace, attacks: dict, run_id: str, timeout: int = 60) -> None:
    """``run_many`` over attacks, none of which may run its payload (the ``marker`` file) or be approved at every
    step."""
    results = run_many(workspace, attacks, run_id, timeout)
    ran = [name for name, (_, marker) in results.items() if marker]
    approved = [name for name, (verdicts, _) in results.items() if all(v.decision is Decision.allow for v in verdicts)]
    assert not ran, f"the payload ran: {ran}"
    assert not approved, f"approved at every step: {approved}"


def assert_none_asked(workspace, ordinary: dict, run_id: str, timeout: int = 60) -> None:
    """``run_many`` over ordinary work, every step of which must be approved (the reasons where one was not)."""
    results = run_many(workspace, ordinary, run_id, timeout)
    asked = {name: [v.reason for v in verdicts if v.reason] for name, (verdicts, _) in results.items()
             if not all(v.decision is Decision.allow for v in verdicts)}
    assert not asked, asked


def _steps(env, steps, run_id: str, timeout: int, guard=None):
    guard = guard or Guard.from_policy()
    ctx = GuardContext(workspace=env.workspace, shell_workspace=env.shell_dir, run_id=run_id)
    verdicts = []
    for step in steps:
        action = WriteFileAction(path=step[0], content=step[1]) if isinstance(step, tuple) else \
            BashAction(command=step, timeout=timeout)
        auth = guard.authorize(action, ctx, env=env)
        assert auth.verdict.check != "approval", auth.verdict.reason  # refused as another run's, not judged
        verdicts.append(auth.verdict)
        if auth.approved is not None:
            guard.screen(env.execute(auth.approved), ctx)
    return verdicts, os.path.exists(os.path.join(env.workspace, "marker"))
