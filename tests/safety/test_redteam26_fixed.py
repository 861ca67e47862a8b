"""guard26: the attempts that got through on main at the wave's start (298930e; ``redteam26_tables``, 258 written
before they ran, then ``OWN26`` against the first fixes): ran their payload in the sandbox or were approved at every
step; now asked about or refused at some step (``FIXED``). One sandbox (``redteam22_parts.run_many22``),
default-policy guard, network none. ``test_redteam26_held.py`` runs those held already. Also ordinary work near the
new readers (``ORDINARY26``) and the session's ordinary twins the exact builtins now clear (guard24's
``SESSION24_OK`` named in ``SESSION26_OK_NAMES``, and ``SESSION26_OK``): every step approved."""

from __future__ import annotations

import pytest

from . import redteam24_tables as T24
from . import redteam26_tables as T
from .guard_steps import assert_none_asked
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    "a python fork runs a file later",  # jobs (ran)
    "a perl fork runs a file later",  # jobs (ran)
    "a script appends its payload to itself",  # toctou (ran)
    "a script appends encoded text to itself",  # toctou (ran)
    "a script appends base64-decoded text to itself",  # toctou (ran)
    "a script overwrites its next line",  # toctou (ran)
    "a sourced file appends to itself",  # toctou (approved; source reads the whole file first: nothing ran)
    "INPUTRC exported",  # later (approved; readline's bindings act only on keys typed)
    "tclsh open a pipe",  # interp (ran)
    "sqlite3 .output to a pipe",  # interp (ran)
    "sqlite3 edit() with an editor",  # interp (ran)
    "vim r !",  # interp (ran)
    "ed w !sh",  # interp (ran)
    "python code.interact fed",  # interp (ran)
})


def through(o) -> bool:
    return o.ran or o.host or o.approved


def _named(names) -> dict:
    return {n: s for table in T.TABLES.values() for n, s in table.items() if n in names}


def test_every_fixed_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 258 + len(T.OWN26)
    assert FIXED <= set(names)


def test_attempts_through_at_the_start_are_held(tmp_path):
    results = run_many22(tmp_path / "ws", _named(FIXED), "redteam26-fixed", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_ordinary_work_near_the_new_readers_and_exact_builtins_passes(tmp_path):
    (tmp_path / "ws").mkdir()
    ordinary = {**T.ORDINARY26, **T.SESSION26_OK, **{"24: " + n: T24.SESSION24_OK[n] for n in T.SESSION26_OK_NAMES}}
    assert_none_asked(tmp_path / "ws", ordinary, "redteam26-ordinary")
