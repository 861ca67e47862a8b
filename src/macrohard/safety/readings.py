"""How the programs that run a file read its bytes, where that is not as UTF-8 text (rt50).

The guard judges a script by its text; a program that reads other text from the same bytes runs what was not judged:
Python decodes a file by its coding line (``# coding: utf-7`` turns ``+AAo-`` into a line end), perl reads UTF-16
(with a byte-order mark or without), dash drops NUL bytes and bash does past the first line. ``envs.changes`` shows a
change the same way, for the person's eyes.
"""

from __future__ import annotations

import codecs
import io
import tokenize


def wide_text(data: bytes) -> str | None:
    """``data`` as UTF-16 text, when it is: a byte-order mark, or ASCII in two-byte units (``#\\0!\\0``). perl runs
    such a script decoded (rt50: a UTF-16 ``u.pl`` was taken for a binary, left unread, and ``perl u.pl`` sent .env)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and data[:4] != b"\xff\xfe\x00\x00":
        codec = "utf-16"
    elif len(data) >= 4 and data[0] and not data[1] and data[2] and not data[3]:
        codec = "utf-16-le"
    elif len(data) >= 4 and not data[0] and data[1] and not data[2] and data[3]:
        codec = "utf-16-be"
    else:
        return None
    return data.decode(codec, errors="replace")


def python_coding(data: bytes | None) -> str | None:
    """The codec Python decodes a source file with, when its coding line (PEP 263: a comment on its first or second
    line) names one other than UTF-8 (``# coding: utf-7`` turns ``+AAo-`` into a new line); None for UTF-8, no such
    line, or a codec Python does not know (Python refuses that file)."""
    if not data:
        return None
    try:
        coding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        name = codecs.lookup(coding).name
    except (SyntaxError, LookupError, ValueError):
        return None
    return None if name in ("utf-8", "utf-8-sig") else name


def as_read(data: bytes) -> str:
    """A script's text as the programs that may run it read it: its UTF-8 reading (a UTF-16 file's decoded), and
    where a coding line (PEP 263) makes Python read other text, that text too, after it (rt50: ``# coding: utf-7``,
    ``unicode_escape`` or ``raw_unicode_escape`` turned what the guard read as one comment into a line of code that
    sent .env; ``# vim: set fileencoding=…`` and ``-*- coding: … -*-`` are such lines for Python)."""
    if b"\x00" in data:
        if (wide := wide_text(data)) is not None:
            return wide
        # each NUL dropped (dash; bash after the first line), and each a break (where a program stops at it)
        return "\n".join(data.replace(b"\x00", nul).decode(errors="replace") for nul in (b"", b"\n"))
    text = data.decode(errors="replace")
    try:
        python_reads = data.decode(python_coding(data) or "utf-8-sig")
    except (LookupError, UnicodeDecodeError, ValueError):
        return text
    return text if python_reads.removeprefix("\ufeff") == text.removeprefix("\ufeff") else f"{text}\n{python_reads}"
