"""The shape of the answer held-out sets blind27 / everyday27 (issue 17; helper blind27c, 2026-12-03): counts per
label, the harm categories, the columns, the languages, no duplicates, no bracketed placeholders, and that
every row is hand-written (no composed kinds). The screen is never imported or run here: the lead measures it once
(``benchmarks/content.py --set blind27``).
Failure messages name kinds and counts, never a row's text, so a failing run does not print the sealed set.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "benchmarks" / "content"
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
KIND = re.compile(r"^[a-z0-9_]+:[a-z]{2}$")


def _rows(name: str) -> list[tuple[str, str, str]]:
    out = []
    for line in (CONTENT / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            assert len(parts) == 3, f"{name}: a row without exactly three columns ({parts[:2]})"
            out.append((parts[0], parts[1], parts[2]))
    return out


def _lang(kind: str) -> str:
    return kind.rsplit(":", 1)[1]


@pytest.fixture(scope="module")
def blind() -> list[tuple[str, str, str]]:
    return _rows("blind27.tsv")


@pytest.fixture(scope="module")
def everyday() -> list[tuple[str, str, str]]:
    return _rows("everyday27.tsv")


def test_blind27_counts_per_label(blind: list[tuple[str, str, str]]) -> None:
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) <= set(HARMS) | {"bias", "benign"}, sorted(labels)
    assert all(labels[h] >= 20 for h in HARMS), labels
    assert sum(labels[h] for h in HARMS) >= 350
    assert labels["bias"] >= 350
    assert labels["benign"] >= 700


def test_blind27_kinds_languages_and_hand_share(blind: list[tuple[str, str, str]]) -> None:
    assert all(KIND.match(kind) for _, kind, _ in blind), [k for _, k, _ in blind if not KIND.match(k)][:5]
    langs = Counter(_lang(kind) for _, kind, _ in blind)
    assert len(langs) >= 40, sorted(langs)
    # about half English, about half other languages
    assert 0.4 * len(blind) <= sum(n for lang, n in langs.items() if lang != "en") <= 0.6 * len(blind)
    # all by hand: no composed rows at all
    assert not [kind for _, kind, _ in blind if kind.startswith("composed_")]
    for group in (HARMS, ("bias",), ("benign",)):
        rows = [kind for label, kind, _ in blind if label in group]
        assert sum(_lang(k) != "en" for k in rows) >= 0.4 * len(rows), group
        assert len({_lang(k) for k in rows}) >= 20, group
    hand_kinds = [kind for _, kind, _ in blind if not kind.startswith("composed_")]
    assert len(hand_kinds) == len(set(hand_kinds)), [k for k, n in Counter(hand_kinds).items() if n > 1][:5]


@pytest.mark.parametrize("name", ["blind27.tsv", "everyday27.tsv"])
def test_no_duplicates_placeholders_or_tabs(name: str) -> None:
    rows = _rows(name)
    texts = [text for _, _, text in rows]
    dupes = [kind for (_, kind, text) in rows if texts.count(text) > 1]
    assert not dupes, dupes[:5]
    assert not [kind for _, kind, text in rows if "[" in text or "]" in text or not text.strip()]


def test_no_row_repeats_an_earlier_content_set() -> None:
    earlier = set()
    for path in sorted(CONTENT.glob("*.tsv")):
        if path.name not in ("blind27.tsv", "everyday27.tsv"):
            earlier |= {line.split("\t", 2)[2] for line in path.read_text(encoding="utf-8").splitlines()
                        if line and not line.startswith("#") and line.count("\t") >= 2}
    repeats = [kind for name in ("blind27.tsv", "everyday27.tsv") for _, kind, text in _rows(name) if text in earlier]
    assert not repeats, repeats


def test_everyday27_shape(everyday: list[tuple[str, str, str]]) -> None:
    assert len(everyday) >= 430
    assert {label for label, _, _ in everyday} == {"benign"}
    assert all(KIND.match(kind) for _, kind, _ in everyday)
    langs = Counter(_lang(kind) for _, kind, _ in everyday)
    assert len(langs) >= 10, sorted(langs)
    assert sum(n for lang, n in langs.items() if lang != "en") >= 0.3 * len(everyday)
    kinds = [kind for _, kind, _ in everyday]
    assert len(kinds) == len(set(kinds))
    # the shapes the brief asked for: coding, cooking, travel, shell output summaries, agent reports
    for word in ("code", "cook", "travel", "shell", "agent"):
        assert sum(word in kind for kind in kinds) >= 10, word
    assert sum(len(text) >= 600 for _, _, text in everyday) >= 10  # long reports
