"""Two checks the harness runs before a success claim stands, where the model's own "yes" was all there was
(issue 18, twenty-first wave): a path the run wrote as its answer is looked up on disk (``local_evidence.
claimed_paths``/``no_such_path``), and a form's checkbox is read back from the page it was sent from
(``local_grounds.box_as_sent``). Each only ever turns a claim into a give-up that says why."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.models import local_evidence
from macrohard.models.local import LocalModel
from macrohard.models.local_browser import parse_page
from macrohard.models.local_evidence import NO_SUCH_PATH, claimed_paths, evidence_command, no_such_path
from macrohard.models.local_grounds import box_as_sent, box_wish, unfounded
from macrohard.models.local_history import Past

FINISH = {"kind": "finish", "answer": "done", "success": True}


def _write(path: str, content: str) -> Past:
    return Past({"kind": "write_file", "path": path, "content": content}, f"created {path}", True)


def _bash(command: str, result: str = "", ok: bool = True) -> Past:
    return Past({"kind": "bash", "command": command}, result, ok)


@pytest.mark.parametrize(("task", "steps", "want"), [
    ("There's a file called ledger.ods somewhere under barns/. Write its path into found.txt",
     [_write("found.txt", "barns/ledger.ods\n")], ["barns/ledger.ods"]),
    ("which file in logs/ mentions the outage? write its path into which.txt",
     [_bash("echo 'logs/b.log' > which.txt")], ["logs/b.log"]),
    ("where is the key? put the path in key.txt", [_bash("printf './vault/k/key.pem\\n' > key.txt")],
     ["./vault/k/key.pem"]),
    # a path a command found came from the disk; a failed write wrote nothing
    ("There's a file called a.cfg somewhere under old/. Write its path into w.txt",
     [_bash("find old -name a.cfg > w.txt"), Past({"kind": "write_file", "path": "w.txt", "content": "old/x/a.cfg"},
                                                   "refused", False)], []),
    # a bare name where the task asks which file (looked up anywhere below); not where it asks only where
    ("which file in festival/ mentions the bagad? write its name into bagad.txt", [_write("bagad.txt", "gwerz.txt\n")],
     ["gwerz.txt"]),
    ("where is the shop hosted? write it into host.txt", [_write("host.txt", "example.com\n")], []),
    # the task asks for no path or place: content is content
    ("create notes.txt containing the line: ratio 3/4 see docs/intro.md", [_write("notes.txt", "docs/intro.md\n")], []),
    # not a lone path on its line, an absolute path, a climb out, a .gitignore's patterns
    ("write the paths of the logs into where.txt",
     [_write("where.txt", "see logs/a.log\n/etc/passwd\n../up/x.txt\n2024/05\n"),
      _write(".gitignore", "build/out\n")], []),
])
def test_the_paths_a_run_wrote_as_its_answer(task: str, steps: list[Past], want: list[str]) -> None:
    assert claimed_paths(task, steps) == want
    command = evidence_command(task, steps)
    assert ("no such path" in command) == bool(want)


def test_a_missing_path_is_read_from_the_evidence_and_is_not_a_file_s_head() -> None:
    evidence = "== files here:\nbarns\nfound.txt\n== found.txt:\nbarns/ledger.ods\n\n== no such path: barns/ledger.ods\n"
    assert no_such_path(evidence) == "barns/ledger.ods"
    assert "no such path" not in local_evidence.file_heads(evidence)
    assert no_such_path("== files here:\nfound.txt\n== found.txt:\nbarns/old/ledger.ods\n") == ""


@pytest.fixture()
def scripted(monkeypatch: pytest.MonkeyPatch) -> Any:
    """SmolLM2 with the loop aids; its actions are scripted and the fresh judge always says yes."""
    from macrohard.types import Usage

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    monkeypatch.setattr(model, "_judge", lambda *a: ("yes", Usage()))
    monkeypatch.setattr(model, "_aside", lambda *a: ("yes", Usage()))
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (3.0, Usage()))
    return model


@pytest.mark.model
@pytest.mark.parametrize(("task", "answer", "status"), [
    ("There's a file called ledger.ods somewhere under barns/. Write its path into found.txt", "barns/ledger.ods",
     "gave_up"),
    ("There's a file called ledger.ods somewhere under barns/. Write its path into found.txt", "barns/old/ledger.ods",
     "succeeded"),
    ("which file under barns/ holds the hay count? write its file name into found.txt", "hay.txt", "succeeded"),
    ("which file under barns/ holds the hay count? write its file name into found.txt", "straw.txt", "gave_up"),
])
def test_a_guessed_path_does_not_stand_in_the_sandbox(scripted: Any, tmp_path: Any, task: str, answer: str,
                                                      status: str) -> None:
    """A real run under the default guard: the model writes a path and claims success, the judge would say yes. The
    harness's evidence looks the path up: a guess that is not there ends the run gave_up with the reason."""
    from macrohard.runner import run_task
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Task, Usage

    plays = iter([{"kind": "write_file", "path": "found.txt", "content": answer + "\n"},
                  {"kind": "bash", "command": "cat found.txt"}, FINISH])
    scripted._act = lambda chat, kinds, grammar, **_: (a := next(plays, FINISH), json.dumps(a), Usage())
    store = SQLiteStore(tmp_path / "runs.db")
    task = Task(text=task, files={"barns/old/ledger.ods": "x", "barns/loft/hay.txt": "y"}, budget={"max_steps": 8})
    run = run_task(task, model=scripted, store=store)
    looks = [s for s in store.steps(run.id) if getattr(s.action, "kind", "") == "bash" and "ls -A" in s.action.command]
    assert len(looks) == 1 and looks[0].verdict.allowed, [s.verdict for s in looks]
    assert run.status.value == status, (run.status, run.answer, looks[0].observation.output)
    if status == "gave_up":
        assert run.answer.startswith(NO_SUCH_PATH.format(what=answer).split(", so")[0])


@pytest.mark.parametrize(("task", "wish"), [
    ("send the form as Ana, and tick the box to get the newsletter", True),
    ("sign Ana (ana@x.example) up for the newsletter using the form at http://127.0.0.1:8000/", True),
    ("Pro plan, and yes, subscribe her to the newsletter. Submit it.", True),
    ("I want the Pro plan and I do NOT want the newsletter. No message needed.", False),
    ("message: is the cabin free? Leave the newsletter box alone.", False),
    ("Leave the plan on Basic and don't sign him up for the newsletter.", False),
    ("send the contact form as Ana, Team plan, message: we need 12 seats", None),
    ("I want the Team plan", None),  # "want" holds no negation
])
def test_what_the_words_ask_of_a_box(task: str, wish: bool | None) -> None:
    assert box_wish(task, "Subscribe to the newsletter") is wish


def _page(ticked: bool, name: str = "") -> str:
    box = ' [checked]' if ticked else ''
    return ("URL: http://127.0.0.1:8000/\nTitle: Contact us\nPage (element ids):\n"
            f'- textbox "Full name" [e4]{": " + name if name else ""}\n'
            f'- checkbox "Subscribe to the newsletter"{box} [e12]\n- button "Send" [e13]')


THANKS = "URL: http://127.0.0.1:8000/submit\nTitle: Thank you\nPage:\n- paragraph: Thank you, Ana."


def test_the_box_is_read_from_the_page_the_form_was_sent_from() -> None:
    assert parse_page(_page(True)).elements[1].checked and not parse_page(_page(False)).elements[1].checked
    task = "send the form as Ana and tick the newsletter box"
    goto = Past({"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}, _page(False), True)
    typed = Past({"kind": "browser_type", "element": "e4", "text": "Ana"}, _page(False, "Ana"), True)
    tick = Past({"kind": "browser_click", "element": "e12"}, _page(True, "Ana"), True)
    send = Past({"kind": "browser_click", "element": "e13"}, THANKS, True)
    enter = Past({"kind": "browser_press", "key": "Enter"}, THANKS, True)
    read = Past({"kind": "browser_read"}, THANKS, True)
    assert "unticked" in box_as_sent([goto, typed, send, read], task)
    assert "unticked" in unfounded([goto, typed, enter], task)
    assert box_as_sent([goto, typed, tick, send, read], task) == ""
    assert box_as_sent([goto, typed, tick], task) == ""  # never sent: nothing to say
    quiet = "send the form as Ana. She does NOT want the newsletter."
    assert box_as_sent([goto, typed, send], quiet) == ""
    assert "ticked" in box_as_sent([goto, typed, tick, send], quiet)
    assert box_as_sent([goto, typed, send], "send the form as Ana, Team plan") == ""  # the words do not speak of it


@pytest.mark.parametrize("task", [
    "which file did the last commit delete? write its path into gone.txt",
    "I removed a config somewhere under etc-old/ yesterday; write the path it had into was.txt",
    "where did we move the map to? write the old path into old.txt",
])
def test_a_path_that_may_be_gone_is_not_looked_up(task: str) -> None:
    assert claimed_paths(task, [_write("gone.txt", "etc-old/app/a.conf\n")]) == []


def test_a_send_with_a_box_not_as_asked_is_refused_once() -> None:
    from macrohard.models.local_grounds import BOX_REFUSED, box_refusal, refused_send

    task = "send the form as Ana and tick the newsletter box"
    goto = Past({"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}, _page(False), True)
    send = {"kind": "browser_click", "element": "e13"}
    why = box_refusal(send, [goto], task)
    assert why is not None and BOX_REFUSED in why[0] and "[e12]" in why[1]
    assert box_refusal({"kind": "browser_press", "key": "Enter"}, [goto], task) is not None
    assert box_refusal({"kind": "browser_click", "element": "e12"}, [goto], task) is None  # the box itself
    assert box_refusal(send, [goto], "send the form as Ana, Team plan") is None  # the words do not speak of it
    refused = Past(send, f"Format error: browser_click refused: {why[0]}. {why[1]}", False)
    assert refused_send(refused) and not refused_send(goto)
    assert box_refusal(send, [goto, refused], task) is None  # once a run: the next send is judged as sent
    tick = Past({"kind": "browser_click", "element": "e12"}, _page(True), True)
    assert box_refusal(send, [goto, tick], task) is None


def test_the_refusal_in_the_loop_and_the_send_after_the_tick(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser loop refuses the send with the box unticked; after the tick the same send is taken, not stopped as
    the repeat of a failure."""
    from macrohard.agent import tool_schemas
    from macrohard.errors import FormatError
    from macrohard.types import BrowserClickAction, BrowserGotoAction, FinishAction, Usage

    from .chat_history import tool_messages

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    send = {"kind": "browser_click", "element": "e13"}
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (send, json.dumps(send), Usage()))
    monkeypatch.setattr(model, "_browser_grammar", lambda *a, **k: None)
    tools = tool_schemas([BrowserGotoAction, BrowserClickAction, FinishAction])
    task = "send the form as Ana and tick the newsletter box"
    goto = {"kind": "browser_goto", "url": "http://127.0.0.1:8000/"}
    with pytest.raises(FormatError) as refused:
        model.complete(tool_messages(task, [(goto, _page(False))]), tools)
    messages = tool_messages(task, [(goto, _page(False))])
    messages += [{"role": "assistant", "content": refused.value.raw},
                 {"role": "user", "content": f"Format error: {refused.value}. {refused.value.hint}"}]
    tick = tool_messages(task, [({"kind": "browser_click", "element": "e12"}, _page(True))])[1:]
    call = model.complete(messages + tick, tools).tool_calls[0]
    assert call.name == "browser_click" and json.loads(call.arguments) == {"element": "e13"}
