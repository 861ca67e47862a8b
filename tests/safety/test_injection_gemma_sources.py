"""The Gemma head's trainer reads the injections only of a source in ``INJECTIONS_ONLY`` (injr34b's candidate D and
injr35's arm E2: the head fitted with blind27's negatives lost other-language orders, RESULTS.md ``### injr34``); every
other row, and the n-gram and MiniLM trainers' data, are unchanged. The rows below are made up for this test."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import train_injection_gemma as tg  # noqa: E402

from macrohard.safety.train_sources import INJECTION_SOURCES  # noqa: E402


class _Stop(Exception):
    pass


def test_every_injections_only_source_is_a_named_source() -> None:
    assert tg.INJECTIONS_ONLY and all(name in INJECTION_SOURCES for name in tg.INJECTIONS_ONLY)


def test_the_negatives_of_an_injections_only_source_are_left_out_of_the_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [("gen order", 1, "gen"), ("gen note", 0, "gen"), ("b26 order", 1, "blind26"), ("b26 note", 0, "blind26"),
            ("b27 order", 1, "blind27"), ("b27 note", 0, "blind27"), ("b27 order two", 1, "blind27")]
    monkeypatch.setattr(tg, "INJECTIONS_ONLY", ("blind27",))
    monkeypatch.setattr(tg, "dataset_sources", lambda without=(): (
        [t for t, _, _ in rows], np.array([y for _, y, _ in rows], dtype=np.float64), np.array([s for _, _, s in rows]),
        [t for t, _, _ in rows]))
    monkeypatch.setattr(tg, "_Table", lambda: None)
    monkeypatch.setattr(tg.embed_head, "meanmax_vector", lambda enc, t: np.full(4, float(len(t)), dtype=np.float32))
    seen = {}

    def fit(x, y, **kw):
        seen.update(x=x, y=y[:, 0], weight=kw["weight"])
        raise _Stop

    monkeypatch.setattr(tg.embed_head, "fit_mlp", fit)
    with pytest.raises(_Stop):
        tg.train()
    kept = [r for r in rows if not (r[2] == "blind27" and r[1] == 0)]
    assert seen["x"][:, 0].tolist() == [float(len(t)) for t, _, _ in kept]
    assert seen["y"].tolist() == [float(y) for _, y, _ in kept]
    assert seen["weight"].tolist() == [1.0 if s == "gen" else float(tg.HAND_REPEAT) for _, _, s in kept]
