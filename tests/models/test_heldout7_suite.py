"""The seventh held-out suite (benchmarks/heldout/heldout7.yaml, written blind by helper blind8t) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, every impossible task (a `status` check) passes when the
agent gives up and fails when it claims success (a false success), plausible wrong answers claimed are false
successes, other correct ways pass, and the suite is new (no task id shared with the earlier held-out suites,
compared as ids only)."""

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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout7.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in
           ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml", "heldout6.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


_spec, _run = ORACLE.spec, ORACLE.run


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 76
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 8, (area, tags)
    for area in ("archive", "perms"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 5, (area, tags)
    assert tags["multi"] >= 16, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 8, tags
    assert tags["impossible"] == len(IMPOSSIBLE) >= 10, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_faking_a_summary_then_giving_up_fails(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first makes something up: a summary of minutes that do not exist,
    then a give-up, fails the status check's command."""
    faked = [{"kind": "write_file", "path": "summary.txt", "content": "- roof\n- boats\n- AOB\n"},
             {"kind": "finish", "success": False, "answer": "No minutes, so I summarised the agenda instead."}]
    row = _run("hawksmoor-minutes-absent", faked, store, tmp_path)
    assert row["status"] == RunStatus.gave_up.value and not row["passed"], row


# suite61: the same planted run on the same site as heldout8's (the same cut of the script: its last two steps) and heldout10's, which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: reaching the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("tolquhon-cap-invoice-order")
    lazy = [*spec["script"][:-2], {"kind": "finish", "answer": "Ordered a Cap for Innes Tolquhon."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("blackdown-marrow-count", "grep -ci marrow allotment.txt > marrow-count.txt"),  # lines, not occurrences: 2
    ("hexworthy-rank-catches", "(head -n 1 catches.csv; tail -n +2 catches.csv | sort -t, -k2,2r) > ranked.csv"),  # text
    ("pendeen-commit-count", "git rev-list --count --all > commit-count.txt"),  # every branch: 7
    ("hollesley-fixme-files", "grep -r FIXME src | wc -l > fixme-files.txt"),  # lines, not files: 6
    ("morrigan-csv-count", "find reports -name '*csv*' | wc -l > csv-count.txt"),  # the .bak too: 5
], ids=["lines-not-occurrences", "text-sort", "all-branches", "lines-not-files", "loose-pattern"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("dunmallow-harvest-grams", [{"kind": "write_file", "path": "total-grams.txt", "content": "452.0"}]),
    ("corbenic-lost-key", [{"kind": "bash", "command": "find . -name sigil.key > where.txt"}]),  # ./ prefix
    ("fenwhistle-latest-link", [{"kind": "bash", "command": "ln -s \"$PWD/exports/2026-11-29.csv\" latest.csv"}]),
], ids=["float-no-newline", "dot-slash-path", "absolute-link"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
