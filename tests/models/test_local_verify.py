"""The embedded loop's ``verify`` and ``notes`` aids (issue 18): no finish straight after a change
(the model's own read-back comes first), a success after a read-back only on the model's own "yes",
empty results shown as a success. The logic with scripted replies, then once through real llama.cpp."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from macrohard.models import local_notes
from macrohard.models.local import AIDS, SPECS, LocalModel
from macrohard.models.local_verify import (
    MAX_FIXES,
    NEXT_NOTE,
    NOT_DONE,
    QUESTION,
    ReadBacks,
    changed_last,
    is_readback,
    judge_chat,
    review_finish,
)

from .chat_history import tool_messages

FINISH = {"kind": "finish", "answer": "done", "success": True}
CHAT = [{"role": "system", "content": "s"}, {"role": "user", "content": "Task: t"}]


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


@pytest.mark.parametrize(("command", "reads"), [
    ("cat out.txt", True), ("ls -la", True), ("head -n 2 a.txt | wc -l", True), ("git status", True),
    ("grep -c x a.log 2>/dev/null", True), ("cat a.txt && ls", True), ("tar tzf b.tar.gz", True),
    ("wc -l < a.txt > n.txt", False), ("sed -i 's/a/b/' f", False), ("git commit -m x", False),
    ("sort -o a.txt a.txt", False), ("echo hi", False), ("cat a > b", False), ("find . -delete", False),
    ("rm a.txt", False), ("cat 'unclosed", False), ("tar czf b.tar.gz site", False)])
def test_a_read_back_only_prints(command: str, reads: bool) -> None:
    assert is_readback(_bash(command)) is reads
    assert not is_readback({"kind": "write_file", "path": "a", "content": "b"})


@dataclass
class Did:
    action: dict[str, Any]
    ok: bool = True


def test_the_step_after_an_asked_read_back_is_the_finish() -> None:
    assert changed_last([Did(_bash("mv a b"))]) and not changed_last([Did(_bash("ls"))])
    assert not changed_last([Did(_bash("mv a b"), ok=False)]) and not changed_last([])
    books = ReadBacks()
    books.ask("t", 1, _bash("ls"))
    assert not books.due("other task", [Did(_bash("mv a b")), Did(_bash("ls"))])
    assert not books.due("t", [Did(_bash("mv a b")), Did(_bash("cat b"))])  # not the read-back asked for
    assert books.due("t", [Did(_bash("mv a b")), Did(_bash("ls"))])
    assert not books.due("t", [Did(_bash("mv a b")), Did(_bash("ls"))])  # once


def _scripted(*replies: str) -> tuple[Any, list[list[dict[str, str]]]]:
    asked: list[list[dict[str, str]]] = []
    queue = list(replies)

    def generate(chat: list[dict[str, str]], grammar: Any) -> tuple[str, int]:
        asked.append(chat)
        return queue.pop(0), 1
    return generate, asked


STEPS = [(_bash("wc -l data.txt > count.txt"), "(no output)"), (_bash("cat count.txt"), "3 data.txt")]


def test_a_claimed_success_is_put_to_the_model_with_the_evidence() -> None:
    generate, asked = _scripted("yes")
    new, usages = review_finish(FINISH, "Write the line count of data.txt to count.txt", STEPS, generate=generate, yes_no=None)
    assert new == FINISH and len(usages) == 1
    question = asked[0][-1]["content"]
    assert question.startswith("Task: Write the line count") and "$ wc -l data.txt > count.txt" in question
    assert "3 data.txt" in question and question.endswith(QUESTION)


def test_on_no_the_run_ends_as_the_model_s_own_give_up() -> None:
    generate, _ = _scripted("no")
    new, _ = review_finish(FINISH, "t", STEPS, generate=generate, yes_no=None)
    assert new["kind"] == "finish" and new["success"] is False and new["answer"].startswith(NOT_DONE)


def test_written_content_is_shown_and_long_results_are_cut() -> None:
    chat = judge_chat("t", [({"kind": "write_file", "path": "greet.sh", "content": "Hello"}, "wrote 5 bytes"),
                            (_bash("cat big"), "x" * 5000)])
    text = chat[-1]["content"]
    assert "wrote the file greet.sh with this content:\nHello" in text and "...(cut)..." in text and len(text) < 1500


def test_other_actions_and_give_ups_are_not_questioned() -> None:
    generate, asked = _scripted()
    for action in (_bash("ls"), {**FINISH, "success": False}):
        assert review_finish(action, "t", STEPS, generate=generate, yes_no=None) == (action, [])
    assert review_finish(FINISH, "t", [], generate=generate, yes_no=None) == (FINISH, [])
    assert asked == []


def test_a_give_up_right_after_a_silent_command_is_asked_again() -> None:
    @dataclass
    class Step:
        result: str
        ok: bool = True

    give_up = {**FINISH, "success": False}
    assert local_notes.gives_up_after_silence(give_up, [Step("(no output)")])
    assert not local_notes.gives_up_after_silence(give_up, [Step("3 data.txt")])  # it printed something
    assert not local_notes.gives_up_after_silence(give_up, [Step("(no output)", ok=False)])
    assert not local_notes.gives_up_after_silence(FINISH, [Step("(no output)")])
    assert not local_notes.gives_up_after_silence(give_up, [])
    assert "wc -w < FILE" in local_notes.system_prompt("base")
    write = {"kind": "write_file", "path": "junk.txt", "content": "no output"}
    assert local_notes.second_answer(give_up, write) == give_up  # it would write the shell's result into a file
    assert local_notes.second_answer(give_up, None) == give_up
    assert local_notes.second_answer(give_up, FINISH) == FINISH and local_notes.second_answer(give_up, _bash("ls")) == _bash("ls")


def test_smollm2_keeps_its_aids_and_qwen_gets_the_loop_aids() -> None:
    assert SPECS["smollm2"].aids == {"examples", "names", "wrapper", "bias"}
    assert {"notes", "verify"} <= AIDS
    assert SPECS["qwen-1.5b"].aids == {"wrapper", "verify"} == SPECS["qwen-0.5b"].aids


@pytest.mark.model
def test_real_model_reads_back_then_must_finish(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through real llama.cpp (SmolLM2): a finish right after ``mv`` becomes the model's own read-back (or,
    when what it writes under the bash-only grammar would change something, goes to the yes/no); at the
    step after the read-back its yes/no comes first: "yes" offers only finish, "no" a fix."""
    from macrohard.agent import parse_reply, tool_schemas
    from macrohard.models.local import Past
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    task = "Rename a.txt to b.txt"
    history = [Past(_bash("mv a.txt b.txt"), "(no output)", True)]
    chat = model._chat(["bash", "write_file", "finish"], task, history)
    action, usage = model._review(FINISH, task, history, chat, Usage())
    assert usage.completion_tokens > 0
    if action["kind"] == "bash":
        assert is_readback(action), action
        history.append(Past(action, "b.txt", True))
        tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
        messages = [{"role": "user", "content": f"Task: {task}"}]
        for i, past in enumerate(history):
            args = {k: v for k, v in past.action.items() if k != "kind"}
            messages += [{"role": "assistant", "content": "", "tool_calls": [{"id": f"c{i}", "type": "function",
                          "function": {"name": "bash", "arguments": json.dumps(args)}}]},
                         {"role": "tool", "tool_call_id": f"c{i}", "content": past.result}]
        action = parse_reply(model.complete(messages, tools))[0].model_dump()
        verdict = model._readbacks.verdict(task, history)
        assert verdict in ("yes", "no")  # its own yes/no on the read-back came first
        if verdict == "yes":
            assert action["kind"] == "finish", action  # then only finish is offered
        else:  # "no": a fix (never a repeat of what it did), or a finish whose success the "no" undoes
            assert action["kind"] != "finish" or action["success"] is False, action
            assert action not in [p.action for p in history], action
    else:
        assert action == FINISH or (action["success"] is False and action["answer"].startswith(NOT_DONE)), action


@pytest.mark.parametrize("fixes", [MAX_FIXES, 1])
def test_a_verdict_is_kept_for_its_steps_and_fixes_are_counted_per_run(monkeypatch: pytest.MonkeyPatch,
                                                                       fixes: int) -> None:
    from macrohard.models import local_verify

    monkeypatch.setattr(local_verify, "MAX_FIXES", fixes)
    books = ReadBacks()
    steps = [Did(_bash("mv a b")), Did(_bash("ls"))]
    books.judged("t", steps, "yes")
    assert books.verdict("t", steps) == "yes" and books.verdict("t", steps[:1]) is None
    assert books.verdict("t", [*steps, Did(_bash("mv b c"))]) is None  # something was done since
    books.judged("t", steps, "no")
    assert books.verdict("t", steps) == "no" and not books.settled("t")
    # once a fix is taken the "no" stands for the rest of the run, whatever is done after it (a next step
    # leaves it open: test_local_next.py)
    assert [books.may_fix("t") for _ in range(fixes + 1)] == [True] * fixes + [False]
    assert books.verdict("t", [*steps, Did(_bash("mv b c"))]) == ("no" if fixes else None)
    assert books.settled("t") is (fixes > 0)
    books.start("t")  # a new run of the same task
    assert books.verdict("t", steps) is None and not books.settled("t") and books.may_fix("t") is (fixes > 0)


def test_a_verdict_given_after_the_read_back_is_not_asked_again() -> None:
    def never(_chat: Any, _grammar: Any) -> Any:
        raise AssertionError("asked again")

    steps = [(_bash("mv a b"), ""), (_bash("ls"), "b")]
    kept, usages = review_finish(FINISH, "t", steps, generate=never, yes_no=None, verdict="yes")
    assert kept == FINISH and usages == []
    undone, _ = review_finish(FINISH, "t", steps, generate=never, yes_no=None, verdict="no")
    assert undone["success"] is False and undone["answer"].startswith(NOT_DONE)


@pytest.mark.parametrize("fixes", [MAX_FIXES, 1])
def test_after_a_read_back_judged_no_the_model_may_fix_its_work_then_finishes(monkeypatch: pytest.MonkeyPatch,
                                                                              fixes: int) -> None:
    """On its own "no" after the read-back the model is asked what remains (no finish); a fix of what it wrote is
    taken up to MAX_FIXES times (0 by default: then it finishes at once), then only finish; its "no" stands, so that
    run never claims success. A run judged "yes" at once keeps its claim."""
    from macrohard.agent import tool_schemas
    from macrohard.models import local_evidence, local_verify
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    monkeypatch.setattr(local_verify, "MAX_FIXES", fixes)
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    # the acting "no" as the last word (with NO_MARGIN set it defers to the fresh judge: test_local_evidence_claims)
    monkeypatch.setattr(local_evidence, "NO_MARGIN", None)
    model = LocalModel.from_name("smollm2")
    offered: list[tuple[list[str], str]] = []
    verdicts = iter(["no"] * (fixes + 2))
    monkeypatch.setattr(model, "_judge", lambda *a: (next(verdicts), Usage()))

    def act(chat: list[dict[str, str]], kinds: list[str], grammar: Any, **_: Any) -> Any:
        offered.append((list(kinds), chat[-1]["content"]))
        action = FINISH if kinds == ["finish"] else {"kind": "write_file", "path": "n.txt", "content": f"{len(offered)}"}
        return action, json.dumps(action), Usage()

    monkeypatch.setattr(model, "_act", act)
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task, done = "Write the count to n.txt", [(_bash("wc -l a.txt > n.txt"), "(no output)")]
    model._readbacks.start(task)
    for round_ in range(fixes + 1):
        read = _bash("cat n.txt")
        model._readbacks.ask(task, len(done), read)
        done.append((read, "3 a.txt"))
        before = len(offered)
        reply = model.complete(tool_messages(task, done), tools)
        call = reply.tool_calls[0]
        if round_ < fixes:  # "no" with fixes left: a fix, never a finish
            kinds, note = offered[-1]
            assert "finish" not in kinds and NEXT_NOTE in note and call.name == "write_file"
            done.append(({"kind": "write_file", **json.loads(call.arguments)}, "(no output)"))
        else:  # no fix left: it finishes, and its "no" stands (not asked again); since agent30 the finish, foregone,
            # is not decoded at all (LocalModel._foregone): nothing but a finish may be offered, and it gives up
            assert all(kinds == ["finish"] for kinds, _ in offered[before:])
            assert call.name == "finish" and json.loads(call.arguments)["success"] is False
    assert len(list(verdicts)) == fixes + 1  # asked once: not again after its fix
    yes_model_task = "Write 3 to n.txt"
    monkeypatch.setattr(model, "_judge", lambda *a: ("yes", Usage()))
    model._readbacks.start(yes_model_task)
    done = [({"kind": "write_file", "path": "n.txt", "content": "3"}, "(no output)")]
    model._readbacks.ask(yes_model_task, 1, _bash("cat n.txt"))
    done.append((_bash("cat n.txt"), "3"))
    call = model.complete(tool_messages(yes_model_task, done), tools).tool_calls[0]
    # its claim stands only after the harness's evidence and a fresh judge (test_local_evidence.py)
    assert call.name == "bash" and "n.txt" in json.loads(call.arguments)["command"]
    done.append(({"kind": "bash", **json.loads(call.arguments)}, "== files here:\nn.txt\n== n.txt:\n3"))
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (9.0, Usage()))
    call = model.complete(tool_messages(yes_model_task, done), tools).tool_calls[0]
    assert call.name == "finish" and json.loads(call.arguments)["success"] is True
