"""``for f in scans/*.JPG; do mv "$f" "${f%.JPG}.jpg"; done``: a loop over workspace files, judged file by file.

A loop variable is only known when the loop runs, so every path built from it was "a path only known at run
time" and the ordinary rename, convert and backup loops were asked about. When the guard can list, at review
time, every value the variable will take, it judges the body once per value, as the commands the loop expands
to (``shellparse`` visits the body once per value, with ``"$f"`` and the expansions below replaced by it). That
holds only when nothing can change the list or the variable between the review and the loop, so the loop is
bound only when all of these hold (else the variable stays unknown, as before):

- the words are unquoted globs or plain names without ``$``, `````, ``\\``, braces, ``[``, extglob's ``(`` or
  ``**``, with glob characters in the last path component only, no ``..`` and no ``~``; the folder they list is
  inside the workspace, and no name they match is a link that leads out of it;
- the matches are listed as loosely as the session's shell options allow (``dotglob``, ``nocaseglob``: dot-files
  and either case included), the pattern itself is one more value (``nullglob`` off with no match, ``set -f``),
  and no value is a shell identifier (an earlier step's ``declare -n f`` makes ``for f in HOME`` read ``$HOME``);
- everything before the loop on the line is in ``_BEFORE`` (it cannot create a file the glob lists), a ``cd``
  before it is joined to it by ``&&`` (a failed ``cd x; for …`` lists the folder the guard did not), the loop is
  not inside another loop, a function or a subshell (a branch of ``if`` and ``{ …; }`` run in the line's shell:
  their conditions are commands before it), and not in the background; no trap, no job an earlier step left
  running (``safety.shellstate``, ``GuardContext.jobs``);
- the body never names the variable except as ``$f``/``${f…}``, and runs nothing that can set it: ``read``,
  ``printf -v``, ``declare``, ``eval``, ``source``, arithmetic, a function, ``ln`` (a link made for a later
  value);
- only a double-quoted expansion is replaced (unquoted, bash splits and globs the value again), a word that would
  start with ``-`` stays unknown (an option), and ``${f/…}`` whose result depends on ``nocasematch`` stays unknown.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from collections.abc import Callable
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.loopnest import inner_words, made_nothing
from macrohard.safety.paths import PathJudge

MAX_VALUES = 64  # values a loop is judged with, one body each; more and the variable stays unknown
_GLOB = lazyre.compile(r"[*?]")
_BAD_WORD = lazyre.compile(r"[$`\\{}\[\]()~!@+|&;<>'\"\s]")
_IDENTIFIER = lazyre.compile(r"[A-Za-z_]\w*")
# what may run on the line before the loop: none of it can create a file in the listed folder
_BEFORE = frozenset({"cd", "pushd", "popd", "mkdir", "echo", "printf", "ls", "pwd", "true", "false", "test", "[",
                     "[[", "set", "shopt", "export", "declare", "readonly", "typeset", "cat", "head", "tail", "wc",
                     "grep", "du", "df", "stat", "which", "type", "date", "nproc", "uname",
                     "id", "whoami", "basename", "dirname", "realpath"})
# programs the second pass may skip (``_no_code``); anything else may read a script, module or source as code
_FILE_TOOLS = frozenset({"mv", "cp", "rm", "mkdir", "touch", "cat", "head", "tail", "wc", "sort", "uniq", "grep", "cut",
                         "tr", "convert", "magick", "ffmpeg", "gzip", "gunzip", "bzip2", "xz", "zip", "unzip", "tar",
                         "iconv", "dos2unix", "chmod", "file", "identify", "exiftool", "pandoc", "jq", "basename",
                         "dirname", "echo", "printf", "test", "[", "true", "date", "du", "stat", "ls", "md5sum",
                         "sha256sum", "cmp", "diff", "install", "truncate", "realpath", "readlink", "split", "paste",
                         "column", "nl", "tac", "rev", "xxd", "od", "strings", "pdftotext", "optipng", "jpegoptim",
                         "cwebp", "rsvg-convert", "qpdf", "tee", "sed", "awk", "gawk", "mawk", "gsed"})
_READERS = frozenset({"head", "tail", "wc", "grep", "cat", "column", "tr", "cut", "nl"})
_SETTERS = lazyre.compile(r"(?<![\w./-])(?:read|mapfile|readarray|getopts|declare|typeset|local|export|readonly|unset|"
                      r"let|eval|source|alias|unalias|trap|builtin|command|enable|coproc|ln|select|function)(?![\w.-])"
                      r"|(?<![\w./-])printf\b[^;&|\n]*\s-[A-Za-z]*v|(?<![\w./-])wait\b[^;&|\n]*\s-[A-Za-z]*p"
                      r"|(?:^|[\s;&|({])\.(?=\s)|\(\(|\(\)")


class LoopGlobs:
    """What ``shellparse`` asks the guard about a loop: the values its words take, listed from the disk now."""

    def __init__(self, paths: PathJudge, cwd: str | None, functions: set[str] | dict[str, str], findings: dict[str, str],
                 values: Any = None) -> None:
        self.paths = paths
        self.session = values  # what the session's variables are (safety.shellvalues): None, unknown
        self.cwd = cwd  # the directory the line starts in (None: the workspace)
        self.functions = set(functions)  # shell functions the session defined: a call may set the variable
        self.bodies = dict(functions) if isinstance(functions, dict) else {}  # their bodies (safety.loopcall)
        self.findings = findings  # the line's Analysis.findings

    def option(self, value: str, raw: str) -> str:
        """A word a loop's value starts with "-", "+" or "@": the program reads an option (``sed -e…e cmd``, vim's
        ``+!cmd``, gcc's ``@file``), not a file. Asked about; the word stays unknown."""
        self.findings.setdefault("dynamic", f"a file the loop lists is named like an option ({value[:40]!r}); "
                                            "rename it, or list ./* so that every name starts with ./")
        return raw

    def values(self, words: list[str], walker_cwd: str | None, var: str = "",
               line: list[tuple[str, Any, Any]] = ()) -> list[str] | None:
        """Every value ``for VAR in WORDS`` gives VAR, in the directory a ``cd`` earlier on the line moved to;
        None when they cannot all be known now."""
        cwd = self.cwd
        if walker_cwd is not None:
            if walker_cwd.startswith("~") or _BAD_WORD.search(walker_cwd):
                return None
            cwd = walker_cwd if walker_cwd.startswith("/") or cwd is None else posixpath.join(cwd, walker_cwd)
        out: list[str] = []
        for word in words:
            found = self._word(word, cwd)
            if found is None:
                return None
            out += found
            if len(out) > MAX_VALUES:
                return None
        if any(_IDENTIFIER.fullmatch(v) for v in out) and self._nameref(var, line):
            return None  # `declare -n f` an earlier step: `for f in HOME` reads $HOME
        return out

    def _nameref(self, var: str, line: list[tuple[str, Any, Any]]) -> bool:
        """Whether ``var`` may be a name reference: the session or the line made it one, or gave a name only known
        when it ran a value (``declare -n "$x"``), or the session's variables are not known."""
        from macrohard.safety.shellvalues import ANY, NAMEREF

        deps = self.session.deps if self.session is not None else None
        return deps is None or NAMEREF in deps.get(var, ()) or ANY in deps or any(
            n == ANY or n == var and NAMEREF in d for n, d, _ in line)

    def _word(self, word: str, cwd: str | None) -> list[str] | None:
        if not word or _BAD_WORD.search(word) or "**" in word or ".." in word.split("/"):
            return None
        if word.endswith("/") and _GLOB.search(word) and not word.endswith("//"):  # guard19: `*/` lists folders
            found = self._word(word[:-1], cwd)
            return None if found is None else [word] + [f + "/" for f in found[1:]
                                                        if os.path.isdir(self.paths.resolve(f, cwd))]
        folder, pattern = posixpath.split(word)
        if _GLOB.search(folder):
            return None
        if not _GLOB.search(pattern):
            return [word]
        if pattern.startswith(".") and (fnmatch.fnmatchcase(".", pattern) or fnmatch.fnmatchcase("..", pattern)):
            return None  # `.*` lists `.` and `..` where globskipdots is off (`*` never does, even with dotglob)
        if self.paths.outside(folder or ".", cwd):
            return None
        base = self.paths.resolve(folder or ".", cwd)
        try:
            names = os.listdir(base)
        except OSError:
            names = []
        low = pattern.lower()
        found = sorted(n for n in names if fnmatch.fnmatchcase(n.lower(), low))  # nocaseglob, dotglob: a superset
        for name in found:
            if not self.paths.inside(self.paths.follow(posixpath.join(base, name))):
                return None  # a link out of the workspace
        prefix = word[:len(word) - len(pattern)]
        return [word] + [prefix + n for n in found]  # the word itself: no match with nullglob off, or `set -f`


def unroll(walker: Any, node: Any, var: str, first: int) -> list[Any] | None:
    """``for f in scans/*.JPG; do …; done``: the body once per value ``f`` takes, when they are all known."""
    body = node.child_by_field_name("body")
    values_nodes = node.children_by_field_name("value")
    outer = walker.bound  # guard18: inside a loop being unrolled, a loop over plain words (no glob, nothing to list)
    words = [walker.text(v) for v in values_nodes]
    if outer and walker.loops is not None and not walker.in_function and var not in outer and (any(
            v.type not in ("word", "number") for v in values_nodes) or any(
            _BAD_WORD.search(w) or _GLOB.search(w) for w in words)):  # guard19: a glob, listed now when provable
        words = inner_words(walker, node, values_nodes, outer) or []
        listed = bool(words) and before_ok([c for c in walker.out.commands if not made_nothing(c)], words)
    else:
        listed = False
    if (walker.loops is None or walker.in_function > 1 or body is None or not values_nodes or not words
            or not listed and any(v.type not in ("word", "number") for v in values_nodes) or outer and not listed
            and (var in outer or any(_BAD_WORD.search(w) or _GLOB.search(w) for w in words))
            or not loop_placement(node, walker.text, words, bool(outer))):
        return None
    if outer:  # bash gives the words in their order: one pass, each with the outer loop's value
        if not body_binds(var, walker.text(body), walker.loops.functions | set(walker.out.functions)) or (
                values := walker.loops.values(words, walker.cwd if listed else None, var,
                                              walker.out.arith.sources)) is None:
            return None
        cmds: list[Any] = []
        for value in values:
            walker.bound = {**outer, var: value}
            try:
                cmds += walker.visit(body)
            finally:
                walker.bound = outer
                end_pass(walker)
        return cmds
    before = [c for c in walker.out.commands[:first] if id(c) not in walker.out.in_bodies]  # a body defined: not run
    cds = sum(1 for c in before if c.argv and c.argv[0] in ("cd", "pushd", "popd"))
    if cds and (cds > 1 or cds_joined(node, walker.text) != 1 or (walker.cwd or "").startswith("-")):
        return None
    functions = walker.loops.functions | set(walker.out.functions)
    if not before_ok(before, words) or not body_binds(var, walker.text(body), functions):
        return None
    values = walker.loops.values(words, walker.cwd, var, walker.out.arith.sources)
    if values is None:
        return None
    cmds = []
    # the glob word itself is a value only alone (nothing matched, or `set -f`): judged first, before any other
    alone = {w for w in words if _GLOB.search(w) and values.count(w) == 1}
    for again in (False, True):
        first = len(walker.out.commands)
        for value in values if not again else [v for v in values if v not in alone]:
            walker.bound = {var: value}
            try:
                cmds += walker.visit(body)
            finally:
                walker.bound = {}
                end_pass(walker)
        if first < len(walker.out.commands):
            walker.out.commands[first].loop = "again" if again else "start"
        if again or all(_no_code(c.argv) for c in walker.out.commands[first:]):
            return cmds
    return cmds


def end_pass(walker: Any) -> None:
    """A pass over a loop's body ends: what it set from the loop's value is not known in the next, nor after."""
    for name in walker.pass_vars:
        walker.vars.pop(name, None)
    walker.pass_vars.clear()


def _no_code(argv: list[str]) -> bool:
    """A file tool whose judgement reads no file's text: the order of the loop's values cannot change it."""
    if not argv:
        return True
    prog = posixpath.basename(argv[0])
    if prog in ("sed", "gsed", "awk", "gawk", "mawk"):
        return not any(re.match(r"-[^-]*f|--file", a) for a in argv[1:])
    return prog in _FILE_TOOLS


def option_names(an: Any, globs: list[tuple[str, str | None, bool]], cwd: str | None) -> None:
    """``sed 's/a/b/' *.txt`` or ``for f in *.txt``: a file the glob lists named like an option (``-e1e cmd #.txt``
    makes sed run cmd; vim's ``+!cmd``, gcc's ``@file``) is read as one; ``./*.txt`` lists ``./-e…``. And a loop's
    value holding ``$(…)`` or a backquote: bash runs it wherever the variable is read as arithmetic (``a[$(cmd)]``
    in ``[[ $f -gt 0 ]]``, ``$((f))``, a variable ``declare -i`` made). Both are asked about."""
    for word, at, loop in globs:
        folder, pattern = posixpath.split(word)
        if word.startswith(("-", "+", "@")) or not _GLOB.search(pattern) or _GLOB.search(folder) or \
                _BAD_WORD.search(word) or at is not None and (at.startswith(("~", "-")) or _BAD_WORD.search(at)):
            continue
        where = at if at is None or at.startswith("/") or cwd is None else posixpath.join(cwd, at)
        try:
            names = os.listdir(an.paths.resolve(folder or ".", where))
        except OSError:
            continue
        low = pattern.lower()
        for name in names:
            code = loop and ("$(" in name or "`" in name)
            # perl's `-n`/`-p`/`<>` open each file with the two-argument open: a name that begins with `|`, `<` or `>`
            # or ends with `|` runs a command or writes a file (guard27: `perl -ne print *` ran `sh run.sh|`)
            pipe = name.rstrip().endswith("|") or name.lstrip().startswith(("|", "<", ">")) and not folder
            if not (name.startswith(("-", "+", "@")) and not folder or code or pipe) or \
                    not fnmatch.fnmatchcase(name.lower(), low):
                continue
            if pipe:
                an.r.add("dynamic", f"the glob {word} lists a file named like a command or a redirection "
                                    f"({name[:40]!r}): perl and other readers open such a name as a pipe; rename it")
            elif code:
                an.r.add("dynamic", f"the glob {word} lists a file whose name holds shell code ({name[:40]!r}): bash "
                                    "runs it where the name is read as a number; rename the file")
            else:
                an.r.add("dynamic", f"the glob {word} lists a file named like an option ({name[:40]!r}): the program "
                                    f"would read it as one; rename the file or write ./{word}")
            return


def passing(an: Any, mark: str) -> None:
    """Between a loop's passes: bash lists the values in its locale's order, not the guard's, so a file one value
    writes may be read as code by a value the guard judged earlier. The second pass reads every file the first
    wrote as unknown text (``scripts.read_script`` asks about running it)."""
    if mark == "start":
        an.__dict__["loop_start"] = dict(an.written)
    elif mark == "again":
        before = an.__dict__.get("loop_start", {})
        for path, text in list(an.written.items()):
            if path not in before or before[path] != text:
                an.written[path] = None


def loop_placement(node: Any, text: Callable[[Any], str], words: list[str], nested: bool = False) -> bool:
    """Whether a ``for`` statement runs in the line's own shell, after only what its ancestors show: at the top,
    in a ``&&``/``||``/``;`` list, with redirections (opened before the glob is listed: none may name a file it
    lists), or piped into readers (``| tail``), never in the background. ``nested``: up to the body of the loop
    being unrolled around it (guard18)."""
    names = [posixpath.basename(w).lower() for w in words]
    child, parent = node, node.parent
    while parent is not None and parent.type != "program":
        if nested and parent.type == "do_group":
            return parent.parent is not None and parent.parent.type == "for_statement"
        if parent.type == "function_definition":  # guard19: a loop in a body, judged at the definition (loopcall)
            child, parent = parent, parent.parent
            continue
        if parent.type == "pipeline":
            for stage in parent.named_children:
                if stage.id != child.id and (stage.type != "command" or not _reader(stage, text)):
                    return False
        elif parent.type == "redirected_statement":
            for redirect in parent.children:
                dest = redirect.child_by_field_name("destination") if redirect.type == "file_redirect" else None
                target = text(dest) if dest is not None else ""
                if redirect.type != "file_redirect" and redirect.id != child.id and redirect.is_named or (
                        dest is not None and not target.isdigit() and target != "/dev/null" and (
                            _BAD_WORD.search(target) or target.startswith("-") or _lists(target, names))):
                    return False
        elif parent.type in ("if_statement", "elif_clause", "else_clause", "compound_statement"):  # guard16: a
            siblings = parent.children  # branch's body (its condition's commands are `before`), not in the background
            at = next((i for i, c in enumerate(siblings) if c.id == child.id), -1) + 1
            if any(c.id == child.id for c in parent.children_by_field_name("condition")) or (
                    at < len(siblings) and siblings[at].type == "&"):
                return False
        elif parent.type != "list":
            return False
        child, parent = parent, parent.parent
    if parent is None:
        return False
    siblings = parent.children
    after = next((i for i, c in enumerate(siblings) if c.id == child.id), -1) + 1
    return not (after < len(siblings) and siblings[after].type == "&")


def _reader(stage: Any, text: Callable[[Any], str]) -> bool:
    name = stage.child_by_field_name("name")
    if name is None or text(name) not in _READERS:
        return False
    return not any(c.type == "file_redirect" and ">" in text(c) and not text(c).endswith("&1") for c in stage.children)


def cds_joined(node: Any, text: Callable[[Any], str]) -> int:
    """How many ``cd``/``pushd``/``popd`` before the loop are joined to it by ``&&`` alone (they ran, in this shell,
    if the loop runs)."""
    count, child, parent = 0, node, node.parent
    while parent is not None and parent.type in ("list", "redirected_statement", "pipeline"):
        if parent.type == "list":
            ops = [c.type for c in parent.children if not c.is_named]
            left = parent.named_children[0] if parent.named_children else None
            if ops == ["&&"] and left is not None and left.id != child.id:
                count += _chain_cds(left, text)
        child, parent = parent, parent.parent
    return count


def _chain_cds(node: Any, text: Callable[[Any], str]) -> int:
    if node.type == "command":
        name = node.child_by_field_name("name")
        return int(name is not None and text(name) == "cd")
    if node.type == "list" and [c.type for c in node.children if not c.is_named] == ["&&"]:
        return sum(_chain_cds(c, text) for c in node.named_children)
    return 0


def body_binds(var: str, body: str, functions: set[str]) -> bool:
    """Whether a loop body leaves its variable alone: named only as ``$f``/``${f…}``, nothing that can set it."""
    if _SETTERS.search(body) or set(re.findall(r"[\w.:+-]+", body)) & functions:
        return False
    for m in re.finditer(rf"(?<![\w$-]){re.escape(var)}(?!\w)", body):
        before, after = body[max(0, m.start() - 3):m.start()], body[m.end():m.end() + 2]
        if before.endswith("${") and after[:1] in ("}", "%", "#", "/", "^", ","):
            continue
        if before.endswith("${") and after[:1] == ":" and after[1:2].isdigit():
            continue
        if before == "${#" and after[:1] == "}":
            continue
        return False
    return True


def before_ok(commands: list[Any], patterns: list[str]) -> bool:
    """Whether the commands that ran on the line before the loop cannot have made a file its words list."""
    names = [posixpath.basename(p).lower() for p in patterns]
    for cmd in commands:
        if not cmd.argv or posixpath.basename(cmd.argv[0]) not in _BEFORE or cmd.background:
            return False
        if cmd.argv[0] == "mkdir" and any(a == "--" or not a.startswith("-") and _lists(a, names)
                                          for a in cmd.argv[1:]):
            return False
        for op, target in cmd.redirects:
            if op in (">", ">>", ">|", "&>", "&>>") and target != "/dev/null" and (
                    "$" in target or "`" in target or target.startswith("-") or _lists(target, names)):
                return False
    return True


def _lists(path: str, names: list[str]) -> bool:
    leaf = posixpath.basename(path.rstrip("/")).lower()
    return any(fnmatch.fnmatchcase(leaf, n) for n in names)
