"""Where interpreter or C code writes, read from its text: the paths its string literals spell, with the home folder
as the code finds it at run time (``os.environ['HOME']``, ``Path.home()``, ``process.env.HOME``, ``os.homedir()``,
perl's ``$ENV{HOME}``, ruby's ``ENV['HOME']``, C's ``getenv("HOME")``) written as ``~``, and the pieces joined the way
the code joins them (``os.path.join``, ``path.join``, ``Path / 'x'``, ``joinpath``, ``File::Spec->catfile``,
``'a' + 'b'``).

guard40: the scan before this took a literal only when it began with ``.``, ``~`` or ``/`` and judged it only against
the shell start-up files: ``f'{h}/.profile'``, ``'%s/.bashrc' % os.getenv('HOME')``, perl's
``"$ENV{HOME}/.vimrc"``, node's `` `${os.homedir()}/.profile` ``, C's ``snprintf(p, n, "%s/.profile",
getenv("HOME"))``, ``Path.home() / '.config' / 'nvim'``, ``os.path.join(home, '.git', 'hooks', 'pre-commit')`` and
``path.join(HOME, '.config', 'git', 'config')`` each wrote a file that runs code later, approved. A literal whose first
part is only known when the code runs (``{h}/…``, ``%s/…``, ``$d/…``) is judged by the rest: a start-up file's name
there is asked about wherever the folder is.
"""

from __future__ import annotations

import glob as globmod
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import copies, lazyre
from macrohard.safety import rules_data as R

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

# the home folder as code reads it when it runs
_HOME = lazyre.compile(
    r"""os\s*\.\s*environ\s*\[\s*(['"])HOME\1\s*\]|os\s*\.\s*environ\s*\.\s*get\s*\(\s*(['"])HOME\2[^()]*\)|"""
    r"""\b(?:os\s*\.\s*)?getenv\s*\(\s*(['"])HOME\3[^()]*\)|\b(?:pathlib\s*\.\s*)?Path\s*\.\s*home\s*\(\s*\)|"""
    r"""\b(?:os\s*\.\s*path\s*\.\s*|posixpath\s*\.\s*)?expanduser\s*\(\s*(['"])~\4\s*\)|"""
    r"""process\s*\.\s*env\s*(?:\.\s*HOME\b|\[\s*(['"])HOME\5\s*\])|"""
    r"""(?:require\s*\(\s*(['"])(?:node:)?os\6\s*\)\s*\.\s*|\b\w+\s*\.\s*)?homedir\s*\(\s*\)|"""
    r"""\$ENV\s*\{\s*(['"]?)HOME\7\s*\}|\bENV\s*\[\s*(['"])HOME\8\s*\]|\bENV\s*\.\s*fetch\s*\(\s*(['"])HOME\9[^()]*\)|"""
    r"""\bDir\s*\.\s*home\b|\bos\s*\.\s*Getenv\s*\(\s*"HOME"\s*\)|\bos\s*\.\s*UserHomeDir\s*\(\s*\)|"""
    r"""\bFile\s*\.\s*expand_path\s*\(\s*(['"])~\10\s*\)|\$\{HOME\}|\$HOME\b""")
_MARK = "\x01"
_WRAPPED = lazyre.compile(r"[$#]?\{\s*\x01\s*\}")  # `${…}` in a template, `{…}` in an f-string, `#{…}` in ruby
_STRING = lazyre.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`", re.S)
_JOIN = lazyre.compile(r"(?:(?P<recv>\x02\d+\x03)\s*\.\s*|(?:[A-Za-z_$][\w$]*\s*(?:\.|->|::)\s*)*)\b(?:join|joinpath|catfile|catdir|resolve|"
                   r"expand_path|Join)\s*\(")
_PATH_OF = lazyre.compile(r"\b(?:pathlib\s*\.\s*)?(?:Pure)?(?:Posix)?Path\s*\(\s*(\x02\d+\x03)\s*\)")
# calls that give back the path they are given (with the home written out, made absolute): the literal itself
_UNWRAP = lazyre.compile(r"\b(?:(?:os\s*\.\s*)?path\s*\.\s*|posixpath\s*\.\s*)?(?:expanduser|abspath|realpath|normpath|"
                     r"fspath|str|expand_path|rel2abs)\s*\(\s*(\x02\d+\x03)\s*\)|"
                     r"(\x02\d+\x03)\s*\.\s*(?:expanduser|resolve|absolute)\s*\(\s*\)")
_SLASH = lazyre.compile(r"\x02(\d+)\x03\s*/\s*\x02(\d+)\x03")
_PLUS = lazyre.compile(r"\x02(\d+)\x03\s*(?:\+|\.(?!\s*\w+\s*\())\s*\x02(\d+)\x03")
_LIT = lazyre.compile(r"\x02(\d+)\x03")
# code that writes, copies, moves or links files: the scripting languages' calls (rules_data.WRITE_CALL) and C's
_WRITES = lazyre.compile(R.WRITE_CALL.pattern + r"|\bfopen\s*\(|\bfreopen\s*\(|\bcreat\s*\(|\bofstream\b|"
                     r"\bos\s*\.\s*(?:WriteFile|Create|OpenFile)\b|\bmkdirSync\b|\bmakedirs\b|\bmkdir\s*\(|"
                     r"\b(?:cpSync|cp|copytree|copy_tree|cp_r|dircopy|dirmove|renameSync)\s*\(")
# code that reads its arguments (a path to write may be one of them): python, node, perl, ruby, C, the parsers
_ARGV = lazyre.compile(r"\bsys\s*\.\s*argv\b|\bprocess\s*\.\s*argv\b|[$@]ARGV\b|\bARGV\b|\bargv\s*\[|\bfileinput\b|"
                   r"\bargparse\b|\bgetopt\b|\bclick\b|\btyper\b|\bGetOptions\b|\bprocess\.argv\b|\byargs\b|"
                   r"\bcommander\b|\bparseArgs\b|\bos\.Args\b")


def arguments(an: Analyzer, prog: str, words: list[str], cwd: str | None) -> None:
    """guard40: ``python3 w.py .bashrc`` where w.py writes ``sys.argv[1]`` (node's ``process.argv``, perl's
    ``$ARGV[0]``): each argument is judged as a path the code may write."""
    for word in words[:64]:
        if word and not word.startswith("-") and "$" not in word:
            judge_path(an, f"{prog} code that writes to paths from its arguments", word, cwd, "may write")
        elif word.startswith("--") and "=" in word:  # --out=.bashrc
            judge_path(an, f"{prog} code that writes to paths from its arguments", word.split("=", 1)[1], cwd, "may write")


# calls that copy or move a whole folder: (source, destination) are their first two arguments
_COPY_CALL = lazyre.compile(r"\b(?:copytree|copy_tree|move|cpSync|cp|cp_r|renameSync|rename|dircopy|dirmove|mv)\s*\(")
_UNKNOWN_HEAD = lazyre.compile(r"^[^/]*[{}%$*#@][^/]*/")
_MAX_ROUNDS = 16
# what a path code spells may plant: files that run later or change what runs, and stored credentials (an ssh
# config's ProxyCommand); not /etc/passwd or /var/log, which code reads far more often than it writes
_PLANTS = frozenset({"persistence", "dynamic", "credential"})


def judge(an: Analyzer, prog: str, code: str, cwd: str | None) -> None:
    """Judge each path ``code`` spells, where it writes files at all, as a write's target."""
    if not _WRITES.search(code):
        return
    if _ARGV.search(code):  # the files it writes may be the ones its arguments name (scripts.run_code reads them)
        an.__dict__["argv_writes"] = True
    text = fold(code)
    for m in _COPY_CALL.finditer(text):  # shutil.copytree/move, fs.cpSync, FileUtils.cp_r: each file of the folder
        args, _ = _arguments(text, m.end())
        if args and len(args) >= 2 and all(_STRING.fullmatch(a) and a[0] != "`" for a in args[:2]):
            src, dest = _body(args[0]), _body(args[1])
            if src and dest and "*" not in src + dest:
                copies.judge(an, "cp", ["-r", src, dest], cwd)
                copies.judge(an, "cp", ["-r", src.rstrip("/") + "/.", dest], cwd)  # copytree into a folder that exists
    for lit in [_body(m.group(0)) for m in _STRING.finditer(text)]:
        lit = re.sub(r"^\s*\+?(?:>>?|<)\s*", "", lit) if lit.lstrip()[:1] in ("+", ">") else lit
        if not lit or lit.endswith(".pth") and lit.startswith((".", "~", "/")):
            continue  # a .pth: the caller's own rule (a folder only known when it runs)
        judge_path(an, f"{prog} code", lit, cwd)
    for lit in grown(code):
        judge_path(an, f"{prog} code", lit, cwd)


def judge_path(an: Analyzer, who: str, lit: str, cwd: str | None, verb: str = "writes") -> None:
    """One path code spells, judged as a write's target: a folder only known when it runs (``{h}/.profile``,
    ``%s/.bashrc``, ``*/…``) by what follows it; a folder that is a glob pattern (``glob.glob('.git/ho*')[0]``) by
    each folder it matches on the disk now too."""
    head, tail = posixpath.split(lit)
    if head and any(ch in head for ch in "*?[") and lit.startswith((".", "~", "/")) or head and "/" in head and any(
            ch in head for ch in "*?["):
        folder = an.paths.resolve(head, cwd)
        if "$" not in folder:
            for match in sorted(globmod.glob(folder))[:64]:
                judge_path(an, who, posixpath.join(match, tail), cwd, verb)
    if lit.startswith((".", "~", "/")) or "/" in lit and not _UNKNOWN_HEAD.match(lit):
        ap = an.paths.resolve(lit, cwd).lower()
    elif "/" in lit:
        ap = "/" + _UNKNOWN_HEAD.sub("", lit).lower()
    else:
        return
    for pattern, category, what in R.WRITE_TARGETS:
        if category in _PLANTS and (pattern.search(ap) or pattern.search(ap + "/")):
            an.r.add(category, f"{who} {verb} {lit[:60]} ({what})")
            return


def paths(code: str) -> list[str]:
    """The texts of the string literals of ``code`` after the home is written as ``~`` and joins are folded."""
    return [_body(m.group(0)) for m in _STRING.finditer(fold(code))]


def fold(code: str) -> str:
    """``code`` with the home written as ``~`` and the joins of literals folded into one literal."""
    text = _WRAPPED.sub(_MARK, _HOME.sub(_MARK, code))
    # each string literal becomes a numbered mark (folds then match whole literals only, never the code between two
    # of them); the home read outside a string is the string "~", inside one (an f-string, a template, perl's "…") ~
    table: list[str] = []

    def mark(body: str) -> str:
        table.append(body)
        return f"\x02{len(table) - 1}\x03"

    out, last = [], 0
    for m in _STRING.finditer(text):
        out.append(text[last:m.start()].replace(_MARK, mark("~")))
        out.append(mark(m.group(0)[1:-1].replace(_MARK, "~")))
        last = m.end()
    out.append(text[last:].replace(_MARK, mark("~")))
    text = "".join(out)
    for _ in range(_MAX_ROUNDS):
        before = text
        text = _PATH_OF.sub(r"\1", text)
        text = _UNWRAP.sub(lambda m: m.group(1) or m.group(2), text)
        text = _SLASH.sub(lambda m: mark(table[int(m.group(1))] + "/" + table[int(m.group(2))]), text)
        text = _PLUS.sub(lambda m: mark(table[int(m.group(1))] + table[int(m.group(2))]), text)
        text = _fold_joins(text, table, mark)
        text = _fold_names(text, table)
        if text == before:
            break
    return _LIT.sub(lambda m: _quote(table[int(m.group(1))]), text)


# guard41: a name given one literal (after folding) and read later, in node, perl, C or any language this module reads
# as text (`const d = g + '/hooks'; const f = d + '/pre-commit'`, perl's `my $f = "$d/pre-commit"`, C's
# `const char *d = ".git/hooks"`): guard40 folded one expression only, so a path split across names was never whole
_TYPE = r"(?:(?:const|let|var|my|our|local|static|final|auto|unsigned|signed|char|string|String|std::string|val)\b\s*\**\s*)*"
_ASSIGN = lazyre.compile(r"(?<![\w$.>@%])" + _TYPE + r"(\$?[A-Za-z_]\w*)\s*(?:\[\s*\d*\s*\])?\s*=(?!=)\s*"
                     r"\x02(\d+)\x03\s*(?=[;,\n)}]|$)")


def _fold_names(text: str, table: list[str]) -> str:
    """Each name assigned exactly one literal, read elsewhere (outside its assignment): the literal in its place, in
    the code and inside interpolating strings (``"$d/x"``, ``${d}``). A name given two values is left as it is (the
    fold would pick one)."""
    values: dict[str, list[int]] = {}
    for m in _ASSIGN.finditer(text):
        values.setdefault(m.group(1), []).append(int(m.group(2)))
    for name, marks in values.items():
        if len(marks) != 1 or len(re.findall(r"(?<![\w$.>@%])" + re.escape(name) + r"\s*(?:\[\s*\d*\s*\])?\s*"
                                             r"(?:[-+.*/|&]|\.\.|//)?=(?!=)", text)) != 1:
            continue
        value = table[marks[0]]
        bare = name.lstrip("$")
        # inside strings: perl's "$d", "${d}", a template's ${d}
        inner = re.compile((r"\$\{" + re.escape(bare) + r"\}|\$" + re.escape(bare) + r"(?![\w\[{])") if name.startswith("$")
                           else r"\$\{\s*" + re.escape(bare) + r"\s*\}")
        for i, body in enumerate(table):
            if i != marks[0] and inner.search(body):
                table[i] = inner.sub(lambda _m, v=value: v.replace("\\", "\\\\"), body)
        use = re.compile(r"(?<![\w$.>@%])" + re.escape(name) + r"(?![\w\[{(])(?!\s*(?:\[\s*\d*\s*\])?\s*=(?!=))")
        text = use.sub(lambda _m, k=marks[0]: f"\x02{k}\x03", text)
    return text


# the lead, forty-first wave: a path grown by appends (C's `strcpy(p, ".git"); strcat(p, "/hoo"); strcat(p, "ks/…")`,
# python's and node's `p += '/hooks'`, C++'s `std::string p = ".git"; p += …`, perl's `.=`, ruby's `<<`, `p = p + …`):
# the folds above see one literal at a time, so the whole path was never judged
_Q = r"(?:'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\")"
_GROW = lazyre.compile(
    r"\b(?:strn?cpy|stpn?cpy|strlcpy|wcsn?cpy)\s*\(\s*(?P<cb>[A-Za-z_]\w*)\s*,\s*(?P<cl>" + _Q + r")"
    r"|\b(?:strn?cat|strlcat|wcsn?cat)\s*\(\s*(?P<ab>[A-Za-z_]\w*)\s*,\s*(?P<al>" + _Q + r")"
    r"|(?<![\w$.>])(?P<pb>\$?[A-Za-z_]\w*)\s*(?:\.=|\+=|<<)\s*(?P<pl>" + _Q + r")"
    r"|(?<![\w$.>])(?P<rb>\$?[A-Za-z_]\w*)\s*=\s*(?P=rb)\s*[+.]\s*(?P<rl>" + _Q + r")"
    r"|(?<![\w$.>@%])" + _TYPE + r"(?P<sb>\$?[A-Za-z_]\w*)\s*(?:\[\s*\d*\s*\])?\s*(?:=(?!=)\s*|\(\s*)(?P<sl>" + _Q +
    r")\s*(?=[;,\n)}]|$)")


def grown(code: str, limit: int = 256) -> list[str]:
    """The values of names built by appending literals, each after every append (see ``_GROW``)."""
    values: dict[str, str] = {}
    out: list[str] = []
    for m in _GROW.finditer(code):
        if m.group("cb") or m.group("sb"):
            name, lit = (m.group("cb"), m.group("cl")) if m.group("cb") else (m.group("sb"), m.group("sl"))
            values[name] = _body(lit)
            continue
        name, lit = next((m.group(b), m.group(v)) for b, v in (("ab", "al"), ("pb", "pl"), ("rb", "rl")) if m.group(b))
        values[name] = values.get(name, "*") + _body(lit)
        out.append(values[name])
        if len(out) >= limit:
            break
    return out


def _body(literal: str) -> str:
    return literal[1:-1]


def _quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def _fold_joins(text: str, table: list[str], mark) -> str:
    """``join(a, b, …)`` (os.path, path, File, File::Spec) whose arguments are literals or unknown: one literal of
    the parts, ``*`` standing for each part only known when it runs."""
    for m in _JOIN.finditer(text):
        args, end = _arguments(text, m.end())
        if args is None:
            continue
        parts = [table[int(lm.group(1))] if (lm := _LIT.fullmatch(a)) else "*" for a in args]
        if m.group("recv"):  # 'x'.joinpath('a'): the receiver first; ', '.join(list) is not a path
            if m.group(0).rstrip("( ").endswith(".join"):
                continue
            parts.insert(0, table[int(m.group("recv")[1:-1])])
        if not parts or all(p == "*" for p in parts) or not any("/" in p or p.startswith((".", "~")) for p in parts):
            continue
        return text[:m.start()] + mark("/".join(p.rstrip("/") if i < len(parts) - 1 else p
                                                for i, p in enumerate(parts))) + text[end:]
    return text


def _arguments(text: str, start: int) -> tuple[list[str] | None, int]:
    """The top-level arguments of a call whose ``(`` ends just before ``start``, and the index after its ``)``."""
    depth, args, cur, i = 0, [], [], start
    while i < len(text) and i < start + 2000:
        ch = text[i]
        if ch in "'\"`":
            m = _STRING.match(text, i)
            if m is None:
                return None, start
            cur.append(m.group(0))
            i = m.end()
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                if "".join(cur).strip():
                    args.append("".join(cur).strip())
                return args, i + 1
            depth -= 1
        elif ch == "," and depth == 0:
            args.append("".join(cur).strip())
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    return None, start
