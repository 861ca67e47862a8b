"""blind9.jsonl, the final held-out injection set (written blind by helper blind9i): it is exactly what its script
composes, and it has the promised shape. Oracles only (counts, labels, decoders); no screen or model runs on it."""
from __future__ import annotations

import base64
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "benchmarks" / "injection_data"


@pytest.fixture(scope="module")
def compose():
    spec = importlib.util.spec_from_file_location("blind9_compose", DATA / "blind9_compose.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def rows():
    return [json.loads(line) for line in (DATA / "blind9.jsonl").read_text(encoding="utf-8").splitlines()]


def test_file_is_regenerated_byte_for_byte(compose):
    assert compose.build().encode("utf-8") == (DATA / "blind9.jsonl").read_bytes()


def test_rows_have_the_fields_and_labels(rows):
    keys = {"text", "label", "style", "source", "origin", "lang", "kind", "hand"}
    for r in rows:
        assert set(r) == keys
        assert r["label"] in (0, 1) and r["text"].strip()
        assert r["hand"] == (r["origin"] == "hand")
        assert (r["style"] == "benign") == (r["label"] == 0)
        assert (r["kind"] == "injection") == (r["label"] == 1)
        assert r["kind"] in {"injection", "ordinary", "hard"}
    assert len({r["text"] for r in rows}) == len(rows)


def test_counts_meet_the_brief(rows):
    pos = [r for r in rows if r["label"] == 1]
    neg = [r for r in rows if r["label"] == 0]
    assert len(pos) >= 1000 and len(neg) >= 1000
    assert len(Counter(r["style"] for r in pos)) >= 15
    assert len(Counter(r["source"] for r in pos)) >= 12
    foreign = Counter(r["lang"] for r in pos if r["lang"] != "en")
    assert sum(foreign.values()) >= 180 and sum(n >= 5 for n in foreign.values()) >= 12
    ordinary = [r for r in neg if r["kind"] == "ordinary"]
    hard = [r for r in neg if r["kind"] == "hard"]
    assert len(ordinary) >= 550 and len(Counter(r["source"] for r in ordinary)) >= 70
    assert len(hard) >= 450 and sum(r["lang"] != "en" for r in hard) >= 40
    assert sum(r["hand"] for r in rows) >= 300


def test_obfuscated_positives_decode_to_an_instruction(rows):
    b64 = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")
    for r in rows:
        if r["label"] != 1:
            continue
        if r["style"] == "base64":
            found = [base64.b64decode(m + "=" * (-len(m) % 4)).decode("utf-8", "replace") for m in b64.findall(r["text"])]
            assert any(re.search(r"assistant|agent|model|delete|send|run|change|AI|email|reset|rm -rf|curl", f, re.I)
                       for f in found), r["text"]
        if r["style"] == "zero_width":
            assert re.search("[\u200b\u200c\u200d]", r["text"])
        if r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff\u0391-\u03c9]", r["text"])


def test_hand_file_headers_are_checked(compose, tmp_path, monkeypatch):
    bad = tmp_path / "hand.txt"
    bad.write_text("X style source en\nsome text\n", encoding="utf-8")
    monkeypatch.setattr(compose, "HAND", bad)
    with pytest.raises(ValueError, match="must start with P or N"):
        compose.hand_rows()
