"""The front door's items ux49 left open (helper ux49b): `chat --json`, `serve`'s first words, the divisions table at
80 columns. (The web chat page's slash commands: tests/server/test_chat_slash_ux49b.py.)

Each test was seen failing on the code before its fix (RESULTS.md, ux49b)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from tests.cli_in_process import _ConsoleScript, mh

from macrohard.store.conversations import LOCAL_OWNER, ConversationStore
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer


def _script(home: Path, items: list) -> str:
    home.mkdir(parents=True, exist_ok=True)
    path = home / f"script{len(list(home.glob('script*')))}.json"
    path.write_text(json.dumps(items))
    return f"scripted:{path}"


def _mh_in(args: list[str], stdin: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(_ConsoleScript(), args, input=stdin, env={"COLUMNS": "80"})  # type: ignore[arg-type]
    return res.exit_code, res.stdout, res.stderr


# -- chat --json --------------------------------------------------------------------------------------------------------

def test_chat_json_sends_one_message_and_prints_the_answer(_home):
    """Before: `chat` had no --json ("No such option"); a script had to scrape the terminal's lines."""
    model = _script(_home, ["Two plus two is four."])
    out = mh("chat", "--json", "--model", model, "what is two plus two?")
    assert out.returncode == 0, out.stderr
    said = json.loads(out.stdout)  # the whole of stdout is one JSON object
    assert said["answer"] == "Two plus two is four." and said["message"] == "what is two plus two?"
    assert said["runs"] == [] and said["error"] is None and said["withheld"] is False
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list(LOCAL_OWNER, limit=5)
    assert said["conversation"] == conv.id
    assert [m.text for m in chats.messages(conv.id)] == ["what is two plus two?", "Two plus two is four."]


def test_chat_json_reads_the_message_from_stdin_and_continues(_home):
    model = _script(_home, ["first answer"])
    # ux51: stdin is one message a line (JSON Lines out); a message over several lines is sent as {"message": ...}
    code, out, err = _mh_in(["chat", "--json", "--model", model], json.dumps({"message": "hello\nover two lines"}) + "\n")
    assert code == 0, err
    first = json.loads(out)
    assert first["message"] == "hello\nover two lines" and first["answer"] == "first answer"
    later = _script(_home, ["second answer"])  # a scripted model starts its list again in each process
    code, out, err = _mh_in(["chat", "--json", "--continue", first["conversation"], "--model", later], "and then?\n")
    assert code == 0, err
    second = json.loads(out)
    assert second["conversation"] == first["conversation"] and second["answer"] == "second answer"


def test_chat_json_lists_the_runs_it_started(_home):
    replies = [{"text": "I will ask the operator.", "tool_calls": [
                   {"name": "delegate", "arguments": {"division": "operator", "task": "say done"}}]},
               {"text": "The operator is done."}]
    worker = _script(_home, [{"kind": "finish", "answer": "done"}])
    with FakeOpenAIServer(replies) as server:  # a model server on loopback that delegates
        out = mh("chat", "--json", "--model", server.url, "--run-model", worker, "ask the operator to say done")
    assert out.returncode == 0, out.stderr
    said = json.loads(out.stdout)
    (run,) = said["runs"]
    assert run["division"] == "operator" and run["status"] == "succeeded" and run["task"] == "say done"
    assert said["answer"].endswith("The operator is done.")  # the whole message, as stored
    shown = json.loads(mh("runs", "show", run["run_id"], "--json").stdout)
    assert shown["run"]["id"] == run["run_id"] and shown["run"]["status"] == "succeeded"


def test_chat_json_errors_are_json_with_a_nonzero_exit(_home):
    model = _script(_home, ["never said"])
    code, out, _ = _mh_in(["chat", "--json", "--continue", "c-nope", "--model", model], "hello\n")  # no such one
    assert code == 2, out
    said = json.loads(out)
    assert "c-nope" in said["error"] or "conversation" in said["error"]
    code, out, _ = _mh_in(["chat", "--json", "--model", model], "   \n")  # nothing to send
    assert code == 2
    assert "message" in json.loads(out)["error"]
    down = mh("chat", "--json", "--model", "http://127.0.0.1:9/v1", "--model-timeout", "2", "hello")  # no server
    assert down.returncode != 0
    said = json.loads(down.stdout)
    assert said["error"], said


# -- serve's first words ------------------------------------------------------------------------------------------------

def test_serve_says_the_url_and_how_to_stop_it(_home):
    """Before: the first start printed the login URL and nothing on how to stop the server (nor where the app is once
    logged in); a later start the URL only."""
    import signal

    from tests.server.conftest import Server

    _home.mkdir(parents=True, exist_ok=True)
    first = Server(_home).start()
    try:
        said = " ".join(first.output.split())
        assert first.token and f"{first.url}/login?token={first.token}" in said, said
        assert "Ctrl-C stops" in said and f"{first.url}/ " in said, said
    finally:
        first.proc.send_signal(signal.SIGINT)  # what it says stops it does
        assert first.proc.wait(20) in (0, 130)
        first.stop()
        assert "Traceback" not in first._read()
    later = Server(_home)
    later.start()
    try:
        said = " ".join(later.output.split())
        assert later.token is None and f"{later.url}/" in said and "Ctrl-C stops" in said, said
    finally:
        later.stop()


# -- the divisions table at 80 columns ----------------------------------------------------------------------------------

def test_divisions_table_fits_80_columns_without_cutting_words():
    """Before: at 80 columns the "environments" header came out as "environment" / "s" (rich's fold)."""
    import os
    import re
    import subprocess
    import sys

    from macrohard.divisions import load_divisions

    for columns in (80, 100):  # its own process: the in-process console keeps the width it was first made with
        out = subprocess.run([sys.executable, "-m", "macrohard", "divisions"], capture_output=True, text=True,
                             env={**os.environ, "COLUMNS": str(columns)}, timeout=60)
        assert out.returncode == 0, out.stderr
        lines = out.stdout.splitlines()
        assert max(len(line) for line in lines) <= columns, out.stdout
        words = set(re.split(r"[\s│┃]+", out.stdout))
        wanted = {"name", "description", "environments", "actions", "policy", "steps", "model"}
        for d in load_divisions().values():
            wanted |= {w.rstrip(",") for w in (d.description.split() + d.environments + d.actions) if w}
        cut = sorted(w for w in wanted if w not in words and w + "," not in words)
        assert not cut, (columns, cut, out.stdout)
