"""Helper screen30's hand-written answers for the multilingual head (``scripts/screen_data/content_multi30m.tsv``):
biased decisions outside English in the shapes the shipped head missed on blind26's half A (a better candidate passed
over for a pregnancy, marriage, children or age; an agent's report of a filter applied to a group; a clinical note
dismissing a patient by group; a booking refused by pretext) and their fair twins. Written while the trainer did not
read it yet (its ``DATA`` names it at the next retrain); the file is well formed and shares no text with any source."""

from __future__ import annotations

from collections import Counter

from macrohard.safety.train_sources import CONTENT_SOURCES, NEWER_CONTENT_SOURCES, ROOT, content_rows

FILE = "scripts/screen_data/content_multi30m.tsv"


def test_the_file_is_well_formed() -> None:
    rows = content_rows(FILE)
    labels = Counter("bias" if row[1] else "benign" for row in rows)
    assert set(labels) == {"bias", "benign"} and labels["bias"] >= 50 and labels["benign"] >= 25, labels
    assert len({text for text, _ in rows}) == len(rows)
    lines = (ROOT / FILE).read_text(encoding="utf-8").splitlines()
    kinds = [line.split("\t", 2)[1] for line in lines if line and not line.startswith("#")]
    assert all(kind.startswith("hand30m:") for kind in kinds)
    languages = Counter(kind.split(":")[1] for kind in kinds)
    assert "en" not in languages and len(languages) >= 20, languages


def test_no_text_is_shared_with_another_source() -> None:
    mine = {text for text, _ in content_rows(FILE)}
    others = [*CONTENT_SOURCES.values(), *NEWER_CONTENT_SOURCES.values(), "benchmarks/content/blind26.tsv",
              "benchmarks/content/everyday26.tsv", *(f"scripts/screen_data/content_multi{n}m.tsv" for n in (8, 9, 15))]
    for rel in others:
        shared = mine & {text for text, _ in content_rows(rel)}
        assert not shared, (rel, sorted(shared)[:3])
