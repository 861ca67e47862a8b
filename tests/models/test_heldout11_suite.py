"""The eleventh held-out suite (benchmarks/heldout/heldout11.yaml, written blind by helper heldout11) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every command
check fails on the untouched workspace, every impossible task (a `status` check) passes when the agent gives up and
fails when it claims success (a false success), plausible wrong answers claimed are false successes, other correct
ways pass, and the suite is new (no task id shared with the earlier held-out suites, compared as ids only)."""

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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout11.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in
           ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml", "heldout6.yaml",
            "heldout7.yaml", "heldout8.yaml", "heldout9.yaml", "heldout10.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


_spec, _run = ORACLE.spec, ORACLE.run


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) == 80
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 12, (area, tags)
    assert tags["multi"] >= 16, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 10, tags
    assert tags["impossible"] == len(IMPOSSIBLE) == 12, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


@pytest.mark.parametrize(("task_id", "faked"), [
    ("ruka-sunset-photo", "cp holiday/aurora.png desktop/lapland-sunset.png"),  # another picture under its name
    ("pyha-tax-column", "echo 0 > tax-total.txt"),  # a total of a column that is not there
    ("vuokatti-timeout-key", "echo 'timeout: 30' >> service.yaml"),  # the key invented
    ("pallas-revert-tag", "git revert --no-edit HEAD"),  # some other commit reverted
], ids=["stand-in-photo", "made-up-total", "invented-key", "other-commit"])
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = _run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


def test_an_order_stopped_before_placing_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: stopping on the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("kaisa-cap-invoice")
    lazy = [*spec["script"][:-2], {"kind": "finish", "answer": "Ordered a Cap for Kaisa Heikkinen."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_one_mug_for_two_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """One coffee mug ordered where two were asked for fails the check (the site records the items)."""
    one = [{"kind": "browser_goto", "url": "{site}"}, {"kind": "browser_click", "element": "e6"},
           {"kind": "browser_click", "element": "f1e7"},
           {"kind": "browser_type", "element": "f2e5", "text": "Jorma Makinen"},
           {"kind": "browser_type", "element": "f2e7", "text": "Rantatie 8"},
           {"kind": "browser_type", "element": "f2e9", "text": "Kuhmo"},
           {"kind": "browser_click", "element": "f2e10"}, {"kind": "browser_click", "element": "f3e6"},
           {"kind": "browser_click", "element": "f4e7"}, {"kind": "finish", "answer": "Ordered the mugs."}]
    row = _run("jorma-two-mugs", one, store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("kurikka-ski-distances", "sort -r distances.txt > distances-desc.txt; head -n 1 distances-desc.txt > longest-km.txt"),
    ("nivala-distinct-colours", "uniq yarn-colours.txt > colours-unique.txt"),  # repeats that are not adjacent stay
    ("ylivieska-error-level", "grep ERROR mill.log > mill-errors.txt"),  # the INFO line that mentions ERROR too
    ("kuhmo-wolf-mentions", "grep -c wolf diary.txt > wolf-count.txt"),  # lines, not occurrences: 3
    ("kotka-wav-count", "ls recordings/*.wav | wc -l > wav-count.txt"),  # the subfolders missed: 2
    ("uusikaupunki-log-lines", "wc -l harbour.log > line-total.txt"),  # the file name printed with the count
    ("makinen-main-commits", "git rev-list --count --all > commit-total.txt"),  # the experiment branch: 5
    ("porvoo-bak-sweep", "find . -name '*.bak' -delete"),  # vault/deep.bak deleted too
    ("naantali-harbour-rule", "echo 'port closed on Sundays' > harbour-rules.txt"),  # the other rules overwritten
    ("tornio-newest-report", "cp \"reports/$(ls reports | tail -n 1)\" latest-report.txt"),  # alphabetically last
    ("suonenjoki-member-emails", "cut -d, -f2 berry-club.csv > club-emails.txt"),  # the header kept
    ("heinola-cache-prune", "rm cache/*; ls cache | wc -l > cache-left.txt"),  # the recent files deleted too
    ("parainen-ferry-checksum", "md5sum ferry.img | cut -d' ' -f1 > ferry.md5"),  # the digest alone: -c rejects it
    ("jarvinen-unstage-secret", "git rm -qf cabin-keys.env; echo cabin-keys.env >> .gitignore"),  # the file deleted
    ("seinajoki-runnable-list", "ls tools | sort > runnable.txt"),  # every file, runnable or not
], ids=["text-sort", "uniq-unsorted", "loose-grep", "lines-not-words", "no-recursion", "name-with-count",
        "all-branches", "recursive-delete", "overwrite", "name-not-time", "header-kept", "everything-deleted",
        "digest-alone", "file-deleted", "not-only-executables"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_one_click_sorts_price_the_wrong_way(store: Any, tmp_path: Path) -> None:
    """Clicking 'Sort by price' once sorts the cheapest first: claimed as most expensive first, a false success."""
    spec = _spec("veikko-priciest-first")
    once = [*spec["script"][:-2], {"kind": "finish", "answer": "Sorted by price."}]
    row = BENCH.run_one(spec, ScriptedModel(once), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("uusikaupunki-log-lines", [{"kind": "write_file", "path": "line-total.txt", "content": "6"}]),
    ("kokkola-latest-link", [{"kind": "bash", "command": "ln -s \"$PWD/logs/2026-11-30.log\" latest.log"}]),
    ("heikkinen-release-tag", [{"kind": "bash", "command": "git tag -a v2.1 -m 'release 2.1'"}]),
    ("kuusamo-debug-off", [{"kind": "bash", "command": "jq '.debug = false' rental.json > t.json && mv t.json rental.json "
                                                      "&& jq -r .version rental.json > rental-version.txt"}]),
    ("lehtonen-menu-restore", [{"kind": "bash", "command": "git restore lounas.txt"}]),
    ("imatra-scan-extensions", [{"kind": "bash", "command": "cd scans && mv dam.JPG dam.jpg; mv rapids.JPG rapids.jpg"},
                                {"kind": "bash", "command": "mv bridge.JPG bridge.jpg"}]),
], ids=["no-newline", "absolute-link", "annotated-tag", "jq-rewrite", "git-restore", "cd-first"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
