"""The scripts a command runs: read from the workspace, or taken from what the same line wrote.

``echo 'rm -rf /srv' > x.sh && bash x.sh`` runs a script that does not exist when the guard reviews
the line; ``safety.commands`` keeps what each redirect wrote, so the script it then runs is judged by
that text. Text the guard cannot know before the line runs (``base64 -d > x.sh``, ``cp``, a program's
own output) is recorded as unknown, and running such a file is asked about.
"""

from __future__ import annotations

import codecs
import posixpath
from typing import TYPE_CHECKING

from macrohard.safety.shellparse import SimpleCommand

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_SCRIPT = 64_000  # bytes of a script the guard reads to judge `bash script.sh`

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


def read_script(an: Analyzer, path: str, cwd: str | None, explicit: bool) -> str | None:
    """The text of a script a command runs, as it will be when it runs, else None (with a finding
    when that matters). ``explicit``: named to a shell or interpreter (``bash x.sh``), not a program
    path (``./app``), which a build step may have just made."""
    ap = an.paths.resolve(path, cwd)
    if ap in an.written:  # written earlier on this line: judge what was written, not the old file
        text = an.written[ap]
        if text is None:
            an.r.add("dynamic", f"runs {path}, which this command writes first with text the guard cannot "
                                  "read; write it in one step and run it in the next")
        return text
    if ap in an.downloads:
        return None
    if not any(ap.startswith(w + "/") for w in an.paths.workspaces):
        if explicit and any(ap.startswith(a + "/") for a in an.paths.allowed):
            an.r.add("dynamic", f"runs {path} from a scratch directory the guard cannot read (the "
                                  "sandbox's own); keep scripts in the workspace")
        return None
    try:
        with open(ap, "rb") as fh:
            data = fh.read(MAX_SCRIPT + 1)
    except OSError:
        if explicit and an.unmodelled_writes:
            an.r.add("dynamic", f"runs {path}, which does not exist yet: an earlier command on the line may "
                                  "write it; write it in one step and run it in the next")
        return None
    if len(data) > MAX_SCRIPT:
        an.r.add("unparseable", f"the script {path} is larger than {MAX_SCRIPT // 1000} kB, too large to review")
        return None
    if b"\x00" in data[:1024]:  # a binary: bash and the interpreters refuse to run it as a script
        return None
    return data.decode(errors="replace")
