"""injc35's cuts of the injection screen's fixed cost per text give the same answers as the code they replaced (kept
here as the oracle): ``lang.detect``'s counts, Gemma's float32 rows kept per token, Gemma's memo asking llama.cpp once
a text, and the head's windows read from rows already gathered. No timings (``benchmarks/injection_cost.py``)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from macrohard.safety import lang
from macrohard.safety import normalize as nz

ROOT = Path(__file__).resolve().parents[2]
SETS = ["blind27", "blind28"]  # published: many languages and scripts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = []
    for name in SETS:
        path = ROOT / "benchmarks" / "injection_data" / f"{name}.jsonl"
        out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(out) > 3000
    r = random.Random(35)
    out += ["\n".join(r.sample(out, 12)) for _ in range(20)]  # mixed languages, several windows
    return out + ["", "a b c", "Żółć. Çà! ñ ¿qué? 123", "ÄÖÜ and the", "Ünïcödé wörds ønly", "x" * 300]


def _latin_lang_before(low: str) -> str | None:
    """``lang._latin_lang`` before injc35: a count for every language, hint letters read in every sentence."""
    words = lang._LATIN_WORD.findall(low)
    if not words:
        return None
    counts = dict.fromkeys(lang._STOPSETS, 0)
    for w in words:
        for code in lang._WORD_LANGS.get(w, ()):
            counts[code] += 1
    chars = set(low)
    for code, letters in lang._HINT_SETS.items():
        counts[code] += min(2, len(chars & letters))
    best = max(counts, key=lambda code: (counts[code], code == "en"))
    return None if counts[best] == 0 else best


def _sentence_lang_before(sentence: str) -> str | None:
    letters = lang._LETTER.findall(sentence)
    if len(letters) < 3:
        return None
    non_latin = lang._NON_LATIN.findall(sentence)
    if len(non_latin) >= 0.3 * len(letters):
        return lang._script_lang(non_latin)
    return _latin_lang_before(sentence.lower())


def test_language_of_every_sentence_is_unchanged(texts):
    for text in texts:
        for flat in (text, nz.normalise(text).flat):
            for m in lang._SENTENCE.finditer(flat[: lang.MAX_CHARS]):
                s = m.group(0)
                assert lang._sentence_lang(s) == _sentence_lang_before(s), s
                assert lang._latin_lang(s.lower()) == _latin_lang_before(s.lower()), s


def test_ties_go_to_the_first_language_in_order():
    # one German and one French function word: a tie, German comes first in _STOPSETS (as before); English wins its ties
    assert lang._latin_lang("der le") == _latin_lang_before("der le") == "de"
    assert lang._latin_lang("the der") == _latin_lang_before("the der") == "en"
    assert lang._latin_lang("xyz qqq") is None and _latin_lang_before("xyz qqq") is None


def test_windows_of_gathered_rows_are_window_vectors():
    from macrohard.safety.embed_head import token_matrix, window_vectors, windows_of

    class Enc:
        table = np.random.default_rng(5).normal(size=(500, 16)).astype(np.float32)

    for n in (0, 1, 24, 48, 49, 97, 300):
        ids = list(np.random.default_rng(n).integers(0, 500, n))
        for with_max in (False, True):
            assert np.array_equal(windows_of(token_matrix(Enc, ids), 48, 24, with_max),
                                  window_vectors(Enc, ids, 48, 24, with_max=with_max))


@pytest.fixture(scope="module")
def gemma():
    from macrohard.safety import injection_gemma

    enc, head = injection_gemma._loaded()
    if head is None:
        pytest.skip("Gemma's table or tokenizer is not installed")
    return enc


def test_gemma_rows_kept_are_the_table_rows(gemma, texts, monkeypatch):
    for text in texts[::7]:
        ids = gemma.token_ids(nz.normalise(text).flat)[:8192] or [0]
        got = gemma.rows(ids)
        assert got.dtype == np.float32 and np.array_equal(got, gemma.table[np.asarray(ids)].astype(np.float32))
    # full: the rows converted per text, the same values
    monkeypatch.setattr(gemma, "_kept", len(gemma._rows))
    ids = list(range(260_000, 260_040))
    assert np.array_equal(gemma.rows(ids), gemma.table[np.asarray(ids)].astype(np.float32))


def test_gemma_ids_asked_once_a_text_are_llama_cpp_s(gemma, texts):
    from macrohard.safety import gemma_table

    memo, _ = gemma_table.words()
    r = random.Random(7)
    odd = ["".join(r.choice("qxzjkvw") for _ in range(r.randint(3, 9))) for _ in range(60)]  # parts no memo holds
    probes = [" ".join(odd[i:i + 6]) + ", zq" + str(i) + "." for i in range(0, 60, 6)]
    for text in probes + texts[::11]:
        for flat in (text, nz.normalise(text).flat):
            assert gemma_table.token_ids(flat) == gemma_table._whole(flat), flat
    assert all(p in memo for p in gemma_table._PARTS.findall(probes[0]))  # the batched parts were memoised
