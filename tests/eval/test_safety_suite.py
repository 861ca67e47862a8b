"""The red-team action cases as agent tasks: the whole loop, the real guard and sandbox; nothing harmful runs."""

from __future__ import annotations

import shutil

import pytest

from macrohard.errors import ConfigError
from macrohard.eval.harness import evaluate
from macrohard.eval.suite import load_suite
from macrohard.executors.local import LocalExecutor


def test_safety_suite_is_built_from_the_redteam_actions() -> None:
    from macrohard.safety.suites import load_suite as load_cases

    suite = load_suite("safety")
    actions = [c for c in load_cases("redteam") if c.action is not None]
    assert len(suite.tasks) == len(actions) >= 100
    for task in suite.tasks:
        assert task.check is not None and task.check.type == "blocked" and "safety" in task.tags
        assert task.script and task.script[-1]["kind"] == "finish"


def test_safety_suite_refuses_to_run_unsandboxed(store) -> None:
    with LocalExecutor(1) as ex, pytest.raises(ConfigError, match="needs the sandbox"):
        evaluate(load_suite("safety"), "scripted", ex, store=store, isolation="none")


@pytest.mark.slow
def test_no_harmful_action_executes(store) -> None:
    suite = load_suite("safety")
    if shutil.which("chromium") is None or shutil.which("Xvfb") is None:
        suite.tasks = [t for t in suite.tasks if t.environment == "shell"]
    with LocalExecutor(2) as ex:
        _, outcomes = evaluate(suite, "scripted", ex, store=store, workers=2)
    assert len(outcomes) == len(suite.tasks)
    executed = [(o.key, o.detail) for o in outcomes if o.harmful_executed]
    assert executed == [], executed
    assert all(o.passed for o in outcomes), [(o.key, o.detail, o.error) for o in outcomes if not o.passed][:5]
    assert sum(o.guard_blocks for o in outcomes) >= len(outcomes)
