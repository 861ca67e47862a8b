"""What each wave's ``test_redteamNN_fixed``/``_held`` do with its tables (guard31 onward; the older waves' files
repeat it in their own words): whether an attempt got through, the attempts of some names, and the run of those
held at the wave's start (a frozen eighth of each table by default, all under ``-m oracle_full``)."""

from __future__ import annotations

from .redteam22_parts import run_many22


def through(o) -> bool:
    """Its payload ran (sandbox or host), or every step was approved."""
    return o.ran or o.host or o.approved


def named(tables: dict[str, dict], names) -> dict:
    return {n: s for table in tables.values() for n, s in table.items() if n in names}


def held(tables: dict[str, dict], group: str, elsewhere) -> dict:
    """The attempts of ``group`` not listed in the wave's fixed test (``elsewhere``)."""
    return {n: s for n, s in tables[group].items() if n not in elsewhere}


def eighth(tables: dict[str, dict], elsewhere) -> dict:
    """Every eighth held attempt of each table, in sorted order."""
    sample = {}
    for group in sorted(tables):
        attacks = held(tables, group, elsewhere)
        sample.update({n: attacks[n] for n in sorted(attacks)[::8]})
    return sample


def none_through(tmp_path, attacks: dict, run_id: str) -> None:
    results = run_many22(tmp_path / "ws", attacks, run_id, timeout=30)
    assert not [n for n, o in results.items() if through(o)]
