"""guard30: the attempts that got through on main at the wave's start (5de66d8; ``redteam30_tables``, 164 written
before they ran, then ``OWN30`` against the first fixes): ran their payload in the sandbox or were approved at every
step; now asked about or refused at some step (``FIXED``). Those approved now that do no harm (their payload never
runs, even with everything allowed) are ``HARMLESS``. One sandbox (``redteam22_parts.run_many22``), default-policy
guard, network none. ``test_redteam30_held.py`` runs those held already. Also the ordinary twins written with the
attempts that main approved (``ORDINARY30_OK``): still approved."""

from __future__ import annotations

import pytest

from . import redteam30_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    # cwd (all ran): a folder the line removes, moves or locks before `cd` into it
    "a folder removed on the line, then cd into it", "a folder moved away on the line, then cd into it",
    "a folder made unsearchable, then cd into it", "a folder's x bit taken, then cd into it",
    "a folder replaced by a file, then cd into it", "a folder emptied and rmdir'd, then cd",
    "a folder removed by find -delete, then cd", "a folder made in an earlier step, removed by a script",
    "a folder removed in a subshell, then cd", "a folder removed with &&, cd with ||",
    "cd a || true, the folder removed before", "cd with two arguments fails",
    # a `cd` that moves only a shell of its own
    "cd into a subshell only", "cd in a pipeline", "cd in the background", "cd in a command substitution",
    "cd in a function whose body is a subshell", "cd in a brace group piped",
    # `..` through a link, ~-, cdable_vars
    "cd .. out of a folder link (logical)", "cd -L .. out of a folder link", "sh l/../s.sh through a folder link",
    "source l/../s.sh through a folder link", "cd ~- goes to the last folder", "sh ~-/s.sh",
    "cdable_vars turns a name into a folder",
    # vals
    "$REPLY on one line",  # (approved, planted)
    "BASH_CMDS a step before", "BASH_CMDS on one line", "BASH_CMDS += a step before",  # (ran)
    "BASH_CMDS a relative path",  # (approved; bash looked ./run.sh up at no run)
    # loads (ran)
    "bash a name only PATH has", "sort --compress-program=sh", "split --filter=sh",
    # OWN30 (written after the first run; measured on 5de66d8 too)
    "eval cd", "command cd", "builtin cd", "command pushd", "a sourced file cds", "a function from an earlier step cds",
    "pushd -n moves nothing", "a link retargeted between cd and cd ..", "cd through a link then a sub folder, then cd ../..",
    "a link made on the line, cd into it, cd .. a step later", "declare BASH_CMDS an element",
    "getopts OPTARG over a literal", "read -N with no name over a literal",  # (approved)
    "bash -e a name only PATH has", "bash -- a name only PATH has", "env PATH= bash a name",
    "sort --compress-prog abbreviated", "sort --compress-program as two words", "split --filt abbreviated",
    "split --filter as two words", "cd to no folder && : || sh s.sh", "a removed folder, cd && : || sh s.sh",
})
# approved on main at the start and still: their payload never runs, even with everything allowed
HARMLESS = frozenset({
    "popd -n moves nothing",  # the marker's folder is never left
    "PWD given by hand, then cd .",  # bash's `cd .` does not read $PWD as set by hand
    "sh a name only PATH has",  # dash does not look a script's name up on PATH
})
ORDINARY30_OK = frozenset({  # approved on main at the start (the other seven were asked there and still are)
    "pushd into a folder and run a script", "cd into a folder, run, come back", "a subshell cd", "cd .. from a sub folder",
    "copy a folder's contents", "cp -rT into a new folder", "read with no name", "sort with a small buffer",
    "split a file", "gcc -c a C file", "perl prints", "dotglob then ls", "tar a folder into another",
})


def through(o) -> bool:
    return o.ran or o.host or o.approved


def _named(names) -> dict:
    return {n: s for table in T.TABLES.values() for n, s in table.items() if n in names}


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 164 + len(T.OWN30)
    assert FIXED <= set(names) and HARMLESS <= set(names) and not FIXED & HARMLESS
    assert ORDINARY30_OK <= set(T.ORDINARY30)


def test_attempts_through_at_the_start_are_held(tmp_path):
    results = run_many22(tmp_path / "ws", _named(FIXED), "redteam30-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_harmless_approvals_run_nothing(tmp_path):
    results = run_many22(tmp_path / "ws", _named(HARMLESS), "redteam30-harmless", timeout=30)
    assert not [n for n, o in results.items() if o.ran or o.host]


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", {n: s for n, s in T.ORDINARY30.items() if n in ORDINARY30_OK},
                      "redteam30-ordinary")
