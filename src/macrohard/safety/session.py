"""The literal values the session's shell variables hold between steps.

The agent's shell persists: ``export T=.bashrc`` one step, ``cp evil.txt "$T"`` (or a function writing ``"$T"``)
the next, wrote ``.bashrc``, and the guard only asked about "a path only known at run time" (guard20 left it open:
the session kept functions and traps, not values). The guard now keeps what approved lines assign at their top
level, when the value is literal text (``GuardContext.shell_strings``, committed on approval as the functions are),
and a write whose target reads such a name is judged a second time with the value, as a write on the same line is
(``safety.shellstate`` does this for the line's own values). A name given a value the guard cannot know is
forgotten. What is kept over-approximates bash (a prefix assignment ``T=x cmd`` does not stay): a later write is
judged with a value it may not have, never without one it may.
"""

from __future__ import annotations

import re

MAX_NAMES = 256
MAX_VALUE = 4096
_REF = re.compile(r"\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)")


def update(store: dict[str, str], assigned: dict[str, str]) -> None:
    """Keep the line's literal values (``assigned``: name -> value as the parser read it); forget the others."""
    for name, value in assigned.items():
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            continue
        if value and len(value) <= MAX_VALUE and not re.search(r"[$`\\*?\[]", value) and (
                name in store or len(store) < MAX_NAMES):
            store[name] = value
        else:
            store.pop(name, None)


def substitute(word: str, values: dict[str, str]) -> str | None:
    """``word`` with each ``$NAME``/``${NAME}`` replaced by its known value; None if any expansion stays unknown."""
    if not values or "$" not in word:
        return None
    out = _REF.sub(lambda m: values.get(m.group(1) or m.group(2), m.group(0)), word)
    return None if "$" in out or "`" in out else out


_ENVIRON = re.compile(r"""os\.(?:environ\s*\[\s*(['"])(\w+)\1\s*\]|(?:environ\.get|getenv)\s*\(\s*(['"])(\w+)\3[^)]*\))|"""
                      r"""process\.env(?:\.(\w+)|\[\s*(['"])(\w+)\6\s*\])|\$ENV\{\s*['"]?(\w+)['"]?\s*\}""")


def environ(code: str, values: dict[str, str]) -> str:
    """Interpreter code with its reads of known variables (``os.environ['T']``, ``os.getenv('T')``,
    ``process.env.T``, perl's ``$ENV{T}``) written as the values' string literals."""
    if not values:
        return code

    def literal(m: re.Match[str]) -> str:
        name = next(g for g in (m.group(2), m.group(4), m.group(5), m.group(7), m.group(8)) if g)
        return repr(values[name]) if name in values else m.group(0)

    return _ENVIRON.sub(literal, code)
