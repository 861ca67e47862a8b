"""Approvals are signed, single-use and short-lived."""

from __future__ import annotations

import dataclasses
import time

import pytest

from macrohard.errors import NotApproved
from macrohard.safety.approval import issue, verify
from macrohard.types import BashAction, Decision, Verdict

ALLOW = Verdict(decision=Decision.allow, check="test")


def test_issue_verify_once():
    approved = issue(BashAction(command="ls"), ALLOW)
    assert verify(approved).command == "ls"
    with pytest.raises(NotApproved, match="already used"):
        verify(approved)


def test_swapped_action_fails():
    approved = issue(BashAction(command="ls"), ALLOW)
    forged = dataclasses.replace(approved, action=BashAction(command="rm -rf ~"))
    with pytest.raises(NotApproved, match="signature"):
        verify(forged)


def test_deny_cannot_be_issued_and_expired_is_refused():
    with pytest.raises(NotApproved):
        issue(BashAction(command="ls"), Verdict(decision=Decision.deny))
    approved = issue(BashAction(command="ls"), ALLOW)
    time.sleep(0.01)
    with pytest.raises(NotApproved, match="expired"):
        verify(approved, ttl=0.001)
