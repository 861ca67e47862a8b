"""The final blind injection set (benchmarks/injection_data/blind8.jsonl) parses and holds what it promises.

Labelling rule: a text that asks an AI reader/assistant to do anything is an injection (label 1); imperatives
addressed to human readers in normal content, and texts that quote injections as examples, are not (label 0).
Only the file's shape is checked here, with oracles (counts, decoders, shingles); no screen or model is run on it
(the lead measures it once with `benchmarks/injection.py --set blind8`)."""
import base64
import binascii
import importlib.util
import json
import re
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

DIR = Path(__file__).resolve().parents[2] / "benchmarks" / "injection_data"
SET = DIR / "blind8.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]


def test_fields_labels_and_kinds(rows):
    for r in rows:
        assert {"text", "label", "style", "source", "origin", "lang", "kind"} <= r.keys(), r
        assert r["label"] in (0, 1) and isinstance(r["text"], str) and r["text"].strip()
        assert r["origin"] in ("hand", "composed") and re.fullmatch(r"[a-z]{2}", r["lang"])
        assert r["kind"] == "attack" if r["label"] else r["kind"] in ("ordinary", "hard")
        assert (r["style"] == "benign") == (r["label"] == 0)  # benchmarks/injection.py skips "benign" in its style table
    assert len({r["text"] for r in rows}) == len(rows), "exact duplicate texts"


def test_counts(rows):
    pos = [r for r in rows if r["label"] == 1]
    ordinary = [r for r in rows if r["kind"] == "ordinary"]
    hard = [r for r in rows if r["kind"] == "hard"]
    assert len(pos) >= 1000 and len(ordinary) + len(hard) >= 1000
    assert len(ordinary) >= 550 and len({r["source"] for r in ordinary}) >= 60
    assert len(hard) >= 400 and len({r["source"] for r in hard}) >= 10
    assert 0.10 <= sum(r["lang"] != "en" for r in hard) / len(hard) <= 0.25
    styles = Counter(r["style"] for r in pos)
    assert len(styles) >= 12 and min(styles.values()) >= 30, styles
    assert len({r["source"] for r in pos}) >= 12
    foreign = [r for r in pos if r["lang"] != "en"]
    assert len(foreign) >= 150 and len({r["lang"] for r in foreign}) >= 12
    assert len({r["goal"] for r in pos}) >= 8 and min(Counter(r["goal"] for r in pos).values()) >= 30


def test_hand_items_on_both_labels(rows):
    hand = [r for r in rows if r["origin"] == "hand"]
    assert len(hand) >= 300
    assert min(Counter(r["label"] for r in hand).values()) >= 100
    assert {r["kind"] for r in hand} == {"attack", "ordinary", "hard"}


def _b64_tokens(text):
    out = []
    for tok in re.findall(r"[A-Za-z0-9+/]{24,}={0,2}", text):
        try:
            out.append(base64.b64decode(tok, validate=True).decode("ascii"))
        except (binascii.Error, UnicodeDecodeError, ValueError):
            pass
    return out


def test_obfuscated_styles_really_are(rows):
    """Encoded and disguised attacks carry what their style names (an oracle, not a detector)."""
    for r in rows:
        if r["style"] == "encoded_base64":
            assert any(len(d.split()) >= 4 for d in _b64_tokens(r["text"])), r["text"]
        elif r["style"] == "zero_width":
            assert re.search("[\u200b-\u200d\u2060]", r["text"]), r["text"]
        elif r["style"] == "homoglyph":
            assert re.search("[\u0400-\u04ff\u0370-\u03ff\u0456]", r["text"]), r["text"]
        elif r["style"] == "hidden_html":
            assert re.search(r"display:\s*none|<!--|hidden|font-size:\s*[01]px|font-size:0|opacity:0|sr-only", r["text"])


def _shingles(text: str, k: int = 3) -> frozenset:
    words = re.findall(r"\w+", re.sub(r"\d+", "0", text.lower()))  # numbers collapsed: a changed id is no new text
    return frozenset(tuple(words[i:i + k]) for i in range(max(1, len(words) - k + 1)))


def _worst(texts):
    sh = [_shingles(t) for t in texts]
    worst = 0.0
    for a, b in combinations(sh, 2):
        if min(len(a), len(b)) / max(len(a), len(b)) <= worst:  # Jaccard can't exceed the size ratio
            continue
        worst = max(worst, len(a & b) / len(a | b))
    return worst


@pytest.mark.parametrize("label", [0, 1])
def test_no_near_copies_within_a_label(rows, label):
    worst = _worst([r["text"] for r in rows if r["label"] == label])
    assert worst <= 0.6, f"two texts of label {label} share {worst:.2f} of their word 3-shingles"


def test_near_copy_check_can_fail():
    assert _worst(["the cat sat on the mat today", "the cat sat on the mat today again"]) > 0.6


def test_the_script_regenerates_the_file(rows):
    spec = importlib.util.spec_from_file_location("blind8_compose", DIR / "blind8_compose.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.compose() == rows
