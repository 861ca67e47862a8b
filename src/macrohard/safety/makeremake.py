"""Makefiles ``make`` remakes before it runs anything: it reads what a recipe or a built-in rule wrote, not the file
the guard read.

make first remakes each makefile it read (the ``-f`` file or ``Makefile`` included) that a rule can make and that
is out of date, then starts again with what was written. guard16 covered included makefiles made by a rule of the
file; these ran their payload (guard17): a ``.DEFAULT`` recipe making a missing included makefile, the makefile
itself remade by its own rule (``Makefile: gen.txt`` with ``cp gen.txt Makefile``) or by make's built-in
``%: %.sh`` rule from a newer ``Makefile.sh``, and ``GNUmakefile`` made from ``GNUmakefile.sh`` where no makefile
was there at all. make uses neither ``.DEFAULT`` nor a match-anything rule (``%:``) for the makefiles it was given.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from macrohard.safety.commands import Analyzer
    from macrohard.safety.makelang import Makefile

# what make's built-in rules make a file with no suffix from (`make -p`: `%: %.c`, `%: %.sh`, …; `.y`, `.l`, `.w`
# reach it through `%.c`), and the version-control copies it checks out
_SOURCES = (".c", ".cc", ".C", ".cpp", ".p", ".f", ".F", ".m", ".r", ".s", ".S", ".mod", ".o", ".sh", ".y", ".l",
            ".w", ".web", ".ym", ".yl", ",v")
_NAMES = ("GNUmakefile", "makefile", "Makefile")


def judge(an: Analyzer, mk: Makefile, files: list[str], no_builtin: bool, always: bool = False) -> None:
    """Ask where make would remake a makefile it reads (an included one, or one of ``files``) before running;
    ``always``: ``make -B``, which remakes every one a rule can make, up to date or not (guard17)."""
    phony = {p for targets, prereqs in mk.rules if ".PHONY" in targets for p in prereqs}
    for name in mk.included:
        path = posixpath.join(mk.folder, name) if not name.startswith("/") else name
        if not os.path.exists(path) or always:
            made = ".DEFAULT" in mk.targets or any(_matches(t, name, True) is not None for t in mk.targets)
        else:
            made = _stale(mk, posixpath.dirname(path), posixpath.basename(path), os.path.getmtime(path), phony,
                          {name}, anything=True, no_builtin=no_builtin)
        if made:
            _ask(an, name, "it includes with a recipe")
            return
    for path in files:
        shown = posixpath.basename(path)
        if not os.path.exists(path):
            if any(_built(posixpath.join(posixpath.dirname(path), n)) for n in _NAMES) and not no_builtin:
                _ask(an, shown, "that is not there: its built-in rules make one from a source beside it")
                return
            continue
        when = os.path.getmtime(path)
        if not no_builtin and _built(path, newer_than=None if always else when):
            _ask(an, shown, "it reads, from a newer source beside it, with a built-in rule")
            return
        if always and any(_matches(t, shown, False) is not None for t in mk.targets) or \
                _stale(mk, posixpath.dirname(path), shown, when, phony, {shown}, anything=False, no_builtin=no_builtin):
            _ask(an, shown, "it reads, with a rule of its own")
            return


def _ask(an: Analyzer, name: str, how: str) -> None:
    why = f"make remakes the makefile {name} {how}, then runs what that recipe wrote; generate it in one step and " \
          "run make in the next"
    an.r.add("dynamic", why)
    an.r.firm.append(why)  # it stands where this make is a recipe of another


def _matches(target: str, name: str, anything: bool) -> str | None:
    """The stem under which the rule's ``target`` makes ``name`` ('' for the name itself), None when it does not
    (``%`` alone only where ``anything``: make uses no match-anything rule for the makefiles it was given)."""
    if posixpath.basename(target) == posixpath.basename(name):
        return ""
    if "%" not in target or target == "%" and not anything:
        return None
    head, _, tail = target.partition("%")
    if name.startswith(head) and name.endswith(tail) and len(name) > len(head) + len(tail):
        return name[len(head):len(name) - len(tail)]
    return None


def _stale(mk: Makefile, folder: str, name: str, when: float, phony: set[str], seen: set[str], anything: bool,
           no_builtin: bool) -> bool:
    """Whether make would remake ``name`` (last changed at ``when``) by a rule of the file: a prerequisite missing,
    phony, newer, or remade itself (``Makefile: gen.txt`` with ``cp gen.txt Makefile``, guard17)."""
    if name in phony or len(seen) > 32:
        return True
    for targets, prereqs in mk.rules:
        for target in targets:
            stem = _matches(target, name, anything)
            if stem is None:
                continue
            pattern = "%" in target
            if pattern and any(not os.path.exists(posixpath.join(folder, p.replace("%", stem))) and
                               p.replace("%", stem) not in mk.targets for p in prereqs if "\x02" not in p):
                continue  # a pattern rule whose prerequisite is not there and no rule makes does not apply (CMake's
                # `% : %,v` cancelling make's built-in rules)
            for p in prereqs:
                p = p.replace("%", stem) if pattern else p
                full = posixpath.join(folder, p) if not p.startswith("/") else p
                if "\x02" in p or not os.path.exists(full) or os.path.getmtime(full) > when:
                    return True
                later = os.path.getmtime(full)
                if not no_builtin and _built(full, newer_than=later) or p not in seen and _stale(
                        mk, folder, p, later, phony, seen | {p}, True, no_builtin):
                    return True
    return False


def _built(path: str, newer_than: float | None = None) -> bool:
    """Whether a file make's built-in rules make ``path`` from is there (and newer than ``newer_than``)."""
    folder, name = posixpath.split(path)
    try:
        here = set(os.listdir(folder or "."))  # one listing, not a stat per suffix (every `make` reads this)
    except OSError:
        return False
    candidates = [name + ext for ext in _SOURCES if name + ext in here] + [f"s.{name}"] * (f"s.{name}" in here)
    candidates += [posixpath.join(d, n) for d, n in (("RCS", name + ",v"), ("RCS", name), ("SCCS", "s." + name))
                   if d in here]
    for c in candidates:
        try:
            changed = os.path.getmtime(posixpath.join(folder, c))
        except OSError:
            continue
        if newer_than is None or changed > newer_than:
            return True
    return False


def builtin_source(path: str) -> bool:
    """Whether a file make's built-in rules may make the included makefile ``path`` from is there (``path.sh``,
    ``path.c``, ``RCS/``, …; any suffix, as guard16 judged it)."""
    folder, name = posixpath.split(path)
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return False
    return any(n.startswith(name + ".") or n in ("RCS", "SCCS") or n == name + ",v" for n in names)
