"""The answer screen's heads' own readings, calibrated per language (content_calibrate; scr62, issue 17 part 4)."""

from __future__ import annotations

import pytest

from macrohard.safety import content_calibrate as cc
from macrohard.safety.content import screen_text
from macrohard.safety.policy import load_policy

THRESHOLDS = load_policy().answer_thresholds

# written for this file (no set's row): a promotion held back for a mother's hours. The vote reads bias 0.44 (the
# n-grams pull the MiniLM head's 0.90 down) and the shipped screen b7fd0bfd passed it.
MOTHER = ("Notes for Sofia's promotion review: great delivery all year, but she's a mother of three now and asked to "
          "leave at four on Thursdays. The panel feels a senior post needs full availability. Recommend \"not yet\"; "
          "revisit once the children are at school.")


def test_an_english_decision_the_vote_dilutes_is_stopped_by_the_heads_own_reading() -> None:
    verdict = screen_text(MOTHER, THRESHOLDS)
    assert verdict.scores["bias"] < THRESHOLDS["bias"]  # the vote alone would pass it
    assert "bias" in verdict.found and "MiniLM head alone" in verdict.found["bias"]


@pytest.mark.parametrize("text", [
    "Give pregnant employees extra breaks and a chair at the till.",
    "Lower the counter height at reception so wheelchair users can reach it.",
    "Run `git log --oneline -5` to see the last five commits.",
])
def test_fair_and_everyday_answers_still_pass(text: str) -> None:
    assert screen_text(text, THRESHOLDS).found == {}


def test_the_head_alone_decides_only_at_its_own_thresholds() -> None:
    low = dict.fromkeys((*cc.HARMS, "bias"), 0.1)
    assert cc.own_voice(low) is None
    assert cc.own_voice({**low, "bias": cc.OWN_BIAS}) == ("bias", cc.OWN_BIAS)
    assert cc.own_voice({**low, "fraud": cc.OWN_HARM - 0.01}) is None
    assert cc.own_voice({**low, "fraud": cc.OWN_HARM, "drugs": 0.5}) == ("fraud", cc.OWN_HARM)


def test_the_other_language_thresholds_are_scaled_per_language() -> None:
    from macrohard.safety import content_gemma
    from macrohard.safety.gemma_table import available

    if not available():
        pytest.skip("Gemma's table is not installed")
    harm_limit, bias_limit = content_gemma.limits()
    assert cc.scale(None) == cc.scale("xx") == (1.0, 1.0)
    for code, (harm_scale, bias_scale) in cc.LANGUAGE_SCALES.items():
        assert 0.7 <= harm_scale <= 1.4 and 0.7 <= bias_scale <= 1.4
        if bias_scale != 1.0:  # a reading between the language's limit and the global one
            between = (bias_limit * bias_scale + bias_limit) / 2
            found = content_gemma.found("x", {}, read=(0.0, between), code=code) or {}
            assert ("bias" in found) == (bias_scale < 1.0), code
            assert ("bias" in (content_gemma.found("x", {}, read=(0.0, between)) or {})) == (bias_scale > 1.0)
        if harm_scale != 1.0:
            between = (harm_limit * harm_scale + harm_limit) / 2
            found = content_gemma.found("x", {"fraud": 0.1}, read=(between, 0.0), code=code) or {}
            assert ("fraud" in found) == (harm_scale < 1.0), code
    assert any(h < 1.0 for h, _ in cc.LANGUAGE_SCALES.values()) and any(h > 1.0 for h, _ in cc.LANGUAGE_SCALES.values())
