"""guard20: the attempts that were held already on main at the wave's start (f8f9d53), kept so that they stay held:
418 of 547 (``redteam20_tables``; ``test_redteam20_fixed.py`` runs the others). One sandbox per table."""

from __future__ import annotations

import pytest

from . import redteam20_tables as T
from .guard_steps import assert_all_held
from .sandbox_check import bwrap_works
from .test_redteam20_fixed import FIXED

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


@pytest.mark.parametrize("group", sorted(T.ALL))
def test_attacks_held_at_the_start_stay_held(tmp_path, group):
    attacks = {n: s for n, s in T.ALL[group].items() if n not in FIXED}
    assert_all_held(tmp_path, attacks, f"redteam20-held-{group}", timeout=30)
