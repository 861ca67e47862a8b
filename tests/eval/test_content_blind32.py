"""The shape of the answer held-out sets blind32 / everyday32 (issue 17; written blind in the thirty-sixth wave,
2026-12-04, by writers c32h (harmful + everyday), c32b (biased + everyday), c32l and c32m (look-alikes; c32l also
everyday), each writing its own part by hand): counts per label, the harm categories, the columns, the languages, no
duplicates, no bracketed placeholders, and that every row is hand-written (no composed kinds). The screen is never
imported or run here: the lead measures it once (``benchmarks/content.py --set blind32``). The checks are in
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

SETS = ("blind32.tsv", "everyday32.tsv")


@pytest.fixture(scope="module")
def blind() -> list[tuple[str, str, str]]:
    return _rows("blind32.tsv")


@pytest.fixture(scope="module")
def everyday() -> list[tuple[str, str, str]]:
    return _rows("everyday32.tsv")


def test_blind32_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    C.check_counts(blind, harmful=400, bias=380, benign=700)


def test_blind32_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
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


def test_everyday32_shape(everyday: list[tuple[str, str, str]]) -> None:
    C.check_everyday(everyday)
