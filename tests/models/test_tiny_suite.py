"""The `tiny` suite is sound: every script solves its task through the real loop, and every check
fails on the untouched workspace (so a check can tell a solved task from an unsolved one)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import assert_oracle_sound, load_bench

BENCH = load_bench()
SPECS = BENCH.load_suite()


def test_suite_shape() -> None:
    assert len(SPECS) >= 30
    ids = [s["id"] for s in SPECS]
    assert len(set(ids)) == len(ids), "task ids must be unique"
    for s in SPECS:
        assert s["script"], s["id"]
        assert s["check"]["type"] == "command", s["id"]
        assert s["budget"]["max_steps"] == 8


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_script_solves_task_and_check_needs_it(spec: dict[str, Any], tmp_path: Path, store: Any) -> None:
    assert_oracle_sound(BENCH, spec, tmp_path, store)  # the check runs in a sandbox, as in a run
