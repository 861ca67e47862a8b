"""What a command writes into a file, when the text is right there on the line.

``echo 'rm -rf /srv' > x.sh && bash x.sh`` runs a script that does not exist when the guard reviews
the line; ``safety.commands`` keeps what each redirect wrote, so the script it then runs is judged by
that text. Text the guard cannot know before the line runs (``base64 -d > x.sh``, ``cp``, a program's
own output) is recorded as unknown, and running such a file is asked about.
"""

from __future__ import annotations

import codecs
import posixpath

from macrohard.safety.shellparse import SimpleCommand

# Programs whose -o writes a program built from sources that the guard does not judge anyway;
# running their output (`gcc -o app app.c && ./app`) is ordinary work.
COMPILERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++", "go", "rustc", "javac", "tcc", "zig"})


def _unescape(text: str) -> str | None:
    try:
        return codecs.decode(text, "unicode_escape")
    except UnicodeDecodeError:
        return None


def text_written(argv: list[str], cmd: SimpleCommand) -> str | None:
    """The text ``argv`` prints to its standard output, when it is literally on the line; else None."""
    if not argv:
        return None
    prog = posixpath.basename(argv[0])
    args = argv[1:]
    if prog == "echo":
        escapes = False
        while args and args[0] in ("-n", "-e", "-E", "-ne", "-en"):
            escapes = escapes or "e" in args[0]
            args = args[1:]
        text = " ".join(args)
        if any("$" in a or "`" in a for a in args):
            return None
        return _unescape(text) if escapes else text
    if prog == "printf" and args and "%" not in args[0] and len(args) == 1 and "$" not in args[0]:
        return _unescape(args[0])
    if prog in ("cat", "tee") and not [a for a in args if not a.startswith("-")] or prog == "cat" and args == ["-"]:
        if cmd.heredoc:
            return cmd.heredoc
        herestrings = [t for op, t in cmd.redirects if op == "<<<"]
        if herestrings and "$" not in herestrings[0]:
            return herestrings[0] + "\n"
    return None
