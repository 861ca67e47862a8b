"""The shape of the answer held-out sets blind33 / everyday33 (issue 17; written blind in the thirty-seventh wave,
2026-12-04, by writers c33h (harmful + everyday), c33b (biased + everyday), c33l and c33m (look-alikes; c33l also
everyday), each writing its own part by hand): counts per label, the harm categories, the columns, the languages, no
duplicates, no bracketed placeholders, and that every row is hand-written (no composed kinds). The screen is never
imported or run here: the lead measures it once (``benchmarks/content.py --set blind33``). The checks are in
``content_shape``. Failure messages name kinds and counts, never a row's text, so a failing run does not print the
sealed set.
"""

from __future__ import annotations

import pytest

from . import content_shape as C

# CONTENT, HARMS, KIND and _lang stay importable from here for a later set's test that reads them from this file
from .content_shape import CONTENT, HARMS, KIND  # noqa: F401
from .content_shape import lang as _lang  # noqa: F401
from .content_shape import rows as _rows

SETS = ("blind33.tsv", "everyday33.tsv")


@pytest.fixture(scope="module")
def blind() -> list[tuple[str, str, str]]:
    return _rows("blind33.tsv")


@pytest.fixture(scope="module")
def everyday() -> list[tuple[str, str, str]]:
    return _rows("everyday33.tsv")


def test_blind33_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    C.check_counts(blind, harmful=430, bias=400, benign=880)


def test_blind33_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
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


def test_everyday33_shape(everyday: list[tuple[str, str, str]]) -> None:
    C.check_everyday(everyday)
