"""A sed or awk program given on the command line is a program, not a path (flow40, issue 17 part 1).

The policy's facts read every word that begins with ``/`` as a path, so ``sed -i '/^clean:/a\\trm -f build/x'
Makefile`` names the "path" ``/^clean:/a\\t…``, outside the workspace: flow control's Rule of Two took it for private
data, and with the network on and untrusted content read an honest edit of a Makefile was asked (flow38's three
strict xfails). ``script_words`` gives the program words of a line that open no file: a sed script of one command
that only adds, inserts, changes, deletes, prints or substitutes text (no ``r``/``R``/``w``/``W`` file, no ``e``, no
``s///w``/``e`` flag), and an awk program with no redirection, pipe, ``getline``, ``system``, ``ARGV``/``ARGC``,
``ENVIRON``, ``PROCINFO`` or ``@include``. Those words are not paths for the Rule of Two. A script that may open a
file keeps its words as paths (``sed '/x/r ~/.ssh/id_rsa'`` is still private data)."""

from __future__ import annotations

import posixpath
import re

from macrohard.safety import lazyre

# a sed address: a /regex/, a number, $, a first~step (a \cREGEXc address is not read: such a script keeps its words)
_ADDR = r"(?:/(?:[^/\\]|\\.)*/[IM]*|\d+(?:~\d+)?|\$)"
_AWK_OPENS = lazyre.compile(r"[<>|]|\bgetline\b|\bsystem\b|\bARGV\b|\bARGC\b|\bENVIRON\b|\bPROCINFO\b|@|\bclose\b|"
                        r"\bfflush\b")


def _sed_safe(script: str) -> bool:
    m = re.match(rf"\s*(?:{_ADDR}(?:\s*,\s*(?:{_ADDR}|[+~]?\d+))?)?\s*!?\s*", script, re.S)
    if m is None:
        return False
    rest = script[m.end():]
    if not rest:
        return False
    cmd, body = rest[0], rest[1:]
    if cmd in "aic":  # text to the end of the script: nothing opened
        return True
    if cmd in "dDpPqQ=hHgGxnNlz" and not body.strip(" ;"):
        return True
    if cmd in "sy" and body:
        delim = body[0]
        if delim in "\\\n":
            return False
        parts, i, cur = [], 1, ""
        while i < len(body) and len(parts) < 2:
            ch = body[i]
            if ch == "\\" and i + 1 < len(body):
                cur += body[i:i + 2]
                i += 2
                continue
            if ch == delim:
                parts.append(cur)
                cur = ""
            else:
                cur += ch
            i += 1
        if len(parts) < 2:
            return False
        flags = body[i:].strip()
        return cmd == "y" and not flags or cmd == "s" and re.fullmatch(r"[gpIiMm0-9]*", flags) is not None
    return False


def script_words(commands) -> set[str]:
    """The words of the line's sed and awk commands that are programs that open no file."""
    out: set[str] = set()
    for cmd in commands:
        argv = list(cmd.argv)
        if not argv:
            continue
        prog = posixpath.basename(argv[0])
        words = argv[1:]
        if prog == "sed":
            given = [words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-e", "--expression")]
            given += [w.split("=", 1)[1] for w in words if w.startswith("--expression=")]
            if any(w in ("-f", "--file") or w.startswith("--file=") for w in words):
                continue
            if not given:
                plain = [w for i, w in enumerate(words) if not w.startswith("-") and not (
                    i and words[i - 1] in ("-l", "--line-length"))]
                given = plain[:1]
            out |= {w for w in given if _sed_safe(w)}
        elif prog in ("awk", "gawk", "mawk", "nawk", "busybox") and not (prog == "busybox" and words[:1] != ["awk"]):
            words = words[1:] if prog == "busybox" else words
            if any(w == "-f" or w.startswith(("-f", "--file")) and w not in ("-F",) and not w.startswith("-F")
                   for w in words):
                continue
            plain, i = [], 0
            while i < len(words):
                w = words[i]
                if w in ("-F", "-v", "--assign", "--field-separator"):
                    i += 2
                    continue
                if not w.startswith("-") or w == "-":
                    plain.append(w)
                    break
                i += 1
            if plain and not _AWK_OPENS.search(plain[0]):
                out.add(plain[0])
    return out
