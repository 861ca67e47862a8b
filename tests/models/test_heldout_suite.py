"""The held-out suite (benchmarks/heldout/heldout.yaml) is sound: every oracle script solves its task
through the real loop (sandbox, guard, Chromium on the local sites), every check fails on the untouched
workspace, and the suite is the size and spread issue 18 asks for."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from macrohard.eval.suite import load_suite
from macrohard.testing import ScriptedModel

from .suite_oracle import ROOT, HeldoutSuite, OracleSolves, OracleUntouched, workspace

SUITE = ROOT / "benchmarks" / "heldout" / "heldout.yaml"


ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 60
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git", "browser", "multi"):
        assert tags[area] >= 5, (area, tags)
    for s in SPECS:
        assert s["script"] and s["check"], s["id"]


class TestOracles(OracleSolves, OracleUntouched):
    suite = ORACLE


# suite61: the same planted run on the same site as heldout2's test_an_unsolved_browser_task_fails_its_check (the same lazy goto-and-claim on the checkout site), which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_unsolved_browser_task_fails_its_check(store: Any, tmp_path: Path) -> None:
    """The site's own record decides: an agent that only claims the order fails."""
    spec = next(s for s in SPECS if s["id"] == "buy-cap-invoice")
    lazy = [{"kind": "browser_goto", "url": "{site}"}, {"kind": "finish", "answer": "ordered"}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"]
