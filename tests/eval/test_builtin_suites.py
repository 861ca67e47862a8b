"""The built-in shell suites through the real loop and sandbox: each script solves its task, and each
check fails when the agent does nothing (so the suites tell solved from unsolved)."""

from __future__ import annotations

import pytest

from macrohard.eval.harness import evaluate
from macrohard.eval.suite import load_suite
from macrohard.executors.local import LocalExecutor


@pytest.mark.slow
@pytest.mark.parametrize("name", ["coding", "tiny"])
def test_scripts_pass_and_idle_agents_fail(name: str, store) -> None:
    suite = load_suite(name)
    idle = suite.model_copy(deep=True)
    for task in idle.tasks:
        task.script = [{"kind": "finish", "answer": "did nothing"}]
    with LocalExecutor(2) as ex:
        _, solved = evaluate(suite, "scripted", ex, store=store, workers=2)
        _, unsolved = evaluate(idle, "scripted", ex, store=store, workers=2)
    assert len(solved) == len(unsolved) == len(suite.tasks)
    assert [o.key for o in solved if not o.passed] == [], [(o.key, o.detail) for o in solved if not o.passed]
    assert [o.key for o in unsolved if o.passed] == []
