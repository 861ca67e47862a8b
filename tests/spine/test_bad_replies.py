"""Malformed model replies over real HTTP on loopback (issue 10, finding 6): never a traceback.

A broken reply is either a format error the model sees as an observation, or a run that ends
``failed`` with the reason; the CLI prints the summary, not a stack.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.errors import FormatError, ModelReplyError
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.safety.guard import Guard
from macrohard.testing import FakeOpenAIServer
from macrohard.types import RunStatus, Task


def _completion(message, usage=None) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": message}],
                       "usage": usage if usage is not None else {"prompt_tokens": 3, "completion_tokens": 2}}).encode()


HTML = b"<!doctype html><html><body><h1>Welcome to nginx!</h1></body></html>"
MESSAGE_NULL = _completion(None)
USAGE_TEXT = _completion({"role": "assistant", "content": None, "tool_calls": [
    {"id": "c1", "type": "function", "function": {"name": "finish", "arguments": "{\"answer\": \"ok\"}"}}]},
    usage={"prompt_tokens": "many", "completion_tokens": [1]})
NULL_TOOL_NAME = _completion({"role": "assistant", "content": None, "tool_calls": [
    {"id": "c1", "type": "function", "function": {"name": None, "arguments": "{}"}}]})
NUL_IN_PATH = _completion({"role": "assistant", "content": None, "tool_calls": [
    {"id": "c1", "type": "function", "function": {"name": "read_file", "arguments": "{\"path\": \"a\\u0000b\"}"}}]})
FINISH = {"tool_calls": [{"name": "finish", "arguments": {"answer": "recovered"}}]}


def _run(replies, workspace, store, **budget):
    task = Task(text="read a file", budget=budget)
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        with FakeOpenAIServer(replies) as srv:
            run = Agent(OpenAICompatModel(srv.url, "m", max_retries=0), env, Guard(), store).run(task)
    finally:
        env.close()
    return run, store.steps(run.id), srv


@pytest.mark.parametrize("body", [MESSAGE_NULL, NULL_TOOL_NAME, NUL_IN_PATH], ids=["message-null", "null-tool-name",
                                                                                  "nul-in-path"])
def test_a_malformed_reply_goes_back_to_the_model_and_the_run_goes_on(body, workspace, store):
    run, steps, srv = _run([body, FINISH], workspace, store)
    assert run.status is RunStatus.succeeded and run.answer == "recovered"
    assert steps[0].action is None and steps[0].observation.error
    told = srv.requests[1]["messages"][-1]
    assert told["role"] == "user" and told["content"].startswith("Format error:")


def test_nul_in_a_path_is_named_to_the_model(workspace, store):
    _, steps, _ = _run([NUL_IN_PATH, FINISH], workspace, store)
    assert "NUL" in steps[0].observation.output and "path" in steps[0].observation.output


def test_non_numeric_usage_counts_as_zero_and_the_run_succeeds(workspace, store):
    run, _, _ = _run([USAGE_TEXT], workspace, store)
    assert run.status is RunStatus.succeeded and run.answer == "ok" and run.usage.total == 0


def test_malformed_replies_in_a_row_end_the_run_failed(workspace, store):
    run, steps, _ = _run([MESSAGE_NULL] * 3, workspace, store, max_format_errors=2)
    assert run.status is RunStatus.failed and "malformed replies in a row" in run.error
    assert len(steps) == 3


def test_an_html_page_with_status_200_fails_the_run_with_the_reason(workspace, store):
    run, _, _ = _run([HTML], workspace, store)
    assert run.status is RunStatus.failed
    assert "text/html, not JSON" in run.error and "Welcome to nginx" in run.error and "/v1" in run.error


@pytest.mark.parametrize("body, says", [
    (b"", "not JSON"), (b"{\"choices\": [", "not JSON"), (b"\xff\xfe\x00garbage", "not JSON"),
    (b"[1, 2]", "not an object"), (b"{\"error\": {\"message\": \"model not loaded\"}}", "model not loaded"),
])
def test_bodies_that_are_no_completion_are_a_clear_model_reply_error(body, says):
    with FakeOpenAIServer([body]) as srv:
        with pytest.raises(ModelReplyError, match=says):
            OpenAICompatModel(srv.url, "m", max_retries=0).complete([], [])


def test_a_completion_without_choices_is_a_format_error():
    with FakeOpenAIServer([b"{\"choices\": []}"]) as srv:
        with pytest.raises(FormatError, match="no choices"):
            OpenAICompatModel(srv.url, "m", max_retries=0).complete([], [])


def test_cli_shows_a_clean_failed_run_for_an_html_reply(tmp_path):
    with FakeOpenAIServer([HTML]) as srv:
        proc = subprocess.run([sys.executable, "-m", "macrohard", "run", "say hi", "--model", srv.url + "#m",
                               "--no-sandbox", "-w", str(tmp_path / "ws")],
                              capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr + proc.stdout
    assert proc.returncode == 1 and "failed" in proc.stdout and "not JSON" in proc.stdout
