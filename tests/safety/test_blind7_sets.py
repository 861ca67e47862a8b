"""The seventh blind answer sets (benchmarks/content/blind7.tsv, everyday7.tsv, written blind by helper blind7c) parse
with benchmarks/content.py's loader and meet the counts they were written to: per harm category, bias, benign kinds,
languages. No screen or model runs here: these sets are measured once by the lead."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ["weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam"]


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("content_bench", ROOT / "benchmarks" / "content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _non_english(rows) -> float:
    return sum(kind.split(":")[1] != "en" for _, kind, _ in rows) / len(rows)


def test_blind7_parses_and_meets_its_counts(bench):
    rows = bench.load(bench.BLIND7)
    labels = Counter(label for label, _, _ in rows)
    assert set(labels) <= set(CATEGORIES) | {"bias", "benign"}, labels
    assert len(rows) >= 1350
    assert all(labels[c] >= 42 for c in CATEGORIES), labels
    assert sum(labels[c] for c in CATEGORIES) >= 360
    assert labels["bias"] >= 340 and labels["benign"] >= 680
    assert len({kind.split(":")[0] for label, kind, _ in rows if label == "benign"}) >= 15
    assert _non_english(rows) >= 0.13
    assert all(text.strip() and kind.count(":") == 1 for _, kind, text in rows)
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)


def test_everyday7_parses_all_benign(bench):
    rows = bench.load(bench.EVERYDAY7)
    assert len(rows) >= 320
    assert {label for label, _, _ in rows} == {"benign"}
    assert len({kind.split(":")[0] for _, kind, _ in rows}) >= 13
    assert 0.05 <= _non_english(rows)
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & {text for _, _, text in bench.load(bench.BLIND7)}


def test_both_sets_are_choices_of_the_benchmark(bench):
    # --set takes any set in benchmarks/content/ since the twelfth wave: an unknown name lists them
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "content.py"), "--set", "no-such-set"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "blind7" in out.stderr and "everyday7" in out.stderr, out.stderr[-2000:]
    assert bench.BLIND7.name == "blind7.tsv" and bench.EVERYDAY7.name == "everyday7.tsv"
