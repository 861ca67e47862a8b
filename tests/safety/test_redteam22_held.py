"""guard22: the attempts that were held on main at the wave's start (d1bfe16) and still are: asked about or refused
at some step, their payload never run in the sandbox or on the host. The rest of ``redteam22_tables`` is in
``test_redteam22_fixed.py`` (``FIXED``, ``OPEN``)."""

from __future__ import annotations

import pytest

from . import redteam22_tables as T
from .redteam22_parts import got_through, run_many22
from .sandbox_check import bwrap_works
from .test_redteam22_fixed import FIXED, OPEN

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


@pytest.mark.parametrize("group", sorted(T.TABLES))
def test_attacks_held_at_the_start_stay_held(tmp_path, group):
    attacks = {n: s for n, s in T.TABLES[group].items() if n not in FIXED and n not in OPEN}
    if not attacks:
        return
    results = run_many22(tmp_path / "ws", attacks, f"redteam22-held-{group}", timeout=30)
    assert not [n for n, o in results.items() if o.host], "ran on the host"
    assert not [n for n, o in results.items() if got_through(group, o)]
