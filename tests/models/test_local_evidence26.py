"""judge26: after an answer that says only "done", the fresh judge sees the run's own steps as its log holds them
(``local_evidence.account``), written by the harness, never by the model (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest

from macrohard.models.local_evidence import account, bare, judge_chat

EVIDENCE = "== files here:\nlatest\n== latest/ (directory):\naralar.txt"


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


@pytest.mark.parametrize("answer", ["done", "Done.", "", "  ", "OK", "Task completed.", "The task is done.",
                                    "All done!", "completed successfully", "finished", "Done, done.", "success", "true"])
def test_an_answer_that_says_only_done_is_bare(answer: str) -> None:
    assert bare(answer)


@pytest.mark.parametrize("answer", ["done: latest/aralar.txt", "Copied aralar.txt into latest/", "3",
                                    "not done", "I could not find cheeses/", "done, 42 lines", "ok, renamed it"])
def test_an_answer_that_says_more_is_not_bare(answer: str) -> None:
    assert not bare(answer)


def test_the_account_numbers_each_step_with_whether_it_worked_and_what_it_printed() -> None:
    steps = [(_bash("ls -t cheeses | head -1"), "aralar.txt", True),
             ({"kind": "write_file", "path": "notes.txt", "content": "a\nb\n"}, "wrote notes.txt", True),
             ({"kind": "edit_file", "path": "cfg.ini", "old": "port=1", "new": "port=2"}, "edited", True),
             (_bash("cp cheeses/aralar.txt latest/"), "cp: cannot create regular file\n[exit code 1]", False)]
    text = account(steps)
    assert text.splitlines()[0] == "1. ran: ls -t cheeses | head -1  [worked]"
    assert "   printed: aralar.txt" in text
    assert "2. wrote the file notes.txt (2 lines)" in text and "wrote notes.txt" not in text.split("(2 lines)")[1]
    assert "3. edited the file cfg.ini: replaced 'port=1' with 'port=2'" in text
    assert "4. ran: cp cheeses/aralar.txt latest/  [failed]" in text and "cannot create" in text


def test_no_steps_says_so_and_long_runs_show_their_last_steps() -> None:
    assert account([]) == "(the agent ran no command and wrote no file)"
    steps = [(_bash(f"echo {n} > f{n}"), "", True) for n in range(1, 10)]
    text = account(steps)
    assert text.startswith("(3 earlier steps not shown)") and "4. ran: echo 4 > f4" in text
    assert "9. ran: echo 9 > f9  [worked]" in text and "echo 3 " not in text and "printed" not in text


def test_a_long_output_is_cut_and_the_last_step_keeps_more() -> None:
    long = "x" * 1000
    text = account([(_bash("cat big"), long, True), (_bash("cat big"), long, True)])
    first, last = text.split("\n2. ")
    assert len(first) < 300 < len(last) < 600 and "...(cut)..." in first


def test_the_judge_sees_the_steps_after_a_bare_answer_in_place_of_the_last_command() -> None:
    steps = [(_bash("mkdir -p latest && cp cheeses/zegama-old.txt latest/"), "", True)]
    user = judge_chat("Copy the newest file in cheeses/ into latest/", "done", EVIDENCE, (steps[0][0], ""),
                      steps=steps)[1]["content"]
    assert "The agent's steps, from the run's log:\n1. ran: mkdir -p latest && cp cheeses/zegama-old.txt latest/" in user
    assert "The agent's last command" not in user and user.index("steps, from") < user.index("Evidence gathered")
    said = judge_chat("Copy the newest file in cheeses/ into latest/", "copied aralar.txt", EVIDENCE,
                      (steps[0][0], ""), steps=steps)[1]["content"]
    assert "The agent's last command: mkdir -p latest" in said and "from the run's log" not in said
    before = judge_chat("Copy the newest file in cheeses/ into latest/", "done", EVIDENCE, (steps[0][0], ""))
    assert "The agent's last command: mkdir" in before[1]["content"]  # no steps given: as before judge26
    page = judge_chat("Open the page", "done", "URL: http://x", None, steps=steps, page=True)[1]["content"]
    assert "from the run's log" not in page


def test_an_untouched_workspace_claimed_done_says_nothing_was_run() -> None:
    user = judge_chat("Copy the newest file in cheeses/ into latest/", "done", EVIDENCE, None, steps=[])[1]["content"]
    assert "(the agent ran no command and wrote no file)" in user


def test_the_loop_shows_the_steps_only_when_switched_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """``ACCOUNT`` is off (the paired replay gave no more signal); on, the judge's question after the bare "done" of the
    scripted claim holds the run's steps, and the verdict is still the margin's."""
    import json

    from macrohard.agent import tool_schemas
    from macrohard.models import local_evidence
    from macrohard.models.local import LocalModel
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    from .chat_history import tool_messages

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")  # SmolLM2 scripted as in test_local_evidence.py
    model = LocalModel.from_name("smollm2")
    finish = {"kind": "finish", "answer": "done", "success": True}
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (finish, json.dumps(finish), Usage()))
    monkeypatch.setattr(model, "_judge", lambda *a: ("yes", Usage()))
    monkeypatch.setattr(model, "_aside", lambda *a: ("yes", Usage()))
    asked: list[list[dict[str, str]]] = []
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (asked.append(chat), (3.0, Usage()))[1])
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    for on in (False, True):
        monkeypatch.setattr(local_evidence, "ACCOUNT", on)
        task = f"Write hi to hello.txt ({on})"
        done = [({"kind": "write_file", "path": "hello.txt", "content": "hi"}, "created"),
                (_bash("cat hello.txt"), "hi")]
        call = model.complete(tool_messages(task, done), tools).tool_calls[0]
        done.append(({"kind": call.name, **json.loads(call.arguments)}, "== files here:\nhello.txt\n== hello.txt:\nhi"))
        call = model.complete(tool_messages(task, done), tools).tool_calls[0]
        assert call.name == "finish" and json.loads(call.arguments)["success"] is True
        user = asked[-1][1]["content"]
        assert ("1. wrote the file hello.txt (1 line)\n2. ran: cat hello.txt  [worked]" in user) is on
        assert ("The agent's last command: cat hello.txt" in user) is not on
