"""Word error rate: (substitutions + deletions + insertions) / reference words, on normalised words."""

from __future__ import annotations

from collections.abc import Iterable


def words(text: str) -> list[str]:
    """Lower case words, punctuation dropped, hyphens split ("Co-op." -> ["co", "op"])."""
    return "".join(c.lower() if c.isalnum() or c == "'" else " " for c in text).split()


def edits(reference: list[str], hypothesis: list[str]) -> int:
    """The word-level edit distance (Levenshtein)."""
    prev = list(range(len(hypothesis) + 1))
    for i, r in enumerate(reference, 1):
        cur = [i] + [0] * len(hypothesis)
        for j, h in enumerate(hypothesis, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (r != h))
        prev = cur
    return prev[-1]


def wer(pairs: Iterable[tuple[str, str]]) -> float:
    """The corpus word error rate of (reference, hypothesis) pairs."""
    errors = total = 0
    for ref, hyp in pairs:
        r = words(ref)
        errors += edits(r, words(hyp))
        total += len(r)
    return errors / total if total else 0.0


def load_sentences(path) -> list[str]:  # type: ignore[no-untyped-def]
    """Sentences from a text file, one a line; blank lines and lines starting with # skipped."""
    from pathlib import Path

    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#")]
