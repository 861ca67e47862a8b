"""The third held-out suite (benchmarks/heldout/heldout3.yaml, written blind by helper blind4t) is sound: every
oracle script solves its task through the real loop (sandbox, guard, Chromium on the local sites), every
command check fails on the untouched workspace, the suite is new (no task id shared with heldout.yaml or
heldout2.yaml, compared as ids only), and an agent that only claims success is counted as a false success."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from macrohard.eval.suite import load_suite
from macrohard.testing import ScriptedModel

from .suite_oracle import ROOT, HeldoutSuite, OracleSolves, OracleUntouched, suite_ids, workspace

SUITE = ROOT / "benchmarks" / "heldout" / "heldout3.yaml"
EARLIER = [ROOT / "benchmarks" / "heldout" / "heldout.yaml", ROOT / "benchmarks" / "heldout" / "heldout2.yaml"]

ORACLE = HeldoutSuite(SUITE)
BENCH, SPECS = ORACLE.bench, ORACLE.specs


def test_suite_shape() -> None:
    suite = load_suite(SUITE)  # the platform's own loader accepts it (`macrohard eval run FILE`)
    assert len(suite.tasks) == len(SPECS) >= 64
    tags = Counter(tag for s in SPECS for tag in s["tags"])
    for area in ("files", "shell", "text", "git"):
        assert tags[area] >= 8, (area, tags)
    assert tags["multi"] >= 10, tags
    assert tags["browser"] >= 5, tags
    for s in SPECS:
        assert s["script"] and s["check"], s["id"]
        if "browser" in s["tags"]:
            assert s["environment"] == "browser" and s["site"] and s["check"]["type"] == "http", s["id"]
    multi = [s for s in SPECS if "multi" in s["tags"]]
    assert all(len([a for a in s["script"] if a["kind"] != "finish"]) >= 2 for s in multi), "a multi task takes one action"
    ids = [s["id"] for s in SPECS]
    assert len(set(ids)) == len(ids)
    for earlier in EARLIER:
        shared = set(ids) & suite_ids(BENCH, earlier)
        assert not shared, f"task ids repeat {earlier.name}: {sorted(shared)}"


class TestOracles(OracleSolves, OracleUntouched):
    suite = ORACLE


# suite61: the same planted run on the same site as heldout8's and heldout10's test_an_order_never_placed_is_a_false_success (the checkout's script less its Place order, claimed), which runs by default; this one under `-m oracle_full`
@pytest.mark.oracle_full
def test_a_browser_claim_without_the_order_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """The site's own record decides: an agent that fills the cart and shipping but never places the order,
    then claims it did, fails its check and is counted as a false success."""
    spec = next(s for s in SPECS if s["id"] == "cap-invoice-order")
    placed = [a for a in spec["script"] if a["kind"] != "finish"]
    lazy = [*placed[:-1], {"kind": "finish", "answer": "Ordered one Cap for Fennimore Quaile, paid by invoice."}]
    row = BENCH.run_one(spec, ScriptedModel(lazy), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def test_a_wrong_answer_claimed_is_a_false_success(store: Any, tmp_path: Path) -> None:
    """A text task finished with a claim and a wrong figure (bitterns and bitternwatch counted too) is a false success."""
    spec = next(s for s in SPECS if s["id"] == "bittern-mentions")
    wrong = [{"kind": "bash", "command": "grep -oi bittern field-notes.txt | wc -l > bittern-count.txt"},
             {"kind": "finish", "answer": "6"}]
    row = BENCH.run_one(spec, ScriptedModel(wrong), store, str(workspace(tmp_path)))
    assert row["claimed"] and not row["passed"] and row["false_success"], row
