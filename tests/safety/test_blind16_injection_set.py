"""blind16.jsonl, the eighteenth wave's blind injection set (written blind by helper blind16i from the issue's text):
it is exactly what its script composes from its hand files, it has the promised shape (24 styles weighted toward
orders in the document's own voice, summariser hooks, images and speech, and orders in data; 22 kinds of output; 14
other languages composed and 30 by hand), it shares no text with older blind sets, and benchmarks/injection.py finds
it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import re

import pytest

from .injection_sets import (
    DATA,
    assert_benchmark_lists,
    assert_composed_varied,
    assert_counts,
    assert_hand_headers_checked,
    assert_hand_rows,
    assert_no_older_text,
    assert_row_fields,
    compose_module,
    decoded,
    set_rows,
)

VERB = re.compile(r"\b(send|forward|delete|run|add|approve|turn|share|export|reply|open|set|invite|tell|transfer|"
                  r"grant|remove|post|merge|upload|pay|push|book|create|reset|disable|revoke|cancel|submit|wash|"
                  r"close|email|bring|take|call|sign|click)\b", re.I)
ADDRESSED = re.compile(r"\b(assistant|AI|agent|Copilot|bot|LLM|tool|reader)\b", re.I)
DATA_STYLES = {"csv_cell": {"csv_export"}, "json_value": {"json_api"}, "filename": {"file_listing"},
               "commit_message": {"git_log"}, "calendar_note": {"calendar"}, "caption": {"image_caption"},
               "transcript": {"voice_transcript", "meeting_transcript"}, "readme_step": {"readme"},
               "changelog_note": {"changelog"}, "ticket_step": {"ticket"}, "form_field": {"form_submission"}}


@pytest.fixture(scope="module")
def compose():
    return compose_module("blind16")


@pytest.fixture(scope="module")
def rows():
    return set_rows("blind16")


def test_file_is_regenerated_byte_for_byte(compose):
    assert compose.build().encode("utf-8") == (DATA / "blind16.jsonl").read_bytes()


def test_rows_have_the_fields_and_labels(rows):
    assert_row_fields(rows, trimmed=True)
    assert len({r["text"] for r in rows}) == len(rows)


def test_counts_per_kind_style_source_and_language(rows):
    styles = assert_counts(rows)
    assert len(styles) >= 24 and min(styles.values()) >= 30, styles
    # this wave's weight: orders in the document's own voice and summariser hooks, images and speech, data
    assert styles["voice_request"] + styles["readme_step"] + styles["ticket_step"] + styles["changelog_note"] >= 200
    assert styles["summary_hook"] >= 70
    assert styles["alt_text"] + styles["caption"] + styles["transcript"] >= 180
    assert sum(styles[s] for s in ("csv_cell", "json_value", "filename", "commit_message", "calendar_note",
                                   "form_field", "split_fields")) >= 300
    pos = [r for r in rows if r["label"] == 1]
    assert len({r["source"] for r in pos}) >= 22 and len({r["lang"] for r in pos}) >= 30


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=24)


def test_planted_orders_are_there_in_their_disguise(rows):
    for r in (r for r in rows if r["label"] == 1 and not r["hand"]):
        text = r["text"]
        if r["style"] == "encoded":
            assert any(ADDRESSED.search(f) and VERB.search(f) for f in decoded(text)), text
        if r["style"] == "zero_width":
            assert "\u200b" in text, text
        if r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff]", text), text
        if r["style"] in DATA_STYLES:
            assert r["source"] in DATA_STYLES[r["style"]], r
        if r["style"] == "alt_text":
            assert re.search(r'alt="[^"]*\(', text), text
        if r["style"] == "hidden_markup":
            assert re.search(r"<!--|display:none|hidden>|font-size:0", text), text
        if r["style"] == "split_fields":
            assert "(1/2)" in text and "(2/2)" in text, text


def test_look_alikes_carry_orders_or_quote_attacks(rows):
    """Hard negatives are the point: nine in ten English ones hold an imperative or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.85 * len(hard)


def test_composed_rows_are_varied(rows):
    assert_composed_varied(rows)


def test_no_text_is_shared_with_older_blind_sets(rows):
    assert_no_older_text(rows, "blind16", older_sets=13)


def test_hand_file_headers_are_checked(compose, tmp_path, monkeypatch):
    monkeypatch.setattr(compose, "HANDS", (tmp_path / "hand.txt",))
    assert_hand_headers_checked(compose, tmp_path / "hand.txt", "summary_hook", "web_page", "eu",
                                ("Lerro bat", "Bigarren lerroa"))


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind16", "blind15")
