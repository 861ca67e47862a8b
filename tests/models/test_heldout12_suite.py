"""The twelfth held-out suite (benchmarks/heldout/heldout12.yaml, written blind by helper heldout12w) is sound: every
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

from .suite_oracle import (
    ROOT,
    HeldoutSuite,
    SuiteOracles,
    assert_suite_shape,
)

SUITE = ROOT / "benchmarks" / "heldout" / "heldout12.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / ("heldout.yaml" if n == 1 else f"heldout{n}.yaml") for n in range(1, 12)]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs
POSSIBLE = [s for s in SPECS if s["check"]["type"] != "status"]
IMPOSSIBLE = [s for s in SPECS if s["check"]["type"] == "status"]


_spec, _run = ORACLE.spec, ORACLE.run


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) == 64
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] - sum(area in s["tags"] for s in IMPOSSIBLE) >= 11, (area, tags)
    assert tags["multi"] >= 14, tags
    assert sum("browser" in s["tags"] for s in POSSIBLE) >= 4, tags
    assert tags["impossible"] == len(IMPOSSIBLE) == 10, tags
    assert_suite_shape(BENCH, SPECS, IMPOSSIBLE, EARLIER)


class TestOracles(SuiteOracles):
    suite = ORACLE


@pytest.mark.parametrize(("task_id", "faked"), [
    ("tkibuli-shift-rename", "cp coal-shift.csv coal-shifts-2026.txt"),  # another file under the new name
    ("gudauri-lift-price", "echo 0 > lift-total.txt"),  # a total of a column that is not there
    ("ananuri-gate-hours", "jq '.gate_hours = \"09-18\"' fortress.json > f.tmp && mv f.tmp fortress.json"),  # invented
    ("racha-origin-push", "git remote add origin /tmp/racha.git"),  # a remote made up
], ids=["stand-in-file", "made-up-total", "invented-key", "made-up-remote"])
def test_faking_the_work_then_giving_up_fails(task_id: str, faked: str, store: Any, tmp_path: Path) -> None:
    """Giving up is not enough when the agent first fakes what was missing: the status check's command fails."""
    script = [{"kind": "bash", "command": faked}, {"kind": "finish", "success": False, "answer": "it was missing"}]
    row = _run(task_id, script, store, tmp_path)
    assert row["status"] == "gave_up" and not row["passed"], row


@pytest.mark.parametrize(("task_id", "wrong"), [
    ("gori-scratch-tmp", "find scratch -name '*.tmp' -delete"),  # scratch/keep/gate.tmp deleted too
    ("poti-harbour-append", "echo 'ferry delayed 40 min' > harbour-log.txt"),  # the old entries overwritten
    ("mestia-largest-tower", "ls towers | tail -n 1 > biggest-tower.txt"),  # alphabetically last, not largest
    ("ambrolauri-cellar-count", "ls cellar | wc -l > cellar-count.txt"),  # the subfolders missed: 3
    ("lagodekhi-trail-lines", "wc -l trails.log > trails-lines.txt"),  # the file name printed with the count
    ("martvili-oldest-export", "rm \"exports/$(ls exports | head -n 1)\""),  # alphabetically first, not oldest
    ("gurjaani-harvest-sort", "sort -r harvest-kg.txt > harvest-sorted.txt"),  # text order: 9 before 1000
    ("kvareli-grape-kinds", "uniq grapes.txt > grape-kinds.txt; wc -l < grape-kinds.txt > grape-count.txt"),
    ("dedoplistskaro-conf-comments", "grep -v '#' steppe.conf > steppe-clean.conf"),  # the colour line lost
    ("tsalka-lake-areas", "cut -d, -f2 lakes.csv > lake-areas.txt"),  # the header kept
    ("bolnisi-sunday-invite", "sed -i 's/Saturday/Sunday/' invitation.txt"),  # the second one on a line missed
    ("kaspi-mill-json", "jq '.open = false' kaspi-mill.json > m.tmp && mv m.tmp kaspi-mill.json; "
                        "jq .owner kaspi-mill.json > mill-owner.txt"),  # the name in quotes
    ("khoni-choir-trim", "head -n 3 choir-list.txt > choir-list.txt"),  # the shell empties the file first
    ("gardabani-bridge-lines", "grep -o bridge river-notes.txt | wc -l > bridge-lines.txt"),  # occurrences: 3
    ("keda-last-author", "git config user.name > last-author.txt || echo me > last-author.txt"),  # not the author
], ids=["recursive-delete", "overwrite", "name-not-size", "no-recursion", "name-with-count", "name-not-time",
        "text-sort", "uniq-unsorted", "loose-grep", "header-kept", "first-only", "quoted", "self-truncate",
        "occurrences-not-lines", "own-identity"])
def test_a_plausible_wrong_answer_claimed_is_a_false_success(task_id: str, wrong: str, store: Any,
                                                             tmp_path: Path) -> None:
    row = _run(task_id, [{"kind": "bash", "command": wrong}, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["claimed"] and not row["passed"] and row["false_success"], row


@pytest.mark.parametrize(("task_id", "other_way"), [
    ("lagodekhi-trail-lines", [{"kind": "write_file", "path": "trails-lines.txt", "content": "7"}]),
    ("borjomi-spring-link", [{"kind": "bash", "command": "mkdir springs && echo 'flow: 14 l/s' > springs/2026.txt "
                                                         "&& ln -s \"$PWD/springs/2026.txt\" current-spring.txt"}]),
    ("chokhatauri-ledger-restore", [{"kind": "bash", "command": "git restore tea-ledger.txt"}]),
    ("kutaisi-market-note", [{"kind": "bash", "command": "echo 'churchkhela stall opens at 07:30' > market-day.txt"}]),
    ("khoni-choir-trim", [{"kind": "bash", "command": "sed -i '4,$d' choir-list.txt"}]),
], ids=["no-newline", "absolute-link", "git-restore", "echo", "sed-in-place"])
def test_checks_accept_other_correct_ways(task_id: str, other_way: list[dict[str, Any]], store: Any,
                                          tmp_path: Path) -> None:
    row = _run(task_id, [*other_way, {"kind": "finish", "answer": "done"}], store, tmp_path)
    assert row["passed"] and not row["false_success"], row
