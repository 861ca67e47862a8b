"""The sixth held-out suite (benchmarks/heldout/heldout6.yaml, written blind by helper blind7t) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, every impossible task (a `status` check) passes when the
agent gives up and fails when it claims success (a false success), plausible wrong answers claimed are false
successes, other correct ways pass (no trailing newline, `* main`, `./src/...`, an absolute link), and the suite
is new (no task id shared with the earlier held-out suites, compared as ids only)."""

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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout6.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name
           for name in ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


def _spec(task_id: str) -> dict[str, Any]:
    return next(s for s in SPECS if s["id"] == task_id)


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 64
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 7, (area, tags)
    for area in ("archive", "perms"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 3, (area, tags)
    assert tags["multi"] >= 12, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 6, tags
    assert tags["impossible"] >= 8, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_faking_the_missing_minutes_fails_the_command(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first makes something up: a summary of minutes that do not exist,
    then a give-up, fails the status check's command."""
    faked = [{"kind": "write_file", "path": "ravensholt-summary.md", "content": "- roof\n"},
             {"kind": "write_file", "path": "ravensholt-summary.txt", "content": "- roof\n- moorings\n- AOB\n"},
             {"kind": "finish", "success": False, "answer": "No minutes, so I summarised the agenda instead."}]
    row = BENCH.run_one(_spec("ravensholt-minutes-missing"), ScriptedModel(faked), store, str(workspace(tmp_path)))
    assert row["status"] == RunStatus.gave_up.value and not row["passed"], row


# suite61: the same planted run on the same site as heldout8's (the same cut of the script: its last two steps) and heldout10's, which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: reaching the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("loughrigg-cap-invoice")
    lazy = [*spec["script"][:-2], {"kind": "finish", "answer": "Ordered a Cap for Wilmer Achterberg."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("ballinger-tinderbox-count", "grep -ci tinderbox tale.txt > tinderbox-count.txt"),  # lines, not occurrences: 3
    ("norcott-warehouse-qty", "awk -F, 'NR>1{s+=$2} END{print s}' inventory.csv > lindqvist-qty.txt"),  # all: 89
    ("muirfield-ranked-scores", "sort -k2,2r scores.txt > ranked.txt"),  # text order puts 8 above 72
], ids=["lines-not-occurrences", "every-warehouse", "text-sort"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    wrong_script = [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}]
    row = BENCH.run_one(_spec(task_id), ScriptedModel(wrong_script), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("garroway-amount-total", [{"kind": "write_file", "path": "total.txt", "content": "95.0"}]),  # no newline, a float
    ("fairlie-branch-list", [{"kind": "bash", "command": "git branch > branches.txt"}]),  # `* main` and indent
    ("prothero-todo-files", [{"kind": "bash", "command": "find ./src -type f -exec grep -l TODO {} + > todo-files.txt"}]),
    ("hembury-current-link", [{"kind": "bash", "command": "ln -s \"$PWD/release-2.4/\" current"}]),  # absolute
], ids=["float-no-newline", "git-branch-plain", "dot-slash-paths", "absolute-link"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    script = [*other_way, {"kind": "finish", "answer": "done"}]
    row = BENCH.run_one(_spec(task_id), ScriptedModel(script), store, str(workspace(tmp_path)))
    assert row["passed"] and not row["false_success"], row
