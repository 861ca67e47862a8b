"""The seal: approvals are made only by Guard.authorize, single-use, short-lived, bound to run and environment."""

from __future__ import annotations

import dataclasses
import time

import pytest

from macrohard.envs.workspace import WorkspaceEnvironment
from macrohard.errors import NotApproved
from macrohard.safety import approval
from macrohard.safety.approval import Approved, new_seal
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard, verify
from macrohard.types import BashAction, Decision, Verdict

ALLOW = Verdict(decision=Decision.allow, check="test")


@pytest.fixture
def env(workspace):
    return WorkspaceEnvironment(str(workspace))  # never started: only the approvals are under test


def _authorized(env, command="ls", run_id="r1"):
    auth = Guard().authorize(BashAction(command=command), GuardContext(workspace=env.workspace, run_id=run_id), env=env)
    assert auth.approved is not None, auth.verdict
    return auth.approved


def test_authorize_verify_once(env):
    approved = _authorized(env)
    assert verify(approved, env).command == "ls"
    with pytest.raises(NotApproved, match="already used"):
        verify(approved, env)


def test_verify_returns_the_reviewed_action_not_the_ticket(env):
    approved = _authorized(env)
    assert verify(approved, env) is not approved.action  # the guard's own copy


def test_swapped_action_fails(env):
    forged = dataclasses.replace(_authorized(env), action=BashAction(command="rm -rf ~"))
    with pytest.raises(NotApproved, match="changed"):
        verify(forged, env)


def test_expired_is_refused(env):
    approved = _authorized(env)
    time.sleep(0.01)
    with pytest.raises(NotApproved, match="expired"):
        verify(approved, env, ttl=0.001)


def test_a_longer_ttl_cannot_stretch_the_limit(env, monkeypatch):
    approved = _authorized(env)
    later = time.time() + approval.TTL_S + 1
    monkeypatch.setattr(approval.time, "time", lambda: later)
    with pytest.raises(NotApproved, match="expired"):
        verify(approved, env, ttl=float("inf"))


def test_another_seal_cannot_mint_for_the_guard(env):
    mint, own_verify = new_seal()  # anyone can make a seal; its approvals mean nothing to the guard's verify
    approved = mint(BashAction(command="touch x"), ALLOW, "r1", env)
    with pytest.raises(NotApproved, match="never made"):
        verify(approved, env)
    assert own_verify(approved, env).command == "touch x"  # (the pair itself works)


def test_no_public_minting_function():
    assert not hasattr(approval, "issue")
    import macrohard.safety.guard as guard_module

    assert not hasattr(Guard, "approve")
    for module in (approval, guard_module):
        for name in vars(module):
            assert name not in ("mint", "_mint", "_KEY", "KEY", "_key"), f"{module.__name__}.{name} is reachable"


def test_hand_made_ticket_is_refused(env):
    with pytest.raises(NotApproved):
        verify(Approved(action=BashAction(command="ls"), verdict=ALLOW, run_id="r1", nonce="0" * 32), env)
