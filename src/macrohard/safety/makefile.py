"""The recipes ``make`` runs: read from the workspace's Makefile and judged like command lines.

``write_file Makefile`` in one step and ``make`` in the next runs whatever the recipes say. The guard reads the
makefile ``make`` will use (``-f FILE``, ``-C DIR``, else ``GNUmakefile``/``makefile``/``Makefile``), expands
the variables it defines and make's usual ones, and judges each recipe line (and each ``$(shell …)``) as a
command. Only hard findings count (harm by name: remote code, destruction, credentials, ...): a recipe is full
of ``$@`` and ``$(CC)`` that the guard reads as placeholders, so "only known when it runs" is no reason to ask.
What a recipe runs beyond that (a program it builds, a script it calls) is judged no further: the sandbox holds.
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from typing import TYPE_CHECKING

from macrohard.safety import envvars, makeauto, makelang, makeremake, scripts
from macrohard.safety.makewords import recipe_lines
from macrohard.safety.shellvalues import UNREAD

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.shellparse import SimpleCommand

MAKES = frozenset({"make", "gmake", "bmake"})
SOFT = frozenset({"dynamic", "unparseable"})
# the variables make's built-in rules put in the commands they run
_RULE_VARS = frozenset({"CC", "CXX", "CPP", "AS", "AR", "LD", "FC", "F77", "PC", "LEX", "YACC", "LINT", "M2C", "TEX",
                        "MAKEINFO", "CO", "GET", "CTANGLE", "CWEAVE", "TANGLE", "WEAVE", "TEXI2DVI", "RM", "CFLAGS",
                        "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "LDLIBS", "LOADLIBES", "TARGET_ARCH", "TARGET_MACH",
                        "ASFLAGS", "ARFLAGS", "LFLAGS", "YFLAGS", "FFLAGS", "PFLAGS", "RFLAGS", "COFLAGS", "GFLAGS",
                        "LINTFLAGS", "OUTPUT_OPTION", "COMPILE.c", "COMPILE.cc", "COMPILE.cpp", "COMPILE.C",
                        "COMPILE.s", "COMPILE.S", "COMPILE.f", "COMPILE.F", "COMPILE.p", "COMPILE.r", "COMPILE.m",
                        "LINK.c", "LINK.cc", "LINK.cpp", "LINK.C", "LINK.o", "LINK.s", "LINK.S", "LINK.f", "LINK.F",
                        "LINK.p", "LINK.r", "PREPROCESS.S", "PREPROCESS.F", "PREPROCESS.r", "LEX.l", "YACC.y",
                        "LINT.c", "CHECKOUT,v", "OBJC"})
_DEFAULTS = {"CC": "cc", "CXX": "g++", "CPP": "cc -E", "RM": "rm -f", "MAKE": "make", "SHELL": "/bin/sh",
             "AR": "ar", "AS": "as", "LD": "ld", "INSTALL": "install", "PYTHON": "python3"}


def judge(an: Analyzer, prog: str, args: list[str], cmd: SimpleCommand, depth: int) -> None:
    """Judge the recipes ``make ARGS`` would run (hard findings only; what the guard cannot follow is asked about)."""
    files, texts, dirs = [], [], []
    where: str | None = None  # -C folders, in turn
    args = _options(args)
    for i, a in enumerate(args):
        value = args[i + 1] if i + 1 < len(args) else ""
        if a in ("-E", "--eval"):  # makefile text on the command line
            texts.append(value)
            if value in cmd.expanded or f"{a}={value}" in cmd.expanded:  # guard24: `M=$(cat m.txt)` then `make --eval="$M"` ran m.txt's $(shell …)
                an.r.add("dynamic", f"make {a} gets makefile text only known when it runs ({value[:40]}); write it out")
        elif a in ("-f", "--file", "--makefile"):  # `make -f ~/x/Makefile`, `-C $HOME/x`: the home's (guard39)
            files.append(an.paths.expand_home(value))
        elif a in ("-C", "--directory"):
            value = an.paths.expand_home(value)
            where = posixpath.join(where or ".", value) if not value.startswith("/") else value
        elif a in ("-I", "--include-dir"):
            dirs.append(an.paths.expand_home(value))
    base = an.paths.resolve(where or ".", cmd.cwd)  # where make runs, and runs its recipes (guard16: `cd sub && make`
    # read sub/sub/Makefile, `make -C sub` judged the recipes in the outer folder: sub/run.sh ran unread)
    if not files:
        files = [next((posixpath.join(base, n) for n in ("GNUmakefile", "makefile", "Makefile")
                       if os.path.isfile(posixpath.join(base, n))), posixpath.join(base, "Makefile"))]
    # a sub-make gets its parent's command-line variables through MAKEFLAGS, over its own makefile's (guard17)
    # rt53: a variable's value bash expands when it runs (`make CC="$(cat cc.txt)" hello`) is unknown to the guard;
    # read as make text it was `$(cat cc.txt)`, an empty make variable, and the built-in rule's compiler ran unseen.
    # An expansion whose output holds no local data and no `$` (`DATA="$(date)"`) is kept for the recipe's shell.
    from macrohard.safety.flows import clean_pattern

    clean = clean_pattern(an)
    kept = {a for a in cmd.expanded if clean is not None and not re.search(r"[$`]", clean.sub("", a))}
    given = {**an.__dict__.get("make_given", {}), **_command_line(args, cmd.expanded - kept, kept)}
    # a recipe that runs make on a makefile being judged, with the same variables (cmake's Makefile2 calls itself):
    # what it runs is judged already
    key = (base, tuple(files), tuple(texts), tuple(sorted(given.items())), "-e" in args, tuple(dirs))
    judging = an.__dict__.setdefault("makefiles_judging", set())
    if key in judging:
        return
    judging.add(key)
    try:
        _judge(an, args, cmd, depth, base, files, texts, dirs, given)
    finally:
        judging.discard(key)


def _options(args: list[str]) -> list[str]:
    """make's options one per word, each value in the word after its option: clustered short options apart (``-sC d``
    and ``-kCd`` are ``-s -k -C d``: the lead, wave 16, a clustered -C read the makefile of the wrong folder) and
    ``--directory=d`` as ``--directory d``."""
    out: list[str] = []
    take = False  # the word is the value of the option before it
    for a in args:
        if take or not a.startswith("-") or len(a) < 3:
            out.append(a)
            take = not take and a in _VALUED
        elif a.startswith("--"):
            a = _long(a)
            out += a.split("=", 1) if "=" in a and a.split("=", 1)[0] in _VALUED else [a]
            take = a in _VALUED
        else:
            for k, ch in enumerate(a[1:], 1):
                if ch in "CfIoWE":  # the rest of the word, or the next word, is the value
                    out += [f"-{ch}"] + ([a[k + 1:]] if a[k + 1:] else [])
                    take = not a[k + 1:]
                    break
                if ch in "jlO":  # an optional value, attached only
                    out.append(a[k - 1:] if k == 1 else f"-{a[k:]}")
                    break
                out.append(f"-{ch}")
    return out


def _long(word: str) -> str:
    """``--dir=d`` as ``--directory=d``: make takes any unambiguous start of a long option's name (guard18:
    ``--dir``, ``--eva``, ``--fi`` read another makefile than the guard did)."""
    name, eq, value = word[2:].partition("=")
    if name in _LONG:
        return word
    found = {full for full in _LONG if full.startswith(name)}
    return f"--{found.pop()}{eq}{value}" if name and len(found) == 1 else word


_LONG = frozenset({"always-make", "directory", "debug", "environment-overrides", "eval", "file", "makefile", "help",
                   "ignore-errors", "include-dir", "jobs", "jobserver-auth", "jobserver-style", "keep-going",
                   "load-average", "max-load", "check-symlink-times", "just-print", "dry-run", "recon",
                   "no-builtin-rules", "no-builtin-variables", "no-keep-going", "stop", "old-file", "assume-old",
                   "output-sync", "print-data-base", "question", "no-print-directory", "print-directory", "silent",
                   "quiet", "no-silent", "trace", "touch", "version", "warn-undefined-variables", "what-if",
                   "new-file", "assume-new", "temp-stdin", "shuffle"})
_VALUED = frozenset({"-C", "-f", "-I", "-o", "-W", "-E", "--directory", "--file", "--makefile", "--include-dir",
                     "--eval", "--old-file", "--what-if", "--new-file", "--assume-old", "--assume-new"})


def _judge(an: Analyzer, args: list[str], cmd: SimpleCommand, depth: int, base: str, files: list[str],
           texts: list[str], dirs: list[str], given: dict[str, str]) -> None:
    from macrohard.safety.commands import Analysis, Analyzer

    probe = Analysis()
    sub = Analyzer(an.paths, probe)
    sub.path_dirs, sub.new_remotes, sub.jobs = an.path_dirs, an.new_remotes, an.jobs
    sub.functions = dict(an.functions)  # `export -f lsx` a step earlier: a bash recipe's `lsx` runs it (guard16)
    sub.__dict__["makefiles_judging"] = an.__dict__["makefiles_judging"]
    sub.__dict__["make_automatic"] = True  # a script named by an automatic variable's placeholder (safety.makeauto)
    sub.values = an.values.copy()  # a sub-make (`$(MAKE) -C sub`) sees the variables the session set too
    sub.__dict__["line_code"] = an.__dict__.setdefault("line_code", [])  # its recipes are code the line runs (rt56)
    seen: set[str] = set()
    late = _Late()

    def read(name: str, explicit: bool = False) -> str | None:
        if "$" in name or name in ("-", "/dev/stdin") or name.startswith(("<(", "/dev/fd/", "/proc/")):  # guard20
            late.ask(f"make reads a makefile only known when it runs: {name[:60]}")
            return None
        # make looks for an included makefile in the folder it runs in, then in the -I folders
        where_ = [posixpath.join(base, name)] + ([] if explicit or name.startswith("/") else [
            posixpath.join(an.paths.resolve(d, base), name) for d in dirs])
        path = next((p for p in where_ if os.path.exists(an.paths.resolve(p, cmd.cwd))), where_[0])
        if not explicit and not os.path.exists(an.paths.resolve(path, cmd.cwd)) and "-r" not in args and \
                makeremake.builtin_source(an.paths.resolve(path, cmd.cwd)):  # `%: %.sh` makes x.mk from x.mk.sh
            late.ask(f"make would make the makefile {name} it includes with a built-in rule, then read what it wrote")
        if path in seen or len(seen) >= 16:
            return None
        seen.add(path)
        if an.paths.resolve(path, cmd.cwd) in sub.written or sub.unknown_writes:  # `$(shell printf … > gen.mk)`
            late.ask(f"make includes {name}, which a $(shell …) it ran while reading wrote (guard17)")  # then
            return None  # `-include gen.mk`: make read what the guard never saw
        return scripts.read_script(an, path, cmd.cwd, explicit=True)

    mk = makelang.Makefile(_DEFAULTS, given, set(an.values.deps), base,
                           shell=lambda line: _run(sub, late, line, depth, base), reader=read, goals=_goals(args))
    # guard40: make takes HOME from its environment, the workspace where the session left it (`$(HOME)/build` was
    # judged as /build, outside the workspace)
    mk.home = an.paths.home if "HOME" not in an.values.deps and "HOME" not in an.session_vars else None
    late.bind(mk)
    for line in mk.early:
        _run(sub, mk, line, depth, base)
    for text in texts:
        mk.read(text)
    for name in files:
        if text := read(name, explicit=True):
            mk.read(text)
    mk.named()
    if "-e" in args or "--environment-overrides" in args:
        mk.vars.update({n: (makelang.MARK, False) for n in mk.session})
    makeremake.judge(an, mk, [an.paths.resolve(posixpath.join(base, f) if not f.startswith("/") else f, cmd.cwd)
                              for f in files], "-r" in args or "--no-builtin-rules" in args,
                     "-B" in args or "--always-make" in args)
    shell = mk.expand("$(SHELL)")
    if shell not in ("/bin/sh", "/bin/bash", "sh", "bash", "/usr/bin/bash", "/usr/bin/sh"):
        _run(sub, mk, shell, depth, base)  # SHELL=./x.sh runs every recipe
    # make's built-in rules run them (`app: app.o` compiles with $(CFLAGS); guard16: CFLAGS = ; curl|sh ran), also
    # where the session set them (guard18: `YACC=./x make x.c` ran ./x)
    for name in sorted((mk.assigned | set(given) | mk.session) & _RULE_VARS):
        _run(sub, mk, mk.expand(f"$({name})"), depth, base)
    if "-r" not in args and "--no-builtin-rules" not in args:
        for line in _builtin_recipes(an, mk, _goals(args), base, cmd.cwd):
            _run(sub, mk, line, depth, base)
    lines = [line.lstrip("@-+ \t") for raw, auto in makeauto.recipes(mk) for line in recipe_lines(mk.expand(raw, auto))]
    env = _environment(mk, given, set(an.values.deps))
    # what a recipe's `$(MAKE) -C sub` inherits: this make's command-line variables, and what it exports in the
    # environment (unknown there: `X ?= …` and `make -e` take it; guard17, both ran the parent's value unseen)
    sub.__dict__["make_given"] = given
    for name in env:
        sub.values.deps.setdefault(name, {UNREAD})
    for line in lines:  # make strips @, - and + from each line after expanding it
        _run(sub, mk, line, depth, base, env)
    if ".ONESHELL" in mk.targets:  # a rule's lines go to one shell: quotes and heredocs span them
        _run(sub, mk, "\n".join(lines), depth, base, env)
    for name in sorted(n for n in mk.exports() if envvars.sensitive(n)):
        if name == "SHELL" and name not in mk.targeted and envvars.system_shell(mk.expand("$(SHELL)").strip()):
            continue  # every CMake makefile sets `SHELL = /bin/sh` (the lead's fresh clone: guard24 asked both builds)
        mk.ask(f"the makefile exports {name} to its recipes, which programs read as code or as where to find it")
    for why in mk.problems:  # firm: they stand where this make is a recipe of another (guard17: a sub-make's
        an.r.add("dynamic", f"{why}; the guard cannot tell what make runs")  # `X ?= …` of an export was dropped)
        an.r.firm.append(f"{why}; the guard cannot tell what make runs")
    for category, detail in probe.findings.items():
        if category not in SOFT:
            an.r.add(category, f"make runs a recipe that {detail}")
    for detail in probe.firm:  # a compiled program it builds or runs (safety.native)
        an.r.add("dynamic", f"make runs a recipe that {detail}")
    if talking := sub.__dict__.get("compiled_net"):  # rt48b: `all: s` / `./s` before `s: s.c` / `cc -o s s.c`
        _runs_built(an, talking, lines, base)
    an.__dict__.setdefault("compiled", set()).update(sub.__dict__.get("compiled", ()))
    an.written.update(sub.written)  # what the recipes wrote, for the rest of the line (safety.rewrites)
    if sub.unknown_writes and not an.unknown_writes:
        an.unknown_writes, an.rewriter = True, f"a make recipe: {sub.rewriter}"
    an.r.programs |= probe.programs
    an.r.paths += probe.paths
    an.r.hosts += probe.hosts


def _runs_built(an: Analyzer, talking: set[str], lines: list[str], base: str) -> None:
    """A recipe that runs a program another recipe builds from sources that open network connections: make's order
    is not the order the guard reads recipes in (a goal's recipe before its prerequisite's), so the program's run was
    judged before the build had said what it is (rt48b: `make` built and ran a C sender after an injected note)."""
    for line in lines:
        try:
            words = shlex.split(line, comments=True)
        except ValueError:
            words = line.split()
        for i, word in enumerate(words):
            if "/" in word and not (i and words[i - 1] == "-o"):  # `./s`, `bin/s`: not the compiler's output
                path = an.paths.resolve(word, base)
                if path in talking:
                    an.r.add("network", f"make runs {word[:60]}, which a recipe builds from sources that open "
                                        "network connections")
                    return


class _Late:
    """The Makefile being made, for what asks while it is made: its constructor already expands the command line's
    variables and reads includes, so a ``$(shell …)`` there asks before ``mk`` is bound (flow18:
    ``make upload 'DATA=$(shell cat .env)'`` raised NameError out of the review)."""

    def __init__(self) -> None:
        self.mk: makelang.Makefile | None = None
        self.pending: list[str] = []

    def ask(self, why: str) -> None:
        if self.mk is None:
            self.pending.append(why)
        else:
            self.mk.ask(why)

    def bind(self, mk: makelang.Makefile) -> None:
        self.mk = mk
        for why in self.pending:
            mk.ask(why)


def _run(sub: Analyzer, mk: makelang.Makefile | _Late, line: str, depth: int, base: str,
         env: dict[str, str | None] | None = None) -> None:
    """Judge one command make runs (a recipe line, a ``$(shell …)``, ``VAR != …``, ``SHELL``). ``env``: what a
    recipe's shell finds in its environment (name -> value, None where the guard cannot read it)."""
    from macrohard.safety.commands import Analysis

    if makelang.MARK in line:
        mk.ask("make runs a command built from text the guard cannot read (a $(shell …)'s output, a variable "
               "the session set, a file name)")
        line = line.replace(makelang.MARK, "")
    if not line.strip():
        return
    names = set(re.findall(r"\$\{?([A-Za-z_]\w*)", line)) & set(env or ())
    # what make exports is in the recipe's environment: `export X = run.sh` and `sh $$X` ran run.sh (guard17)
    known = "".join(f"{n}={shlex.quote(env[n])}; " for n in sorted(names) if env and env[n] is not None)
    outer, sub.r = sub.r, Analysis()
    try:
        sub.line(known + line, depth + 1, base)
    finally:
        found, sub.r = sub.r, outer
    for category, detail in found.findings.items():
        outer.add(category, detail)
    outer.programs |= found.programs
    outer.paths += found.paths
    outer.hosts += found.hosts
    outer.firm += found.firm
    # a soft finding ("only known when it runs") is dropped in a recipe full of make's placeholders, but not where
    # the shell reads a value make or the session put in its environment that the guard cannot read
    soft = [found.findings[c] for c in SOFT if c in found.findings]
    unread = {n for n, v in (env or {}).items() if v is None}
    if soft and (unread & names or set(env or ()) & set(re.findall(r"\$\{?([A-Za-z_]\w*)", " ".join(soft)))):
        mk.ask("a recipe runs something only known when it runs, from a variable in its environment the guard "
               "cannot read: " + soft[0][:80])


def _environment(mk: makelang.Makefile, given: dict[str, tuple[str, str]], session: set[str]) -> dict[str, str | None]:
    """The variables a recipe's shell inherits: what the makefile exports and the command line set (their values
    as make expands them), and what the session's shell exported (unknown)."""
    env: dict[str, str | None] = {n: None for n in session}
    for name in mk.exports() | set(given) | mk.targeted & mk.exported:
        value = mk.expand(f"$({name})") if name not in mk.targeted else makelang.MARK
        env[name] = None if makelang.MARK in value else value
    return env


def _command_line(args: list[str], unknown: set[str] | frozenset[str] = frozenset(),
                  shell: set[str] | frozenset[str] = frozenset()) -> dict[str, tuple[str, str]]:
    """The variables make's command line sets: any word with an assignment operator, whatever its name (name ->
    (operator, value)); guard17: only ``[\\w.]+=`` was read, ``X+=…``, ``X:=…``, ``A-B=…`` taken for goals. A word
    in ``unknown`` (an expansion the line cannot resolve) gives its variable the value only known when it runs; one in
    ``shell`` (expansions whose output holds no ``$``) keeps bash's text for the recipe's shell to be judged with."""
    out: dict[str, tuple[str, str]] = {}
    skip = False
    for a in args:
        if skip or a.startswith("-"):
            skip = not skip and a in _VALUED
            continue
        m = re.match(r"\s*(?:(?:override|export)\s+)*([^\s=]*?)\s*(:::=|::=|:=|\+=|\?=|!=|=)(.*)\Z", a, re.S)
        if m and m.group(1):
            out[m.group(1)] = (m.group(2), makelang.MARK if a in unknown else
                               m.group(3).replace("$", "$$") if a in shell else m.group(3))
    return out


_VALUED = frozenset({"-C", "-f", "-I", "-o", "-W", "-E", "-l", "--file", "--makefile", "--directory", "--include-dir",
                     "--old-file", "--assume-old", "--what-if", "--new-file", "--assume-new", "--eval"})


def _goals(args: list[str]) -> tuple[str, ...]:
    """The targets named on make's command line (not options, their values, or variables)."""
    out, skip = [], False
    assigned = {a for a in args if _command_line([a])}
    for a in args:
        if skip:
            skip = False
        elif a in _VALUED:
            skip = True
        elif not a.startswith("-") and a not in assigned:
            out.append(a)
    return tuple(out)


_BUILTIN = ((".c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) {src} $(LDLIBS) -o {goal}"),
            (".cc", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) {src} $(LDLIBS) -o {goal}"),
            (".cpp", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) {src} $(LDLIBS) -o {goal}"),
            (".C", "$(CXX) $(CXXFLAGS) $(CPPFLAGS) $(LDFLAGS) {src} $(LDLIBS) -o {goal}"),
            (".sh", "cat {src} >{goal}; chmod a+x {goal}"))


def _builtin_recipes(an: Analyzer, mk: makelang.Makefile, goals: tuple[str, ...], base: str,
                     cwd: str | None) -> list[str]:
    """What make's built-in rules run to make each goal from a source beside it (``make app`` compiles app.c or
    copies app.sh), so that ``make app && ./app`` is judged as that program (the lead, wave 16: both ran unread)."""
    out = []
    for goal in goals:
        for ext, recipe in _BUILTIN:
            src = posixpath.join(base, goal + ext)
            if "%" not in goal and os.path.isfile(an.paths.resolve(src, cwd)):
                out.append(mk.expand(recipe.format(src=goal + ext, goal=goal)))
                break
    return out
