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


def test_blind19_is_read_by_the_ngram_and_multilingual_heads() -> None:
    # screen22: blind19/everyday19 (its held-out look) went into CONTENT_SOURCES after the look, read by the n-gram head;
    # screen24 retrained the multilingual head (with every published set: NOT_YET empty, NEWER_CONTENT_SOURCES too; screen23's
    # recipe); screen27 retrained the Gemma head on them; the MiniLM head leaves them out until its next retrain
    assert CONTENT_SOURCES["blind19"] == "benchmarks/content/blind19.tsv"
    assert CONTENT_SOURCES["everyday19"] == "benchmarks/content/everyday19.tsv"
    assert {"blind19", "everyday19"} <= set(_not_yet("train_content_embed.py"))
    for script in ("train_content_multi.py", "train_gemma_head.py"):
        assert not {"blind19", "everyday19"} & set(_not_yet(script)), script


def test_blind20_is_read_by_the_ngram_and_multilingual_heads() -> None:
    # screen23: blind20/everyday20 (its held-out look) went into CONTENT_SOURCES after the look, read by the n-gram head;
    # screen24 retrained the multilingual head on them (held out on blind21 first), screen27 the Gemma head; the MiniLM
    # head not yet
    assert CONTENT_SOURCES["blind20"] == "benchmarks/content/blind20.tsv"
    assert CONTENT_SOURCES["everyday20"] == "benchmarks/content/everyday20.tsv"
    assert {"blind20", "everyday20"} <= set(_not_yet("train_content_embed.py"))
    for script in ("train_content_multi.py", "train_gemma_head.py"):
        assert not {"blind20", "everyday20"} & set(_not_yet(script)), script


def test_blind21_to_blind24_are_read_by_both_other_language_heads() -> None:
    # screen25: blind21 (screen24's held-out look) and blind22 (screen25's) are in NEWER_CONTENT_SOURCES, which the
    # Gemma and multilingual trainers read; screen27 retrained the Gemma head on them; screen29 retrained the
    # multilingual head on blind21-24 and the Gemma head on blind24 too; blind25 (screen29's held-out look) waits in both
    # trainers' NOT_YET; the n-gram and MiniLM heads read CONTENT_SOURCES only
    for n in ("21", "22", "23", "24", "25"):
        assert NEWER_CONTENT_SOURCES[f"blind{n}"] == f"benchmarks/content/blind{n}.tsv"
        assert NEWER_CONTENT_SOURCES[f"everyday{n}"] == f"benchmarks/content/everyday{n}.tsv"
        assert f"blind{n}" not in CONTENT_SOURCES
        for trainer in ("train_content_multi.py", "train_gemma_head.py"):
            held = {f"blind{n}", f"everyday{n}"} & set(_not_yet(trainer))
            assert held == (set() if n != "25" else {"blind25", "everyday25"}), (trainer, n)


def test_the_multilingual_head_reads_the_newer_sets_too() -> None:
    # blind17/18, everyday17/18 (NEWER_CONTENT_SOURCES) reach the multilingual head as they reach the Gemma head
    src = (ROOT / "scripts" / "train_content_multi.py").read_text(encoding="utf-8")
    assert "content_sources((*without, *NOT_YET), newer=True)" in src


