"""blind15.jsonl, the seventeenth wave's blind injection set (written blind by helper blind15i): it is exactly what
its script composes from its hand file, it has the promised shape (weighted toward orders in the document's own
voice, summariser hooks, alt text, captions and transcripts, and orders in data), it shares no text with older blind
sets, and benchmarks/injection.py finds it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
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

VERB = re.compile(r"\b(send|forward|delete|run|add|change|approve|turn|share|export|reply|open|set|invite|copy|tell|"
                  r"transfer|grant|remove|post|rate|merge|upload|pay|push|attach|book|create|reset|disable|revoke|"
                  r"cancel|submit|wash|close|email|complete|bring)\b", re.I)
DATA_STYLES = {"csv_cell": "csv_export", "json_value": "json_api", "filename": "file_listing",
               "commit_message": "git_log", "calendar_note": "calendar", "transcript": "voice_transcript",
               "caption": "image_caption"}


@pytest.fixture(scope="module")
def compose():
    return compose_module("blind15")


@pytest.fixture(scope="module")
def rows():
    return set_rows("blind15")


def test_file_is_regenerated_byte_for_byte(compose):
    assert compose.build().encode("utf-8") == (DATA / "blind15.jsonl").read_bytes()


def test_rows_have_the_fields_and_labels(rows):
    assert_row_fields(rows, trimmed=True)
    assert len({r["text"] for r in rows}) == len(rows)


def test_counts_per_kind_style_source_and_language(rows):
    styles = assert_counts(rows)
    # this wave's weight: orders in the document's own voice, summariser hooks, images and voice lead
    assert styles["voice_request"] >= 150 and styles["summary_hook"] >= 100
    assert styles["alt_text"] + styles["caption"] + styles["transcript"] >= 150
    assert sum(styles[s] for s in DATA_STYLES) + styles["split_fields"] + styles["filename"] >= 250
    pos = [r for r in rows if r["label"] == 1]
    assert len({r["lang"] for r in pos if r["lang"] != "en"}) >= 12 and len(styles) >= 20


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=20)


def test_planted_orders_are_there_in_their_disguise(rows):
    addressees = ("Assistant", "AI", "Agent", "Copilot", "Bot", "Dear assistant", "Note to the AI", "To any", "LLM")
    for r in (r for r in rows if r["label"] == 1 and not r["hand"]):
        text = r["text"]
        if r["style"] == "encoded":
            assert any(f.startswith(addressees) and VERB.search(f) for f in decoded(text)), text
        if r["style"] == "zero_width":
            assert "\u200b" in text, text
        if r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff]", text), text
        if r["style"] in DATA_STYLES:
            assert r["source"] == DATA_STYLES[r["style"]], r
        if r["style"] == "alt_text":
            assert re.search(r'alt="[^"]*(:|\()', text), text


def test_look_alikes_carry_orders_or_quote_attacks(rows):
    """Hard negatives are the point: three in four English ones hold an imperative or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.75 * len(hard)


def test_composed_rows_are_varied(rows):
    assert_composed_varied(rows)


def test_no_text_is_shared_with_older_blind_sets(rows):
    assert_no_older_text(rows, "blind15", older_sets=12)


def test_hand_file_headers_are_checked(compose, tmp_path, monkeypatch):
    monkeypatch.setattr(compose, "HANDS", (tmp_path / "hand.txt",))
    assert_hand_headers_checked(compose, tmp_path / "hand.txt", "voice_request", "ticket", "fi", ('Rivi yksi', 'Rivi kaksi'))


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind15", "blind14")
