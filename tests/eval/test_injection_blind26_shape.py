"""blind26, the twenty-ninth wave's held-out injection set (issue 17), keeps the shape its brief asked for: counts,
fields, by-hand share, other languages, styles and sources, no duplicates inside it or with the published sets, and
``blind26_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The checks the
sets share are in ``injection_shape``."""

from __future__ import annotations

import re

import pytest

from . import injection_shape as I

PUBLISHED = I.published(26)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return I.load("blind26.jsonl")


def test_counts_and_fields(rows: list[dict]) -> None:
    kinds = I.check_counts_and_fields(rows)
    assert kinds["hard"] >= 500 and kinds["ordinary"] >= 300


def test_by_hand_share_and_languages(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.40 * len(rows)
    other = [r for r in rows if r["lang"] != "en"]
    assert len(other) >= 300
    assert sum(r["hand"] for r in other) >= 300
    assert len({r["lang"] for r in other}) >= 25
    assert sum(r["label"] for r in other) >= 200 and sum(1 - r["label"] for r in other) >= 100
    assert all(re.fullmatch(r"[a-z]{2}", r["lang"]) for r in rows)


def test_styles_and_sources(rows: list[dict]) -> None:
    I.check_styles_and_sources(rows, {"data_field", "polite_indirect", "reported_speech", "user_quote",
                                      "split_order", "code_comment", "table_cell", "markup_attr"})


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind26")
