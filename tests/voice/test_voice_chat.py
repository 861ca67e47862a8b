"""`macrohard chat --voice` as a user runs it, with recordings instead of a microphone: the spoken task goes
through chat → delegate → guard → sandbox like a typed one, the answer is spoken clause by clause into WAV
files, and the guard's question is spoken and answered by voice (only a confident yes allows)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from macrohard.store.conversations import ConversationStore
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer
from macrohard.voice import audio, confirm, stt, wer
from macrohard.voice.stt import Transcript

BIN = [sys.executable, "-m", "macrohard"]


def last_user(body: dict) -> str:
    return [m for m in body["messages"] if m["role"] == "user"][-1]["content"]


def chat_model(body: dict) -> dict:
    """A stand-in chat model: delegates what it was told, word for word; then reports the run's outcome."""
    if body["messages"][-1]["role"] == "tool":
        outcome = body["messages"][-1]["content"]
        return {"text": f"Done. The operator's run {'succeeded' if 'succeeded' in outcome else 'did not succeed'}. "
                        "Anything else?"}
    return {"text": "On it.", "tool_calls": [{"name": "delegate", "arguments": {
        "division": "operator", "task": f"The user said: {last_user(body)}"}}]}


def worker_model(body: dict) -> dict:
    """A stand-in worker that acts on the words it was sent: "a file named NAME [dot] EXT" becomes
    `touch NAME.EXT`; "uptime" becomes an ssh the guard asks about. Understanding speech is the recogniser's job."""
    said = body["messages"][1]["content"].lower()
    if any(m["role"] == "tool" or m["role"] == "user" and "Observation" in m["content"] for m in body["messages"][2:]) \
            or len(body["messages"]) > 3:
        return {"tool_calls": [{"name": "finish", "arguments": {"answer": "done"}}]}
    found = re.search(r"file name[d]? (\w+)(?: dot)? (txt|text)\b", said)
    if found:
        return {"tool_calls": [{"name": "bash", "arguments": {"command": f"touch {found.group(1)}.txt && ls"}}]}
    return {"tool_calls": [{"name": "bash", "arguments": {"command": "ssh build@127.0.0.1 uptime"}}]}


def mh(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([*BIN, *args], capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def recordings() -> dict[str, Path]:
    """A person saying the task, asking for the uptime, yes and no (data/README.md: how they were made)."""
    data = Path(__file__).parent / "data"
    return {"task": data / "notes.wav", "uptime": data / "uptime.wav", "yes": data / "yes.wav", "no": data / "no.wav"}


def test_a_spoken_task_is_carried_out_through_the_guard_and_the_answer_is_spoken(_home, tmp_path, recordings):
    out = tmp_path / "answers"
    with FakeOpenAIServer([chat_model, chat_model]) as chat, FakeOpenAIServer([worker_model] * 4) as worker:
        res = mh("chat", "--voice", "--audio-in", str(recordings["task"]), "--audio-out", str(out),
                 "--model", chat.url, "--run-model", worker.url, home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "you (heard)> create a file" in res.stdout and "→ delegated to operator" in res.stdout
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list()
    heard, answer = chats.messages(conv.id)
    name = re.search(r"file named? (notes?)(?: dot)? (?:txt|text)\b", heard.text)
    assert heard.role == "user" and name, heard.text
    assert answer.text.startswith("On it.")
    (run_id,) = answer.run_ids
    run = chats.store.get_run(run_id)
    assert run.status.value == "succeeded" and heard.text in run.task.text
    first = chats.store.steps(run_id)[0]
    assert first.action.command.startswith(f"touch {name.group(1)}.txt") and first.verdict.allowed  # reviewed, done
    assert f"{name.group(1)}.txt" in first.observation.output
    clauses = [json.loads(line) for line in (out / "clauses.jsonl").read_text().splitlines()]
    spoken = " ".join(c["text"] for c in clauses)
    assert "On it." in spoken and "succeeded" in spoken
    for c in clauses:  # each clause is real speech that says what it should
        assert wer.wer([(c["text"], stt.transcribe(out / c["file"]).text)]) <= 0.5, c


@pytest.mark.parametrize("reply, allowed", [("yes", True), ("no", False), ("silence", False)])
def test_the_guards_question_is_spoken_and_answered_by_voice(_home, tmp_path, recordings, reply, allowed):
    if reply == "silence":
        recordings = {**recordings, "silence": audio.write_wav(tmp_path / "s.wav", np.zeros(32_000, np.int16), 16_000)}
    out = tmp_path / "answers"
    with FakeOpenAIServer([chat_model, chat_model]) as chat, FakeOpenAIServer([worker_model] * 4) as worker:
        res = mh("chat", "--voice", "--audio-in", str(recordings["uptime"]), "--audio-in", str(recordings[reply]),
                 "--audio-out", str(out), "--model", chat.url, "--run-model", worker.url, "--network", "loopback",
                 home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    clauses = [json.loads(line) for line in (out / "clauses.jsonl").read_text().splitlines()]
    asked = [c for c in clauses if c["text"].startswith("The guard asks before this step: run the command ssh")]
    assert len(asked) == 1, clauses
    assert ("Allowed." if allowed else "Denied.") in [c["text"] for c in clauses]
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (run,) = chats.store.list_runs()
    ssh = chats.store.steps(run.id)[0]
    assert ssh.action.command == "ssh build@127.0.0.1 uptime" and ssh.verdict.allowed is allowed


def test_an_unsure_yes_is_a_no():
    assert confirm.heard_yes(Transcript("yes", 0.9, "whisper"))
    assert confirm.heard_yes(Transcript("yes please go ahead", 0.6, "pocketsphinx"))
    assert not confirm.heard_yes(Transcript("yes", 0.2, "whisper"))  # unsure
    assert not confirm.heard_yes(Transcript("yes no", 0.9, "whisper"))  # mixed
    assert not confirm.heard_yes(Transcript("the bus was late", 0.9, "whisper"))
    assert not confirm.heard_yes(None)


def test_voice_without_a_microphone_names_the_file_options(_home, tmp_path, recordings):
    (tmp_path / "s.json").write_text('["never said"]')
    res = mh("chat", "--voice", "--model", f"scripted:{tmp_path / 's.json'}", home=_home)
    if res.returncode == 0:
        pytest.skip("this machine has a microphone")
    assert res.returncode == 2 and "--audio-in question.wav --audio-out answers/" in res.stderr, res.stderr
    res = mh("chat", "--voice", "--audio-in", str(recordings["yes"]), home=_home)
    assert res.returncode == 2 and "--audio-out DIR" in res.stderr
    res = mh("chat", "--voice", "--audio-in", str(tmp_path / "absent.wav"), "--audio-out", str(tmp_path), home=_home)
    assert res.returncode == 2 and "no such audio file" in res.stderr
