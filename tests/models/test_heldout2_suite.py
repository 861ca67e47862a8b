"""The second held-out suite (benchmarks/heldout/heldout2.yaml, written blind by helper blind3) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, and the suite is new (no task id shared with heldout.yaml)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from macrohard.eval.suite import load_suite
from macrohard.testing import ScriptedModel

from .suite_oracle import ROOT, HeldoutSuite, OracleSolves, OracleUntouched, suite_ids, workspace

SUITE = ROOT / "benchmarks" / "heldout" / "heldout2.yaml"
FIRST = ROOT / "benchmarks" / "heldout" / "heldout.yaml"


ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 40
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git", "multi"):
        assert tags[area] >= 5, (area, tags)
    assert tags["browser"] >= 3, tags
    for s in SPECS:
        assert s["script"] and s["check"], s["id"]
    ids = [s["id"] for s in SPECS]
    assert len(set(ids)) == len(ids)
    assert not set(ids) & suite_ids(BENCH, FIRST), "a task id repeats the first held-out suite"


class TestOracles(OracleSolves, OracleUntouched):
    suite = ORACLE


def test_an_unsolved_browser_task_fails_its_check(store: Any, tmp_path: Path) -> None:
    """The site's own record decides: an agent that only claims the order fails."""
    spec = next(s for s in SPECS if s["id"] == "buy-tee-card")
    lazy = [{"kind": "browser_goto", "url": "{site}"}, {"kind": "finish", "answer": "ordered"}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"]


def test_a_claim_without_the_work_fails(store: Any, tmp_path: Path) -> None:
    """A shell task finished with a claim and a wrong file is a false success, not a success."""
    spec = next(s for s in SPECS if s["id"] == "access-404s")
    wrong = [{"kind": "bash", "command": "grep -c 404 gateway-requests.log > notfound.txt"}, {"kind": "finish", "answer": "3"}]
    row = BENCH.run_one(spec, ScriptedModel(wrong), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"]
