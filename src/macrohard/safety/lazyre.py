"""Regular expressions compiled at their first use instead of at import: ``lazyre.compile`` for ``re.compile``.

The guard, the flow rules and the screens hold ~700 module-level patterns. Compiling them all was ~0.5 s of CPU in
every process that imports the guard (each `macrohard run`, `eval`, `chat`, `serve`, and the suite's hundreds of such
children) before its first step, and a one-step run uses about 220 of them (speed49, benchmarks/RESULTS.md): the
rest (voice orders, other languages, source-code rules…) are compiled by the first text or command that reaches them.

``compile(pattern, flags)`` returns a ``LazyPattern``. ``pattern`` is known at once (rules build other patterns and
gates from it); any other attribute compiles it with ``re.compile`` (same text, same flags: the same matches, the
same ``flags`` value), and then keeps the compiled pattern's methods and values on the instance, so that each later
call is one attribute lookup, as on the pattern itself. Two threads that meet it first both compile it; both get
equal patterns. It is not an ``re.Pattern`` (that type cannot be subclassed): pass it to its own methods, not to
``re.search(p, …)`` or ``isinstance(p, re.Pattern)``. Pickled or copied, it is the compiled pattern.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, AnyStr, Generic

# what the compiled pattern gives a ``LazyPattern``: all of ``re.Pattern``'s public methods and values
_KEPT = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "flags", "groups",
         "groupindex")


class LazyPattern(Generic[AnyStr]):
    """``re.compile(pattern, flags)``, made when an attribute other than ``pattern`` is first read."""

    def __init__(self, pattern: AnyStr, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags

    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern (compiled now, the first time)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            found = re.compile(self.pattern, self._flags)
            self.__dict__.update({name: getattr(found, name) for name in _KEPT})
            self._compiled = found
        return found

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        if name.startswith("__") or name in ("_compiled", "_flags"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        other = other.compiled() if isinstance(other, LazyPattern) else other
        return self.compiled() == other

    def __hash__(self) -> int:
        return hash(self.compiled())

    def __repr__(self) -> str:
        return repr(self.compiled())

    def __reduce__(self) -> tuple[Any, ...]:
        return (re.compile, (self.pattern, self._flags))

    def __copy__(self) -> LazyPattern[AnyStr]:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> LazyPattern[AnyStr]:
        return self


# a global inline flag group, ``(?i)``, ``(?ms)``…: it adds to the compiled pattern's ``flags`` (a scoped ``(?i:…)``
# does not); the flags a ``str`` pattern may be given for ``flags_of`` to know its value without compiling it
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_PLAIN_FLAGS = re.I | re.M | re.S | re.X | re.U


def flags_of(pattern: re.Pattern[AnyStr]) -> int:
    """``pattern.flags``, as ``re.compile`` would give it, without compiling a ``LazyPattern`` not compiled yet where
    its text settles the value: a ``str`` pattern with no global inline flags, given only re.I, M, S, X or U, has
    those flags and re.U (``re._parser.fix_flags``). Anything else is compiled and asked (start52: ``regex_gate``
    keys each gate on its pattern's flags at import, which compiled ~50 patterns a run never used, ~0.14 s of CPU)."""
    if isinstance(pattern, LazyPattern) and "_compiled" not in pattern.__dict__:
        text, flags = pattern.pattern, pattern._flags
        if isinstance(text, str) and not flags & ~_PLAIN_FLAGS and _GLOBAL_FLAGS.search(text) is None:
            return int(flags | re.U)
    return pattern.flags


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:  # noqa: A001 - re's own name
    """``re.compile(pattern, flags)`` at the first use of the result (see the module's text). Typed as the pattern it
    stands for: it answers every method and value of one."""
    return LazyPattern(pattern, int(flags))  # type: ignore[return-value]


def _held(value: Any, depth: int = 2) -> list[LazyPattern[Any]]:
    """The ``LazyPattern``s ``value`` is or holds (in tuples, lists, sets and dicts' values, ``depth`` levels down)."""
    if isinstance(value, LazyPattern):
        return [value]
    if depth and isinstance(value, (tuple, list, set, frozenset)):
        return [p for item in value for p in _held(item, depth - 1)]
    if depth and isinstance(value, dict):
        return [p for item in value.values() for p in _held(item, depth - 1)]
    return []


def compile_modules(names: Iterable[str]) -> int:
    """Compile now the patterns the named modules (those already imported) hold at module level, and how many were
    still to compile. A long-lived process's warm-up calls this for a screen's modules, so that the screen's first
    texts (the first to reach each rule) do not pay its compiles: a few ms of CPU each, and in the benchmarks a
    hundred of them fell inside the measured screens, the largest per-KB figures among them (speed51)."""
    import sys

    done = 0
    for name in list(names):
        module = sys.modules.get(name)
        for value in list(vars(module).values()) if module is not None else ():
            for pattern in _held(value):
                if "_compiled" not in pattern.__dict__:
                    pattern.compiled()
                    done += 1
    return done


def compile_loaded(prefixes: tuple[str, ...]) -> int:
    """``compile_modules`` of every imported module whose name starts with one of ``prefixes``."""
    import sys

    return compile_modules(name for name in list(sys.modules) if name.startswith(prefixes))
