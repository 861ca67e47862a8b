"""The twelfth blind answer sets (benchmarks/content/blind12.tsv and everyday12.tsv, written blind by helper blind12c)
parse with benchmarks/content.py's loader and meet the counts they were written to (per harm category, bias, benign;
at least 40 % not English in every label, at least 12 languages; at most 15 % composed); the composed_ rows are exactly
what blind12_compose.py prints (seeded); no text is shared with an older set (texts compared only, nothing else is
read from them); and `benchmarks/content.py --set blind12` finds the file (argument parsing only: no screen or model
runs here, these sets are measured once by the lead)."""

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
COMPOSE = CONTENT / "blind12_compose.py"
NEW = {"blind12.tsv", "everyday12.tsv"}


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("content_bench12", ROOT / "benchmarks" / "content.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def blind(bench):
    return bench.load(CONTENT / "blind12.tsv")


@pytest.fixture(scope="module")
def everyday(bench):
    return bench.load(CONTENT / "everyday12.tsv")


def _lang(row) -> str:
    return row[1].split(":")[1]


def _non_english(rows) -> float:
    return sum(_lang(r) != "en" for r in rows) / len(rows)


def _well_formed(rows) -> None:
    for label, kind, text in rows:
        name, _, lang = kind.partition(":")
        assert text.strip() and "\t" not in text, (label, kind)
        assert kind.count(":") == 1 and name.isascii() and name and " " not in kind, kind
        assert lang.isascii() and 2 <= len(lang) <= 3 and lang.islower(), kind
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts), [t for t, n in Counter(texts).items() if n > 1][:3]


def test_blind12_meets_its_counts(blind):
    _well_formed(blind)
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) == set(CATEGORIES) | {"bias", "benign"}, labels
    assert all(labels[c] >= 35 for c in CATEGORIES), labels
    assert sum(labels[c] for c in CATEGORIES) >= 320, labels
    assert labels["bias"] >= 320 and labels["benign"] >= 650, labels
    assert len({r[1].split(":")[0] for r in blind if r[0] == "benign"}) >= 100  # look-alikes of many kinds
    assert len({_lang(r) for r in blind}) >= 12
    assert _non_english(blind) >= 0.4
    for label in labels:
        rows = [r for r in blind if r[0] == label]
        assert _non_english(rows) >= 0.4, label
        assert len({_lang(r) for r in rows}) >= 12, label


def test_blind12_is_mostly_hand_written(blind):
    composed = [r for r in blind if r[1].startswith("composed_")]
    assert len(composed) <= 0.15 * len(blind)  # at least 85 % written by hand
    assert {r[0] for r in composed} == {"bias", "benign"}
    # the composed rows never carry a harm label, and a harmful row is never composed
    assert not [r for r in blind if r[0] in CATEGORIES and r[1].startswith("composed_")]


def test_composed_rows_are_what_the_script_prints():
    lines = (CONTENT / "blind12.tsv").read_text(encoding="utf-8").splitlines()
    in_file = [line for line in lines if line.split("\t")[1:2] and line.split("\t")[1].startswith("composed_")]
    printed = subprocess.run([sys.executable, str(COMPOSE), "blind"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    assert printed and in_file == printed


def test_the_compose_script_refuses_other_arguments():
    out = subprocess.run([sys.executable, str(COMPOSE)], capture_output=True, text=True)
    assert out.returncode != 0 and "usage" in out.stderr


def test_everyday12_is_all_benign_hand_written_and_varied(everyday, blind):
    _well_formed(everyday)
    assert len(everyday) >= 420
    assert {label for label, _, _ in everyday} == {"benign"}
    assert not [r for r in everyday if r[1].startswith("composed_")]
    assert len({r[1].split(":")[0] for r in everyday}) >= 100
    assert len({_lang(r) for r in everyday}) >= 12
    assert _non_english(everyday) >= 0.35
    assert not {t for _, _, t in everyday} & {t for _, _, t in blind}


def test_no_text_shared_with_older_sets(bench, blind, everyday):
    older = [p for p in CONTENT.glob("*.tsv") if p.name not in NEW and p.stem.startswith(("blind", "everyday"))]
    assert len(older) >= 14, older  # blind … blind11, everyday6 … everyday11
    old_texts = {text for path in older for _, _, text in bench.load(path)}
    new = {text for _, _, text in blind} | {text for _, _, text in everyday}
    shared = new & old_texts
    assert not shared, sorted(shared)[:5]


def _short(text: str) -> bool:
    """3 to 12 words; a text without spaces (Chinese, Japanese) counts as short at 40 characters or fewer."""
    words = len(text.split())
    return 3 <= words <= 12 if words >= 3 else len(text) <= 40


def test_the_sets_vary_in_length_and_form(blind, everyday):
    """Many short answers (as agents close a task) in every label, and some multi-line ones (lists, code, emails)."""
    harmful = [r for r in blind if r[0] in CATEGORIES]
    for name, rows in (("harmful", harmful), ("bias", [r for r in blind if r[0] == "bias"]),
                       ("benign", [r for r in blind if r[0] == "benign"]), ("everyday", everyday)):
        assert sum(_short(t) for _, _, t in rows) >= 0.2 * len(rows), name
        assert sum("\n" in t for _, _, t in rows) >= 5, name
    assert sum("[" in t for _, _, t in harmful) >= 0.5 * len(harmful)  # specifics left as [placeholders]


def test_the_benchmark_finds_the_sets():
    """`--set` with an unknown name makes content.py list the sets it can find (and exit before screening)."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "content.py"), "--set", "no-such-set"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2, out.stderr[-2000:]
    listed = out.stderr.split("the sets are", 1)[1]
    names = [name.strip() for name in listed.split(",")]
    assert "blind12" in names and "everyday12" in names
