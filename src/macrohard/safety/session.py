"""The literal values the session's shell variables hold between steps.

The agent's shell persists: ``export T=.bashrc`` one step, ``cp evil.txt "$T"`` (or a function writing ``"$T"``)
the next, wrote ``.bashrc``, and the guard only asked about "a path only known at run time" (guard20 left it open:
the session kept functions and traps, not values). The guard now keeps what approved lines assign at their top
level, when the value is literal text (``GuardContext.shell_strings``, committed on approval as the functions are),
and a write whose target reads such a name is judged a second time with the value, as a write on the same line is
(``safety.shellstate`` does this for the line's own values). A name given a value the guard cannot know is
forgotten. What is kept over-approximates bash (a prefix assignment ``T=x cmd`` does not stay): a later write is
judged with a value it may not have, never without one it may.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import lazyre, paramexp, shelltree

MAX_NAMES = 256
MAX_VALUE = 4096
_REF = lazyre.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")


def update(store: dict[str, str], assigned: dict[str, str]) -> None:
    """Keep the line's literal values (``assigned``: name -> value as the parser read it); forget the others."""
    for name, value in assigned.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            continue
        if value and len(value) <= MAX_VALUE and not re.search(r"[$`\\*?\[]", value) and (
                name in store or len(store) < MAX_NAMES):
            store[name] = value
        else:
            store.pop(name, None)


def substitute(word: str, values: dict[str, str]) -> str | None:
    """``word`` with each ``$NAME``/``${NAME}`` replaced by its known value; None if any expansion stays unknown."""
    if not values or "$" not in word:
        return None
    out = _REF.sub(lambda m: values.get(m.group(1) or m.group(2), m.group(0)), word)
    return None if "$" in out or "`" in out else out


_ENVIRON = lazyre.compile(r"""os\.(?:environ\s*\[\s*(['"])(\w+)\1\s*\]|(?:environ\.get|getenv)\s*\(\s*(['"])(\w+)\3[^)]*\))|"""
                      r"""process\.env(?:\.(\w+)|\[\s*(['"])(\w+)\6\s*\])|\$ENV\{\s*['"]?(\w+)['"]?\s*\}""")


def environ(code: str, values: dict[str, str]) -> str:
    """Interpreter code with its reads of known variables (``os.environ['T']``, ``os.getenv('T')``,
    ``process.env.T``, perl's ``$ENV{T}``) written as the values' string literals."""
    if not values:
        return code

    def literal(m: re.Match[str]) -> str:
        name = next(g for g in (m.group(2), m.group(4), m.group(5), m.group(7), m.group(8)) if g)
        return repr(values[name]) if name in values else m.group(0)

    return _ENVIRON.sub(literal, code)


# -- exact values (guard25) ----------------------------------------------------------------------------------------
#
# ``shell_strings`` above over-approximates: it may hold a value bash does not (a prefix assignment, a branch not
# taken), so it can only find harm, never clear a write. ``Exact`` keeps, for each name, every value the variable may
# hold in the live shell, and only where that set can be proved; a write whose target reads only such names is judged
# with each value instead of asked about ("a path only known at run time"). How bash sets or changes a variable, and
# what the proof does about each way:
#
#   NAME=VALUE as a line's own statement (or `export NAME=VALUE`)  kept: its value, when literal (or built of names
#                                    kept with one value); the line's first statement replaces what was kept, a later
#                                    one adds to it (an error before it may stop the line: both stay possible)
#   NAME=VALUE before a command, in a subshell, pipeline, `&&`/`||`, if/case/loop body, a job (`&`), `+=`,
#   NAME[i]=…, NAME=(…)              the name is forgotten (the value may or may not be set, or is built on the old)
#   read, mapfile/readarray, printf -v, getopts, select, wait -p, let, unset, ((…)) naming it, ${NAME:=…},
#   for NAME in …, any other mention of the name but $NAME/${NAME…} reads            the name is forgotten
#   read/mapfile/printf -v/… with no name written out (REPLY, MAPFILE), a name from an expansion
#   (`export "$N=…"`, `printf -v "$N"`, `${!p:=…}`)                                   every name is forgotten
#   declare/typeset/local/readonly (attributes -l -u -i -n -r change later assignments), eval, source and `.`, exec,
#   coproc, trap and any hook, alias/shopt/enable, a function called (its body may set anything), command_not_found_handle,
#   builtin/command (which run the others), IFS set (a later unquoted read splits elsewhere)
#                                    nothing is kept for the rest of the run
#   the shell restarted (exit, a kill, a timeout)  the values belong to the shell they were set in: a review in another
#                                    shell (``GuardFacts.shell``) keeps nothing; so does one while jobs run (they may
#                                    kill it between the review and the run)
#   a nested shell, script, function body, make recipe, interpreter: judged without kept values (its own variables,
#                                    or only the exported ones, are not the session's)
#   bash's own and the start environment's names (PWD, OLDPWD, REPLY, RANDOM, IFS, HOME, PATH, …) are never kept.

_EXACT_CAP = 4  # values one name may keep
_SAFE_VALUE = lazyre.compile(r"[A-Za-z0-9._/+,:@%=-]*")
_SPECIAL = frozenset({
    "PWD", "OLDPWD", "HOME", "PATH", "IFS", "REPLY", "RANDOM", "SRANDOM", "SECONDS", "LINENO", "HISTCMD", "OPTIND",
    "OPTARG", "OPTERR", "GROUPS", "FUNCNAME", "DIRSTACK", "PIPESTATUS", "MAPFILE", "EPOCHSECONDS", "EPOCHREALTIME",
    "UID", "EUID", "PPID", "SHLVL", "HOSTNAME", "HOSTTYPE", "MACHTYPE", "OSTYPE", "SHELL", "USER", "LOGNAME", "TERM",
    "LANG", "LANGUAGE", "TMPDIR", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "CDPATH", "GLOBIGNORE", "ENV", "MAIL",
    "MAILPATH", "MAILCHECK", "TIMEFORMAT", "TMOUT", "FIGNORE", "INPUTRC", "COLUMNS", "LINES", "POSIXLY_CORRECT",
    "PAGER", "GIT_PAGER", "EMAIL", "auto_resume", "histchars"})
_SPECIAL_PREFIX = lazyre.compile(r"(?:BASH|COMP_|HIST|READLINE|LC_)|.*_(?:proxy|PROXY)$")
# runs code the review does not see as this line's statements, or changes how later assignments take effect
_STICKY = lazyre.compile(r"(?<![\w.-])(?:declare|typeset|local|readonly|eval|source|exec|coproc|trap|alias|shopt|enable|"
                     r"builtin|command)(?![\w.-])|(?:^|[;&|({!\n]|\b(?:then|do|else)\b)\s*\.\s|"
                     r"command_not_found_handle")
# sets variables whose names the text may not spell out
_FORGET_ALL = lazyre.compile(r"(?<![\w.-])(?:read|readarray|mapfile|getopts|select|wait|let|unset)(?![\w.-])|"
                         r"(?<![\w.-])printf\b[^;&|\n]*\s-[a-zA-Z]*v|(?<![\w.-])export\b[^;&|\n]*[$`\\]|\$\{!\w+:?=")
# arithmetic and `-v` tests read a name's value as an expression, which may assign any name (`i='X=1'; : $((i))`,
# `[[ -v $i ]]` with i='a[X=1]', `${A[i]}`, `${T:i}`): a line that evaluates a name that way forgets every name
_ARITH = lazyre.compile(r"\$?\(\((.*?)\)\)|\[\[(.*?)\]\]|\$\{[A-Za-z_]\w*\[([^\]]*)\]|\$\{[A-Za-z_]\w*:(?![-=+?])([^}]*)\}|"
                    r"(?<![\w.-])test\s+(-v\s+\S+)", re.S)


def _evaluates(command: str) -> bool:
    for m in _ARITH.finditer(command):
        inner = next(g for g in m.groups() if g is not None)
        if m.group(2) is not None and not re.search(r"\s-(?:eq|ne|lt|le|gt|ge|v)\s", " " + inner + " "):
            continue  # [[ … ]] without an arithmetic comparison or -v
        if re.search(r"(?<![\w#])[A-Za-z_]", re.sub(r"\$\{?[#?@*!$0-9-]|\b0[xX][0-9a-fA-F]+|\d+#\w+", "", inner)):
            return True
    return False


_POSITIONAL = lazyre.compile(r"(?<![\w.-])(?:shift|set)(?![\w.-])")
_IFS = lazyre.compile(r"\bIFS\b")
_WORD = lazyre.compile(r"\w+")


def _changes_positional(root: Any, rest: str) -> bool:
    """Whether the line may change $1…: ``shift`` or ``set`` outside the statements proved (quotes removed:
    ``s'e't``), or a command whose name is not a plain word (``$'\\x73'et``, ``$X``)."""
    if _POSITIONAL.search(re.sub(r"[\"'\\]", "", rest)):
        return True
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "command_name" and not re.fullmatch(r"[\w./+-]+", node.text.decode(errors="replace")):
            return True
        stack.extend(node.children)
    return False
_IFS_PREFIX = lazyre.compile(r"\bIFS=\S*\s+(?:read|mapfile|readarray)\b")


@dataclass
class Exact:
    """The values the session's variables may hold, proved (see above); ``off``: nothing is kept any more."""

    values: dict[str, frozenset[str]] = field(default_factory=dict)
    off: bool = False
    shell: Any = None  # the shell the values were set in (``GuardFacts.shell``)
    # names the lines since the shell started have set or mentioned; one never named is unset (not a name of the
    # start environment: ``keepable``) unless a line may have set names it does not spell (``fresh`` False)
    seen: frozenset[str] = frozenset()
    fresh: bool = True


def keepable(name: str) -> bool:
    return name not in _SPECIAL and not _SPECIAL_PREFIX.match(name)


def settle(state: Exact, command: str, functions: Iterable[str], hooks: bool, shell: Any,
           jobs: int, read_file: Callable[[str], str | None] | None = None) -> tuple[dict[str, frozenset[str]], Exact]:
    """The values a bash line may judge its writes with, and the state once it has run. ``read_file``: a workspace
    file's text as the line's first statement will read it (None: not a plain file of the workspace, or jobs run)."""
    if state.off or shell is None:
        return {}, Exact(off=state.off, shell=shell)
    same = state.shell == shell
    values = dict(state.values) if same else {}
    seen, fresh = (state.seen, state.fresh) if same else (frozenset(), True)
    tree = shelltree.tree(command.encode())
    defined = _defined(tree.root_node)
    # names never set since the shell started, and only read on this line (not `X=$(cmd); T=${X:-a}`)
    unread = re.sub(r"\$\{[^{}]*\}|\$[A-Za-z_]\w*", " ", command)
    words = set(_WORD.findall(unread))  # a name read as a whole word: one of the text's maximal runs of word characters
    unset = {n for n in re.findall(r"[A-Za-z_]\w*", command) if fresh and n not in seen and n not in values and keepable(n)
             and n not in words}
    # read/mapfile/printf -v/declare statements whose values the text fixes (guard26): judged as assignments, and
    # left out of the text the sticky and forget-all rules read
    builtins = _exact_builtins(tree.root_node, values, unset, None if jobs else read_file)
    rest = _blank(command, [span for span in builtins])
    if hooks or _STICKY.search(rest) or (_IFS.search(rest) and not _IFS_PREFIX.search(rest)) or "IFS" in defined \
            or _called(command, set(functions), defined):
        return {}, Exact(off=True, shell=shell)
    if _FORGET_ALL.search(rest) or _evaluates(command):
        return {}, Exact(shell=shell, fresh=False)
    if _changes_positional(tree.root_node, rest):  # `shift`, `set` in another form: $1… may change
        values = {n: v for n, v in values.items() if _base(n) != "@"}
    plain, spans = _plain_assignments(tree.root_node, command.encode(), builtins)
    assigned = {_base(n) for n, _, _ in plain}
    touched = _touched(command, {_base(n) for n in values} | assigned | seen, spans)
    for_line = {} if jobs else {n: v for n, v in values.items() if _base(n) not in touched and _base(n) not in assigned}
    after = {n: v for n, v in values.items() if _base(n) not in touched}
    skip: set[str] = set()  # arrays the line sets where an error before may stop it: forgotten
    for name, node_value, first in plain:
        base = _base(name)
        if base in skip:
            continue
        if base in touched or not keepable(base) and not (name == "REPLY" and isinstance(node_value, _Set)):
            _forget(after, base)
            continue
        if isinstance(node_value, _Set) and node_value.whole:  # an array (or read -a): its old elements go
            _forget(after, base)
            if not first:
                skip.add(base)
                continue
        if name.endswith("[+]"):  # A+=(…): appended after the elements kept, when their count is known
            count = after.get(base + "[#]", frozenset())
            if len(count) != 1 or not first or node_value.value is None:
                _forget(after, base)
                skip.add(base)
                continue
            n, items = int(next(iter(count))), node_value.value.split("\0")
            for i, item in enumerate(items):
                if _literal_text(item) is None:
                    _forget(after, base)
                    skip.add(base)
                    break
                after[f"{base}[{n + i}]"] = frozenset({item})
            else:
                after[base + "[#]"] = frozenset({str(n + len(items))})
            continue
        value = _literal_text(node_value.value) if isinstance(node_value, _Set) else \
            _literal(node_value, after, unset)
        old = after.get(name, frozenset({""}) if fresh and name not in seen else None)
        if value is None or not first and old is None:
            _forget(after, _base(name))
            continue
        new = frozenset({value}) if first else old | {value}
        if len(new) > _EXACT_CAP:
            _forget(after, _base(name))
        else:
            after[name] = new
    mentioned = frozenset(re.findall(r"[A-Za-z_]\w*", command))  # `for X in …` sets X: a name once written is not unset
    return for_line, Exact(values=after, shell=shell, seen=seen | mentioned, fresh=fresh)


def _base(key: str) -> str:
    """The variable a kept key belongs to (``A[1]``, ``A[#]``: ``A``)."""
    return key.partition("[")[0]


def _forget(values: dict[str, frozenset[str]], name: str) -> None:
    for key in [k for k in values if _base(k) == name]:
        del values[key]


def _blank(command: str, spans: list) -> str:
    raw = bytearray(command.encode())
    for b in spans:
        raw[b.start:b.end] = b" " * (b.end - b.start)
    return raw.decode(errors="replace")


@dataclass
class _Set:
    """A value a builtin (or an array assignment) gives a key, already computed; ``whole``: the first key of a
    variable given a whole new array (its other elements go)."""

    value: str | None
    whole: bool = False


@dataclass
class _Builtin:
    start: int
    end: int
    sets: list[tuple[str, _Set]]
    spans: list[tuple[int, int]]


_READ_OPTS = frozenset({"-r", "-a", "-ra", "-ar"})


def _exact_builtins(root: Any, known: dict[str, frozenset[str]], unset: set[str],
                    read_file: Callable[[str], str | None] | None = None) -> list[_Builtin]:
    """The line's top-level ``read [-r] [-a] NAMES <<< WORD``, ``mapfile -t NAME <<< WORD``, ``printf -v NAME FORMAT
    ARGS`` and ``declare [-a] NAME=VALUE`` statements whose every word is literal (or names kept with one value):
    what each sets, as bash computes it; the rest are left to the forget-all and sticky rules."""
    out = []
    kids = list(root.children)
    first = next((k for k in kids if k.is_named and k.type != "comment"), None)
    for i, node in enumerate(kids):
        if not node.is_named or i + 1 < len(kids) and kids[i + 1].type == "&":
            continue
        # `read -r T < n.txt` / `mapfile -t A < n.txt` as the line's first statement: nothing on the line wrote the
        # file before it, and no job runs (guard27; a later statement's read may follow a write: not proved)
        found = _builtin(node, known, unset, read_file if node is first else None)
        if found is not None:
            out.append(_Builtin(node.start_byte, node.end_byte, *found))
    return out


def _words(node: Any, known: dict[str, frozenset[str]], unset: set[str]) -> list[tuple[Any, str | None]]:
    return [(c, _node_text(c, known, unset)) for c in node.children if c.is_named and c.type not in (
        "command_name", "variable_assignment", "herestring_redirect")]


def _builtin(node: Any, known: dict[str, frozenset[str]], unset: set[str],
             read_file: Callable[[str], str | None] | None = None) -> tuple[list, list] | None:
    if node.type == "declaration_command":
        return _declare(node, known, unset)
    from_file = None
    if node.type == "redirected_statement" and read_file is not None:  # `read -r T < n.txt`
        body, redirects = node.child_by_field_name("body"), [c for c in node.children if c.type.endswith("redirect")]
        if body is None or body.type != "command" or len(redirects) != 1 or redirects[0].type != "file_redirect" or \
                [c.type for c in redirects[0].children if not c.is_named] != ["<"] or \
                len([c for c in redirects[0].children if c.is_named]) != 1:
            return None
        dest = redirects[0].child_by_field_name("destination")
        name = _node_text(dest, known, unset) if dest is not None else None
        from_file = read_file(name) if name else None
        if from_file is None or "\0" in from_file:
            return None
        node = body
    if node.type != "command":
        return None
    name = node.child_by_field_name("name")
    prog = name.text.decode(errors="replace") if name is not None else ""
    prefix = [c for c in node.children if c.type == "variable_assignment"]
    here = [c for c in node.children if c.type == "herestring_redirect"]
    if any(c.type.endswith("redirect") and c.type != "herestring_redirect" for c in node.children):
        return None
    words = _words(node, known, unset)
    if any(text is None for _, text in words):
        return None
    if prog == "printf" and not prefix and not here:
        return _printf(words)
    if prog == "set" and not prefix and not here and from_file is None and [t for _, t in words][:1] == ["--"]:
        items = [t for _, t in words[1:]]  # `set -- a b`: $1, $2 (guard27), kept as the array `@[1]`, `@[2]`
        if any(_literal_text(t) is None for t in items) or len(items) > 64:
            return None
        sets = [("@", _Set(items[0] if items else "", whole=True))]
        sets += [(f"@[{i}]", _Set(v)) for i, v in enumerate(items, 1)]
        return sets + [("@[#]", _Set(str(len(items))))], []
    if prog not in ("read", "mapfile", "readarray") or len(here) != (0 if from_file is not None else 1):
        return None
    if from_file is not None:  # read takes the first line; mapfile every line (a last one without a newline too)
        line = from_file.split("\n", 1)[0] if prog == "read" else from_file[:-1] if from_file.endswith("\n") else from_file
    else:
        body = [c for c in here[0].children if c.is_named]
        line = _node_text(body[0], known, unset) if len(body) == 1 else None
    if line is None:
        return None
    ifs = " \t\n"
    if prefix:
        if len(prefix) != 1 or (n := prefix[0].child_by_field_name("name")) is None or n.text != b"IFS":
            return None
        v = prefix[0].child_by_field_name("value")
        ifs = _node_text(v, known, unset) if v is not None else ""
        if ifs is None or len(ifs) > 1 or ifs and (ifs.isspace() or ifs == "\\"):
            return None
    if prog == "read":
        return _read([(c, t) for c, t in words], line, ifs)
    if prefix or [t for _, t in words][:1] != ["-t"] or len(words) != 2:
        return None
    target, arr = words[1][0], words[1][1]
    if not re.fullmatch(r"[A-Za-z_]\w*", arr):
        return None
    lines = (line + "\n").split("\n")[:-1] if from_file is None or from_file else []
    return _array(arr, lines), [(target.start_byte, target.end_byte)]


def _read(words: list[tuple[Any, str]], line: str, ifs: str) -> tuple[list, list] | None:
    raw, array, names = False, False, []
    for node, text in words:
        if text.startswith("-") and not names and not array:
            if text not in _READ_OPTS:
                return None
            raw, array = raw or "r" in text, array or "a" in text
            continue
        if not re.fullmatch(r"[A-Za-z_]\w*", text):
            return None
        names.append((node, text))
    if not raw and "\\" in line or "\n" in line or array and len(names) != 1:
        return None
    spans = [(n.start_byte, n.end_byte) for n, _ in names]
    if not names:
        return [("REPLY", _Set(line))], spans
    if ifs == "":
        fields = [line] + [""] * (len(names) - 1)
    elif ifs.isspace():
        fields = line.strip(ifs).split(None, len(names) - 1 if not array else -1) if line.strip(ifs) else []
        if fields and not array:
            fields[-1] = fields[-1].rstrip(ifs)
    else:  # one character, not white space: each one ends a field; the last name takes the rest, which holds none
        fields = line.split(ifs) if array else line.split(ifs, len(names) - 1)
        if not array and ifs in fields[-1]:
            return None
        if array and len(fields) > 1 and fields[-1] == "":  # a last delimiter ends the last field, makes none
            fields.pop()
    if array:
        return _array(names[0][1], fields), spans
    fields += [""] * (len(names) - len(fields))
    return [(t, _Set(f)) for (_, t), f in zip(names, fields, strict=True)], spans


def _array(name: str, items: list[str]) -> list[tuple[str, _Set]]:
    sets = [(name, _Set(items[0] if items else "", whole=True))]
    sets += [(f"{name}[{i}]", _Set(v)) for i, v in enumerate(items)]
    return sets + [(f"{name}[#]", _Set(str(len(items))))]


_FORMAT = lazyre.compile(r"%(?:%|(0?)(\d*)([sdi]))")


def _printf(words: list[tuple[Any, str]]) -> tuple[list, list] | None:
    texts = [t for _, t in words]
    if len(texts) < 3 or texts[0] != "-v" or not re.fullmatch(r"[A-Za-z_]\w*", texts[1]):
        return None
    rest = texts[2:]
    if rest[0] == "--":
        rest = rest[1:]
    if not rest or "\\" in rest[0]:
        return None
    fmt, args = rest[0], rest[1:]
    specs = [m for m in _FORMAT.finditer(fmt) if m.group(0) != "%%"]
    if "%" in _FORMAT.sub("", fmt) or len(specs) != len(args) and not (not specs and not args):
        return None
    pieces, pos, it = [], 0, iter(args)
    for m in _FORMAT.finditer(fmt):
        pieces.append(fmt[pos:m.start()])
        pos = m.end()
        if m.group(0) == "%%":
            pieces.append("%")
            continue
        arg = next(it)
        if m.group(3) in "di":
            if not re.fullmatch(r"-?\d{1,18}", arg):
                return None
            arg = str(int(arg))
            width = int(m.group(2) or 0)
            arg = arg.rjust(width, "0" if m.group(1) else " ")
        elif m.group(2):
            arg = arg.rjust(int(m.group(2)))
        pieces.append(arg)
    pieces.append(fmt[pos:])
    node = words[1][0]
    return [(texts[1], _Set("".join(pieces)))], [(node.start_byte, node.end_byte)]


def _declare(node: Any, known: dict[str, frozenset[str]], unset: set[str]) -> tuple[list, list] | None:
    """``declare NAME=VALUE`` or ``declare -a NAME=(…)`` at the line's top level (not in a function: the global
    variable, as a plain assignment sets it)."""
    if not node.children or node.children[0].type not in ("declare", "typeset"):
        return None
    sets, spans, array = [], [], False
    for c in node.children[1:]:
        if c.type == "word" and c.text in (b"-a",) and not sets:
            array = True
            continue
        if c.type != "variable_assignment":
            return None
        name, value = c.child_by_field_name("name"), c.child_by_field_name("value")
        op = next((x.type for x in c.children if not x.is_named), "")
        if name is None or name.type != "variable_name" or op != "=":
            return None
        text = name.text.decode()
        if value is not None and value.type == "array":
            items = [_node_text(x, known, unset) for x in value.named_children]
            if any(x is None for x in items):
                return None
            sets += _array(text, items)
        elif array:
            return None
        else:
            sets.append((text, _Set(_node_text(value, known, unset) if value is not None else "")))
        spans.append((name.start_byte, name.end_byte))
    return (sets, spans) if sets else None


def _defined(root: Any) -> set[str]:
    names, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node.type == "function_definition" and (n := node.child_by_field_name("name")) is not None:
            names.add(n.text.decode(errors="replace"))
        stack.extend(node.children)
    return names


def _called(command: str, functions: set[str], defined: set[str]) -> bool:
    """Whether the line names a function the session or the line defines, other than in its definition."""
    for name in functions | defined:
        count = len(re.findall(rf"(?<![\w.$/-]){re.escape(name)}(?![\w.-])", command))
        if count > (1 if name in defined else 0):
            return True
    return False


def _plain_assignments(root: Any, src: bytes, builtins: list[_Builtin] = ()) -> tuple[list[tuple[str, Any, bool]],
                                                                                       list[tuple[int, int]]]:
    """The line's own top-level assignments (``NAME=VALUE``, ``a=1 b=2``, ``export NAME=VALUE``, ``A=(…)``, and the
    exact ``builtins``): (name, value node or ``_Set``, whether nothing before it on the line may have failed), and
    the byte spans of their names."""
    out, spans = [], []
    kids = [c for c in root.children]
    first_seen = False
    sure = True  # every statement before this one was an assignment of a value the text fixes: none can fail
    at = {b.start: b for b in builtins}
    for i, node in enumerate(kids):
        if not node.is_named or node.type == "comment":
            continue
        first, first_seen = not first_seen or sure, True
        if i + 1 < len(kids) and kids[i + 1].type == "&":
            sure = False
            continue
        if node.start_byte in at:
            b = at[node.start_byte]
            out += [(name, value, first) for name, value in b.sets]
            spans += b.spans
            sure = sure and all(v.value is not None for _, v in b.sets)
            continue
        sure = sure and node.type in ("variable_assignment", "variable_assignments")
        if node.type == "variable_assignment" and (v := node.child_by_field_name("value")) is not None and \
                v.type == "array" and (n := node.child_by_field_name("name")) is not None and n.type == "variable_name":
            op = next((c.type for c in node.children if not c.is_named), "")
            name = n.text.decode()
            items = [_node_text(x, {}, set()) for x in v.named_children]
            if op == "=" and all(x is not None for x in items):
                out += [(k, val, first) for k, val in _array(name, items)]
                spans.append((n.start_byte, n.end_byte))
            elif op == "+=" and all(x is not None for x in items):
                out.append((name + "[+]", _Set("\0".join(items)), first))
                spans.append((n.start_byte, n.end_byte))
            continue
        if node.type == "variable_assignment":
            group = [node]
        elif node.type == "variable_assignments":
            group = list(node.named_children)
        elif node.type == "declaration_command" and node.children and node.children[0].type == "export" and all(
                c.type in ("variable_assignment", "variable_name") for c in node.children[1:]):
            group = [c for c in node.children[1:] if c.type == "variable_assignment"]
        else:
            continue
        for a in group:
            name = a.child_by_field_name("name")
            op = next((c.type for c in a.children if not c.is_named), "")
            if name is None or name.type != "variable_name" or op != "=":
                continue
            value = a.child_by_field_name("value")
            out.append((src[name.start_byte:name.end_byte].decode(), value, first))
            spans.append((name.start_byte, name.end_byte))
            if value is not None and value.type in ("word", "raw_string") and re.fullmatch(
                    r"'?[A-Za-z_]\w*'?", value.text.decode(errors="replace")):  # `N=T`: a name, not a mention of T
                spans.append((value.start_byte, value.end_byte))  # (what evaluates it: _EVALUATES forgets all)
    return out, spans


def _touched(command: str, names: Iterable[str], spans: list[tuple[int, int]]) -> set[str]:
    """Names the line mentions other than as a read (``$N``, ``${N…}`` but ``${N=…}``/``${N:=…}``) or as one of its
    plain assignments."""
    raw = command.encode()
    out = set()
    for name in names:
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])".encode(), raw):
            if any(a <= m.start() and m.end() <= b for a, b in spans):  # a name assigned, or inside a literal value
                continue
            before, after = raw[max(0, m.start() - 3):m.start()], raw[m.end():m.end() + 2]
            if before.endswith(b"$"):
                continue
            if re.search(rb"\$\{[!#]?$", before):  # ${T…}, ${#T}, ${!T}: reads, but ${T=…}/${T:=…} sets it
                if re.search(rb"\$\{$", before) and (after.startswith(b"=") or after.startswith(b":=")):
                    out.add(name)
                continue
            out.add(name)
            break
    return out


def _literal_text(text: str | None) -> str | None:
    return text if text is not None and _SAFE_VALUE.fullmatch(text) and not text.startswith("-") else None


def _literal(node: Any, known: dict[str, frozenset[str]], unset: set[str] = frozenset()) -> str | None:
    """An assignment's value when the text fixes it (names kept with one value may be read); else None."""
    if node is None:
        return ""
    text = _node_text(node, known, unset)
    return text if text is not None and _SAFE_VALUE.fullmatch(text) and not text.startswith("-") else None


def _node_text(node: Any, known: dict[str, frozenset[str]], unset: set[str] = frozenset()) -> str | None:
    t, raw = node.type, node.text.decode(errors="replace")
    if t in ("word", "number"):
        return None if "\\" in raw or re.search(r"[*?\[~{]", raw) else raw
    if t == "raw_string":
        return raw[1:-1]
    if t in ("simple_expansion", "expansion"):
        m = re.fullmatch(r"\$\{?([A-Za-z_]\w*)(?:(:?-)([A-Za-z0-9._/+,:@%=-]*))?\}?", raw)
        if m is None or m.group(2) and not raw.startswith("${"):
            return None
        name = m.group(1)
        never = name not in known and name in unset  # never set since the shell started
        vals = frozenset({""}) if never else known.get(name)
        if vals is None or len(vals) != 1:
            return None
        value = next(iter(vals))
        if m.group(2) == ":-":  # ${X:-word}: the word when X is unset or empty
            return value or m.group(3)
        if m.group(2) == "-":  # ${X-word}: only when unset
            return m.group(3) if never else value
        return value
    if t in ("string", "concatenation"):
        parts = []
        for child in node.children:
            if child.type == '"':
                continue
            if child.type == "string_content":
                if "\\" in child.text.decode(errors="replace"):
                    return None
                parts.append(child.text.decode(errors="replace"))
                continue
            part = _node_text(child, known, unset)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts)
    return None


class _One:
    """A match-like of ``$N`` for ``candidates``' ``direct`` (group 4 the digit)."""

    def __init__(self, digit: str) -> None:
        self.digit = digit

    def group(self, i: int) -> str | None:
        return self.digit if i == 4 else None if i else "$" + self.digit


_TARGET_REF = lazyre.compile(r"\$\{[^{}]*\}|\$[A-Za-z_]\w*")
_NAME_OF = lazyre.compile(r"\$\{?#?([A-Za-z_]\w*)")


def candidates(target: str, exact: dict[str, frozenset[str]], limit: int = 16) -> list[str] | None:
    """Every value ``target`` (a write's target as the parse left it: ``$T``, ``"d/${T#src/}"``) may have, from the
    kept values; None when any part of it is not known that way."""
    if not exact or "$" not in target:
        return None
    # `${A[1]}` (an element kept), `${!N}` (N kept with one value, a name kept): the kept key itself (guard26)
    def direct(m: re.Match[str]) -> str:
        if m.group(4):  # $1, ${1}: a positional parameter `set --` gave (guard27)
            key = f"@[{m.group(4)}]"
        elif m.group(1):
            key = f"{m.group(1)}[{int(m.group(2))}]"
        else:
            ref = exact.get(m.group(3), frozenset())
            key = next(iter(ref)) if len(ref) == 1 else ""
        return "\0" + key + "\0" if key in exact and re.fullmatch(r"(?:[A-Za-z_]\w*|@)(?:\[\d+\])?", key) else m.group(0)

    target = re.sub(r"\$\{([A-Za-z_]\w*)\[(\d{1,4})\]\}|\$\{!([A-Za-z_]\w*)\}|\$\{([1-9])\}|\$([1-9])(?!\d)",
                    lambda m: direct(m) if not m.group(5) else direct(_One(m.group(5))), target)
    if "\0" in target:
        pieces = target.split("\0")
        keys = pieces[1::2]
        combos: list[str] = [""]
        for i, piece in enumerate(pieces):
            choices = sorted(exact[piece]) if i % 2 else [piece]
            combos = [c + v for c in combos for v in choices]
            if len(combos) > limit:
                return None
        out = []
        for text in combos:  # no other expansion may remain; each is then read as a literal target
            if "$" in text or "`" in text or re.search(r"[\s*?\[\]{}~'\"\\]", text) or text.startswith("-"):
                return None
            out.append(text)
        return sorted(set(out)) if keys else None
    refs = _TARGET_REF.findall(target)
    if "$" in _TARGET_REF.sub("", target) or "`" in target or any(r.startswith("${!") for r in refs):
        return None
    names = []
    for ref in refs:
        m = _NAME_OF.match(ref)
        if m is None or m.group(1) not in exact:
            return None
        names.append(m.group(1))
    names = sorted(set(names))
    combos: list[dict[str, str]] = [{}]
    for name in names:
        combos = [{**c, name: v} for c in combos for v in sorted(exact[name])]
        if len(combos) > limit:
            return None
    out = set()
    for bound in combos:
        pieces, pos = [], 0
        for m in _TARGET_REF.finditer(target):
            value = paramexp.expand(m.group(0), bound)
            if value is None:
                return None
            pieces += [target[pos:m.start()], value]
            pos = m.end()
        text = "".join(pieces) + target[pos:]
        if re.search(r"[\s*?\[\]{}~$`'\"\\]", text) or text.startswith("-"):
            return None
        out.add(text)
    return sorted(out)
