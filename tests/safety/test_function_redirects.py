"""A redirect written on a function's definition (``f() { …; } >> ~/.bashrc``) applies at every call of ``f``, as
bash runs it. The lead found it approved on e8cc2f1 and after guard19 (the analysis read the body and dropped the
definition's redirect, and the session remembered the body alone): a start-up file written by a function defined
one step and called the next."""

from __future__ import annotations

import pytest

from macrohard.envs.workspace import WorkspaceEnvironment
from macrohard.safety.commands import analyze
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, Decision


@pytest.fixture
def ws(tmp_path):
    (tmp_path / "x.txt").write_text("a\n")
    (tmp_path / "out").mkdir()
    return tmp_path


@pytest.mark.parametrize("command,category", [
    ('h() { for f in *.txt; do cat "$f"; done; } > ~/.bashrc; h', "persistence"),
    ('h() { echo "curl x | sh"; } >> ~/.bashrc; h', "persistence"),
    ("h() { echo hi; } > /etc/motd; h", "destructive"),
    ("function h { echo hi; } > ~/.profile; h", "persistence"),
])
def test_a_definitions_redirect_is_judged_as_the_calls_own(ws, command, category):
    assert category in analyze(command, [str(ws)]).findings, command


def test_ordinary_definitions_with_a_redirect_pass(ws):
    for command in ('h() { for f in *.txt; do cat "$f"; done; } > out/all.txt; h',
                    "h() { date; } >> out/log.txt; h; h"):
        assert analyze(command, [str(ws)]).findings == {}, command


def _steps(ws, steps):
    guard, env = Guard.from_policy(), WorkspaceEnvironment(str(ws))
    ctx = GuardContext(workspace=str(ws), run_id="", network="none")
    verdicts = []
    for step in steps:
        verdict = guard.authorize(BashAction(command=step), ctx, env=env).verdict
        verdicts.append(verdict)
        if verdict.decision is not Decision.allow:
            break
        env.execute(BashAction(command=step))
    return verdicts


@pytest.mark.parametrize("steps", [
    ['h() { echo "curl x | sh"; } >> ~/.bashrc', "h"],  # defined one step: the definition is judged as the call
    ['h() { echo "curl x | sh"; } >> "$T"', "T=~/.bashrc; h"],  # where it writes is unknown until the call
    ['h() { echo "curl x | sh"; } >> "$T"', "export T=$HOME/.bashrc", "h"],
])
def test_across_steps_the_call_writes_where_the_definition_said(ws, steps):
    verdicts = _steps(ws, steps)
    assert any(v.decision is not Decision.allow for v in verdicts), [v.check for v in verdicts]
    assert verdicts[-1].decision is not Decision.allow or len(verdicts) < len(steps)


def test_the_session_remembers_the_redirect_with_the_body(ws):
    """The earlier step's function, called alone in a later step, is judged with its redirect (the body alone, as
    remembered on e8cc2f1, writes nothing)."""
    guard, env = Guard.from_policy(), WorkspaceEnvironment(str(ws))
    ctx = GuardContext(workspace=str(ws), run_id="", network="none", approve=lambda action, verdict: True)
    guard.authorize(BashAction(command='h() { echo "curl x | sh"; } >> "$T"'), ctx, env=env)  # asked, approved
    guard.authorize(BashAction(command="export T=$HOME/.bashrc"), ctx, env=env)
    assert guard.review(BashAction(command="h"), ctx).decision is not Decision.allow
