"""After the model's own "no" on a read-back, its next action is read as a fix of earlier work or as the task's
next step (``models/local_next.py``, issue 18): a next step leaves the run open (a later read-back may still be
judged "yes" and claimed), a fix is capped by ``MAX_FIXES`` and its "no" stands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from macrohard.models import local_evidence, local_verify
from macrohard.models.local_next import is_fix, overwrites, wrote
from macrohard.models.local_verify import NEXT_NOTE, ReadBacks

from .chat_history import tool_messages


@dataclass
class Did:
    action: dict[str, Any]
    ok: bool = True


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


def _write(path: str, content: str = "x") -> dict[str, Any]:
    return {"kind": "write_file", "path": path, "content": content}


COUNT = [Did(_bash("wc -l data.csv > n.txt")), Did(_bash("cat n.txt"))]
BACKUP = [Did(_bash("cp site.conf site.conf.orig")), Did(_bash("cat site.conf.orig"))]
NOTE = [Did(_write("todo.md", "buy milk\n")), Did(_bash("cat todo.md"))]
FOLDER = [Did(_bash("mkdir archive && mv old-*.txt archive/")), Did(_bash("ls archive"))]


@pytest.mark.parametrize(("history", "action", "fix"), [
    (COUNT, _bash("wc -l < data.csv > n.txt"), True),  # the same file written again: a fix
    (COUNT, _write("./n.txt", "12"), True),
    (COUNT, _bash("sed -i 's/ data.csv//' n.txt"), True),
    (COUNT, _bash("rm n.txt"), True),
    (COUNT, _bash("mv n.txt count.txt"), True),  # moves the result away
    (COUNT, _bash("git add n.txt && git commit -m count"), False),  # the task's next step: commit it
    (BACKUP, _bash("sed -i 's/8080/9090/' site.conf"), False),  # edits the original the task named
    (BACKUP, _bash("sed -i 's/8080/9090/' site.conf.orig"), True),  # edits the backup it made
    (NOTE, _bash("echo 'feed the cat' >> todo.md"), True),
    (NOTE, _bash("git add todo.md && git commit -m todo 2>/dev/null"), False),
    (FOLDER, _bash("cd archive && for f in old-*; do mv \"$f\" \"${f#old-}\"; done"), False),
    (FOLDER, _write("archive/readme.txt"), False),
    ([Did(_bash("chmod 600 keys.env")), Did(_bash("ls -l keys.env"))], _bash("chmod 644 keys.env"), True),  # undone
    ([Did(_bash("gzip -k big.csv")), Did(_bash("ls"))], _bash("rm big.csv"), True),
    ([Did(_bash("chmod +x run.sh")), Did(_bash("ls -l"))], _bash("./run.sh > out.txt"), False),  # runs it: next
    ([Did(_bash("echo a > a.txt"), ok=False)], _write("a.txt"), False),  # a failed step wrote nothing
    ([Did(_bash("echo a > a.txt")), Did(_bash("mv a.txt b.txt"))], _write("a.txt"), False),  # moved away since
])
def test_a_step_that_rewrites_earlier_work_is_a_fix(history: list[Did], action: dict[str, Any], fix: bool) -> None:
    assert is_fix(action, history) is fix


def test_what_a_step_overwrites() -> None:
    assert overwrites(_bash("ls 2>/dev/null; sort a > b 2>&1")) == {"b"}
    assert overwrites(_bash("cp a backups/")) == set() and overwrites(_bash("cp a b")) == {"b"}
    assert overwrites(_bash("tee log.txt < x")) == {"log.txt"} and overwrites({"kind": "finish"}) == set()
    assert wrote(FOLDER) == set()  # a folder made and files moved into it: nothing to rewrite


def test_next_steps_leave_the_run_open_and_fixes_make_the_no_stand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local_verify, "MAX_FIXES", 1)
    monkeypatch.setattr(local_verify, "MAX_NEXT", 2)
    books = ReadBacks()
    books.judged("t", COUNT, "no")
    assert books.verdict("t", COUNT) == "no" and books.may_go_on("t")
    assert books.take("t", fix=False)  # a next step: the "no" was "not finished yet"
    later = [*COUNT, Did(_bash("git add n.txt"))]
    assert books.verdict("t", later) is None and not books.settled("t")
    assert books.take("t", fix=False) and not books.take("t", fix=False)  # two next steps, then none
    assert books.may_go_on("t")  # a fix is still left
    assert books.take("t", fix=True) and books.verdict("t", later) == "no" and books.settled("t")
    assert not books.may_go_on("t") and not books.take("t", fix=True)
    books.start("t")
    books.judged("t", COUNT, "no")
    assert books.take("t", fix=True) and not books.may_go_on("t")  # after a fix: no next step either (it stands)
    books.start("t")
    assert books.verdict("t", later) is None and books.may_go_on("t")


def test_by_default_the_model_s_own_no_ends_the_run() -> None:
    """Neither a fix nor a next step is taken by default (MAX_FIXES 0, MAX_NEXT 0): after the acting "no" only the
    give-up is left (a next step overwrote a user's file on the blind heldout7; RESULTS.md)."""
    assert local_verify.MAX_FIXES == 0 and local_verify.MAX_NEXT == 0
    books = ReadBacks()
    books.judged("t", COUNT, "no")
    assert books.verdict("t", COUNT) == "no" and not books.may_go_on("t")
    assert not books.take("t", fix=False) and not books.take("t", fix=True)


@pytest.mark.parametrize("fixes", [0, 1])
def test_after_a_no_the_model_s_next_step_is_taken_and_its_fix_only_while_fixes_are_left(
        monkeypatch: pytest.MonkeyPatch, fixes: int) -> None:
    """Through the loop (llama.cpp loaded, the model's replies scripted): after the acting "no" only non-finish
    actions are offered with ``NEXT_NOTE``; a next step is taken and the run is judged afresh at its next
    read-back (a "yes" there leads to the harness's evidence, so a claim is still possible); a fix is taken only
    while ``MAX_FIXES`` allows, else the model finishes and its "no" stands."""
    from macrohard.agent import tool_schemas
    from macrohard.models.local import LocalModel
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    monkeypatch.setattr(local_verify, "MAX_FIXES", fixes)
    monkeypatch.setattr(local_verify, "MAX_NEXT", 1)  # off by default (RESULTS.md): the path itself is tested here
    monkeypatch.setattr(local_evidence, "NO_MARGIN", None)
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    verdicts = iter(["no", "yes"])
    monkeypatch.setattr(model, "_judge", lambda *a: (next(verdicts), Usage()))
    replies: list[dict[str, Any]] = []
    offered: list[tuple[list[str], str]] = []

    def act(chat: list[dict[str, str]], kinds: list[str], grammar: Any, **_: Any) -> Any:
        offered.append((list(kinds), chat[-1]["content"]))
        action = {"kind": "finish", "answer": "done", "success": True} if kinds == ["finish"] else replies.pop(0)
        return action, json.dumps(action), Usage()

    monkeypatch.setattr(model, "_act", act)
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Write the line count of data.csv to n.txt and commit it"

    def step(done: list[tuple[dict[str, Any], str]]) -> tuple[str, dict[str, Any]]:
        call = model.complete(tool_messages(task, done), tools).tool_calls[0]
        return call.name, json.loads(call.arguments)

    # the next step (commit): taken, whatever MAX_FIXES is
    model._readbacks.start(task)
    done = [(_bash("wc -l < data.csv > n.txt"), "(no output)"), (_bash("cat n.txt"), "12")]
    model._readbacks.ask(task, 1, done[-1][0])
    replies.append(_bash("git add n.txt && git commit -m count"))
    name, args = step(done)
    assert "finish" not in offered[-1][0] and NEXT_NOTE in offered[-1][1]
    assert (name, args["command"]) == ("bash", "git add n.txt && git commit -m count")
    done.append((_bash(args["command"]), "[master 1a2b3c4] count"))
    done.append((_bash("git log --oneline -1"), "1a2b3c4 count"))
    model._readbacks.ask(task, 3, done[-1][0])  # its next read-back: judged afresh ("yes")
    name, args = step(done)
    assert name == "bash" and "== files here:" in args["command"]  # the harness's evidence for a claim

    # a fix of the count it wrote: only while fixes are left, and then the "no" stands
    model._readbacks.start(task)
    verdicts = iter(["no"])
    done = [(_bash("wc -l data.csv > n.txt"), "(no output)"), (_bash("cat n.txt"), "12 data.csv")]
    model._readbacks.ask(task, 1, done[-1][0])
    replies.append(_write("n.txt", "12"))
    name, args = step(done)
    if fixes:
        assert name == "write_file" and model._readbacks.verdict(task, done) == "no"
    else:
        assert name == "finish" and args["success"] is False and offered[-1][0] == ["finish"]


def test_logging_the_acting_log_odds_does_not_change_its_verdict(monkeypatch: pytest.MonkeyPatch) -> None:
    """``MACROHARD_LOCAL_JUDGE_LOG`` (dev runs) reads the acting yes/no's log-odds for the log only: the verdict is
    the grammar's argmax, as in an unlogged run (the sign of the log-odds differs from it near 0)."""
    from macrohard.models.local import LocalModel
    from macrohard.types import Usage

    model = LocalModel.from_name("smollm2")
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (0.3, Usage()))
    monkeypatch.setattr(model, "_aside", lambda chat, grammar: ("no", Usage()))
    for logged in ("", "1"):
        monkeypatch.setenv("MACROHARD_LOCAL_JUDGE_LOG", logged)
        assert model._acting([{"role": "user", "content": "t"}], None)[0] == "no"
    assert model._acting_margin == 0.3  # logged
