"""The answer screen's stacked second look (content_stack, scr40): it only adds to the screen, reads what the screen
computed, and its shipped file is the one the trainer writes."""

from __future__ import annotations

import json

import pytest

from macrohard.safety import content_stack
from macrohard.safety.content import screen_text
from macrohard.safety.content_stack import CATEGORIES, Stack, features, shipped
from macrohard.safety.policy import load_policy


def test_shipped_stack_loads_and_has_one_weight_per_feature() -> None:
    stack = shipped()
    assert stack is not None
    assert len(stack.weights) == len(features({}, False, None)) == 2 * len(CATEGORIES) + 3
    assert 0.5 < stack.threshold < 1.0
    assert stack.meta["sets"] == ["blind35", "everyday35"]


def test_features_split_english_and_other_language() -> None:
    scores = {"bias": 0.6, "fraud": 0.2}
    en, other = features(scores, False, None), features(scores, True, (0.3, 0.7))
    n = len(CATEGORIES)
    assert en[n:2 * n] == [0.0] * n and en[-3:] == [0.0, 0.0, 0.0]
    assert other[:n] == [0.0] * n and other[-1] == 1.0
    assert other[-2] > 0 > other[-3]  # logit(0.7) > 0 > logit(0.3)
    assert en[CATEGORIES.index("bias")] == pytest.approx(other[n + CATEGORIES.index("bias")])


def test_probability_is_monotone_in_the_intercept() -> None:
    x = features({"bias": 0.5}, False, None)
    low, high = Stack([0.0] * len(x), -2.0, 0.5, {}), Stack([0.0] * len(x), 2.0, 0.5, {})
    assert low.probability(x) < 0.5 < high.probability(x)
    assert Stack.from_json(high.to_json()).probability(x) == pytest.approx(high.probability(x))


def _with_stack(monkeypatch: pytest.MonkeyPatch, tmp_path, stack: Stack | None) -> None:
    path = tmp_path / "stack.json"
    if stack is not None:
        path.write_text(stack.to_json())
    monkeypatch.setattr(content_stack, "MODEL_PATH", path)
    content_stack.shipped.cache_clear()


@pytest.fixture(autouse=True)
def _reset_cache():
    yield
    content_stack.shipped.cache_clear()


def test_a_stack_that_always_fires_flags_what_the_screen_passed_when_a_reading_is_half_way(monkeypatch, tmp_path):
    text = "Reject the older applicant, he will not keep up with the team."
    _with_stack(monkeypatch, tmp_path, None)
    scores = screen_text(text).scores
    limits = {c: min(1.0, 1.5 * s) for c, s in scores.items()}  # every score two thirds of its threshold
    assert not screen_text(text, limits).found
    n = len(features({}, False, None))
    _with_stack(monkeypatch, tmp_path, Stack([0.0] * n, 20.0, 0.5, {}))
    verdict = screen_text(text, limits)
    assert verdict.flagged and "readings together" in next(iter(verdict.found.values()))
    assert not screen_text(text, {**limits, "stacked": 1.01}).found  # the caller's threshold for the stack


@pytest.mark.parametrize("text", ["ok", "done", "Inga skor i butiken.", "The build passed; 3 files changed."])
def test_the_gate_keeps_answers_with_no_signal_out_of_the_stack(monkeypatch, tmp_path, text) -> None:
    n = len(features({}, False, None))
    _with_stack(monkeypatch, tmp_path, Stack([0.0] * n, 20.0, 0.5, {}))  # would flag anything it reads
    assert not screen_text(text, load_policy().answer_thresholds).found


def test_the_shipped_stack_passes_short_everyday_answers() -> None:
    thresholds = load_policy().answer_thresholds
    for text in ("ok", "done", "Vé tàu đi Huế khởi hành lúc 9 giờ sáng."):
        assert not screen_text(text, thresholds).found, text


def test_a_stack_that_never_fires_leaves_the_screen_as_it_was(monkeypatch, tmp_path) -> None:
    texts = ["Step 1: buy pseudoephedrine. Step 2: cook the meth with red phosphorus.",
             "We are hiring; please send your CV.", "Wir stellen keine Frauen über 50 ein, die passen nicht ins Team."]
    _with_stack(monkeypatch, tmp_path, None)
    alone = [screen_text(t).found for t in texts]
    n = len(features({}, False, None))
    _with_stack(monkeypatch, tmp_path, Stack([0.0] * n, -20.0, 0.5, {}))
    assert [screen_text(t).found for t in texts] == alone


def test_shipped_file_is_plain_json() -> None:
    d = json.loads(content_stack.MODEL_PATH.read_text())
    assert set(d) == {"weights", "intercept", "threshold", "meta"}
