"""guard35: bash's read-write redirection ``[n]<> word`` parsed as a redirection that reads and WRITES ``word``
(``redteam35_tables``; guard34's 20 ``<>`` attempts in ``redteam34_tables.RW34``). Before guard35 every line with
``<>`` was asked (tree-sitter-bash does not know the operator: an unparseable line), ordinary ones too: 12 of the 13
twins. Of the 25 attempts one is approved, as its ``>>`` is (``APPROVED``: a write to /tmp, a path the policy allows).
``OWN35`` (written after the fix, against it): on main 8 of 14 ran their payload approved (``sh 0< s.sh``,
``sh 2> /dev/null run.sh``, ``echo > a.txt 'sh run.sh'; sh a.txt``: tree-sitter reads ``0<`` as the argument ``0``
and words after a redirect's target as more targets, which the walk dropped); now all held."""

from __future__ import annotations

import pytest

from . import redteam34_tables as T34
from . import redteam35_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


APPROVED = frozenset({"<> outside the workspace"})


def test_tables_are_whole():
    assert len(T.RW35) >= 20 and len(T.ORDINARY35) >= 10 and APPROVED <= set(T.RW35)


def test_rw_attempts_are_held(tmp_path):
    none_through(tmp_path, {n: s for n, s in T.RW35.items() if n not in APPROVED}, "redteam35-rw")


def test_words_after_a_redirect_target_are_held(tmp_path):
    none_through(tmp_path, {**T.OWN35, **T.SENDS35}, "redteam35-own")


def test_guard34_rw_attempts_stay_held(tmp_path):
    none_through(tmp_path, T34.RW34, "redteam35-rw34")


def test_ordinary_rw_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", {**T.ORDINARY35, **T.ORDINARY35_OWN}, "redteam35-ordinary")
