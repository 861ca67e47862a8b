"""guard26: the attempts that were held on main at the wave's start (298930e) and still are, and ``OWN26`` (written
against the exact builtins, every one held): asked about or refused at some step, their payload never run. The rest
of ``redteam26_tables`` is in ``test_redteam26_fixed.py`` (``FIXED``). The default run takes ``OWN26`` whole and a
frozen eighth of the others (every eighth name of each table in sorted order, one sandbox); ``-m oracle_full`` runs
them all."""

from __future__ import annotations

import pytest

from . import redteam26_tables as T
from .redteam22_parts import run_many22
from .sandbox_check import bwrap_works
from .test_redteam26_fixed import FIXED, through

pytestmark = pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap")


def held(group: str) -> dict:
    return {n: s for n, s in T.TABLES[group].items() if n not in FIXED}


def _check(tmp_path, group: str, attacks: dict, tag: str) -> None:
    results = run_many22(tmp_path / "ws", attacks, f"redteam26-held-{tag}-{group}", timeout=30)
    assert not [n for n, o in results.items() if through(o)]


def test_attempts_on_the_exact_builtins_are_held(tmp_path):
    _check(tmp_path, "own", held("own"), "own")


def test_attempts_held_at_the_start_stay_held_sampled(tmp_path):
    sample = {}
    for group in sorted(set(T.TABLES) - {"own"}):
        attacks = held(group)
        sample.update({n: attacks[n] for n in sorted(attacks)[::8]})
    _check(tmp_path, "sampled", sample, "eighth")


@pytest.mark.oracle_full
@pytest.mark.parametrize("group", sorted(set(T.TABLES) - {"own"}))
def test_attempts_held_at_the_start_stay_held(tmp_path, group):
    _check(tmp_path, group, held(group), "all")
