"""guard38: the attempts that were held on main at the wave's start and still are: asked about or refused at some
step, their payload never run. The rest of ``redteam38_tables`` is in ``test_redteam38_fixed.py`` (``FIXED``, and
``APPROVED``: approved, harmless). The default run takes a frozen eighth of each table; ``-m oracle_full`` runs all."""

from __future__ import annotations

import pytest

from . import redteam38_tables as T
from .redteam_waves import eighth, held, none_through
from .sandbox_check import bwrap_works
from .test_redteam38_fixed import APPROVED, FIXED

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


def test_attempts_held_at_the_start_stay_held_sampled(tmp_path):
    none_through(tmp_path, eighth(T.TABLES, FIXED | APPROVED), "redteam38-held-eighth")


@pytest.mark.oracle_full
@pytest.mark.parametrize("group", sorted(T.TABLES))
def test_attempts_held_at_the_start_stay_held(tmp_path, group):
    none_through(tmp_path, held(T.TABLES, group, FIXED | APPROVED), f"redteam38-held-all-{group}")
