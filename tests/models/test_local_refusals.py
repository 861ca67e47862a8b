"""A step that never ran changes nothing (issue 18, twentieth wave): a reply the harness refused (``local_writes``,
``local_copies``, ``local_mistakes``) or an action the guard denied does not stop the work's facts
(``local_work.work_facts``); and when the model reaches for a refused action after work the harness can test, the
probe runs first: every fact holds and the run is claimed on the harness's tests, else the refusal stands as before.

agent19 (heldout14, dev now): three right git runs (a branch made, a file committed, a file removed and committed)
each ended on a refused ``write_file`` and were never claimed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.errors import FormatError
from macrohard.models.local_history import Past
from macrohard.models.local_work import never_ran, work_facts

REFUSED = ("Format error: write_file refused: the task names no file result.txt. Write only files the task asks "
           "for. Never save a report of your work or a command's output in a file the task does not name.")


def _bash(command: str, ok: bool = True, result: str = "") -> Past:
    return Past({"kind": "bash", "command": command}, result, ok)


def _write(path: str, result: str, ok: bool) -> Past:
    return Past({"kind": "write_file", "path": path, "content": "The branch was made."}, result, ok)


@pytest.mark.parametrize(("task", "steps"), [
    ("Create a new git branch called cider-press and switch to it.", ["git checkout -b cider-press"]),
    ("Please tag the current commit as v1.4.", ["git tag v1.4"]),
    ("Merge the snow branch into main.", ["git checkout main && git merge snow"]),
])
def test_a_refused_or_denied_step_does_not_stop_the_work_s_facts(task: str, steps: list[str]) -> None:
    run = [_bash(c) for c in steps]
    found = work_facts(task, run)
    assert found, task
    for extra in ([_write("result.txt", REFUSED, False)],
                  [_bash("rm -rf /", False, "Denied by the guard (commands): deletes outside the workspace")],
                  [_bash("git push origin main", False, "Not approved by the user: asked. Choose another way.")]):
        assert work_facts(task, [*run, *extra]) == found
        assert work_facts(task, [*extra, *run]) == found


def test_a_step_that_ran_still_counts() -> None:
    """A write that ran (or failed when it ran), a command that failed with its exit code: not skipped."""
    task = "Create a new git branch called cider-press and switch to it."
    assert work_facts(task, [_bash("git checkout -b cider-press")])
    assert not never_ran(_write("result.txt", "created result.txt (20 characters)", True))
    assert not never_ran(_bash("git checkout -b x", False, "[exit code 128] fatal: a branch named 'x' already exists"))
    assert never_ran(_write("result.txt", REFUSED, False))
    assert work_facts(task, [_bash("git checkout -b cider-press"), _write("result.txt", "created result.txt", True)]) == []
    # a wrong change after the work, even one that failed when it ran: no proof
    assert work_facts(task, [_bash("git checkout -b cider-press"), _bash("rm -rf .git", False, "[exit code 1]")]) == []


@pytest.fixture(scope="module")
def smol() -> Any:
    from macrohard.models.local import LocalModel

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
        yield LocalModel.from_name("smollm2")


@pytest.mark.parametrize(("marks", "claimed"), [("@0 yes\n@1 yes", True), ("@0 yes\n@1 no", False),
                                                ("Denied by the guard (policy): no", False)])
def test_a_refused_write_after_the_work_runs_the_probe_first(smol: Any, monkeypatch: pytest.MonkeyPatch,
                                                              marks: str, claimed: bool) -> None:
    """Scripted (SmolLM2's decoder replaced): after `git checkout -b`, the model writes a report the task never names.
    The probe runs instead of the refusal; every fact yes: claimed on the harness's tests; a fact no or no marks: the
    refusal as before (the model chooses again), never a claim."""
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    from .chat_history import tool_messages

    report = {"kind": "write_file", "path": "result.txt", "content": "The branch was made."}
    monkeypatch.setattr(smol, "_act", lambda chat, kinds, grammar, **_: (report, json.dumps(report), Usage()))
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Create a new git branch called cider-press and switch to it."
    done: list[tuple[dict[str, Any], str]] = [({"kind": "bash", "command": "git checkout -b cider-press"},
                                               "Switched to a new branch 'cider-press'")]
    smol._proofs.start(task)
    call = smol.complete(tool_messages(task, done), tools).tool_calls[0]
    look = {"kind": "bash", **json.loads(call.arguments)}
    assert call.name == "bash" and "@1 yes" in look["command"]
    if claimed:
        call = smol.complete(tool_messages(task, [*done, (look, marks)]), tools).tool_calls[0]
        args = json.loads(call.arguments)
        assert call.name == "finish" and args["success"] is True and "cider-press" in args["answer"]
        return
    with pytest.raises(FormatError, match="the task names no file result.txt"):
        smol.complete(tool_messages(task, [*done, (look, marks)]), tools)


def test_without_the_verify_aid_a_refusal_is_raised_at_once(smol: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    from .chat_history import tool_messages

    report = {"kind": "write_file", "path": "result.txt", "content": "The branch was made."}
    monkeypatch.setattr(smol, "_act", lambda chat, kinds, grammar, **_: (report, json.dumps(report), Usage()))
    monkeypatch.setattr(smol, "aids", frozenset({"wrapper"}))
    task = "Create a new git branch called cider-press and switch to it."
    smol._proofs.start(task)
    with pytest.raises(FormatError, match="the task names no file result.txt"):
        smol.complete(tool_messages(task, [({"kind": "bash", "command": "git checkout -b cider-press"}, "ok")]),
                      tool_schemas([BashAction, WriteFileAction, FinishAction]))
