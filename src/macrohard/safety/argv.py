"""Reading argument vectors: options with values, wrappers (sudo, env, xargs, timeout), inline code flags."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from macrohard.safety import lazyre
from macrohard.safety import rules_data as R


def is_dynamic(word: str) -> bool:
    """Whether a word still holds an expansion: its value is only known when the command runs."""
    return "$" in word or "`" in word


def skip_options(args: list[str], with_value: frozenset[str]) -> list[str]:
    i = 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] == "--":
            return args[i + 1:]
        i += 2 if args[i] in with_value else 1
    while i < len(args) and re.fullmatch(r"[A-Za-z_]\w*=.*", args[i]):
        i += 1
    return args[i:]


def unwrap(prog: str, args: list[str]) -> list[str]:
    if prog in R.TERMINALS:  # `xterm -geometry 80x20 -e python3 -c '…'`: its options take values, -e ends them
        at = next((i for i, a in enumerate(args) if a in ("-e", "-x", "--", "--command", "--execute", "--exec")
                   or a.startswith(("--command=", "--execute="))), None)
        if at is None:
            return []  # a shell, interactive: what is typed into it is judged line by line (safety.terminal)
        rest = [args[at].split("=", 1)[1], *args[at + 1:]] if "=" in args[at] else args[at + 1:]
        return ["sh", "-c", rest[0]] if len(rest) == 1 and " " in rest[0] else rest  # one string: a command line
    rest = skip_options(args, R.WRAPPER_ARG_OPTS.get(prog, frozenset()))
    if prog == "exec" and rest and ("-l" in args[:len(args) - len(rest)] or any(
            a == "-a" and i + 1 < len(args) and args[i + 1].startswith("-") for i, a in enumerate(args[:-len(rest)]))):
        rest = [rest[0], "-l", *rest[1:]]  # `exec -l bash`, `exec -a -bash bash`: a login shell (guard20)
    if prog == "coproc" and rest:  # `coproc NAME { CMD; }` (guard20: judged as a program named NAME) or `{ CMD; }`
        if len(rest) > 1 and rest[1] in ("{", "(", "((") and re.fullmatch(r"[A-Za-z_]\w*", rest[0]):
            rest = rest[2:]
        elif rest[0] in ("{", "(", "(("):
            rest = rest[1:]
    while prog in ("env", "sudo") and rest and re.fullmatch(r"[^=/.][^=]*=.*", rest[0], re.S):
        rest = rest[1:]  # env takes any word with "=" as NAME=VALUE ('B%%=1', 'BASH_FUNC_ls%%=() { …; }')
    if prog == "flock" and rest:  # flock LOCKFILE CMD…: the lock file is no program (flock F -c CMD: runners.py)
        rest = [] if len(rest) > 1 and rest[1] in ("-c", "--command") else rest[1:]
    if prog in ("timeout",) and rest:
        rest = rest[1:]
    if prog in ("nice",) and rest and re.fullmatch(r"-?\d+", rest[0]):
        rest = rest[1:]
    if prog == "watch" and len(rest) == 1:
        return rest[0].split()
    return rest


def value_after(args: list[str], flag: str) -> str:
    for i, a in enumerate(args):
        if a == flag and i + 1 < len(args):
            return args[i + 1]
        if flag in ("-c", "-e") and re.fullmatch(r"-[a-zA-Z]*" + flag[1] + r"[a-zA-Z]*", a) and i + 1 < len(args) \
                and len(a) > 2:
            return args[i + 1]
    return ""


def has_flag(args: list[str], letter: str) -> bool:
    """``-c`` given alone or among combined short options (``bash -lc``, ``sh -ec``)."""
    return any(re.fullmatch(r"-[a-zA-Z]*" + letter + r"[a-zA-Z]*", a) for a in args)


# guard36: an interpreter called by its versioned name (`perl5.36.0 -e 'system(…)'`, `tclsh8.6 x.tcl`) or bash as
# `rbash` ran its code unread: judged as the program it is
_VERSIONED = lazyre.compile(r"(perl|tclsh|wish|ruby|lua|php|nodejs|node|pypy3|pypy|expect|Rscript)(?:\d+(?:\.\d+)*)"
                        r"(?:-[a-z0-9_]+)*")


# guard36: programs that are another program's command line by another name (`pydoc3 ./x.py` imported x.py,
# `pytest-3` ran conftest.py, `c99 -wrapper …` ran it, `make-first-existing-target all -- -s` ran a recipe,
# `dpkg-architecture -c CMD`, `perf stat -- CMD` ran CMD): the argv they stand for, or None
_ALIAS_PREFIX = {"pydoc3": ["python3", "-m", "pydoc"], "pydoc": ["python3", "-m", "pydoc"],
                 "pdb3": ["python3", "-m", "pdb"], "pytest-3": ["pytest"], "py.test-3": ["pytest"],
                 "c89": ["gcc"], "c99": ["gcc"], "c89-gcc": ["gcc"], "c99-gcc": ["gcc"],
                 # Debian's alternatives: vim here (`editor -es -c '!sh run.sh'` ran it); sensible-editor passes its
                 # arguments to $VISUAL/$EDITOR (judged where they are set) or else that editor
                 "editor": ["vim"], "sensible-editor": ["vim"]}
_ALIAS_VERSIONED = lazyre.compile(r"(pydoc3|pdb3)\.\d+|(gcc|g\+\+|cpp|gcc-ar|gcc-nm|gcc-ranlib)-\d+|x86_64-linux-gnu-(gcc|g\+\+)(?:-\d+)?")
PERF_RUNS = frozenset({"stat", "record", "trace", "mem", "c2c", "kmem", "lock", "sched", "kvm", "ftrace", "timechart",
                       "kwork", "daemon"})  # perf's subcommands that run a command (not top, test, bench, report)


def argv_alias(argv: list[str]) -> list[str] | None:
    prog = posixpath.basename(argv[0]) if argv else ""
    rest = argv[1:]
    if prog in _ALIAS_PREFIX:
        return [*_ALIAS_PREFIX[prog], *rest]
    if m := _ALIAS_VERSIONED.fullmatch(prog):
        base = m.group(1) or m.group(2) or m.group(3)
        return [*_ALIAS_PREFIX.get(base, [base]), *rest]
    if prog == "make-first-existing-target":  # TARGETS… [-- MAKE-ARGS…]: make with the first target that exists
        at = rest.index("--") if "--" in rest else len(rest)
        return ["make", *rest[at + 1:], *[t for t in rest[:at] if not t.startswith("-")][:1]]
    if prog == "dpkg-architecture":  # -c/--command CMD…: CMD run with the architecture's variables set
        at = next((i for i, a in enumerate(rest) if a in ("-c", "--command")), None)
        return rest[at + 1:] if at is not None else None
    if prog == "perf" and rest and rest[0] in PERF_RUNS:
        if "--" in rest:
            return rest[rest.index("--") + 1:]
        return ["perf-run", *rest]  # its command among its options: judged as a program only known when it runs
    return None


def canonical_program(prog: str) -> str:
    if prog == "rbash":
        return "bash"
    m = _VERSIONED.fullmatch(prog)
    return m.group(1) if m and m.group(1) != prog else prog


def effective_program(argv: list[str]) -> str:
    """The program a stage really runs, through sudo/env/xargs wrappers."""
    args = list(argv)
    while args:
        prog = posixpath.basename(args[0])
        if prog in R.PRIVILEGE:
            args = skip_options(args[1:], R.PRIVILEGE_ARG_OPTS)
        elif prog in R.WRAPPERS:
            args = unwrap(prog, args[1:])
        else:
            return canonical_program(prog)
    return ""


def runs_stdin(prog: str, argv: list[str], depth: int = 0) -> bool:
    """Whether a pipeline stage executes what it reads on stdin (``sh``, ``python3 -``, ``bash -c 'source
    /dev/stdin'``), not just reads data."""
    from macrohard.safety.invocation import interpreter_invocation, shell_invocation
    from macrohard.safety.runners import MORE_INTERPRETERS  # guard37: `cat s.jsh | jshell` ran its ProcessBuilder

    if prog not in R.SHELLS | R.INTERPRETERS | MORE_INTERPRETERS | {"source", "."}:
        return False
    at = next((i for i, w in enumerate(argv) if canonical_program(posixpath.basename(w)) == prog), 0)
    args = argv[at + 1:]  # (`xvfb-run -a /usr/bin/wish`: the program's own words, by its name or path)
    if prog in ("source", "."):
        return not args or args[0] in _STDIN_PATHS
    if any(a in ("--version", "-V", "--help") for a in args):
        return False
    inv = shell_invocation(args) if prog in R.SHELLS else interpreter_invocation(prog, args)
    if prog.startswith("python") and getattr(inv, "module", None) in ("pdb", "code"):
        return True  # guard36: pdb runs the Python among the debugger commands it reads (`echo '…' | python3 -m pdb y.py`)
    if inv.stdin or inv.script in _STDIN_PATHS or any(f in _STDIN_PATHS for f in inv.files):
        return True
    if depth < 3:  # code that itself runs its input: `bash -c 'source /dev/stdin'`, `sh -c 'python3 -'`
        from macrohard.safety.shellparse import parse

        for code in inv.codes if prog in R.SHELLS else ():
            for cmd in parse(code).commands:
                inner = effective_program(cmd.argv)
                if inner and not any(op.startswith("<") for op, _ in cmd.redirects) and not cmd.heredoc and \
                        runs_stdin(inner, cmd.argv, depth + 1):
                    return True
    return False


_STDIN_PATHS = frozenset({"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "-"})


def decodes(argv: list[str]) -> bool:
    prog = posixpath.basename(argv[0]) if argv else ""
    if prog in ("echo", "printf") and any(re.search(r"\\x[0-9a-fA-F]{2}|\\[0-7]{3}", a) for a in argv[1:]):
        return True
    return prog in ("openssl", "xxd", "base32", "base64") and any(a in ("-d", "-r", "--decode", "-D", "-a") or a == "enc"
                                                                 for a in argv[1:])


def moved_to(argv: list[str], cwd: str | None, dirs: list[str | None],
             real_folder: Callable[[str], bool] | None = None) -> str | None:
    """Where ``cd``/``pushd``/``popd`` leave the shell (``dirs``: pushd's stack); ``$…`` where only bash knows
    (``cd -``, ``cd "$x"``, ``popd`` of a stack the line did not fill): paths judged from there are unknown
    (``Analyzer.write_target``). A script's ``cd "$(dirname "$0")"`` stays: its own folder, in the workspace.
    ``real_folder(arg)``: whether ``cd -P arg`` goes where ``cd arg`` does (a folder there now, through no link, that
    nothing before it on the line may replace): bash's $PWD is the same either way."""
    args, physical, opts = argv[1:], False, []
    while args and args[0].startswith("-") and args[0] != "-":  # -L, -P, -e, -@, --
        opt = args.pop(0)
        opts.append(opt)
        if opt == "--":
            break
        physical = physical or "P" in opt
    if len(args) > 1:  # guard30: bash's `cd a b` fails (too many arguments) and stays
        return cwd
    if argv[0] in ("pushd", "popd") and "-n" in opts:  # the stack changes, the folder does not
        dirs[:] = []
        return cwd
    if physical and args and ".." in args[0].split("/"):  # `cd -P l/..`: the folder above where the link points
        return "$CD_PHYSICAL"
    if physical and args and argv[0] == "cd" and not (real_folder is not None and real_folder(args[0])):  # guard31: `cd -P l` then `cd ..` left b/c for b (bash's $PWD is
        return "$CD_PHYSICAL/" + args[0]  # physical): a later `..` on the line is unknown; the next step's is the kernel's
    if argv[0] == "popd":
        return dirs.pop() if not args and dirs else "$DIRSTACK"
    if argv[0] == "pushd":
        if not args or args[0][:1] in "+-":
            return "$DIRSTACK"
        dirs.append(cwd)
    if not args:
        return "~"
    if args[0] in ('$(dirname "$0")', '$(dirname "${BASH_SOURCE[0]}")'):
        return cwd
    if args[0] == "-":
        return "$OLDPWD"
    # a relative folder is under the folder the line is in now (guard29: `cd b && cd a && sh s.sh` was judged in a/,
    # the workspace's, and ran b/a/s.sh unread)
    if cwd and not args[0].startswith(("/", "~", "$")) and "$" not in args[0]:
        joined = posixpath.join(cwd, args[0])
        return joined if "$" in joined else posixpath.normpath(joined)
    return args[0]
