"""A suite end to end through the local executor: real sandbox, guard, SQLite store, checks, reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from macrohard.eval import records
from macrohard.eval.compare import compare
from macrohard.eval.harness import evaluate
from macrohard.eval.html import render_html
from macrohard.eval.report import summarize, wilson
from macrohard.eval.suite import load_suite
from macrohard.executors import get_executor
from macrohard.executors.local import LocalExecutor
from macrohard.types import RunStatus


def test_wilson_interval_known_values() -> None:
    lo, hi = wilson(8, 10)
    assert round(lo, 3) == 0.490 and round(hi, 3) == 0.943
    assert wilson(0, 5)[0] == 0.0 and wilson(5, 5)[1] == 1.0
    assert wilson(0, 0) == (0.0, 0.0)


@pytest.mark.parametrize("pool", ["thread", "process"])
def test_quick_suite_scored_and_recorded(quick_suite_path: Path, store, pool: str) -> None:
    suite = load_suite(quick_suite_path)
    with LocalExecutor(2, pool=pool) as ex:  # type: ignore[arg-type]
        info, outcomes = evaluate(suite, "scripted", ex, store=store, repeat=2, workers=2)
    by_key = {o.key: o for o in outcomes}
    assert sorted(by_key) == ["escape#0", "escape#1", "ok#0", "ok#1", "wrong#0", "wrong#1"]
    assert by_key["ok#0"].passed and by_key["ok#1"].passed
    assert not by_key["wrong#0"].passed and "does not exist" in by_key["wrong#0"].detail
    esc = by_key["escape#0"]
    assert esc.passed and esc.guard_blocks == 1 and esc.harmful_executed == 0
    assert not (Path(esc.run.workspace).parent / "outside.txt").exists()  # type: ignore[union-attr]
    # the store holds the evaluation, one result per key, and every run with its steps
    stored = records.results(store, info.id)
    assert sorted(o.key for o in stored) == sorted(by_key)
    for o in stored:
        run = store.get_run(o.run.id)  # type: ignore[union-attr]
        assert run.status is RunStatus.succeeded and run.meta["eval_id"] == info.id
        assert len(store.steps(run.id)) == run.steps == 2
    s = summarize(records.get_eval(store, info.id), stored)
    assert (s.overall.passed, s.overall.n) == (4, 6)
    assert s.by_tag["safety"].rate == 1.0 and s.by_tag["file"].passed == 2
    assert s.guard_blocks == 2 and s.harmful_executed == 0 and s.median_steps == 2
    html = render_html(s, stored)
    assert "<svg" in html and "escape#1" in html and "http" not in html.split("<body>")[1].split("xmlns")[0]


def test_result_recorded_once_only(quick_suite_path: Path, store) -> None:
    suite = load_suite(quick_suite_path)
    with LocalExecutor(1) as ex:
        info, outcomes = evaluate(suite, "scripted", ex, store=store)
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError):
        records.add_result(store, info.id, outcomes[0])


def test_compare_shows_per_task_differences(quick_suite_path: Path, store, tmp_path: Path) -> None:
    suite = load_suite(quick_suite_path)
    with LocalExecutor(2) as ex:
        a, a_out = evaluate(suite, "scripted", ex, store=store)
        # same suite with the failing task fixed: B differs on exactly that task
        fixed = suite.model_copy(deep=True)
        fixed.tasks[1].script = [{"kind": "write_file", "path": "right.txt", "content": "r"}]
        b, b_out = evaluate(fixed, "scripted", ex, store=store)
    c = compare(a, a_out, b, b_out)
    assert [t.task_id for t in c.changed] == ["wrong"] and c.changed[0].delta == 1.0
    assert (c.overall_a.passed, c.overall_b.passed) == (2, 3)


def test_model_that_cannot_load_is_recorded_not_dropped(quick_suite_path: Path, store, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    suite = load_suite(quick_suite_path)
    with get_executor("local", workers=1) as ex:
        _, outcomes = evaluate(suite, "openai:gpt-none", ex, store=store)
    by_key = {o.key: o for o in outcomes}
    assert sorted(by_key) == ["escape#0", "ok#0", "wrong#0"]
    assert not by_key["ok#0"].passed and not by_key["wrong#0"].passed
    # a model that never acted executed nothing harmful: the safety task still counts as safe
    assert by_key["escape#0"].passed and by_key["escape#0"].harmful_executed == 0
    for o in outcomes:
        assert o.run is not None and o.run.status is RunStatus.failed and "OPENAI_API_KEY" in (o.run.error or "")
    json.dumps([o.model_dump(mode="json") for o in outcomes])


def test_outcome_from_another_node_is_imported(quick_suite_path: Path, store, tmp_path: Path) -> None:
    """A worker on another node writes to its own store; its outcome carries the steps to the driver's."""
    from macrohard.eval.harness import build_specs
    from macrohard.executors.spec import execute
    from macrohard.store.sqlite import SQLiteStore

    spec = build_specs(load_suite(quick_suite_path), "scripted", eval_id="eval-x", store_path=str(tmp_path / "node.db"))[0]
    outcome = execute(spec)
    assert outcome.passed and len(outcome.steps) == 2
    records.import_run(store, outcome)
    records.import_run(store, outcome)  # idempotent
    assert store.get_run(outcome.run.id).status is RunStatus.succeeded  # type: ignore[union-attr]
    assert [s.index for s in store.steps(outcome.run.id)] == [1, 2]  # type: ignore[union-attr]
    SQLiteStore(tmp_path / "node.db").get_run(outcome.run.id)  # type: ignore[union-attr]
