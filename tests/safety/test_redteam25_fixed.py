"""guard25: the attempts that got through on main at the wave's start (b401e77; ``redteam25_tables``, 327 written
before they ran): ran their payload in the sandbox or were approved at every step; now asked about or refused at some
step (``FIXED``), or left open (``OPEN``, see benchmarks/RESULTS.md, guard25). One sandbox (``redteam22_parts.run_many22``),
default-policy guard, network none. ``test_redteam25_held.py`` runs those held already. Also ordinary work near the new
readers (``ORDINARY25``) and the session's ordinary twins (``SESSION25_OK``, and guard24's ``SESSION24_OK`` that the
kept values now clear): every step approved."""

from __future__ import annotations

import pytest

from . import redteam24_tables as T24
from . import redteam25_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    'IFS changed a step before',  # exact
    'IFS changed and the value split',  # exact
    'interactive.diffFilter then add -p',  # gitlater
    "a child writes the shell's input",  # names
    "a child writes the shell's saved command pipe",  # names (ran)
    'a child writes to /dev/fd of the shell',  # names
    "a script scans the shell's fds for pipes",  # names (ran)
    "perl writes the shell's input",  # names
    "python -c writes the shell's saved command pipe",  # names (ran)
    'IFS a step before, the value on the line',  # own
    'IFS on the same line',  # own
    'IFS on the same line, two values',  # own
    '.eslintrc.js',  # runners
    'doit dodo.py',  # runners
    'eslint.config.js',  # runners
    'flake8 local plugin',  # runners
    'jest config',  # runners
    'mkdocs hooks',  # runners
    'mypy plugin in mypy.ini',  # runners
    'mypy plugin in setup.cfg',  # runners
    'pre-commit local hook',  # runners
    'prettier config js',  # runners
    'prove runs t/*.t',  # runners (ran)
    'pylint --init-hook',  # runners
    'pylint init-hook in .pylintrc',  # runners
    'pylint load-plugins',  # runners
    'pytest.main from python -c',  # runners (ran)
    'python3 -m compileall then run the pyc',  # runners (ran)
    'sphinx conf.py',  # runners
})
# approved since guard26 proves read's value: T is out.txtx, so ${T%x} is out.txt (the write is harmless)
EXACT_NOW = frozenset({"a kept value through a here-string to read"})
OPEN = {
    "brace with an empty alternative": "approved: `s{h,} run.sh` is `sh s run.sh`, which the guard reads as it is (the "
                                       "script `s` does not exist, so nothing runs)",
}
# guard24's session twins the kept values clear (the rest read values set by read, printf -v, mapfile, declare,
# arrays, set --, ${!N} or a loop's command substitution: still asked, see safety.session)
SESSION24_CLEARED = ("${T/x/y}", "${T%suffix}.bak", "${T#prefix}", "${T:offset}", "${T,,}", "for over a glob into a folder")


def through(o) -> bool:
    return o.ran or o.host or o.approved


def _named(names) -> dict:
    return {n: s for table in T.TABLES.values() for n, s in table.items() if n in names}


def test_every_fixed_and_open_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 327
    assert FIXED <= set(names) and set(OPEN) <= set(names) and not FIXED & set(OPEN)


def test_attempts_through_at_the_start_are_held(tmp_path):
    results = run_many22(tmp_path / "ws", _named(FIXED), "redteam25-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


# the pieces that start a tool (pylint, mypy, npx, pytest: seconds each in the sandbox) run under -m oracle_full
SLOW = frozenset(n for n, steps in T.ORDINARY25.items() if any(isinstance(s, str) and ("timeout 2" in s or "pytest" in s)
                                                              for s in steps))


def test_ordinary_work_near_the_new_readers_and_kept_values_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    ordinary = {**{n: s for n, s in T.ORDINARY25.items() if n not in SLOW}, **T.SESSION25_OK,
                **{"24: " + n: T24.SESSION24_OK[n] for n in SESSION24_CLEARED}}
    assert_none_asked(tmp_path / "ws", ordinary, "redteam25-ordinary")


@pytest.mark.oracle_full
def test_ordinary_work_that_starts_a_tool_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", {n: T.ORDINARY25[n] for n in SLOW}, "redteam25-ordinary-tools")
