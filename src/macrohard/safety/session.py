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
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import paramexp, shelltree

MAX_NAMES = 256
MAX_VALUE = 4096
_REF = re.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")


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


_ENVIRON = re.compile(r"""os\.(?:environ\s*\[\s*(['"])(\w+)\1\s*\]|(?:environ\.get|getenv)\s*\(\s*(['"])(\w+)\3[^)]*\))|"""
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
_SAFE_VALUE = re.compile(r"[A-Za-z0-9._/+,:@%=-]*")
_SPECIAL = frozenset({
    "PWD", "OLDPWD", "HOME", "PATH", "IFS", "REPLY", "RANDOM", "SRANDOM", "SECONDS", "LINENO", "HISTCMD", "OPTIND",
    "OPTARG", "OPTERR", "GROUPS", "FUNCNAME", "DIRSTACK", "PIPESTATUS", "MAPFILE", "EPOCHSECONDS", "EPOCHREALTIME",
    "UID", "EUID", "PPID", "SHLVL", "HOSTNAME", "HOSTTYPE", "MACHTYPE", "OSTYPE", "SHELL", "USER", "LOGNAME", "TERM",
    "LANG", "LANGUAGE", "TMPDIR", "PS1", "PS2", "PS3", "PS4", "PROMPT_COMMAND", "CDPATH", "GLOBIGNORE", "ENV", "MAIL",
    "MAILPATH", "MAILCHECK", "TIMEFORMAT", "TMOUT", "FIGNORE", "INPUTRC", "COLUMNS", "LINES", "POSIXLY_CORRECT",
    "PAGER", "GIT_PAGER", "EMAIL", "auto_resume", "histchars"})
_SPECIAL_PREFIX = re.compile(r"(?:BASH|COMP_|HIST|READLINE|LC_)|.*_(?:proxy|PROXY)$")
# runs code the review does not see as this line's statements, or changes how later assignments take effect
_STICKY = re.compile(r"(?<![\w.-])(?:declare|typeset|local|readonly|eval|source|exec|coproc|trap|alias|shopt|enable|"
                     r"builtin|command)(?![\w.-])|(?:^|[;&|({!\n]|\b(?:then|do|else)\b)\s*\.\s|"
                     r"command_not_found_handle")
# sets variables whose names the text may not spell out
_FORGET_ALL = re.compile(r"(?<![\w.-])(?:read|readarray|mapfile|getopts|select|wait|let|unset)(?![\w.-])|"
                         r"(?<![\w.-])printf\b[^;&|\n]*\s-[a-zA-Z]*v|(?<![\w.-])export\b[^;&|\n]*[$`\\]|\$\{!\w+:?=")
_IFS = re.compile(r"\bIFS\b")
_IFS_PREFIX = re.compile(r"\bIFS=\S*\s+(?:read|mapfile|readarray)\b")


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
           jobs: int) -> tuple[dict[str, frozenset[str]], Exact]:
    """The values a bash line may judge its writes with, and the state once it has run."""
    if state.off or shell is None:
        return {}, Exact(off=state.off, shell=shell)
    same = state.shell == shell
    values = dict(state.values) if same else {}
    seen, fresh = (state.seen, state.fresh) if same else (frozenset(), True)
    tree = shelltree.tree(command.encode())
    defined = _defined(tree.root_node)
    if hooks or _STICKY.search(command) or (_IFS.search(command) and not _IFS_PREFIX.search(command)) or "IFS" in defined \
            or _called(command, set(functions), defined):
        return {}, Exact(off=True, shell=shell)
    if _FORGET_ALL.search(command):
        return {}, Exact(shell=shell, fresh=False)
    plain, spans = _plain_assignments(tree.root_node, command.encode())
    assigned = {n for n, _, _ in plain}
    touched = _touched(command, values.keys() | assigned | seen, spans)
    for_line = {} if jobs else {n: v for n, v in values.items() if n not in touched and n not in assigned}
    after = {n: v for n, v in values.items() if n not in touched}
    for name, node_value, first in plain:
        if name in touched or not keepable(name):
            after.pop(name, None)
            continue
        value = _literal(node_value, after)
        old = after.get(name, frozenset({""}) if fresh and name not in seen else None)
        if value is None or not first and old is None:
            after.pop(name, None)
            continue
        new = frozenset({value}) if first else old | {value}
        if len(new) > _EXACT_CAP:
            after.pop(name, None)
        else:
            after[name] = new
    mentioned = frozenset(re.findall(r"[A-Za-z_]\w*", command))  # `for X in …` sets X: a name once written is not unset
    return for_line, Exact(values=after, shell=shell, seen=seen | mentioned, fresh=fresh)


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


def _plain_assignments(root: Any, src: bytes) -> tuple[list[tuple[str, Any, bool]], list[tuple[int, int]]]:
    """The line's own top-level assignments (``NAME=VALUE``, ``a=1 b=2``, ``export NAME=VALUE``): (name, value node,
    whether it is the line's first statement), and the byte spans of their names."""
    out, spans = [], []
    kids = [c for c in root.children]
    first_seen = False
    for i, node in enumerate(kids):
        if not node.is_named or node.type == "comment":
            continue
        first, first_seen = not first_seen, True
        if i + 1 < len(kids) and kids[i + 1].type == "&":
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
            out.append((src[name.start_byte:name.end_byte].decode(), a.child_by_field_name("value"), first))
            spans.append((name.start_byte, name.end_byte))
    return out, spans


def _touched(command: str, names: Iterable[str], spans: list[tuple[int, int]]) -> set[str]:
    """Names the line mentions other than as a read (``$N``, ``${N…}`` but ``${N=…}``/``${N:=…}``) or as one of its
    plain assignments."""
    raw = command.encode()
    out = set()
    for name in names:
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])".encode(), raw):
            if (m.start(), m.end()) in spans:
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


def _literal(node: Any, known: dict[str, frozenset[str]]) -> str | None:
    """An assignment's value when the text fixes it (names kept with one value may be read); else None."""
    if node is None:
        return ""
    text = _node_text(node, known)
    return text if text is not None and _SAFE_VALUE.fullmatch(text) and not text.startswith("-") else None


def _node_text(node: Any, known: dict[str, frozenset[str]]) -> str | None:
    t, raw = node.type, node.text.decode(errors="replace")
    if t in ("word", "number"):
        return None if "\\" in raw else raw
    if t == "raw_string":
        return raw[1:-1]
    if t in ("simple_expansion", "expansion"):
        m = re.fullmatch(r"\$\{?([A-Za-z_]\w*)\}?", raw)
        vals = known.get(m.group(1)) if m else None
        return next(iter(vals)) if vals is not None and len(vals) == 1 else None
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
            part = _node_text(child, known)
            if part is None:
                return None
            parts.append(part)
        return "".join(parts)
    return None


_TARGET_REF = re.compile(r"\$\{[^{}]*\}|\$[A-Za-z_]\w*")
_NAME_OF = re.compile(r"\$\{?#?([A-Za-z_]\w*)")


def candidates(target: str, exact: dict[str, frozenset[str]], limit: int = 16) -> list[str] | None:
    """Every value ``target`` (a write's target as the parse left it: ``$T``, ``"d/${T#src/}"``) may have, from the
    kept values; None when any part of it is not known that way."""
    if not exact or "$" not in target:
        return None
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
