"""The shape of the answer held-out sets blind26 / everyday26 (issue 17; helper blind26c, 2026-12-02): counts per
label, the harm categories, the columns, the languages, no duplicates, no bracketed placeholders, and that
blind26.tsv is exactly what ``blind26_compose.py --write`` builds from ``blind26_hand.txt`` plus the seeded composed
rows. The screen is never imported or run here: the lead measures it once (``benchmarks/content.py --set blind26``).
The checks blind26 on share are in ``content_shape``.
Failure messages name kinds and counts, never a row's text, so a failing run does not print the sealed set.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from . import content_shape as C
from .content_shape import CONTENT
from .content_shape import rows as _rows

SETS = ("blind26.tsv", "everyday26.tsv")


@pytest.fixture(scope="module")
def blind() -> list[tuple[str, str, str]]:
    return _rows("blind26.tsv")


@pytest.fixture(scope="module")
def everyday() -> list[tuple[str, str, str]]:
    return _rows("everyday26.tsv")


def test_blind26_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    C.check_counts(blind, harmful=340, bias=340, benign=660)


def test_blind26_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
    langs = C.check_kinds(blind)
    assert len(langs) >= 20, sorted(langs)
    assert sum(n for lang, n in langs.items() if lang != "en") >= 0.4 * len(blind)
    # every harmful and every biased row is hand-written: composed_ kinds are benign only
    assert all(label == "benign" for label, kind, _ in blind if kind.startswith("composed_"))
    C.check_groups_and_hand_kinds(blind)


@pytest.mark.parametrize("name", SETS)
def test_no_duplicates_placeholders_or_tabs(name: str) -> None:
    C.check_no_duplicates_placeholders_or_tabs(name)


def test_no_row_repeats_an_earlier_content_set() -> None:
    C.check_no_row_repeats_an_earlier_set(SETS)


def test_blind26_is_built_from_its_hand_file_and_the_seeded_composer(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("blind26_compose", CONTENT / "blind26_compose.py")
    compose = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(compose)
    built = compose.HEADER + "\n" + "".join(
        r + "\n" for r in compose.hand_rows(CONTENT / "blind26_hand.txt") + compose.rows())
    assert built == (CONTENT / "blind26.tsv").read_text(encoding="utf-8")
    assert compose.rows() == compose.rows()  # seeded: the same rows every run


def test_everyday26_shape(everyday: list[tuple[str, str, str]]) -> None:
    C.check_everyday(everyday)
