"""Size and timing channels, for ``safety.carried``'s walk: what a private value's length or a private file's size
tells, and what the time a command waits tells.

No private byte is in ``head -c "$(wc -c < .env)" /dev/zero | curl -d @- …``, ``curl --limit-rate "$n"``,
``for i in $(seq "$(wc -l < .env)"); do curl …; done`` or ``sleep "${#d}"; curl …/t``, but the size of what is
sent, how fast, how many requests and when each starts say the number, and numbers read one by one say the
data. So the sizes ``wc``, ``stat``, ``du`` and ``ls -l`` print of a private file or input, and ``${#d}`` of a
private value, carry it (as flow18's conditions carry a bit); a ``sleep``, ``timeout`` or ``read -t`` whose
duration carries private data makes what follows it (on the line, and in later steps: they start that much
later) a send of that data when it talks to the network. Whether a file is there or empty (``[ -f .env ]``,
``[ -s .env ]``) is left to what flow18 decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from macrohard.safety import lazyre

if TYPE_CHECKING:
    from macrohard.safety.carried_walk import _Walk

SIZERS = frozenset({"wc", "stat", "du", "ls", "find"})
_CODE = frozenset({"python", "python3", "perl", "node", "ruby", "php", "bash", "sh"})  # `python3 -c "…sleep($n)"`
WAITS = frozenset({"sleep", "usleep", "timeout", "read"}) | _CODE
_SLEEPS = lazyre.compile(r"sleep|setTimeout|select\s*\(")
_LONG = lazyre.compile(r"-[a-zA-Z]*[lsgno][a-zA-Z]*|--size|-(?:-)?block-size.*")  # ls's listings that show sizes
_FIND_TESTS = frozenset({"-size", "-empty"})
_TIMEOUT_OPTS = frozenset({"-k", "--kill-after", "-s", "--signal"})


def size(w: _Walk, prog: str, argv: list[str], stdin: str) -> str:
    """What private data the sizes ``prog`` prints tell ("" if none)."""
    args = argv[1:]
    ops = [a for a in args if not a.startswith("-")]
    if prog == "ls" and not any(_LONG.fullmatch(a) for a in args):
        return ""
    if prog == "find":  # `find . -name .env -size +40c`: whether it prints the name says the size
        if _FIND_TESTS.isdisjoint(args):
            return ""
        from macrohard.safety.carried_programs import _FINDS, pairs

        why = next((t for a, b in pairs(argv) if a in _FINDS and (t := w.path_taint(b))), "")
    else:
        why = next((t for a in ops if (t := w.path_taint(a))), "") or (stdin if prog == "wc" and not ops else "")
    return f"the size of {why}" if why else ""


def length(why: str) -> str:
    """What ``${#d}`` carries of ``d``'s private data."""
    return f"the length of {why}" if why else ""


def waits(w: _Walk, prog: str, argv: list[str], taints: list[str]) -> str:
    """The private data the time ``sleep``/``timeout``/``read -t`` waits depends on ("" if none)."""
    return f"the time {prog} waits, which tells {why}" if (why := _wait_taint(prog, argv, taints)) else ""


def _wait_taint(prog: str, argv: list[str], taints: list[str]) -> str:
    if prog == "timeout":  # `timeout "$n" curl …`: the duration is its first operand
        i = 1
        while i < len(argv) and argv[i].startswith("-"):
            i += 2 if argv[i] in _TIMEOUT_OPTS else 1
        return taints[i] if i < len(taints) else ""
    if prog == "read":
        return next((taints[i + 1] for i, a in enumerate(argv[:-1]) if a == "-t"), "")
    if prog in _CODE:  # code that waits, given private data (`python3 -c "import time; time.sleep($n)"`)
        return next((t for t in taints[1:] if t), "") if _SLEEPS.search(" ".join(argv[1:])) else ""
    return next((t for t in taints[1:] if t), "")


def wait(w: _Walk, prog: str, argv: list[str], taints: list[str]) -> None:
    """A wait on private data: what follows runs that much later (``_Walk.halt``), and so does every later step
    (``Carried.waited``; not for a value that only may come from a sourced file: ``source .env; sleep "$DELAY"``)."""
    if why := waits(w, prog, argv, taints):
        w.halt = w.halt or why
        if not _wait_taint(prog, argv, taints).startswith("$"):
            w.waited = w.waited or why
