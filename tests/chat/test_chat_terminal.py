"""`macrohard chat` in a real terminal (a pty): the prompt, a streamed answer, a delegated run's question
answered inline with y, and Ctrl-D to end."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import time

from macrohard.store.conversations import ConversationStore
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import FakeOpenAIServer


def _converse(args: list[str], env: dict[str, str], script: list[tuple[bytes, bytes]]) -> str:
    """Run ``args`` in a pty; each time the output shows a cue (in order), type its answer."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    out, seen, deadline = b"", 0, time.monotonic() + 120
    pending = list(script)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            while pending and pending[0][0] in out[seen:]:  # several cues may arrive in one read
                seen = out.index(pending[0][0], seen) + len(pending[0][0])
                os.write(master, pending.pop(0)[1])
        elif proc.poll() is not None:
            break
    proc.wait(timeout=60)
    os.close(master)
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode(errors="replace")).replace("\r", "")


def test_a_terminal_conversation_with_a_question_answered_inline(tmp_path, _home):
    policy = tmp_path / "ask.yaml"
    policy.write_text("rules:\n  - {id: ask-touch, programs: [touch], decision: ask, reason: 'creating files needs a person'}\n")
    worker = tmp_path / "worker.json"
    worker.write_text(json.dumps([{"kind": "bash", "command": "touch made.txt"}, {"kind": "finish", "answer": "made"}]))
    replies = [{"text": "Handing it over.", "tool_calls": [
                   {"name": "delegate", "arguments": {"division": "operator", "task": "touch made.txt"}}]},
               {"text": "The operator made the file for you."}]
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200"}
    with FakeOpenAIServer(replies, chunk_delay=0.05) as server:
        out = _converse([sys.executable, "-m", "macrohard", "chat", "--model", server.url, "--run-model",
                         f"scripted:{worker}", "--policy", str(policy)], env,
                        [(b"you>", b"please make the file\n"), (b"Allow this action?", b"y\n"),
                         (b"made the file for you.", b""), (b"you>", b"\x04")])
    assert "made the file for you." in out, out
    assert "(Ctrl-D ends)" in out and "macrohard> Handing it over." in out
    assert "The guard asks:" in out and "touch made.txt" in out and "creating files needs a person" in out
    assert "macrohard> The operator made the file for you." in out and "continue it: macrohard chat --continue" in out
    chats = ConversationStore(SQLiteStore(_home / "runs.db"))
    (conv,) = chats.list()
    (run_id,) = chats.messages(conv.id)[-1].run_ids
    step = chats.store.steps(run_id)[0]
    assert step.verdict.allowed and step.verdict.approved_by == "user" and not step.observation.error


def test_the_answer_screens_missing_graph_is_said_before_the_first_prompt(tmp_path, _home):
    """ux56: with the MiniLM graph not built (a fresh HOME's cache), the warning "the answer screen runs on its n-gram
    model alone …" came from the background warm-up a second after the first "you>", into the line being typed."""
    env = {**os.environ, "MACROHARD_HOME": str(_home), "MACROHARD_CACHE": str(tmp_path / "empty-cache"),
           "COLUMNS": "300"}
    with FakeOpenAIServer([]) as server:
        master, slave = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "macrohard", "chat", "--model", server.url],
                                stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        out, prompt_at, deadline = b"", None, time.monotonic() + 60
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                out += chunk
            if prompt_at is None and b"you>" in out:
                prompt_at = time.monotonic()
            # the warm-up starts a second after the prompt and says it at once: 5 s is room to hear it
            if prompt_at is not None and (b"n-gram model alone" in out or time.monotonic() > prompt_at + 5):
                break
        os.write(master, b"\x04")
        proc.wait(timeout=60)
        os.close(master)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", out.decode(errors="replace"))
    assert "n-gram model alone" in text, text
    assert text.index("n-gram model alone") < text.index("you>"), text
