"""Names a word builds that bash knows before it runs anything risky, for ``safety.carried``'s walk: what
``$(echo .en)v`` or ``$(printf '.%s' env)`` prints, and the words a brace expansion makes (``{.env,README.md}``).
A private file named either way is read as if named outright."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

_BRACE = re.compile(r"\{([^{}]*,[^{}]*)\}")
_FORMAT = re.compile(r"%[^s%]")  # a printf directive other than %s and %%
MAX_WORDS = 64


def printed(w: _Walk, node: Any) -> str | None:
    """The text a substitution of one ``echo``/``printf`` with literal arguments prints (trailing newlines cut,
    as bash cuts them); ``None`` for anything else."""
    kids = [c for c in node.named_children if c.type != "comment"]
    if node.type != "command_substitution" or len(kids) != 1 or kids[0].type != "command":
        return None
    words = [c for c in kids[0].named_children if c.type != "comment"]
    if not words or words[0].type != "command_name" or any(
            c.type not in ("command_name", "word", "string", "raw_string", "concatenation", "number") for c in words):
        return None
    argv = [w.value(c) for c in words]
    if any("$" in a or "`" in a for a in argv):
        return None
    if argv[0] == "echo":
        args = argv[1:]
        while args and args[0] in ("-n", "-e", "-E"):
            args = args[1:]
        return " ".join(args).rstrip("\n")
    if argv[0] == "printf" and len(argv) > 1 and not _FORMAT.search(argv[1]):
        fmt, args = argv[1], argv[2:]
        n = fmt.count("%s")
        if n == 0:
            return fmt.replace("%%", "%").rstrip("\n")
        out, args = "", args or [""]
        while True:  # printf repeats its format until the arguments are used up
            chunk, args = args[:n], args[n:]
            out += fmt.replace("%s", "\0").replace("%%", "%").replace("\0", "{}").format(*chunk, *[""] * (n - len(chunk)))
            if not args:
                return out.rstrip("\n")
    return None


def braces(word: str) -> list[str]:
    """The words ``{a,b}`` in ``word`` expands to (``[word]`` when it has none), at most ``MAX_WORDS``."""
    m = _BRACE.search(word)
    if m is None:
        return [word]
    out: list[str] = []
    for part in m.group(1).split(","):
        out += braces(word[:m.start()] + part + word[m.end():])
        if len(out) >= MAX_WORDS:
            break
    return out[:MAX_WORDS]
