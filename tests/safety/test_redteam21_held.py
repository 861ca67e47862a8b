"""guard21: the attempts that were held already on main at the wave's start (769c8a2), kept so that they stay held
(``redteam21_tables``; ``test_redteam21_fixed.py`` runs the others). One sandbox per table."""

from __future__ import annotations

import pytest

from . import redteam21_tables as T
from .guard_steps import assert_all_held
from .sandbox_check import bwrap_works
from .test_redteam21_fixed import FIXED, OPEN

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


@pytest.mark.parametrize("group", sorted(T.ALL))
def test_attacks_held_at_the_start_stay_held(tmp_path, group):
    attacks = {n: s for n, s in T.ALL[group].items() if n not in FIXED and n not in OPEN}
    assert_all_held(tmp_path, attacks, f"redteam21-held-{group}", timeout=30)
