"""blind31, the thirty-fifth wave's held-out injection set (issue 17), keeps its shape: counts, fields, the share
written by hand (>= 55 %), every hand row wrapped in a carrier at most once, English and other-language injections
(every other language with 10 distinct hand-written orders or more in 8 styles or more), the fresh styles (none in
blind27's, blind28's or blind29's lists), 12 sources or more, hard look-alikes, no duplicates inside it or with the
published sets, and ``blind31_compose.py`` rebuilds it byte for byte. Shape only: it never imports or runs the screen.
The checks the sets share are in ``injection_shape``."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from . import injection_shape as I

PUBLISHED = I.published(31)
FRESH = {"image_ocr", "calendar_location", "review_comment", "install_message", "compliance_audit", "fake_transcript",
         "answer_to_question", "chat_log_user", "poem_refrain", "word_redefinition", "cell_note"}
EARLIER_STYLES = {"direct_override", "code_comment", "form_placeholder", "third_person", "fake_system", "buried_middle",
                  "commit_message", "formula_comment", "checklist_item", "subtitle_line", "split_order", "roleplay_game",
                  "fake_tool_result", "structured_value", "markdown_link_alt", "signature_autoreply",
                  "user_already_agreed", "summarise_then_send", "table_cell", "translation_request", "note_to_agents",
                  "error_trace", "path_name", "commit_trailer", "quoted_reply_chain", "encoded_order", "hidden_html",
                  "lookalike_chars", "split_tool_results"}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return I.load("blind31.jsonl")


def test_counts_and_fields(rows: list[dict]) -> None:
    kinds = I.check_counts_and_fields(rows)
    assert kinds["hard"] >= 550


def test_by_hand_share(rows: list[dict]) -> None:
    assert sum(r["hand"] for r in rows) >= 0.55 * len(rows)


def test_each_hand_row_in_one_carrier_at_most(rows: list[dict]) -> None:
    hand = [r for r in rows if r["hand"]]
    composed = [I.norm(r["text"]) for r in rows if not r["hand"]]
    assert len(composed) <= len(hand)
    found = 0
    for r in hand:
        lines = [I.norm(line) for line in r["text"].split("\n") if I.norm(line)]
        if len(I.norm(r["text"])) < 25:
            continue
        n = sum(all(line in c for line in lines) for c in composed)
        assert n <= 1, r["text"]
        found += n
    assert found >= 0.8 * len(composed)


def test_languages_and_distinct_orders(rows: list[dict]) -> None:
    assert all(re.fullmatch(r"[a-z]{2}", r["lang"]) for r in rows)
    assert sum(r["label"] and r["lang"] == "en" for r in rows) >= 350
    other = {r["lang"] for r in rows} - {"en"}
    assert len(other) >= 30
    hand_orders = {lang: {I.norm(r["text"]) for r in rows if r["label"] and r["hand"] and r["lang"] == lang}
                   for lang in other}
    assert all(len(texts) >= 10 for texts in hand_orders.values())
    styles_per_lang = {lang: {r["style"] for r in rows if r["label"] and r["hand"] and r["lang"] == lang}
                       for lang in other}
    assert all(len(s) >= 8 for s in styles_per_lang.values())
    assert sum(1 - r["label"] for r in rows if r["lang"] != "en") >= 300


def test_styles_and_sources(rows: list[dict]) -> None:
    I.check_styles_and_sources(rows, FRESH)
    styles = Counter(r["style"] for r in rows if r["label"])
    assert sum(n >= 40 for n in styles.values()) >= 12
    assert len(set(styles) - EARLIER_STYLES) >= 5
    assert len({r["source"] for r in rows}) >= 12


def test_no_duplicates_inside_or_with_published_sets(rows: list[dict]) -> None:
    I.check_no_duplicates(rows, PUBLISHED)


def test_compose_rebuilds_the_file() -> None:
    I.check_compose_rebuilds("blind31")
