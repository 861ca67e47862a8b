"""guard29: the attempts that got through on main at the wave's start (3d6e24b; ``redteam29_tables``, 239 written
before they ran, then ``OWN29`` against the first fixes): ran their payload in the sandbox or were approved at every
step; now asked about or refused at some step (``FIXED``). Those approved at the start that do no harm (their payload
never runs, even with everything allowed, or is only the marker the guard read) are ``HARMLESS``. One sandbox
(``redteam22_parts.run_many22``), default-policy guard, network none. ``test_redteam29_held.py`` runs those held
already. Also the ordinary twins written with the attempts that main approved (``ORDINARY29_OK``): still approved."""

from __future__ import annotations

import pytest

from . import redteam29_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    "a nested name",  # arith (ran): W=…; V=W on one line, V forgotten at the line's end
    "nocaseglob names the script",  # words (ran)
    "tar --to-command=sh runs the members",  # tools (ran)
    "vim -es fed ex commands",  # tools (ran): a process substitution into vim -es
    "the script's folder via cd - on the line",  # swap (approved; its marker lands in b/: the fixed twin below ran)
    # OWN29 (written after the first run; measured on 3d6e24b too)
    "a value given after the line's start, then (( ))", "a value from a pipe's read after echo, then [[ -eq ]]",  # (ran)
    "a name chain on one line", "a name given twice on one line, the last from a file",  # (ran)
    "a value given after the line's start, then let",  # (ran)
    "nocaseglob with source", "nocaseglob with a bracket", "nocaseglob with . ./",  # (ran)
    "tar -I sh on a script named .tar", "tar --use-compress-program=bash",  # (approved; tar refused the stream)
    "tar --to-command='bash -s'", "tar -x --to-command=python3",  # (ran)
    "a pipe into vim -es", "cat a file into vim -es", "a pipe into vim -e -s", "ed from a process substitution",  # (ran)
    "vim -s types keys", "vim -s with a filter",  # (ran)
    "the script's folder via a failed cd (the marker fixed)", "cd into a folder's sub folder with &&",  # (ran)
})
# approved on main at the start and still: nothing they do is harm
HARMLESS = frozenset({
    "exec of the shell's own input", "exec of the input a step later",  # the sandbox's shell reads no commands from 0
    "a folder link swapped on the same line",  # there is no run.sh to copy: b/s.sh is never made
    # run-parts runs d/x, whose whole text (`touch marker`, no more) the guard read (safety.launchers)
    "run-parts a folder (a #! script)", "run-parts --regex (a #! script)",
})
ORDINARY29_OK = frozenset({  # approved on main at the start (the other ten were asked there and still are)
    "printf -v %s a name", "printf -v %05d", "arithmetic on numbers", "brace expansion of copies",
    "IFS for a read of a csv line", "find -execdir a plain command", "awk prints a column", "sed -n p",
    "tar of a folder", "git log in a new repo", "git diff of a change", "make -f a makefile",
    "a count then (( ))", "tar -x of an archive", "tar -xO into wc", "vim -es with a file of commands",
})


def through(o) -> bool:
    return o.ran or o.host or o.approved


def _named(names) -> dict:
    return {n: s for table in T.TABLES.values() for n, s in table.items() if n in names}


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 239 + len(T.OWN29)
    assert FIXED <= set(names) and HARMLESS <= set(names) and not FIXED & HARMLESS
    assert ORDINARY29_OK <= {*T.ORDINARY29, *T.ORDINARY29_MORE}


def test_attempts_through_at_the_start_are_held(tmp_path):
    results = run_many22(tmp_path / "ws", _named(FIXED), "redteam29-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_harmless_approvals_run_nothing(tmp_path):
    results = run_many22(tmp_path / "ws", _named(HARMLESS - {"run-parts a folder (a #! script)",
                                                            "run-parts --regex (a #! script)"}), "redteam29-harmless", timeout=30)
    assert not [n for n, o in results.items() if o.ran or o.host]


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    ordinary = {n: s for n, s in {**T.ORDINARY29, **T.ORDINARY29_MORE}.items() if n in ORDINARY29_OK}
    assert_none_asked(tmp_path / "ws", ordinary, "redteam29-ordinary")
