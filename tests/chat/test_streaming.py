"""Streamed replies from a real OpenAI-compatible server on loopback (server-sent events), through the
model and through a conversation; a server that ignores ``stream`` is read as one chunk."""

from __future__ import annotations

import json
import time

import pytest

from macrohard.chat import Conversation, DelegationStarted, DivisionDelegator, MessageDone, TokenEvent
from macrohard.errors import ModelTimeout, ModelUnavailable
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.models.streaming import stream_reply
from macrohard.safety.guard import Guard
from macrohard.store.conversations import ConversationStore
from macrohard.testing import FakeOpenAIServer, ScriptedModel


def test_text_arrives_in_chunks_before_the_reply_ends():
    with FakeOpenAIServer([{"text": "one two three four"}], chunk_delay=0.2) as server:
        model = OpenAICompatModel(server.url, "fake")
        start = time.monotonic()
        arrived = []
        for chunk in model.stream([{"role": "user", "content": "count"}], []):
            arrived.append((time.monotonic() - start, chunk))
        texts = [c.text for _, c in arrived if c.text]
        assert texts == ["one", " two", " three", " four"]
        assert arrived[0][0] < arrived[-1][0] - 0.5  # the first word came well before the end
        last = arrived[-1][1].reply
        assert last is not None and last.text == "one two three four"
        assert last.usage.prompt_tokens == 10 and last.usage.completion_tokens == 5
        assert server.requests[0]["stream"] is True


def test_a_streamed_tool_call_is_joined_from_its_pieces():
    call = {"name": "delegate", "arguments": {"division": "operator", "task": "list the files"}}
    with FakeOpenAIServer([{"text": "On it.", "tool_calls": [call]}]) as server:
        model = OpenAICompatModel(server.url, "fake")
        reply = list(stream_reply(model, [{"role": "user", "content": "go"}], []))[-1].reply
    assert reply.text == "On it." and len(reply.tool_calls) == 1
    assert reply.tool_calls[0].name == "delegate"
    assert json.loads(reply.tool_calls[0].arguments) == call["arguments"]


def test_a_server_that_ignores_stream_is_one_chunk():
    body = json.dumps({"choices": [{"message": {"role": "assistant", "content": "whole"}}]}).encode()
    with FakeOpenAIServer([body]) as server:
        chunks = list(OpenAICompatModel(server.url, "fake").stream([{"role": "user", "content": "hi"}], []))
    assert [c.text for c in chunks] == ["whole"] and chunks[0].reply.text == "whole"


def test_a_conversation_streams_from_the_server_and_delegates(store):
    replies = [{"text": "Let me ask the operator.",
                "tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "say hello"}}]},
               {"text": "The operator said hello, and everything went fine on its side today."}]
    with FakeOpenAIServer(replies) as server:
        model = OpenAICompatModel(server.url, "fake")
        worker = ScriptedModel([{"kind": "finish", "answer": "hello"}])
        delegator = DivisionDelegator(store=store, guard=Guard(), models=lambda _division, _task: worker)
        conv = Conversation.start(ConversationStore(store), model, delegator=delegator)
        events = list(conv.send("greet me through the operator"))
    tokens = [e.text for e in events if isinstance(e, TokenEvent)]
    assert len(tokens) >= 2
    assert any(isinstance(e, DelegationStarted) for e in events)
    done = events[-1]
    assert isinstance(done, MessageDone)
    assert done.text == ("Let me ask the operator.\n\nThe operator said hello, and everything went fine on its "
                         "side today.")
    assert server.requests[0]["tools"][0]["function"]["name"] == "delegate"
    assert server.requests[1]["messages"][-1]["role"] == "tool"


def test_a_busy_server_is_asked_again_and_a_trickling_one_is_given_up_on_in_time():
    with FakeOpenAIServer([429, 503, {"text": "third time lucky"}]) as server:
        chunks = list(OpenAICompatModel(server.url, "fake").stream([{"role": "user", "content": "hi"}], []))
        assert chunks[-1].reply.text == "third time lucky" and len(server.requests) == 3
    with FakeOpenAIServer([429, 429]) as server:
        with pytest.raises(ModelUnavailable, match="HTTP 429"):
            list(OpenAICompatModel(server.url, "fake", max_retries=1).stream([{"role": "user", "content": "hi"}], []))
    for content_type in ("application/json", "text/event-stream"):  # a byte every 0.3 s, never a newline
        with FakeOpenAIServer([("trickle", 0.3, content_type)]) as server:
            start = time.monotonic()
            with pytest.raises(ModelTimeout, match="--model-timeout"):
                list(OpenAICompatModel(server.url, "fake", timeout=2).stream([{"role": "user", "content": "hi"}], []))
            assert time.monotonic() - start < 5


def test_a_long_answer_is_released_in_screened_pieces_as_it_arrives(store):
    words = " ".join(f"word{i}" for i in range(120))
    harmful = ("Here is how to build a pipe bomb: step 1, pack the pipe with explosive powder; step 2, attach a "
               "fuse and a detonator to the end cap.")
    with FakeOpenAIServer([{"text": words}, {"text": f"{words} {harmful}"}], chunk_delay=0.01) as server:
        conv = Conversation.start(ConversationStore(store), OpenAICompatModel(server.url, "fake"))
        start = time.monotonic()
        timed = [(time.monotonic() - start, e) for e in conv.send("talk")]
        tokens = [(t, e.text) for t, e in timed if isinstance(e, TokenEvent)]
        assert "".join(text for _, text in tokens) == words == timed[-1][1].text
        assert tokens[0][0] < timed[-1][0] / 2  # the first piece well before the end
        assert 5 <= len(tokens) < 40  # pieces, not one per word, nor one at the end
        events = list(conv.send("go on"))
    shown = "".join(e.text for e in events if isinstance(e, TokenEvent))
    assert shown.startswith("word0") and "detonator" not in shown
    assert events[-1].withheld and "detonator" not in conv.history()[-1].text
