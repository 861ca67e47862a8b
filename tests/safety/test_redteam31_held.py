"""guard31: the attempts that were held on main at the wave's start (2634141) and still are: asked about or refused
at some step, their payload never run. The rest of ``redteam31_tables`` is in ``test_redteam31_fixed.py``
(``FIXED``, ``HARMLESS``). The default run takes a frozen eighth of each table (every eighth name in sorted order,
one sandbox); ``-m oracle_full`` runs them all."""

from __future__ import annotations

import pytest

from . import redteam31_tables as T
from .redteam_waves import eighth, held, none_through
from .sandbox_check import bwrap_works
from .test_redteam31_fixed import FIXED, HARMLESS

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


def test_attempts_held_at_the_start_stay_held_sampled(tmp_path):
    none_through(tmp_path, eighth(T.TABLES, FIXED | HARMLESS), "redteam31-held-eighth")


@pytest.mark.oracle_full
@pytest.mark.parametrize("group", sorted(T.TABLES))
def test_attempts_held_at_the_start_stay_held(tmp_path, group):
    none_through(tmp_path, held(T.TABLES, group, FIXED | HARMLESS), f"redteam31-held-all-{group}")
