"""Values that stand for several words of a command: what bash's word splitting and arrays make of a known value.

rt50 left argument tracking textual: the walk (``safety.shellparse``) kept a known variable's value as one word
wherever it stood, so ``a="$*"; curl $a`` in a function called with ``--data-binary @.env URL`` was judged as curl
with one odd argument, and an array built by ``a+=(…)``, ``a[1]=…``, ``read -a``, ``mapfile`` or sliced by
``"${a[@]:1}"``, or a value ``printf -v`` made, was an unknown word (rt51: each posted .env, approved). Here the
walk keeps each name's value as bash does, and a word that is one expansion of a known value becomes the words
bash makes of it: an unquoted scalar split on blanks, an array's elements (each split again when unquoted), a
slice's elements, ``"${a[*]}"`` one word. A value only known when the command runs stays unknown, as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from macrohard.safety.shellparse import _Walker

_EXPANSIONS = ("simple_expansion", "expansion")
_SCALAR = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?")
# a slice's offset: digits, or a negative one after a blank or in parentheses (``${a[@]:-1}`` is the default-value
# operator, all the elements, not a slice: lead51 saw it read as the last element and `curl` approved with .env)
_ELEMENTS = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\[([@*]|\d+)\]"
                       r"(?::([ \t]*\d+|[ \t]+-\d+|\([ \t]*-?\d+[ \t]*\))(?::[ \t]*(\d+))?)?\}")
_INDIRECT = re.compile(r"\$\{!([A-Za-z_][A-Za-z0-9_]*)\}")
_FORMAT = re.compile(r"%(.)")
_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "r": "\r", "a": "\a", "v": "\v", "f": "\f", "e": "\x1b"}
MAX_ELEMENTS = 4096
_INDEXED = re.compile(r"\[([^\]]*)\]\+?=")
_UNSET = "\0unset"  # an index no assignment reached: bash's array has no element there


def _blanks(value: str, ifs: str | None) -> list[str]:
    """``value`` split as bash splits an unquoted expansion: on the blanks of IFS (runs of them one break), and on
    each other character of IFS."""
    if ifs is None:
        return value.split()
    others = "".join(c for c in ifs if c not in " \t\n")
    if not others:
        return value.split() if ifs else [value]
    parts = re.split("[" + re.escape(others) + "]", value)
    return [w for p in parts for w in ([p.strip(" \t\n")] if p.strip(" \t\n") or len(parts) > 1 else [])]


def _sliced(items: list[str] | str, start: str | None, count: str | None) -> list[str] | str:
    """bash's ``:OFFSET:LENGTH`` of an array's elements or of one element's characters: a negative offset counts
    from the end, and one past the start gives nothing (Python's slice would give everything)."""
    s = int((start or "0").strip(" \t()"))
    if s < -len(items):
        return items[:0]
    picked = items[s:]
    return picked[:int(count)] if count is not None else picked


def _selected(elements: list[str], which: str, start: str | None, count: str | None) -> list[str]:
    if which not in "@*":
        i = int(which)
        if i >= len(elements) or elements[i] == _UNSET:
            return []
        # `${a[0]:1}` is a substring of the element (lead51: `a=(x--data-binary …)` made `--data-binary`)
        return [str(_sliced(elements[i], start, count))] if start is not None else [elements[i]]
    return list(_sliced(elements, start, count))


def words_of(w: _Walker, node: Any) -> list[str] | None:
    """The words an argument stands for when it is one expansion of a known value (its parts as bash makes them);
    None when it is anything else (the walk reads it as one word, as before)."""
    quoted = node.type == "string"
    if quoted:
        inner = [c for c in node.children if c.type != '"']
        if len(inner) != 1 or inner[0].type not in _EXPANSIONS:
            return None
        node = inner[0]
    elif node.type not in _EXPANSIONS:
        return None
    raw = w.text(node)
    ifs = w.vars.get("IFS")
    if (m := _ELEMENTS.fullmatch(raw)) is not None:
        if m.group(1) not in w.arrays:
            return None
        picked = [e for e in _selected(w.arrays[m.group(1)], m.group(2), m.group(3), m.group(4)) if e != _UNSET]
        if quoted:
            return picked if m.group(2) == "@" else [(ifs[:1] if ifs is not None else " ").join(picked)]
        return [part for e in picked for part in _blanks(e, ifs)]
    if (m := _INDIRECT.fullmatch(raw)) is not None and w.vars.get(m.group(1), "") in w.vars:  # `${!n}`, n=NAME
        value = w.vars[w.vars[m.group(1)]]
        return [value] if quoted else None if ifs is not None else _blanks(value, None)
    if quoted or (m := _SCALAR.fullmatch(raw)) is None or m.group(1) not in w.vars or m.group(1) in w.bound:
        return None
    if ifs is not None:  # the walk keeps an unquoted value unknown where IFS is set (shellparse.word)
        return None
    return _blanks(w.vars[m.group(1)], None)


def assigned(w: _Walker, node: Any, name: Any, value: Any | None) -> None:
    """An assignment's effect on the arrays the walk knows: ``a=(…)``, ``a+=(…)``, ``a[N]=…``, ``a=…``."""
    appends = w.text(node)[len(w.text(name)):].startswith("+=")
    if name.type == "subscript":
        base = name.child_by_field_name("name")
        index = name.child_by_field_name("index")
        key = w.text(base) if base is not None else ""
        known = w.word(value, set()) if value is not None else ("", False)
        if base is None or index is None or not w.text(index).isdigit() or known[1] or \
                int(w.text(index)) > MAX_ELEMENTS:
            w.arrays.pop(key, None)
            return
        elements = w.arrays.setdefault(key, [w.vars[key]] if key in w.vars else [])
        i = int(w.text(index))
        elements += [_UNSET] * (i + 1 - len(elements))
        elements[i] = elements[i] + known[0] if appends else known[0]
        return
    key = w.text(name)
    if value is None or value.type != "array":
        if value is not None and key in w.arrays and key in w.vars:  # `a=x` sets a[0]
            w.arrays[key][:1] = [w.vars[key]]
        elif key in w.arrays:
            w.arrays.pop(key)
        return
    words = [w.word(c, set()) for c in value.named_children if c.type != "comment"]
    if any(dynamic or re.search(r"[*?\[{]", text) for text, dynamic in words):
        w.arrays.pop(key, None)  # an element only known when it runs, or globbed/braced into several
        return
    elements = w.arrays.get(key, []) if appends else []
    for text, _ in words:
        if (m := _INDEXED.match(text)) is None:
            elements.append(text)
        elif not m.group(1).isdigit() or int(m.group(1)) > MAX_ELEMENTS:  # `([k]=v)`: an index only known later
            w.arrays.pop(key, None)
            return
        else:  # `a=([0]=-s [3]=URL)`: bash sets that element (unset ones are no words: kept empty here, dropped below)
            elements += [_UNSET] * (int(m.group(1)) + 1 - len(elements))
            elements[int(m.group(1))] = text[m.end():]
    w.arrays[key] = elements


def _options(argv: list[str], with_value: str) -> tuple[dict[str, str], list[str]]:
    """a builtin's short options (``with_value``: those that take a value) and its other words"""
    opts: dict[str, str] = {}
    rest: list[str] = []
    i = 1
    while i < len(argv):
        word = argv[i]
        if rest or not word.startswith("-") or word == "-":
            rest.append(word)
        elif word == "--":
            rest = argv[i + 1:]
            break
        else:
            for j, c in enumerate(word[1:], 1):
                if c in with_value:
                    value = word[j + 1:]
                    if not value and i + 1 < len(argv):
                        i += 1
                        value = argv[i]
                    opts[c] = value
                    break
                opts[c] = ""
        i += 1
    return opts, rest


def _stdin_text(cmd: Any) -> str | None:
    """What a here-string gives the command's stdin, when it is known (bash adds a line end)."""
    given = [target for op, target in cmd.redirects if op == "<<<"]
    others = [op for op, _ in cmd.redirects if op.startswith("<") and op != "<<<"]
    if len(given) != 1 or others or cmd.heredoc or "$" in given[0] or "`" in given[0]:
        return None
    return given[0] + "\n"


def _filled(fmt: str, words: Any) -> str:
    return _FORMAT.sub(lambda m: "%" if m.group(1) == "%" else next(words), fmt)


def printf_text(fmt: str, args: list[str]) -> str | None:
    specs = _FORMAT.findall(fmt)
    if any(s not in "s%" for s in specs) or "\\" in fmt.replace("\\n", "").replace("\\t", "").replace("\\\\", ""):
        return None
    n = specs.count("s")
    groups = [args[i:i + n] for i in range(0, len(args), n)] if n and args else [[]]
    out = []
    for group in groups:
        out.append(_filled(fmt, iter(group + [""] * (n - len(group)))))
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), "".join(out))


def builtin_sets(w: _Walker, cmd: Any) -> None:
    """What ``read``, ``mapfile``/``readarray`` and ``printf -v`` put in the names they are given: the values when
    their input is known (a literal here-string, printf's literal words), else those names are unknown."""
    argv = cmd.argv
    if not argv or argv[0] not in ("read", "mapfile", "readarray", "printf"):
        return
    if argv[0] == "printf":
        opts, rest = _options(argv, "v")
        if "v" not in opts:
            return
        name = opts["v"]
        value = printf_text(rest[0], rest[1:]) if rest and not cmd.expanded & set(rest) else None
        _scalar(w, name, value)
        return
    text = _stdin_text(cmd)
    from macrohard.safety import filewords

    if argv[0] == "read":
        opts, names = _options(argv, "adpntuiN")
        if text is None:  # rt52: bash sets them from what it reads (`o=-v; read o < opt.txt`: not -v)
            set_names = [opts["a"]] if "a" in opts else names or ["REPLY"]
            filewords.read_into(w, cmd, set_names, "linewords" if "a" in opts else "line" if len(set_names) == 1 and
                                not set(opts) & set("dnN") else None)
            for name in set_names:
                _scalar(w, name, None)
        if "a" in opts:
            w.arrays.pop(opts["a"], None)
            if text is not None and "d" not in opts and "N" not in opts and "n" not in opts:
                line = text.split("\n", 1)[0]
                w.arrays[opts["a"]] = _blanks(line, w.vars.get("IFS"))
            return
        if text is None or "d" in opts or "N" in opts or "n" in opts or not names:
            return
        line = text.split("\n", 1)[0]
        ifs = w.vars.get("IFS")
        fields = _blanks(line, ifs) if len(names) > 1 else [line.strip(" \t\n") if ifs is None else line]
        if len(names) > 1 and ifs is None:
            fields = line.strip().split(None, len(names) - 1)
        elif len(names) > 1:
            return
        for i, name in enumerate(names):
            _scalar(w, name, fields[i] if i < len(fields) else "")
        return
    opts, names = _options(argv, "dnOsuCc")
    name = names[0] if names else "MAPFILE"
    w.arrays.pop(name, None)
    _scalar(w, name, None)  # rt52: `$a` is `${a[0]}`, no longer the value the walk knew (`o=-v; mapfile -t o < f`)
    filewords.read_into(w, cmd, [name], "lines" if set(opts) <= {"t"} else None)
    if text is None or set(opts) - {"t", "d"}:
        return
    delim = opts.get("d", "\n")[:1] or "\0"
    lines = text.split(delim)
    if lines and lines[-1] == "":
        lines.pop()
    w.arrays[name] = [x if "t" in opts else x + delim for x in lines]


def _scalar(w: _Walker, name: str, value: str | None) -> None:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        return
    if value is None:
        w.vars.pop(name, None)
        w.out.assigned[name] = "$" + name
        return
    w.vars[name] = value
    w.out.assigned[name] = value
    w.assigned_here(name, value)
