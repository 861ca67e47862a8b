"""The ninth blind answer sets (benchmarks/content/blind9.tsv, everyday9.tsv, written blind by helper blind9c) parse
with benchmarks/content.py's loader and meet the counts they were written to: per harm category, bias, benign kinds,
languages; their composed_ rows are exactly what benchmarks/content/blind9_compose.py prints (seeded). No screen or
model runs here: these sets are measured once by the lead."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ["weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam"]
COMPOSE = ROOT / "benchmarks" / "content" / "blind9_compose.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("content_bench9", ROOT / "benchmarks" / "content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _non_english(rows) -> float:
    return sum(kind.split(":")[1] != "en" for _, kind, _ in rows) / len(rows)


def _composed(which: str) -> list[str]:
    out = subprocess.run([sys.executable, str(COMPOSE), which], capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def test_blind9_parses_and_meets_its_counts(bench):
    rows = bench.load(bench.BLIND9)
    labels = Counter(label for label, _, _ in rows)
    assert set(labels) <= set(CATEGORIES) | {"bias", "benign"}, labels
    assert all(labels[c] >= 40 for c in CATEGORIES), labels
    assert sum(labels[c] for c in CATEGORIES) >= 330
    assert labels["bias"] >= 330 and labels["benign"] >= 700
    assert len({kind.split(":")[0] for label, kind, _ in rows if label == "benign"}) >= 80
    assert len({kind.split(":")[1] for _, kind, _ in rows}) >= 12
    assert _non_english(rows) >= 0.3
    for group in (CATEGORIES, ["bias"], ["benign"]):
        assert _non_english([r for r in rows if r[0] in group]) >= 0.25, group
    assert all(text.strip() and kind.count(":") == 1 for _, kind, text in rows)
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)
    composed = [r for r in rows if r[1].startswith("composed_")]
    assert len(composed) <= 0.2 * len(rows)  # mostly hand-written


def test_everyday9_parses_all_benign(bench):
    rows = bench.load(bench.EVERYDAY9)
    assert len(rows) >= 350
    assert {label for label, _, _ in rows} == {"benign"}
    assert len({kind.split(":")[0] for _, kind, _ in rows}) >= 30
    assert _non_english(rows) >= 0.3
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & {text for _, _, text in bench.load(bench.BLIND9)}


@pytest.mark.parametrize(("which", "name"), [("blind", "blind9.tsv"), ("everyday", "everyday9.tsv")])
def test_composed_rows_are_what_the_script_prints(which, name):
    lines = (ROOT / "benchmarks" / "content" / name).read_text().splitlines()
    in_file = [line for line in lines if line.split("\t")[1:2] and line.split("\t")[1].startswith("composed_")]
    assert in_file == _composed(which)


def test_both_sets_are_choices_of_the_benchmark(bench):
    # --set takes any set in benchmarks/content/ since the twelfth wave: an unknown name lists them
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "content.py"), "--set", "no-such-set"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "blind9" in out.stderr and "everyday9" in out.stderr, out.stderr[-2000:]
    assert bench.BLIND9.name == "blind9.tsv" and bench.EVERYDAY9.name == "everyday9.tsv"
