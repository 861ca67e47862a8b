"""A cheap first look before a regular expression: the words every match must contain, read from the pattern itself.

``Gate(pattern)`` parses the pattern (``re._parser``, the parser ``re.compile`` uses) and keeps up to three groups of
lower-cased ASCII strings such that any match holds at least one string of each group. The groups are checked with
``in`` on ``fold(text)``; when one fails the pattern cannot match and is not searched. The gate never changes a
result: it only skips searches that would find nothing. It is computed from the pattern, so editing a rule keeps its
gate right; non-ASCII literals and anything it cannot read give no group. ``fold`` lower-cases and maps the four
non-ASCII letters that ``re.I`` matches to ASCII ones (İ ı → i, ſ → s, K → k; tests check there are no others), so a
case-insensitive match of ASCII letters is found in the folded text whatever the script around it.
"""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 - the sre opcodes
from re import _parser as P  # noqa: N812

_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})  # re.I's non-ASCII matches of a-z
_FOLDED = ("\u0130", "\u0131", "\u017f", "\u212a")
_MAX_SET = 64  # the most strings an exact set may hold before it stops growing
Words = frozenset[str]


def _literal(code: int) -> str | None:
    return chr(code).lower() if code < 128 else None  # a non-ASCII literal may fold onto an ASCII letter under re.I


def _exact(items) -> set[str] | None:
    """The finite set of strings ``items`` can match (lower-cased), or None when unknown or too many."""
    out = {""}
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero width
        if op is C.LITERAL:
            ch = _literal(av)
            part = None if ch is None else {ch}
        elif op is C.IN:
            chars = [_literal(v) if o is C.LITERAL else None for o, v in av]
            part = None if None in chars else set(chars)
        elif op is C.SUBPATTERN:
            part = _exact(av[3])
        elif op is C.BRANCH:
            alts = [_exact(alt) for alt in av[1]]
            part = None if any(a is None for a in alts) else set().union(*alts)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[:2] in ((0, 1), (1, 1)):
            inner = _exact(av[2])
            part = None if inner is None else inner | ({""} if av[0] == 0 else set())
        else:
            part = None
        if part is None or len(out) * len(part) > _MAX_SET:
            return None
        out = {a + b for a in out for b in part}
    return out


def _best(groups: list[Words]) -> Words | None:
    return max(groups, key=lambda g: min(map(len, g)), default=None)


def _needs(items) -> list[Words]:
    """Groups of strings: every match of ``items`` holds one string of each group."""
    groups: list[Words] = []
    run: set[str] = {""}

    def flush() -> None:
        nonlocal run
        if run and min(map(len, run)) > 0:
            groups.append(frozenset(run))
        run = {""}

    for item in items:
        exact = _exact([item])
        if exact is not None and len(run) * len(exact) <= _MAX_SET:
            run = {a + b for a in run for b in exact}
            continue
        flush()
        if exact is not None:
            run = exact
            continue
        op, av = item
        if op is C.SUBPATTERN:
            groups += _needs(av[3])
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            groups += _needs(av[2])
        elif op is C.ATOMIC_GROUP:
            groups += _needs(av)
        elif op is C.BRANCH:
            best = [_best(_needs(alt)) for alt in av[1]]
            if all(b is not None for b in best):
                groups.append(frozenset().union(*best))
    flush()
    return groups


def _minimal(group: Words) -> Words:
    """The group without strings that hold another of its strings (they add nothing to an ``in`` test)."""
    return frozenset(w for w in group if not any(v != w and v in w for v in group))


def needed_words(pattern: re.Pattern[str], most: int = 3) -> tuple[Words, ...]:
    """Up to ``most`` groups (the most selective: longest shortest string first, none shorter than 2)."""
    groups = {_minimal(g) for g in _needs(P.parse(pattern.pattern, pattern.flags)) if min(map(len, g)) >= 2}
    return tuple(sorted(groups, key=lambda g: (-min(map(len, g)), sorted(g)))[:most])


class Gate:
    """``may_match(low)``: whether ``pattern`` can match a text whose ``fold`` is ``low``."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.groups = tuple(tuple(sorted(g)) for g in needed_words(pattern))

    def may_match(self, low: str) -> bool:
        return all(any(w in low for w in g) for g in self.groups)


def fold(text: str) -> str:
    """``text`` lower-cased, with the letters ``re.I`` matches to ASCII ones made ASCII (what ``Gate`` reads)."""
    if text.isascii() or not any(c in text for c in _FOLDED):
        return text.lower()
    return text.translate(_FOLD).lower()
