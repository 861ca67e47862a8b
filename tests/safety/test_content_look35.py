"""scr35's hand-written look-alike answers (candidate F2): benign only, many languages, read by the n-gram and MiniLM
heads, waiting in the multilingual and Gemma trainers' NOT_YET, and no text shared with a published answer set."""
from __future__ import annotations

from macrohard.safety.train_sources import CONTENT_SOURCES, ROOT, content_rows

LOOK35 = "scripts/screen_data/content_look35.tsv"


def test_look35_is_benign_many_languages_and_named() -> None:
    assert CONTENT_SOURCES["look35"] == LOOK35
    rows = content_rows(LOOK35)
    assert len(rows) >= 150 and all(labels == set() for _, labels in rows)
    langs = [line.split("\t")[1].rsplit(":", 1)[1] for line in (ROOT / LOOK35).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert len(set(langs)) >= 30 and sum(lang != "en" for lang in langs) >= 100


def test_look35_copies_no_published_answer() -> None:
    mine = {t for t, _ in content_rows(LOOK35)}
    for name, rel in CONTENT_SOURCES.items():
        if name != "look35":
            assert not mine & {t for t, _ in content_rows(rel)}, name
