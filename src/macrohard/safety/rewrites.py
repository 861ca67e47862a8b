"""Programs that may rewrite a file which a later command on the same line runs.

``node w.js && bash run.sh``: the guard reads ``run.sh`` as it is at the review, but ``w.js`` may rewrite it
before bash starts (``fs.writeFileSync``, perl's ``open(F, '>run.sh')``, awk's ``print … > f``, ``dd of=``,
``xxd -r``, ``patch``, ``git checkout``, ``tar -x``). ``safety.commands`` models the writes it can read (redirects,
``cp``/``mv``/``ln``/``tee``/``sed -i``, Python code via ``safety.pydata``, the shell code it reads); this module
says which programs it cannot model. After one of them, a workspace script run later on the line is asked about
(``scripts.read_script`` reads ``Analyzer.unknown_writes``): write in one step, run in the next, and the next
step's review reads the file as it then is.

The rule is a list of what is KNOWN (programs that leave the text of files alone, or whose writes are modelled),
not of writers: a program the guard does not know may write anything.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import lazyre, regular
from macrohard.safety import rules_data as R
from macrohard.safety.scripts import text_written

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# Programs that change no file's text, or whose writes ``safety.commands`` models (the text, or "unknown text").
KEEPS_TEXT = frozenset({
    # shell builtins and plumbing
    "cd", "pushd", "popd", "pwd", "export", "unset", "set", "shopt", "declare", "local", "readonly", "typeset",
    "alias", "unalias", "true", "false", ":", "test", "[", "[[", "echo", "printf", "read", "wait", "sleep", "exit",
    "return", "shift", "type", "command", "hash", "which", "whereis", "umask", "ulimit", "trap", "kill", "jobs",
    "history", "help", "let", "getopts", "times", "builtin", "enable", "caller", "break", "continue",
    # readers: print to standard output (a redirect of it is modelled)
    "cat", "tac", "head", "tail", "less", "more", "grep", "egrep", "fgrep", "rg", "ag", "ls", "dir", "tree", "find",
    "wc", "du", "df", "stat", "file", "diff", "cmp", "comm", "md5sum", "sha1sum", "sha256sum", "sha512sum", "cksum",
    "b2sum", "basename", "dirname", "realpath", "readlink", "date", "cal", "whoami", "id", "groups", "hostname",
    "uname", "uptime", "free", "ps", "pgrep", "top", "env", "printenv", "seq", "yes", "expr", "bc", "dc", "jq",
    "cut", "tr", "paste", "column", "nl", "fold", "fmt", "od", "hexdump", "strings", "base64", "base32", "rev",
    "uniq", "shuf", "tsort", "join", "expand", "unexpand", "look", "sort", "man", "info", "tput", "clear", "nproc",
    "lscpu", "lsblk", "getconf", "locale", "tty", "stty", "logname", "users", "who", "w", "last", "ldd", "nm",
    "objdump", "readelf", "size", "xdg-open", "ping", "host", "dig", "nslookup", "ip", "ss", "netstat", "lsof",
    "tee", "cp", "rsync", "mv", "install", "ln", "rm", "rmdir", "mkdir", "touch", "chmod", "chown", "chgrp", "truncate",
    "shred", "mktemp", "sed", "awk", "gawk", "mawk", "nawk", "curl", "wget", "tar", "gzip", "zip", "bzip2", "xz", "zstd", "time",
    "timeout", "nice", "nohup", "xargs", "watch", "sync", "source", ".", "eval",
    # builds whose commands the guard reads (safety.projects, safety.makefile) or whose outputs are binaries
    *R.SHELLS, "make", "gmake", "cmake", "ctest", "npm", "npx", "yarn", "pnpm", "pytest", "tox",
    "gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "javac", "tcc", "zig", "ld", "as", "strip", "go", "cargo",
    "pip", "pip3", "pipx", "uv", "python", "python3", "pypy3",
})
# git commands that leave the work tree's files as they are
GIT_KEEPS = frozenset({"status", "log", "diff", "show", "add", "commit", "init", "config", "rev-parse", "branch",
                       "remote", "tag", "fetch", "ls-files", "ls-tree", "blame", "grep", "describe", "shortlog",
                       "reflog", "cat-file", "rev-list", "push", "clone", "version", "help", "ls-remote", "show-ref",
                       "symbolic-ref", "var", "check-ignore", "count-objects", "fsck", "gc", "whatchanged", "rm",
                       "format-patch", "archive", "bundle", "notes", "name-rev", "merge-base", "for-each-ref"})
# python -m modules that write no file the guard cannot name
PY_MODULES_KEEP = frozenset({"json.tool", "py_compile", "compileall", "pytest", "unittest", "venv", "pip",
                             "http.server", "timeit", "cProfile", "profile", "pydoc", "doctest", "site", "platform",
                             "calendar", "ensurepip", "mypy", "pyflakes", "pycodestyle", "flake8", "pylint", "this",
                             "tokenize", "ast", "dis", "pstats", "trace", "base64", "uuid", "sysconfig"})


def note(an: Analyzer, argv: list[str], cwd: str | None = None) -> None:
    """After ``argv`` ran on the line: when it may have changed files' text in a way the guard does not model,
    a workspace script run later on the line is not the file the guard can read now."""
    from macrohard.safety.argv import unwrap

    args = list(argv)
    while args and posixpath.basename(args[0]) in R.WRAPPERS | R.PRIVILEGE:
        prog = posixpath.basename(args[0])
        args = unwrap(prog, args[1:]) if prog in R.WRAPPERS else args[1:]
    if not args:
        return
    prog, rest = posixpath.basename(args[0]), args[1:]
    why = _why(prog, rest)
    if why and prog.startswith(("python", "pypy")) and _workspace_module(an, rest, cwd):
        why = None  # the workspace's own module: read as Python (safety.pycode), its writes modelled (safety.pydata)
    if why and not an.unknown_writes:
        an.unknown_writes = True
        an.rewriter = why


def _why(prog: str, rest: list[str]) -> str | None:
    if prog == "git":
        sub = _git_sub(rest)
        return None if sub is None or sub in GIT_KEEPS and not any(a.startswith("--output") for a in rest) else \
            f"git {sub} changes files in the work tree"
    if prog in ("tar", "bsdtar") and (any(a in ("--extract", "--get") or re.fullmatch(r"-[A-Za-z]*x[A-Za-z]*", a)
                                          for a in rest) or rest and re.fullmatch(r"[A-Za-z]*x[A-Za-z]*", rest[0])):
        return f"{prog} extracts files"
    if prog in ("gzip", "bzip2", "xz", "zstd") and any(a in ("-d", "--decompress") or a.startswith("-d") for a in rest):
        return f"{prog} -d writes the files it decompresses"
    if prog in ("cp", "rsync") and any(a in ("--recursive", "--archive") or re.fullmatch(r"-[a-zA-Z]*[rRa][a-zA-Z]*", a)
                                       for a in rest):
        return f"{prog} copies a directory whose files the guard does not list"
    if prog.startswith(("python", "pypy")) and "-m" in rest:
        i = rest.index("-m")
        module = rest[i + 1] if i + 1 < len(rest) else ""
        return None if module in PY_MODULES_KEEP else f"{prog} -m {module} may write files"
    if prog in ("perl", "ruby") and any(re.fullmatch(r"-[a-zA-Z]*i\S*", a) for a in rest if not a.startswith("--")):
        return f"{prog} -i edits files in place"
    if prog in KEEPS_TEXT or prog in ("node", "nodejs", "perl", "ruby", "php", "deno", "bun"):
        return None  # interpreters: their code says whether they write (safety.jscode)
    if not _system_program(prog):
        return None  # not a program of the system: a workspace one is read where it is found, else it fails
    return f"{prog} may write files the guard cannot read"


def _workspace_module(an: Analyzer, rest: list[str], cwd: str | None) -> bool:
    """Whether ``python -m NAME`` (``rest`` after the program) runs a module of the workspace, which the guard reads
    like a script (``pymodules.run_module``): ``NAME.py``, ``NAME/__init__.py`` or ``NAME/__main__.py`` from ``cwd``."""
    if "-m" not in rest:  # guard36: `python3.11 -c 'print(1)'` raised ValueError here (the review refused it)
        return False
    i = rest.index("-m")
    if i + 1 >= len(rest) or not re.fullmatch(r"[A-Za-z_][\w.]*", rest[i + 1]):
        return False
    stem = an.paths.resolve(posixpath.join(*rest[i + 1].split(".")), cwd)
    if not any(stem.startswith(w + "/") for w in an.paths.workspaces):
        return False
    return any(os.path.isfile(f) for f in (stem + ".py", posixpath.join(stem, "__init__.py"),
                                            posixpath.join(stem, "__main__.py")))


_SYSTEM_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
_FOUND: dict[str, bool] = {}


def _system_program(prog: str) -> bool:
    if prog not in _FOUND:
        if len(_FOUND) > 4096:
            _FOUND.clear()
        _FOUND[prog] = any(os.path.exists(posixpath.join(d, prog)) for d in _SYSTEM_DIRS)
    return _FOUND[prog]


def _git_sub(rest: list[str]) -> str | None:
    i = 0
    while i < len(rest):
        a = rest[i]
        if a in ("-C", "-c", "--git-dir", "--work-tree", "--namespace"):
            i += 2
            continue
        if a.startswith("-"):
            i += 1
            continue
        return a
    return None


# node, perl, ruby, php code that can write files (these languages are read as text, not parsed: any mention of
# a file-writing facility counts)
CAN_WRITE = {
    "js": lazyre.compile(r"\b(?:writeFile|appendFile|createWriteStream|copyFile|cpSync|rename|symlink|link|write|writev|"
                     r"truncate|open|outputFile|move)\w*\b|\bcp\s*\(|\bfs\w*\s*\[|\[\s*['\"`][^'\"`]*['\"`]\s*\+|"
                     r"\bgetBuiltinModule\b|\bDeno\b|\bBun\b|\bprocess\s*\.\s*binding"),
    "perl": lazyre.compile(r"\b(?:open|sysopen|rename|link|symlink|copy|move|syscall|truncate)\b|\bFile::|\bIO::|"
                       r"\bPath::|\$\^I\b"),
    "ruby": lazyre.compile(r"\b(?:File|IO|FileUtils|Pathname|open|syscall|write|binwrite|rename|symlink)\b"),
    "php": lazyre.compile(r"\b(?:fopen|file_put_contents|rename|copy|symlink|link|fwrite|fputs|SplFileObject|tempnam|"
                      r"move_uploaded_file|touch)\b"),
}


def code_writes(an: Analyzer, lang: str, prog: str, code: str) -> int | None:
    """Code in a language read as text that can write files: a script it (or the line after it) runs may be one
    it wrote. Returns where the first write appears in the code (None: it writes nothing)."""
    pattern = CAN_WRITE.get(lang)
    m = pattern.search(code) if pattern is not None else None
    if m is None:
        return None
    if not an.unknown_writes:
        an.unknown_writes = True
        an.rewriter = f"{prog} code can write files ({m.group(0)[:30]})"
    return m.start()



def redirected(an: Analyzer, cmd: SimpleCommand, argv: list[str]) -> None:
    """What a command's redirects write (the text, when the line shows it) and read. ``>&3`` writes to a descriptor
    an earlier step may have opened on a file (``exec 3>>run.sh``): ``echo … >&3; bash run.sh`` ran text the guard
    had not read (guard16), so such a write makes every later script on the line one the guard cannot read."""
    for op, target in cmd.redirects:
        if op == "<>" and target:  # guard35: `[n]<> f` (a `>>` follows) writes from the file's start, its old text
            ap = an.paths.resolve(target, cmd.cwd)  # past the new one's end stays: a text the line wrote is unknown
            if an.written.get(ap):
                an.written[ap] = None
        elif op in (">", ">>", ">|", "&>", "&>>", ">&") and target and not target.isdigit() and target != "-":
            ap, text = an.paths.resolve(target, cmd.cwd), text_written(argv, cmd)
            if op in (">", "&>") and text is not None:
                # guard32: a `>` may leave the file as it was (`set -C`/noclobber on, a read-only file): `set -C` a
                # step before, then `echo 'echo ok' > s.sh; sh s.sh` ran the old s.sh. Both texts are judged.
                text = _kept(an, ap, text)
            appended = op in (">>", "&>>")
            before = an.written.get(ap) if appended and ap in an.written else (
                None if appended and os.path.exists(ap) else "")
            an.write_target(target, cmd.cwd, f"redirects output to {target}")
            # the paths a word may not name (credentials, `.npmrc`) as a redirect's target too: the lead (wave 20)
            # wrote `echo script-shell=./run.sh > .npmrc`, then `npm run b` ran run.sh (a write_file was refused)
            an.scan_word(target, cmd.cwd)
            an.written[ap] = None if text is None or before is None else before + text
        elif op == ">&" and target.isdigit() and target not in ("0", "1", "2") and not an.unknown_writes:
            an.unknown_writes = True
            an.rewriter = f"a write to file descriptor {target}, which an earlier command may have opened on a file"
        elif op in ("<", "<<<", "<&"):
            an.scan_word(target, cmd.cwd)


def _kept(an: Analyzer, ap: str, text: str) -> str | None:
    """The text a ``>`` leaves in ``ap``: the new text, and the old one where the write may fail."""
    if ap in an.written:
        old = an.written[ap]
        return None if old is None else (old + "\n" + text if old else text)
    if not os.path.isfile(ap):
        return text
    try:
        with regular.open_regular(ap, "rb") as fh:  # a named pipe is not read (it is noted and asked about)
            data = fh.read(256_001)
    except OSError:
        return None
    if len(data) > 256_000 or b"\x00" in data[:1024]:
        return None
    old = data.decode(errors="replace")
    return old + ("" if old.endswith("\n") or not old else "\n") + text if old.strip() else text
