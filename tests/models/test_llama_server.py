"""The real loop against llama.cpp's own OpenAI-compatible server (started by the fixture, bundled
SmolLM2, loopback port), through ``OpenAICompatModel``, and the unreachable-server error."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from macrohard.agent import parse_reply, tool_schemas
from macrohard.errors import ModelUnavailable
from macrohard.models import get_model
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.prompts import system_prompt
from macrohard.runner import run_task
from macrohard.types import (
    BashAction,
    EditFileAction,
    FinishAction,
    ListDirAction,
    ReadFileAction,
    RunStatus,
    Task,
    WriteFileAction,
)

ACTION_TYPES = [BashAction, ReadFileAction, WriteFileAction, EditFileAction, ListDirAction, FinishAction]
FINISHED = {RunStatus.succeeded, RunStatus.failed, RunStatus.out_of_budget, RunStatus.denied}


@pytest.fixture
def server_model(llama_server: str) -> Iterator[OpenAICompatModel]:
    with OpenAICompatModel(llama_server, "smollm2", max_retries=0, timeout=300, max_tokens=256) as model:
        yield model


@pytest.mark.model
@pytest.mark.slow
def test_server_answers_with_a_native_tool_call(server_model: OpenAICompatModel) -> None:
    model = server_model
    assert model.check() == ""
    messages = [{"role": "system", "content": system_prompt("shell", ACTION_TYPES)},
                {"role": "user", "content": "Task: Create a file named hi.txt containing the text hi"}]
    reply = model.complete(messages, tool_schemas(ACTION_TYPES))
    assert reply.model == "smollm2" and len(reply.tool_calls) == 1
    action, call_id = parse_reply(reply)  # the server's grammar makes the arguments a valid action
    assert action.kind in {a.model_fields["kind"].default for a in ACTION_TYPES} and call_id
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0


@pytest.mark.model
@pytest.mark.slow
def test_run_task_through_the_server(server_model: OpenAICompatModel, store, workspace: Path) -> None:
    model = server_model
    task = Task(text="Create a file named hi.txt containing the text hi", workspace=str(workspace),
                budget={"max_steps": 2, "max_format_errors": 1})
    run = run_task(task, model=model, store=store, isolation="none")
    assert run.status in FINISHED, run.error
    stored = store.get_run(run.id)
    assert stored.status is run.status and stored.finished_at is not None and stored.model == "smollm2"
    steps = store.steps(run.id)
    assert 1 <= len(steps) <= 2 and stored.steps == len(steps)
    for step in steps:
        # each reply was either a valid action (the loop parsed it) or garbage fed back as a format error
        assert step.action is not None or (step.observation is not None and step.observation.error)
        assert step.usage.prompt_tokens > 0
    if run.status is RunStatus.failed:
        assert "malformed" in (run.error or "")


def test_unreachable_server_names_what_to_set() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    model = get_model(f"http://127.0.0.1:{port}/v1#smollm2")
    assert "cannot reach" in model.check()
    with pytest.raises(ModelUnavailable, match=r"cannot reach the model server at http://127\.0\.0\.1.*--model"):
        model.complete([{"role": "user", "content": "hi"}], [])


def test_unreachable_server_fails_the_run_and_records_it(store, workspace: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    model = OpenAICompatModel(f"http://127.0.0.1:{port}/v1", "smollm2", max_retries=0)
    with pytest.raises(ModelUnavailable):
        run_task(Task(text="echo hi", workspace=str(workspace)), model=model, store=store, isolation="none")
    (run,) = store.list_runs()
    assert run.status is RunStatus.failed and "cannot reach" in (run.error or "")
