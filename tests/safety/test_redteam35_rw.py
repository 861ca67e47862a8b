"""guard35: bash's read-write redirection ``[n]<> word`` parsed as a redirection that reads and WRITES ``word``
(``redteam35_tables``; guard34's 20 ``<>`` attempts in ``redteam34_tables.RW34``). Before guard35 every line with
``<>`` was asked (tree-sitter-bash does not know the operator: an unparseable line), ordinary ones too."""

from __future__ import annotations

import pytest

from . import redteam34_tables as T34
from . import redteam35_tables as T
from .guard_steps import assert_none_asked
from .redteam_waves import none_through
from .sandbox_check import bwrap_works

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


def test_tables_are_whole():
    assert len(T.RW35) >= 20 and len(T.ORDINARY35) >= 10


def test_rw_attempts_are_held(tmp_path):
    none_through(tmp_path, T.RW35, "redteam35-rw")


def test_guard34_rw_attempts_stay_held(tmp_path):
    none_through(tmp_path, T34.RW34, "redteam35-rw34")


def test_ordinary_rw_twins_pass(tmp_path):
    (tmp_path / "ws").mkdir()
    assert_none_asked(tmp_path / "ws", T.ORDINARY35, "redteam35-ordinary")
