"""Which file a command name runs once the run has put its own directories on ``PATH``.

``export PATH=$PWD/bin:$PATH`` in one step, a script written to ``bin/ls`` in the next, then plain ``ls``:
bash runs the script, and the line the guard reviews says only ``ls``. The shell session persists between
steps, so the guard keeps the directories that reviewed commands put on ``PATH`` (``GuardContext.path_dirs``,
most recent first; a virtualenv's ``activate`` puts its own ``bin`` there) and, for every program name that is
not a shell builtin, reads the file it finds there as the script it is (``Analyzer.script``). A directory the
guard cannot look into (one only known when the command runs, or outside the workspace, such as the sandbox's
own ``/tmp``) leaves every program name unknown: those commands are asked about (``dynamic``).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety.makewords import AUTOMATIC

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import Parsed, SimpleCommand

# bash runs these itself, before any PATH lookup (``enable -n`` turns one off: programs.py asks about that)
BUILTINS = frozenset({
    ".", ":", "[", "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete",
    "compopt", "continue", "declare", "dirs", "disown", "echo", "enable", "eval", "exec", "exit", "export", "false",
    "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local", "logout", "mapfile", "popd",
    "printf", "pushd", "pwd", "read", "readarray", "readonly", "return", "set", "shift", "shopt", "source",
    "suspend", "test", "times", "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait",
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "time",
    "[[", "]]", "{", "}", "!", "select", "coproc"})
UNKNOWN = "?"  # a PATH entry the guard cannot resolve
_SYSTEM = ("/usr/", "/bin", "/sbin", "/lib", "/opt/", "/snap/")
_OLD_PATH = lazyre.compile(r"^\$\{?PATH\}?$")
_PWD = lazyre.compile(r"^\$\{?PWD\}?(?=/|$)")
_HOME = lazyre.compile(r"^(?:~(?=/|$)|\$\{?HOME\}?(?=/|$))")


def home_folder(an: Analyzer) -> str | None:
    """The shell's home folder (the workspace, in every environment macrohard starts: ``safety.homefiles``), unless
    the session or the line set HOME (``forget_home``)."""
    return an.paths.home if "HOME" not in an.line_vars else None


# the name HOME other than read (`$HOME`, `${HOME}`): `export HOME=…`, `HOME=… cmd`, `read HOME`, `unset HOME`,
# `declare -n r=HOME`; and a name only known when it runs, which may be HOME (`export "$n=…"`, `read $n`, `printf -v`)
_NAMES_HOME = lazyre.compile(r"(?<![\w$])(?<!\$\{)(?<!\$\{!)HOME\b|(?<![\w.-])(?:(?:export|declare|typeset|local|readonly|"
                         r"read|readarray|mapfile)\b[^;&|\n]*\s\$|printf\b[^;&|\n]*\s-\w*v)|\$\{!\w+:?=")
# guard40: interpreter code reading its environment's HOME (`os.environ['HOME']`, `os.getenv('HOME')`,
# `process.env.HOME`, perl's `$ENV{HOME}`, ruby's `ENV['HOME']`) sets nothing in the shell (an assignment there is the
# child's own environment): the home stays known, and what the code writes through it is judged (safety.codewrites);
# code that sets it (`os.environ['HOME'] = …`, `process.env.HOME = …`) changes the home of the commands it runs
_CODE_READS_HOME = lazyre.compile(r"\b(?:environ(?:\s*\.\s*get)?|getenv|Getenv|env|ENV(?:\s*\.\s*fetch)?)\s*[\[({.]\s*HOME\b"
                              r"(?![\]})]*\s*=(?!=))")  # not `os.environ['HOME'] = …`: the code's own commands see that
UNKNOWN_HOME = "$HOME_SET_BY_THE_RUN"  # the session's value of HOME once a reviewed line may have set it


def forget_home(an: Analyzer, text: str) -> None:
    """guard39: ``~`` is the workspace (``PathJudge.home``) only while nothing set HOME: shell code that may set it
    leaves the home unknown for the rest of the line and, through the session's values (``GuardContext``'s strings),
    for every later step of this shell (`export HOME=$(mktemp -d)` a step before, then `cp x.sh ~/a.sh`: the file
    lands in the new home, which the guard would have read as the workspace's)."""
    if an.paths.home is None or not _NAMES_HOME.search(_CODE_READS_HOME.sub("", re.sub(r"\$?['\"]|\\", "", text))):
        return
    an.paths.set_home(None)
    an.session_vars.setdefault("HOME", UNKNOWN_HOME)
    an.line_vars.setdefault("HOME", UNKNOWN_HOME)


def quoted_tilde(an: Analyzer, parsed: Parsed) -> None:
    """guard39: the parser reads a quoted ``~`` as the home, as it reads ``$HOME``, where bash makes it a folder named
    ``~`` (``mkdir -p \\~/x && cp r.sh \\~/x/r.sh`` was judged as writing the home's x/r.sh): asked while the home is
    known, the only time the guard reads ``~`` as a folder of the workspace.

    guard40: counted on the parse, not on the line's text (a ``'~/x'`` inside ``python3 -c "…"`` is code, no word of
    bash's: ``os.path.expanduser('~/notes.txt')`` was asked), and a word ``echo`` or ``printf`` only prints (alone,
    its output going nowhere the line reads again) is no path (``echo "~/x"`` was asked)."""
    if an.paths.home is None or not parsed.quoted_tilde:
        return
    # guard41: a pipeline whose later commands only count, sort or cut text and print it (`echo '~/x' | wc -c`)
    # reads no path from it: the printing command is as harmless as alone
    piped = {id(c) for p in parsed.pipelines if len(p) > 1 and not _filters_only(p[1:]) for c in p}
    printed = sum(c.quoted_tilde for c in parsed.commands if c.quoted_tilde and c.argv[:1] in (["echo"], ["printf"])
                  and "-v" not in c.argv and id(c) not in piped and not any(op != "<" and not op.startswith("<<")
                                                                             for op, _ in c.redirects))
    if parsed.quoted_tilde > printed:
        an.r.add("dynamic", "a quoted ~ is a folder named ~, not the home: write ~ unquoted, or $HOME, for the home")


# programs that read their input as text only (never as paths or code) and print to the terminal
_TEXT_FILTERS = frozenset({"wc", "sort", "head", "tail", "cut", "tr", "grep", "egrep", "fgrep", "uniq", "cat", "rev",
                           "nl", "fold", "column", "od", "xxd", "hexdump", "md5sum", "sha1sum", "sha256sum", "tac",
                           "paste", "expand", "unexpand", "fmt", "comm"})


def _filters_only(commands: list[SimpleCommand]) -> bool:
    return all(c.argv[:1] and c.argv[0] in _TEXT_FILTERS and not c.redirects and
               not any(a.startswith("-") and "f" in a and c.argv[0] in ("grep", "egrep", "fgrep") for a in c.argv[1:])
               for c in commands)


def literal_tilde(an: Analyzer, cmd: SimpleCommand, argv: list[str]) -> None:
    """guard39: a file or folder named ``~`` in the command's folder (made by a file tool, an archive, a quoted word a
    step before): a ``~/…`` word may name it (quoted, ``--dir=~/x``, code's ``runpy.run_path("~/x.py")``) or the
    home, which the guard reads (``mkdir -p \\~ && cp r.sh \\~/x.sh``, then ``sh \\~/x.sh`` ran ./~/x.sh where the
    guard read the home's x.sh)."""
    if an.paths.home is None:
        return
    words = [*argv, *(t for _, t in cmd.redirects), cmd.cwd or ""]
    if not any("~" in w for w in words):  # a word, or code (`runpy.run_path("~/x.py")` opens ./~/x.py)
        return
    here = an.paths.resolve(cmd.cwd or ".", None)
    for folder in dict.fromkeys((here, posixpath.dirname(here), *an.paths.workspaces)):
        if "$" not in folder and os.path.lexists(posixpath.join(folder, "~")):
            an.r.add("dynamic", f"a file or folder named ~ is in {folder}: a quoted ~/… names it, an unquoted one the "
                                "home, and the guard cannot tell which this line means; rename it")
            return


# entries of ``path_dirs`` that are no folder: "\0saved NAME", NAME holds a copy of PATH that a reviewed line made
# (`_OLD_VIRTUAL_PATH="$PATH"`, a virtualenv's activate), which `PATH="${NAME:-}"` (its `deactivate`) restores
MARK = "\0saved "
_WHOLE_VAR = lazyre.compile(r"^\$\{?([A-Za-z_]\w*)(?::?-)?\}?$")  # PATH=$NAME, PATH="${NAME:-}": all of NAME's value
MAX_SAVED = 16


def _touched(text: str, name: str) -> bool:
    """Whether ``text`` names ``name`` other than to save PATH in it, read it or unset it (``let``, ``read``,
    ``+=``, ``[0]=``, ``${…:=…}``, ``declare -n``, ``for … in``: any of them may give it another value)."""
    if name not in text:
        return False
    n = re.escape(name)
    rest = re.sub(rf"\$\{{{n}(?::?-[^}}]*)?\}}|\${n}(?!\w)|\bunset\s+(?:-v\s+)?{n}(?!\w)|"
                  rf"(?<![\w\[$]){n}=(\"?)\$\{{?PATH\}}?\1(?=[\s;&|)]|$)", "", text)
    return re.search(rf"(?<!\w){n}(?!\w)", rest) is not None


def seen_text(an: Analyzer, text: str) -> None:
    """Shell code about to be judged (``Analyzer.line``): a saved copy of PATH it may change is forgotten."""
    an.__dict__.setdefault("texts", []).append(text)
    for entry in [e for e in an.path_dirs if e.startswith(MARK)]:
        if _touched(text, entry[len(MARK):]):
            an.path_dirs.remove(entry)


def noted(an: Analyzer, name: str, value: str) -> None:
    """A variable set on a reviewed line (``safety.envvars.assign``, ``assigned_indirectly``): a copy of PATH, or
    another value, or (``name`` with a ``$``) a variable whose name is only known when it runs."""
    if "$" in name or "`" in name:
        an.path_dirs[:] = [e for e in an.path_dirs if not e.startswith(MARK)]
        return
    saved = MARK + name.split("[")[0]
    if not (_OLD_PATH.match(value) and "[" not in name):
        if saved in an.path_dirs:
            an.path_dirs.remove(saved)
    elif saved not in an.path_dirs and sum(e.startswith(MARK) for e in an.path_dirs) < MAX_SAVED and not any(
            _touched(t, name) for t in an.__dict__.get("texts", ())):
        an.path_dirs.append(saved)


def _restored(an: Analyzer, value: str) -> str | None:
    """``PATH=$NAME`` where NAME holds a copy of PATH: None, it puts no folder on PATH the list lacks (the list only
    grows, so a copy made earlier holds none of its own); else ``value``."""
    whole = _WHOLE_VAR.match(value)
    if whole is not None and MARK + whole.group(1) in an.path_dirs:
        return None
    return value


def path_assigned(an: Analyzer, value: str, cwd: str | None) -> None:
    """``PATH=VALUE`` on a reviewed line: remember the entries that are not the system's own."""
    restored = _restored(an, value)
    if restored is None:
        return
    added = []
    for entry in restored.split(":"):
        if _OLD_PATH.match(entry):
            continue
        entry = _PWD.sub(lambda _m: an.paths.resolve(".", cwd), entry)
        if (home := home_folder(an)) is not None:  # guard37: `export PATH=$HOME/b:$PATH` (the home is the workspace)
            entry = _HOME.sub(lambda _m: home, entry)
        if "$" in entry or "`" in entry or entry.startswith("~"):
            added.append(UNKNOWN)
        elif entry in ("", "."):
            added.append(".")  # the directory the command runs in, whichever that is then
        elif entry.startswith("/"):
            if entry.startswith(_SYSTEM) and not an.paths.inside(entry.rstrip("/")):
                continue
            added.append(posixpath.normpath(entry))
        else:
            added.append(entry)  # relative: looked up from the directory the command runs in
    for entry in reversed(added):
        if entry in an.path_dirs:
            an.path_dirs.remove(entry)
        an.path_dirs.insert(0, entry)


def resolve_program(an: Analyzer, name: str, cwd: str | None, depth: int, shell: bool = False,
                    args: Sequence[str] = ()) -> str | None:
    """Judge the file ``name`` runs through the run's own PATH entries, or say it cannot be known; ``shell``: the
    file ``source NAME`` reads (bash looks for a name without "/" on PATH first: guard19 found ``PATH=d:$PATH;
    source run.sh`` ran d/run.sh while ./run.sh was judged). Returns the system program that file is, when the run
    made it a link to one or a copy of one under another name (rt47: `fetch ARGS` after `ln -s /usr/bin/curl
    bin/fetch` and `PATH=$PWD/bin:$PATH` is curl; ``native.system_program``), for the caller to judge as that."""
    if an.__dict__.get("make_automatic") and AUTOMATIC in name:  # a recipe's `$<` run as a program: which file
        from macrohard.safety import scripts  # is asked about (safety.makeauto)

        scripts.read_script(an, name, cwd, explicit=False)
        return
    if an.ld_dirs and ("/" not in name and name not in BUILTINS or name in ("export", "declare", "typeset")):
        # LD_LIBRARY_PATH=$PWD python3: a library the agent wrote replaces the system's in a system program
        who = "every later program" if name in ("export", "declare", "typeset") else name
        an.r.add("dynamic", f"LD_LIBRARY_PATH={an.ld_dirs[:50]} makes {who} load libraries from a folder the agent "
                            "writes first")
    if not an.path_dirs or "/" in name or name in BUILTINS:
        return None
    from macrohard.safety import native

    found = False
    for entry in an.path_dirs:
        if entry.startswith(MARK):
            continue
        if entry == UNKNOWN:
            if not found:
                an.r.add("dynamic", f"the run put a directory only known when it runs on PATH: {name!r} may run "
                                    "a program from it")
            return
        folder = an.paths.resolve(entry, cwd)
        candidate = an.paths.resolve(posixpath.join(entry, name), cwd)  # through links, as the kernel goes
        inside = _within(candidate, an.paths.workspaces)
        if found and not inside:  # bash stops at the file found first
            return
        if not _within(folder, an.paths.workspaces) or not inside and _within(candidate, an.paths.allowed):
            an.r.add("dynamic", f"the run put {entry} on PATH, which the guard cannot look into: {name!r} may run "
                                "a program from it; keep programs in the workspace")
            return
        if not inside:
            if os.path.lexists(posixpath.join(folder, name)):  # a link to a system program (a virtualenv's python)
                return None if shell else native.system_program(an, posixpath.join(folder, name), None)
            continue
        if not shell and not found and candidate not in an.written and os.path.isfile(candidate) and (
                real := native.system_program(an, candidate, None)) is not None:
            return real
        if candidate in an.written or os.path.isfile(candidate):
            an.script(candidate, cwd, depth, shell=shell, args=list(args))  # and the others: a restored PATH may hold them in another order
            found = True
            continue
        if an.jobs and not found:  # a job an earlier step left running may put it there after this review
            an.r.add("dynamic", f"{name!r} may run a program that a job an earlier step left running puts in "
                                f"{entry} after this review; let the jobs end first (`wait; ...`)")
            return


def _within(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r + "/") for r in roots)


def activated(an: Analyzer, script: str, cwd: str | None) -> None:
    """``. .venv/bin/activate``: a virtualenv's activate script puts its own directory first on PATH."""
    if posixpath.basename(script) == "activate":
        path_assigned(an, an.paths.resolve(posixpath.dirname(script) or ".", cwd), None)


_SETS_NAMED = frozenset({"read", "mapfile", "readarray", "getopts"})


def assigned_indirectly(an: Analyzer, prog: str, args: list[str]) -> None:
    """``read PATH``, ``printf -v PATH``, ``declare -n p=PATH``: PATH (or BASH_ENV) set to a value the line
    does not show."""
    names = set()
    if prog in _SETS_NAMED:
        names = set(args)
    elif prog == "printf":
        names = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "-v"}
    elif prog in ("declare", "typeset", "local") and any(a.startswith("-") and "n" in a for a in args):
        names = {a.partition("=")[2] for a in args if "=" in a}
    for name in names:
        noted(an, name, "?")
    declared = {a.partition("=")[0] for a in args if not a.startswith("-")} if prog in (
        "export", "declare", "typeset", "local", "readonly") else set()
    if any("$" in n or "`" in n for n in names | declared):
        # guard41: `n=GIT_EDITOR; export "$n=./r.sh"` set git's editor under a name the line does not spell
        an.r.add("dynamic", f"{prog} sets a variable whose name is only known when it runs; programs read some "
                            "variables as commands or code to load (write the name out)")
    if prog in ("declare", "typeset", "local") and any(re.match(r"-[A-Za-z]*i", a) for a in args):
        # `declare -i f` then `for f in *` (or f=$(cat x)): every value is evaluated as arithmetic, whose array
        # subscripts run command substitutions (a file named `a[$(touch x)]`)
        an.r.add("dynamic", f"{prog} -i makes later assignments evaluate their values as arithmetic, which runs the "
                            "$(…) of a value's array subscript; use $(( )) on values you know")
    if "PATH" in names:
        path_assigned(an, "$UNKNOWN", None)
    if prog == "unset" and "PATH" in args and not any(a.startswith("-") and "f" in a for a in args):
        path_assigned(an, "", None)  # `unset PATH; ls`: bash then looks in the current directory
    if names & {"BASH_ENV", "ENV"}:
        an.r.add("persistence", f"{prog} sets {sorted(names & {'BASH_ENV', 'ENV'})[0]}, a file later shells run first")
    from macrohard.safety.envvars import set_unseen

    for name in sorted(n for n in names - {"PATH", "BASH_ENV", "ENV", "IFS"} if set_unseen(n)):
        # `read LD_PRELOAD <<< "$PWD/e.so"; export LD_PRELOAD`: the value never shows as NAME=VALUE
        an.r.add("privilege" if name in ("LD_PRELOAD", "LD_AUDIT") else "dynamic",
                 f"{prog} sets {name} to a value the line does not show; programs read it as code to load or run "
                 "(set it literally, NAME=VALUE)")
