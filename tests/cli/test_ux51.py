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


# -- --json where a list or table is printed; every option says what it does -------------------------------------------

def test_serve_users_list_has_json_and_says_when_empty(_home):
    """Before: `serve users list` had no --json (tab-separated lines only) and printed nothing at all with no users."""
    _home.mkdir(parents=True, exist_ok=True)
    empty = mh("serve", "users", "list")
    assert empty.returncode == 0 and "serve users add" in empty.stdout, empty.stdout
    assert json.loads(mh("serve", "users", "list", "--json").stdout) == []
    assert mh("serve", "users", "add", "ann", "--role", "viewer").returncode == 0
    assert json.loads(mh("serve", "users", "list", "--json").stdout) == [{"name": "ann", "role": "viewer"}]


def test_policy_check_has_json(_home, tmp_path):
    """Before: `policy check` printed only a line ("No such option: --json"); a bad file is JSON too, exit 2."""
    from macrohard.safety.policy import DEFAULT_POLICY_PATH

    out = mh("policy", "check", str(DEFAULT_POLICY_PATH), "--json")
    assert out.returncode == 0, out.stderr
    said = json.loads(out.stdout)
    assert said["ok"] is True and said["rules"] > 0 and said["file"] == str(DEFAULT_POLICY_PATH)
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - nonsense: 1\n")
    out = mh("policy", "check", str(bad), "--json")
    assert out.returncode == 2
    said = json.loads(out.stdout)
    assert said["ok"] is False and said["error"], said


def test_every_option_says_what_it_does():
    """Before: `audit verify`, `audit show` and `policy try` listed `--json` with no words at all in --help."""
    from macrohard.cli import COMMANDS, load_command

    bare = []
    for name in COMMANDS:
        top = load_command(name)
        stack = [((name,), top)]
        while stack:
            words, cmd = stack.pop()
            stack += [((*words, sub), c) for sub, c in getattr(cmd, "commands", {}).items()]
            bare += [(words, p.opts[0]) for p in getattr(cmd, "params", [])
                     if getattr(p, "opts", None) and p.opts[0].startswith("--") and not getattr(p, "help", None)]
    assert not bare, bare


def test_imagine_describe_a_missing_video_names_the_fix(_home):
    """Before: "error: no video at nofile.mp4" and nothing on what to give instead."""
    _home.mkdir(parents=True, exist_ok=True)
    out = mh("imagine", "describe", "nofile.mp4")
    assert out.returncode == 2
    said = " ".join(out.stderr.split())
    assert "nofile.mp4" in said and "macrohard runs list" in said and "path" in said, said


def test_one_run_is_one_run_and_an_empty_audit_log_says_so(_home):
    """Before: "1 runs, by steps" over the table; `audit show` of a run with no records an empty table, no words."""
    _home.mkdir(parents=True, exist_ok=True)
    (run_id,) = _seed_runs(_home, 1)
    said = " ".join(mh("runs", "list", "--sort", "steps").stdout.split())
    assert "1 run," in said and "1 runs" not in said, said
    out = mh("audit", "show", run_id)
    assert out.returncode == 0
    said = " ".join(out.stdout.split())
    assert f"no audit records for {run_id}" in said and "┏" not in out.stdout, out.stdout
