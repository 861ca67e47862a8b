"""blind28, the thirty-third wave's held-out injection set (issue 17), keeps its shape: counts, fields, the share
written by hand, English and other-language injections (every other language with 8 distinct hand-written orders or
more), the fresh styles and carriers, hard look-alikes, no duplicates inside it or with the published sets, and
``blind28_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen. The checks the
sets share are in ``injection_shape``."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from . import injection_shape as I

PUBLISHED = I.published(28)
FRESH = {"split_order", "roleplay_game", "fake_tool_result", "structured_value", "markdown_link_alt",
         "signature_autoreply", "user_already_agreed", "summarise_then_send", "table_cell"}
BLIND27_STYLES = {"direct_override", "code_comment", "form_placeholder", "third_person", "fake_system", "buried_middle",
                  "commit_message", "formula_comment", "checklist_item", "subtitle_line"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return I.load("blind28.jsonl")


def test_counts_and_fields(rows: list[dict]) -> None:
    kinds = I.check_counts_and_fields(rows)
    assert kinds["hard"] >= 550


def test_by_hand_share(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.45 * len(rows)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    assert all(re.fullmatch(r"[a-z]{2}", r["lang"]) for r in rows)
    assert sum(r["label"] and r["lang"] == "en" for r in rows) >= 300
    other = {r["lang"] for r in rows} - {"en"}
    assert len(other) >= 30
    hand_orders = Counter(r["lang"] for r in rows if r["label"] and r["hand"])
    assert all(hand_orders[lang] >= 8 for lang in other)
    assert sum(1 - r["label"] for r in rows if r["lang"] != "en") >= 200


def test_styles_and_sources(rows: list[dict]) -> None:
    I.check_styles_and_sources(rows, FRESH)
    styles = {r["style"] for r in rows if r["label"]}
    assert len(styles - BLIND27_STYLES) >= 4
    assert len({r["source"] for r in rows}) >= 12


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind28")
