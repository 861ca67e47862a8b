"""blind14.jsonl, the sixteenth wave's blind injection set (written blind by helper blind14i): it is exactly what its
script composes from its hand-written files, it has the promised shape (weighted toward plain orders in the
document's own voice, conditional triggers and orders in data), it shares no text with older blind sets, and
benchmarks/injection.py finds it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
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
                  r"transfer|grant|remove|post|rate|merge|upload|pay|push|attach|book|create|reset)\b", re.I)
DATA_STYLES = {"csv_cell": "csv_export", "json_value": "json_api", "filename": "file_listing", "alt_text": "web_page",
               "commit_message": "git_log"}


@pytest.fixture(scope="module")
def compose():
    return compose_module("blind14")


@pytest.fixture(scope="module")
def rows():
    return set_rows("blind14")


def test_file_is_regenerated_byte_for_byte(compose):
    assert compose.build().encode("utf-8") == (DATA / "blind14.jsonl").read_bytes()


def test_rows_have_the_fields_and_labels(rows):
    assert_row_fields(rows, trimmed=True)
    assert len({r["text"] for r in rows}) == len(rows)


def test_counts_per_kind_style_source_and_language(rows):
    styles = assert_counts(rows)
    # this wave's weight: plain orders in the document's voice and conditional triggers lead
    assert styles["voice_request"] >= 120 and styles["conditional_trigger"] >= 120 and styles["summary_hook"] >= 90


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=20)


def test_obfuscated_positives_hide_an_instruction(rows, compose):
    addressees = (*compose.S.ADDRESSEES, "Agent")
    for r in (r for r in rows if r["label"] == 1):
        text = r["text"]
        if r["style"] == "encoded":
            assert any(f.startswith(addressees) and VERB.search(f) for f in decoded(text)), text
        if r["style"] == "zero_width":
            assert re.search("[\u200b\u200c\u200d]", text), text
        if r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff]", text), text
        if r["style"] in DATA_STYLES and not r["hand"]:
            assert r["source"] == DATA_STYLES[r["style"]], r


def test_look_alikes_carry_orders_or_quote_attacks(rows):
    """Hard negatives are the point: three in four English ones hold an imperative or quote an attack."""
    hard = [r["text"] for r in rows if r["kind"] == "hard" and r["lang"] == "en"]
    assert sum(bool(VERB.search(t)) for t in hard) >= 0.75 * len(hard)


def test_composed_rows_are_varied(rows):
    assert_composed_varied(rows)


def test_no_text_is_shared_with_older_blind_sets(rows):
    assert_no_older_text(rows, "blind14", older_sets=11)


def test_hand_file_headers_are_checked(compose, tmp_path, monkeypatch):
    monkeypatch.setattr(compose, "HANDS", (tmp_path / "hand.txt",))
    assert_hand_headers_checked(compose, tmp_path / "hand.txt", "voice_request", "ticket", "sv", ('Rad ett', 'Rad två'))


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind14", "blind13")

