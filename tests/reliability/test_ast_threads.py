"""Two threads parsing Python at once (the guard's Python reading, numpy reading a model file's header with
``ast.literal_eval`` while two runs load the screens) must not fail: CPython 3.11 raised ``SystemError: AST constructor
recursion depth mismatch`` when one thread's parse ran while another's was building its tree and had let it run (a
finalizer doing I/O), and the fresh clone's suite lost a safety-suite task to it (rt-tamper-06, f99e662d)."""

from __future__ import annotations

import subprocess
import sys

RACE = r"""
import ast, sys, threading, time
if sys.argv[1] == "macrohard":
    import macrohard  # noqa: F401 - installs the lock
errors = []
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }"
code = "x = [" + ",".join(f"({i}, [{i}, {{'a': {i}}}])" for i in range(300)) + "]"
class Closes:
    def __del__(self):
        time.sleep(0.0005)  # lets another thread run, as a file's close or a socket's does
def work():
    for i in range(1500):
        try:
            ast.literal_eval(header)
            ast.parse(code)
            if i % 10 == 0:
                c = Closes(); c.me = c; del c  # a cycle: its finalizer runs inside some later parse's collection
        except SystemError as e:
            errors.append(str(e))
            return
threads = [threading.Thread(target=work) for _ in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print(len(errors), errors[:1])
"""


def _race(mode: str) -> str:
    done = subprocess.run([sys.executable, "-c", RACE, mode], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_parsing_in_threads_at_once_does_not_fail_once_macrohard_is_imported() -> None:
    assert _race("macrohard") == "0 []"


def test_the_parse_still_parses_and_says_its_errors() -> None:
    import ast

    import macrohard  # noqa: F401

    assert getattr(ast.parse, "_macrohard_serialized", False)
    assert ast.literal_eval("{'a': (1, 2)}") == {"a": (1, 2)}
    assert isinstance(ast.parse("x = 1", mode="exec"), ast.Module)
    try:
        ast.parse("x = (")
    except SyntaxError as e:
        assert e.lineno == 1
    else:
        raise AssertionError("a syntax error was not raised")
