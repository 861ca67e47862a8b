"""The folds of the injection screen's out-of-fold validation (``scripts/train_injection_embed.py --cv``)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from train_injection_embed import fold_of  # noqa: E402

from macrohard.safety.train_sources import INJECTION_SOURCES  # noqa: E402


def test_one_source_per_fold_by_default():
    names = list(INJECTION_SOURCES)
    assert fold_of(names) == {n: n for n in names} == fold_of(names, len(names) + 3)


def test_groups_are_contiguous_near_equal_and_cover_every_source():
    names = [f"s{i}" for i in range(13)]
    fold = fold_of(names, 4)
    groups = list(dict.fromkeys(fold.values()))
    assert groups == ["s0+s1+s2+s3", "s4+s5+s6", "s7+s8+s9", "s10+s11+s12"]
    assert set(fold) == set(names) and all(n in fold[n].split("+") for n in names)
    assert sorted(len(g.split("+")) for g in groups) == [3, 3, 3, 4]
