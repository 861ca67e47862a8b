"""An environment runs only what the guard approved: the real WorkspaceEnvironment refuses everything else."""

from __future__ import annotations

import dataclasses

import pytest

from macrohard.envs.workspace import WorkspaceEnvironment
from macrohard.errors import NotApproved
from macrohard.safety.approval import Approved
from macrohard.types import BashAction, Decision, Verdict


@pytest.fixture
def env(workspace):
    e = WorkspaceEnvironment(str(workspace))
    e.start()
    yield e
    e.close()


def test_plain_action_is_refused(env, workspace):
    with pytest.raises(NotApproved):
        env.execute(BashAction(command="touch plain"))  # type: ignore[arg-type]
    assert not (workspace / "plain").exists()


def test_hand_made_approval_is_refused(env, workspace, guard, ctx):
    forged = Approved(action=BashAction(command="touch forged"), verdict=Verdict(decision=Decision.allow),
                      nonce="00" * 12, signature="0" * 64)
    with pytest.raises(NotApproved, match="signature"):
        env.execute(forged)
    assert not (workspace / "forged").exists()


def test_swapped_action_is_refused(env, workspace, guard, ctx):
    action = BashAction(command="touch fine")
    approved = guard.approve(action, guard.review(action, ctx), ctx)
    swapped = dataclasses.replace(approved, action=BashAction(command="touch swapped"))
    with pytest.raises(NotApproved):
        env.execute(swapped)
    assert not (workspace / "swapped").exists()
    # the real approval still works, once
    assert env.execute(approved).exit_code == 0 and (workspace / "fine").exists()


def test_replayed_approval_is_refused(env, workspace, guard, ctx):
    action = BashAction(command="echo x >> count.txt")
    approved = guard.approve(action, guard.review(action, ctx), ctx)
    env.execute(approved)
    with pytest.raises(NotApproved, match="already used"):
        env.execute(approved)
    assert (workspace / "count.txt").read_text() == "x\n"


def test_denied_verdict_cannot_become_an_approval(env, workspace, guard, ctx):
    action = BashAction(command="rm -rf /")
    verdict = guard.review(action, ctx)
    assert verdict.decision is Decision.deny
    with pytest.raises(NotApproved):
        guard.approve(action, verdict, ctx)
    upgraded = verdict.model_copy(update={"decision": Decision.allow})
    forged = Approved(action=action, verdict=upgraded, nonce="11" * 12, signature="f" * 64)
    with pytest.raises(NotApproved):
        env.execute(forged)
