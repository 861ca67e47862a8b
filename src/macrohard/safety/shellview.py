"""What bash will actually see: normalise a command line before it is analysed, or say why it cannot be.

The guard parses the text it was given; bash runs the text *it* reads, and the two differ on a few
bytes. bash drops NUL bytes from its input (``r\\0m`` runs ``rm``), joins backslash-newline pairs
before it splits words (``r\\<newline>m`` is ``rm``), and splits an unquoted ``${IFS}`` into spaces.
``shell_view`` applies those rules, so the analysis judges the command bash runs, and reports the
bytes whose meaning the analyser cannot pin down (other control characters, a carriage return that
bash keeps inside a word, Unicode format characters and line separators) so that the guard refuses
them with a reason instead of guessing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from macrohard.safety import lazyre

# Control bytes bash reads as ordinary word characters (or, for NUL, drops): none belongs in a command
# an agent means to run. Tab and newline are ordinary shell whitespace.
_CONTROL = lazyre.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_IFS = lazyre.compile(r"\$\{IFS\}|\$IFS(?![A-Za-z0-9_])")
# Unicode categories that render as nothing or as a line break, which bash keeps inside a word.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cc", "Co", "Cs", "Cn"})


@dataclass
class ShellView:
    """The command as bash reads it, and why parts of the original could not be judged as written."""

    text: str
    problems: list[str] = field(default_factory=list)
    # Also judge these readings: where quote tracking may be wrong (an apostrophe in a heredoc body), the
    # text with every backslash-newline joined and every ${IFS} split; findings only add up.
    alternatives: list[str] = field(default_factory=list)


def _name(ch: str) -> str:
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def _outside_single_quotes(command: str, pattern: re.Pattern[str], replacement: str) -> str:
    """Replace ``pattern`` only where bash would interpret it: not inside '...' (nor a $'...' body)."""
    out: list[str] = []
    i, n, start = 0, len(command), 0
    in_double = False
    while i < n:
        ch = command[i]
        if ch == "\\" and i + 1 < n and command[i + 1] != "\n" and (not in_double or command[i + 1] in '"\\$`'):
            i += 2
            continue
        if ch == '"':
            in_double = not in_double
        elif ch == "'" and not in_double:
            out.append(pattern.sub(replacement, command[start:i]))
            end = command.find("'", i + 1)
            if end < 0:  # unbalanced: leave the rest alone, the parser will say it cannot parse it
                out.append(command[i:])
                return "".join(out)
            if i > 0 and command[i - 1] == "$":  # $'...' may hold \' escapes
                end = i + 1
                while end < n and command[end] != "'":
                    end += 2 if command[end] == "\\" else 1
            out.append(command[i:end + 1])
            i = start = end + 1
            continue
        i += 1
    out.append(pattern.sub(replacement, command[start:]))
    return "".join(out)


_LINE_JOIN = lazyre.compile(r"(?<!\\)((?:\\\\)*)\\\n")  # a backslash-newline whose backslash is not escaped


def shell_view(command: str) -> ShellView:
    """Normalise ``command`` the way bash reads it; ``problems`` lists what cannot be judged safely."""
    problems: list[str] = []
    text = command
    if "\x00" in text:
        problems.append("contains NUL bytes, which bash silently drops (so the command bash runs is not the "
                        "one written)")
        text = text.replace("\x00", "")
    if m := _CONTROL.search(text):
        what = "a carriage return (\\r), which bash keeps inside the word" if m.group() == "\r" else \
            f"the raw control byte {m.group()!r}"
        problems.append(f"contains {what}")
    if not text.isascii():
        # tab and newline are control characters (Cc) that bash reads as space and line end: not hidden (the other
        # control bytes are _CONTROL's); before, any multi-line command with a letter such as ñ was refused
        hidden = sorted({ch for ch in text if unicodedata.category(ch) in _HIDDEN_CATEGORIES and ch not in "\t\n"})
        if hidden:
            problems.append("contains invisible Unicode characters (" + ", ".join(_name(c) for c in hidden[:3]) + ")")
    unjoined, comment_lines = text, None
    if "\\\n" in text:  # bash joins a backslash-newline before splitting words, except inside '...'
        # and except where the backslash is itself escaped (`\\<newline>`: a backslash, then a line end; guard23:
        # `bash -c "# a\\\\<newline>sh run.sh"` was judged as one comment line and ran the second)
        text = _outside_single_quotes(text, _LINE_JOIN, r"\1")
        # and in a comment, where a backslash-newline ends the comment as any line end does (`# a\<newline>sh
        # run.sh` runs the second line): the lines as written are judged too where a joined line holds a `#`
        lines = unjoined.split("\n")
        ends = [k for k, line in enumerate(lines[:-1]) if "#" in line and _LINE_JOIN.search(line + "\n")]
        if ends:  # those lines' last backslash dropped, the line end kept
            comment_lines = "\n".join(line[:-1] if k in ends else line for k, line in enumerate(lines))
    ifs = "IFS" in text and not re.search(r"(^|[\s;&|(])IFS=", text)
    if ifs:
        # An unquoted ${IFS} splits into words at the default IFS (space, tab, newline); in "…" it is a space.
        text = _outside_single_quotes(text, _IFS, " ")
    alternatives = [comment_lines] if comment_lines is not None else []
    if "\\\n" in text or ifs and _IFS.search(text):
        joined = text.replace("\\\n", "")
        alternatives.append(_IFS.sub(" ", joined) if ifs else joined)
    return ShellView(text, problems, alternatives)


def look_alike(name: str) -> str | None:
    """For a program name written with non-ASCII letters: the ASCII name it imitates, if any."""
    if name.isascii():
        return None
    folded = unicodedata.normalize("NFKC", name)
    skeleton = "".join(_CONFUSABLE.get(ch, ch) for ch in folded)
    return skeleton if skeleton.isascii() else None  # a genuinely non-Latin name imitates nothing


# The Cyrillic and Greek letters that look like Latin ones (the common cases of Unicode's confusables list).
_CONFUSABLE = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d", "ɡ": "g", "ո": "n", "м": "m", "т": "t", "к": "k", "в": "b", "н": "h",
    "α": "a", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "ν": "v", "κ": "k", "ι": "i", "ε": "e",
    "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Х": "X", "М": "M", "Т": "T", "К": "K", "В": "B",
}


_BRACE = lazyre.compile(r"(?<!\$)\{([^{}\s]*,[^{}\s]*)\}")  # bash never brace-expands `${` (`${T,,}` is one word)


def expand_braces(word: str, limit: int = 64) -> list[str]:
    """bash's brace expansion of one word (``/{etc,usr}`` is ``/etc /usr``); ``{a..b}`` ranges stay as written."""
    words = [word]
    while any(_BRACE.search(w) for w in words) and len(words) < limit:
        out: list[str] = []
        for w in words:
            m = _BRACE.search(w)
            if m is None:
                out.append(w)
                continue
            out += [w[:m.start()] + part + w[m.end():] for part in m.group(1).split(",")]
        words = out
    return words[:limit]
