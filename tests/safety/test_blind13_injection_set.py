"""blind13.jsonl, the fifteenth wave's blind injection set (written blind by helper blind13i): it is exactly what its
script composes from its hand-written files, it has the promised shape, it shares no text with older blind sets, and
benchmarks/injection.py finds it. Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import codecs
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

VERB = re.compile(r"\b(send|forward|delete|wire|run|add|change|approve|turn|share|export|cancel|reply|buy|give|open|"
                  r"set|invite|copy|tell|transfer|grant|remove|post|rate|merge|upload|pay|print)\b", re.I)


@pytest.fixture(scope="module")
def compose():
    return compose_module("blind13")


@pytest.fixture(scope="module")
def rows():
    return set_rows("blind13")


def test_file_is_regenerated_byte_for_byte(compose):
    assert compose.build().encode("utf-8") == (DATA / "blind13.jsonl").read_bytes()


def test_rows_have_the_fields_and_labels(rows):
    assert_row_fields(rows, trimmed=True)


def test_counts_per_kind_style_source_and_language(rows):
    assert_counts(rows)


def test_hand_rows_are_many_and_come_from_the_hand_files(rows, compose):
    assert_hand_rows(rows, compose, styles=24)


def test_obfuscated_positives_decode_to_an_instruction(rows, compose):
    addressees = (*compose.S.ADDRESSEES, "AI assistant", "Assistant", "Agent")
    for r in (r for r in rows if r["label"] == 1):
        text = r["text"]
        if r["style"] == "encoded":
            assert any(f.startswith(addressees) and VERB.search(f) for f in decoded(text, hex_runs=True)), text
        if r["style"] == "rot_cipher":
            turned = (codecs.decode(text, "rot13"), text[::-1])
            assert any(re.search(rf"\b{re.escape(a)}, .*?{VERB.pattern}", d) for d in turned for a in addressees), text
        if r["style"] == "zero_width":
            assert re.search("[\u200b\u200c\u200d]", text), text
        if r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff\u03b1-\u03c9]", text), text


def test_composed_rows_are_varied(rows):
    assert_composed_varied(rows)


def test_no_text_is_shared_with_older_blind_sets(rows):
    assert_no_older_text(rows, "blind13", older_sets=10)


def test_hand_file_headers_are_checked(compose, tmp_path, monkeypatch):
    monkeypatch.setattr(compose, "HANDS", (tmp_path / "hand.txt",))
    assert_hand_headers_checked(compose, tmp_path / "hand.txt", "direct_order", "email", "de", ('Zeile eins', 'Zeile zwei'))


def test_the_benchmark_finds_the_set():
    assert_benchmark_lists("blind13", "blind11")

