"""The fresh judge (``models/local_evidence.py``, issue 18): a claimed success is held until the harness's own
read-only evidence action has run (through the guard like every action), then judged in a fresh chat that
holds only the task, the answer and that evidence; "no" or missing evidence ends the run ``gave_up``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.models import local_evidence
from macrohard.models.local import LocalModel
from macrohard.models.local_evidence import (
    JUDGED_NO,
    NO_EVIDENCE,
    evidence_action,
    evidence_command,
    judge_chat,
    missing,
    written_paths,
)
from macrohard.models.local_history import Past

from .chat_history import tool_messages

FINISH = {"kind": "finish", "answer": "done", "success": True}


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


def test_the_evidence_names_the_task_s_files_what_the_run_wrote_and_git_state() -> None:
    history = [Past(_bash("sort names.txt > sorted.txt && mv a.txt old/a.txt"), "", True),
               Past({"kind": "write_file", "path": "out/report.md", "content": "x"}, "", True),
               Past(_bash("echo x > /dev/null; cp ../secret here.txt"), "", True)]
    assert written_paths(history) == ["sorted.txt", "old/a.txt", "out/report.md", "here.txt"]
    command = evidence_command("Sort names.txt into sorted.txt", history)
    assert "ls -A" in command and "'names.txt'" not in command and "names.txt sorted.txt" in command
    assert "git status" not in command
    git = evidence_command("Commit notes.md with the message add notes", [])
    assert "git status --short --branch" in git and "git log --oneline -3" in git
    assert evidence_action("Open the page", [], {"browser_goto", "finish"}) == {"kind": "browser_read"}


def test_the_judge_sees_the_task_answer_and_evidence_but_not_the_acting_chat() -> None:
    chat = judge_chat("Rename a.txt to b.txt", "renamed", "== files here:\nb.txt", (_bash("mv a.txt b.txt"), ""))
    assert chat[0]["content"] == local_evidence.JUDGE_SYSTEM and len(chat) == 2
    user = chat[1]["content"]
    assert "Task: Rename a.txt to b.txt" in user and "renamed" in user and "b.txt" in user
    assert user.endswith(local_evidence.QUESTION)


@pytest.mark.parametrize(("result", "ok", "why"), [
    ("Denied by the guard (policy): no ls here", False, "Denied by the guard"),
    ("Not approved by the user: no. Choose another way.", False, "Not approved"),
    ("", True, "printed nothing"),
    ("== files here:\nb.txt", True, ""),
])
def test_missing_evidence_is_named(result: str, ok: bool, why: str) -> None:
    assert (why in missing(result, ok)) if why else missing(result, ok) == ""


@pytest.fixture()
def scripted(monkeypatch: pytest.MonkeyPatch) -> Any:
    """SmolLM2 with the loop aids, whose own actions are scripted: its claim is always a success."""
    from macrohard.types import Usage

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (FINISH, json.dumps(FINISH), Usage()))
    monkeypatch.setattr(model, "_judge", lambda *a: ("yes", Usage()))
    monkeypatch.setattr(model, "_aside", lambda *a: ("yes", Usage()))  # the acting chat's own yes/no
    return model


@pytest.mark.parametrize(("margin", "success"), [(3.0, True), (-3.0, False)])
def test_a_claim_stands_only_on_the_fresh_judge_s_yes(scripted: Any, monkeypatch: pytest.MonkeyPatch,
                                                     margin: float, success: bool) -> None:
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    asked: list[list[dict[str, str]]] = []
    monkeypatch.setattr(scripted, "_yes_margin", lambda chat: (asked.append(chat), (margin, Usage()))[1])
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Write hi to hello.txt"
    done = [({"kind": "write_file", "path": "hello.txt", "content": "hi"}, "created"), (_bash("cat hello.txt"), "hi")]
    call = scripted.complete(tool_messages(task, done), tools).tool_calls[0]
    look = {"kind": call.name, **json.loads(call.arguments)}
    assert look["kind"] == "bash" and "hello.txt" in look["command"] and asked == []  # evidence first, not the claim
    done.append((look, "== files here:\nhello.txt\n== hello.txt:\nhi"))
    call = scripted.complete(tool_messages(task, done), tools).tool_calls[0]
    args = json.loads(call.arguments)
    assert call.name == "finish" and args["success"] is success
    assert len(asked) == 1 and "cat hello.txt" not in json.dumps(asked[0][0])  # a fresh chat: not the run's prompt
    if not success:
        assert args["answer"].startswith(JUDGED_NO)


def test_denied_evidence_ends_the_claim_without_asking(scripted: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, WriteFileAction

    monkeypatch.setattr(scripted, "_yes_margin", lambda chat: pytest.fail("judged without evidence"))
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Write hi to hello.txt"
    done = [({"kind": "write_file", "path": "hello.txt", "content": "hi"}, "created"), (_bash("cat hello.txt"), "hi")]
    call = scripted.complete(tool_messages(task, done), tools).tool_calls[0]
    done.append(({"kind": "bash", **json.loads(call.arguments)}, "Denied by the guard (policy): no listing"))
    call = scripted.complete(tool_messages(task, done), tools).tool_calls[0]
    args = json.loads(call.arguments)
    assert call.name == "finish" and args["success"] is False and args["answer"].startswith(NO_EVIDENCE.split("(")[0])


@pytest.mark.model
def test_the_evidence_goes_through_the_guard_and_a_denied_one_is_not_run(scripted: Any, tmp_path: Any) -> None:
    """A real sandboxed run: the model writes hello.txt and claims success; the harness's evidence command
    is put to the guard like any action. A policy that denies it (here: any ``ls``) means it never runs and
    the run ends gave_up with the reason, never succeeded."""
    from macrohard.runner import run_task
    from macrohard.safety.guard import Guard
    from macrohard.safety.policy import Rule, load_policy
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Task, Usage

    write = {"kind": "write_file", "path": "hello.txt", "content": "hi\n"}
    plays = iter([write, _bash("cat hello.txt"), FINISH])
    scripted._act = lambda chat, kinds, grammar, **_: (a := next(plays, FINISH), json.dumps(a), Usage())
    policy = load_policy()
    deny = Rule(id="no-listing", decision="deny", reason="no listing in this test", kinds=["bash"], programs=["ls"])
    guard = Guard.from_policy(policy.model_copy(update={"rules": [deny, *policy.rules]}))
    store = SQLiteStore(tmp_path / "runs.db")
    run = run_task(Task(text="Write hi to hello.txt", budget={"max_steps": 8}), model=scripted, guard=guard, store=store)
    steps = store.steps(run.id)
    looks = [s for s in steps if getattr(s.action, "kind", "") == "bash" and "ls -A" in s.action.command]
    assert len(looks) == 1 and not looks[0].verdict.allowed and looks[0].env_ms == 0.0
    assert looks[0].observation.output.startswith("Denied")
    assert run.status.value == "gave_up" and run.answer.startswith(NO_EVIDENCE.split("(")[0]), (run.status, run.answer)


def test_the_loop_aids_tell_the_model_when_to_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    assert local_evidence.GIVE_UP_NOTE in LocalModel.from_name("smollm2")._chat(["bash", "finish"], "t", [])[0]["content"]
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper")
    assert local_evidence.GIVE_UP_NOTE not in LocalModel.from_name("smollm2")._chat(["bash", "finish"], "t", [])[0]["content"]
