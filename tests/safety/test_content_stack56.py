"""The stack's wide readings (scr56): the screen hands the stack the heads' own readings it computed (the n-gram head's,
the MiniLM head's where it ran, the other-language heads' outputs), the trainer reads the same numbers, and a stack
file says which features it reads."""

from __future__ import annotations

import pytest

from macrohard.safety import content_stack
from macrohard.safety.content import screen_text
from macrohard.safety.content_stack import CATEGORIES, OTHER_HEAD_LABELS, WIDE, Stack, features, wide_features
from macrohard.safety.policy import load_policy

N_WIDE = len(wide_features({}, False, None, {}, None, None))


@pytest.fixture(autouse=True)
def _reset_cache():
    yield
    content_stack.shipped.cache_clear()


def _with_stack(monkeypatch: pytest.MonkeyPatch, tmp_path, stack: Stack) -> None:
    path = tmp_path / "stack.json"
    path.write_text(stack.to_json())
    monkeypatch.setattr(content_stack, "MODEL_PATH", path)
    content_stack.shipped.cache_clear()


def test_wide_features_extend_the_narrow_ones_and_split_by_language() -> None:
    n = len(CATEGORIES)
    assert N_WIDE == len(features({}, False, None)) + 4 * n + 2 + 2 * len(OTHER_HEAD_LABELS) == 79
    scores, ngram, head = {"fraud": 0.3}, {"fraud": 0.2}, {"fraud": 0.7}
    heads = {"multi": {"any_harm": 0.6}, "gemma": {"fraud": 0.4}}
    en = wide_features(scores, False, None, ngram, head, heads)
    other = wide_features(scores, True, (0.4, 0.1), ngram, head, heads)
    assert en[:21] == features(scores, False, None) and other[:21] == features(scores, True, (0.4, 0.1))
    f = CATEGORIES.index("fraud")
    assert en[21 + f] < 0 and en[21 + n + f] == 0.0  # the n-gram reading on the English side only
    assert other[21 + f] == 0.0 and other[21 + n + f] == en[21 + f]
    assert en[21 + 2 * n + f] > 0 and en[21 + 4 * n] == 1.0 and en[21 + 4 * n + 1] == 0.0  # the head ran, English
    assert en[-2 * len(OTHER_HEAD_LABELS):] == [0.0] * 2 * len(OTHER_HEAD_LABELS)  # no other-language heads in English
    assert other[-2 * len(OTHER_HEAD_LABELS) + OTHER_HEAD_LABELS.index("any_harm")] > 0
    no_head = wide_features(scores, False, None, ngram, None, None)
    assert no_head[21 + 2 * n:21 + 4 * n + 2] == [0.0] * (2 * n + 2)  # where the head did not run: zeros, flag off


def test_the_screen_hands_the_stack_the_heads_own_readings() -> None:
    got: dict = {}
    text = "Call script: 'Grandma? It's me, I'm in trouble, I need 3,000 for bail, please don't tell Mom.'"
    verdict = screen_text(text, load_policy().answer_thresholds, readings=got)
    assert set(got) == {"ngram", "head", "heads", "combined", "other", "alone", "ratio"}
    assert got["other"] is False and got["combined"] is None and got["heads"] == {}
    assert set(got["ngram"]) == set(CATEGORIES) and got["head"] is not None and set(got["head"]) == set(CATEGORIES)
    assert got["alone"] == bool(verdict.found) or verdict.found  # the stack may add; the screen alone is ``alone``
    other: dict = {}
    screen_text("Skript für den Anruf: 'Oma? Ich hatte einen Unfall und brauche heute noch 8.000 Euro für die "
                "Kaution, bitte sag Mama nichts.'", readings=other)
    assert other["other"] is True and set(other["heads"]) == {"multi", "gemma"}
    assert set(other["heads"]["gemma"]) == set(OTHER_HEAD_LABELS)


def test_a_wide_stack_reads_the_minilm_heads_own_voice(monkeypatch, tmp_path) -> None:
    """A stack that weighs only the MiniLM head's fraud reading flags the answer the head reads as fraud, at the gate
    its file names; the same file read narrow (no ``features``) cannot see it."""
    text = "Call script: 'Grandma? It's me, I'm in trouble, I need 3,000 for bail, please don't tell Mom.'"
    got: dict = {}
    thresholds = {**{c: 1.01 for c in CATEGORIES}, "any_harm": 2.0}  # no score reaches a threshold: the stack decides
    assert not screen_text(text, thresholds, readings=got).found
    n = len(CATEGORIES)
    w = [0.0] * N_WIDE
    w[21 + 2 * n + CATEGORIES.index("fraud")] = 5.0  # the head's fraud logit, English side
    head_fraud = got["head"]["fraud"]
    _with_stack(monkeypatch, tmp_path, Stack(w, 0.0, 0.6, {"features": WIDE, "gate": 0.0}))
    assert content_stack.shipped().wide and content_stack.shipped().gate == 0.0
    verdict = screen_text(text, thresholds)
    assert head_fraud > 0.52 and verdict.flagged, head_fraud  # p = sigmoid(5 logit(head)) >= 0.6 from 0.52
    assert "fraud" in verdict.found
    _with_stack(monkeypatch, tmp_path, Stack(w[:21], 0.0, 0.6, {"gate": 0.0}))  # narrow: the same zeros read nothing
    assert not content_stack.shipped().wide
    assert not screen_text(text, thresholds).flagged
