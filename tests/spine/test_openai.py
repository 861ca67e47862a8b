"""The OpenAI-compatible backend against a real HTTP server on loopback."""

from __future__ import annotations

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.errors import ModelUnavailable
from macrohard.models import get_model
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.safety.guard import Guard
from macrohard.testing import FakeOpenAIServer
from macrohard.types import RunStatus, Task


def test_tool_calls_usage_and_request_shape():
    with FakeOpenAIServer([{"tool_calls": [{"name": "bash", "arguments": {"command": "ls"}}]}]) as srv:
        model = OpenAICompatModel(srv.url, "m1")
        reply = model.complete([{"role": "user", "content": "hi"}], [{"type": "function", "function": {"name": "bash"}}])
    assert reply.tool_calls[0].name == "bash" and '"ls"' in reply.tool_calls[0].arguments
    assert reply.usage.prompt_tokens == 10 and reply.usage.completion_tokens == 5
    assert srv.requests[0]["model"] == "m1" and srv.requests[0]["tools"][0]["function"]["name"] == "bash"


def test_retries_429_and_5xx_then_succeeds():
    with FakeOpenAIServer([429, 503, {"text": "hello"}]) as srv:
        reply = OpenAICompatModel(srv.url, "m", max_retries=3).complete([{"role": "user", "content": "x"}], [])
    assert reply.text == "hello" and len(srv.requests) == 3


def test_gives_up_after_max_retries():
    with FakeOpenAIServer([500, 500, 500]) as srv:
        with pytest.raises(ModelUnavailable, match="kept failing: HTTP 500"):
            OpenAICompatModel(srv.url, "m", max_retries=1).complete([], [])


def test_unreachable_server_names_the_fix():
    with FakeOpenAIServer() as srv:
        url = srv.url
    with pytest.raises(ModelUnavailable, match="cannot reach the model server.*--model"):
        OpenAICompatModel(url, "m", max_retries=0).complete([], [])


def test_missing_key_names_the_variable(monkeypatch):
    monkeypatch.delenv("XAI_API_KEY", raising=False)
    model = get_model("xai")
    with pytest.raises(ModelUnavailable, match="set XAI_API_KEY"):
        model.complete([], [])
    assert model.check() == "no API key: set XAI_API_KEY"


def test_bad_key_is_reported():
    with FakeOpenAIServer(api_key="right") as srv:
        model = OpenAICompatModel(srv.url, "m", api_key="wrong", key_env="MY_KEY")
        with pytest.raises(ModelUnavailable, match="refused.*MY_KEY"):
            model.complete([], [])
        assert "refused the key" in model.check()


def test_full_loop_over_http(workspace, store):
    replies = [
        {"text": "I will write the file.", "tool_calls": [{"name": "write_file", "arguments": {"path": "a.txt", "content": "A"}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "wrote a.txt"}}]},
    ]
    task = Task(text="write a.txt")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        with FakeOpenAIServer(replies) as srv:
            run = Agent(get_model(srv.url + "#fake"), env, Guard(), store).run(task)
    finally:
        env.close()
    assert run.status is RunStatus.succeeded and (workspace / "a.txt").read_text() == "A"
    assert run.usage.total == 30
    second = srv.requests[1]["messages"]
    assert second[-2]["tool_calls"][0]["function"]["name"] == "write_file"
    assert second[-1]["role"] == "tool" and second[-1]["tool_call_id"] == second[-2]["tool_calls"][0]["id"]
    assert store.steps(run.id)[0].thought == "I will write the file."


def test_unreachable_model_run_is_recorded_failed(workspace, store):
    with FakeOpenAIServer() as srv:
        url = srv.url
    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        with pytest.raises(ModelUnavailable):
            Agent(OpenAICompatModel(url, "m", max_retries=0), env, Guard(), store).run(task)
    finally:
        env.close()
    run = store.list_runs()[0]
    assert run.status is RunStatus.failed and "cannot reach" in run.error
