"""A makefile read as GNU make reads it, as far as the guard can follow: its variables, conditionals, functions
and recipes (``safety.makefile`` judges the recipes this returns).

Earlier the guard expanded only plain ``$(NAME)`` references and read every other function as empty text, so a
recipe make builds with ``$(subst X,,cuXrl …)``, ``$(foreach …)``, ``$(if …)``, ``$(call …)``, ``$(value …)``,
``$(patsubst …)``, ``$(X:cu=curl)``, a ``define`` block, ``$(eval …)``, ``$(file …)``, ``.RECIPEPREFIX``, an
indented ``include`` or a ``$(shell …)``'s output ran unseen (guard16). Now make's text functions are computed as
make computes them; what the guard cannot compute is marked (``MARK``: a ``$(shell …)``'s output, a wildcard's
odd file names, a name the session's shell set and make takes from the environment) and a recipe holding a mark
is a reason to ask, as are the constructs that change what make reads (``$(eval)``, ``$(file)``, ``load``,
``.RECIPEPREFIX``, a conditional on unknown text, ``.SHELLFLAGS``, an exported variable programs read as code).
"""

from __future__ import annotations

import glob
import posixpath
import re
from collections.abc import Callable

from macrohard.safety import envvars, lazyre
from macrohard.safety.envvars import TOOL_FLAGS, TOOLS
from macrohard.safety.makefuncs import FUNCTIONS, PLAIN, function
from macrohard.safety.makewords import AUTOMATIC, MARK, close, continued, patsubst, split_args, split_rule, uncomment

MAKE_KNOWN = frozenset({"PATH", "HOME", "LANG", "TERM", "PAGER", "GIT_PAGER", "PS1", "EMAIL", "PWD", "OLDPWD", "SHLVL",
                        "_", "MAKE_VERSION", "MAKE_HOST", "MAKELEVEL", "MAKE_COMMAND", "MAKE_TERMOUT", "MAKE_TERMERR",
                        ".FEATURES", ".VARIABLES", ".INCLUDE_DIRS", ".DEFAULT_GOAL", ".SHELLSTATUS", ".LOADED",
                        ".LIBPATTERNS", "SUFFIXES", "ARFLAGS", "OUTPUT_OPTION", "MAKEINFO", "TEX", "YACC", "LEX",
                        "FC", "F77", "PC", "LINT", "M2C", "CO", "GET", "CTANGLE", "CWEAVE", "TANGLE", "WEAVE",
                        "TEXI2DVI", "OBJC"})
JUDGED = TOOLS | TOOL_FLAGS  # judged where the session set them (safety.envvars): CC=gcc, CFLAGS=-O2
_FLAGS = frozenset({"MAKEFLAGS", "GNUMAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"})
_ASSIGN = lazyre.compile(r"(::?=|:::=|\+=|\?=|!=|=)")
_SAFE_FLAGS = frozenset({"-c", "-ec", "-ce", "-e -c", "-xc", "-o pipefail -c", "-eo pipefail -c", "-euo pipefail -c",
                         "-eu -o pipefail -c", "-e -o pipefail -c"})


class Makefile:
    """What one ``make`` reads: variables (name -> (value, recursive)), recipes (raw, expanded at the end as make
    does), the names it exports, and ``problems`` (reasons to ask)."""

    def __init__(self, defaults: dict[str, str], given: dict[str, tuple[str, str]], session: set[str], folder: str,
                 shell: Callable[[str], None], reader: Callable[[str], str | None], goals: tuple[str, ...] = ()) -> None:
        self.vars: dict[str, tuple[str, bool]] = {k: (v, False) for k, v in defaults.items()}
        self.given = set(given)  # set on make's command line: the makefile's own assignments do not change them
        # `make 'x; curl … | sh'`: a goal is $@ in a pattern rule's recipe (guard16)
        self.auto = AUTOMATIC if all(PLAIN.fullmatch(g) for g in goals) else MARK
        self.goals_given = [*goals, *(f"{k}{op}{v}" for k, (op, v) in given.items())]
        self.vars["MAKECMDGOALS"] = (" ".join(goals) if self.auto == AUTOMATIC else MARK, False)
        self.session, self.folder, self.shell, self.reader = session, folder, shell, reader
        self.home: str | None = None  # make's $(HOME) from the environment, where the guard knows it (guard40)
        self.recipes: list[str] = []
        self.targets: list[str] = []
        self.included: list[str] = []
        self.prereqs: list[str] = []
        self.rules: list[tuple[list[str], list[str]]] = []  # (targets, prerequisites) of each rule
        self.normal: list[list[str]] = []  # each rule's prerequisites before `|` (safety.makeauto)
        self.recipe_rule: list[int] = []  # the rule each recipe line belongs to (-1: none)
        self.vpath = False  # a `vpath` line: make may find a prerequisite in another folder
        self.globbed: set[str] = set()
        self.targeted: set[str] = set()  # names given a value for some targets only
        self.exported: set[str] = set(given)  # make exports what its command line set
        self.export_all = False
        self.assigned: set[str] = set()
        self.problems: list[str] = []
        self.early: list[str] = []  # commands the command line's `X!=…` run
        for name, (op, value) in given.items():
            self._given(name, op, value)

    def _given(self, name: str, op: str, value: str) -> None:
        """A variable make's command line sets, with make's operators (guard17: ``X+=…``, ``X:=…``, ``A-B=…`` were
        read as goals, ``X=$(Y)`` as literal text, ``.SHELLFLAGS=…`` and ``.RECIPEPREFIX=…`` went unchecked)."""
        if "$" in name:
            self.ask("make's command line sets a variable whose name the guard cannot read")
            return
        old, env = self.vars.get(name), name in self.session
        if op == "!=":  # make runs it before reading any makefile (judged once this object is made)
            self.early.append(value)
        if op == "!=" or op == "?=" and env:
            self.vars[name] = (MARK, False)
        elif op == "?=":
            self.vars[name] = old or (value, True)
        elif op == "+=":
            base = MARK if env else old[0] if old else ""
            self.vars[name] = (f"{base} {value}" if base else value, True)
        else:
            simple = op in (":=", "::=", ":::=")
            self.vars[name] = (self.expand(value) if simple else value, not simple)
        self._special(name)

    def ask(self, why: str) -> None:
        if why not in self.problems:
            self.problems.append(why)

    # -- reading ---------------------------------------------------------------------------------------------
    def read(self, text: str, depth: int = 0) -> None:
        lines = text.replace("\r\n", "\n").split("\n")
        conds: list[list[bool]] = []  # [active, taken] per open conditional
        in_rule, i = False, 0
        while i < len(lines):
            raw, i = lines[i], i + 1
            recipe = raw.startswith("\t") and in_rule
            while continued(raw) and i < len(lines):  # a recipe keeps `\<newline>` for the shell and loses the
                nxt, i = lines[i], i + 1  # next line's tab (guard17: `cu\<newline><tab>rl` was read as `cu rl`); other
                raw = raw + "\n" + nxt.removeprefix("\t") if recipe else raw[:-1] + " " + nxt  # lines join with a space
            active = all(c[0] for c in conds)
            if raw.startswith("\t") and in_rule:
                if active:
                    self.recipes.append(raw[1:])
                    self.recipe_rule.append(len(self.rules) - 1)
                continue
            if raw.startswith("\t") and active:  # a tab outside a rule: make reads it as a makefile line
                self.recipes.append(raw[1:])
                self.recipe_rule.append(-1)
            line = uncomment(raw).strip()
            if not line:
                continue
            word = line.split(None, 1)[0]
            if word in ("ifeq", "ifneq", "ifdef", "ifndef"):
                value = self._condition(line) if active else False
                conds.append([value, value])
                continue
            if word == "else" and conds:
                rest = line[4:].strip()
                top = conds[-1]
                value = not top[1] and (self._condition(rest) if rest else True) if all(c[0] for c in conds[:-1]) \
                    else False
                top[0], top[1] = value, top[1] or value
                continue
            if word == "endif" and conds:
                conds.pop()
                continue
            if word in ("define", "override", "export", "private") and re.match(r"(?:(?:override|export|private)"
                                                                                 r"\s+)*define\b", line):
                body, nest = [], 0
                while i < len(lines):
                    part, i = lines[i], i + 1
                    head = part.strip().split(None, 1)[:1]
                    nest += head == ["define"]
                    if head == ["endef"]:
                        if nest == 0:
                            break
                        nest -= 1
                    body.append(part)
                if active:
                    header = re.sub(r"^(?:(?:override|export|private)\s+)*define\s+", "", line)
                    m = _ASSIGN.search(header)
                    name, op = (header[:m.start()].strip(), m.group(1)) if m else (header.strip(), "=")
                    self.assign(self.expand(name), op, "\n".join(body), line.split()[:-1])
                in_rule = False
                continue
            if not active:
                continue
            in_rule = self._statement(line, depth, in_rule)

    def _statement(self, line: str, depth: int, in_rule: bool) -> bool:
        """One makefile line; whether a rule's recipe may follow."""
        m = re.match(r"(-?include|sinclude|-?load)\s+(.*)$", line)
        if m:
            if m.group(1).endswith("load"):
                self.ask("make loads a shared object into itself (load)")
                return False
            names = self.expand(m.group(2)).split()
            for name in names:
                if MARK in name:
                    self.ask("make includes a makefile whose name the guard cannot read")
                    continue
                if re.search(r"[*?\[]", name) and name not in self.globbed:  # `include *.mk`: make reads every
                    self.globbed.add(name)  # file the glob lists (guard16); a listed name is not listed again
                    names += sorted(n[len(self.folder) + 1:] if n.startswith(self.folder + "/") else n for n in
                                    glob.glob(name if name.startswith("/") else posixpath.join(self.folder, name)))
                    continue
                self.included.append(name)
                text = self.reader(name) if depth < 8 else None
                if text:
                    self.read(text, depth + 1)
            return False
        m = re.match(r"((?:(?:override|export)\s+)*)undefine\s+(.*)$", line)
        if m:  # guard17: the guard kept the value make forgot, and took `X ?= …`/`ifdef X` the other way
            for name in self.expand(m.group(2)).split():
                if MARK in name:
                    self.ask("the makefile undefines a variable whose name the guard cannot read")
                elif name not in self.given or "override" in m.group(1):
                    self.vars.pop(name, None)
                    self.assigned.discard(name)
            return False
        m = re.match(r"(export|unexport)((?:\s+[^\s:=+?!]+)*)\s*$", line)
        if m:  # `export` alone exports every variable; `export A B` those
            if m.group(1) == "export":
                self.export_all = self.export_all or not m.group(2).strip()
                self.exported.update(self.expand(m.group(2)).split())
            return False
        if re.match(r"vpath\b", line):
            self.vpath = True
            return False
        split = split_rule(line)
        if split is None:  # an assignment
            m = _ASSIGN.search(line)
            head, op, value = line[:m.start()], m.group(1), line[m.end():].strip()
            words = head.split()
            self.assign(self.expand(words[-1] if words else ""), op, value, words[:-1])
            return False
        if split == "":  # a line with no rule: make expands it (a top-level $(eval …), $(info …))
            self.expand(line)
            return False
        targets, rest = split
        self.targets += self.expand(targets).split()
        if split_rule(rest) is None and (m := _ASSIGN.search(rest)):  # `app: X = …`, for app's recipes only
            words = rest[:m.start()].split()
            name = self.expand(words[-1] if words else "")
            self.targeted.add(name)
            if "export" in words[:-1]:
                self.exported.add(name)
            self._special(name, targeted=True)  # guard17: `all: .SHELLFLAGS = -c 'sh run.sh;'` ran run.sh
            return False
        prereqs, _, recipe = rest.partition(";")
        words = self.expand(prereqs).split()
        self.normal.append(words[:words.index("|")] if "|" in words else words)
        words = [w for w in words if w != "|"]
        self.prereqs += words
        self.rules.append((self.expand(targets).split(), words))
        if recipe.strip():
            self.recipes.append(recipe.strip())
            self.recipe_rule.append(len(self.rules) - 1)
        if ".EXPORT_ALL_VARIABLES" in targets:
            self.export_all = True
        return True

    def _condition(self, line: str) -> bool:
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word in ("ifdef", "ifndef"):
            name = self.expand(rest)
            value = self.vars.get(name, ("", False))[0]
            if MARK in name or name in self.session | MAKE_KNOWN and name not in self.vars:
                self.ask("a conditional of the makefile tests text the guard cannot read")
            return bool(value) == (word == "ifdef")
        if rest.startswith("("):
            inner = rest[1:rest.rfind(")")]
            parts = split_args(inner, 2)
        else:
            parts = re.findall(r"\"([^\"]*)\"|'([^']*)'", rest)
            parts = [a or b for a, b in parts]
        if len(parts) != 2:
            self.ask("a conditional of the makefile the guard cannot read")
            return True
        a, b = (self.expand(p).strip() for p in parts)
        if MARK in a or MARK in b:
            self.ask("a conditional of the makefile tests text the guard cannot read")
        return (a == b) == (word == "ifeq")

    def assign(self, name: str, op: str, value: str, words: list[str]) -> None:
        if MARK in name or not name:
            self.ask("make sets a variable whose name the guard cannot read")
            return
        self.assigned.add(name)
        if "export" in words:
            self.exported.add(name)
        if name in self.given and "override" not in words:
            return
        old = self.vars.get(name)
        if op == "?=" and old is None and name in self.session:  # the environment's value stands
            self.vars[name] = (MARK, False)
        if op == "?=" and name in self.vars:
            return
        if op == "!=":
            self.shell(self.expand(value))
            self.vars[name] = (MARK, False)
        elif op == "+=" and old is not None:
            self.vars[name] = (old[0] + " " + (value if old[1] else self.expand(value)), old[1])
        else:
            simple = op in (":=", "::=", ":::=")
            self.vars[name] = (self.expand(value) if simple else value, not simple)
        self._special(name)

    def _special(self, name: str, targeted: bool = False) -> None:
        """Ask about a variable that changes how make reads or runs anything (set in the makefile, on the command
        line, or for some targets)."""
        value = self.expand(self.vars[name][0]) if name in self.vars and not targeted else MARK
        if name == ".RECIPEPREFIX":
            self.ask("the makefile changes the recipe prefix (.RECIPEPREFIX)")
        if name in _FLAGS and re.search(r"=|--(?:f|ev|mak|in|en|al)|(?:^|\s)-\w*[fIEeB]|" + MARK, value) \
                or name == "MAKEFILES":  # what make passes to every sub-make: --eval text, makefiles, variables
            self.ask(f"the makefile sets {name}, which the make it starts reads as options or makefiles")
        if name == ".SHELLFLAGS" and value.strip() not in _SAFE_FLAGS:
            self.ask("the makefile changes the flags its shell runs recipes with (.SHELLFLAGS)")
        if name == "SHELL" and targeted:
            self.ask("the makefile sets the shell of some targets' recipes")

    def named(self) -> None:
        """After reading: a target or prerequisite that is not a plain file name reaches recipes as ``$@``/``$^``
        (``a`touch${IFS}x`b:`` with ``echo $@`` ran it, guard16)."""
        if not all(PLAIN.fullmatch(n) for n in [*self.targets, *self.prereqs]):
            self.auto = MARK
        listed = [*self.included, *self.goals_given]  # names make puts in MAKEFILE_LIST and MAKEFLAGS
        for name in ("MAKEFILE_LIST", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
            if name not in self.assigned:
                self.vars[name] = (" ".join(listed) if all(PLAIN.fullmatch(n) for n in listed) else MARK, False)
        if ".SECONDEXPANSION" in self.targets:  # prerequisites expanded again: `$$(shell …)` runs then
            self.ask("the makefile expands its prerequisites a second time (.SECONDEXPANSION)")

    def exports(self) -> set[str]:
        """What a recipe's shell finds in its environment: also a variable the makefile sets that came from make's
        environment (guard18: ``PATH := bin:$(PATH)``, for all targets or some, made the recipe's ``ls`` bin/ls)."""
        inherited = {n for n in self.assigned | self.targeted if n in self.session or envvars.sensitive(n)}
        return (self.exported | self.assigned if self.export_all else self.exported) | inherited

    # -- expanding -------------------------------------------------------------------------------------------
    def expand(self, text: str, local: dict[str, str] | None = None, level: int = 0) -> str:
        """``text`` with make's references replaced as make would (``MARK`` where the guard cannot tell)."""
        if level > 24:
            self.ask("make's variables refer to themselves too deeply for the guard")
            return MARK
        out, i = [], 0
        while i < len(text):
            j = text.find("$", i)
            if j < 0 or j + 1 >= len(text):
                out.append(text[i:])
                break
            out.append(text[i:j])
            c = text[j + 1]
            if c == "$":
                out.append("$")
                i = j + 2
            elif c in "({":
                end = close(text, j + 1)
                if end < 0:
                    self.ask("a makefile reference the guard cannot read (unbalanced)")
                    return out and "".join(out) + MARK or MARK
                out.append(self._reference(text[j + 2:end], local, level, c))
                i = end + 1
            else:
                out.append(self._auto(c, local) if c in "@<^?*%+|" else self._variable(c, local, level))
                i = j + 2
        return "".join(out)

    def _reference(self, inner: str, local: dict[str, str] | None, level: int, paren: str = "(") -> str:
        m = re.match(r"([a-z-]+)[ \t]", inner)
        if m and m.group(1) in FUNCTIONS:
            return function(self, m.group(1), inner[m.end():], local, level, paren)
        if re.fullmatch(r"[@<^?*%+|][DF]?", inner):  # guard18: `$(<)`, `${^}` were read as empty
            return self._auto(inner, local)
        name = self.expand(inner, local, level + 1)
        if ":" in name and "=" in name.split(":", 1)[1]:  # $(VAR:a=b), a substitution reference
            var, _, sub = name.partition(":")
            old, _, new = sub.partition("=")
            words = self._variable(var, local, level).split()
            if "%" not in old:
                old, new = "%" + old, "%" + new
            return " ".join(patsubst(old, new, w) for w in words)
        return self._variable(name, local, level)

    def _auto(self, key: str, local: dict[str, str] | None) -> str:
        """``$@``, ``$(<D)``, …: the rule's own names where ``safety.makeauto`` knows them, else the stand-in."""
        if local is None or key[0] not in local:
            return self.auto
        words = local[key[0]].split()
        if key[1:] == "D":
            return " ".join(posixpath.dirname(w) or "." for w in words)
        return " ".join(posixpath.basename(w) for w in words) if key[1:] == "F" else local[key[0]]

    def unknown(self, name: str) -> bool:
        """Whether the value make gives ``name`` is one the guard cannot read: the environment's (the session set
        it) over make's default, or make's own and the shell's environment (`ifdef HOME` took the wrong branch,
        guard16)."""
        return name in self.session and not ({name} & (self.assigned | self.given | JUDGED)) or \
            name not in self.vars and name in MAKE_KNOWN

    def _variable(self, name: str, local: dict[str, str] | None, level: int) -> str:
        if MARK in name:
            return MARK
        if local is not None and name in local:
            return local[name]
        if name in self.targeted:
            return MARK  # its value depends on the target
        if name == "CURDIR":
            return self.folder if PLAIN.fullmatch(self.folder) else MARK
        if name == "HOME" and self.home and name not in self.vars and name not in self.session and \
                PLAIN.fullmatch(self.home):
            return self.home
        if self.unknown(name):
            return MARK
        if name not in self.vars:
            return ""
        value, recursive = self.vars[name]
        return self.expand(value, local, level + 1) if recursive else value
