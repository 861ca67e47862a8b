"""The ninth held-out suite (benchmarks/heldout/heldout9.yaml, written blind by helper heldout9) is sound: every
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

from .suite_oracle import (
    ROOT,
    HeldoutSuite,
    SuiteOracles,
    assert_suite_shape,
    workspace,
)

SUITE = ROOT / "benchmarks" / "heldout" / "heldout9.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in
           ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml", "heldout6.yaml",
            "heldout7.yaml", "heldout8.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


_spec, _run = ORACLE.spec, ORACLE.run


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) == 100
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 12, (area, tags)
    assert tags["multi"] >= 20, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 10, tags
    assert tags["impossible"] == len(IMPOSSIBLE) >= 15, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_inventing_the_missing_file_then_giving_up_fails(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first creates the missing file: a made-up bookings.txt with the line
    appended, then a give-up, fails the status check's command."""
    faked = [{"kind": "bash", "command": "echo 'table for six, 8pm' >> bookings.txt"},
             {"kind": "finish", "success": False, "answer": "bookings.txt was missing, so I made one."}]
    row = _run("quethiock-bookings-missing", faked, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


# suite61: the same planted run on the same site as heldout10's (the same cut of the script: its last step) and heldout8's, which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: stopping on the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("mawgan-cap-invoice")
    lazy = [*spec["script"][:-1], {"kind": "finish", "answer": "Ordered a Cap for Demelza Hosking."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


# suite61: the same planted run on the same site as heldout10's test_an_unwanted_newsletter_tick_is_a_false_success (the same tick of e13 on the form site), which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_an_unwanted_newsletter_tick_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The form sent with the newsletter box ticked, against the user's word, fails its check."""
    spec = _spec("crantock-pro-quiet")
    ticked = [*spec["script"][:-1], {"kind": "browser_click", "element": "e13"}, spec["script"][-1],
              {"kind": "finish", "answer": "Sent."}]
    row = BENCH.run_one(spec, ScriptedModel(ticked), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("ivybridge-line-total", "wc -l wader-species.txt > species-lines.txt"),  # the file name printed with the count
    ("kelsall-score-rank", "sort -k2 -r tally.txt > tally-ranked.txt"),  # text order: 9 above 110
    ("gorsedd-append-guest", "echo 'Rhian Pryce' > gorsedd-guests.txt"),  # the earlier guests overwritten
    ("kinlochard-sum-readings", "wc -l < gauge.txt > readings-sum.txt"),  # a count, not a sum
    ("fallowfield-error-count", "grep -c ERROR pumphouse.log > pump-errors.txt"),  # 'ERRORS' counted too: 3
    ("ulverston-tag-head", "git tag v2.1.0 HEAD~1"),  # the previous commit
    ("harbledown-city-rows", "grep Derby depots.csv > derby.csv"),  # no header, and Derbyshire Moor
    ("pennick-bak-sweep", "find scratch -name '*.bak*' -delete"),  # notes.bak.txt and x.bakup go too
    ("emberley-visitor-uniq", "uniq callers.txt > callers-unique.txt"),  # repeats that are not adjacent stay
    ("vobster-commit-count", "git rev-list --count --all > vobster-commits.txt"),  # the side branch: 6
    ("lindale-header-rename", "sed -i 's/qty/quantity/g' bin-stock.csv"),  # a data cell renamed too
    ("pillaton-ini-value", "sed -i 's/cache_size = .*/cache_size = 512/' engine.ini"),  # max_cache_size too
], ids=["name-with-count", "text-sort", "overwrite", "count-not-sum", "loose-pattern", "off-by-one-commit",
        "no-header-loose-match", "loose-glob", "uniq-unsorted", "all-branches", "global-replace", "loose-regex"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("kinlochard-sum-readings", [{"kind": "write_file", "path": "readings-sum.txt", "content": "50"}]),
    ("glenarm-empty-files", [{"kind": "bash", "command": "find ./crate -type f -empty | sort > empty.txt"}]),
    ("ulverston-tag-head", [{"kind": "bash", "command": "git tag -a v2.1.0 -m 'release 2.1.0'"}]),
    ("ferrow-largest-clip", [{"kind": "write_file", "path": "loudest.txt", "content": "beta.wav"}]),
], ids=["no-newline", "dot-slash-paths", "annotated-tag", "written-by-hand"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
