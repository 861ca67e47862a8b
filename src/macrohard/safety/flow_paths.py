"""Paths as the flow check names them: the shell's directory, the files a command's text readers read and its
redirects write, and where a workspace path leads through symlinks (``safety.flow``)."""

from __future__ import annotations

import glob
import os
import posixpath
import re

from macrohard.safety import curlargs, lazyre
from macrohard.safety.context import GuardContext

TEXT_READERS = frozenset({"cat", "head", "tail", "less", "more", "grep", "egrep", "fgrep", "rg", "sed", "awk",
                           "strings", "sort", "uniq", "cut", "tr", "nl", "jq", "tac", "xxd", "od", "diff", "cmp",
                           "column", "fold", "fmt", "wc", "file", "python", "python3", "node", "base64", "base32",
                           "basenc", "gzip", "zcat", "bzip2", "xz", "tar", "zip", "hexdump", "iconv", "rev", "paste",
                           "xargs", "parallel", "shuf", "pr", "join", "comm", "look", "expand", "unexpand", "tsort",
                           "envsubst", "bzcat", "xzcat", "lzcat", "zstdcat", "zgrep", "zless", "zmore", "dd"})
# programs that run a file they are given (a script, a database): what they print comes from that file, as a text
# reader's output does (flow26: blind25's `sh bin/kettlectl --help`, `sh init-repo.sh && git branch` and `sqlite3
# shop.db < shop.sql` printed orders from files the agent did not write, and flow control read no untrusted input,
# so the sends and planted configs that followed were judged as if nothing untrusted had been read). The value:
# the options that give code inline instead of a file (``sh -c CODE``, ``perl -e CODE``: no file is run).
RUNNERS = {"sh": frozenset({"-c"}), "bash": frozenset({"-c"}), "dash": frozenset({"-c"}), "zsh": frozenset({"-c"}),
           "ksh": frozenset({"-c"}), "perl": frozenset({"-e", "-E"}), "ruby": frozenset({"-e"}),
           "php": frozenset({"-r"}), "lua": frozenset({"-e"}), "tclsh": frozenset(), "sqlite3": frozenset(),
           "source": frozenset(), ".": frozenset(), "make": frozenset()}

# package managers' commands that run a script the project's package.json names (``npm run help``, ``npm test``,
# ``npx tool``: flow27, the order printed by ``node scripts/help.js`` that ``npm run -s help`` ran, with no file on the
# line): what they print comes from the project's files, as a runner's does
_PACKAGE_RUNS = {"npm": frozenset({"run", "run-script", "rum", "urn", "test", "t", "tst", "start", "stop", "restart",
                                   "exec", "x", "explore"}),
                 "yarn": frozenset({"run", "test", "start", "exec", "node", "dlx"}),
                 "pnpm": frozenset({"run", "test", "start", "exec", "dlx"}),
                 "bun": frozenset({"run", "test", "x"}),
                 "npx": frozenset(), "pnpx": frozenset(), "bunx": frozenset()}


# programs whose files flow reads through ``operands`` besides the text readers and runners
RUNS_PROJECT = frozenset(_PACKAGE_RUNS) | {"pytest", "py.test", "cmake"}


def _inner(argv: list[str]) -> list[str]:
    """The program a wrapper runs, with its arguments (``env LANG=C sh x.sh``, ``timeout 10 perl r.pl``, ``nice -n 5
    node h.js``: flow27, the runner behind the wrapper was not read); readers that are wrappers too (xargs, parallel)
    are kept as they are."""
    from macrohard.safety import rules_data as R
    from macrohard.safety.argv import skip_options, unwrap

    seen = 0
    while argv and seen < 8:
        prog = posixpath.basename(argv[0])
        if prog in R.PRIVILEGE:
            argv = skip_options(argv[1:], R.PRIVILEGE_ARG_OPTS)
        elif prog in R.WRAPPERS and prog not in TEXT_READERS:
            argv = unwrap(prog, argv[1:])
        else:
            return argv
        seen += 1
    return argv


def _package_files(prog: str, words: list[str], here: str) -> list[str]:
    """What a package manager's run reads: the project's package.json (its scripts), and for ``npx NAME``/``npm exec
    NAME`` the program ``node_modules/.bin/NAME``; nothing for the commands that do not run the project's code."""
    named = [w for w in words if not w.startswith("-")]
    runs = _PACKAGE_RUNS[prog]
    if runs and (not named or named[0] not in runs):
        return []
    sub = "" if not runs else named.pop(0)
    out = [p for p in (posixpath.join(here, "package.json"),) if os.path.exists(p)]
    if (not runs or sub in ("exec", "x", "dlx")) and named:
        out += [p for p in (posixpath.join(here, "node_modules", ".bin", posixpath.basename(named[0])),)
                if os.path.exists(p)]
    return out


def _tests_run(words: list[str], here: str, limit: int = 400) -> list[str]:
    """The test files a bare ``pytest`` runs (its operands, else its directory's ``test_*.py``/``*_test.py`` and
    ``conftest.py``): their prints and failure messages are what it shows (flow27)."""
    given = [g for w in words if not w.startswith("-") and "$" not in w
             and os.path.exists(g := posixpath.normpath(posixpath.join(here, w.split("::")[0])))]
    roots = [g for g in given if os.path.isdir(g)] or ([here] if not given else [])
    out = [g for g in given if os.path.isfile(g)]
    for root in roots:
        for pattern in ("**/test_*.py", "**/*_test.py", "**/conftest.py"):
            out += sorted(glob.glob(posixpath.join(root, pattern), recursive=True))[:limit]
    return out[:limit]


def linked(path: str, ctx: GuardContext) -> str:
    """Where ``path`` (in the workspace, as the guard names it) leads once its symlinks are followed, as the
    sandbox follows them: an absolute target under the sandbox's workspace folder is the workspace's. The guard
    named paths as written (lexically); a link already in the workspace (``notes.txt -> ~/.aws/credentials``,
    ``cfg -> ../secrets``) reads what it points to."""
    ws = ctx.workspace.rstrip("/")
    if not ws or not path.startswith(ws + "/"):
        return path
    shell = (ctx.shell_workspace or ws).rstrip("/")
    real, rest, hops = ws, [p for p in path[len(ws) + 1:].split("/") if p], 0
    while rest:
        part = rest.pop(0)
        if part in (".", ".."):
            real = posixpath.dirname(real) if part == ".." else real
            continue
        nxt = posixpath.join(real, part)
        if not (real == ws or real.startswith(ws + "/")):  # outside the workspace: as written from here
            return posixpath.normpath(posixpath.join(nxt, *rest))
        try:
            target = os.readlink(nxt)
        except OSError:  # not a link (or not there)
            real = nxt
            continue
        hops += 1
        if hops > 40:  # a loop of links: the sandbox fails to open it
            return path
        if target.startswith("/"):
            target = ws + target[len(shell):] if target == shell or target.startswith(shell + "/") else target
            real = "/"
        rest = [p for p in target.split("/") if p] + rest
    return real


def shell_base(ctx: GuardContext) -> str:
    """The shell's directory as the guard names workspace paths (the host's path of the workspace)."""
    if ctx.cwd and ctx.shell_workspace and (ctx.cwd + "/").startswith(ctx.shell_workspace.rstrip("/") + "/"):
        return ctx.workspace.rstrip("/") + ctx.cwd[len(ctx.shell_workspace.rstrip("/")):]
    return ctx.cwd if ctx.cwd and not ctx.shell_workspace else ctx.workspace


# options whose next word is a value, never a file the command prints (judge24: the harness's evidence command's
# `tar tf "$p"` and `head -c 240 "$p"` were read as printing files named `tf` and `240`, so its output was fenced as
# untrusted and the fresh judge read the fence). Only what the program takes as a value: a file read stays read.
_VALUE_OPTIONS = {
    "head": frozenset({"-n", "-c", "--lines", "--bytes"}),
    "tail": frozenset({"-n", "-c", "--lines", "--bytes", "-s", "--sleep-interval", "--pid"}),
    "tar": frozenset({"-C", "--directory", "-b", "--blocking-factor", "--owner", "--group", "--mode", "--mtime",
                      "--format", "-H", "--transform", "--xform", "--strip-components", "--exclude"}),
    "cut": frozenset({"-d", "--delimiter", "-f", "--fields", "-c", "--characters", "-b", "--bytes",
                      "--output-delimiter"}),
    "sort": frozenset({"-k", "--key", "-t", "--field-separator", "-S", "--buffer-size", "-T", "--temporary-directory",
                       "--parallel"}),
    "zip": frozenset({"-P", "--password", "-b", "--temp-path", "-t", "-tt", "--from-date", "--before-date",
                      "-n", "--suffixes", "-Z", "--compression-method", "-s", "--split-size"}),
}


def file_words(argv: list[str]) -> list[str]:
    """The words of a text reader's command line that may name a file it reads (``operands``): without the values
    of its options (``head -c 240``, ``tar -C out``) and without tar's old-style option letters (``tar tf a.tar``,
    ``tar xzf a.tgz``: GNU, BSD and busybox tar take a first word without a dash as its options)."""
    prog = posixpath.basename(argv[0]) if argv else ""
    takes = _VALUE_OPTIONS.get(prog, frozenset())
    words, skip = [], False
    for i, word in enumerate(argv[1:], 1):
        if skip:
            skip = False
            continue
        if word == "--":  # the rest are operands, dashes or not
            return words + argv[i + 1:]
        if word in takes:
            skip = True
            continue
        if prog == "tar" and i == 1 and not word.startswith("-"):
            continue
        words.append(word)
    return words


def operands(command: str, ctx: GuardContext) -> list[str]:
    """The files the text readers of ``command`` are given, and the file a runner runs (``RUNNERS``: the script or
    database, its first operand), resolved like the workspace paths of the analysis."""
    from macrohard.safety.shellparse import parse

    base = shell_base(ctx)
    out = []
    for cmd in parse(command).commands:
        argv = _inner(list(cmd.argv))
        prog = posixpath.basename(argv[0]) if argv else ""
        here = posixpath.join(base, cmd.cwd) if cmd.cwd else base
        # what any program reads on its standard input from a file (`wc < .env`, `sh -s < setup.sh`,
        # `while read l; do …; done < todo.txt`, `envsubst < t.txt`; as written, `.env` was no private path: the file
        # it reads was counted as untrusted input, not private data)
        out += [t if t.startswith(("/", "~")) else posixpath.normpath(posixpath.join(here, t)) for op, t in
                cmd.redirects if op.startswith("<") and not op.startswith("<<") and t and not t.startswith("&")
                and "$" not in t]
        if "/" in (argv[0] if argv else "") and "$" not in argv[0]:
            # a program run by its path (`./tools/version.sh`, `bin/kettlectl --help`): one in the workspace the
            # agent did not write prints what that file says
            run = argv[0] if argv[0].startswith(("/", "~")) else posixpath.normpath(posixpath.join(here, argv[0]))
            if ctx.workspace and run.startswith(ctx.workspace.rstrip("/") + "/"):
                out.append(run)
        if prog in ("make", "gmake", "npm") or prog in _PACKAGE_RUNS:  # `make -C DIR`, `npm --prefix DIR`: the
            here, argv = _moved(argv, here)                                 # project there (flow29)
        if prog in _PACKAGE_RUNS and not any("$" in w for w in argv):
            out += _package_files(prog, argv[1:], here)
            continue
        if prog in ("pytest", "py.test"):
            out += _tests_run(file_words(argv), here)
            continue
        if prog == "cmake":  # `cmake -P FILE` runs a script (its message() lines are what it prints)
            out += [posixpath.normpath(posixpath.join(here, nxt)) for w, nxt in zip(argv, [*argv[1:], ""], strict=True)
                    if w == "-P" and nxt and "$" not in nxt]
            out += _cmake_lists(argv[1:], here)
            continue
        if prog not in TEXT_READERS and prog not in RUNNERS and prog != "unzip":
            continue
        words = _not_code(prog, file_words(argv), here)
        if prog == "make":  # the makefile it reads: -f FILE, else the directory's own
            given = [w.split("=", 1)[1] if "=" in w else nxt
                     for w, nxt in zip(words, [*words[1:], ""][:len(words)], strict=True) if w in ("-f", "--file", "--makefile") or w.startswith(("--file=", "--makefile="))]
            words = given or next(([m] for m in ("GNUmakefile", "makefile", "Makefile")
                                   if os.path.exists(posixpath.join(here, m))), [])
        elif prog == "dd":  # dd if=FILE
            words = [w[3:] for w in words if w.startswith("if=")]
        elif prog == "unzip":  # its members' text, to the terminal (`unzip -p a.zip README`); `unzip -l` lists names
            words = [w for w in words if not w.startswith("-")][:1] if {"-p", "-c"} & set(words) else []
        elif prog in RUNNERS:
            inline = RUNNERS[prog]
            if any(w[:1] == "-" and w[1:2] != "-" and any(f[1] in w[1:] for f in inline) for w in words):
                words = []  # code given inline: no file is run (what it reads is the analysis's)
            elif prog == "sqlite3":  # the database, if it is there (a new one holds nothing), and what it reads
                named = [w for w in words if not w.startswith("-")]
                words = [m.group(1) for w in named[1:] if (m := re.match(r"\s*\.(?:read|import)\s+(\S+)", w))]
                if named and named[0] != ":memory:" and os.path.exists(posixpath.join(here, named[0])):
                    words.insert(0, named[0])
            else:
                words = [w for w in words if not w.startswith("-")][:1]
        for word in words:
            if word.startswith("-") or not word or "$" in word:
                continue
            path = word if word.startswith("~") else posixpath.normpath(posixpath.join(here, word))
            out += expanded(path, ctx) if _GLOB.search(word) else [path]
    return out


# the words a reader takes as its program rather than a file (flow27 left open: `sed 's/^PORT=.*/PORT=8080/' f`
# was read as printing a file named `s/^PORT=.*/PORT=8080/`, `python3 -c CODE` as printing CODE): options whose
# value is code or a pattern, and whether the first other word is one when none of them is given
_SCRIPT_OPTIONS = {
    "sed": (frozenset({"-e", "--expression"}), True), "awk": (frozenset({"-e", "-v", "-F", "--assign"}), True),
    "mawk": (frozenset({"-v", "-F"}), True), "gawk": (frozenset({"-e", "-v", "-F", "--source"}), True),
    "grep": (frozenset({"-e", "--regexp", "-m", "-A", "-B", "-C", "--max-count", "--label"}), True),
    "egrep": (frozenset({"-e", "-m", "-A", "-B", "-C"}), True), "fgrep": (frozenset({"-e", "-m", "-A", "-B", "-C"}), True),
    "zgrep": (frozenset({"-e", "-m", "-A", "-B", "-C"}), True),
    "rg": (frozenset({"-e", "--regexp", "-g", "--glob", "-t", "--type", "-m", "-A", "-B", "-C", "-r"}), True),
    "jq": (frozenset({"--arg", "--argjson", "--indent", "--tab"}), True),
    "python": (frozenset({"-c", "-W", "-X"}), False), "python3": (frozenset({"-c", "-W", "-X"}), False),
    "node": (frozenset({"-e", "--eval", "-p", "--print", "-r", "--require", "--input-type"}), False),
}
_SCRIPT_GIVEN = {"sed": ("-e", "--expression", "-f", "--file"), "awk": ("-e", "-f", "--file", "--source"),
                 "mawk": ("-f",), "gawk": ("-e", "-f", "--file", "--source"), "grep": ("-e", "--regexp", "-f", "--file"),
                 "egrep": ("-e", "-f"), "fgrep": ("-e", "-f"), "zgrep": ("-e", "-f"), "rg": ("-e", "--regexp", "-f", "--file"),
                 "jq": ("-f", "--from-file")}


def _not_code(prog: str, words: list[str], here: str) -> list[str]:
    """A reader's file words without its program: a sed/awk script, a grep/rg pattern, a jq filter, ``python3 -c``'s
    and ``node -e``'s code (what that code opens is found by ``flow_named``); ``python3 -m MOD``: the module's file
    in the project, if it is one (flow27: a package's ``__main__.py`` printed the order), or the tests ``-m pytest``
    runs."""
    if prog not in _SCRIPT_OPTIONS:
        return words
    takes, first_is_code = _SCRIPT_OPTIONS[prog]
    given = any(w in _SCRIPT_GIVEN.get(prog, ()) or w.startswith(tuple(f + "=" for f in _SCRIPT_GIVEN.get(prog, ())
                                                                       if f.startswith("--"))) for w in words)
    out, skip, code_seen = [], 0, False
    for i, word in enumerate(words):
        if skip:
            skip -= 1
            continue
        if prog in ("python", "python3") and word == "-m" and i + 1 < len(words):
            out += _module_files(words[i + 1], words[i + 2:], here)
            return out
        if word in takes or prog in ("python", "python3", "node") and re.fullmatch(r"-[a-zA-Z]*[cep]", word):
            skip = 2 if prog == "jq" and word in ("--arg", "--argjson") else 1
            if word in ("-c", "-e", "--eval", "-p", "--print") or re.fullmatch(r"-[a-zA-Z]*[cep]", word):
                code_seen = True  # what follows the code is the program's argv, read as files only if there
            continue
        if word == "--":
            out += [w for w in words[i + 1:] if not code_seen or os.path.exists(posixpath.join(here, w))]
            break
        if not word.startswith("-") and first_is_code and not given and not code_seen:
            code_seen = True
            continue
        if code_seen and prog in ("python", "python3", "node") and not word.startswith("-") \
                and not os.path.exists(posixpath.join(here, word)):
            continue
        out.append(word)
        if code_seen and prog in ("python", "python3", "node"):
            continue
    return out


def _module_files(module: str, rest: list[str], here: str) -> list[str]:
    """What ``python3 -m MODULE ARGS`` runs from the project: the module's file or package there, and for
    ``pytest`` the tests it finds; the arguments that name files (``python3 -m json.tool data.json``)."""
    if module in ("pytest", "py.test"):
        return _tests_run(rest, here)
    found = _module_file(module, here, main=True)
    named = [w for w in rest if not w.startswith("-") and "$" not in w]
    if module == "unittest" and not [w for w in named if w != "discover"]:  # discovery: the test*.py files there
        found += sorted(glob.glob(posixpath.join(here, "**", "test*.py"), recursive=True))[:400]
    for word in named:  # a file, or a module, class or test in one (`python3 -m unittest test_timer`: blind25)
        path = posixpath.normpath(posixpath.join(here, word))
        found += [path] if os.path.exists(path) else _module_file(word, here)
    return found


def _module_file(dotted: str, here: str, main: bool = False) -> list[str]:
    """The project's file of a dotted name (``pkg.mod``, ``test_timer.TestBeep.test_twice``: the longest prefix
    that is a module there); ``main``: a package's ``__main__.py`` too (``python3 -m pkg``)."""
    parts = [p for p in dotted.split(".") if p]
    while parts:
        path = posixpath.join(here, *parts)
        found = [p for p in (path + ".py", *([posixpath.join(path, "__main__.py")] if main else []),
                             posixpath.join(path, "__init__.py")) if os.path.isfile(p)]
        if found:
            return found
        parts.pop()
    return []


def _moved(argv: list[str], here: str) -> tuple[str, list[str]]:
    """``make -C DIR``/``--directory=DIR``, ``npm --prefix DIR``: the directory the program works in, and its argv
    without that option (flow29: `make -s -C tools help`, `npm --prefix tools run help` ran a project elsewhere)."""
    out, nxt = [argv[0]], ""
    it = iter(range(1, len(argv)))
    for i in it:
        w = argv[i]
        if w in ("-C", "--directory", "--prefix") and i + 1 < len(argv):
            nxt = argv[i + 1]
            next(it, None)
        elif w.startswith(("--directory=", "--prefix=")):
            nxt = w.split("=", 1)[1]
        elif w.startswith("-C") and len(w) > 2 and posixpath.basename(argv[0]) in ("make", "gmake"):
            nxt = w[2:]
        else:
            out.append(w)
    if nxt and "$" not in nxt:
        here = posixpath.normpath(posixpath.join(here, nxt))
    return here, out


def _cmake_lists(words: list[str], here: str) -> list[str]:
    """The CMakeLists.txt a configuring ``cmake`` reads (``-S DIR``, a source directory operand, else the
    directory it runs in): its ``message()`` lines are what it prints (flow29). ``--build``, ``-E``, ``-P``,
    ``--version``/``--help`` configure nothing."""
    if any(w in ("--build", "-E", "-P", "--version", "--help", "--install", "--system-information") for w in words):
        return []
    src, skip = "", False
    for i, w in enumerate(words):
        if skip:
            skip = False
            continue
        if w == "-S" and i + 1 < len(words):
            src, skip = words[i + 1], True
        elif w.startswith("-S") and len(w) > 2:
            src = w[2:]
        elif w in ("-B", "-G", "-T", "-A", "-C", "-D", "-U", "--preset", "--toolchain") and i + 1 < len(words):
            skip = True
        elif not w.startswith("-") and not src:
            src = w
    lists = posixpath.join(posixpath.normpath(posixpath.join(here, src or ".")), "CMakeLists.txt")
    return [lists] if "$" not in src and os.path.isfile(lists) else []


_GLOB = lazyre.compile(r"[*?\[]")


def expanded(path: str, ctx: GuardContext, limit: int = 200) -> list[str]:
    """A reader's operand with glob characters as the shell expands it in the workspace (``cat .e?v`` reads ``.env``:
    flow25, private data read after untrusted content by a pattern); a pattern that matches nothing is left as
    written (bash passes it on), and one outside the workspace is left as written too."""
    ws = ctx.workspace.rstrip("/")
    if not ws or not path.startswith(ws + "/"):
        return [path]
    found = sorted(glob.glob(path))[:limit]
    return found or [path]


def redirect_targets(command: str, paths: list[str]) -> tuple[str, ...]:
    """The analysed paths a command writes with ``>``/``>>`` (a command that read no untrusted source: what it
    writes is the agent's own)."""
    from macrohard.safety.shellparse import parse

    out = []
    for cmd in parse(command).commands:
        for op, target in cmd.redirects:
            if ">" in op and "$" not in target and "`" not in target and target not in ("/dev/null", "&1", "&2"):
                tail = "/" + posixpath.normpath(target).lstrip("/")
                out += [p for p in paths if p == target or p.endswith(tail)]
    return tuple(out)


def short(path: str, ctx: GuardContext) -> str:
    for root in (ctx.workspace, ctx.shell_workspace):
        if root and path.startswith(root.rstrip("/") + "/"):
            return posixpath.relpath(path, root)
    return path


# What a sender reads from a file and sends (the lead, forty-first wave): curl's `-d @FILE`, `--data-binary @FILE`,
# `--data-urlencode name@FILE`, `-F f=@FILE` / `-F f=<FILE`, `-T FILE`, `--json @FILE`; wget's `--post-file=FILE`,
# `--body-file=FILE`; httpie's `@FILE`, `f=@FILE`, `f:=@FILE`; scp, rsync and sftp's sources. `cat FILE | curl` was
# already a read of FILE; `curl -d @secrets.txt` was not, so a sender armed with it before any untrusted read did not
# count as holding private data (tests/safety/test_flow_armed_before_read.py).
_AT_VALUE = {"-d", "--data", "--data-binary", "--data-ascii", "--data-urlencode", "--json", "-F", "--form",
             "--form-string"}
_FILE_VALUE = {"-T", "--upload-file", "--post-file", "--body-file", "-K", "--config"}
_HTTPIE = frozenset({"http", "https", "xh", "xhs"})


def uploaded(command: str, ctx: GuardContext) -> list[str]:
    """The files the senders in ``command`` read to send (see above), resolved like ``operands``; [] when none."""
    if "@" not in command and not re.search(r"-T\b|--upload-file|--post-file|--body-file|--config|-K\b|\b(?:scp|"
                                            r"rsync|sftp)\b|=<", command):
        return []
    from macrohard.safety.shellparse import parse

    base = shell_base(ctx)
    out: list[str] = []
    try:
        commands = parse(command).commands
    except Exception:  # noqa: BLE001 - a line the parser cannot read: the other checks judge it
        return []
    for cmd in commands:
        argv = _inner(list(cmd.argv))
        prog = posixpath.basename(argv[0]) if argv else ""
        here = posixpath.join(base, cmd.cwd) if cmd.cwd else base
        found: list[str] = []
        if prog in ("curl", "wget", "wget2") or prog in _HTTPIE:
            words = curlargs.for_program(prog, argv[1:])  # `-sT.env`: -s -T .env (rt52); `--post-fi=f` (the lead)
            for i, word in enumerate(words):
                opt, eq, val = word.partition("=") if word.startswith("--") else (word, "", "")
                if not eq:  # `-d @f`, `-d@f` (a short option glued to its value)
                    if opt in _AT_VALUE | _FILE_VALUE and i + 1 < len(words):
                        val = words[i + 1]
                    elif opt[:2] in ("-d", "-F", "-T", "-K") and len(opt) > 2:
                        opt, val = opt[:2], opt[2:]
                if opt in _FILE_VALUE and val:
                    found.append(val)
                elif opt in _AT_VALUE and val:
                    # `@f`, `f=@f`, `f=<f` (a form field; `;type=…` after it), `name@f` (--data-urlencode)
                    m = re.search(r"(?:^|=)[@<]([^;]+)", val) or (re.match(r"^[\w.-]*@([^;]+)$", val)
                                                                   if opt == "--data-urlencode" else None)
                    found += [m.group(1)] if m else []
                elif prog in _HTTPIE and not word.startswith("-"):  # `@FILE`, `field=@FILE`, `field:=@FILE`
                    m = re.match(r"^(?:[\w.-]+:?=)?@(.+)$", word)
                    found += [m.group(1)] if m else []
        elif prog in ("scp", "rsync", "sftp"):
            words = [w for w in argv[1:] if not w.startswith("-")]
            found += [w for w in words[:-1] if ":" not in w.split("/", 1)[0]]  # local sources, not host:path
        for f in found:
            f = f.strip("'\"")
            if f and "$" not in f and f != "-":
                out.append(f if f.startswith(("/", "~")) else posixpath.normpath(posixpath.join(here, f)))
    return out
