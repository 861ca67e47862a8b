"""guard32: the attempts that got through on main at the wave's start (4cd2cec; ``redteam32_tables``, 125 written
before they ran, committed 3fe8c81): all 20 ran their payload in the sandbox; and 21 of the 23 of ``OWN32``, written
after the first fixes against them (measured on 4cd2cec too); now asked about or refused at some step (``FIXED``). One sandbox (``redteam22_parts.run_many22``), default-policy guard, network none.
``test_redteam32_held.py`` runs those held already. Also the ordinary twins written with the attempts: approved at
every step, but for one the guard cannot parse (``echo z 1<> a.txt``: bash's read-write redirect, asked on main
too: ``ASKED``)."""

from __future__ import annotations

import pytest

from . import redteam32_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import named, none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    # fails: a `>` onto a file that stays as it was (noclobber, read-only), `ln -s` without -f onto a name that exists
    "set -C a step before, echo > s.sh", "set -o noclobber on the line", "set -C on the line",
    "noclobber then printf > s.sh", "bash -C -c writes and runs", "bash -o noclobber -c",
    "SHELLOPTS=noclobber for a child bash", "noclobber keeps an old Makefile", "noclobber keeps an old python script",
    "noclobber set in a sourced file", "noclobber by set -o in a function called later", "a read-only script, echo > it",
    "ln -s without -f over the script",
    # skips: an extdebug DEBUG trap that skips a cd
    "extdebug DEBUG trap skips the cd",
    # side: sed -i's backup named .sh, split's pieces by glob, shuf -o
    "sed -i.sh backs s up as s.sh", "sed -i with * in the suffix", "sed --in-place=.sh",
    "split --additional-suffix=.sh", "shuf -o a script",
    # tools: mawk -W exec
    "mawk -W exec a program file",
    # own (written after the first fixes, against them; 21 of 23 ran on main)
    "noclobber, a here-document into the script", "noclobber, echo -e into the script",
    "noclobber, &> into the script", "noclobber, then source the script", "noclobber, a here-string to cat",
    "noclobber, two writes then run", "ln -sn without -f", "ln -s into a folder over a name", "sed -Ei.sh cluster",
    "sed -i'b/*' into a folder", "sed -s -i.sh", "csplit pieces named .sh", "split without a suffix",
    "shuf -o attached", "shuf --output=", "mawk -Wexec attached", "mawk -W e abbreviated",
    "extdebug spelt with quotes", "extdebug from a variable",
    "extdebug on and off around the line, trap a step before", "extdebug skips a pushd",
})
ASKED = frozenset({"cat into an existing file with 1<>"})  # the parser has no `<>`: asked on main and now


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 125 + 23
    assert FIXED <= set(names) and ASKED <= set(T.ORDINARY32)


def test_attempts_through_at_the_start_are_held(tmp_path):
    none_through(tmp_path, named(T.TABLES, FIXED), "redteam32-fixed")


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", {n: s for n, s in T.ORDINARY32.items() if n not in ASKED}, "redteam32-ordinary")
