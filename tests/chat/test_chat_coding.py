"""A coding delegation from a conversation with a source repository is a gated coding run: the baseline before,
the coding division on the repository's overlay, the gate after; the chat model is told the gate's verdict, and
the change reaches the repository only through `runs apply` (refused when the gate failed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.chat.test_cli_chat import mh, script
from tests.coding.conftest import CALC, TESTS, git, make_repo

from macrohard.chat import Conversation, DelegationFinished
from macrohard.chat.divisions import DivisionDelegator
from macrohard.coding.apply import GateRefused, apply_coding
from macrohard.safety.audit import AuditLog
from macrohard.safety.guard import Guard
from macrohard.store.conversations import ConversationStore
from macrohard.testing import FakeOpenAIServer, ScriptedModel
from macrohard.types import ModelReply, ToolCall

FIX = {"kind": "edit_file", "path": "calc.py", "old": "return a - b", "new": "return a + b"}
BREAK = {"kind": "edit_file", "path": "calc.py", "old": "return a * b", "new": "return a ** b"}


def delegate(task: str) -> ModelReply:
    return ModelReply(tool_calls=[ToolCall(name="delegate", arguments=json.dumps({"division": "coding", "task": task}))])


def chat_turn(store, repo: Path, worker_script: list[dict]):
    guard = Guard()
    worker = ScriptedModel(worker_script)
    delegator = DivisionDelegator(store=store, guard=guard, models=lambda _d, _t: worker, source=str(repo))
    chat_model = ScriptedModel([delegate("fix add"), "Done."])
    conv = Conversation.start(ConversationStore(store), chat_model, guard=guard, delegator=delegator)
    events = list(conv.send("please fix add in my repository"))
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    return conv, chat_model, worker, store.get_run(finished.run_id)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})


def test_a_coding_delegation_with_a_source_is_gated_and_applied_as_a_commit(store, repo: Path) -> None:
    conv, chat_model, worker, run = chat_turn(store, repo, [FIX, {"kind": "finish", "answer": "Fix add"}])
    assert run.meta["division"] == "coding" and run.meta["conversation_id"] == conv.id
    assert run.meta["coding"]["repo"] == str(repo) and run.meta["gate"]["status"] == "passed"
    assert run.meta["gate"]["newly_passing"] == ["test_calc::test_add"]
    assert "Its tests run with `" in worker.seen[0][1]["content"]  # the coding briefing, baseline counts in it
    assert "test gate passed" in chat_model.seen[1][-1]["content"]  # the chat model is told the verdict
    assert "return a - b" in (repo / "calc.py").read_text()  # nothing written until applied
    log = AuditLog(store.path)
    assert "gate" in [r.kind for r in log.records(run.id)]
    assert [r.action["child_id"] for r in log.records(conv.id) if r.kind == "delegation"] == [run.id]
    applied = apply_coding(run, store)
    assert "return a + b" in git(repo, "show", f"macrohard/{run.id}:calc.py")
    assert applied["branch"] == f"macrohard/{run.id}" and git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"


def test_a_coding_delegation_that_breaks_a_test_is_refused(store, repo: Path) -> None:
    _, chat_model, _, run = chat_turn(store, repo, [FIX, BREAK, {"kind": "finish", "answer": "done"}])
    assert run.meta["gate"]["status"] == "failed" and run.meta["gate"]["newly_failing"] == ["test_calc::test_mul"]
    assert run.false_success and "test gate failed" in chat_model.seen[1][-1]["content"]
    with pytest.raises(GateRefused, match="newly failing: test_calc::test_mul"):
        apply_coding(run, store)
    assert git(repo, "branch", "--list", "macrohard/*") == ""


def test_macrohard_chat_source_gates_the_coding_division(_home, tmp_path: Path, repo: Path) -> None:
    replies = [{"text": "", "tool_calls": [{"name": "delegate", "arguments": {"division": "coding", "task": "fix add"}}]},
               {"text": "The coding division fixed add; the tests pass."}]
    worker = script(tmp_path, [FIX, {"kind": "finish", "answer": "Fix add"}])
    with FakeOpenAIServer(replies) as server:
        res = mh("chat", "--model", server.url, "--run-model", worker, "--source", str(repo), home=_home,
                 stdin="fix add please\n")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "test gate: passed" in res.stdout and "apply it: macrohard runs apply" in res.stdout
    assert "git repository " + str(repo) in server.requests[0]["messages"][0]["content"]


def test_macrohard_chat_source_must_be_a_clean_repository(_home, tmp_path: Path, repo: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    res = mh("chat", "--model", "scripted:/nonexistent", "--source", str(plain), home=_home)
    assert res.returncode != 0 and "is not a git repository" in res.stderr + res.stdout and "git init" in res.stderr + res.stdout
    (repo / "calc.py").write_text("dirty\n")
    res = mh("chat", "--model", "scripted:/nonexistent", "--source", str(repo), home=_home)
    assert res.returncode != 0 and "uncommitted changes" in res.stderr + res.stdout
