"""Square brackets are no evidence of harm (screen21, issue 17). Nearly every harmful answer of the published sets
carries ``[placeholders]`` (their writers leave out workable specifics) and their benign answers almost never; the Gemma
head, trained on them as written, had learnt the brackets themselves as harm. It now reads the words without the
brackets, at training and at screening time. ``scripts/screen_data/content_dev21s.tsv`` is a dev set of answers
written without placeholders (not training data).

The answers below were written for these tests (in no training or evaluation set)."""

from __future__ import annotations

import re

import pytest

import macrohard.safety.content_gemma as cg
import macrohard.safety.gemma_table as gt
from macrohard.safety.train_sources import (
    CONTENT_SOURCES,
    NEWER_CONTENT_SOURCES,
    ROOT,
    content_rows,
    content_sources,
)

DEV = "scripts/screen_data/content_dev21s.tsv"
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


def test_brackets_are_taken_out_and_the_words_kept() -> None:
    assert cg.unbracketed("mix [the powder] with [liquid] and wait") == "mix the powder with liquid and wait"
    assert cg.unbracketed("see [the docs](https://example.org) [1]") == "see the docs(https://example.org) 1"
    assert cg.unbracketed("nothing to take out") == "nothing to take out"


@pytest.mark.skipif(not gt.available(), reason="the Gemma package is not installed")
def test_the_gemma_head_scores_an_answer_the_same_with_or_without_brackets() -> None:
    with_ph = "Versteck den [Sender] unter ihrem [Auto], dann siehst du in der [App], wo sie ist."
    without = "Versteck den Sender unter ihrem Auto, dann siehst du in der App, wo sie ist."
    assert list(cg.token_array(with_ph)) == list(cg.token_array(without))
    assert cg.shipped().scores(with_ph) == cg.shipped().scores(without)


def test_the_dev_set_has_no_placeholders_and_is_not_training_data() -> None:
    rows = content_rows(DEV)
    harmful = [t for t, labels in rows if labels and labels != {"bias"}]
    assert len(harmful) >= 50 and not any(PLACEHOLDER.search(t) for t, _ in rows)
    assert DEV not in CONTENT_SOURCES.values() and DEV not in NEWER_CONTENT_SOURCES.values()
    assert (ROOT / DEV).is_file()


def test_the_newer_sets_are_read_only_when_asked_for() -> None:
    assert not set(NEWER_CONTENT_SOURCES) & set(CONTENT_SOURCES)
    assert not any("19" in rel for rel in NEWER_CONTENT_SOURCES.values())
    names = tuple(CONTENT_SOURCES)
    assert set(content_sources(without=names, newer=True)) == set(NEWER_CONTENT_SOURCES)
    assert content_sources(without=names) == {}


def _not_yet(script: str) -> tuple[str, ...]:
    import ast

    tree = ast.parse((ROOT / "scripts" / script).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "NOT_YET" for t in node.targets):
            return tuple(ast.literal_eval(node.value))
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "NOT_YET" and node.value is not None:
            return tuple(ast.literal_eval(node.value))
    raise AssertionError(f"{script} has no NOT_YET")


TRAINERS = ("train_content_embed.py", "train_content_multi.py", "train_gemma_head.py")


def test_every_published_set_through_blind26_is_read_by_every_head() -> None:
    # screen32: blind17-26 and everyday17-26 (each held out once by an earlier helper) moved into CONTENT_SOURCES, in
    # the order the Gemma and multilingual heads read them before; the n-gram head (content_train) and the MiniLM head
    # read them too, and no trainer's NOT_YET names them but the Gemma trainer's blind25/26 (screen32's candidates, held
    # out once on blind27/everyday27)
    for n in ("17", "18", "19", "20", "21", "22", "23", "24", "25", "26"):
        for name in (f"blind{n}", f"everyday{n}"):
            assert CONTENT_SOURCES[name] == f"benchmarks/content/{name}.tsv"
            assert name not in NEWER_CONTENT_SOURCES
            for trainer in TRAINERS:
                # the Gemma head (not retrained by screen32: its candidate failed the look) leaves out blind25/26
                waits = trainer == "train_gemma_head.py" and n in ("25", "26")
                assert (name in _not_yet(trainer)) == waits, (trainer, name)


def test_blind27_and_blind28_are_read_by_the_retrained_heads() -> None:
    # scr35 (candidate F): blind27/everyday27 (held out once by screen32) and blind28/everyday28 (measured once by the
    # lead) moved into CONTENT_SOURCES, read by the n-gram and MiniLM heads; the multilingual and Gemma heads (not
    # retrained) name all four in their NOT_YET; NEWER_CONTENT_SOURCES is empty
    assert NEWER_CONTENT_SOURCES == {}
    for name in ("blind27", "everyday27", "blind28", "everyday28"):
        assert CONTENT_SOURCES[name] == f"benchmarks/content/{name}.tsv"
        for trainer in TRAINERS:
            assert (name in _not_yet(trainer)) == (trainer != "train_content_embed.py"), (trainer, name)


def test_the_multilingual_head_reads_the_newer_sets_too() -> None:
    # blind17/18, everyday17/18 (NEWER_CONTENT_SOURCES) reach the multilingual head as they reach the Gemma head
    src = (ROOT / "scripts" / "train_content_multi.py").read_text(encoding="utf-8")
    assert "content_sources((*without, *NOT_YET), newer=True)" in src




def test_blind31_to_blind34_are_read_in_one_order() -> None:
    # scr37 (candidate K1): blind31/everyday31 and blind32/everyday32 (each measured once by the lead), scr38 (candidate
    # N1): blind33/everyday33, then scr39 (candidate N): blind34/everyday34 are the last eight sources, in this order;
    # every head reads blind31/32; blind33/33 the n-gram and Gemma heads (scr38's retrain); blind34/34 the n-gram head
    # alone (scr39's retrain: the multilingual fit did not end by its limit, the MiniLM and Gemma heads were not run), so
    # the other trainers' NOT_YET name what their files were not fit on (their --check reads those rows); parts32/ to
    # parts34/ are not sources (blind32-34.tsv and everyday32-34.tsv are their parts joined unchanged)
    names = ("blind31", "everyday31", "blind32", "everyday32", "blind33", "everyday33", "blind34", "everyday34")
    assert tuple(CONTENT_SOURCES)[-8:] == names
    waits = {"train_content_embed.py": {"blind33", "everyday33", "blind34", "everyday34"},
             "train_content_multi.py": {"blind33", "everyday33", "blind34", "everyday34"},
             "train_gemma_head.py": {"blind34", "everyday34"}}
    for name in names:
        assert CONTENT_SOURCES[name] == f"benchmarks/content/{name}.tsv"
        for trainer in TRAINERS:
            assert (name in _not_yet(trainer)) == (name in waits[trainer]), (trainer, name)
    assert not any(f"parts3{n}" in rel for rel in CONTENT_SOURCES.values() for n in "234")


def test_blind34_is_parts34_joined() -> None:
    # adding parts34/ too would read every row of blind34/everyday34 twice
    def rows(rel: str) -> list[str]:
        text = (ROOT / rel).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    parts = "benchmarks/content/parts34/"
    assert rows("benchmarks/content/blind34.tsv") == [r for p in "hbl" for r in rows(f"{parts}{p}.tsv")]
    assert rows("benchmarks/content/everyday34.tsv") == [r for p in "hbl" for r in rows(f"{parts}{p}_everyday.tsv")]


def test_blind33_is_parts33_joined() -> None:
    # adding parts33/ too would read every row of blind33/everyday33 twice
    def rows(rel: str) -> list[str]:
        text = (ROOT / rel).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    parts = "benchmarks/content/parts33/"
    assert rows("benchmarks/content/blind33.tsv") == [r for p in "hblm" for r in rows(f"{parts}{p}.tsv")]
    assert rows("benchmarks/content/everyday33.tsv") == [r for p in "hbl" for r in rows(f"{parts}{p}_everyday.tsv")]


def test_blind32_is_parts32_joined() -> None:
    # adding parts32/ too would read every row of blind32/everyday32 twice
    def rows(rel: str) -> list[str]:
        text = (ROOT / rel).read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line and not line.startswith("#")]

    parts = "benchmarks/content/parts32/"
    assert rows("benchmarks/content/blind32.tsv") == [r for p in "hblm" for r in rows(f"{parts}{p}.tsv")]
    assert rows("benchmarks/content/everyday32.tsv") == [r for p in "hbl" for r in rows(f"{parts}{p}_everyday.tsv")]
