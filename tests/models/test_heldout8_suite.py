"""The eighth held-out suite (benchmarks/heldout/heldout8.yaml, written blind by helper heldout8) is sound: every
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

SUITE = ROOT / "benchmarks" / "heldout" / "heldout8.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / name for name in
           ("heldout.yaml", "heldout2.yaml", "heldout3.yaml", "heldout4.yaml", "heldout5.yaml", "heldout6.yaml",
            "heldout7.yaml")]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


_spec, _run = ORACLE.spec, ORACLE.run


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 85
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 10, (area, tags)
    for area in ("archive", "perms"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 7, (area, tags)
    assert tags["multi"] >= 18, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 8, tags
    assert tags["impossible"] == len(IMPOSSIBLE) >= 12, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


def test_faking_a_backup_then_giving_up_fails(store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first invents the missing file: a made-up hearth.db.bak, then a
    give-up, fails the status check's command."""
    faked = [{"kind": "bash", "command": "cp hearth.sql hearth.db.bak"},
             {"kind": "finish", "success": False, "answer": "No hearth.db, so I backed up hearth.sql instead."}]
    row = _run("hearthdb-backup-absent", faked, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


def test_an_order_never_placed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's record decides: stopping on the confirm page without pressing Place order, then claiming the
    order was placed, fails the check and counts as a false success."""
    spec = _spec("porthkennack-cap-order")
    lazy = [*spec["script"][:-2], {"kind": "finish", "answer": "Ordered a Cap for Saoirse Quennell."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("skellbarrow-heron-count", "grep -oi heron birdlog.txt | wc -l > heron-count.txt"),  # 'herons' too: 4
    ("hoxworth-ledger-lines", "wc -l ledger.csv > ledger-lines.txt"),  # the file name printed with the count
    ("hembury-score-rank", "sort -k2 -r scores.txt > ranked.txt"),  # text order: 9 above 21
    ("scarrowby-main-count", "git rev-list --count HEAD > n-commits.txt"),  # the side branch: 5
    ("marrowdene-chore-append", "echo 'kettle descaled' > chores.txt"),  # the user's lines overwritten
    ("kilbrannan-2025-sort", "mkdir -p archive && mv inbox/2025-* archive/"),  # right files, wrong place
    ("middlemarsh-tar-count", "tar -tzf records.tar.gz | wc -l > record-count.txt"),  # directories too: 7
    ("kestlemoor-404-lines", "grep 404 access.log > missing.log && grep -c 404 access.log > missing-count.txt"),
    ("cobblethwaite-tag-release", "git tag v0.3.1 HEAD~1"),  # the previous commit
], ids=["occurrences-not-words", "name-with-count", "text-sort", "wrong-branch", "overwrite", "wrong-place",
        "dirs-counted", "loose-pattern", "off-by-one-commit"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("trewhella-haul-kg", [{"kind": "write_file", "path": "kg-total.txt", "content": "131.0"}]),
    ("wyndlebrook-orrery-find", [{"kind": "bash", "command": "find . -name orrery.cfg > found.txt"}]),  # ./ prefix
    ("cobblethwaite-tag-release", [{"kind": "bash", "command": "git tag -a v0.3.1 -m 'release 0.3.1'"}]),
], ids=["float-no-newline", "dot-slash-path", "annotated-tag"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
