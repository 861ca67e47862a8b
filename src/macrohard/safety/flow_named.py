"""Files a shell line hands a program that flow control's list of readers does not name (``safety.flow``).

flow22-27 marked a command's output untrusted when a *known* reader or runner was given a file the agent did not
write (``flow_paths.operands``). flow29's attempts printed such a file through programs no list named (``perl -ne
'print' README.md``, ``gunzip -c``, ``mawk``, ``cpp``, ``ed``, ``date -f`` (its errors quote each line), ``socat
FILE:…``, ``openssl enc -in``, ``java Banner.java``, ``gcc banner.c && /tmp/banner``, a function the agent defined
earlier), through code given inline (``bash -c 'cat "$1"' _ README.md``), through the shell (a variable set on an
earlier line, ``$(echo README.md)``, ``$(<README.md)``) and through ``find -exec``. Lists of readers never end, so
the rule is the other way round: **any program given a file that is there and the agent did not write may print its
words**, except the programs here that never print a file's text (``QUIET``: cp, mkdir, chmod, ls, sha256sum, …).
Only files that exist count (a word that names nothing is a pattern, a message, code), so a ``sed`` script or a
``python3 -c`` program is no longer read as a file name (the over-reach flow27 left open)."""

from __future__ import annotations

import os
import posixpath
import re

from macrohard.safety import lazyre
from macrohard.safety.context import GuardContext
from macrohard.safety.regular import open_regular

# programs that never print the text of a file they are given (they copy, move, list names, make, hash, test it)
QUIET = frozenset({
    "cp", "mv", "rm", "rmdir", "mkdir", "touch", "chmod", "chown", "chgrp", "ln", "install", "cd", "pushd", "popd",
    "test", "[", "[[", "true", "false", "echo", "printf", "export", "set", "unset", "local", "declare", "readonly",
    "typeset", "basename", "dirname", "realpath", "readlink", "stat", "ls", "dir", "vdir", "du", "df", "tree",
    "md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "b2sum", "cksum", "sum", "truncate",
    "sync", "mkfifo", "sleep", "kill", "wait", "which", "type", "hash", "shred", "unlink", "tee", "mktemp", "exit",
    "return", "locate", "chattr", "setfacl", "getfacl", "umask", "alias", "unalias", "shopt", "trap", "read",
    "mapfile", "readarray", "let", "eval", "git", "find"})
# programs that unpack archives or rewrite files from elsewhere: a file the agent wrote in their directory may now
# hold what the archive or history held (flow29: `unzip -o docs.zip` over the README.md the agent had written)
EXTRACTORS = frozenset({"unzip", "7z", "7za", "bsdtar", "cpio", "patch", "rsync", "busybox"})
_GIT_REWRITES = frozenset({"checkout", "restore", "switch", "reset", "stash", "merge", "pull", "am", "apply",
                           "cherry-pick", "rebase", "revert"})
_TOKEN = lazyre.compile(r"[\w.~+-][\w./~+-]*")
_CODE = lazyre.compile(r"\$\(|`|\s|['\"();]")
_FIND_RUNS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
# inline code that opens files by names it computes (`open(f)` over `glob('*.md')`, `readdirSync('.')`): what it
# prints may be any file of the directory, so its output is untrusted when no file is named (the start read every
# `python3 -c` as printing a file named by its code; code that only computes and prints is no source now)
_INLINE = {"python": ("-c",), "python3": ("-c",), "node": ("-e", "--eval", "-p", "--print"),
           "perl": ("-e", "-E", "-ne", "-pe", "-lne", "-lpe"), "ruby": ("-e",), "php": ("-r",)}
_OPENS = lazyre.compile(r"\bopen\(|read_text|read_bytes|\bglob\b|listdir|scandir|os\.walk|iterdir|fileinput|subprocess|"
                    r"os\.popen|os\.system|\bread_csv|\bread_json|np\.load|loadtxt|genfromtxt|readFile|readdir|"
                    r"createReadStream|opendir|child_process|execSync|spawnSync|require\(\s*['\"]\.|\bimport\(|"
                    r"<[A-Z$*]*>|\bopendir\b|\bFile\.(?:read|open|foreach)|\bDir\b|file_get_contents|\bfopen\b|"
                    r"\bscandir\b|\bshell_exec\b|`")


def variables(ctx: GuardContext) -> dict[str, str]:
    """The shell variables whose one value the approved lines proved (``safety.session.Exact``): ``cat "$DOC"``
    after ``DOC=README.md`` on an earlier line reads README.md (the values the line starts with; its own assignments
    the parser expands)."""
    exact = ctx.shell_exact
    return {k: next(iter(v)) for k, v in (getattr(exact, "values", None) or {}).items()
            if len(v) == 1 and isinstance(next(iter(v)), str)}


def named_files(command: str, ctx: GuardContext, base: str, depth: int = 0) -> tuple[list[str], list[str]]:
    """The files that are there in the workspace that ``command``'s programs are given, except ``QUIET`` ones'
    (and the words of any program's ``$(…)``/backquotes: ``echo "$(<README.md)"``); and what a copy names or an
    extractor's directory (ending in ``/``): a file the agent wrote there may now hold others' words (``revoked``). ``base``: the shell's directory, as the guard names
    workspace paths."""
    from macrohard.safety.flow_paths import _inner
    from macrohard.safety.shellparse import parse

    ws = ctx.workspace.rstrip("/")
    if not ws:
        return [], []
    try:
        parsed = parse(command, variables(ctx))
        commands = parsed.commands
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return [], []
    read: list[str] = []
    touched: list[str] = []
    # a variable set on the line for its programs may name a file they read or source (flow30: `BASH_ENV=./kettle.env
    # bash -c 'echo "$MOTD"'`; PYTHONSTARTUP, GIT_CONFIG, MAKEFILES, NODE_OPTIONS=--require ./x.js work alike)
    for _, value in parsed.assignments if commands else ():
        if _CODE.search(value):  # a substitution's commands are judged as commands (`x=$(if [ -f .env ]; …)`)
            continue
        for text in value.split(":"):  # a path, or a list of them
            path = posixpath.normpath(posixpath.join(base, text))
            if _inside(path, ws) and os.path.isfile(path):
                read.append(path)
    for cmd in commands:
        argv = _inner(list(cmd.argv))
        if not argv:
            continue
        prog = posixpath.basename(argv[0])
        here = posixpath.normpath(posixpath.join(base, cmd.cwd)) if cmd.cwd else base
        words = argv[1:]
        quiet = prog in QUIET
        if prog in ("unzip", "7z", "7za") and not {"-p", "-c", "-so"} & set(words):  # names only (`unzip -l`)
            quiet = True
        if prog == "git" and "--no-index" in words:  # `git diff --no-index A B` prints two files the run names
            quiet = False
        if prog == "find" and _FIND_RUNS & set(words):  # what -exec runs is given the files found under the roots
            roots = [w for w in words[:next(i for i, w in enumerate(words) if w.startswith(("-", "(", "!")))]
                     ] if any(w.startswith(("-", "(", "!")) for w in words) else words
            read += [p for r in roots or ["."] if _inside(p := posixpath.normpath(posixpath.join(here, r)), ws)]
            quiet = False
        flags = _INLINE.get(prog, ())
        code = [nxt for w, nxt in zip(words, [*words[1:], ""][:len(words)], strict=True) if w in flags]
        if prog in _INLINE and not code:  # a script the agent wrote: what its code opens (flow30: `python3
            code = _own_script(words, here, ctx)  # caption.py` over glob('*.jpg'), others' photos' comments)
        if "/" in argv[0] and depth < 2:  # the agent's own script run by its path (flow31: `./show.py`, `./show.sh`)
            own = _own_script([argv[0]], here, ctx, any_name=True)
            if own and _SHELL.match(own[0]):  # a shell script: what its lines give their programs
                read += named_files(own[0], ctx, here, depth + 1)[0]
                read += [here] if _GLOB.search(own[0]) else []
            else:
                code += own
        for c in code:
            read += _code_reads(c, here)
        for word in words:
            texts = [word] if not quiet else []
            if _CODE.search(word):  # code or a substitution: the names of files in it
                texts += _TOKEN.findall(word)
            elif not quiet and ("=" in word or ":" in word):  # if=FILE, --file=FILE, FILE:name (socat)
                texts += re.split(r"[=:]", word)
            for text in texts:
                if not text or "$" in text or text.startswith("-") and text not in ("-",):
                    continue
                path = posixpath.normpath(posixpath.join(here, text))
                if _inside(path, ws) and os.path.isfile(path):
                    read.append(path)
        lists = {"-l", "-v", "-Z", "l", "t", "-t"} & set(words)
        if prog in EXTRACTORS and not lists or prog == "tar" and any(re.fullmatch(r"-[a-zA-Z]*x[a-zA-Z]*", w) or w in ("--extract", "--get")
                                                      or not w.startswith("-") and i == 0 and "x" in w
                                                      for i, w in enumerate(words)) \
                or prog == "git" and next((w for w in words if not w.startswith("-")), "") in _GIT_REWRITES:
            touched.append(here + "/")
        elif prog in ("cp", "mv", "ln", "install", "dd", "rsync"):
            touched += [posixpath.normpath(posixpath.join(here, w.split("=", 1)[-1])) for w in words
                        if not w.startswith("-") or w.startswith("of=")]
    return list(dict.fromkeys(read)), touched


# a script read by a shell: no ``#!`` line, or one naming a shell; a glob in it may pick any file of the directory
_SHELL = lazyre.compile(r"(?!#!)|#!\s*\S*/(?:env\s+)?(?:ba|da|k|z|)sh\b")
_GLOB = lazyre.compile(r"(?<![\\'\"])[*?]|\[[^\]\s]+\]")
_IMPORT = lazyre.compile(r"^\s*(?:from\s+(\.?[\w.]+)\s+import|import\s+([\w., ]+))", re.M)
_SCRIPT = lazyre.compile(r"\.(?:py|js|mjs|cjs|pl|rb|php)$")


def _code_reads(code: str, here: str) -> list[str]:
    """What code (given inline, or a script the agent wrote) opens in ``here``: the directory when it opens files by
    names it computes and names none that is there (flow29); the modules it imports from ``here`` (flow30: `python3
    -c 'import kettle'` runs kettle.py, which prints what it likes)."""
    out: list[str] = []
    named = [p for t in _TOKEN.findall(code) if os.path.isfile(p := posixpath.normpath(posixpath.join(here, t)))]
    out += named
    if _OPENS.search(code) and not named:
        out.append(here)  # it names no file that is there: the directory whose files the code may open
    for m in _IMPORT.finditer(code.replace(";", "\n")):
        for name in re.split(r"[,\s]+", m.group(1) or m.group(2) or ""):
            top = name.lstrip(".").split(".")[0]
            for cand in (f"{top}.py", f"{top}/__init__.py"):
                if top and os.path.isfile(path := posixpath.join(here, cand)):
                    out.append(path)
    return out


def _own_script(words: list[str], here: str, ctx: GuardContext, any_name: bool = False) -> list[str]:
    """The text of the script an interpreter runs when the agent wrote it (``python3 own.py``; ``any_name``: run by
    its path, whatever its name, ``./show``): a script others wrote is itself a file read (``flow_paths``); the
    agent's own is judged by what its code opens."""
    script = next((w for w in words if not w.startswith("-")), "")
    path = posixpath.normpath(posixpath.join(here, script)) if script else ""
    if not (any_name or _SCRIPT.search(script)) or path not in ctx.flow.written:
        return []
    try:
        with open_regular(path, encoding="utf-8", errors="replace") as fh:
            return [fh.read(200_000)]
    except OSError:
        return []


def revoked(written: set[str], touched: list[str]) -> set[str]:
    """The files the agent wrote that ``touched`` (paths, and directories ending in ``/``) may have rewritten."""
    out = set()
    for t in touched:
        if t.endswith("/"):
            out |= {w for w in written if w.startswith(t)}
        elif t in written:
            out.add(t)
    return out


def _inside(path: str, ws: str) -> bool:
    return path == ws or path.startswith(ws + "/")
