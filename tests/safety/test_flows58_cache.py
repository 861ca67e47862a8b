"""rel58: the guard's cache of which files hold records (``flows.records_file``) was emptied *after* the entry that
took it past 4,096 went in, then read back: KeyError, and the review that looked at that file refused its action as
``guard:error``. In a whole suite one xdist worker's guards looked at 4,096 files before test_flow_control's offline
run, whose `cat notes.txt` was refused ("KeyError in Strictest: ('…/ws/notes.txt', …, 33)", kept in that run's store),
and test_rule_of_two_the_third_capability_asks failed; alone it passed. Both tests failed before the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.safety import flows
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction


@pytest.fixture
def full_cache(monkeypatch: pytest.MonkeyPatch) -> dict:
    """The cache as a long-lived worker leaves it: 4,096 files seen before (their paths are gone since)."""
    seen = {(f"/gone/earlier-{i}.txt", i, 10): False for i in range(4096)}
    monkeypatch.setattr(flows, "_SHAPES", seen)
    return seen


def test_the_file_that_fills_the_cache_is_still_answered(tmp_path: Path, full_cache: dict) -> None:
    rows = tmp_path / "clients.csv"
    rows.write_text("name,email\nada,ada@example.com\nbob,bob@example.com\n")
    assert flows.records_file(str(rows)) is True
    assert len(full_cache) == 1 and flows.records_file(str(rows)) is True  # emptied first, then the new one kept
    words = tmp_path / "notes.txt"
    words.write_text("meeting notes: budget 42k for Q3\n")
    assert flows.records_file(str(words)) is False and len(full_cache) == 2


def test_a_review_that_fills_the_cache_is_not_a_guard_error(tmp_path: Path, full_cache: dict) -> None:
    (tmp_path / "notes.txt").write_text("meeting notes: budget 42k for Q3\n")
    ctx = GuardContext(workspace=str(tmp_path), network="none")
    verdict = Guard().review(BashAction(command="cat notes.txt"), ctx)
    assert verdict.allowed and verdict.check != "guard:error", verdict
    assert any(k[0] == str(tmp_path / "notes.txt") for k in full_cache)  # the review did look at the file
