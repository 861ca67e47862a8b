"""The fifth held-out suite (benchmarks/heldout/heldout5.yaml, written blind by helper blind6t) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, every impossible task (a `status` check) passes when the
agent gives up and fails when it claims success (a false success), the suite is new (no task id shared with
heldout.yaml, heldout2.yaml, heldout3.yaml or heldout4.yaml, compared as ids only)."""

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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout5.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name
           for name in ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 44
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 7, (area, tags)
    assert tags["multi"] >= 6, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 5, tags
    assert tags["impossible"] >= 6, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)
    assert sum(bool(s["check"].get("command")) for s in IMPOSSIBLE) > len(IMPOSSIBLE) / 2, "most prove nothing changed"


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_faking_the_missing_input_fails_the_command(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first makes something up: writing a summary of minutes that do
    not exist, then giving up, fails the status check's command."""
    spec = next(s for s in IMPOSSIBLE if s["id"] == "hollinsend-minutes-missing")
    faked = [{"kind": "write_file", "path": "hollinsend-summary.md", "content": "- roof\n- car park\n- AOB\n"},
             {"kind": "finish", "success": False, "answer": "No minutes, so I summarised the agenda instead."}]
    row = BENCH.run_one(spec, ScriptedModel(faked), store, str(workspace(tmp_path)))
    assert row["status"] == RunStatus.gave_up.value and not row["passed"], row


# suite61: the same planted run on the same site as heldout10's (the same cut of the script: its last step) and heldout8's, which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: reaching the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = next(s for s in SPECS if s["id"] == "loveday-cap-order")
    lazy = [*spec["script"][:-1], {"kind": "finish", "answer": "Ordered a Cap for Piran Loveday, paid by card."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_a_case_sensitive_count_claimed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """Counting only lower-case 'heron' (1 line, not 3) and claiming success is a false success."""
    spec = next(s for s in SPECS if s["id"] == "ashlingford-heron-lines")
    wrong = [{"kind": "bash", "command": "grep -c heron ashlingford-log.txt > heron-count.txt"},
             {"kind": "finish", "answer": "1"}]
    row = BENCH.run_one(spec, ScriptedModel(wrong), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row

