"""The injection screen's second voter: a logistic head over static MiniLM embeddings, read in token windows.

Trained by ``scripts/train_injection_embed.py`` on the same seeded data as the n-gram classifier; weights in
``data/injection_embed.npz`` (plain arrays, no pickle). A text's score is its highest 48-token window's (stride
24), so an instruction inside a long, benign carrier is scored on its own. ``vote`` mixes it with the n-gram
classifier's score in log-odds (``NGRAM_WEIGHT`` for the n-grams). Without the MiniLM weights it returns the
n-gram score unchanged (``embed.static_or_none`` logs a warning naming the fix).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

HEAD_PATH = Path(__file__).with_name("data") / "injection_embed.npz"
WIDTH, STRIDE = 48, 24
NGRAM_WEIGHT = 0.6  # chosen by leaving one hand-written source out (scripts/train_injection_embed.py --cv) among 0.5-1.0
# (six sources: pooled recall at 1 % FPR 68.1 % at 0.6, 61.9 % at 0.8, 67.8 % at 0.5). Seventeenth wave (inj17, 19
# sources out of fold, blind14 among them): 0.8-0.9 rank better at 1-2 % FPR (recall at 2 % 58.1 % at 0.9, 55.7 % at
# 0.6), but the screen runs at 0.89, where the pooled FPR is 3-5 % for every weight; at the same FPR there (4.5 %) the
# weights are level (0.6: 73.3 %, 0.9 at 0.84: 72.8 %) and on the freshest writer's fold 0.6 is best (blind14 at 0.89:
# 46.7 % at 2.30 % FPR, 0.9: 37.4 % at 2.08 %). 0.6 stays.


@lru_cache(maxsize=1)
def _loaded():
    from macrohard.safety.embed import static_or_none
    from macrohard.safety.embed_head import Head

    encoder = static_or_none()
    if encoder is None or not HEAD_PATH.exists():
        return None, None
    return encoder, Head.load(HEAD_PATH)


def embed_score(flat: str) -> tuple[float, bool] | None:
    """The head's probability that ``flat`` (normalised text) carries an injection and whether it read the whole
    text (it reads ``embed_head.MAX_TOKENS`` tokens), or None without the encoder."""
    from macrohard.safety.embed_head import MAX_TOKENS, window_vectors

    encoder, head = _loaded()
    if head is None:
        return None
    ids = encoder.token_ids(flat)
    vectors = window_vectors(encoder, ids, WIDTH, STRIDE, with_max=bool(head.meta.get("with_max")))
    return float(head.probs(vectors)[:, 0].max()), len(ids) <= MAX_TOKENS


def vote(p_ngram: float, flat: str) -> float:
    """The n-gram classifier's score combined with the embedding head's (or unchanged without it). When the head
    did not read the whole text it may only raise the score: a part it did not read cannot be voted down. Text not in
    English is read by Gemma's head too (``injection_gemma.mix``); with ``injection_gemma.EVERY_TEXT`` (opt-in) English
    text is read by it where these two voters are unsure (``injection_gemma.english_vote``)."""
    return vote_parts(p_ngram, flat)[0]


def vote_parts(p_ngram: float, flat: str) -> tuple[float, float | None]:
    """``vote`` and, for text Gemma's head voted on (``injection_gemma.mix``: not in English), the n-gram and MiniLM
    voters' own vote before the mix (None otherwise): the policy's second read of the other-language band
    (``policy.Observations.flags``) asks whether the English-trained heads agree with Gemma's (inj62)."""
    from macrohard.safety.embed_head import combine
    from macrohard.safety.injection_gemma import english_vote, mix, votes_on

    got = embed_score(flat)
    if got is None:
        both = p_ngram
    else:
        both = float(combine(p_ngram, got[0], NGRAM_WEIGHT))
        both = both if got[1] else max(both, p_ngram)
    english = english_vote(p_ngram, both, flat)
    if english is not None:
        return english, None
    return mix(both, flat), (both if votes_on(flat) else None)


def votes(p_ngrams, flats: list[str]) -> list[float]:
    """``vote`` for many texts (the lines of an output), tokenised in one batch."""
    from macrohard.safety.embed_head import MAX_TOKENS, combine, window_vectors
    from macrohard.safety.injection_gemma import EVERY_TEXT, mix

    encoder, head = _loaded()
    if EVERY_TEXT or head is None or not flats:
        return [vote(float(p), flat) for p, flat in zip(p_ngrams, flats, strict=True)]
    out = []
    for p, enc in zip(p_ngrams, encoder.tokenizer.encode_batch(flats, add_special_tokens=False), strict=True):
        ids = [i for i in enc.ids if i not in encoder.skip]
        vectors = window_vectors(encoder, ids, WIDTH, STRIDE, with_max=bool(head.meta.get("with_max")))
        both = float(combine(float(p), float(head.probs(vectors)[:, 0].max()), NGRAM_WEIGHT))
        out.append(both if len(ids) <= MAX_TOKENS else max(both, float(p)))
    return [mix(v, flat) for v, flat in zip(out, flats, strict=True)]
