"""Names a word builds that bash knows before it runs anything risky, for ``safety.carried``'s walk: a word's
value where the line (or an earlier step) set it literally (``a=.en; b=v; cat $a$b``, ``p=(.e nv); cat
"${p[0]}${p[1]}"``), what ``$(echo .en)v`` or ``$(printf '.%s' env)`` prints, and the words a brace expansion makes
(``{.env,README.md}``). A private file named any of these ways is read as if named outright."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING, Any

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

_NAME = lazyre.compile(r"\$\{?([!#]?)([A-Za-z_]\w*|\d+|[@*?])")
_ELEMENT = lazyre.compile(r"\$\{([A-Za-z_]\w*)\[(\d+)\]\}")
_KNOWN = {"PWD": ".", "HOME": "~"}  # "$PWD/.env" is the shell's own folder's
_BRACE = lazyre.compile(r"\{([^{}]*,[^{}]*)\}")
_FORMAT = lazyre.compile(r"%[^s%]")  # a printf directive other than %s and %%
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


def value(w: _Walk, node: Any) -> str:
    """A word's text as bash would see it where that is known on the line (quotes removed, literal values
    set earlier on the line put in); the rest stays as written."""
    t = node.type
    if t == "word":
        return w.text(node).replace("\\", "")
    if t == "raw_string":
        return w.text(node)[1:-1]
    if t == "expansion" and (e := _ELEMENT.fullmatch(w.text(node))):  # `${p[1]}` after `p=(.e nv)`
        return w.static.get(f"{e.group(1)}[{e.group(2)}]", w.text(node))
    if t in ("simple_expansion", "expansion"):
        m = _NAME.fullmatch(w.text(node).replace("{", "").replace("}", ""))
        name = m.group(2) if m else ""
        return w.static[name] if name in w.static else _KNOWN.get(name, w.text(node))
    if t == "ansi_c_string":
        try:
            return codecs.decode(w.text(node)[2:-1], "unicode_escape")
        except UnicodeDecodeError:
            return w.text(node)
    if t in ("string", "concatenation"):
        return "".join(value(w, c) for c in node.children if c.type != '"')
    if t == "command_substitution" and (text := printed(w, node)) is not None:
        return text  # `cat $(echo .en)v`
    return w.text(node)


def remember(w: _Walk, name: str, node: Any, before: str = "") -> None:
    """A literal value assigned (``a=.en``, ``a+=v`` after it, ``p=(.e nv)``, ``p[1]=nv``): kept for the words
    built from it."""
    items = list(enumerate(node.named_children)) if node.type == "array" else [(None, node)]
    for i, item in items:
        text = (before if i is None else "") + value(w, item)
        if "$" not in text and "`" not in text:
            w.static[name if i is None else f"{name}[{i}]"] = text
