"""The embedded model answers a chat message offline, streamed token by token (llama.cpp in-process)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from macrohard.chat import Conversation, MessageDone, TokenEvent
from macrohard.models import get_model
from macrohard.models.local_chat import PROMPT_CHARS, chat_turns
from macrohard.store.conversations import ConversationStore

pytestmark = pytest.mark.model


def test_the_embedded_model_streams_an_answer_that_is_stored(store):
    model = get_model("local")
    conv = Conversation.start(ConversationStore(store), model)
    events = list(conv.send("Say hello in one short sentence."))
    tokens = [e.text for e in events if isinstance(e, TokenEvent)]
    done = events[-1]
    assert isinstance(done, MessageDone) and not done.withheld
    assert done.text.strip() and "".join(tokens).strip() == done.text  # what streamed is what was stored
    assert conv.history()[-1].text == done.text


def test_the_model_streams_more_than_one_chunk_and_ends_with_the_whole_reply():
    model = get_model("local")
    chunks = list(model.stream([{"role": "system", "content": "You are helpful."},
                                {"role": "user", "content": "Name three colours."}], []))
    assert len([c for c in chunks if c.text]) > 1 and chunks[-1].reply is not None
    assert chunks[-1].reply.text == "".join(c.text for c in chunks)
    assert chunks[-1].reply.usage.completion_tokens == len([c for c in chunks if c.text])


def test_macrohard_chat_answers_offline_by_default(_home):
    env = {k: v for k, v in os.environ.items() if k != "MACROHARD_MODEL"}
    res = subprocess.run([sys.executable, "-m", "macrohard", "chat"], input="hello\n", capture_output=True,
                         text=True, env={**env, "MACROHARD_HOME": str(_home)}, timeout=300)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "model local:smollm2" in res.stdout and "macrohard> " in res.stdout


def test_a_long_conversation_still_fits_the_embedded_models_context():
    messages = [{"role": "system", "content": "You are helpful."}]
    for i in range(8):
        messages.append({"role": "user" if i % 2 == 0 else "assistant", "content": f"word{i} " * 300})
    messages.append({"role": "user", "content": "hi"})
    turns = chat_turns(messages)
    assert turns[0]["role"] == "system" and turns[-1] == {"role": "user", "content": "hi"}
    assert turns[1]["role"] == "user" and sum(len(t["content"]) for t in turns) <= PROMPT_CHARS
    # before, 3,088 tokens went to llama.cpp's 2,048-token context: ValueError, the turn lost
    reply = list(get_model("local").stream(messages, []))[-1].reply
    assert reply.text.strip()
