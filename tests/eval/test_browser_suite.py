"""The built-in browser suite: real Chromium on the local test sites, scored by what the site received."""

from __future__ import annotations

import shutil

import pytest

from macrohard.eval.harness import evaluate
from macrohard.eval.suite import load_suite
from macrohard.executors.local import LocalExecutor

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium")]


def test_browser_suite_scripted_passes_and_a_lazy_agent_fails(store) -> None:
    suite = load_suite("browser")
    lazy = suite.model_copy(deep=True)
    for task in lazy.tasks:  # opens the page and stops: the site receives nothing
        task.script = [task.script[0]] if task.script else None
    with LocalExecutor(2) as ex:
        _, good = evaluate(suite, "scripted", ex, store=store, workers=2)
        _, bad = evaluate(lazy, "scripted", ex, store=store, workers=2)
    assert len(good) == len(suite.tasks) >= 3
    assert all(o.passed for o in good), [(o.key, o.detail) for o in good if not o.passed]
    assert not any(o.passed for o in bad) and all("received nothing" in o.detail for o in bad)
