"""Programs that run a command given as one of their options or operands, and interpreter code that does.

``gdb -ex 'shell …'``, ``ssh -o ProxyCommand=…``, ``tar -I …``, ``zip -TT …``, ``script -c …``, ``flock F -c …``,
``man -P …``, ``rsync -e …``, ``sqlite3 db '.shell …'``, ``psql -c '\\! …'``, ``less +!…``, ``ed`` reading ``!…``,
``parallel ::: CMD``, ``cmake -E env|time|chdir … CMD``; wrappers that run the rest of their arguments (``setarch``, ``chroot``, ``unshare``,
``nsenter``, ``systemd-run``, ``fakeroot``, ``valgrind``); and ``system q{…}`` (perl), ``%x{…}`` (ruby),
``os.execute(…)`` (lua) in interpreter code. Each such command is judged like a command line
(``Analyzer.line``); the wrapped program like any program (``Analyzer.argv``).
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import aptconf, archives, homefiles, launchers, lazyre, spliced, toolwrites
from macrohard.safety import rules_data as R
from macrohard.safety.regular import text_of

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

# program -> options whose value is a command it runs
COMMAND_OPTIONS: dict[str, frozenset[str]] = {
    "tar": frozenset({"-I", "--use-compress-program", "--to-command", "--info-script", "--new-volume-script", "-F",
                      "--rsh-command"}),
    "zip": frozenset({"-TT", "--unzip-command"}),
    "script": frozenset({"-c", "--command"}),
    "flock": frozenset({"-c", "--command"}),
    "man": frozenset({"-P", "--pager", "-H", "--html"}),
    "rsync": frozenset({"-e", "--rsh", "--rsync-path"}),
    "expect": frozenset({"-c"}),
    # guard30: sort runs its compressor on the temporary files it spills (`sh` reads the data as code), split runs
    # its filter through the shell for each piece
    "sort": frozenset({"--compress-program"}),
    "split": frozenset({"--filter"}),
}


def _long_option(name: str, opts: frozenset[str]) -> bool:
    """``name`` is one of ``opts`` or, as getopt_long reads it, an abbreviation of a long one (``--compress``)."""
    return name in opts or name.startswith("--") and len(name) > 3 and any(
        o.startswith(name) for o in opts if o.startswith("--"))
# ssh-like programs: -o ProxyCommand=… / LocalCommand=… run locally
_SSH = frozenset({"ssh", "scp", "sftp", "autossh"})
_SSH_RUNS = lazyre.compile(r"^(proxycommand|localcommand|knownhostscommand|remotecommand)\s*[= ]\s*(.+)$", re.I)
# wrappers: program -> how many operands come before the command it runs (options are skipped)
WRAPPING: dict[str, int] = {"setarch": 1, "linux32": 0, "linux64": 0, "chroot": 1, "unshare": 0, "nsenter": 0,
                            "systemd-run": 0, "fakeroot": 0, "valgrind": 0, "firejail": 0, "proot": 0,
                            "catchsegv": 0, "sg": 1, "newgrp": 0, "torsocks": 0, "proxychains": 0,
                            "proxychains4": 0, "faketime": 1, "cgexec": 0, "chrt": 1, "prlimit": 0,
                            "taskset": 1, "dbus-run-session": 0, "ssh-agent": 0, "xvfb-run": 0, "numactl": 0,
                            "unbuffer": 0, "chronic": 0, "ltrace": 0, "entr": 0, "daemonize": 0, "with-lock-ex": 1,
                            "dbus-launch": 0, "xinit": 0, "startx": 0, "sem": 0, "tsp": 0, "pkexec": 0,
                            "setpriv": 0, "runcon": 0,
                            # guard36: setarch's other names (`i386 sh run.sh` ran it approved)
                            "i386": 0, "x86_64": 0, "uname26": 0}
# programs that join their operands into one command line for `sh -c` (options skipped; these take a value)
JOINING: dict[str, frozenset[str]] = {"watch": frozenset({"-n", "--interval", "-q", "--equexit"})}
# git subcommands' options whose value is a command git runs (through the shell), and argv-taking subcommands
_GIT_SUB_COMMANDS: dict[str, frozenset[str]] = {
    "difftool": frozenset({"-x", "--extcmd"}), "rebase": frozenset({"-x", "--exec"}),
    "filter-branch": frozenset({"--env-filter", "--tree-filter", "--index-filter", "--parent-filter", "--msg-filter",
                                "--commit-filter", "--tag-name-filter"}),
    "send-email": frozenset({"--to-cmd", "--cc-cmd", "--header-cmd", "--sendmail-cmd", "--smtp-server"}),
    "mergetool": frozenset(), "bisect": frozenset(), "submodule": frozenset(), "grep": frozenset(),
    # guard20: the web server and browser instaweb starts, and the hook git daemon runs per request
    "instaweb": frozenset({"--httpd", "-d", "--browser", "-b"}), "daemon": frozenset({"--access-hook"}),
}
# programs that are Python scripts: the user site-packages' .pth lines run as they start
_PYTHON_TOOLS = frozenset({"pip", "pip3", "pytest", "py.test", "pipx", "tox", "nox", "ipython", "jupyter", "black",
                           "ruff", "mypy", "flake8", "pylint", "poetry", "pre-commit", "meson", "scons"})
_PY_SCRIPTS: dict[str, bool] = {}


def python_script(prog: str) -> bool:
    """guard38: a system program that is a Python script (`pygmentize`, `yq`, `pydoc3`): Python starts with the
    home's user site on its path (a pygments/ there replaced the system's at `pygmentize -V`)."""
    if "/" in prog or not prog:
        return False
    if prog not in _PY_SCRIPTS:
        from macrohard.safety.regular import open_regular

        found = False
        for folder in ("/usr/local/bin", "/usr/bin", "/bin"):
            try:
                with open_regular(os.path.join(folder, prog), "rb") as fh:
                    head = fh.read(128)
            except OSError:
                continue
            found = head.startswith(b"#!") and b"python" in head.split(b"\n", 1)[0]
            break
        if len(_PY_SCRIPTS) < 4096:
            _PY_SCRIPTS[prog] = found
        return found
    return _PY_SCRIPTS[prog]


# interpreters rules_data does not list, read like the ones it does (their -c/-e code, their script)
# rt49: tcl's windowing shell and expect read their program on stdin as tclsh does (`echo '…socket…' | wish`)
MORE_INTERPRETERS = frozenset({"pypy", "pypy3", "R", "julia", "guile", "racket", "sbcl", "jshell", "wish", "expect",
                               "expectk", "jimsh"})
# `\! CMD` (psql), `.shell`/`.system CMD`, and sqlite3's `.once|.output|.import|.read '|CMD'` (guard20: a pipe to or
# from a command ran it)
CLIENT_SHELL = lazyre.compile(r"(?:^|[\s;])\\!\s*(.+)$|^\.(?:shell|system)\s+(.+)$|"
                           r"^\.(?:once|output|import|read|excel)\s+(?:-\S+\s+)*['\"]?\|\s*([^'\"\n]+)", re.M)
_SQLITE_WRITES = lazyre.compile(r"^\.(?:once|output|save|backup|log|excel|clone)\s+(?:-\S+\s+)*(?:main\s+)?(\S+)", re.M)
_QUOTED_CALL = lazyre.compile(r"(?:\b(?:system|exec|spawn|popen)\s*\(?\s*(?:qq|q|%[qQ])|\bqx|%x)\s*"
                          r"(?:\{(?P<a>[^{}]{2,400})\}|\((?P<b>[^()]{2,400})\)|\[(?P<c>[^\[\]]{2,400})\]|"
                          r"<(?P<d>[^<>]{2,400})>|"
                          # any other delimiter: `qx/sh run.sh/`, `qx!…!`, `q|…|` (lead24: `qx/…/` ran, judged by nobody)
                          r"(?P<delim>[^\w\s{(\[<])(?P<e>(?:(?!(?P=delim))[^\n]){2,400})(?P=delim))")
_EXECUTE = lazyre.compile(r"\bexecute\s*\(\s*(['\"])(?P<cmd>[^'\"]{2,400})\1")  # lua's os.execute("...")


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge the commands ``prog ARGS`` runs from its own options or operands."""
    if launchers.judge(an, prog, args, cmd, depth):
        return
    archives.judge(an, prog, args, cmd)  # the files an archive writes where it is extracted (guard20)
    toolwrites.judge(an, prog, args, cmd)  # cmake -E, jar, zstd -o, socat, ed/ex/vim `w FILE` (guard23)
    homefiles.judge(an, prog, args, cmd, depth)  # the home folder's start-up files it reads (guard20)
    if prog in _PYTHON_TOOLS or python_script(prog):
        homefiles.python(an, prog, args, depth, cmd.cwd)
    opts = COMMAND_OPTIONS.get(prog)
    if prog == "tar":
        args = _tar_old_style(args)  # guard37: `tar cIf ./x b.tar a.txt` ran x (the letters take their values in order)
    if prog in _APT:
        aptconf.judge(an, prog, args, cmd, depth)
    if prog in ("chromium", "chromium-browser") and any(a in ("-g", "--debug") for a in args) and any(
            "\n" in a or "$" in a or "`" in a for a in args):
        # guard37: Debian's launcher writes its arguments into a gdb script (`set args …`) for -g/--debug, so a line of
        # an argument is a gdb command: `chromium -g $'x\nshell sh run.sh'` ran it
        an.r.add("dynamic", f"{prog} -g writes its arguments into a gdb script: a line of one runs as a gdb command")
    if opts:
        for i, a in enumerate(args):
            name, eq, value = a.partition("=")
            if _long_option(name, opts):
                value = value if eq else (args[i + 1] if i + 1 < len(args) else "")
                if value:
                    _option_command(an, prog, value, depth, cmd.cwd)
            elif re.fullmatch(r"-[A-Za-z]{2,}", a) and "-" + a[-1] in opts and i + 1 < len(args):
                _option_command(an, prog, args[i + 1], depth, cmd.cwd)  # combined flags: script -qc CMD
            elif not a.startswith("--") and (short := next((o for o in sorted(opts, key=len, reverse=True)
                                                            if not o.startswith("--") and len(a) > len(o)
                                                            and a.startswith(o)), None)):
                _option_command(an, prog, a[len(short):], depth, cmd.cwd)  # -Icmd, -ccmd, zip's -TTcmd (guard37)
    if prog in ("sftp", "scp"):  # guard36: `sftp -D ./x` runs x as its server, `sftp -S ./x` as its ssh (both ran)
        for i, a in enumerate(args):
            letters = a[1:] if a.startswith("-") and not a.startswith("--") else ""
            for k, letter in enumerate(letters):
                if letter in ("D", "S") and (letter == "S" or prog == "sftp"):
                    value = letters[k + 1:] or (args[i + 1] if i + 1 < len(args) else "")
                    an.line(value, depth + 1, cmd.cwd)
                    break
                if letter in "BbcFiJlLoPRs":  # an option that takes a value: the rest is its value
                    break
    if prog in _SSH:
        for i, a in enumerate(args):
            text = args[i + 1] if a == "-o" and i + 1 < len(args) else a[2:] if a.startswith("-o") else ""
            if m := _SSH_RUNS.match(text.strip()):
                an.line(m.group(2), depth + 1, cmd.cwd)
    if prog == "gdb":
        _gdb(an, args, cmd, depth)
    if prog == "tmux" and set(args) & _TMUX_RUNS:  # guard19: `tmux -L s new -d 'sh run.sh'` ran it unread
        an.r.add("background", "tmux runs commands in a server that outlives the step; run them directly")
    if prog == "tmux" and (conf := _tmux_config(args)) is not None:
        # guard36: `tmux -f t.conf start-server` ran t.conf's `run-shell 'sh run.sh'` (the home's files are read by
        # safety.homefiles, which -f skips: the named file is read instead, and was not)
        an.r.add("dynamic", f"tmux -f {conf[:60]}: tmux runs the commands of that file (run-shell, if-shell), which "
                            "the guard does not read")
    if prog in ("less", "more", "most"):
        for i, a in enumerate(args):
            if m := re.match(r"\+\+?!(.+)", a):
                an.line(m.group(1), depth + 1, cmd.cwd)
            elif a == "-k" or a.startswith("--lesskey"):  # its #env section sets LESSOPEN (guard20)
                named = a.partition("=")[2] or (args[i + 1] if i + 1 < len(args) else "")
                an.r.add("dynamic", f"{prog} reads key bindings and LESSOPEN from {named[:60]}")
    if prog in ("sqlite3", "psql", "mysql", "mariadb", "duckdb"):
        texts = [*args, *_stdin_texts(cmd)]
        # files of commands it reads: `< q.sql`, `-init q.sql` (sqlite3), `-f q.sql` (psql), and, inside those,
        # `.read FILE` / `\i FILE` / `source FILE` (one level)
        files = [t for op, t in cmd.redirects if op == "<" and t]
        files += [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-init", "-f", "--file")]
        for text in list(texts) + [_client_file(an, f, cmd.cwd) for f in files]:
            for m in _CLIENT_INCLUDE.finditer(text):
                texts.append(_client_file(an, m.group(1).strip("'\""), cmd.cwd))
            texts.append(text)
        for text in dict.fromkeys(texts):
            for m in CLIENT_SHELL.finditer(text):
                an.line(piped := next(g for g in m.groups() if g), depth + 1, cmd.cwd)
                if m.group(3) and _reads_code(piped):  # `.output |sh`: the query's rows are the shell's code (guard26)
                    an.r.add("dynamic", f"{prog} pipes its output into {piped.split()[0]}, which runs it as code")
            if prog == "sqlite3" and (m := re.search(r"\bedit\s*\(", text)):  # edit(TEXT, EDITOR) runs the editor
                an.r.add("dynamic", f"{prog}'s edit() runs an editor command the SQL names ({m.group(0)} …)")
            if prog == "sqlite3":  # `.output .bashrc`, `.once FILE`, `.save`/`.backup FILE` (guard24: wrote them)
                for m in _SQLITE_WRITES.finditer(text):
                    name = m.group(1).strip("'\"")
                    if name and not name.startswith("|") and name not in ("stdout", "-"):
                        an.write_target(name, cmd.cwd, f"sqlite3 {m.group(0).split()[0]} writes {name[:60]}")
    # vim -e/-es reads Ex commands from its input as ex does (guard21: `vim -es < v.txt` ran `silent !sh run.sh`)
    ex_mode = reads_ex(prog, args)
    if prog in _VIMS and not ex_mode:  # `vim -s FILE` types FILE's keys in normal mode: `:!CMD`, `!!CMD` filter
        for i, a in enumerate(args[:-1]):
            if a == "-s" and re.search(r"!|\b(?:system|exe|so|py|lua|perl|ruby|term)", _client_file(an, args[i + 1], cmd.cwd)):
                an.r.add("dynamic", f"{prog} -s types the keys of {args[i + 1][:60]}, which run shell commands")
    if prog in ("ed", "red", "ex") or ex_mode:
        files = [t for op, t in cmd.redirects if op == "<" and t and not t.startswith("<(")]
        if any(op == "<" and t.startswith("<(") for op, t in cmd.redirects):  # guard29: `vim -es < <(printf …)` ran
            an.r.add("dynamic", f"{prog} reads its commands from the output of a command; give it a file of commands")
        for text in _stdin_texts(cmd) + [_client_file(an, f, cmd.cwd) for f in files]:
            # `!CMD`, `r !CMD`, `w !CMD`, and in ex/vim `:silent !CMD`, `exe "!CMD"`, `call system(…)`
            for m in re.finditer(r"^[\s:]*(?:sil(?:ent)?!?\s+)?([\d,.$;'%+-]*)([rwWeE]\s*)?!(.+)$", text, re.M):
                an.line(m.group(3), depth + 1, cmd.cwd)
                if (m.group(2) or "").strip() in ("w", "W") or m.group(1) and not m.group(2):
                    # `w !sh`: the buffer (the file's text) is the command's input (guard26: ran `sh run.sh` in it)
                    an.r.add("dynamic", f"{prog} feeds its buffer to a command ({m.group(0).strip()[:60]}), which "
                                        "may run it")
            if prog != "ed" and re.search(r"\b(?:exe(?:cute)?|system|systemlist|job_start|terminal|py3?(?:do|file)?|"
                                          r"lua|perl|ruby|so(?:urce)?|runtime)\b", text):
                an.r.add("dynamic", f"{prog} runs Ex commands from its input that build or load more commands; "
                                    "run the commands yourself")
    if prog in ESCAPES:
        _escapes(an, prog, args, cmd)
    if prog == "parallel" and ":::" in args and args.index(":::") == next(
            (i for i, a in enumerate(args) if not a.startswith("-")), len(args)):
        for a in args[args.index(":::") + 1:]:  # no command given: each input is a command
            if a not in (":::", "::::"):
                an.line(a, depth + 1, cmd.cwd)
    if prog in JOINING:
        words, skip = [], False
        for i, a in enumerate(args):
            if skip:
                skip = False
                continue
            if a.startswith("-") and not words:
                skip = a in JOINING[prog]
                continue
            words = args[i:]
            break
        if words:
            an.line(" ".join(words), depth + 1, cmd.cwd)
        return
    if prog == "git":
        _git_sub(an, args, cmd, depth)
    if prog == "find":  # each -exec up to its ; or +: a found name as a program, or to one run by its arguments
        for i, a in enumerate(args):
            if a in ("-exec", "-execdir", "-ok", "-okdir"):
                sub = args[i + 1:]
                spliced.found(an, sub[:next((j for j, s in enumerate(sub) if s in (";", "+")), len(sub))], a)
    if prog == "sg" and "-c" in args[:-1]:  # guard36: `sg GROUP -c 'sh run.sh'` ran it (its words were one program)
        an.line(args[args.index("-c") + 1], depth + 1, cmd.cwd)
        return
    if prog == "gpg-agent" and "--daemon" in args[:-1]:  # `gpg-agent --daemon CMD ARGS…` runs CMD (guard36)
        an.argv(args[args.index("--daemon") + 1:], cmd, depth + 1)
    if prog in ("ctest", "cmake") and any(a == "--test-command" for a in args[:-1]):
        an.argv(args[args.index("--test-command") + 1:], cmd, depth + 1)  # ctest --build-and-test … (guard36)
    if prog in ("lli",) or re.fullmatch(r"lli-\d+", prog):  # guard36: `lli x.ll` ran its call of system()
        an.r.add("dynamic", f"{prog} runs LLVM IR, which the guard does not read; compile and run a program it can")
    if prog in WRAPPING:
        skip = WRAPPING[prog]
        for i, a in enumerate(args):
            if a.startswith("-"):
                continue
            if skip:
                skip -= 1
                continue
            an.argv(args[i:], cmd, depth + 1)
            # rt48: `setpriv --reuid 0 curl …`, `xvfb-run -n 99 …`, `ssh-agent -t 10 …`, `fakeroot -i F …`, `runcon
            # CONTEXT …`: an option's value (or runcon's context) was taken for the command, and the command itself
            # was never judged (each sent .env). Until a word that no option can have taken and that is a program,
            # the words after each one are judged as the command too
            if not (i > 0 and args[i - 1].startswith("-") and "=" not in args[i - 1]) and _runnable(a):
                break


def _runnable(word: str) -> bool:
    """Whether a wrapper's word can be the program it runs: a path, or a name a system folder holds."""
    return "/" in word or any(os.path.exists(posixpath.join(d, word))
                              for d in ("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"))


def _git_sub(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """``git difftool -x CMD``, ``git rebase --exec CMD``, ``git filter-branch --tree-filter CMD``,
    ``git bisect run PROG ARGS``, ``git submodule foreach CMD``: commands git runs."""
    at = next((i for i, a in enumerate(args) if not a.startswith("-") and not (
        i > 0 and args[i - 1] in ("-c", "-C", "--git-dir", "--work-tree", "--namespace", "--exec-path"))), None)
    if at is None or args[at] not in _GIT_SUB_COMMANDS:
        return
    sub, rest = args[at], args[at + 1:]
    opts = _GIT_SUB_COMMANDS[sub]
    for i, a in enumerate(rest):
        name, eq, value = a.partition("=")
        if not eq and len(a) > 2 and a[:2] in opts and not a.startswith("--"):  # `-x'sh run.sh'`, glued (guard23)
            name, eq, value = a[:2], "=", a[2:]
        if name in opts:
            value = value if eq else (rest[i + 1] if i + 1 < len(rest) else "")
            if value and not (name == "--smtp-server" and not value.startswith("/")):
                an.line(value, depth + 1, cmd.cwd)
    for a in rest if sub == "grep" else ():  # `git grep -O<pager>`: opens the files found with it (guard18: ran it)
        if (m := re.fullmatch(r"--open-files-in-pager=(.+)|-[^-efABCm]*?O(.+)", a, re.S)) is not None:
            an.line(m.group(1) or m.group(2), depth + 1, cmd.cwd)
    operands = [a for a in rest if not a.startswith("-")]
    if sub == "bisect" and operands[:1] == ["run"] and len(operands) > 1:
        an.argv(rest[rest.index("run") + 1:], cmd, depth + 1)
    if sub == "submodule" and operands[:1] == ["foreach"] and len(operands) > 1:
        words = rest[rest.index("foreach") + 1:]
        while words and words[0] in ("-q", "--quiet", "--recursive"):  # guard21: `foreach -q CMD` judged "-q CMD"
            words = words[1:]
        an.line(" ".join(words), depth + 1, cmd.cwd)


def code_calls(an: Analyzer, code: str, depth: int, cwd: str | None) -> None:
    """Commands in interpreter code written with quote-like operators: ``system q{…}``, ``%x{…}``, ``os.execute(…)``."""
    for m in _QUOTED_CALL.finditer(code):
        command = next(m.group(k) for k in "abcde" if m.group(k) is not None)
        if command.strip():
            an.line(command, depth + 1, cwd)
    for m in _EXECUTE.finditer(code):
        an.line(m.group("cmd"), depth + 1, cwd)


_APT = frozenset({"apt", "apt-get", "apt-cache", "apt-config", "apt-mark", "apt-cdrom", "aptitude"})
# GNU tar's letters that take a value (old-style `tar cIf PROG ARCHIVE`: each takes the next word, in order)
_TAR_VALUED = frozenset("bCfFgHIKLNTVX")


def _tar_old_style(args: list[str]) -> list[str]:
    """tar's first word without a dash is a cluster of letters; written here as separate options with their values."""
    if not args or args[0].startswith("-") or not re.fullmatch(r"[A-Za-z]+", args[0]):
        return args
    out, rest = [], list(args[1:])
    for letter in args[0]:
        out.append("-" + letter)
        if letter in _TAR_VALUED and rest:
            out.append(rest.pop(0))
    return out + rest


def _option_command(an: Analyzer, prog: str, value: str, depth: int, cwd: str | None) -> None:
    """A command an option names, judged as a line; one that reads its input as code (a shell or interpreter given
    no script) runs what the program feeds it: an archive's members (guard29: ``tar xf a.tar --to-command=sh`` ran
    the member's text), a compressed stream, a page."""
    an.line(value, depth + 1, cwd)
    if _reads_code(value):
        an.r.add("dynamic", f"{prog} feeds its data to {value.split()[0]}, which runs it as code")


_VIMS = frozenset({"vim", "vi", "nvim", "view", "vim.basic", "vim.tiny"})


def reads_ex(prog: str, args: list[str]) -> bool:
    """vim -e/-es: it reads Ex commands from its input as ex does (guard21: ``vim -es < v.txt`` ran ``silent !sh
    run.sh``; guard29: so did a pipe into it)."""
    return prog in _VIMS and any(re.fullmatch(r"-[a-zA-Z]*[eE][a-zA-Z]*", a) for a in args if not a.startswith("--"))


def _reads_code(command: str) -> bool:
    """Whether a piped command is a shell or interpreter given no script: it runs what it reads as code."""
    words = command.split()
    prog = posixpath.basename(words[0]) if words else ""
    return (prog in R.SHELLS or prog in R.INTERPRETERS) and not any(not w.startswith("-") for w in words[1:]) or \
        prog in R.SHELLS and any(w in ("-s", "-i", "/dev/stdin", "-") for w in words[1:])


_CLIENT_INCLUDE = lazyre.compile(r"^\s*(?:\.read|\\i|\\ir|\\include|source)\s+(\S+)", re.M)


CLIENTS = frozenset({"ed", "red", "ex", "sqlite3", "psql", "mysql", "mariadb", "duckdb", "m4", "dc", "expect"})

# programs with a shell escape in the text they read as code (the lead's second read of the twenty-fourth wave:
# `m4 -DX='esyscmd(sh run.sh)'`, `echo 'syscmd(sh run.sh)' | m4`, `dc -e '!sh run.sh'`, `emacs --batch --eval
# '(shell-command "sh run.sh")'`, `expect -c 'spawn sh run.sh'` and `julia -e 'run(`sh run.sh`)'` were approved; none
# of these tools is on this machine, so nothing ran here, but m4 comes with autotools and dc with bc). Code that holds
# such an escape is asked about: the command inside is not parsed out.
ESCAPES = {
    "m4": lazyre.compile(r"\be?syscmd\b"),
    "dc": lazyre.compile(r"!(?![<>=])"),
    "expect": lazyre.compile(r"\b(?:spawn|exec|system|open)\b"),
    "emacs": lazyre.compile(r"\b(?:(?:async-)?shell-command|call-process|start-process|make-process|process-file|"
                        r"start-file-process|eshell|shell|term|compile)\b"),
    "julia": lazyre.compile(r"`|\b(?:run|pipeline|success|read|open|ccall)\s*\(|\bspawn\b"),
}
# the options whose value is code (or a file of code) for each; emacs's other words are files it opens to edit
_ESCAPE_CODE = {"m4": ("-D", "--define"), "dc": ("-e", "--expression"), "expect": ("-c",),
                "emacs": ("--eval", "-eval", "--execute", "-execute")}
_ESCAPE_FILES = {"dc": ("-f", "--file"), "expect": ("-f",),
                 "emacs": ("-l", "--load", "-load", "--script", "-script", "-scriptload")}


def _escapes(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand) -> None:
    """``ESCAPES``: the code such a program reads (its code options, its files of code, its input) holding a shell
    escape is asked about."""
    texts, files = list(_stdin_texts(cmd)), [t for op, t in cmd.redirects if op == "<" and t]
    code_opts, file_opts = _ESCAPE_CODE.get(prog, ()), _ESCAPE_FILES.get(prog, ())
    for i, a in enumerate(args):
        name, eq, value = a.partition("=")
        nxt = args[i + 1] if i + 1 < len(args) else ""
        if name in code_opts or name in file_opts:
            (texts if name in code_opts else files).append(value if eq else nxt)
        elif any(a.startswith(o) and len(a) > len(o) and not o.startswith("--") for o in code_opts):
            texts.append(a[2:])  # -DX=…, -e'…' glued
        elif prog != "emacs" and not a.startswith("-") and not (i and args[i - 1] in code_opts + file_opts):
            files.append(a)  # m4/dc/expect read their operands as code
    texts += [plain_text(an, f, cmd.cwd) or "" for f in files if f]
    for text in texts:
        if ask_escape(an, prog, text):
            return


def ask_escape(an: Analyzer, prog: str, code: str) -> bool:
    """Ask about ``prog``'s ``code`` when it holds one of ``ESCAPES[prog]``; whether it did."""
    if m := ESCAPES[prog].search(code or ""):
        an.r.add("dynamic", f"{prog} code runs shell commands ({m.group(0)} …), which the guard does not read; "
                            "run the command directly")
    return m is not None


def fed_client(an: Analyzer, stage: SimpleCommand, name: str, client: SimpleCommand) -> None:
    """``printf '!CMD\\n' | ed``, ``cat q.sql | sqlite3 db``: the commands a client reads from a pipe (guard20: the
    text ``ed`` and ``sqlite3`` were piped ran its ``!``/``.shell`` lines unread), judged as if given on a here-string;
    the output of any other program is only known when it runs."""
    from macrohard.safety import scripts
    from macrohard.safety.shellparse import SimpleCommand as Command

    files = [a for a in stage.argv[1:] if not a.startswith("-")] if name == "cat" else []
    text = "".join(plain_text(an, f, stage.cwd) for f in files) if files else scripts.text_written(stage.argv, stage)
    prog = posixpath.basename(client.argv[0]) if client.argv else ""
    if text is None:
        an.r.add("dynamic", f"pipes the output of {name or 'a command'} into {prog}, which runs the shell commands in "
                            "what it reads; give it a file of commands")
    elif text:
        judge(an, prog, client.argv[1:], Command(argv=client.argv, redirects=[("<<<", text)], cwd=client.cwd), 1)


def plain_text(an: Analyzer, path: str, cwd: str | None) -> str | None:
    """A file's text as it is now (None where the name is only known when the command runs; "" where it cannot be
    read: a pipe is never waited on, ``safety.regular``)."""
    if "$" in path or "`" in path:
        return None
    return text_of(an.paths.resolve(path, cwd))


def _client_file(an: Analyzer, path: str, cwd: str | None) -> str:
    from macrohard.safety import scripts

    if "$" in path or "`" in path:
        an.r.add("dynamic", f"reads commands from {path[:60]}, only known when it runs")
        return ""
    return scripts.read_script(an, path, cwd, explicit=True) or ""


def _stdin_texts(cmd: SimpleCommand) -> list[str]:
    return [cmd.heredoc] * bool(cmd.heredoc) + [t for op, t in cmd.redirects if op == "<<<"]


def cmake_tool(an: Analyzer, rest: list[str], cmd: SimpleCommand, depth: int) -> list[str] | None:
    """``cmake -E env [NAME=VALUE…] CMD``, ``cmake -E time CMD`` and ``cmake -E chdir DIR CMD`` run CMD (guard18: all
    three ran it unread): the argv to judge next (``env …``; empty where CMD was judged here, in DIR), else None."""
    if rest[:1] != ["-E"] or rest[1:2] not in (["env"], ["time"], ["chdir"]):
        return None
    if rest[1] != "chdir":
        return ["env", *rest[2:]]
    if len(rest) > 3:
        where = rest[2] if rest[2].startswith("/") or not cmd.cwd else posixpath.join(cmd.cwd, rest[2])
        an.line(shlex.join(rest[3:]), depth + 1, where)
    return []


def env_runs(an: Analyzer, rest: list[str], cmd: SimpleCommand, depth: int) -> bool:
    """``env -S 'CMD ARGS' MORE…`` (the string split, then the words after it) and ``env -C DIR CMD`` (CMD run in
    DIR): judged here as the command line env runs (guard19: ``-S``'s trailing words and ``-C``'s folder were lost,
    so a ``#!/usr/bin/env -S sh run.sh`` line and ``env -C d sh run.sh`` ran a script unread). False: neither."""
    split, where, i = None, None, 0
    while i < len(rest) and rest[i].startswith("-") and rest[i] != "-" and split is None:
        a, i = rest[i], i + 1
        if a == "--":
            break
        if a.startswith("--"):  # --split-string=STR, --chdir DIR, --unset NAME
            name, eq, value = a.partition("=")
            if name in ("--split-string", "--chdir", "--unset") and not eq:
                value, i = (rest[i] if i < len(rest) else ""), i + 1
            split = value if name == "--split-string" else split
            where = value if name == "--chdir" else where
            continue
        for k, letter in enumerate(a[1:], 2):  # short options, combined as getopt takes them (`-iS STR`)
            if letter in "SCu":
                value = a[k:] or (rest[i] if i < len(rest) else "")
                i += 0 if a[k:] else 1
                split = value if letter == "S" else split
                where = value if letter == "C" else where
                break
    if split is None and where is None:
        return False
    if split is not None and "\\" in split:  # env's own escapes (`-S 'sh\\trun.sh'`: a tab between two words)
        split = _env_escapes(split)
        if split is None:
            an.r.add("obfuscation", "env -S with an escape or quoting the guard does not read; write the words out")
            return True
    # the split string's words are env's own again (`-S '-i A=1 sh run.sh'`, `-S '-- sh x'`): judged as `env …`
    line = " ".join(["env" if split is not None else "", split or "", *(shlex.quote(w) for w in rest[i:])]).strip()
    if where is not None:
        where = where if where.startswith("/") or not cmd.cwd else posixpath.join(cmd.cwd, where)
    an.line(line, depth + 1, where if where is not None else cmd.cwd)
    return True


_ENV_ESCAPES = {"t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "\\": "\\", '"': '"', "'": "'", "#": "#",
                "$": "$", "_": " "}


def _env_escapes(text: str) -> str | None:
    """GNU env's ``-S`` string with its backslash escapes read (outside quotes ``\\_`` separates words as a space does,
    inside them it is a space; ``\\t``, ``\\n``… are characters of a word; ``\\c`` ends the string), as shell text of
    the same words (guard27: ``env -S 'sh\\_run.sh'`` ran run.sh, read as ``sh_run.sh``); None: a form not read
    (``${NAME}`` beside an escape, an unknown escape, an open quote)."""
    words: list[str] = []
    cur: list[str] | None = None
    quote, i = "", 0
    while i < len(text):
        c = text[i]
        if c == "\\" and quote == "'" and text[i + 1:i + 2] in ("\\", "'"):  # in '…' only \\ and \' are escapes
            cur, i = (cur or []) + [text[i + 1]], i + 2
            continue
        if c == "\\" and quote != "'" and i + 1 < len(text):
            e, i = text[i + 1], i + 2
            if e == "c" and not quote:
                break
            if e not in _ENV_ESCAPES:
                return None
            if not quote and e == "_":  # only \\_ separates; \\t and the like are characters of the word
                if cur is not None:
                    words.append("".join(cur))
                cur = None
                continue
            cur = (cur or []) + [_ENV_ESCAPES[e]]
            continue
        i += 1
        if c == "$":
            return None
        if quote:
            if c == quote:
                quote = ""
            else:
                cur = (cur or []) + [c]
        elif c in "'\"":
            quote, cur = c, cur or []
        elif c.isspace():
            if cur is not None:
                words.append("".join(cur))
            cur = None
        else:
            cur = (cur or []) + [c]
    if quote:
        return None
    if cur is not None:
        words.append("".join(cur))
    return shlex.join(words)


def _tmux_config(args: list[str]) -> str | None:
    """The file ``tmux -f FILE`` (or ``-fFILE``, or ``-f`` last in a flag cluster) reads its commands from, unless
    /dev/null; None when there is none."""
    for i, a in enumerate(args):
        if a == "--" or not a.startswith("-") or a.startswith("--"):
            return None
        at = a.find("f")
        if at > 0 and re.fullmatch(r"-[2CDlNuvV]*f.*", a, re.S):
            value = a[at + 1:] or (args[i + 1] if i + 1 < len(args) else "")
            return None if value == "/dev/null" else value
        if re.fullmatch(r"-[2CDlNuvV]*[cLST]", a):  # an option that takes a value: skip it
            return _tmux_config(args[i + 2:])
    return None


_TMUX_RUNS = frozenset({"new", "new-session", "new-window", "neww", "split-window", "splitw", "run-shell", "run",
                        "respawn-pane", "respawnp", "respawn-window", "respawnw", "send-keys", "send", "if-shell", "if",
                        "source-file", "source", "pipe-pane", "pipep", "display-popup", "popup", "set-hook"})
_GDB_FILES = frozenset({"-x", "--command", "-ix", "--init-command"})
_GDB_COMMANDS = frozenset({"-ex", "--eval-command", "-iex", "--init-eval-command"})
# gdb commands that read or stop a program and run nothing else (anything else, python, source, define, call, set
# auto-load … is asked about: guard19's `-ex python …`, `-x file` and a ./.gdbinit allowed by `-iex` ran)
_GDB_READS = lazyre.compile(r"\s*(?:bt|backtrace|where|info|i|run|r|start|starti|quit|q|continue|c|next|n|step|s|nexti|"
                        r"ni|stepi|si|list|l|frame|f|finish|thread|break|b|tbreak|delete|d|disassemble|x/?\S*|"
                        r"display|up|down|kill|k|set\s+(?:pagination|confirm|print|width|height)|(?:print|p)(?:/\w)?"
                        r"(?=\s[^(]*$))(?:\s[^;`$(]*)?\s*$")


def _gdb(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """gdb's command files and commands: ``shell``/``!``/``pipe`` judged as command lines, reading commands allowed,
    anything else asked about; the program after ``--args`` judged as run."""
    for i, a in enumerate(args):
        name, eq, value = a.partition("=")
        value = value if eq else args[i + 1] if i + 1 < len(args) else ""
        if a == "--args":
            an.argv(args[i + 1:], cmd, depth + 1)
            return
        if name in _GDB_FILES:
            an.r.add("dynamic", f"gdb runs the commands of {value[:40]}, which may run any program")
        elif name in _GDB_COMMANDS:
            if m := re.match(r"\s*(?:shell|!|pipe\s.*\|)\s*(.+)", value):
                an.line(m.group(1), depth + 1, cmd.cwd)
            elif not _GDB_READS.fullmatch(value):
                if m := re.match(r"\s*(?:python|py|python-interactive|pi)\s+(.+)", value, re.S):
                    # rt48b: its embedded Python opened a socket after an injected note, no send to flow control:
                    # the code is judged as python3's too (what it reaches and sends), and still asked about
                    an.code("python3", m.group(1), depth + 1, cmd.cwd)
                an.r.add("dynamic", f"gdb runs {value[:40]!r}, a command that may run code; the guard reads only "
                                    "gdb's inspecting commands")


_PARALLEL_SEPS = frozenset({":::", "::::", ":::+", "::::+"})


def parallel_inputs(an: Analyzer, args: list[str], argv: list[str], cmd: SimpleCommand, depth: int) -> list[str]:
    """``parallel CMD ::: A B``: CMD runs once per input, with ``{}`` replaced by it or the input added at its end;
    each is judged as that command (guard24: ``parallel sh ::: run.sh`` ran run.sh, judged as sh's script ``:::``).
    Inputs read from a file (``::::``, ``-a``) or from standard input are not known here: CMD is returned without
    them, as xargs' command is, so a shell or interpreter with no code named is judged as one fed at run time."""
    seps, file_seps = set(_PARALLEL_SEPS), {"::::", "::::+"}
    for i, a in enumerate(args[:-1]):  # `--arg-sep ,,` (guard24: `parallel --arg-sep ,, sh ,, run.sh` passed)
        if a in ("--arg-sep", "--argsep"):
            seps |= {args[i + 1], args[i + 1] + "+"}
        elif a in ("--arg-file-sep", "--argfilesep"):
            seps |= {args[i + 1], args[i + 1] + "+"}
            file_seps |= {args[i + 1], args[i + 1] + "+"}
    if argv and any(a in ("--arg-sep", "--argsep", "--arg-file-sep", "--argfilesep") for a in args):
        argv = skip_values(args)
    cut = next((i for i, a in enumerate(argv) if a in seps), None)
    if cut is None:
        return argv
    command, inputs, from_file = argv[:cut], [], False
    for a in argv[cut:]:
        if a in seps:
            from_file = a in file_seps
        elif from_file:
            an.r.add("dynamic", f"parallel reads the arguments of {command[0] if command else 'its commands'} "
                                f"from {a[:40]} when it runs; write them on the line")
        else:
            inputs.append(a)
    if not command:
        return argv  # `parallel ::: CMD…`: each input is a command (judge, above)
    for a in inputs:
        # parallel joins its command's words as they are (a shell runs the line) and quotes each input
        line = " ".join(command)
        line = line.replace("{}", shlex.quote(a)) if "{}" in line else f"{line} {shlex.quote(a)}"
        an.line(line, depth + 1, cmd.cwd)
    if inputs and not any(a in ("-a", "--arg-file") or a.startswith("--arg-file=") for a in args):
        return []  # every run of CMD was judged with its input
    return command


def skip_values(args: list[str]) -> list[str]:
    """parallel's words after its own options (the values of those that take one skipped)."""
    from macrohard.safety.argv import skip_options
    from macrohard.safety.rules_data import WRAPPER_ARG_OPTS

    return skip_options(args, WRAPPER_ARG_OPTS["parallel"] | {"--arg-sep", "--argsep", "--arg-file-sep", "--argfilesep"})
