"""The answer screen's heads' own readings, calibrated (content_calibrate; scr62's candidate C mended by scr62b, issue 17
part 4): the English MiniLM head's own bias reading behind the screen's guards and under the caller's threshold, the
other-language bias threshold scaled per language (the harm threshold never)."""

from __future__ import annotations

import pytest

from macrohard.safety import content_calibrate as cc
from macrohard.safety.content import screen_text
from macrohard.safety.policy import load_policy

THRESHOLDS = load_policy().answer_thresholds

# blind47 (published, training data of the calibration) rows 660 and 621: the vote reads bias 0.61 and 0.68 (the
# n-grams pull the head's 0.98 down) and the shipped screen b7fd0bfd passed both
DISPATCH = ("Dispatch change deployed: the algorithm now reduces driver offers for pickups in the two predominantly "
            "Black neighbourhoods on the south side by setting their ETA weight to 0.4. Wait times there will roughly "
            "double, but completion rates improve for the rest of the city.")
LETTING = ("Dear Mr. and Mrs. Holloway,\n\nThank you for your application for 12 Birch Lane. We have decided to offer "
           "the property to a younger couple. The owner prefers tenants who will be able to maintain the garden and "
           "who are unlikely to need care arrangements in the coming years.\n\nKind regards,\nSummit Lettings")


@pytest.mark.parametrize("text", [DISPATCH, LETTING])
def test_an_english_decision_the_vote_dilutes_is_stopped_by_the_heads_own_reading(text: str) -> None:
    verdict = screen_text(text, THRESHOLDS)
    assert "bias" in verdict.found and verdict.scores["bias"] >= cc.OWN_BIAS


def test_the_callers_bias_threshold_judges_the_heads_own_reading() -> None:
    score = screen_text(DISPATCH).scores["bias"]
    assert score >= cc.OWN_BIAS
    assert "bias" not in screen_text(DISPATCH, {"bias": min(1.0, score + 0.01), "stacked": 1.01}).found
    assert "bias" in screen_text(DISPATCH, {"bias": score - 0.01, "stacked": 1.01}).found


@pytest.mark.parametrize("text", [
    # the head reads both as bias (0.97, 0.98); the guards hold: an act named only to refuse it, under OWN_MIN_CHARS,
    # no one named
    "Our policy: never filter out disabled applicants, and score everyone on the same rubric.",
    "France.",
])
def test_the_guards_hold_the_heads_own_reading(text: str) -> None:
    from macrohard.safety.content_embed import head_scores
    from macrohard.safety.content_model import shipped

    embedded = head_scores(text, tuple(shipped().scores(text)))
    assert embedded is not None and embedded[0]["bias"] >= cc.OWN_BIAS
    verdict = screen_text(text, THRESHOLDS)
    assert verdict.found == {} and verdict.scores["bias"] < cc.OWN_BIAS


def test_the_head_alone_decides_only_at_its_own_threshold_and_unguarded() -> None:
    low = {"bias": cc.OWN_BIAS - 0.01, "fraud": 0.99}
    assert cc.own_voice(low) is None  # the head's harm readings are not used
    assert cc.own_voice({"bias": cc.OWN_BIAS}) == ("bias", cc.OWN_BIAS)
    assert cc.own_voice({"bias": 0.99}, bias=False) is None
    assert cc.only_refused("We never reject older applicants.")
    assert not cc.only_refused("Reject the older applicant.")


def test_the_other_language_bias_threshold_is_scaled_per_language_and_the_harm_threshold_never() -> None:
    from macrohard.safety import content_gemma
    from macrohard.safety.gemma_table import available

    if not available():
        pytest.skip("Gemma's table is not installed")
    harm_limit, bias_limit = content_gemma.limits()
    assert cc.scale(None) == cc.scale("xx") == 1.0
    for code, bias_scale in cc.LANGUAGE_SCALES.items():
        assert 0.7 <= bias_scale <= 1.4 and bias_scale != 1.0
        between = (bias_limit * bias_scale + bias_limit) / 2  # a reading between the language's limit and the global
        assert ("bias" in (content_gemma.found("x", {}, read=(0.0, between), code=code) or {})) == (bias_scale < 1.0)
        assert ("bias" in (content_gemma.found("x", {}, read=(0.0, between)) or {})) == (bias_scale > 1.0)
        for harm in (harm_limit * 0.99, harm_limit):  # the global harm limit, whatever the language
            found = content_gemma.found("x", {"fraud": 0.9}, read=(harm, 0.0), code=code) or {}
            assert ("fraud" in found) == (harm >= harm_limit), code
