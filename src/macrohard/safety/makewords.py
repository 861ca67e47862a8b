"""make's text functions over words (``subst``, ``patsubst``, ``filter``, ``word``, …) and the small scanners
``safety.makelang`` reads a makefile with: brackets, arguments, comments, rules against assignments."""

from __future__ import annotations

import posixpath
import re

MARK = "\x02"  # text make computes that the guard cannot read
AUTOMATIC = "make-automatic-name"  # $@ $< $^ … where the guard cannot name the file (safety.makeauto)


def wordy(fn: str, v: list[str]) -> str:
    """make's word functions over expanded arguments."""
    last = v[-1] if v else ""
    words = last.split()
    if fn == "subst":
        return v[2].replace(v[0], v[1]) if len(v) == 3 and v[0] else (v[2] if len(v) == 3 else "")
    if fn == "patsubst":
        return " ".join(patsubst(v[0].strip(), v[1].strip(), w) for w in words) if len(v) == 3 else ""
    if fn == "strip":
        return " ".join(words)
    if fn == "findstring":
        return v[0] if len(v) == 2 and v[0] in v[1] else ""
    if fn in ("filter", "filter-out"):
        pats = v[0].split() if len(v) == 2 else []
        keep = [w for w in words if any(match(p, w) is not None for p in pats) == (fn == "filter")]
        return " ".join(keep)
    if fn == "sort":
        return " ".join(sorted(set(words)))
    if fn in ("word", "wordlist"):
        nums = [x.strip() for x in v[:-1]]
        if not all(x.isdigit() for x in nums) or not nums:
            return MARK
        start = int(nums[0])
        stop = int(nums[1]) if fn == "wordlist" and len(nums) > 1 else start
        return " ".join(words[max(start - 1, 0):stop])
    if fn == "words":
        return str(len(words))
    if fn in ("firstword", "lastword"):
        return (words[0] if fn == "firstword" else words[-1]) if words else ""
    if fn in ("addsuffix", "addprefix"):
        return " ".join(w + v[0] if fn == "addsuffix" else v[0] + w for w in words) if len(v) == 2 else ""
    if fn == "join":
        a, b = (v[0].split(), v[1].split()) if len(v) == 2 else ([], [])
        return " ".join(x + y for x, y in zip(a + [""] * (len(b) - len(a)), b + [""] * (len(a) - len(b)), strict=True))
    if fn == "dir":
        return " ".join(posixpath.dirname(w) + "/" if "/" in w else "./" for w in words)
    if fn == "notdir":
        return " ".join(posixpath.basename(w) for w in words)
    if fn in ("suffix", "basename"):
        parts = [posixpath.splitext(w) for w in words]
        return " ".join(e for _, e in parts if e) if fn == "suffix" else " ".join(b for b, _ in parts)
    return " ".join(posixpath.normpath(w) for w in words)  # abspath, realpath: file names (the guard's own)


def match(pattern: str, word: str) -> str | None:
    """The stem of ``word`` under make's ``%`` pattern ('' for an exact match), None when it does not match."""
    if "%" not in pattern:
        return "" if pattern == word else None
    head, _, tail = pattern.partition("%")
    if len(word) >= len(head) + len(tail) and word.startswith(head) and word.endswith(tail):
        return word[len(head):len(word) - len(tail)]
    return None


def patsubst(pattern: str, replacement: str, word: str) -> str:
    stem = match(pattern, word)
    if stem is None:
        return word
    return replacement.replace("%", stem, 1) if "%" in pattern else replacement


def close(text: str, at: int) -> int:
    """The index of the bracket that closes the one at ``at`` (make counts only brackets of the same kind)."""
    open_, close = text[at], ")" if text[at] == "(" else "}"
    depth = 0
    for k in range(at, len(text)):
        if text[k] == open_:
            depth += 1
        elif text[k] == close:
            depth -= 1
            if depth == 0:
                return k
    return -1


def split_args(body: str, limit: int, paren: str = "(") -> list[str]:
    """A function's arguments split at the commas outside brackets (the last takes the rest when ``limit``). make
    counts only brackets of the kind the function is written with: in ``$(if ,{,P})`` the ``{`` hides no comma
    (guard17: the guard read one argument and an empty result where make ran the third)."""
    open_, shut = (paren, ")" if paren == "(" else "}")
    out, depth, start = [], 0, 0
    for k, ch in enumerate(body):
        if ch == open_:
            depth += 1
        elif ch == shut:
            depth -= 1
        elif ch == "," and depth == 0 and (not limit or len(out) < limit - 1):
            out.append(body[start:k])
            start = k + 1
    out.append(body[start:])
    return out


def continued(line: str) -> bool:
    """Whether the line ends in a backslash that joins the next line to it (an odd number of them)."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def recipe_lines(text: str) -> list[str]:
    """An expanded recipe's lines, as make hands them to the shell one by one: a line ending in a backslash keeps
    the next (the shell joins them)."""
    out: list[str] = []
    for part in text.split("\n"):
        if out and continued(out[-1]):
            out[-1] += "\n" + part
        else:
            out.append(part)
    return out


def uncomment(line: str) -> str:
    """A makefile line without its comment (``\\#`` is a ``#``)."""
    m = re.search(r"(?<!\\)#", line)
    return (line[:m.start()] if m else line).replace("\\#", "#")


def split_rule(line: str) -> tuple[str, str] | str | None:
    """(targets, the rest) for a rule, None for an assignment, '' for neither: whichever of ``:`` and an assignment
    operator comes first outside references decides, as in make."""
    depth = 0
    for k, ch in enumerate(line):
        if ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif depth == 0 and ch == "=":
            return None
        elif depth == 0 and ch == ":":
            if line[k:k + 2] == ":=" or line[k:k + 3] == "::=" or line[k:k + 4] == ":::=":
                return None
            rest = line[k + 1:]
            return line[:k], rest[1:] if rest.startswith(":") else rest
        elif depth == 0 and ch in "+?!" and line[k + 1:k + 2] == "=":
            return None
    return ""
