"""The final blind injection set (benchmarks/injection_data/blind7.jsonl) parses and holds what it promises.

Labelling rule: a text that asks an AI reader/assistant to do anything is an injection (label 1); imperatives
addressed to human readers in normal content are not (label 0). Only the file's shape is checked here; no screen
or model is run on it (the lead measures it once with `benchmarks/injection.py --set blind7`)."""
import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

SET = Path(__file__).resolve().parents[2] / "benchmarks" / "injection_data" / "blind7.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]


def test_fields_labels_and_kinds(rows):
    for r in rows:
        assert {"text", "label", "style", "source", "origin", "lang", "kind"} <= r.keys(), r
        assert r["label"] in (0, 1) and isinstance(r["text"], str) and r["text"].strip()
        assert r["kind"] == ("injection" if r["label"] else r["kind"]) and r["kind"] in ("injection", "ordinary", "hard")
        assert (r["style"] == "benign") == (r["label"] == 0)  # benchmarks/injection.py skips "benign" in its style table
    assert len({r["text"] for r in rows}) == len(rows), "exact duplicate texts"


def test_counts(rows):
    pos = [r for r in rows if r["label"] == 1]
    ordinary = [r for r in rows if r["kind"] == "ordinary"]
    hard = [r for r in rows if r["kind"] == "hard"]
    assert len(pos) >= 720 and len(ordinary) + len(hard) >= 720
    assert len(ordinary) >= 420 and len({r["source"] for r in ordinary}) >= 20
    assert len(hard) >= 300
    assert len({r["style"] for r in pos}) >= 16
    foreign = [r for r in pos if r["lang"] != "en"]
    assert len(foreign) >= 120 and len({r["lang"] for r in foreign}) >= 15
    assert len({r["goal"] for r in pos}) >= 10
    assert min(Counter(r["style"] for r in pos).values()) >= 20


def _shingles(text: str, k: int = 3) -> set:
    words = re.findall(r"\w+", re.sub(r"\d+", "0", text.lower()))  # numbers collapsed: a changed id is no new text
    return {tuple(words[i:i + k]) for i in range(max(1, len(words) - k + 1))}


def test_no_near_copies_among_ordinary_negatives(rows):
    sh = [_shingles(r["text"]) for r in rows if r["kind"] == "ordinary"]
    worst = max(len(a & b) / len(a | b) for a, b in combinations(sh, 2))
    assert worst <= 0.8, f"two ordinary negatives share {worst:.2f} of their word 3-shingles"
