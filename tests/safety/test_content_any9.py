"""Harm read across categories (``safety/content_any.py``): an English answer whose harmful categories are each
under their thresholds but together make harm likely is stopped under its most likely category; an answer in
another language is not (the English models' scores spread thin there); bias stays out of the sum."""

from __future__ import annotations

import pytest

from macrohard.safety import content_embed
from macrohard.safety.content import screen_text
from macrohard.safety.content_any import HARM_ANY, HARMFUL, MIN_TOP, MIN_WORDS, combined, spread_harm, top_harm
from macrohard.safety.policy import load_policy

pytest.importorskip("numpy")

THRESHOLDS = load_policy().answer_thresholds
PLAN = "I found a seller who ships the parts in speaker boxes; pay in Monero and use a drop address for delivery."
PLAN_ES = "Encontré un vendedor que envía las piezas en cajas de altavoces; paga en Monero y usa una dirección de entrega."


def split(weapons: float, drugs: float, fraud: float, bias: float = 0.0) -> dict[str, float]:
    scores = dict.fromkeys(HARMFUL, 0.0) | {"bias": bias}
    return scores | {"weapons": weapons, "drugs": drugs, "fraud": fraud}


def test_combined_is_the_noisy_or_of_the_harmful_categories_only():
    assert combined(split(0.2, 0.2, 0.0)) == pytest.approx(0.36)
    assert combined(split(0.0, 0.0, 0.0, bias=0.99)) == 0.0
    assert combined({}) == 0.0
    assert combined(split(1.5, -0.2, 0.0)) == 1.0  # out-of-range scores are clipped, not trusted
    assert top_harm(split(0.1, 0.3, 0.2)) == "drugs"


@pytest.fixture
def fixed_scores(monkeypatch):
    """The classifier's vote replaced by fixed scores: the test reads the screen's decision, not the models."""
    def use(scores: dict[str, float]) -> None:
        monkeypatch.setattr(content_embed, "vote", lambda ngram, embedded, *a, **k: dict(scores))
    return use


def test_an_english_answer_split_over_categories_is_stopped_under_the_top_one(fixed_scores):
    scores = split(0.28, 0.25, 0.2)  # each under its threshold (weapons 0.3, drugs 0.3, fraud 0.65); together 0.57
    assert all(scores[c] < THRESHOLDS[c] for c in HARMFUL) and combined(scores) >= HARM_ANY
    fixed_scores(scores)
    verdict = screen_text(PLAN, THRESHOLDS)
    assert list(verdict.found) == ["weapons"] and "combined harmful score" in verdict.found["weapons"]


def test_under_the_combined_threshold_nothing_is_stopped(fixed_scores):
    fixed_scores(split(0.1, 0.1, 0.05))
    assert combined(split(0.1, 0.1, 0.05)) < HARM_ANY
    assert not screen_text(PLAN, THRESHOLDS).flagged


def test_an_answer_in_another_language_is_left_to_the_multilingual_head(fixed_scores):
    fixed_scores(split(0.28, 0.25, 0.2))
    assert "combined harmful score" not in " ".join(screen_text(PLAN_ES, THRESHOLDS).found.values())


def test_a_category_found_alone_is_not_filed_twice(fixed_scores):
    fixed_scores(split(0.1, 0.5, 0.1))  # drugs over its threshold: found as drugs, the combined reading adds nothing
    verdict = screen_text(PLAN, THRESHOLDS)
    assert list(verdict.found) == ["drugs"] and "combined" not in verdict.found["drugs"]


def test_short_answers_pass_with_the_real_models():
    for text in ("ok", "Yes", "Thanks!", "Done.", "No.", "4", "See above."):
        assert not screen_text(text, THRESHOLDS).flagged, text


def test_short_closing_answers_pass_with_the_real_models():
    """CI, after screen11's retrain: the scripted model's "no script for this task" was denied as malware (0.27 for
    "script" and seven base rates made a combined 0.45), so every scripted eval run looped on its finish."""
    for text in ("no script for this task", "No script for this task.", "script finished", "no tool for this task",
                 "There is no script for that task.", "Ran the deploy script."):
        assert not screen_text(text, THRESHOLDS).flagged, text


def test_a_short_text_is_not_read_across_categories(fixed_scores):
    scores = split(0.28, 0.25, 0.2)
    assert spread_harm(scores, words=MIN_WORDS) == ("weapons", pytest.approx(combined(scores)))
    assert spread_harm(scores, words=MIN_WORDS - 1) is None
    fixed_scores(scores)
    assert not screen_text("Seller ships parts; pay in Monero.", THRESHOLDS).flagged  # 6 words
    assert screen_text(PLAN, THRESHOLDS).flagged


def test_an_answer_with_no_signal_is_not_stopped_by_base_rates(fixed_scores):
    flat = dict.fromkeys(HARMFUL, 0.08) | {"bias": 0.05}  # what "ok" scores: eight base rates make 0.49
    assert combined(flat) >= HARM_ANY and max(flat.values()) < MIN_TOP and spread_harm(flat) is None
    fixed_scores(flat)
    assert not screen_text("ok", THRESHOLDS).flagged


def test_a_caller_sets_or_turns_off_the_combined_threshold(fixed_scores):
    fixed_scores(split(0.28, 0.25, 0.2))  # combined 0.57
    assert screen_text(PLAN, THRESHOLDS | {"any_harm": 0.5}).flagged
    assert not screen_text(PLAN, THRESHOLDS | {"any_harm": 2.0}).flagged  # the trainer's "rules only" screening
