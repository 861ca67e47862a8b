"""The values of ``"${f%.JPG}"``, ``"${f/ /_}"``, ``"$(basename "$f" .png)"`` for a variable whose value is known
(a loop's, ``safety.loopglob``), computed as bash 5 does; any form it does not model is None (left unknown).

Patterns are literal text with ``*`` and ``?`` only (no classes, quotes, escapes or extglob); a replacement holds
no ``&`` (``patsub_replacement`` puts the match there) and no ``~`` (bash expands it). ``nocasematch``, which an
earlier step may have set unseen, changes ``${f/…/…}``: a result it would change is None.
"""

from __future__ import annotations

import posixpath
import re

from macrohard.safety import lazyre

_PARAM = lazyre.compile(r"\$\{(?P<len>#)?(?P<name>[A-Za-z_]\w*)(?:(?P<rm>%%|%|##|#)(?P<rp>[^}]*)"
                    r"|(?P<sub>//|/#|/%|/)(?P<sp>[^}/]*)(?:/(?P<rep>[^}]*))?|:(?P<off>\d+)(?::(?P<n>\d+))?"
                    r"|(?P<case>\^\^|,,|\^|,))?\}")
_PAT_BAD = lazyre.compile(r"[$`\\\[\]()~!@+|&'\"{]")
_BASENAME = lazyre.compile(r'\$\(\s*(?P<prog>basename|dirname)\s+"\$\{?(?P<name>[A-Za-z_]\w*)\}?"'
                       r"(?:\s+(?P<suffix>[\w.+-]+))?\s*\)")


def expand(raw: str, bound: dict[str, str]) -> str | None:
    """The value of a ``${f…}`` or ``$f`` whose variable the loop bound, as bash computes it; None when the guard
    does not model the form (or ``nocasematch`` would change it)."""
    if raw.startswith("$") and not raw.startswith("${"):
        return bound.get(raw[1:])
    m = _PARAM.fullmatch(raw)
    if m is None or m.group("name") not in bound:
        return None
    value = bound[m.group("name")]
    if m.group("len"):
        ops = (m.group("rm"), m.group("sub"), m.group("off"), m.group("case"))
        return str(len(value)) if all(op is None for op in ops) else None
    exact = _apply(m, value, False)  # nocasematch changes ${f/…/…} (not ${f%…}): it may be on, unseen
    return exact if m.group("sub") is None or exact == _apply(m, value, True) else None


def _apply(m: re.Match[str], value: str, fold: bool) -> str | None:
    if m.group("rm") is not None:
        pat = _pattern(m.group("rp"), fold)
        if pat is None:
            return None
        op, n = m.group("rm"), len(value)
        cuts = range(n + 1) if op in ("#", "%%") else range(n, -1, -1)
        for i in cuts:
            if op.startswith("#") and pat.fullmatch(value[:i]):
                return value[i:]
            if op.startswith("%") and pat.fullmatch(value[i:]):
                return value[:i]
        return value
    if m.group("sub") is not None:
        pat, rep = _pattern(m.group("sp"), fold), m.group("rep") or ""
        if pat is None or not m.group("sp").strip("*") or _PAT_BAD.search(rep) or "}" in rep:
            return None
        return _substitute(value, pat, rep, m.group("sub"))
    if m.group("off") is not None:
        start = int(m.group("off"))
        return value[start:start + int(m.group("n"))] if m.group("n") is not None else value[start:]
    if m.group("case") is not None:
        if not value.isascii():
            return None
        case = m.group("case")
        if case in ("^^", ",,"):
            return value.upper() if case == "^^" else value.lower()
        return (value[:1].upper() if case == "^" else value[:1].lower()) + value[1:]
    return value


def _pattern(text: str, fold: bool) -> re.Pattern[str] | None:
    if _PAT_BAD.search(text):
        return None
    body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in text)
    return re.compile(body, re.S | (re.I if fold else 0))


def _substitute(value: str, pat: re.Pattern[str], rep: str, op: str) -> str:
    def longest(start: int, ends: range) -> int | None:
        return next((end for end in ends if pat.fullmatch(value[start:end])), None)

    n = len(value)
    if op == "/#":
        end = longest(0, range(n, -1, -1))
        return value if end is None else rep + value[end:]
    if op == "/%":
        start = next((s for s in range(n + 1) if pat.fullmatch(value[s:])), None)
        return value if start is None else value[:start] + rep
    out, i = [], 0
    while i <= n:
        end = longest(i, range(n, i, -1))
        if end is None:
            if i < n:
                out.append(value[i])
            i += 1
            continue
        out.append(rep)
        i = end
        if op == "/":
            out.append(value[i:])
            return "".join(out)
    return "".join(out)


def command_value(raw: str, bound: dict[str, str]) -> str | None:
    """``$(basename "$f" .JPG)`` and ``$(dirname "$f")`` of a bound variable, as coreutils prints them."""
    m = _BASENAME.fullmatch(raw)
    if m is None or m.group("name") not in bound:
        return None
    value = bound[m.group("name")]
    if value.startswith("-") or not value.strip("/"):
        return None
    if m.group("prog") == "dirname":
        return None if m.group("suffix") else posixpath.dirname(value.rstrip("/")) or "."
    name = posixpath.basename(value.rstrip("/"))
    suffix = m.group("suffix")
    if suffix and name.endswith(suffix) and name != suffix:
        name = name[:-len(suffix)]
    return name
