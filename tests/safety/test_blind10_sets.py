"""The tenth blind answer sets (benchmarks/content/blind10.tsv and everyday10.tsv, written blind by helper blind10c) parse with
benchmarks/content.py's loader and meets the counts it was written to (per harm category, bias, benign; languages in
every label; at most 15 % composed); its composed_ rows are exactly what blind10_compose.py prints (seeded); no text
is shared with an older set (texts compared only); and `benchmarks/content.py --set blind10` finds the file (argument
parsing only: no screen or model runs here, these sets are measured once by the lead)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "benchmarks" / "content"
CATEGORIES = ["weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam"]
COMPOSE = CONTENT / "blind10_compose.py"
NEW = {"blind10.tsv", "everyday10.tsv"}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("content_bench10", ROOT / "benchmarks" / "content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lang(row) -> str:
    return row[1].split(":")[1]


def _non_english(rows) -> float:
    return sum(_lang(r) != "en" for r in rows) / len(rows)


def _older_texts(bench) -> set[str]:
    older = [p for p in CONTENT.glob("*.tsv") if p.name not in NEW and p.stem.startswith(("blind", "everyday"))]
    assert len(older) >= 10, older
    return {text for path in older for _, _, text in bench.load(path)}


def test_blind10_parses_and_meets_its_counts(bench):
    rows = bench.load(CONTENT / "blind10.tsv")
    labels = Counter(label for label, _, _ in rows)
    assert set(labels) == set(CATEGORIES) | {"bias", "benign"}, labels
    assert all(labels[c] >= 35 for c in CATEGORIES), labels
    assert sum(labels[c] for c in CATEGORIES) >= 320
    assert labels["bias"] >= 320 and labels["benign"] >= 650
    assert len({r[1].split(":")[0] for r in rows if r[0] == "benign"}) >= 100
    assert len({_lang(r) for r in rows}) >= 12
    assert _non_english(rows) >= 0.4
    for label in labels:
        assert _non_english([r for r in rows if r[0] == label]) >= 0.4, label
    assert all(text.strip() and kind.count(":") == 1 and "\t" not in text for _, kind, text in rows)
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)
    composed = [r for r in rows if r[1].startswith("composed_")]
    assert len(composed) <= 0.15 * len(rows)  # at least 85 % written by hand
    assert all(r[1].startswith("composed_") or r[1].split(":")[0].isascii() for r in rows)


def test_everyday10_parses_all_benign_and_hand_written(bench):
    rows = bench.load(CONTENT / "everyday10.tsv")
    assert len(rows) >= 420
    assert {label for label, _, _ in rows} == {"benign"}
    assert not [r for r in rows if r[1].startswith("composed_")]
    assert len({r[1].split(":")[0] for r in rows}) >= 100
    assert len({_lang(r) for r in rows}) >= 12
    assert _non_english(rows) >= 0.35
    assert all(text.strip() and kind.count(":") == 1 and kind.split(":")[0].isascii() for _, kind, text in rows)
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts)
    assert not set(texts) & {text for _, _, text in bench.load(CONTENT / "blind10.tsv")}


def test_composed_rows_are_what_the_script_prints():
    lines = (CONTENT / "blind10.tsv").read_text(encoding="utf-8").splitlines()
    in_file = [line for line in lines if line.split("\t")[1:2] and line.split("\t")[1].startswith("composed_")]
    printed = subprocess.run([sys.executable, str(COMPOSE), "blind"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert in_file == printed and printed


def test_no_text_shared_with_older_sets(bench):
    new = {text for name in NEW for _, _, text in bench.load(CONTENT / name)}
    shared = new & _older_texts(bench)
    assert not shared, sorted(shared)[:5]


def test_the_benchmark_finds_the_set():
    """`--set` with an unknown name makes content.py list the sets it can find (and exit before screening)."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "content.py"), "--set", "no-such-set"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2, out.stderr[-2000:]
    listed = out.stderr.split("the sets are", 1)[1]
    names = [name.strip() for name in listed.split(",")]
    assert "blind10" in names and "everyday10" in names
