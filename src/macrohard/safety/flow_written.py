"""What a shell line writes into a runnable file, read from the parser (flow38).

flow37's ``planted_harm`` judged a shell write on the command's own text: what printf or echo spells out on the line.
The lead's review planted the same deletion outside the workspace in pieces: the recipe line written into
``clean.txt`` first and appended by ``cat clean.txt >> Makefile``; the outside path put in ``V`` one step earlier and
given to ``printf … "$V" >> Makefile``. Neither line holds the path. So a line's WRITE TARGETS come from the parser
(a redirection ``>``/``>>``, ``tee``, ``cp``/``mv``/``install``/``ln``/``rsync`` onto, ``dd of=``, ``sed -i``/``perl
-i``, ``ed``/``ex`` on a file, ``patch``/``git apply``, ``npm pkg set``, an interpreter's ``-c`` code naming the
file), and a target that runs (``flow_planted._RUNNABLE``, a ``#!`` text, or a runnable symlink in the workspace that
leads to it) is judged by WHAT IT WILL CONTAIN:

- text the line spells (printf's format filled with its arguments, echo's words, a here-doc), with the values the
  guard knows: the line's own and those approved lines left in the shell (``GuardContext.shell_strings``), and a
  ``$(cat FILE)`` read from the workspace;
- the files it copies, appends, links, patches or pipes in (read from the workspace, or written earlier on the line),
  less the lines the target or a runnable source already holds (``cp Makefile.orig Makefile`` restores, it plants
  nothing);
- what the text pulls in (make's ``include``, ``MAKEFILES=``) as it is in the workspace.

A value the guard cannot know (a variable set by ``read`` or from a command, a decoder's output: ``base64 -d``) is
unknown, and a runnable file written from it after untrusted content is asked. A plain ``cat Makefile``, ``make``, or
a write that stays in the workspace is not. ``texts`` also serves ``flow_verbs.script_send``: Java source written and
run on one line is read as written there.
"""

from __future__ import annotations

import glob
import os
import posixpath
import re
import shlex
from dataclasses import dataclass

from macrohard.safety import lazyre
from macrohard.safety.regular import open_regular

_MAX_READ = 256 * 1024
_MAX_TEXT = 512 * 1024
# what a line must hold for ``texts`` to parse it: a write of some kind (cheap first)
_MAY_WRITE = lazyre.compile(r">|\b(?:tee|sponge|cp|mv|install|ln|rsync|dd|sed|perl|ruby|ed|ex|vim?|patch|apply|pkg|"
                        r"python3?|node|awk|gawk|mawk|find|xargs|parallel|tar|bsdtar|unzip|checkout|restore)\b")
_ECHO = frozenset({"echo"})
_PRINTF = frozenset({"printf"})
_CAT = frozenset({"cat", "tac"})
# programs whose output is not in their input's text: a decoder, an archive, the network
_HIDES = frozenset({"base64", "base32", "basenc", "xxd", "od", "openssl", "gpg", "gzip", "gunzip", "zcat", "bzip2",
                    "bunzip2", "bzcat", "xz", "unxz", "xzcat", "zstd", "unzstd", "zstdcat", "lz4", "uudecode", "rev",
                    "iconv", "recode", "tar", "unzip", "7z", "curl", "wget", "nc", "ncat", "socat", "dig", "rot13",
                    "uuencode", "crypt", "ccrypt"})
_INTERPRETERS = {"python": "-c", "python3": "-c", "node": "-e", "perl": "-e", "ruby": "-e", "php": "-r",
                 "awk": "", "gawk": "", "mawk": ""}
_COPIERS = frozenset({"cp", "mv", "install", "ln", "rsync"})
_VALUED = {"cp": frozenset({"-t", "--target-directory", "-S", "--suffix"}),
           "mv": frozenset({"-t", "--target-directory", "-S", "--suffix"}),
           "install": frozenset({"-t", "--target-directory", "-m", "--mode", "-o", "--owner", "-g", "--group", "-S",
                                 "--suffix"}),
           "ln": frozenset({"-t", "--target-directory", "-S", "--suffix"}),
           "rsync": frozenset({"-e", "--rsh", "--exclude", "--include", "--filter", "-f", "--chmod", "--log-file"})}
_LITERAL = lazyre.compile(r"""(['"])([^'"\n]{1,300})\1""")
_SUB_CAT = lazyre.compile(r"\$\(\s*(?:cat\s+|<\s*)([\w./-]+)\s*\)|`\s*cat\s+([\w./-]+)\s*`")
_INCLUDE = lazyre.compile(r"^[ \t]*-?s?include[ \t]+(.+)$|\bMAKEFILES\s*[:?+]?=\s*['\"]?([\w./ -]+)", re.M)
# start files a login or interactive shell runs (the workspace is the agent shell's HOME)
_START_FILES = lazyre.compile(r"(?:^|/)\.(?:profile|bash_profile|bash_login|bash_logout|zprofile|zlogin|zlogout|zshenv|"
                          r"login|xprofile|xsession|xinitrc)$")


def _put(text: str, values: dict[str, str]) -> str | None:
    """``text`` with the shell's known values put in; None if an expansion stays unknown."""
    if "$" not in text and "`" not in text:
        return text
    from macrohard.safety.session import substitute

    return substitute(text, values)


_ADDRESS = lazyre.compile(r"(^|['\"])[ \t]*/(?:[^/\\\n]|\\.)*/(?=[aicdrwps=!{,;]|[ \t]*[{!])", re.M)


def _unaddressed(code: str) -> str:
    """A sed/ed/awk script without the addresses that start its lines (``/^clean:/a``: a pattern, no path)."""
    return _ADDRESS.sub(lambda m: m.group(1), code) if "/" in code else code


class _Lazy:
    """A text worked out only when something asks for it (most lines write no runnable file: flow38's cost)."""

    __slots__ = ("fn", "ready", "value")

    def __init__(self, fn) -> None:
        self.fn, self.ready, self.value = fn, False, None

    def get(self) -> str | None:
        if self.ready is None:  # asked for while being worked out (a file read on the line it is written): unknown
            return None
        if not self.ready:
            self.ready = None
            self.value, self.ready = self.fn(), True
            if self.value is not None and len(self.value) > _MAX_TEXT:
                self.value = None
        return self.value


def _got(text) -> str | None:
    return text.get() if isinstance(text, _Lazy) else text


@dataclass
class Written:
    path: str  # as the guard names workspace paths
    text: str | None  # what the line puts there (None: a value the guard cannot know)
    how: str  # the program that writes it, for the reason
    old: str = ""  # lines a source already held that runs the same way (not new)


def runnable(path: str, text: str | None = None) -> bool:
    """Whether a file at ``path`` runs or configures something when the user's next command reads it."""
    from macrohard.safety.flow_planted import _RUNNABLE

    return bool(_RUNNABLE.search(path) or _START_FILES.search(path)) or bool(text and text.startswith("#!"))


def _git_show(where: str, rev: str, path: str, workspace: str) -> str | None:
    """``git show REV:PATH``'s text, from the repository ``where`` is in (None if it cannot be read)."""
    from macrohard.safety.git_plan import READ_ERRORS, open_repo

    try:
        opened = open_repo(where, [workspace])
        if opened is None:
            return None
        repo, top = opened
        rel = posixpath.relpath(posixpath.join(where, path), top)
        return repo.at(rev or "HEAD", rel) if not rel.startswith("..") else None
    except READ_ERRORS:
        return None


def _read(path: str) -> str | None:
    try:
        if os.path.getsize(path) > _MAX_READ:
            return None
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            return fh.read(_MAX_READ)
    except (OSError, ValueError):
        return None


def _unescape(text: str) -> str:
    return text.replace("\\t", "\t").replace("\\n", "\n")


def _printf(args: list[str]) -> str:
    if not args:
        return ""
    fmt, rest = args[0], args[1:]
    if not rest:
        return _unescape(fmt)
    out, i = [], 0
    while True:  # the format is used again while arguments are left, as printf does
        used = 0

        def fill(m: re.Match[str]) -> str:
            nonlocal used, i
            if m.group(0) == "%%":
                return "%"
            used += 1
            i += 1
            return rest[i - 1] if i - 1 < len(rest) else ""

        out.append(_unescape(re.sub(r"%%|%[-+ #0-9.]*[sbdiouxXeEfgGcq]", fill, fmt)))
        if not used or i >= len(rest) or len(out) > 64:
            return "".join(out)


class _Line:
    def __init__(self, command: str, base: str, strings: dict[str, str], workspace: str) -> None:
        self.command, self.base, self.strings, self.workspace = command, base, strings, workspace
        self.done: dict[str, str | None] = {}  # paths written earlier on the line -> their text
        self.out: list[Written] = []
        self.olds: list[tuple[str, str]] = []
        self.depth = 0
        self.view: dict | None = None

    def where(self, cwd: str | None, word: str) -> str:
        here = posixpath.join(self.base, cwd) if cwd else self.base
        return posixpath.normpath(posixpath.join(here, word))

    def file(self, path: str) -> str | None:
        done = self.view if self.view is not None else self.done
        if path in done:
            return _got(done[path])
        return _read(path)

    def as_of(self, view: dict, fn):
        """``fn()`` with the line's writes as they were when its command ran (what it reads was written before)."""
        was, self.view = self.view, view
        try:
            return fn()
        finally:
            self.view = was

    def named_files(self, text: str, cwd: str | None) -> str:
        """The workspace files a program's words or code name (``r frag.txt``, ``getline < "frag.txt"``,
        ``open('frag.txt')``), read: what it may copy in."""
        out = []
        for word in dict.fromkeys(re.findall(r"[\w][\w./-]*\.[\w]+|[\w./-]*/[\w./-]+", text)):
            path = self.where(cwd, word)
            if not (path.startswith(self.workspace.rstrip("/") + "/")) or not os.path.isfile(path) and \
                    path not in self.done:
                continue
            got = self.file(path)
            if got:
                out.append(got)
            if len(out) >= 16:
                break
        return "\n".join(out)

    def word(self, w: str, cwd: str | None) -> str | None:
        """A word with ``$(cat FILE)`` read and the shell's known values put in; None if an expansion stays."""
        if "$" not in w and "`" not in w:
            return w
        w = _SUB_CAT.sub(lambda m: (self.file(self.where(cwd, m.group(1) or m.group(2))) or "$?").rstrip("\n"), w)
        return _put(w, self.strings)

    def globbed(self, argv: list[str], cwd: str | None) -> list[str]:
        """``argv`` with each unquoted-looking glob word listed from the disk, as bash lists it (at most 64 names)."""
        out: list[str] = []
        for w in argv:
            if any(c in w for c in "*?[") and not w.startswith("-") and len(out) < 256:
                here = posixpath.join(self.base, cwd) if cwd else self.base
                found = sorted(glob.glob(posixpath.join(here, w)))[:64] if "/" != w[:1] else sorted(glob.glob(w))[:64]
                if found:
                    out += [posixpath.relpath(f, here) if not w.startswith("/") else f for f in found]
                    continue
            out.append(w)
        return out

    def output(self, cmd, stdin: str | None) -> str | None:
        """What ``cmd`` prints (a superset; None: not knowable)."""
        from macrohard.safety.flow_verbs import _unwrapped

        argv = self.globbed(_unwrapped(list(cmd.argv)), cmd.cwd)
        if not argv:
            return _got(stdin) if cmd.heredoc == "" else self.heredoc(cmd)
        prog = posixpath.basename(argv[0])
        if prog == "git" and argv[1:2] == ["show"] and len(argv) == 3 and re.fullmatch(r"[\w./~^@{}-]*:[\w./-]+", argv[2]):
            # `git show REV:PATH`: the file as REV holds it, read from git's files (flow40; flow38 read the
            # workspace's file, a restore, which let another revision's Makefile through), or unknown if it is not
            # in the workspace (as flow38) or cannot be read
            path = self.where(cmd.cwd, argv[2].split(":", 1)[1])
            return _git_show(self.where(cmd.cwd, "."), *argv[2].split(":", 1), self.workspace) if os.path.isfile(path) else None
        if prog in _HIDES or cmd.dynamic_name or prog == "git" and any(
                w in ("show", "cat-file", "archive", "format-patch") for w in argv[1:3]):
            return None  # a decoder, the network, git's object store: not the text of anything the guard reads
        words = []
        for w in argv[1:]:
            if w in cmd.expanded or w in cmd.open_words:
                got = self.word(w, cmd.cwd)
                if got is None:
                    return None
                w = got
            words.append(w)
        if cmd.heredoc:
            stdin = self.heredoc(cmd)
            if stdin is None:
                return None
        for op, target in cmd.redirects:
            if op in ("<", "0<"):
                stdin = self.file(self.where(cmd.cwd, target))
            elif op == "<<<":
                stdin = self.word(target, cmd.cwd)
        if prog in _ECHO:
            while words and re.fullmatch(r"-[neE]+", words[0]):
                words = words[1:]
            return _unescape(" ".join(words)) + "\n"
        if prog in _PRINTF:
            return _printf(words[1:] if words[:1] == ["--"] else words)
        parts = [" ".join(words)]  # its words and the files they name: a superset of what it copies
        for w in words:
            if w.startswith("-") or "=" in w and prog != "dd":
                continue
            path = self.where(cmd.cwd, w)
            if path in self.done or os.path.isfile(path):
                got = self.file(path)
                if got is None and path in self.done:
                    return None
                if got and path not in self.done and runnable(path):
                    self.olds.append((posixpath.dirname(path), got))  # a runnable file's own lines: they run already
                parts.append(got or "")
        if prog == "dd":
            src = next((w[3:] for w in words if w.startswith("if=")), None)
            parts.append(self.file(self.where(cmd.cwd, src)) or "" if src else _got(stdin) or "")
        if prog.startswith((".", "/")) or "/" in argv[0]:  # a script the line runs: its text
            parts.append(self.file(self.where(cmd.cwd, argv[0])) or "")
        if prog in _INTERPRETERS or prog in ("sed", "ed", "ex"):
            parts.append(self.named_files(" ".join(words), cmd.cwd))
        stdin = _got(stdin) if self._reads_stdin(prog, words) or isinstance(stdin, str) else None
        if stdin is None and self._reads_stdin(prog, words):
            return None
        parts.append(stdin or "")
        return "\n".join(p for p in parts if p)

    @staticmethod
    def _reads_stdin(prog: str, words: list[str]) -> bool:
        return prog in _CAT | {"tee", "sed", "awk", "gawk", "mawk", "tr", "sort", "uniq", "head", "tail", "cut",
                               "dd", "ed", "ex"}

    def heredoc(self, cmd) -> str | None:
        body = cmd.heredoc
        if re.search(r"<<-?\s*(?:'|\"|\\)", self.command) or "$" not in body and "`" not in body:
            return body
        body = _SUB_CAT.sub(lambda m: (self.file(self.where(cmd.cwd, m.group(1) or m.group(2))) or "$?").rstrip(
            "\n"), body)
        return _put(body, self.strings) if re.search(r"\$[\w{(?]|`", body) else body

    def targets(self, cmd, text: str | None) -> None:
        """The files ``cmd`` writes and what it puts there (``text``: its output)."""
        from macrohard.safety.flow_verbs import _unwrapped

        if list(cmd.argv) == ["exec"]:  # ``exec 3>>Makefile``: a descriptor later commands (later steps) write (flow39)
            for op, target in cmd.redirects:
                if ">" in op and op not in (">&",):
                    self.add(self.where(cmd.cwd, target), None, "a descriptor exec opens", append=True)
            return
        for op, target in cmd.redirects:
            if op in (">", ">>", ">|", "&>", "&>>", "1>", "1>>", "<>"):
                self.add(self.where(cmd.cwd, target), text, "a redirection", append=">>" in op)
        argv = self.globbed(_unwrapped(list(cmd.argv)), cmd.cwd)
        if not argv:
            return
        prog, words = posixpath.basename(argv[0]), argv[1:]
        plain = [w for w in words if not w.startswith("-")]
        if prog in ("tar", "bsdtar", "unzip"):
            self.extracts(prog, words, cmd.cwd)
            return
        if prog == "git" and (plain[:1] == ["checkout"] and "--" in words and words.index("--") > 1
                              and any(not w.startswith("-") for w in words[1:words.index("--")])
                              or plain[:1] == ["restore"] and any(w in ("-s", "--source") or w.startswith(
                                  "--source=") for w in words)):
            # a file from another commit (git's object store, which the guard does not read): not known (flow39)
            names = words[words.index("--") + 1:] if "--" in words else [
                w for i, w in enumerate(words[1:], 1) if not w.startswith("-") and words[i - 1] not in ("-s", "--source")]
            for w in names:
                self.add(self.where(cmd.cwd, w), None, f"git {plain[0]} from another commit")
            return
        if prog == "git" and plain[:1] == ["mv"]:  # git mv: a move
            prog, words = "mv", [w for w in words if w != "mv"]
        if prog in ("sh", "bash", "dash", "zsh", "ksh", "eval") and self.depth < 3:
            code = " ".join(words) if prog == "eval" else next(
                (words[i + 1] for i, w in enumerate(words[:-1]) if re.fullmatch(r"-\w*c\w*", w)), None)
            if code:  # the code a shell is given: what it writes, read as the line's own
                self.nested(code, cmd.cwd, known=True)
            return
        if prog in ("find", "xargs", "parallel") and self.depth < 3:
            sub = self.run_by(prog, words)
            if sub:  # each name found or read is put in ({}): what is written there is not known
                self.nested(shlex.join(sub), cmd.cwd, known=False)
            return
        if prog == "tee" or prog == "sponge":
            view = dict(self.done)
            text_in = _Lazy(lambda: self.as_of(view, lambda: self.stdin_of(cmd)))
            for w in plain:
                self.add(self.where(cmd.cwd, w), text_in, prog, append="-a" in words)
        elif prog in _COPIERS:
            self.copies(prog, words, cmd.cwd)
        elif prog == "dd":
            of = next((w[3:] for w in words if w.startswith("of=")), None)
            src = next((w[3:] for w in words if w.startswith("if=")), None)
            if of:
                got = self.file(self.where(cmd.cwd, src)) if src else self.stdin_of(cmd)
                self.add(self.where(cmd.cwd, of), got, "dd", append=True)
        elif prog in ("sed", "perl", "ruby") and any(re.fullmatch(r"-\w*i\S*|--in-place\S*", w) for w in words):
            code = _unescape(_unaddressed("\n".join(self.word(w, cmd.cwd) or "$?" for w in words)))
            from macrohard.safety.session import environ

            code = environ(code, self.strings) + "\n" + self.named_files(code, cmd.cwd)
            files = self.edited(prog, words)
            for w in files:
                self.add(self.where(cmd.cwd, w), None if "$?" in code else code, f"{prog} -i", append=True)
        elif prog in ("ed", "ex", "vi", "vim", "red") and plain:
            script = self.stdin_of(cmd)
            cs = " ".join(words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-c", "+c", "--cmd", "-S"))
            got = None if script is None and not cs else "\n".join(
                [_unaddressed(script or ""), _unaddressed(cs), self.named_files((script or "") + " " + cs, cmd.cwd)])
            self.add(self.where(cmd.cwd, plain[-1]), got, prog, append=True)
        elif prog == "patch" or prog == "git" and plain[:1] in (["apply"], ["am"]):
            self.patches(prog, words, cmd)
        elif prog in ("npm", "pnpm", "yarn") and plain[:2] == ["pkg", "set"] or prog == "npm" and plain[:1] == [
                "set-script"]:
            vals = [self.word(w, cmd.cwd) for w in plain[2:]]
            self.add(self.where(cmd.cwd, "package.json"), None if None in vals else "\n".join(
                v for v in vals if v is not None), f"{prog} pkg set", append=True)
        elif prog in _INTERPRETERS:
            flag = _INTERPRETERS[prog]
            code = next((words[i + 1] for i, w in enumerate(words[:-1]) if flag and (w == flag or w.endswith(
                flag[1:]) and w.startswith("-") and len(w) <= 4)), None) if flag else (plain[0] if plain else None)
            if code is None and flag and (not plain or plain[0] == "-"):  # the code from a here-doc or stdin
                code = self.stdin_of(cmd)
            elif code is None and flag and plain and os.path.isfile(self.where(cmd.cwd, plain[0])):
                code = self.file(self.where(cmd.cwd, plain[0]))  # a script the line runs: what it may write
            if code:
                from macrohard.safety.session import environ

                full = environ(code, self.strings)
                if prog in ("awk", "gawk", "mawk", "perl"):
                    full = _unaddressed(full)
                for m in _LITERAL.finditer(full):
                    name = m.group(2)
                    if runnable(name) and "/" not in name.strip("./") or runnable(name):
                        self.add(self.where(cmd.cwd, name), full + "\n" + self.named_files(full, cmd.cwd),
                                 f"{prog} code", append=True)

    def nested(self, code: str, cwd: str | None, known: bool) -> None:
        inner = _Line(code, posixpath.join(self.base, cwd) if cwd else self.base, self.strings, self.workspace)
        inner.depth, inner.done = self.depth + 1, dict(self.done)
        from macrohard.safety.shellparse import parse

        try:
            inner.walk(parse(code, variables=dict(self.strings)))
        except Exception:  # noqa: BLE001 - code the parser cannot read: nothing known is written
            return
        for w in inner.out:
            self.add(w.path, w.text if known else None, w.how, old=w.old)
        self.olds += inner.olds

    @staticmethod
    def run_by(prog: str, words: list[str]) -> list[str]:
        """The command ``find -exec``/``-execdir``/``-ok`` or ``xargs``/``parallel`` runs (its words), or []."""
        if prog == "find":
            at = next((i for i, w in enumerate(words) if w in ("-exec", "-execdir", "-ok", "-okdir")), None)
            if at is None:
                return []
            sub = words[at + 1:]
            end = next((i for i, w in enumerate(sub) if w in (";", "+", "\\;")), len(sub))
            return sub[:end]
        i = 0
        while i < len(words) and words[i].startswith("-"):
            i += 2 if words[i] in ("-I", "-a", "-d", "-E", "-L", "-n", "-P", "-s", "--arg-file", "-j") else 1
        return words[i:]

    def stdin_of(self, cmd) -> str | None:
        return _got(self.piped[id(cmd)]) if id(cmd) in self.piped else self._own_stdin(cmd)

    def _own_stdin(self, cmd) -> str | None:
        if cmd.heredoc:
            return self.heredoc(cmd)
        for op, target in cmd.redirects:
            if op in ("<", "0<"):
                return self.file(self.where(cmd.cwd, target))
            if op == "<<<":
                return self.word(target, cmd.cwd)
        return ""

    def edited(self, prog: str, words: list[str]) -> list[str]:
        out, i, script_given = [], 0, any(w in ("-e", "-f", "--expression", "--file") or w.startswith(
            ("--expression=", "--file=")) for w in words)
        first = True
        while i < len(words):
            w = words[i]
            if w in ("-e", "-f", "--expression", "--file", "-E" if prog == "perl" else "--"):
                i += 2
                continue
            if w.startswith("-"):
                i += 1
                continue
            if prog in ("sed",) and not script_given and first:
                first = False
                i += 1
                continue
            out.append(w)
            i += 1
        return out

    def copies(self, prog: str, words: list[str], cwd: str | None) -> None:
        valued = _VALUED.get(prog, frozenset())
        plain, target_dir, i = [], None, 0
        while i < len(words):
            w = words[i]
            if w in valued:
                if w in ("-t", "--target-directory") and i + 1 < len(words):
                    target_dir = words[i + 1]
                i += 2
                continue
            if w.startswith("--target-directory="):
                target_dir = w.split("=", 1)[1]
            elif not w.startswith("-"):
                plain.append(w)
            i += 1
        if prog == "install" and "-d" in words:
            return
        if target_dir is None and len(plain) >= 2:
            target_dir, sources = None, plain[:-1]
            dest = plain[-1]
        else:
            sources, dest = plain, None
        for src in sources:
            spath = self.where(cwd, src)
            if prog == "ln" and ("-s" in words or any(re.fullmatch(r"-\w*s\w*", w) for w in words)):
                # a symbolic link's text is what it points at, from the link's folder
                link = self.where(cwd, posixpath.join(target_dir, posixpath.basename(src)) if target_dir else dest)
                spath = posixpath.normpath(posixpath.join(posixpath.dirname(link), src)) if not src.startswith(
                    "/") else src
            where = self.where(cwd, target_dir) if target_dir else self.where(cwd, dest or "")
            if os.path.isdir(spath) and not (prog == "ln" and "-s" in " ".join(words)):
                # a folder copied (cp -r, rsync -a): its files land in the target (`stage/`, `stage/.`: its contents)
                into = where if src.endswith(("/", "/.")) or not os.path.isdir(where) else posixpath.join(
                    where, posixpath.basename(src.rstrip("/")))
                for name in sorted(os.listdir(spath))[:200]:
                    if os.path.isfile(posixpath.join(spath, name)):
                        self.add(posixpath.join(into, name), self.file(posixpath.join(spath, name)), prog)
                continue
            if target_dir or os.path.isdir(where) or (dest or "").endswith("/"):
                where = posixpath.join(where, posixpath.basename(src))
            if "{}" in src:  # a name find or xargs puts in: what it holds is not known
                self.add(where, None, prog)
                continue
            if spath not in self.done and not os.path.lexists(spath):
                continue  # nothing there: the copy fails and writes nothing
            text = self.file(spath)
            same = posixpath.dirname(spath) == posixpath.dirname(where)  # (a Makefile elsewhere does not run here)
            old = text if text is not None and runnable(spath) and same else ""
            self.add(where, text, prog, old=old or "")
            if prog == "mv":
                self.done[spath] = ""

    def extracts(self, prog: str, words: list[str], cwd: str | None) -> None:
        """What ``tar -x``/``unzip`` put where (flow39): each member of an archive in the workspace, with its text
        (an archive that cannot be read here: nothing known is written)."""
        import tarfile
        import zipfile

        into, archive = "", ""
        if prog == "unzip":
            plain = [w for i, w in enumerate(words) if not w.startswith("-") and words[i - 1:i] != ["-d"]]
            archive = plain[0] if plain else ""
            into = next((words[i + 1] for i, w in enumerate(words[:-1]) if w == "-d"), "")
        else:
            first = words[0] if words else ""
            if not ("x" in first and not first.startswith("--") or "--extract" in words or "--get" in words or any(
                    re.fullmatch(r"-\w*x\w*", w) for w in words)):
                return
            for i, w in enumerate(words):
                if w in ("-C", "--directory") and i + 1 < len(words):
                    into = words[i + 1]
                elif w.startswith("--directory="):
                    into = w.split("=", 1)[1]
                elif w in ("-f", "--file") and i + 1 < len(words):
                    archive = words[i + 1]
                elif w.startswith("--file="):
                    archive = w.split("=", 1)[1]
                elif re.fullmatch(r"-?[A-Za-z]*f", w) and not w.startswith("--") and i + 1 < len(words) and not archive:
                    archive = words[i + 1]
        if not archive:
            return
        path = self.where(cwd, archive)
        base = self.where(cwd, into) if into else self.where(cwd, ".")
        members: list[tuple[str, str | None]] = []
        try:
            if prog == "unzip":
                with zipfile.ZipFile(path) as z:
                    for info in z.infolist()[:200]:
                        if not info.is_dir():
                            members.append((info.filename, z.read(info).decode("utf-8", "replace")
                                            if info.file_size <= _MAX_READ else None))
            else:
                with tarfile.open(path) as t:
                    for info in t.getmembers()[:200]:
                        if info.isfile():
                            fh = t.extractfile(info) if info.size <= _MAX_READ else None
                            members.append((info.name, fh.read().decode("utf-8", "replace") if fh else None))
                        elif info.issym() or info.islnk():
                            members.append((info.name, None))
        except (OSError, EOFError, tarfile.TarError, zipfile.BadZipFile, ValueError, KeyError):
            return
        for name, text in members:
            self.add(posixpath.normpath(posixpath.join(base, name)), text, f"{prog} (a member of {archive})")

    def patches(self, prog: str, words: list[str], cmd) -> None:
        body = None
        plain = [w for w in words if not w.startswith("-")]
        if prog == "git":
            texts = [self.file(self.where(cmd.cwd, w)) for w in plain[1:]]
            body = "\n".join(t for t in texts if t) if plain[1:] else self.stdin_of(cmd)
        else:
            i_file = next((words[i + 1] for i, w in enumerate(words[:-1]) if w in ("-i", "--input")), None)
            if i_file:
                body = self.file(self.where(cmd.cwd, i_file))
            elif len(plain) >= 2:
                body = self.file(self.where(cmd.cwd, plain[-1]))
            else:
                body = self.stdin_of(cmd)
        if body is None:  # no patch there (it fails), or one too long to read: what it changes is not known
            return
        added: dict[str, list[str]] = {}
        name = plain[0] if prog == "patch" and len(plain) >= 2 else ""
        for line in body.splitlines():
            if line.startswith("+++ "):
                name = line[4:].split("\t")[0].strip()
                name = re.sub(r"^[ab]/", "", name) if name != "/dev/null" else ""
            elif line.startswith("+") and name:
                added.setdefault(name, []).append(line[1:])
        for name, lines in added.items():
            self.add(self.where(cmd.cwd, name), "\n".join(lines), "a patch", append=True)

    def add(self, path: str, text, how: str, append: bool = False, old: str = "") -> None:
        if path in ("/dev/null", "/dev/stdout", "/dev/stderr") or path.startswith("/dev/fd/"):
            return
        before = self.done.get(path, "") if append else ""

        def whole(before=before, text=text):
            new, was = _got(text), _got(before)
            return None if new is None or was is None else was + new

        self.done[path] = _Lazy(whole) if before else text
        self.out.append(Written(path, text, how, old))

    def walk(self, parsed) -> None:
        self.piped: dict[int, str | None] = {}
        firsts = {id(p[0]): p for p in parsed.pipelines if p}
        seen: set[int] = set()
        for cmd in parsed.commands:
            if id(cmd) in seen:
                continue
            pipe = firsts.get(id(cmd))
            chain = pipe if pipe else [cmd]
            stdin = None
            for c in chain:
                seen.add(id(c))
                if c is not chain[0]:
                    self.piped[id(c)] = stdin
                view = dict(self.done)
                given = stdin if c is not chain[0] else _Lazy(lambda c=c, v=view: self.as_of(v, lambda: self._own_stdin(c)))
                out = _Lazy(lambda c=c, given=given, v=view: self.as_of(v, lambda: self.output(c, _Lazy(
                    lambda: _got(given)))))
                self.targets(c, out)
                stdin = out


def texts(command: str, base: str, strings: dict[str, str], workspace: str, olds: bool = False, lazy: bool = False):
    """The files ``command`` writes (paths as the guard names them, from ``base``) and what it puts in each
    (``olds``: with the runnable files' texts it copies from, as a pair; ``lazy``: texts left to be worked out when
    asked for, ``_got``)."""
    if not _MAY_WRITE.search(command):
        return ([], []) if olds else []
    from macrohard.safety.shellparse import parse

    try:
        parsed = parse(command, variables=dict(strings))
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return ([], []) if olds else []
    line = _Line(command, base, strings, workspace)
    line.walk(parsed)
    if not lazy:
        for w in line.out:
            w.text = _got(w.text)
    return (line.out, line.olds) if olds else line.out


def links_to(path: str, workspace: str) -> str:
    """A runnable-named symlink in the workspace's top folder, ``path``'s folder or ``.git/hooks`` that leads to
    ``path`` (``Makefile -> rules.txt``: a write to rules.txt is a write to the Makefile), or ""."""
    root = workspace.rstrip("/")
    try:
        real = os.path.realpath(path)
    except (OSError, ValueError):
        return ""
    for folder in dict.fromkeys((root, posixpath.dirname(path), posixpath.join(root, ".git", "hooks"))):
        try:
            entries = list(os.scandir(folder))[:400]
        except OSError:
            continue
        for e in entries:
            if e.is_symlink() and runnable(e.path) and os.path.realpath(e.path) == real:
                return e.path
    return ""


def included(text: str, base: str, workspace: str) -> list[tuple[str, str]]:
    """The workspace files ``text`` pulls in (make's ``include``, ``MAKEFILES=``), with their text as it is now."""
    if "include" not in text and "MAKEFILES" not in text:
        return []
    out = []
    root = workspace.rstrip("/")
    for m in _INCLUDE.finditer(text):
        for word in (m.group(1) or m.group(2) or "").split()[:8]:
            path = posixpath.normpath(posixpath.join(base, word))
            if path.startswith(root + "/") and (got := _read(path)) is not None:
                out.append((path, got))
    return out


def new_lines(text: str, *olds: str) -> str:
    """The lines of ``text`` that none of ``olds`` holds."""
    have = {ln.strip() for old in olds for ln in old.splitlines() if ln.strip()}
    return "\n".join(ln for ln in text.splitlines() if ln.strip() not in have)


def judge(command: str, base: str, strings: dict[str, str], inside: tuple[str, ...], workspace: str) -> str:
    """Why ``command`` plants a deletion or a write outside the workspace (``inside``) in a runnable file, or a
    runnable file it writes from a value the guard cannot read, or "" (see the module)."""
    from macrohard.safety.flow_planted import planted_harm

    written, olds = texts(command, base, strings, workspace, olds=True, lazy=True)
    for w in written:
        link = "" if runnable(w.path) else links_to(w.path, workspace)
        if not (runnable(w.path) or link) and "." in posixpath.basename(w.path):
            continue  # (a file of no runnable name: its text is not worked out)
        w.text = _got(w.text)
        if not (runnable(w.path, w.text) or link):  # a name without a dot runs if its text starts with #!
            continue
        name = posixpath.basename(link or w.path)
        if w.text is None:
            return (f"is a file that runs something ({name}), written by {w.how} from a value the guard cannot read "
                    "(a variable or a program's output it does not know)")
        target = _read(w.path) or ""
        text = new_lines(w.text, target, w.old, *(t for d, t in olds if d == posixpath.dirname(w.path)))
        folder = posixpath.dirname(w.path)
        defs = "\n".join(t for _, t in included(target + "\n" + w.text, folder, workspace))
        why = planted_harm(link or w.path, text, inside, folder, defs=target + "\n" + defs, runs=True)
        if why:
            return why
        for path, inc in included(w.text, folder, workspace):
            if why := planted_harm(path, inc, inside, posixpath.dirname(path), runs=True):
                return f"pulls in {posixpath.basename(path)}, which {why.removeprefix('is a file that runs something, and ')}"
    return ""


def may_write(command: str) -> bool:
    """Whether ``command`` may write a file some way ``texts`` reads (cheap)."""
    return bool(_MAY_WRITE.search(command))


def includer(path: str, workspace: str) -> str:
    """A make file (or ``.envrc``/``.env``) of the workspace's top folder or ``path``'s folder that pulls ``path`` in
    (``-include local.txt``, ``MAKEFILES=extra.txt``), or ""."""
    root = workspace.rstrip("/")
    for folder in dict.fromkeys((root, posixpath.dirname(path))):
        try:
            names = sorted(os.listdir(folder))[:400]
        except OSError:
            continue
        for name in names:
            full = posixpath.join(folder, name)
            if not (runnable(full) and (name.endswith(".mk") or "akefile" in name or name.startswith(".env"))):
                continue
            text = _read(full)
            if text and any(p == path for p, _ in included(text, folder, workspace) if p) or text and \
                    _includes_name(text, folder, path):
                return full
    return ""


def _includes_name(text: str, folder: str, path: str) -> bool:
    for m in _INCLUDE.finditer(text):
        for word in (m.group(1) or m.group(2) or "").split()[:8]:
            if posixpath.normpath(posixpath.join(folder, word)) == path:
                return True
    return False


def runs_through(path: str, content: str, inside: tuple[str, ...], workspace: str) -> str:
    """Why a file tool's write to ``path`` (no runnable name) plants a deletion or a write outside the workspace in
    what runs: a runnable symlink leads to it, or a make file pulls it in; or ""."""
    from macrohard.safety.flow_planted import planted_harm

    if runnable(path, content) or not content:
        return ""
    who = links_to(path, workspace) or includer(path, workspace)
    if not who:
        return ""
    why = planted_harm(who, content, inside, posixpath.dirname(path), runs=True, defs=_read(who) or "")
    return f"{why} ({posixpath.basename(who)} runs or pulls in {posixpath.basename(path)})" if why else ""
