"""The front door as a new user meets it (helper ux51): `chat --json` as JSON Lines over several turns, `runs list`
sorted and paged, --json where a table is printed.

Each test was seen failing on the code before its fix (RESULTS.md, ux51)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner
from tests.cli_in_process import _ConsoleScript, mh

from macrohard.store.conversations import LOCAL_OWNER, ConversationStore
from macrohard.store.sqlite import SQLiteStore


def _script(home: Path, items: list) -> str:
    home.mkdir(parents=True, exist_ok=True)
    path = home / f"script{len(list(home.glob('script*')))}.json"
    path.write_text(json.dumps(items))
    return f"scripted:{path}"


def _mh_in(args: list[str], stdin: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(_ConsoleScript(), args, input=stdin, env={"COLUMNS": "80"})  # type: ignore[arg-type]
    return res.exit_code, res.stdout, res.stderr


def _lines(out: str) -> list[dict]:
    lines = out.splitlines()
    assert lines and all(line.startswith("{") for line in lines), out  # JSON Lines: one compact object a line
    return [json.loads(line) for line in lines]


# -- chat --json: one turn a stdin line, one JSON object a line out -----------------------------------------------------

def test_chat_json_is_one_turn_per_stdin_line(_home):
    """Before: stdin's lines were joined into one message and one pretty-printed object came out."""
    model = _script(_home, ["four", "six", "eight"])
    code, out, err = _mh_in(["chat", "--json", "--model", model], "2+2?\n\n3+3?\n4+4?\n")
    assert code == 0, err
    turns = _lines(out)
    assert [t["message"] for t in turns] == ["2+2?", "3+3?", "4+4?"]  # the empty line is no turn
    assert [t["answer"] for t in turns] == ["four", "six", "eight"]
    assert len({t["conversation"] for t in turns}) == 1 and all(t["error"] is None for t in turns)
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list(LOCAL_OWNER, limit=5)
    assert [m.text for m in chats.messages(conv.id)] == ["2+2?", "four", "3+3?", "six", "4+4?", "eight"]
    # a message over several lines: a JSON object {"message": ...} on one line
    later = _script(_home, ["noted"])
    code, out, err = _mh_in(["chat", "--json", "--continue", conv.id, "--model", later],
                            json.dumps({"message": "first line\nsecond line"}) + "\n")
    assert code == 0, err
    (turn,) = _lines(out)
    assert turn["message"] == "first line\nsecond line" and turn["conversation"] == conv.id


def test_chat_json_errors_are_json_lines_and_the_exit_says_so(_home):
    model = _script(_home, ["never said"])
    code, out, _ = _mh_in(["chat", "--json", "--continue", "c-nope", "--model", model], "hello\n")
    assert code == 2
    (said,) = _lines(out)
    assert "c-nope" in said["error"] and said["exit_code"] == 2
    code, out, _ = _mh_in(["chat", "--json", "--model", "http://127.0.0.1:9/v1", "--model-timeout", "2"],
                          "hello\nand more\n")  # no server: the first turn fails and ends the chat
    assert code == 1
    (said,) = _lines(out)
    assert said["message"] == "hello" and said["error"], said


def test_chat_help_documents_json_lines():
    out = mh("chat", "--help")
    said = " ".join(out.stdout.split())
    assert "JSON Lines" in said and "one" in said and "line" in said, out.stdout


# -- runs list: sorted and paged ----------------------------------------------------------------------------------------

def _seed_runs(home: Path, n: int) -> list[str]:
    from macrohard.types import Run, RunStatus, Task

    store = SQLiteStore(home / "runs.db")
    ids = []
    now = time.time() - 10_000
    for i in range(n):
        run = Run(id=f"r-{i:02d}", task=Task(text=f"task {i}"), model="scripted", status=RunStatus.succeeded,
                  steps=(i * 7) % 5, created_at=now + i)
        store.create_run(run)
        ids.append(run.id)
    return ids


def test_runs_list_sorts_and_pages_globally(_home):
    """Before: `runs list` had no --sort and no --page/--offset ("No such option")."""
    _home.mkdir(parents=True, exist_ok=True)
    _seed_runs(_home, 7)
    every = json.loads(mh("runs", "list", "--sort", "steps", "--limit", "50", "--json").stdout)
    assert len(every) == 7
    steps = [r["steps"] for r in every]
    assert steps == sorted(steps, reverse=True)  # most steps first
    pages = []
    for page in (1, 2, 3):
        out = mh("runs", "list", "--sort", "steps", "--limit", "3", "--page", str(page), "--json")
        assert out.returncode == 0, out.stderr
        pages += json.loads(out.stdout)
    assert [r["id"] for r in pages] == [r["id"] for r in every]  # the order is global, not per page
    offset = json.loads(mh("runs", "list", "--sort", "steps", "--limit", "2", "--offset", "3", "--json").stdout)
    assert [r["id"] for r in offset] == [r["id"] for r in every][3:5]
    rev = json.loads(mh("runs", "list", "--sort", "steps", "--reverse", "--json").stdout)
    assert [r["steps"] for r in rev] == sorted(steps)
    table = mh("runs", "list", "--sort", "steps", "--limit", "3", "--page", "2")
    said = " ".join(table.stdout.split())
    assert [r["id"] for r in every][3] in said and "--page 3" in said, table.stdout
    bad = mh("runs", "list", "--sort", "stpes")
    assert bad.returncode == 2 and "steps" in bad.stderr  # names the fix
