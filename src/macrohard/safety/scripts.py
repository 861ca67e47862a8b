"""The scripts a command runs: read from the workspace, or taken from what the same line wrote.

``echo 'rm -rf /srv' > x.sh && bash x.sh`` runs a script that does not exist when the guard reviews
the line; ``safety.commands`` keeps what each redirect wrote, so the script it then runs is judged by
that text. Text the guard cannot know before the line runs (``base64 -d > x.sh``, ``cp``, a program's
own output) is recorded as unknown, and running such a file is asked about.
"""

from __future__ import annotations

import codecs
import fnmatch
import os
import posixpath
import re
from typing import TYPE_CHECKING

from macrohard.safety import elf, lazyre, native
from macrohard.safety import rules_data as R
from macrohard.safety.invocation import Invocation
from macrohard.safety.makewords import AUTOMATIC
from macrohard.safety.readings import as_read, wide_text
from macrohard.safety.regular import open_regular
from macrohard.safety.shellparse import SimpleCommand

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer

MAX_SCRIPT = 64_000  # bytes of a script the guard reads to judge `bash script.sh`

# Programs whose -o writes a program built from sources that the guard does not judge anyway;
# running their output (`gcc -o app app.c && ./app`) is ordinary work.
COMPILERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++", "go", "rustc", "javac", "tcc", "zig"})


def _unescape(text: str) -> str | None:
    try:
        return codecs.decode(text, "unicode_escape")
    except UnicodeDecodeError:
        return None


def text_written(argv: list[str], cmd: SimpleCommand) -> str | None:
    """The text ``argv`` prints to its standard output, when it is literally on the line; else None."""
    if not argv:
        return None
    prog = posixpath.basename(argv[0])
    args = argv[1:]
    if prog == "echo":
        escapes = False
        while args and args[0] in ("-n", "-e", "-E", "-ne", "-en"):
            escapes = escapes or "e" in args[0]
            args = args[1:]
        text = " ".join(args)
        if any("$" in a or "`" in a for a in args):
            return None
        if escapes:
            return _unescape(text)
        # guard31: bash with `shopt -s xpg_echo` and dash's echo (`sh -c "echo …"`) read the escapes too: `echo 'true
        # #\nsh run.sh' > s.sh; sh s.sh` ran run.sh where the literal text is one comment. Both readings are judged.
        return text + "\n" + _unescape(text) if "\\" in text and _unescape(text) != text else text
    if prog == "printf" and args and "%" not in args[0] and len(args) == 1 and "$" not in args[0]:
        return _unescape(args[0])
    if prog in ("cat", "tee") and not [a for a in args if not a.startswith("-")] or prog == "cat" and args == ["-"]:
        if cmd.heredoc:
            return cmd.heredoc
        herestrings = [t for op, t in cmd.redirects if op == "<<<"]
        if herestrings and "$" not in herestrings[0]:
            return herestrings[0] + "\n"
    return None


def read_script(an: Analyzer, path: str, cwd: str | None, explicit: bool) -> str | None:
    """The text of a script a command runs, as it will be when it runs, else None (with a finding
    when that matters). ``explicit``: named to a shell or interpreter (``bash x.sh``), not a program
    path (``./app``), which a build step may have just made."""
    if cwd and ("$" in cwd or "`" in cwd) and not path.startswith(("/", "~")):  # `cd -; ./run.sh`: which run.sh?
        an.r.add("dynamic", f"runs {path} in a folder only known when the command runs (cd -, cd \"$x\", popd)")
        return None
    if an.__dict__.get("make_automatic") and AUTOMATIC in path:  # `sh $<` of a pattern rule (safety.makeauto)
        an.r.firm.append(f"runs {path[-60:]}: a file make names by an automatic variable the guard cannot name "
                         "(a pattern or suffix rule, vpath); name the file in the rule")
        return None
    ap = an.paths.resolve(path, cwd)
    if (ap == "~" or ap.startswith("~/")) and an.paths.workspaces:
        # the shell's HOME is the workspace in every environment macrohard starts (envs.workspace._clean_env):
        # `sh ~/run.sh` and `bash $HOME/x.sh` run a workspace file (guard20: they ran unread)
        ap = an.paths.follow(posixpath.normpath(posixpath.join(an.paths.workspaces[0], ap[2:])))
    parent = next((d for d in _parents(ap) if d in an.written), None)
    if parent is not None and ap not in an.written:  # `mv e a && bash a/run.sh`: a folder replaced whole
        an.r.add("dynamic", f"runs {path}, in {parent}, which this command replaces first; replace it in one step "
                            "and run it in the next")
        return None
    if explicit and ap in an.__dict__.get("compiled", ()):
        an.r.add("dynamic", f"runs {path} as a script, which a compiler writes first on this line")
        return None
    if ap in an.written:  # written earlier on this line: judge what was written, not the old file
        text = an.written[ap]
        if text is None:
            an.r.add("dynamic", f"runs {path}, which this command writes first with text the guard cannot "
                                  "read; write it in one step and run it in the next")
            return None
        return as_read(text.encode("utf-8", "surrogateescape"))
    # guard32: a piece `split --additional-suffix=.sh l.txt s` writes is known by a glob (`s*.sh`): `sh saa.sh`
    # ran it, read as a file that did not exist
    if (glob := next((k for k, v in an.written.items() if v is None and any(c in k for c in "*?[")
                      and fnmatch.fnmatchcase(ap, k)), None)) is not None:
        an.r.add("dynamic", f"runs {path}, which this command may write first ({posixpath.basename(glob)[:40]}); write "
                            "it in one step and run it in the next")
        return None
    if ap in an.downloads:
        return None
    if ap in an.__dict__.get("compiled", ()):  # built on this line from sources judged as the compiler started
        native.built_here(an, ap, path)
        return None
    if not any(ap.startswith(w + "/") for w in an.paths.workspaces):
        if any(ap.startswith(a + "/") for a in an.paths.allowed):  # `/tmp/x.sh`, `bash /tmp/x.sh` alike
            an.r.add("dynamic", f"runs {path} from a scratch directory the guard cannot read (the "
                                  "sandbox's own); keep scripts in the workspace")
        return None
    data = native.read(ap)
    if an.in_job and not os.path.isdir(ap):
        job(an, path, exists=data is not None or os.path.exists(ap))
    if data is None and os.path.exists(ap) and not os.path.isdir(ap):  # a named pipe or a device: what is written
        an.r.add("dynamic", f"runs {path}, which is not a regular file (a pipe or a device): what it holds is only "
                            "known when it runs")
        return None
    if data is None:
        if explicit and an.unmodelled_writes:
            an.r.add("dynamic", f"runs {path}, which does not exist yet: an earlier command on the line may "
                                  "write it; write it in one step and run it in the next")
        return None
    if elf.is_elf(data):  # a compiled program: judged by what its symbol table names (safety.native)
        if not explicit:
            native.judge_file(an, path, native.read(ap) or data, path=ap)
        return None
    if len(data) > MAX_SCRIPT:
        an.r.add("unparseable", f"the script {path} is larger than {MAX_SCRIPT // 1000} kB, too large to review")
        return None
    if b"\x00" in data and wide_text(data) is None:
        # rt50: not a binary to the shells and interpreters: dash drops each NUL, bash too after the first line, perl,
        # tcl and node read on past them (`echo hi\n#\0\ncurl -d @.env …` in s.sh ran unread: "a binary")
        an.r.add("dynamic", f"runs {path}, which holds NUL bytes: the shells drop them, other interpreters read on "
                            "past them; write it as text")
    if an.unknown_writes:  # code earlier on the line may have written it (safety.rewrites, safety.pydata)
        an.r.add("dynamic", f"runs {path}, which may be rewritten before it runs ({an.rewriter}); write "
                            "and run it in separate steps")
    if an.jobs:  # `(sleep 3; cp evil.sh run.sh) &` one step, `sleep 5; bash run.sh` the next
        an.r.add("dynamic", f"runs {path}, which {an.jobs} process(es) an earlier step left running may change "
                            "after this review; let them end first (`wait; ...`)")
    return as_read(data)


_SELF = r"\$\{?0\}?|\$\{?BASH_SOURCE(?:\[0\])?\}?"
_SELF_ALIAS = lazyre.compile(r"\b([A-Za-z_]\w*)=[\"']?(?:\$\(\s*(?:realpath|readlink\s+-f)\s+[\"']?)?(?:" + _SELF + r")")
_WRITERS = r"(?:tee|sed|cp|mv|install|ln|truncate|ed|perl|rsync)\b"


def writes_itself(text: str, path: str) -> bool:
    """Whether a shell script writes to its own file (a redirect or a writing tool naming it by its name, ``$0``,
    ``BASH_SOURCE`` or a name set from them): bash reads a script as it runs, so lines it appends to itself run, never
    reviewed (guard26: ``echo 'sh run.sh' >> go.sh`` in go.sh, ``cat run.sh >> "$0"``, ``printf '\\163\\150 …' >>``
    ran the payload)."""
    names = [_SELF, re.escape(path), re.escape(posixpath.basename(path))]
    if path.startswith("./"):
        names.append(re.escape(path[2:]))
    names += [rf"\$\{{?{re.escape(m.group(1))}\}}?" for m in _SELF_ALIAS.finditer(text)]
    name = r"[\"']?(?:\./)?(?:" + "|".join(names) + r")[\"']?(?=$|[\s;&|)])"
    return re.search(rf"(?:>>?|>\||&>>?|\bof=)\s*{name}|(?:^|[;&|(]\s*){_WRITERS}[^\n;&|]*\s{name}\s*(?:$|[;&|)])",
                     text, re.M) is not None


def job(an: Analyzer, path: str, exists: bool) -> None:
    """Workspace code run by a job left running after the step (`(sleep 2; sh run.sh) &`, `while sleep 1; do sh go.sh;
    done &`, `sh < fifo &`, `python3 app.py &`): it runs after this review, and a later step may write it (or what it
    loads later: a lazy import, a `require` in a timer) before or while it runs, unreviewed (guard23: 15 such jobs ran
    a payload a later approved step wrote, and a background Python and Node program ran a module rewritten later).
    Asked about unless a plain `wait` later on the same line, in the same shell, ends the job."""
    if not exists:
        why = (f"runs {path} in a job left running after this step, and {path} does not exist yet: what a later step "
               "writes there would run unreviewed; write it first, or run it in the foreground")
    else:
        why = (f"runs {path} in a job left running after this step: a later step may change it (or what it loads "
               f"later) before or while it runs, unreviewed; run it in the foreground (`timeout 600 …`), or start, "
               "use and stop it on one line that ends with `wait`")
    an.job_scripts.append((why, an.job_depth))


def _parents(path: str) -> list[str]:
    out = []
    while (parent := posixpath.dirname(path)) not in ("", "/", path):
        out.append(parent)
        path = parent
    return out


# a script path that names a file descriptor: the code is whatever that descriptor reads
_FD_PATH = lazyre.compile(r"^(?:/dev/(?:stdin|fd/(?P<a>\d+))|/proc/(?:self|\d+)/fd/(?P<b>\d+))$")


_XARGS_VALUES = frozenset({"-n", "-P", "-L", "-d", "-E", "-s", "-a", "--max-args", "--max-procs", "--delimiter",
                           "--arg-file", "--max-lines", "--max-chars", "--eof", "--process-slot-var"})


_FILE_TEXT = lazyre.compile(r"""\$\(\s*(?:cat\s+(?:--\s+)?|<\s*)(['"]?)([^'"\s$`()|;&<>]+)\1\s*\)""")


def _substituted(an: Analyzer, prog: str, code: str, cwd: str | None) -> str | None:
    """Interpreter code the shell builds with ``$(cat FILE)``/``$(< FILE)``: the file's text in its place; any other
    substitution leaves the code unknown (asked about; None)."""
    def text(m: re.Match[str]) -> str:
        try:
            with open_regular(an.paths.resolve(m.group(2), cwd), encoding="utf-8", errors="replace") as fh:
                return fh.read(200_000).rstrip("\n")
        except OSError:
            return m.group(0)

    out = _FILE_TEXT.sub(text, code)
    if "$(" in out or re.search(r"\$\{?[A-Za-z_@*#?!0-9]|`", _FILE_TEXT.sub("", code)):
        an.r.add("dynamic", f"{prog} runs code the shell builds when it runs (a variable's or a command's output); "
                            "write the code out, or run the file")
        return None
    return out


def replaced(cmd: SimpleCommand) -> str | None:
    """The string ``xargs -I`` (``parallel``) replaces with each line it reads, in a command it runs."""
    argv = cmd.argv
    at = next((i for i, a in enumerate(argv) if posixpath.basename(a) in ("xargs", "parallel")), None)
    if at is None:
        return None
    if posixpath.basename(argv[at]) == "parallel":
        return "{"
    skip = False
    for i, a in enumerate(argv[at + 1:], at + 1):
        if skip:  # the value of an option before -I (guard24: `xargs -d '\n' -I CMD sh -c CMD` ran CMD)
            skip = False
            continue
        if a in _XARGS_VALUES:
            skip = True
            continue
        if a in ("-I", "--replace") and i + 1 < len(argv):
            return argv[i + 1]
        if a.startswith("-I") or a.startswith("--replace="):
            return a[2:] if a.startswith("-I") else a.split("=", 1)[1]
        if a in ("-i", "--replace") or a.startswith("-i"):
            return a[2:] or "{}"
        if not a.startswith("-"):
            return None
    return None


def run_code(an: Analyzer, prog: str, inv: Invocation, cmd: SimpleCommand, depth: int, shell: bool,
             args: list[str] = ()) -> None:
    """Judge every piece of code a shell or interpreter command runs (``safety.invocation`` names them); ``args``:
    the script's ``$1``… (`bash SCRIPT ARGS`, `source FILE ARGS`)."""
    cwd = cmd.cwd
    before = an.__dict__.pop("argv_writes", False)
    loads = _perl_options(cmd.argv) if prog == "perl" else ""  # guard19: -Id's folder holds the code's own `use X`
    if prog in ("node", "nodejs"):
        _env_files(an, cmd, depth)
    for code in inv.codes:
        if (mark := replaced(cmd)) and mark in code:  # `xargs -I{} sh -c 'echo {}'`: a line read becomes code
            an.r.add("dynamic", f"{prog} runs code that {posixpath.basename(cmd.argv[0])} writes what it reads into "
                                f"({mark}): a $(…) in it runs; pass it as an argument: sh -c '… \"$1\"' _ {mark}")
            continue
        if cmd.wrappers & {"xargs", "parallel"} and code.lstrip().startswith("{"):
            an.r.add("dynamic", f"{prog} runs code that {'/'.join(sorted(cmd.wrappers & {'xargs', 'parallel'}))} "
                                "reads from its input when it runs")
            continue
        if shell:
            an.line(code, depth + 1, cwd)
        else:
            # guard24: `node --eval "$(cat x.js)"` and `X=$(cat x.py); python3 -c "$X"` ran the file unread
            if code in cmd.expanded or "$(" in code and cmd.nested_programs:
                code = _substituted(an, prog, code, cwd)
                if code is None:
                    continue
            an.code(prog, f"{loads}\n{code}" if loads else code, depth, cwd)
    if inv.code_missing:
        an.r.add("dynamic", f"{prog} is given no code on the line: it comes from its input when it runs")
    if loads:  # `perl -I. -MEvil -e 1` loads ./Evil.pm
        an.code(prog, loads, depth, cwd)
    if prog in ("node", "nodejs") and any(a == "--test" or a.startswith("--test=") for a in cmd.argv):
        node_tests(an, cmd, depth)
    if prog in ("perl", "node", "nodejs"):  # `perl -d` reads ~/.perldb, node ~/.node_modules (safety.homefiles)
        from macrohard.safety import homefiles

        homefiles.judge(an, prog, cmd.argv[1:], cmd, depth)
    for path in inv.starts:  # `bash -l`, `bash -i`: the home folder's start-up files that exist (guard20)
        if an.paths.workspaces and os.path.isfile(full := posixpath.join(an.paths.workspaces[0], path[2:])):
            from macrohard.safety.native import placed_before_run

            if an.paths.since is not None and not placed_before_run(an, full):
                # the lead's forty-first-wave probe: `'crhsab.'[::-1]` wrote ~/.bashrc unread (writing it by name is
                # refused); its ctime says this run wrote it, as a git hook's does (gitrepo._written_this_run)
                an.r.add("persistence", f"{prog} reads {path} first, which this run wrote: a start-up file runs in "
                                        "every later shell; run the commands by name instead")
            an.script(path, cwd, depth, explicit=True, shell=True)
    mark = replaced(cmd)
    for path in [*inv.files, *([inv.script] if inv.script else [])]:
        if mark and mark in path:  # guard19: `xargs -I% sh %` ran the script it read the name of
            an.r.add("dynamic", f"{prog} runs {path[:40]}, a file {cmd.argv[0]} names from what it reads when it runs")
            continue
        real = an.paths.resolve(path, cwd) if not path.startswith(("<(", ">(", "$")) else path
        if real.startswith(("/dev/", "/proc/")) and not _FD_PATH.match(path):
            if not _FD_PATH.match(real):  # a link in the workspace to /dev/stdin, /proc/self/fd/3, /dev/tcp/...
                an.r.add("dynamic", f"{prog} runs {path}, which leads to {real}: only known when it runs")
                continue
            path = real
        fd = _FD_PATH.match(path)
        if fd is not None:
            number = fd.group("a") or fd.group("b")
            if not stdin_code(an, prog, cmd, depth, shell, any_fd=number not in (None, "0")) and number not in (
                    None, "0") and not cmd.nested_programs:
                an.r.add("dynamic", f"{prog} runs {path}, a file descriptor opened by an earlier command")
        elif path.startswith("<(") or path.startswith(">("):
            if not cmd.nested_programs & (R.DECODERS | R.DOWNLOADERS):  # those are refused by name
                an.r.add("dynamic", f"{prog} runs the output of a command ({path[:60]}) as code")
        elif "$" in path or "`" in path:
            an.r.add("dynamic", f"{prog} runs a script whose name is only known when it runs: {path[:60]}")
        elif cwd and ("$" in cwd or "`" in cwd) and not path.startswith(("/", "~")):  # guard39: `cd "$d" && node x.js`
            an.r.add("dynamic", f"runs {path} in a folder only known when the command runs (cd -, cd \"$x\", popd)")
        elif path == inv.script and not inv.module and not cmd.loop and any(ch in path for ch in "*?[") and \
                _picks(an, path, cwd):  # `. ./e.s?` (guard20); a loop's own pattern is listed by safety.loopglob
            an.r.add("dynamic", f"{prog} runs the file a glob picks when it runs ({path[:60]}); name it")
        elif path.startswith("data:"):  # node --import 'data:text/javascript,CODE'
            an.code(prog, _data_url(path), depth, cwd)
        elif shell:
            an.script(path, cwd, depth, explicit=True, shell=True, args=args if path == inv.script else ())
        elif prog in ("node", "nodejs") and _special(an.paths.resolve(path, cwd)):  # guard31: `mkfifo x.js`, fed later
            an.r.add("dynamic", f"{prog} runs {path}, which is not a regular file (a pipe or a device): what it holds is "
                                "only known when it runs")
        elif prog in ("node", "nodejs") and not os.path.isfile(an.paths.resolve(path, cwd)) and AUTOMATIC not in path:
            from macrohard.safety import jscode  # `node d` runs d.js or d/index.js, `node -r evil` a package

            bare = path in inv.files and not path.startswith((".", "/"))
            jscode.load_entry(an, prog, path if bare or path.startswith((".", "/")) else "./" + path, cwd, depth)
        elif (text := read_script(an, path, cwd, explicit=True)) is not None:
            an.code(prog, f"{loads}\n{text}" if loads else text, depth, cwd,
                    where=posixpath.dirname(an.paths.resolve(path, cwd)))
    if inv.module and prog.startswith(("python", "pypy")):  # `python3 -m tool`: a workspace tool/ or tool.py
        from macrohard.safety import pymodules

        pymodules.run_module(an, prog, inv.module, depth, cwd)
    if an.__dict__.pop("argv_writes", False) and not shell:  # guard40: `python3 w.py .bashrc`, w.py writing argv[1]
        from macrohard.safety import codewrites

        skip = {*inv.codes, *inv.files, inv.script, inv.module}
        codewrites.arguments(an, prog, [w for w in cmd.argv[1:] if w not in skip], cwd)
    if before:
        an.__dict__["argv_writes"] = True
    if prog.startswith(("python", "pypy")):  # shadowed standard modules, -W categories, doctest, zip apps
        from macrohard.safety import pyrun

        pyrun.judge(an, prog, inv, cmd, depth)
    if inv.stdin and cmd.wrappers & {"xargs", "parallel"}:  # guard18: `xargs sh < list.txt` ran the files listed
        an.r.add("dynamic", why := f"{prog} runs the scripts {'/'.join(sorted(cmd.wrappers & {'xargs', 'parallel'}))}"
                                   " names from what it reads when it runs; run each script by its name")
        an.r.firm.append(why)
    elif inv.stdin:
        stdin_code(an, prog, cmd, depth, shell)


def _special(path: str) -> bool:
    """A path that is there but is neither a regular file nor a folder: a named pipe, a device, a socket."""
    return os.path.exists(path) and not os.path.isfile(path) and not os.path.isdir(path)


def _picks(an: Analyzer, pattern: str, cwd: str | None) -> bool:
    """Whether bash's glob for a script (`. ./e.s?`, guard20) may pick a file: one there now, or one the line may have
    written first (with no match bash passes the pattern itself, a name no file has)."""
    import glob

    # either case: `shopt -s nocaseglob` a step before lets `sh RUN.S?` pick run.sh (guard29: it ran unread)
    # (a bracket expression read as any one character, a letter as either case: a superset of what it may match)
    nocase = re.sub(r"\[!?\]?(?:\[:\w+:\]|[^]])*\]|[A-Za-z]", lambda m: "?" if m.group(0).startswith("[") else
                    f"[{m.group(0).lower()}{m.group(0).upper()}]", pattern)
    # dot-files too: `shopt -s dotglob` a step before lets `sh *.sh` pick .r.sh (guard38: it ran unread)
    return bool(glob.glob(an.paths.resolve(pattern, cwd), include_hidden=True)) or \
        bool(glob.glob(an.paths.resolve(nocase, cwd), include_hidden=True)) or \
        bool(an.written) or an.unmodelled_writes or an.unknown_writes


def _data_url(url: str) -> str:
    """The code a ``data:`` URL holds (percent-encoded or base64)."""
    import base64
    import urllib.parse

    head, _, body = url.partition(",")
    if head.endswith(";base64"):
        try:
            return base64.b64decode(body + "=" * (-len(body) % 4)).decode(errors="replace")
        except ValueError:
            return "eval(undecodable)"  # judged as code built when it runs
    return urllib.parse.unquote(body)


def _env_files(an: Analyzer, cmd: SimpleCommand, depth: int) -> None:
    """``node --env-file=F``: node sets the variables F holds, NODE_OPTIONS among them, before it starts (guard19:
    ``NODE_OPTIONS=--require ./e.js`` in such a file ran e.js unread)."""
    from macrohard.safety import envvars

    argv = cmd.argv
    for i, a in enumerate(argv):
        name, eq, value = a.partition("=")
        if name in ("--env-file", "--env-file-if-exists"):
            path = value if eq else argv[i + 1] if i + 1 < len(argv) else ""
            text = read_script(an, path, cmd.cwd, explicit=True) if path and "$" not in path else None
            if text is None and path:
                an.r.add("dynamic", f"node reads its environment from {path[:40]}, which the guard cannot read")
            for m in re.finditer(r"^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(['\"]?)(.*?)\2\s*$", text or "", re.M):
                envvars.assign(an, m.group(1), m.group(3), depth, cmd.cwd)


def _perl_options(argv: list[str]) -> str:
    """``-Idir`` and ``-MModule`` options of a perl command as the code they amount to (``use lib``, ``use``)."""
    out = []
    for i, a in enumerate(argv[1:], start=1):
        if a == "--" or not a.startswith("-") and i > 1 and argv[i - 1] not in ("-I", "-M", "-m"):
            break
        if a.startswith(("-d:", "-dt:")):  # `perl -I. -d:X` loads Devel::X (guard24: ran ./Devel/X.pm)
            out.append("use Devel::{};".format(a.split(":", 1)[1].split("=")[0]))
        for flag, form in (("-I", "use lib '{}';"), ("-M", "use {};"), ("-m", "use {};")):
            if a.startswith(flag):
                value = a[2:] or (argv[i + 1] if i + 1 < len(argv) else "")
                out.append(form.format(value.lstrip("-").split("=")[0].split()[0] if flag != "-I" else value))
    return "\n".join(out)


def stdin_code(an: Analyzer, prog: str, cmd: SimpleCommand, depth: int, shell: bool, any_fd: bool = False) -> bool:
    """Judge what a redirect feeds a command that reads code from its input (a pipe: ``flows.pipeline``).
    Returns whether a source of that input was found on the command."""
    found = False
    judge = (lambda text: an.line(text, depth + 1, cmd.cwd)) if shell else (
        lambda text: an.code(prog, text, depth, cmd.cwd))
    if cmd.heredoc:
        judge(cmd.heredoc)
        found = True
    for op, target in cmd.redirects:
        if op == "<" and target:
            found = True
            if "$" in target or "`" in target:
                an.r.add("dynamic", f"{prog} reads its code from {target[:60]}, only known when it runs")
            elif target.startswith("<("):
                an.r.add("dynamic", f"{prog} reads its code from the output of a command ({target[:60]})")
            elif shell:
                an.script(target, cmd.cwd, depth, explicit=True, shell=True)
            elif (text := read_script(an, target, cmd.cwd, explicit=True)) is not None:
                judge(text)
        elif op == "<&" and target not in ("0", "1", "2", "-"):
            found = True
            an.r.add("dynamic", f"{prog} reads its code from file descriptor {target}, opened by an earlier command")
        elif op == "<<<":
            found = True
            if "$" in target or "`" in target:
                if not cmd.nested_programs & (R.DECODERS | R.DOWNLOADERS):  # those are refused by name
                    an.r.add("dynamic", f"{prog} runs text only known when it runs: {target[:60]}")
            else:
                judge(target)
    if not found and not any_fd and an.stdin_feeds and an.stdin_feeds[-1] is not cmd:
        # `bash -c 'source /dev/stdin' < x.sh`: the input of the command whose code this is
        return stdin_code(an, prog, an.stdin_feeds[-1], depth, shell)
    return found


_NODE_TEST = lazyre.compile(r"(?:.*[.\-_])?test\.[cm]?js$|test-.*\.[cm]?js$|.*_test\.[cm]?js$")


def node_tests(an: Analyzer, cmd: SimpleCommand, depth: int) -> None:
    """``node --test [PATHS]``: node runs every test file it finds (``*.test.js``, ``test-*.js``, ``test/**.js``;
    guard20: an ``a.test.js`` ran unread)."""
    cwd = an.paths.resolve(cmd.cwd or ".", None)
    given = [a for a in cmd.argv[1:] if not a.startswith("-")]
    seen = 0
    for top in [an.paths.resolve(g, cwd) for g in given] or [cwd]:
        walk = [(posixpath.dirname(top), [], [posixpath.basename(top)])] if os.path.isfile(top) else os.walk(top)
        for folder, dirs, files in walk:
            dirs[:] = [d for d in dirs if d != "node_modules" and not d.startswith(".")]
            in_test = "/test" in folder[len(cwd):] or given
            for name in files:
                if not name.endswith((".js", ".mjs", ".cjs")) or not (in_test or _NODE_TEST.fullmatch(name)):
                    continue
                seen += 1
                if seen > 100:
                    an.r.add("dynamic", "node --test runs more test files than the guard reads")
                    return
                if (text := read_script(an, posixpath.join(folder, name), None, True)) is not None:
                    an.code("node", text, depth, cwd, here=folder)


def has_input(cmd: SimpleCommand) -> bool:
    """Whether a redirect or heredoc on ``cmd`` gives it an input (which code run inside it may read as code)."""
    return bool(cmd.heredoc) or any(op in ("<", "<&", "<<<") for op, _ in cmd.redirects)
