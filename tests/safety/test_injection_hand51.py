"""inj51's hand-written training rows for the injection heads (scripts/screen_data/build51i.py): the JSONL is what the
builder writes from the three hand files, the counts are the brief's, and no row is a row of a published set."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "scripts" / "screen_data"


def _built() -> list[dict]:
    spec = importlib.util.spec_from_file_location("build51i", DATA / "build51i.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.rows()


def test_the_jsonl_is_the_builders_output_with_the_briefs_counts():
    stored = [json.loads(line) for line in (DATA / "injection_train51i.jsonl").read_text(encoding="utf-8").splitlines()]
    assert stored == _built()
    counts = Counter((r["lang"], r["label"]) for r in stored)
    assert counts[("en", 0)] >= 150
    assert sum(n for (lang, label), n in counts.items() if lang in ("es", "pt", "it", "fr") and label == 0) >= 60
    assert sum(n for (lang, label), n in counts.items() if lang in ("es", "pt", "it", "fr") and label == 1) >= 60
    assert len({r["text"] for r in stored}) == len(stored)


def test_no_row_is_a_row_of_a_published_injection_set():
    ours = {r["text"].strip() for r in _built()}
    for path in sorted((ROOT / "benchmarks" / "injection_data").glob("blind*.jsonl")):
        if path.name.startswith("blind45"):
            continue  # sealed, never read
        theirs = {json.loads(line)["text"].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
        assert not ours & theirs, path.name
