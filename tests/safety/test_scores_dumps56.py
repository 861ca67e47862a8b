"""The score dumps that compare two trees' screens (``benchmarks/content_scores.py``, ``injection_scores.py``) skip
the wave's sealed sets by the trainers' own seal (``train_sources._final``), not by names written into them: the
answer dump named ``blind45``/``everyday45`` since speed51, so run with no set named it would have read this wave's
sealed ``blind49.tsv`` and ``everyday49.tsv`` (speed56). Only paths are judged here: no sealed file is opened."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from macrohard.safety.train_sources import _final

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"speed56_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_score_dumps_skip_what_the_trainers_seal():
    content, injection = _load("content_scores"), _load("injection_scores")
    names = ["blind49.tsv", "everyday49.tsv", "blind48.tsv", "everyday48.tsv", "blind45.tsv", "heldout.tsv",
             "blind49_compose.py", "parts49/c49h.tsv"]
    for name in names:
        assert content._sealed(content.DATA / name) == _final(content.DATA / name), name
    assert content._sealed(content.DATA / "blind49.tsv") and content._sealed(content.DATA / "everyday49.tsv")
    assert not content._sealed(content.DATA / "blind48.tsv") and not content._sealed(content.DATA / "everyday48.tsv")
    for name in ("blind49.jsonl", "blind48.jsonl", "blind.jsonl", "parts49/i49a.jsonl"):
        assert injection._sealed(injection.DATA / name) == _final(injection.DATA / name), name
    assert injection._sealed(injection.DATA / "blind49.jsonl") and not injection._sealed(injection.DATA / "blind48.jsonl")
