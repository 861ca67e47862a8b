"""make's functions (``$(subst …)``, ``$(foreach …)``, ``$(call …)``, ``$(if …)``, ``$(origin …)``, …) computed for
``safety.makelang`` as GNU make computes them; ``MARK`` where the guard cannot tell (a ``$(shell …)``'s output, a
wildcard's odd file names, what the session's environment gives)."""

from __future__ import annotations

import glob
import os
import posixpath
from typing import TYPE_CHECKING

from macrohard.safety import lazyre
from macrohard.safety.makewords import MARK, split_args, wordy

if TYPE_CHECKING:
    from macrohard.safety.makelang import Makefile

PLAIN = lazyre.compile(r"[\w./+,@%=:-]*")
_WORDY = frozenset({"strip", "findstring", "filter", "filter-out", "sort", "word", "wordlist", "words", "firstword",
                    "lastword", "dir", "notdir", "suffix", "basename", "addsuffix", "addprefix", "join", "subst",
                    "patsubst", "abspath", "realpath"})
_UNREAD = frozenset({"eval", "file", "guile", "let", "intcmp"})  # make reads or writes text the guard does not
FUNCTIONS = _WORDY | _UNREAD | {"wildcard", "if", "or", "and", "foreach", "call", "value", "origin", "flavor", "info",
                                "warning", "error", "shell"}


def function(mk: Makefile, fn: str, body: str, local: dict[str, str] | None, level: int, paren: str = "(") -> str:
    """``$(fn body)``: make's functions computed as make computes them, ``MARK`` where the guard cannot."""
    if fn in _UNREAD:
        mk.ask(f"the makefile computes text with $({fn} …), which the guard does not follow")
        return MARK
    limit = {"if": 3, "foreach": 3, "subst": 3, "patsubst": 3, "word": 2, "wordlist": 3, "findstring": 2,
             "filter": 2, "filter-out": 2, "addsuffix": 2, "addprefix": 2, "join": 2}.get(fn, 0)
    args = split_args(body, 0 if fn == "call" else limit, paren)
    if fn in ("if", "or", "and"):
        return _logic(mk, fn, args, local, level)
    if fn == "foreach":
        if len(args) < 3:
            return ""
        var, words = mk.expand(args[0], local, level + 1), mk.expand(args[1], local, level + 1)
        if MARK in var or MARK in words:
            return MARK
        return " ".join(mk.expand(args[2], {**(local or {}), var: w}, level + 1) for w in words.split())
    if fn == "call":
        name = mk.expand(args[0], local, level + 1)
        # a foreach's variable stays visible in what a call expands (make defines it while the loop runs:
        # guard17, `$(foreach v,P,$(call f))` with `f = $(v)` ran P); the outer call's numbered ones do not
        params = {k: v for k, v in (local or {}).items() if not k.isdigit()}
        params.update({str(k): mk.expand(a, local, level + 1) for k, a in enumerate(args[1:], 1)})
        params["0"] = name
        if MARK in name or name not in mk.vars:
            return MARK if MARK in name or name in mk.session else ""
        return mk.expand(mk.vars[name][0], params, level + 1)
    if fn == "value":
        name = mk.expand(body, local, level + 1)
        if local is not None and name in local:
            return local[name]
        return MARK if MARK in name or mk.unknown(name) else mk.vars.get(name, ("", False))[0]
    if fn in ("origin", "flavor"):  # as make answers (a constant "file" took the wrong branch of an ifeq)
        return _origin(mk, fn, mk.expand(body, local, level + 1).strip())
    values = [mk.expand(a, local, level + 1) for a in args]
    if fn == "shell":
        mk.shell(values[0] if len(values) == 1 else ",".join(values))
        return MARK
    if fn in ("info", "warning", "error"):
        return ""
    if any(MARK in v for v in values):
        return MARK
    if fn == "wildcard":
        names = sorted({n for p in " ".join(values).split() for n in glob.glob(p if p.startswith("/") else
                        posixpath.join(mk.folder, p))})
        names = [n[len(mk.folder) + 1:] if n.startswith(mk.folder + "/") else n for n in names]
        return " ".join(names) if all(PLAIN.fullmatch(n) for n in names) else MARK
    if fn in ("abspath", "realpath"):  # file names as make makes them absolute (a conditional may compare them)
        full = [posixpath.normpath(posixpath.join(mk.folder, w)) for w in " ".join(values).split()]
        names = full if fn == "abspath" else [os.path.realpath(w) for w in full if os.path.exists(w)]
        return " ".join(names) if all(PLAIN.fullmatch(n) for n in names) else MARK
    return wordy(fn, values)

def _origin(mk: Makefile, fn: str, name: str) -> str:
    if MARK in name:
        return MARK
    if name in mk.given and name in mk.vars:
        return "command line" if fn == "origin" else "simple" if not mk.vars[name][1] else "recursive"
    if name in mk.assigned:
        return "file" if fn == "origin" else "recursive" if mk.vars[name][1] else "simple"
    if name in mk.session:
        return MARK  # from the environment, or not: the guard does not know what the session exported
    if name in mk.vars:
        return "default" if fn == "origin" else "recursive" if mk.vars[name][1] else "simple"
    return "undefined"

def _logic(mk: Makefile, fn: str, args: list[str], local: dict[str, str] | None, level: int) -> str:
    if fn == "if":
        cond = mk.expand(args[0], local, level + 1).strip() if args else ""
        if MARK in cond:
            return MARK
        pick = args[1] if cond and len(args) > 1 else args[2] if not cond and len(args) > 2 else ""
        return mk.expand(pick, local, level + 1)
    last = ""
    for a in args:
        last = mk.expand(a, local, level + 1).strip()
        if MARK in last:
            return MARK
        if bool(last) == (fn == "or"):
            return last
    return last if fn == "and" else ""
