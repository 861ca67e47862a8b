"""Text bash reads as a number, and where that text came from.

Bash evaluates a variable's value as an arithmetic expression wherever it reads the variable as a number
(``$((n + 1))``, ``((n))``, ``let``, ``[[ $n -eq 1 ]]``, ``${s:n}``, an indexed array's ``a[$n]``, the integer
variables ``RANDOM``/``OPTIND``), and a name inside that value is read the same way, subscript and all: with
``a[$(touch marker)]`` in ``n.txt``, ``n=$(cat n.txt); echo $((n + 1))`` runs ``touch marker``. So does a value
used as a variable's name (``${!n}``, ``printf -v "$n"``, ``read "$n"``, ``unset "$n"``, ``test -v "$n"``,
``declare -n r=$n``) and one expanded as a prompt (``${n@P}``, ``PS4="$n"``). The walker (``safety.shellparse``)
notes every such place (a *sink*: the names it reads) and every value a name is given (its *sources*: the names
the value refers to, and ``!`` for text the guard did not read: a file's content, a command's output, ``read``,
a glob's file names). ``safety.shellvalues`` asks about a sink that may reach ``!``, and keeps what each name may
refer to between steps, so ``n=$(cat n.txt)`` in one step and ``echo $((n + 1))`` in the next is seen too.

Commands whose output is digits only (``wc -l < f``, ``grep -c x f``, ``stat -c %s``, ``date +%s``, ``seq 5``,
``tr -dc 0-9``) and arithmetic's own results (``count=$((count + 1))``, ``${#s}``, ``$?``) are numbers and
stay trusted; so does a value stripped to digits (``${n//[^0-9]/}``), and the output of a shell function whose
body prints only those. A function's body is judged where it is called (``safety.shellstate``), not where defined.
"""

from __future__ import annotations

import re
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.digits import numeric_output, stage_digits
from macrohard.safety.shellvalues import (
    ANY,
    ARRAY,
    CALL,
    CODE_RE,
    NAMEREF,
    NUMBER_RE,
    POSITIONAL,
    POSITIONAL_RE,
    UNREAD,
    arithmetic_text,
    refs,
)

INTEGER_VARS = frozenset({"RANDOM", "SRANDOM", "OPTIND", "HISTCMD"})  # an assignment evaluates the value
PROMPTS = frozenset({"PS0", "PS1", "PS2", "PS4"})  # expanded as prompts: a $(…) in the value runs
ARITH_TESTS = frozenset({"-eq", "-ne", "-lt", "-le", "-gt", "-ge"})

_DOLLAR_NAME = lazyre.compile(r"\$\{?!?([A-Za-z_]\w*)")
_SUBSCRIPT = lazyre.compile(r"\[([^\]]*)\]")
_DELIMITERS = frozenset({"$((", "$[", "((", "))"})


def name_refs(text: str) -> set[str]:
    """The names whose values a word used as a variable's *name* reads: its ``$`` expansions, and every name in
    a subscript it holds (``unset 'a[$n]'``)."""
    text = arithmetic_text(text)
    out = {UNREAD} if CODE_RE.search(text) else set()
    out |= set(_DOLLAR_NAME.findall(NUMBER_RE.sub("0", text)))
    if POSITIONAL_RE.search(text):
        out.add(POSITIONAL)
    for sub in _SUBSCRIPT.findall(text):
        out |= refs(sub)
    return out


def _plain(w: Any, node: Any, numbers: bool = False) -> tuple[str, frozenset[str]]:
    """A node's text with its command substitutions left out (``numbers``: its arithmetic expansions too, whose
    results are numbers), and ``!`` when one of those substitutions prints more than digits."""
    parts, bad, at = [], set(), node.start_byte

    def cut(n: Any, keep: str) -> None:
        nonlocal at
        parts.append(w.src[at:n.start_byte].decode(errors="replace") + keep)
        at = n.end_byte

    def walk(n: Any) -> None:
        if n.type in _DELIMITERS and not n.is_named:  # $(( … )) and (( … )) themselves
            cut(n, " ")
        elif (n.type == "arithmetic_expansion" or _misread(w, n)) and numbers:
            cut(n, " 0 ")
        elif _misread(w, n):
            cut(n, " " + w.text(n)[3:-2] + " ")
        elif n.type in ("command_substitution", "process_substitution"):
            cut(n, " 0 ")
            digits = numeric_output(w, n)
            if digits is not True:  # a function's output: digits if its body prints only those (shellvalues)
                bad.add(CALL + digits if digits else UNREAD)
        else:
            for c in n.children:
                walk(c)

    walk(node)
    parts.append(w.src[at:node.end_byte].decode(errors="replace"))
    return "".join(parts), frozenset(bad)


def sink(w: Any, node: Any, what: str, text: str | None = None, names: bool = False, array: str = "") -> None:
    """``node`` (or ``text``) is read as a number (``names``: as a variable's name; ``array``: an index of that array,
    a string if the session declared it associative) where the walk is."""
    if w.in_function:  # a function's body is judged where it is called, with the values then (safety.shellstate)
        return
    bad: frozenset[str] = frozenset()
    if text is None:
        text, bad = _plain(w, node)
    read = (name_refs(text) if names else refs(text)) | bad
    if read:
        w.out.arith.sinks.append((node.start_byte, frozenset(read), what, array))


def source(w: Any, name: str, deps: set[str] | frozenset[str], node: Any = None) -> None:
    """``name`` is given a value that refers to ``deps``; ``node``: the statement, when it is a definite one (a plain
    ``n=5``: ``local n=5`` outside a function, or ``declare n=5`` of a readonly ``n``, fail and bash goes on)."""
    definite = None
    if node is not None and not w.in_function:
        parent = node.parent
        top = parent.parent if parent is not None and parent.type == "list" else None
        if top is not None and top.type == "redirected_statement":  # tree-sitter's `n=0 && echo … > f`: the
            top = top.parent  # redirect is the last command's, the list stays on the top level
        if parent is not None and (parent.type == "program" or parent.type == "list" and parent.named_children
                                   and parent.named_children[0] == node and top is not None
                                   and top.type == "program"):
            after = (node if parent.type == "program" else parent if parent.parent is top else parent.parent
                     ).next_sibling
            # `n=5 &` sets n in a background shell, `n+=5` appends: neither replaces n (guard16)
            if not (after is not None and after.type == "&") and not re.match(r"[^=]*\+=", w.text(node)):
                definite = node.start_byte
    w.out.arith.sources.append((name, frozenset(deps), definite))


def value_deps(w: Any, node: Any) -> set[str]:
    """What an assignment's value (or a word of ``set --``, of an array) refers to; a glob bash expands there gives
    file names (``arr=(*)``, ``set -- *``)."""
    text, bad = _plain(w, node, numbers=True)
    globbed = any(c.type == "word" and re.search(r"[*?\[]", w.text(c)) for c in (
        node.named_children if node.type == "array" else [node]))
    return refs(text) | bad | ({UNREAD} if globbed and (node.type == "array" or node.parent.type != "variable_assignment")
                               else set())


def assigned(w: Any, node: Any, name: Any, value: Any) -> None:
    """``NAME=VALUE`` (``a[i]=v``, ``a=(…)``, in ``export``/``declare``/``local``, or before a command)."""
    base = w.text(name)
    if name.type == "subscript":
        base = w.text(name.child_by_field_name("name") or name).split("[")[0]
        index = name.child_by_field_name("index")
        if index is not None:
            sink(w, index, f"the index of {base}[…]", array=base)
    if value is not None and value.type == "array":  # a=([$n]=1): each index is read as a number too
        for element in value.named_children:
            if m := re.match(r"\[(.*?)\]\+?=", w.text(element), re.S):
                sink(w, element, f"the index of {base}[…]", text=m.group(1), array=base)
    deps = value_deps(w, value) if value is not None else set()
    if name.type == "subscript" or value is not None and value.type == "array":
        deps.add(ARRAY)  # `n=5` later sets only n[0]: what the other elements hold stays
    statement = node if node.parent is not None and node.parent.type != "command" else None
    source(w, base, deps, statement)
    if value is not None and base in INTEGER_VARS | PROMPTS:
        sink(w, value, f"{base}=, which bash {'expands as a prompt' if base in PROMPTS else 'reads as a number'}")
    decl = node.parent if node.parent is not None and node.parent.type == "declaration_command" else None
    if decl is not None and value is not None and any(
            c.type == "word" and re.match(r"-[A-Za-z]*n", w.text(c)) for c in decl.children):
        sink(w, value, "a name reference (declare -n)", names=True)
        source(w, base, {NAMEREF})


def expansion(w: Any, node: Any) -> None:
    """``${!n}``, ``${n@P}``, ``${s:off:len}``, ``${a[i]}``: the parts of an expansion bash reads as a number or a
    name."""
    if node.type != "expansion":
        return
    raw = w.text(node)
    if m := re.fullmatch(r"\$\{!([A-Za-z_]\w*)\}", raw):
        sink(w, node, "an indirect expansion ${!…}", text=m.group(1), names=False)
    elif m := re.fullmatch(r"\$\{([A-Za-z_]\w*|[@*])(?:\[[^\]]*\])?@P\}", raw):
        sink(w, node, "a prompt expansion ${…@P}", text=m.group(1))
    for i, child in enumerate(node.children):
        if child.type == "subscript":
            base = w.text(child).split("[")[0]
            index = child.child_by_field_name("index")
            if index is not None and w.text(index) not in ("@", "*"):
                sink(w, index, f"the index of {base}[…]", array=base)
        elif child.type == ":" and i == 2:  # ${s:off:len}: everything after the first colon
            sink(w, node, "an offset ${…:…}", text=w.src[child.end_byte:node.end_byte - 1].decode(errors="replace"))
            return


def _misread(w: Any, node: Any) -> bool:
    """tree-sitter reads ``$((n))`` inside ``${x:-…}`` (and inside another ``$(( ))``) as ``$( (n) )``."""
    return node.type == "command_substitution" and w.text(node).startswith("$((")


def statement(w: Any, node: Any) -> None:
    """``(( … ))``, ``for (( … ))`` and ``[[ … ]]``."""
    t = node.type
    if t == "arithmetic_expansion":  # one the walk reached as a statement's part (`case $((n)) in`)
        sink(w, node, "$(( ))")
    elif _misread(w, node):
        sink(w, node, "$(( ))", text=w.text(node)[3:-2])
    elif t == "compound_statement" and node.children and node.children[0].type == "((":
        sink(w, node, "(( ))")
    elif t == "c_style_for_statement":
        body = node.child_by_field_name("body")
        end = body.start_byte if body is not None else node.end_byte
        sink(w, node, "for (( ))", text=_plain_range(w, node, end))
    elif t == "test_command":
        _tests(w, node)
        _digits_checked(w, node)


def _plain_range(w: Any, node: Any, end: int) -> str:
    text = w.src[node.start_byte:end].decode(errors="replace")
    return text if "$(" not in text and "`" not in text else text + " " + UNREAD


_DIGITS_RE = lazyre.compile(r"\^(?:-\?)?\[(?:0-9|\[:digit:\])\][+*]\$")


def _digits_checked(w: Any, node: Any) -> None:
    """``if [[ $n =~ ^[0-9]+$ ]]; then …`` and ``[[ $n =~ ^[0-9]+$ ]] && …``: where the test passed, ``n`` holds
    digits (bash's ``$`` matches only at the end of the text): noted with the part of the line it guards."""
    kids = node.named_children
    if len(kids) != 1 or kids[0].type != "binary_expression" or w.in_function:
        return
    op, left, right = (kids[0].child_by_field_name(f) for f in ("operator", "left", "right"))
    m = re.fullmatch(r"\"?\$\{?([A-Za-z_]\w*)\}?\"?", w.text(left)) if left is not None else None
    if op is None or w.text(op) != "=~" or m is None or right is None or not _DIGITS_RE.fullmatch(w.text(right)):
        return
    parent, end = node.parent, None
    if parent is not None and parent.type == "if_statement" and parent.child_by_field_name("condition") == node:
        end = next((c.start_byte for c in parent.children if c.type in ("elif_clause", "else_clause", "fi")), None)
    while parent is not None and parent.type == "list" and parent.named_children[0] == node and len(
            parent.children) == 3 and parent.children[1].type == "&&":  # [[ … ]] && a && b: a and b
        end, node, parent = parent.end_byte, parent, parent.parent
    if end is not None:
        w.out.arith.checked.append((m.group(1), kids[0].end_byte, end))
        w.out.arith.src = w.src


def _tests(w: Any, node: Any, double: bool | None = None) -> None:
    # `[[ a -eq b ]]` evaluates both sides as arithmetic; `[ a -eq b ]` (test) wants integers and says "integer
    # expression expected" otherwise, running nothing (checked in real bash: tests/safety/test_redteam15_arith.py)
    double = node.children[0].type == "[[" if double is None else double
    for child in node.named_children:
        if child.type == "binary_expression":
            op = child.child_by_field_name("operator")
            if double and op is not None and w.text(op) in ARITH_TESTS:
                for side in (child.child_by_field_name("left"), child.child_by_field_name("right")):
                    if side is not None:
                        sink(w, side, f"[[ {w.text(op)} ]]")
            _tests(w, child, double)
        elif child.type == "unary_expression":
            op = next((c for c in child.children if c.type == "test_operator"), None)
            if op is not None and w.text(op) in ("-v", "-R"):
                for operand in child.named_children:
                    if operand is not op:
                        sink(w, operand, f"{w.text(node.children[0])} {w.text(op)}", names=True)
            _tests(w, child, double)
        elif child.type == "parenthesized_expression":
            _tests(w, child, double)


def command(w: Any, node: Any, argv: list[str]) -> None:
    """Builtins that read their words as numbers or names, or give names values."""
    words = [c for c in node.children if c.is_named and c.type not in ("command_name", "variable_assignment",
                                                                        "file_redirect", "herestring_redirect")]
    prog = argv[0] if argv else ""
    texts = [w.text(c) for c in words]
    if prog == "let":
        for c in words:
            sink(w, c, "let")
    elif prog.rsplit("/", 1)[-1] == "env":  # env N="$(cat f)" bash -c '…': N as the program it starts has it
        for c, t in zip(words, texts, strict=True):
            if m := re.match(r"[\"']?([A-Za-z_]\w*)=", t):
                source(w, m.group(1), value_deps(w, c))
            elif not t.startswith("-"):
                break
    elif prog in ("test", "["):
        for i, t in enumerate(texts[:-1]):
            if t in ("-v", "-R"):
                sink(w, words[i + 1], f"{prog} {t}", names=True)
    elif prog in ("read", "mapfile", "readarray", "getopts", "printf", "unset", "set"):
        _setters(w, node, prog, words, texts)
    elif prog == "wait" or prog == "builtin" and texts[:1] == ["wait"]:  # `wait -n -p 'a[$(cmd)]'`: the name
        start = 1 if prog == "builtin" else 0  # given the job's id, subscript and all (guard34)
        for i in range(start, len(texts)):
            t = texts[i]
            if re.fullmatch(r"-[nf]*p", t) and i + 1 < len(texts):
                _named(w, words[i + 1], set(), node)
            elif m := re.fullmatch(r"-[nf]*p(.+)", t, re.S):  # `-p'a[$(cmd)]'`: the name attached
                sink(w, words[i], "wait -p", text=re.sub(r"[\"']", "", m.group(1)), names=True)
            elif not t.startswith("-"):
                break


_READ_ARG = {"read": "dinNptu", "mapfile": "dnOsuCc", "getopts": ""}  # options that take a value


def _setters(w: Any, node: Any, prog: str, words: list[Any], texts: list[str]) -> None:
    named: list[int] = []  # indexes of words that are names given a value
    if prog == "set":
        if texts and (texts[0] == "--" or not texts[0].startswith(("-", "+"))):
            rest = words[1:] if texts[0] == "--" else words
            source(w, POSITIONAL, set().union(*(value_deps(w, c) for c in rest)) if rest else set())
        return
    if prog == "unset":
        for c in words:
            w.out.arith.unassoc.add(w.text(c).strip("'\"").split("[")[0])  # an array made again later is indexed
            if not w.text(c).startswith("-"):
                sink(w, c, "unset", names=True)
        return
    if prog == "printf":
        named = [i + 1 for i, t in enumerate(texts[:-1]) if t == "-v"]
        fmt = texts[named[0] + 1] if named and named[0] + 1 < len(texts) else ""
        digits = re.fullmatch(r"['\"]?(?:%[-0-9]*[diux]|[^%a-zA-Z$`])*['\"]?", fmt) is not None
        for i in named:
            _named(w, words[i], set() if digits else {UNREAD}, node)
        return
    if prog == "getopts":
        if len(words) >= 2:
            _named(w, words[1], {UNREAD}, node)
        source(w, "OPTARG", {UNREAD})
        return
    takes = _READ_ARG.get("mapfile" if prog == "readarray" else prog, "")
    i, names = 0, []
    while i < len(texts):
        t = texts[i]
        if t.startswith("-") and t != "-":
            if prog == "read" and t.endswith("a") and i + 1 < len(texts):
                names.append(i + 1)
            i += 2 if t[-1] in takes + "a" and prog == "read" or t[-1] in takes else 1
            continue
        names.append(i)
        i += 1
    if not names:
        source(w, "MAPFILE" if prog in ("mapfile", "readarray") else "REPLY", {UNREAD})
    arrays = prog != "read" or any(t.startswith("-") and t.endswith("a") for t in texts)
    read = _piped_in(w, node) if prog == "read" else {UNREAD}
    for j in names if prog == "read" else names[-1:]:
        _named(w, words[j], read | {ARRAY} if arrays else read, node)


def _piped_in(w: Any, node: Any) -> set[str]:
    """What ``read`` in ``seq 19 23 | while read i; do …; done`` reads: digits when the stage before the loop prints
    only those (judged as a ``$(…)`` would be, a function or a changed PATH included); otherwise text not read."""
    loop = node.parent
    if loop is None or loop.type != "while_statement" or loop.named_children[0] != node:  # not the loop's condition
        return {UNREAD}
    pipe = loop.parent
    if pipe is None or pipe.type != "pipeline" or any(c.type == "|&" for c in pipe.children) or \
            pipe.parent is not None and pipe.parent.type == "redirected_statement":  # `… | while …; done < f`
        return {UNREAD}
    stages = pipe.named_children
    at = next((i for i, c in enumerate(stages) if c == loop), 0)
    digits = stage_digits(w, stages[at - 1]) if at > 0 else False
    return set() if digits is True else {CALL + digits} if digits else {UNREAD}


def _named(w: Any, word: Any, deps: set[str], node: Any) -> None:
    """A word that names the variable a builtin sets: a name only known when it runs is read as one (a sink),
    and may be any name."""
    text = w.text(word)
    if re.fullmatch(r"[A-Za-z_]\w*", text):
        source(w, text, deps)
        return
    base = text.split("[")[0]
    if re.fullmatch(r"[A-Za-z_]\w*", base) and "$" not in base:
        source(w, base, deps)
    sink(w, word, "a variable's name", names=True)
    if "$" in base or "`" in base:
        source(w, ANY, deps | {UNREAD})


def declaration(w: Any, node: Any) -> None:
    """``declare -A m`` (its subscripts are strings), and ``declare "$n=1"`` (a name known when it runs)."""
    flags = "".join(w.text(c) for c in node.children if c.type == "word" and w.text(c).startswith("-"))
    local = w.in_function or node.children[0].type == "local"  # a local -A hides nothing of the session's
    for c in node.children:
        if c.type in ("variable_name", "variable_assignment") and ("A" not in flags or local):  # `local m`,
            name = c.child_by_field_name("name") if c.type == "variable_assignment" else c  # `declare m`: m is
            w.out.arith.unassoc.add(w.text(name).split("[")[0] if name is not None else "")  # indexed here
        if c.type == "variable_name" and "A" in flags:
            w.out.arith.assoc.add(w.text(c))
        elif c.type == "variable_name" and "a" in flags:  # an array: `n=5` later sets only its first element
            source(w, w.text(c), {ARRAY})
        elif c.type == "variable_name" and "n" in flags:  # a name reference: what it names is read (safety.loopglob)
            source(w, w.text(c), {NAMEREF})
        if "r" in flags or node.children[0].type == "readonly":  # `n=5` later fails: what it holds stays
            name = c.child_by_field_name("name") if c.type == "variable_assignment" else c
            if c.type in ("variable_name", "variable_assignment") and name is not None:
                source(w, w.text(name).split("[")[0], {ARRAY})
        elif c.type == "variable_assignment" and "A" in flags and not local:
            name = c.child_by_field_name("name")
            if name is not None:
                w.out.arith.assoc.add(w.text(name).split("[")[0])
        elif c.is_named and c.type not in ("variable_name", "variable_assignment", "word") or \
                c.type == "word" and not w.text(c).startswith("-"):
            name, eq, value = w.text(c).partition("=")
            if "$" in name or "`" in name:  # `declare "$n=1"`: the name is read as one, and may be any name
                sink(w, c, "a variable's name", text=name, names=True)
                source(w, ANY, refs(value) if eq else set())


def loop_values(w: Any, node: Any, var: str) -> None:
    """``for NAME in WORDS`` / ``select NAME in WORDS``: what the name is given (a glob: file names)."""
    deps: set[str] = set()
    for v in node.children_by_field_name("value"):
        deps |= value_deps(w, v)
        if v.type == "word" and re.search(r"[*?\[]", w.text(v)):
            deps.add(UNREAD)
    if node.children and node.children[0].type == "select":
        deps.add(UNREAD)
        source(w, "REPLY", {UNREAD})
    source(w, var, deps if node.children_by_field_name("value") else {POSITIONAL})
