"""The opt-in ``after_no`` aid (``models/local_after_no.py``, agent27): after the model's own "no" on a read-back,
one action of its own (a fix or a next step), then that "no" stands: the run ends as a give-up, never a claim.
The books alone, then the loop with scripted replies (the model's decoder and yes/no replaced)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from macrohard.models.local import LocalModel
from macrohard.models.local_after_no import AFTER_NO, OneAfterNo
from macrohard.models.local_verify import NEXT_NOTE, NOT_DONE, ReadBacks

from .chat_history import tool_messages

FINISH = {"kind": "finish", "answer": "done", "success": True}


@dataclass
class Did:
    action: dict[str, Any]
    result: str = ""
    ok: bool = True


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


@pytest.mark.parametrize("fix", [True, False])
def test_one_action_of_either_kind_then_the_no_stands(fix: bool) -> None:
    books = OneAfterNo()
    steps = [Did(_bash("cp a a.bak")), Did(_bash("cat a"))]
    books.judged("t", steps, "no")
    assert books.may_go_on("t") and not books.settled("t")
    assert books.take("t", fix) and AFTER_NO == 1
    # after it: nothing more of either kind, the "no" stands whatever is done next, and it is not asked again
    assert not books.may_go_on("t") and not books.take("t", True) and not books.take("t", False)
    assert books.settled("t") and books.verdict("t", [*steps, Did(_bash("sed -i s/1/2/ a"))]) == "no"
    books.start("t")  # a new run of the same task starts clean
    assert books.may_go_on("t") and not books.settled("t") and books.verdict("t", steps) is None
    # the default books (MAX_FIXES = MAX_NEXT = 0) take none
    plain = ReadBacks()
    plain.judged("t", steps, "no")
    assert not plain.may_go_on("t") and not plain.take("t", fix)


def test_the_aid_is_opt_in() -> None:
    from macrohard.models.local_specs import AIDS, QWEN_AIDS, SPECS, aids_for

    assert "after_no" in AIDS and "after_no" not in QWEN_AIDS and "after_no" not in aids_for(SPECS["qwen-1.5b"])


def test_after_its_no_the_model_takes_one_next_step_then_gives_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """The half-done task: a backup made, the edit not. On its "no" the model's next step (the edit) is taken; at the
    read-back after it the "no" stands, unasked: it may only finish, and its finish is a give-up."""
    from macrohard.agent import tool_schemas
    from macrohard.models import local_evidence
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify,after_no")
    monkeypatch.setattr(local_evidence, "NO_MARGIN", None)
    model = LocalModel.from_name("smollm2")
    assert isinstance(model._readbacks, OneAfterNo)
    asked: list[str] = []
    monkeypatch.setattr(model, "_judge", lambda *a: (asked.append("no") or "no", Usage()))
    offered: list[tuple[list[str], str]] = []
    edit = _bash("sed -i 's/=1200/=1250/' kiln.ini")

    def act(chat: list[dict[str, str]], kinds: list[str], grammar: Any, **_: Any) -> Any:
        offered.append((list(kinds), chat[-1]["content"]))
        action = FINISH if kinds == ["finish"] else edit
        return action, json.dumps(action), Usage()

    monkeypatch.setattr(model, "_act", act)
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Back up kiln.ini as kiln.ini.bak, then change t=1200 to t=1250 in kiln.ini"
    done = [(_bash("cp kiln.ini kiln.ini.bak"), "(no output)")]
    model._readbacks.start(task)
    model._readbacks.ask(task, len(done), _bash("cat kiln.ini"))
    done.append((_bash("cat kiln.ini"), "t=1200"))
    call = model.complete(tool_messages(task, done), tools).tool_calls[0]
    kinds, note = offered[-1]
    assert "finish" not in kinds and NEXT_NOTE in note and json.loads(call.arguments) == {"command": edit["command"]}
    done.append((edit, "(no output)"))
    model._readbacks.ask(task, len(done), _bash("cat kiln.ini"))
    done.append((_bash("cat kiln.ini"), "t=1250"))
    call = model.complete(tool_messages(task, done), tools).tool_calls[0]
    args = json.loads(call.arguments)
    assert offered[-1][0] == ["finish"] and call.name == "finish" and args["success"] is False
    assert asked == ["no"]  # asked once: its "no" stands after the step it took
    assert args["answer"].startswith(NOT_DONE) or args["success"] is False
