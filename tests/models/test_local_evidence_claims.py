"""What the fresh judge (``models/local_evidence.py``) does beside its yes/no (issue 18): a file that holds a
placeholder or a failed command's error text never confirms a claim, and, when ``NO_MARGIN`` is set, the
acting chat's own "no" is put to the fresh judge on the harness's evidence instead of ending the run."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.models import local_evidence
from macrohard.models.local import LocalModel
from macrohard.models.local_evidence import SUSPECT, suspect
from macrohard.models.local_history import Past
from macrohard.models.local_verify import NOT_DONE

from .chat_history import tool_messages

FINISH = {"kind": "finish", "answer": "done", "success": True}
FAILED = Past({"kind": "bash", "command": "curl -s https://example.org/rates.csv"},
              "curl: (6) Could not resolve host: example.org\n[exit code 6]", False)


def _bash(command: str) -> dict[str, Any]:
    return {"kind": "bash", "command": command}


def test_the_task_s_own_words_copied_into_a_file_are_suspect() -> None:
    task = "In notes-alpha.txt, replace every tab with two spaces please"
    copied = f"== files here:\nnotes-alpha.txt\n== notes-alpha.txt:\n{task}\n"
    assert "task's own words" in suspect(copied, [], task)
    done = "== files here:\nnotes-alpha.txt\n== notes-alpha.txt:\nfirst  line\nsecond  line\n"
    assert suspect(done, [], task) == "" and suspect(copied, [], "Write hi") == ""  # a short task: not checked


@pytest.mark.parametrize(("evidence", "history", "found"), [
    ("== files here:\nwifi.txt\n== wifi.txt:\nyour_wifi_password_here\n", [], "placeholder"),
    ("== files here:\nkey.txt\n== key.txt:\napi_key=<your key>\n", [], "placeholder"),
    ("== files here:\nrates.csv\n== rates.csv:\ncurl: (6) Could not resolve host: example.org\n", [FAILED], "error text"),
    # the error text only in the listing or git's state, or a file that does not exist: nothing to suspect
    ("== files here:\nnotes.md\n== git status:\ncurl: (6) Could not resolve host: example.org\n", [FAILED], ""),
    ("== files here:\n\n== rates.csv: does not exist\n", [FAILED], ""),
    ("== files here:\nrates.csv\n== rates.csv:\ndate,rate\n2024-01-02,1.09\n", [FAILED], ""),
    ("== files here:\nout.txt\n== out.txt:\nCould not resolve host\n", [], ""),  # no failed step printed it
    # a failed step's other lines (framing, file content printed before the error) are not error text
    ("== files here:\nlist.txt\n== list.txt:\nalpha beta gamma delta\n<<<END UNTRUSTED a7a190\n",
     [Past(_bash("cat list.txt; false"), "alpha beta gamma delta\n<<<END UNTRUSTED a7a190\n[exit code 1]", False)], ""),
])
def test_placeholders_and_copied_error_text_are_suspect(evidence: str, history: list[Past], found: str) -> None:
    got = suspect(evidence, history)
    assert (found in got) if found else got == ""


def _model(monkeypatch: pytest.MonkeyPatch, acting: str, margin: float, asked: list[Any]) -> LocalModel:
    """SmolLM2 with the loop aids, scripted: it always claims success, its own yes/no is ``acting``, the
    fresh judge's log-odds are ``margin``."""
    from macrohard.types import Usage

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (FINISH, json.dumps(FINISH), Usage()))
    monkeypatch.setattr(model, "_aside", lambda *a: (acting, Usage()))
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (asked.append(chat), (margin, Usage()))[1])
    return model


def _play(model: LocalModel, content: str = "hi") -> tuple[str, dict[str, Any]]:
    """Write, read back, claim: the loop's reply, then (if it asked for evidence) its reply to that."""
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, WriteFileAction

    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "Write hi to hello.txt"
    done = [({"kind": "write_file", "path": "hello.txt", "content": content}, "created"), (_bash("cat hello.txt"), content)]
    call = model.complete(tool_messages(task, done), tools).tool_calls[0]
    args = json.loads(call.arguments)
    if call.name == "bash" and "ls -A" in args["command"]:
        done.append(({"kind": "bash", **args}, f"== files here:\nhello.txt\n== hello.txt:\n{content}\n"))
        call = model.complete(tool_messages(task, done), tools).tool_calls[0]
        return "evidence", json.loads(call.arguments)
    return "none", args


@pytest.mark.parametrize(("no_margin", "margin", "looked", "success"), [
    (None, 9.0, "none", False),        # the acting "no" ends the run at once (NO_MARGIN unset)
    (2.0, 2.5, "evidence", True),      # the fresh judge overrules it above NO_MARGIN
    (2.0, 1.5, "evidence", False),     # below NO_MARGIN (though above YES_MARGIN) the acting "no" stands
])
def test_the_acting_no_defers_to_the_fresh_judge_only_above_no_margin(
        monkeypatch: pytest.MonkeyPatch, no_margin: float | None, margin: float, looked: str, success: bool) -> None:
    monkeypatch.setattr(local_evidence, "NO_MARGIN", no_margin)
    asked: list[Any] = []
    how, args = _play(_model(monkeypatch, "no", margin, asked))
    assert (how, args["success"], len(asked)) == (looked, success, 1 if looked == "evidence" else 0)
    if not success:
        assert args["answer"].startswith(NOT_DONE)


def test_a_placeholder_never_confirms_a_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []
    how, args = _play(_model(monkeypatch, "yes", 9.0, asked), content="your_greeting_here")
    assert how == "evidence" and args["success"] is False and asked == []  # not even asked
    assert args["answer"].startswith(SUSPECT.split("{")[0]) and "placeholder" in args["answer"]
