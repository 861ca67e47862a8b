"""Text normalisation before injection screening: what a model would read, spelled one way.

Undoes the tricks that kept phrases away from the rules: line breaks inside a phrase, zero-width and bidi
characters, Unicode tag characters (decoded: they smuggle ASCII), full-width forms and other compatibility
characters (NFKC), Cyrillic/Greek look-alike letters inside Latin words, HTML comments and hidden elements
(their text is kept, the tags go), HTML entities, and base64 segments (decoded text is appended). A tag goes but
the text a reader is shown of it stays where the tag stood: ``alt``, ``title``, ``aria-label``, ``placeholder``
(an image's description is what a browser's accessibility snapshot and a model reading the HTML see; blind15 hid
orders there and the screen never read them). Binary data keeps only its printable runs. Huge inputs are sampled to
a fixed budget and say so.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from dataclasses import dataclass

from macrohard.safety import lazyre

# Beyond this many characters the screen reads a head, a tail and evenly spaced middle slices.
BUDGET_CHARS = 64_000
_HEAD, _TAIL, _SLICES = 32_000, 12_000, 5

_INVISIBLE = lazyre.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
                        "\u3164\ufe00-\ufe0f\ufeff\uffa0]")
_TAG_CHARS = lazyre.compile("[\U000e0000-\U000e007f]+")
_COMMENT = lazyre.compile(r"<!--|-->")
_TAG = lazyre.compile(r"</?[A-Za-z][^<>]{0,2000}>|<![^<>]{0,200}>")
# the attributes whose text a reader is shown (an image's alt text, a tooltip, a field's label); quoted or bare values
_SHOWN = lazyre.compile(r"""\s(?:alt|title|aria-label|aria-description|placeholder)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]+))""",
                    re.I)
_B64 = lazyre.compile(r"(?<![A-Za-z0-9+/_-])(?:[A-Za-z0-9+/_-]{4}(?:\r?\n)?){4,}(?:[A-Za-z0-9+/_-]{2,3}={0,2}|={0,2})")
_SPACE = lazyre.compile(r"\s+")
_LINE_SPACE = lazyre.compile(r"[^\S\n]+")
_BINARY = lazyre.compile(r"[\x00-\x08\x0e-\x1f\ufffd]")
_PRINTABLE_RUNS = lazyre.compile(r"[^\x00-\x08\x0e-\x1f\ufffd]{6,}")
_WORD = lazyre.compile(r"\w+")
# Letters that render like Latin ones (Cyrillic, Greek, a few others) -> the Latin letter.
_CONFUSABLE = str.maketrans({
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g", "ⅼ": "l", "ӏ": "l", "ո": "n", "ս": "u", "А": "A", "В": "B", "Е": "E",
    "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X", "У": "Y", "І": "I", "Ј": "J",
    "Ѕ": "S", "α": "a", "ο": "o", "ρ": "p", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "ℓ": "l", "ı": "i"})
_CONFUSABLE_CHARS = frozenset(chr(k) for k in _CONFUSABLE)
_MAX_DECODES = 64


@dataclass(frozen=True)
class Normalised:
    """``flat``: one line, single spaces (for phrases and the classifier); ``lines``: line breaks kept (for
    rules anchored at a line start). ``sampled``: only part of a huge input was read; ``notes`` say what."""

    flat: str
    lines: str
    sampled: bool
    notes: tuple[str, ...]


def sample(text: str) -> tuple[str, bool]:
    """``text`` itself, or (over the budget) its head, tail and evenly spaced middle slices."""
    if len(text) <= BUDGET_CHARS:
        return text, False
    middle = len(text) - _HEAD - _TAIL
    size = (BUDGET_CHARS - _HEAD - _TAIL) // _SLICES
    step = middle // _SLICES
    parts = [text[:_HEAD]] + [text[_HEAD + i * step + (step - size) // 2:][:size] for i in range(_SLICES)]
    return "\n".join([*parts, text[-_TAIL:]]), True


def _b64(m: re.Match[str]) -> str:
    raw = m.group(0)
    blob = re.sub(r"\s", "", raw)
    try:
        data = base64.b64decode(blob + "=" * (-len(blob) % 4), altchars=b"-_" if ("-" in blob or "_" in blob) else None)
        decoded = data.decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return raw
    readable = sum(c.isprintable() or c in "\n\t" for c in decoded)
    if len(decoded) < 8 or readable < 0.9 * len(decoded) or " " not in decoded:
        return raw
    return f"{raw} [decoded: {decoded}]"


def _tag(m: re.Match[str]) -> str:
    """A tag's place: a space, or the text it shows (``_SHOWN``), in the sentence where the tag stood (a quoted
    ``"<img alt=…>"`` stays inside its quotation)."""
    tag = m.group(0)
    if "=" not in tag:
        return " "
    shown = [v for a, b, c in _SHOWN.findall(tag) if (v := (a or b or c).strip())]
    return f" {' '.join(shown)} " if shown else " "


def _unconfuse(m: re.Match[str]) -> str:
    word = m.group(0)
    if not any(c in _CONFUSABLE_CHARS for c in word):
        return word
    if any("a" <= c.lower() <= "z" for c in word) or all(c in _CONFUSABLE_CHARS for c in word):
        return word.translate(_CONFUSABLE)
    return word


def normalise(text: str) -> Normalised:
    """The text as the screen reads it (see the module docstring)."""
    notes: list[str] = []
    text, sampled = sample(text)
    if sampled:
        notes.append(f"sampled {BUDGET_CHARS // 1000} K of a longer input")
    head = text[:4096]
    if head and len(_BINARY.findall(head)) > 0.1 * len(head):
        text = "\n".join(_PRINTABLE_RUNS.findall(text))
        notes.append("binary: printable runs only")
    if not text.isascii():  # tag and invisible characters are never ASCII
        text = _TAG_CHARS.sub(lambda m: "".join(chr(ord(c) - 0xE0000) for c in m.group(0)), text)
        text = _INVISIBLE.sub("", text)
    decodes = 0

    def b64(m: re.Match[str]) -> str:
        nonlocal decodes
        decodes += 1
        return _b64(m) if decodes <= _MAX_DECODES else m.group(0)

    if len(text) >= 16:  # a base64 segment is at least 16 characters long
        text = _B64.sub(b64, text)
    if "<" in text or "-->" in text:
        text = _COMMENT.sub(" ", text)  # a comment's text is read like any other
    if "<" in text:  # every tag begins with one
        text = _TAG.sub(_tag, text)
    text = html.unescape(text)
    if not text.isascii():  # ASCII is already in NFKC, without invisible or look-alike letters
        text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
        if not _CONFUSABLE_CHARS.isdisjoint(text):
            text = _WORD.sub(_unconfuse, text)
    lines = "\n".join(s for s in (_LINE_SPACE.sub(" ", ln).strip() for ln in text.splitlines()) if s)
    return Normalised(flat=_SPACE.sub(" ", text).strip(), lines=lines, sampled=sampled, notes=tuple(notes))
