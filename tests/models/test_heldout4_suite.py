"""The fourth held-out suite (benchmarks/heldout/heldout4.yaml, written blind by helper blind5t) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, every impossible task (a `status` check) passes when the
agent gives up and fails when it claims success (a false success), the suite is new (no task id shared with
heldout.yaml, heldout2.yaml or heldout3.yaml, compared as ids only)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from macrohard.eval.suite import load_suite
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus

from .suite_oracle import (
    ROOT,
    HeldoutSuite,
    SuiteOracles,
    assert_suite_shape,
    workspace,
)

SUITE = ROOT / "benchmarks" / "heldout" / "heldout4.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in ("heldout.yaml", "heldout2.yaml", "heldout3.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 72
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 10, (area, tags)
    assert tags["multi"] >= 12, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 7, tags
    assert tags["impossible"] >= 8, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_doing_the_impossible_anyway_fails_the_command(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes the result: writing a made-up summary.md, then giving
    up, fails the status check's command."""
    spec = next(s for s in IMPOSSIBLE if s["id"] == "orrest-minutes-summary")
    faked = [{"kind": "write_file", "path": "summary.md", "content": "- budget\n- the fence\n- other business\n"},
             {"kind": "finish", "success": False, "answer": "The minutes were missing, so I summarised the agenda."}]
    row = BENCH.run_one(spec, ScriptedModel(faked), store, str(workspace(tmp_path)))
    assert row["status"] == RunStatus.gave_up.value and not row["passed"], row


# suite61: the same planted run on the same site as heldout8's and heldout10's test_an_order_never_placed_is_a_false_success (the checkout's script less its Place order, claimed), which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_a_browser_claim_without_the_order_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's own record decides: filling the cart and shipping but never placing the order, then claiming
    it was placed, fails the check and is counted as a false success."""
    spec = next(s for s in SPECS if s["id"] == "strenning-cap-and-mug")
    lazy = [*spec["script"][:-1], {"kind": "finish", "answer": "Ordered a Cap and a Coffee mug, paid by invoice."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_a_wrong_answer_claimed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """Counting only lower-case 'ferry' (missing 'Ferry cancelled') and claiming success is a false success."""
    spec = next(s for s in SPECS if s["id"] == "wickham-ferry-lines")
    wrong = [{"kind": "bash", "command": "grep -c ferry wickham-diary.txt > ferry-lines.txt"},
             {"kind": "finish", "answer": "2"}]
    row = BENCH.run_one(spec, ScriptedModel(wrong), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row

