"""guard34: the attempts that got through on main at the wave's start (``redteam34_tables``, 113 written before they
ran, committed 18bdbdf): ``wait -p 'a[$(…)]'`` ran its payload (the name's subscript runs its ``$(…)``), and
``bind -x '"a": CMD'`` was approved (its command unread; it did not run here: no terminal for ``read -e``); both now
asked about or refused (``FIXED``). Approved on main and now, their payload never run, and harmless as far as
guard34 could find (``APPROVED``): ``LOCPATH`` to an empty folder (locale files are data), a terminfo entry whose
string holds ``$(…)`` (``tput`` prints it, runs nothing), a vim modeline's ``foldexpr`` (modelines run sandboxed).
Also the ordinary twins written with the attempts (and 3 with ``OWN34``): approved at every step."""

from __future__ import annotations

import pytest

from . import redteam34_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import named, none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")

FIXED = frozenset({
    "wait -p into a subscript", "bind -x then read -e",
    # own (written 04:58 after the first two fixes, against them; all 6 through on main, 4 ran their payload)
    "wait -p attached", "wait -np cluster", "builtin wait -p", "wait -p from a variable", "bind -x attached",
    "bind -x in a sourced file",
})
APPROVED = frozenset({"LOCPATH with a locale folder", "TERMINFO folder then tput", "vim modeline"})


def test_every_named_attempt_is_in_the_tables():
    names = [n for table in T.TABLES.values() for n in table]
    assert len(names) == len(set(names)) == 113 + 6
    assert FIXED | APPROVED <= set(names)


def test_attempts_through_at_the_start_are_held(tmp_path):
    none_through(tmp_path, named(T.TABLES, FIXED), "redteam34-fixed")


def test_ordinary_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY34, "redteam34-ordinary")
