"""llama.cpp's cache of the run's prompt, kept over a question asked apart from the run (the yes/no asides).

``Llama.save_state`` keeps, beside llama.cpp's own state (the KV cache of the tokens read: ~28 KB a token for
Qwen 1.5B), a copy of ``Llama.scores`` for every token read: one row of n_vocab floats a token (151,936 x 4 bytes
= 0.6 MB for Qwen), ~240 MB at a 400-token prompt; ``load_state`` copies it back twice and zeroes the rows after
it. Without ``logits_all`` llama-cpp-python never writes those rows (sampling reads llama.cpp's own logits;
``Llama.eval`` fills ``scores`` only with ``logits_all``) and nothing here reads them, so that copy is moved for
nothing: ~1 CPU-s an aside on 2 loaded cores (comp63, RESULTS.md), a fifth of the step that asks it.

``kept(llm)`` keeps what the next call needs — llama.cpp's state, the token ids and their count, the seed — and
puts it back after the block, as ``load_state`` does. A model loaded with ``logits_all`` (its rows are real) or a
llama-cpp-python without the attributes read here falls back to ``save_state`` / ``load_state``.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def _light(llm: Any) -> bool:
    return (not getattr(llm, "_logits_all", True) and all(hasattr(llm, a) for a in ("_ctx", "input_ids", "n_tokens", "_seed"))
            and getattr(llm, "draft_model", None) is None)


def save(llm: Any) -> Any:
    """What ``restore`` needs to put ``llm`` back as it is now."""
    if not _light(llm):
        return llm.save_state()
    import llama_cpp

    ctx = llm._ctx.ctx
    size = int(llama_cpp.llama_state_get_size(ctx))
    data = (ctypes.c_uint8 * size)()
    written = int(llama_cpp.llama_state_get_data(ctx, data, size))
    if written > size:
        raise RuntimeError("llama.cpp wrote more state than it asked room for")
    return _Kept(data, written, llm.input_ids.copy(), llm.n_tokens, llm._seed)


def restore(llm: Any, state: Any) -> None:
    """``llm`` as it was at ``save``."""
    if not isinstance(state, _Kept):
        llm.load_state(state)
        return
    import llama_cpp

    llm.input_ids = state.ids.copy()
    llm.n_tokens = state.n_tokens
    llm._requires_eval = True  # the logits are the aside's: the next call evaluates at least one token again
    llm._seed = state.seed
    if int(llama_cpp.llama_state_set_data(llm._ctx.ctx, state.data, state.size)) != state.size:
        raise RuntimeError("llama.cpp could not set its saved state again")


@contextmanager
def kept(llm: Any) -> Iterator[None]:
    """The block's calls leave ``llm`` as it was before them (its cache of the run's prompt included)."""
    state = save(llm)
    try:
        yield
    finally:
        restore(llm, state)


class _Kept:
    __slots__ = ("data", "size", "ids", "n_tokens", "seed")

    def __init__(self, data: Any, size: int, ids: Any, n_tokens: int, seed: int) -> None:
        self.data, self.size, self.ids, self.n_tokens, self.seed = data, size, ids, n_tokens, seed

    @property
    def nbytes(self) -> int:
        """The bytes kept (llama.cpp's state and the token ids)."""
        return self.size + int(self.ids.nbytes)
