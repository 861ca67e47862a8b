"""Checks shared by the blind answer-set tests (``test_blind11_sets.py`` ... ``test_blind16_sets.py``): a set written
blind parses with benchmarks/content.py's loader, meets the counts it was written to, its composed_ rows are what its
seeded script prints, it shares no text with an older set (texts compared only), and the benchmark finds it. No
screen or model runs on these sets here: the lead measures them once."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "benchmarks" / "content"
CATEGORIES = ["weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam"]
Row = tuple[str, str, str]


def bench(n: int) -> ModuleType:
    """benchmarks/content.py as a module (its ``load`` reads a set)."""
    spec = importlib.util.spec_from_file_location(f"content_bench{n}", ROOT / "benchmarks" / "content.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def set_fixtures(n: int) -> tuple[Any, Any, Any]:
    """A set's test module's module-scoped fixtures ``bench`` (benchmarks/content.py), ``blind`` and ``everyday``
    (its parsed rows): ``bench, blind, everyday = set_fixtures(16)``."""
    import pytest

    @pytest.fixture(scope="module", name="bench")
    def bench_() -> ModuleType:
        return bench(n)

    @pytest.fixture(scope="module", name="blind")
    def blind(bench: ModuleType) -> list[Row]:
        return bench.load(CONTENT / f"blind{n}.tsv")

    @pytest.fixture(scope="module", name="everyday")
    def everyday(bench: ModuleType) -> list[Row]:
        return bench.load(CONTENT / f"everyday{n}.tsv")

    return bench_, blind, everyday


def lang(row: Row) -> str:
    return row[1].split(":")[1]


def non_english(rows: list[Row]) -> float:
    return sum(lang(r) != "en" for r in rows) / len(rows)


def well_formed(rows: list[Row]) -> None:
    for label, kind, text in rows:
        name, _, code = kind.partition(":")
        assert text.strip() and "\t" not in text, (label, kind)
        assert kind.count(":") == 1 and name.isascii() and name and " " not in kind, kind
        assert code.isascii() and 2 <= len(code) <= 3 and code.islower(), kind
    texts = [text for _, _, text in rows]
    assert len(set(texts)) == len(texts), [t for t, n in Counter(texts).items() if n > 1][:3]


def meets_counts(blind: list[Row]) -> None:
    """320 harmful (35 per category), 320 biased, 650 benign look-alikes of 100 kinds; 40 % not English and 12
    languages in every label."""
    well_formed(blind)
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) == set(CATEGORIES) | {"bias", "benign"}, labels
    assert all(labels[c] >= 35 for c in CATEGORIES), labels
    assert sum(labels[c] for c in CATEGORIES) >= 320, labels
    assert labels["bias"] >= 320 and labels["benign"] >= 650, labels
    assert len({r[1].split(":")[0] for r in blind if r[0] == "benign"}) >= 100  # look-alikes of many kinds
    assert len({lang(r) for r in blind}) >= 12
    assert non_english(blind) >= 0.4
    for label in labels:
        rows = [r for r in blind if r[0] == label]
        assert non_english(rows) >= 0.4, label
        assert len({lang(r) for r in rows}) >= 12, label


def mostly_hand_written(blind: list[Row], composed_share: float = 0.15) -> None:
    """At most ``composed_share`` of the rows composed (0.15 up to blind12; the fourteenth set was written to 70 % by
    hand), only bias and benign rows."""
    composed = [r for r in blind if r[1].startswith("composed_")]
    assert len(composed) <= composed_share * len(blind)
    # bias and benign up to blind18; blind19 composes benign rows only (every biased row by hand)
    assert {r[0] for r in composed} in ({"bias", "benign"}, {"benign"})
    # the composed rows never carry a harm label, and a harmful row is never composed
    assert not [r for r in blind if r[0] in CATEGORIES and r[1].startswith("composed_")]


def composed_rows_are_printed(n: int) -> None:
    lines = (CONTENT / f"blind{n}.tsv").read_text(encoding="utf-8").splitlines()
    in_file = [line for line in lines if line.split("\t")[1:2] and line.split("\t")[1].startswith("composed_")]
    printed = subprocess.run([sys.executable, str(CONTENT / f"blind{n}_compose.py"), "blind"], capture_output=True,
                             text=True, check=True).stdout.splitlines()
    assert printed and in_file == printed


def compose_refuses_other_arguments(n: int) -> None:
    out = subprocess.run([sys.executable, str(CONTENT / f"blind{n}_compose.py")], capture_output=True, text=True)
    assert out.returncode != 0 and "usage" in out.stderr


def everyday_is_benign_and_varied(everyday: list[Row], blind: list[Row]) -> None:
    well_formed(everyday)
    assert len(everyday) >= 420
    assert {label for label, _, _ in everyday} == {"benign"}
    assert not [r for r in everyday if r[1].startswith("composed_")]
    assert len({r[1].split(":")[0] for r in everyday}) >= 100
    assert len({lang(r) for r in everyday}) >= 12
    assert non_english(everyday) >= 0.35
    assert not {t for _, _, t in everyday} & {t for _, _, t in blind}


def _number(stem: str) -> int:
    """blind14 -> 14; the first blind set (blind.tsv) has no number and is the oldest."""
    digits = stem.lstrip("abcdefghijklmnopqrstuvwxyz")
    return int(digits) if digits.isdigit() else 0


def no_text_shared_with_older_sets(module: ModuleType, n: int, blind: list[Row], everyday: list[Row]) -> None:
    older = [p for p in CONTENT.glob("*.tsv") if p.stem.startswith(("blind", "everyday")) and _number(p.stem) < n]
    assert len(older) >= 2 * n - 10, older  # blind … blind{n-1}, everyday6 … everyday{n-1}
    old_texts = {text for path in older for _, _, text in module.load(path)}
    shared = ({text for _, _, text in blind} | {text for _, _, text in everyday}) & old_texts
    assert not shared, sorted(shared)[:5]


def _short(text: str) -> bool:
    """3 to 12 words; a text without spaces (Chinese, Japanese) counts as short at 40 characters or fewer."""
    words = len(text.split())
    return 3 <= words <= 12 if words >= 3 else len(text) <= 40


def varies_in_length_and_form(blind: list[Row], everyday: list[Row], placeholders: bool = True) -> None:
    """Many short answers (as agents close a task) in every label, and some multi-line ones (lists, code, emails);
    up to blind18 at least half the harmful rows leave their specifics as [placeholders]; from blind19 on
    (``placeholders=False``) none does, so that a screen cannot take the brackets as a shortcut."""
    harmful = [r for r in blind if r[0] in CATEGORIES]
    for name, rows in (("harmful", harmful), ("bias", [r for r in blind if r[0] == "bias"]),
                       ("benign", [r for r in blind if r[0] == "benign"]), ("everyday", everyday)):
        assert sum(_short(t) for _, _, t in rows) >= 0.2 * len(rows), name
        assert sum("\n" in t for _, _, t in rows) >= 5, name
    if placeholders:
        assert sum("[" in t for _, _, t in harmful) >= 0.5 * len(harmful)
    else:
        assert not [t for _, _, t in harmful if "[" in t or "]" in t]


def benchmark_finds(*numbers: int) -> None:
    """`--set` with an unknown name makes content.py list the sets it can find (and exit before screening)."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "content.py"), "--set", "no-such-set"],
                         capture_output=True, text=True, timeout=120, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 2, out.stderr[-2000:]
    names = [name.strip() for name in out.stderr.split("the sets are", 1)[1].split(",")]
    for n in numbers:
        assert f"blind{n}" in names and f"everyday{n}" in names, n
