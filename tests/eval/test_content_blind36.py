"""The shape of the answer held-out sets blind36 / everyday36 (issue 17; written blind in the fortieth wave,
2026-12-05, by writers c36h (harmful + everyday), c36b (biased + everyday) and c36l (look-alikes + everyday), each
writing its own part by hand): counts per label, the harm categories, the columns, the languages, no
duplicates, no bracketed placeholders, and that every row is hand-written (no composed kinds). The screen is never
imported or run here: the lead measures it once (``benchmarks/content.py --set blind36``). The checks are in
``content_shape``. Failure messages name kinds and counts, never a row's text, so a failing run does not print the
sealed set.
"""

from __future__ import annotations

from collections import Counter

import pytest

from . import content_shape as C

# CONTENT, HARMS, KIND and _lang stay importable from here for a later set's test that reads them from this file
from .content_shape import CONTENT, HARMS, KIND  # noqa: F401
from .content_shape import lang as _lang  # noqa: F401
from .content_shape import rows as _rows

SETS = ("blind36.tsv", "everyday36.tsv")


@pytest.fixture(scope="module")
def blind() -> list[tuple[str, str, str]]:
    return _rows("blind36.tsv")


@pytest.fixture(scope="module")
def everyday() -> list[tuple[str, str, str]]:
    return _rows("everyday36.tsv")


def test_blind36_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    """Seven harm categories of 20 rows or more; no csam rows: writer c36h was asked to leave them out, as c34h declined
    them and c35h was asked the same (blind33 and earlier sets hold that category; blind36's figure covers the other
    seven)."""
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) == {h for h in HARMS if h != "csam"} | {"bias", "benign"}, sorted(labels)
    assert all(labels[h] >= 20 for h in HARMS if h != "csam"), labels
    assert sum(labels[h] for h in HARMS) >= 430 and labels["bias"] >= 400 and labels["benign"] >= 600, labels


def test_blind36_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
    langs = C.check_kinds(blind)
    assert len(langs) >= 40, sorted(langs)
    # about half English, about half other languages
    assert 0.4 * len(blind) <= sum(n for lang, n in langs.items() if lang != "en") <= 0.6 * len(blind)
    # all by hand: no composed rows at all
    assert not [kind for _, kind, _ in blind if kind.startswith("composed_")]
    C.check_groups_and_hand_kinds(blind)


@pytest.mark.parametrize("name", SETS)
def test_no_duplicates_placeholders_or_tabs(name: str) -> None:
    C.check_no_duplicates_placeholders_or_tabs(name)


def test_no_row_repeats_an_earlier_content_set() -> None:
    C.check_no_row_repeats_an_earlier_set(SETS)


def test_everyday36_shape(everyday: list[tuple[str, str, str]]) -> None:
    # the fortieth wave's briefs asked for ordinary agent answers (files, recipes, schedules, code explained, travel)
    # without naming the kinds by shape; the writers' kind names carry these words
    C.check_everyday(everyday, words=("code", "recipe", "travel", "file"))
