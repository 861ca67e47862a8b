"""agent23 (issue 18, twenty-third wave): a refused write is not offered again the next step (the loop of refused
writes in heldout16's odd half), and a right ``ln -s`` is proved from the run's step where the task's words say which
way the link goes."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.models.local_copies import refused_write_last
from macrohard.models.local_history import Past
from macrohard.models.local_work import work_facts

CP_ERROR = "cp: -r not specified; omitting directory 'daftari'\n[exit code 1]"


def test_a_refused_write_is_what_the_next_step_reads() -> None:
    cp = Past({"kind": "bash", "command": "cp daftari daftari-old"}, CP_ERROR, False)
    refused = Past({"kind": "write_file", "path": "result.txt", "content": "cp: -r not specified"},
                   "Format error: write_file refused: it copies the last command's error. A file holds ...", False)
    written = Past({"kind": "write_file", "path": "a.txt", "content": "x"}, "created a.txt (1 characters, 1 lines)", True)
    denied = Past({"kind": "bash", "command": "rm -rf /"}, "Format error: command refused: ...", False)
    assert refused_write_last([cp, refused])
    assert not refused_write_last([cp]) and not refused_write_last([])
    assert not refused_write_last([refused, cp]) and not refused_write_last([written]) and not refused_write_last([denied])


def test_after_a_refused_write_the_model_is_offered_no_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through ``LocalModel.complete`` with the default aids: the error copied into result.txt is refused; the next
    step's kinds leave ``write_file`` out, so the model's next reply is a command or a finish (heldout16's odd half:
    three refused writes in a row, then a give-up, in faza and mambrui at both ends of the wave)."""
    from macrohard.agent import tool_schemas
    from macrohard.errors import FormatError
    from macrohard.models.local import LocalModel
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    from .chat_history import tool_messages

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    offered: list[list[str]] = []
    copy = {"kind": "write_file", "path": "result.txt", "content": "cp: -r not specified; omitting directory 'daftari'"}
    fix = {"kind": "bash", "command": "cp -r daftari daftari-old"}
    replies = [copy, fix]

    def act(chat: Any, kinds: list[str], grammar: Any, **_: Any) -> tuple[dict[str, Any], str, Usage]:
        offered.append(list(kinds))
        reply = replies[0] if replies[0]["kind"] in kinds else fix
        return reply, json.dumps(reply), Usage()

    monkeypatch.setattr(model, "_act", act)
    monkeypatch.setattr(model, "_grammar", lambda *a, **k: None)
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    task = "make a copy of the daftari folder called daftari-old"
    failed = [({"kind": "bash", "command": "cp daftari daftari-old"}, CP_ERROR)]
    with pytest.raises(FormatError) as refused:
        model.complete(tool_messages(task, failed), tools)
    assert "write_file" in offered[-1] and "copies the last command's error" in str(refused.value)
    messages = tool_messages(task, failed)
    messages += [{"role": "assistant", "content": refused.value.raw},
                 {"role": "user", "content": f"Format error: {refused.value}. {refused.value.hint}"}]
    call = model.complete(messages, tools).tool_calls[0]
    assert "write_file" not in offered[-1] and {"bash", "finish"} <= set(offered[-1])
    assert call.name == "bash" and json.loads(call.arguments)["command"] == "cp -r daftari daftari-old"


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


LINK = "current.csv is a symbolic link to reports/2026-11.csv"
# (task, the run's command, the facts its step gives)
LINKS: list[tuple[str, str, list[str]]] = [
    ("make current.csv a link to reports/2026-11.csv", "ln -s reports/2026-11.csv current.csv", [LINK]),
    ("current.csv should point to reports/2026-11.csv from now on", "ln -sf reports/2026-11.csv current.csv", [LINK]),
    ("add a symlink to reports/2026-11.csv called current.csv", "ln -s reports/2026-11.csv current.csv", [LINK]),
    ("Make a symbolic link named current that points at the folder releases/v3.", "ln -s releases/v3 current",
     ["current is a symbolic link to releases/v3"]),
    # the link made the other way round, a copy, a link the words do not ask for, another demand: no proof
    ("make current.csv a link to reports/2026-11.csv", "ln -s current.csv reports/2026-11.csv", []),
    ("make current.csv a link to reports/2026-11.csv", "cp reports/2026-11.csv current.csv", []),
    ("copy reports/2026-11.csv to current.csv", "ln -s reports/2026-11.csv current.csv", []),
    # "not a copy" is what the link's fact tests (agent24: heldout16's ndau went unclaimed on it); another "not": none
    ("make current.csv a link to reports/2026-11.csv, not a copy", "ln -s reports/2026-11.csv current.csv", [LINK]),
    ("make current.csv a link to reports/2026-11.csv, not to the old one", "ln -s reports/2026-11.csv current.csv", []),
    ("make current.csv a link to reports/2026-11.csv and delete old.csv", "ln -s reports/2026-11.csv current.csv", []),
    ("make current.csv a link to reports/2026-11.csv", "ln reports/2026-11.csv current.csv", []),  # a hard link
]


def test_a_link_is_read_from_the_step_where_the_words_say_which_way() -> None:
    for task, command, want in LINKS:
        assert [f.what for f in work_facts(task, _run(command))] == want, (task, command)


def test_the_link_fact_tells_right_from_wrong(tmp_path: Any) -> None:
    """The fact's shell test on real files: a link to the file is "yes"; a copy, a link elsewhere, a dangling link, a
    link made inside a folder of that name, and no link at all are "no"."""
    import subprocess

    test = work_facts("make current.csv a link to reports/2026-11.csv",
                      _run("ln -s reports/2026-11.csv current.csv"))[0].test
    setups = {
        "right": "ln -s reports/2026-11.csv current.csv",
        "copy": "cp reports/2026-11.csv current.csv",
        "elsewhere": "ln -s reports/2026-10.csv current.csv",
        "dangling": "ln -s reports/2026-12.csv current.csv",
        "inside a folder": "mkdir current.csv && ln -s ../reports/2026-11.csv current.csv/",
        "missing": "true",
    }
    verdicts = {}
    for name, setup in setups.items():
        root = tmp_path / name.replace(" ", "-")
        (root / "reports").mkdir(parents=True)
        (root / "reports" / "2026-11.csv").write_text("a,b\n1,2\n")
        (root / "reports" / "2026-10.csv").write_text("a,b\n3,4\n")
        subprocess.run(["bash", "-c", setup], cwd=root, check=True)
        verdicts[name] = subprocess.run(["bash", "-c", test], cwd=root).returncode == 0
    assert verdicts == {"right": True, "copy": False, "elsewhere": False, "dangling": False,
                        "inside a folder": False, "missing": False}


def test_a_numeric_sort_of_lines_with_a_name_beside_the_number(tmp_path: Any) -> None:
    """The sort fact reads lines that hold one number each ("87 Amina", "Juma: 5") by that number: sorted the way the
    words say is "yes", another order is "no"; two numbers on a line (which is the key?) stay open (exit 3)."""
    import subprocess

    fact = work_facts("sort wachezaji.txt into matokeo.txt, biggest score first",
                      _run("sort -nr wachezaji.txt > matokeo.txt"))[1]
    assert fact.what == "matokeo.txt is sorted from largest to smallest"
    cases = {
        "87 Amina\n12 Juma\n9 Said\n": 0,
        "Amina: 87\nJuma: 12\nSaid: 9\n": 0,
        "87\n12\n9\n-3\n": 0,
        "9 Said\n87 Amina\n12 Juma\n": 1,
        "Juma 12\nSaid 9\nAmina 87\n": 1,  # `sort -nr` of name-first lines: the whole line, not the number
        "87 Amina 3\n12 Juma 40\n": 3,
        "2026-11-03 Amina\n2026-10-01 Juma\n": 3,
    }
    for text, code in cases.items():
        (tmp_path / "matokeo.txt").write_text(text)
        got = subprocess.run(["bash", "-c", fact.test], cwd=tmp_path).returncode
        assert got == code, (text, got)


def test_a_give_up_after_a_refused_write_of_the_error_is_asked_once_more() -> None:
    """The give-up is read at the step that failed, also when a refused write of its error came between (heldout16's
    odd half: ``cp FOLDER NEW`` without -r, ``SCRIPT.sh > OUT`` where the script is not on the PATH): one note each,
    once a run; a refused write alone, or a step that worked, is no reason to ask."""
    from macrohard.models.local_giveups import FOLDER_COPY_NOTE, NOT_FOUND_NOTE, SCRIPT_NOTE, remedy

    give_up = {"kind": "finish", "success": False, "answer": "it cannot be done"}
    refused = Past({"kind": "write_file", "path": "result.txt", "content": "cp: -r not specified"},
                   "Format error: write_file refused: it copies the last command's error. A file holds ...", False)
    cp = Past({"kind": "bash", "command": "cp daftari daftari-old"}, CP_ERROR, False)
    script = Past({"kind": "bash", "command": "kalenda.sh > kalenda-out.txt"},
                  "bash: line 1: kalenda.sh: command not found\n[exit code 127]", False)
    python = Past({"kind": "bash", "command": "python t.py"}, "bash: line 1: python: command not found\n[exit code 127]",
                  False)
    worked = Past({"kind": "bash", "command": "ls"}, "a.txt", True)
    for history, note in (([cp], FOLDER_COPY_NOTE), ([cp, refused], FOLDER_COPY_NOTE),
                          ([script, refused], SCRIPT_NOTE.format(script="kalenda.sh")),
                          ([python, refused], NOT_FOUND_NOTE.format(program="python")),
                          ([refused], ""), ([worked, refused], ""), ([cp, worked], "")):
        asked: set[tuple[str, str]] = set()
        assert remedy(give_up, history, "t", asked) == note, history
        assert remedy(give_up, history, "t", asked) == ""  # once
    assert remedy({"kind": "finish", "success": True, "answer": "done"}, [cp, refused], "t", set()) == ""


def test_a_note_that_asks_for_a_command_offers_bash_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A give-up after ``NAME.sh: command not found`` is asked once more with bash alone on offer (agent23's dev probe:
    offered a write, the 1.5B model wrote the error into the task's file, and its second give-up stood); the new
    folder's note keeps the other kinds (its next step may be a write)."""
    from macrohard.agent import tool_schemas
    from macrohard.models.local import LocalModel
    from macrohard.models.local_giveups import NOTE, SCRIPT_NOTE, command_only
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    from .chat_history import tool_messages

    assert command_only(SCRIPT_NOTE.format(script="a.sh")) and not command_only(NOTE.format(folder="archive"))
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    offered: list[list[str]] = []

    def act(chat: Any, kinds: list[str], grammar: Any, **_: Any) -> tuple[dict[str, Any], str, Usage]:
        offered.append(list(kinds))
        reply = ({"kind": "finish", "success": False, "answer": "not found"} if "finish" in kinds else
                 {"kind": "bash", "command": "bash resumen.sh > resumen-out.txt"})
        return reply, json.dumps(reply), Usage()

    monkeypatch.setattr(model, "_act", act)
    monkeypatch.setattr(model, "_grammar", lambda *a, **k: None)
    tools = tool_schemas([BashAction, WriteFileAction, FinishAction])
    failed = [({"kind": "bash", "command": "resumen.sh > resumen-out.txt"},
               "bash: line 7: resumen.sh: command not found\n\n[exit code 127]")]
    call = model.complete(tool_messages("run resumen.sh and save what it prints in resumen-out.txt", failed),
                          tools).tool_calls[0]
    assert offered[-1] == ["bash"] and call.name == "bash" and "bash resumen.sh" in call.arguments
