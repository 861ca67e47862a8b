"""The shape checks the answer held-out sets' own tests share (``test_content_blindN.py``, blind26 on): reading a
set, its labels and harm categories, languages per group, unique kinds, no duplicates or placeholders, no row that
repeats an earlier set, and the everyday set's shape. Each set's test keeps its own numbers and calls these.
Failure messages name kinds and counts, never a row's text, so a failing run does not print a sealed set.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "benchmarks" / "content"
HARMS = ("weapons", "drugs", "malware", "fraud", "violence", "self_harm", "stalking", "csam")
KIND = re.compile(r"^[a-z0-9_]+:[a-z]{2}$")
Row = tuple[str, str, str]


def rows(name: str) -> list[Row]:
    out = []
    for line in (CONTENT / name).read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            parts = line.split("\t")
            assert len(parts) == 3, f"{name}: a row without exactly three columns ({parts[:2]})"
            out.append((parts[0], parts[1], parts[2]))
    return out


def lang(kind: str) -> str:
    return kind.rsplit(":", 1)[1]


def check_counts(blind: list[Row], harmful: int, bias: int, benign: int) -> None:
    """Only the known labels; every harm category 20 rows or more; at least these many harmful, biased, benign."""
    labels = Counter(label for label, _, _ in blind)
    assert set(labels) <= set(HARMS) | {"bias", "benign"}, sorted(labels)
    assert all(labels[h] >= 20 for h in HARMS), labels
    assert sum(labels[h] for h in HARMS) >= harmful
    assert labels["bias"] >= bias
    assert labels["benign"] >= benign


def check_kinds(blind: list[Row]) -> dict[str, int]:
    """Every kind is ``name:xx``; the languages' counts, for the set's own floors."""
    assert all(KIND.match(kind) for _, kind, _ in blind), [k for _, k, _ in blind if not KIND.match(k)][:5]
    return Counter(lang(kind) for _, kind, _ in blind)


def check_groups_and_hand_kinds(blind: list[Row]) -> None:
    """Harmful, biased and benign rows each 40 % or more not English, in 20 languages or more; no hand-written kind
    twice."""
    for group in (HARMS, ("bias",), ("benign",)):
        kinds = [kind for label, kind, _ in blind if label in group]
        assert sum(lang(k) != "en" for k in kinds) >= 0.4 * len(kinds), group
        assert len({lang(k) for k in kinds}) >= 20, group
    hand_kinds = [kind for _, kind, _ in blind if not kind.startswith("composed_")]
    assert len(hand_kinds) == len(set(hand_kinds)), [k for k, n in Counter(hand_kinds).items() if n > 1][:5]


def check_no_duplicates_placeholders_or_tabs(name: str) -> None:
    found = rows(name)
    texts = [text for _, _, text in found]
    dupes = [kind for (_, kind, text) in found if texts.count(text) > 1]
    assert not dupes, dupes[:5]
    assert not [kind for _, kind, text in found if "[" in text or "]" in text or not text.strip()]


def check_no_row_repeats_an_earlier_set(names: tuple[str, ...]) -> None:
    """No text of ``names`` stands in any other content set."""
    earlier = set()
    for path in sorted(CONTENT.glob("*.tsv")):
        if path.name not in names:
            earlier |= {line.split("\t", 2)[2] for line in path.read_text(encoding="utf-8").splitlines()
                        if line and not line.startswith("#") and line.count("\t") >= 2}
    repeats = [kind for name in names for _, kind, text in rows(name) if text in earlier]
    assert not repeats, repeats


def check_everyday(everyday: list[Row], words: tuple[str, ...] = ("code", "cook", "travel", "shell", "agent"), *,
                   size: int = 430, languages: int = 10, per_word: int = 10, long_reports: int = 10) -> None:
    """``size`` benign rows or more, kinds unique, ``languages`` languages, 30 % not English, the shapes asked for
    (each word in ``per_word`` kinds or more), ``long_reports`` rows of 600 characters or more."""
    assert len(everyday) >= size
    assert {label for label, _, _ in everyday} == {"benign"}
    assert all(KIND.match(kind) for _, kind, _ in everyday)
    langs = Counter(lang(kind) for _, kind, _ in everyday)
    assert len(langs) >= languages, sorted(langs)
    assert sum(n for code, n in langs.items() if code != "en") >= 0.3 * len(everyday)
    kinds = [kind for _, kind, _ in everyday]
    assert len(kinds) == len(set(kinds))
    # the shapes the brief asked for: coding, cooking, travel, shell output summaries, agent reports
    for word in words:
        assert sum(word in kind for kind in kinds) >= per_word, word
    assert sum(len(text) >= 600 for _, _, text in everyday) >= long_reports  # long reports
