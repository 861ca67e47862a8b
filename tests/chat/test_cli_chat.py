"""`macrohard chat` as a user runs it: a real process fed on stdin, the real store, a real HTTP model server
on loopback and a real sandboxed sub-run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from macrohard.store.conversations import ConversationStore
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer

BIN = [sys.executable, "-m", "macrohard"]


def mh(*args: str, home: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([*BIN, *args], input=stdin, capture_output=True, text=True, env=env, timeout=300)


def script(tmp_path: Path, items: list) -> str:
    path = tmp_path / f"script{len(list(tmp_path.glob('script*')))}.json"
    path.write_text(json.dumps(items))
    return f"scripted:{path}"


def test_history_is_stored_continue_resumes_and_chats_list_shows_it(_home, tmp_path):
    res = mh("chat", "--model", script(tmp_path, ["Hello, I am here.", "Two plus two is four."]), home=_home,
             stdin="hello\n\nwhat is two plus two?\n")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "macrohard> Hello, I am here." in res.stdout and "macrohard> Two plus two is four." in res.stdout
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list()
    assert [(m.role, m.text) for m in chats.messages(conv.id)] == [
        ("user", "hello"), ("assistant", "Hello, I am here."), ("user", "what is two plus two?"),
        ("assistant", "Two plus two is four.")]

    model = script(tmp_path, ["You asked about two plus two."])
    res = mh("chat", "--continue", "--model", model, home=_home, stdin="what did I ask?\n")
    assert res.returncode == 0, res.stdout + res.stderr
    assert conv.id in res.stdout and "you> what is two plus two?" in res.stdout  # the history, shown again
    assert [m.text for m in chats.messages(conv.id)][-2:] == ["what did I ask?", "You asked about two plus two."]
    res = mh("chat", "--continue", conv.id[-6:], "--model", model, home=_home, stdin="")  # by a part of its id
    assert res.returncode == 0 and conv.id in res.stdout

    listed = mh("chats", "list", home=_home)
    assert conv.id in listed.stdout and "hello" in listed.stdout and "6" in listed.stdout
    rows = json.loads(mh("chats", "list", "--json", home=_home).stdout)
    assert [(r["id"], r["title"], r["messages"]) for r in rows] == [(conv.id, "hello", 6)]
    shown = mh("chats", "show", conv.id, home=_home).stdout
    assert "you> what did I ask?" in shown and "macrohard> You asked about two plus two." in shown
    assert [m["text"] for m in json.loads(mh("chats", "show", conv.id, "--json", home=_home).stdout)["messages"]][:2] \
        == ["hello", "Hello, I am here."]


def test_a_continued_conversation_keeps_its_model(_home, tmp_path):
    model = script(tmp_path, ["first answer", "second answer"])
    assert mh("chat", "--model", model, home=_home, stdin="one\n").returncode == 0
    res = mh("chat", "--continue", home=_home, stdin="two\n")  # no --model: the conversation's own
    assert res.returncode == 0 and f"model {model}" in res.stdout, res.stdout + res.stderr


def test_continue_names_the_fix_when_there_is_nothing_or_no_such_conversation(_home, tmp_path):
    res = mh("chat", "--continue", "--model", script(tmp_path, []), home=_home)
    assert res.returncode == 2 and "start one with `macrohard chat`" in res.stderr
    res = mh("chat", "c-nope", "--model", script(tmp_path, []), home=_home)
    assert res.returncode == 2 and "--continue c-nope" in res.stderr


def test_a_delegated_run_is_shown_live_and_its_question_answered_inline(_home, tmp_path):
    replies = [{"text": "I will ask the operator.", "tool_calls": [
                   {"name": "delegate", "arguments": {"division": "operator", "task": "greet, then check uptime"}}]},
               {"text": "The operator greeted you; I did not let it use ssh."}]
    worker = script(tmp_path, [{"kind": "bash", "command": "echo hello-from-the-sandbox"},
                               {"kind": "bash", "command": "ssh build@127.0.0.1 uptime"},
                               {"kind": "finish", "answer": "greeted"}])
    with FakeOpenAIServer(replies) as server:
        res = mh("chat", "--model", server.url, "--run-model", worker, "--network", "loopback", home=_home,
                 stdin="please greet me\nn\n")
    out = res.stdout
    assert res.returncode == 0, out + res.stderr
    assert "→ delegated to operator" in out and "$ echo hello-from-the-sandbox" in out
    assert "hello-from-the-sandbox" in out.split("$ echo hello-from-the-sandbox", 1)[1]  # its output, live
    assert "The guard asks: $ ssh build@127.0.0.1 uptime" in out and "Allow this action? [y/N]: n" in out
    assert "succeeded" in out and "macrohard> The operator greeted you" in out
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list()
    answer = chats.messages(conv.id)[-1]
    assert len(answer.run_ids) == 1
    steps = chats.store.steps(answer.run_ids[0])
    assert steps[1].action.command == "ssh build@127.0.0.1 uptime" and not steps[1].verdict.allowed


def test_a_model_that_is_down_names_the_fix_and_the_chat_goes_on(_home):
    res = mh("chat", "--model", "http://127.0.0.1:9/v1", home=_home, stdin="hello?\nstill there?\n")
    assert res.returncode == 0, res.stdout + res.stderr
    assert res.stderr.count("cannot reach the model server at http://127.0.0.1:9/v1") == 2
    assert "choose another with --model" in res.stderr
    res = mh("chat", "--model", "xai", home=_home, stdin="hi\n")
    assert "set XAI_API_KEY" in res.stderr


def test_a_message_over_the_limit_is_refused_with_the_limit(_home, tmp_path):
    res = mh("chat", "--model", script(tmp_path, ["short answer"]), home=_home, stdin="x" * 20_001 + "\nok\n")
    assert res.returncode == 0
    assert "more than the limit of 20,000" in res.stderr and "macrohard> short answer" in res.stdout


def test_ctrl_c_at_a_question_stops_the_delegated_run_and_keeps_the_conversation(_home, tmp_path):
    replies = [{"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "ssh somewhere"}}]}]
    worker = script(tmp_path, [{"kind": "bash", "command": "ssh build@127.0.0.1 uptime"},
                               {"kind": "bash", "command": "echo after"}, {"kind": "finish", "answer": "x"}])
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200"}
    with FakeOpenAIServer(replies) as server:
        proc = subprocess.Popen([*BIN, "chat", "--model", server.url, "--run-model", worker, "--network", "loopback"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env)
        proc.stdin.write("please do it\n")
        proc.stdin.flush()
        seen = ""
        while "Allow this action?" not in seen:
            line = proc.stdout.readline() if "The guard asks" not in seen else proc.stdout.read(1)
            assert line, seen + proc.stderr.read()
            seen += line
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, seen + out + err
    assert "stopping: a delegated run ends after its current step" in err and "macrohard chat --continue" in err
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (run,) = chats.store.list_runs()
    assert run.status.value == "interrupted" and run.steps == 1  # the question was a no; nothing after it ran
    (conv,) = chats.list()
    # rel47: the cut turn is kept with a note that it was cut, naming the run it delegated (before: the user's alone)
    messages = chats.messages(conv.id)
    assert [m.text for m in messages][:1] == ["please do it"] and len(messages) == 2, [m.text for m in messages]
    assert messages[1].text.startswith("[the answer was cut: ") and messages[1].run_ids == [run.id], messages[1]
