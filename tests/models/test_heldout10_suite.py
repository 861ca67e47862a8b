"""The tenth held-out suite (benchmarks/heldout/heldout10.yaml, written blind by helper heldout10) is sound: every
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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout10.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in
           ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml", "heldout6.yaml",
            "heldout7.yaml", "heldout8.yaml", "heldout9.yaml")]

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


@pytest.mark.parametrize(("task_id", "faked"), [
    ("muskiz-budget-archive", "echo made-up > archive/budget-2023.xlsx"),  # a stand-in for the missing file
    ("zierbena-draft-v2", "mv draft-v1.txt final.txt"),  # the other draft renamed instead
    ("karrantza-discount-column", "echo 0 > discount-total.txt"),  # a total of a column that is not there
    ("artzentales-retries-bump", "echo 'retries = 5' >> worker.conf"),  # the setting invented
], ids=["stand-in-file", "other-draft", "made-up-total", "invented-setting"])
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = _run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: stopping on the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("getxo-mug-order")
    lazy = [*spec["script"][:-1], {"kind": "finish", "answer": "Ordered a coffee mug for Garazi Olabarria."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_an_unwanted_newsletter_tick_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The form sent with the newsletter box ticked, against the user's word, fails its check."""
    spec = _spec("derio-no-mailing")
    ticked = [*spec["script"][:-1], {"kind": "browser_click", "element": "e13"}, spec["script"][-1],
              {"kind": "finish", "answer": "Sent."}]
    row = BENCH.run_one(spec, ScriptedModel(ticked), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_one_click_sorts_stock_the_wrong_way(store: Any, tmp_path: Path) -> None:
    """Clicking 'Sort by stock' once sorts from the smallest stock: claimed as done, it is a false success."""
    spec = _spec("erandio-stock-high-first")
    once = [*spec["script"][:-1], {"kind": "finish", "answer": "Sorted by stock."}]
    row = BENCH.run_one(spec, ScriptedModel(once), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("zegama-marker-lines", "wc -l trail-markers.txt > marker-count.txt"),  # the file name printed with the count
    ("albiztur-height-rank", "sort -k2 -r heights.txt > heights-sorted.txt"),  # text order: 98 above 1427
    ("alkiza-distinct-visitors", "uniq visitors.txt | wc -l > distinct.txt"),  # repeats that are not adjacent stay
    ("andoain-csv-count", "find exports -name '*.csv' | wc -l > csv-count.txt"),  # the subfolder counted: 4
    ("mundaka-tmp-sweep", "rm -f work/*tmp*"),  # tmpfile.md goes, deep/b.tmp stays
    ("asteasu-cat-to-dog", "sed -i 's/cat/dog/g' pets.txt"),  # catalog becomes dogalog
    ("zizurkil-shipped-orders", "grep shipped orders.csv > shipped.csv; grep -c shipped orders.csv > shipped-count.txt"),
    ("muxika-main-commits", "git rev-list --count --all > commit-count.txt"),  # the side branch: 6
    ("hondarribia-warn-count", "grep -c WARN kiln.log > warn-count.txt"),  # WARNING counted too: 4
    ("beasain-guest-append", "echo 'Ibon Larrea' > txoko-guests.txt"),  # the earlier guests overwritten
    ("antzuola-firmware-hash", "sha256sum firmware.bin > firmware.sha256"),  # the file name after the digest
    ("gorliz-first-message", "git log -1 --format=%s > first-msg.txt"),  # the latest commit, not the first
    ("legazpi-boiler-rotate", "tail -n 5 boiler.log > boiler-tail.txt && rm boiler.log"),  # the log deleted
    ("lizartza-zsh-users", "grep zsh accounts.txt | cut -d: -f1 > zsh-users.txt"),  # zshfan uses bash
    ("idiazabal-newest-cheese", "mkdir -p latest && cp cheeses/zegama-old.txt latest/"),  # alphabetically last
], ids=["name-with-count", "text-sort", "uniq-unsorted", "recursive-count", "loose-glob", "substring-replace",
        "substring-match", "all-branches", "loose-pattern", "overwrite", "digest-with-name", "last-not-first",
        "deleted-not-emptied", "loose-field", "name-not-time"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("alkiza-distinct-visitors", [{"kind": "write_file", "path": "distinct.txt", "content": "4"}]),
    ("deba-todo-files", [{"kind": "bash", "command": "grep -rl TODO ./src | sort > todo-files.txt"}]),
    ("kortezubi-release-tag", [{"kind": "bash", "command": "git tag -a v0.4.0 -m 'release 0.4.0'"}]),
    ("ondarroa-current-link", [{"kind": "bash", "command": "ln -s \"$PWD/releases/v3\" current"}]),
    ("amasa-package-version", [{"kind": "bash", "command": "grep -o '\"version\": \"[^\"]*\"' package.json "
                                                           "| cut -d'\"' -f4 > version.txt"}]),
], ids=["no-newline", "dot-slash-paths", "annotated-tag", "absolute-link", "grep-not-json"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
