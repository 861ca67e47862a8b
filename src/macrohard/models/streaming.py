"""Streamed replies from any ``Model``: its own ``stream`` when it has one, else one chunk of ``complete``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macrohard.types import ReplyChunk


def stream_reply(model: Any, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Iterator[ReplyChunk]:
    """Chunks of text as they arrive, then a last chunk holding the whole ``ModelReply`` (always exactly one)."""
    stream = getattr(model, "stream", None)
    if not callable(stream):
        reply = model.complete(messages, tools)
        yield ReplyChunk(text=reply.text, reply=reply)
        return
    last = None
    chunks = stream(messages, tools)
    try:
        for chunk in chunks:
            if last is not None:
                raise AssertionError(f"{model.name} streamed a chunk after its last one")
            yield chunk
            if chunk.reply is not None:
                last = chunk
    finally:  # a reader that stops early (the answer screen) ends the model's stream, its connection, its lock
        close = getattr(chunks, "close", None)
        if callable(close):
            close()
    if last is None:
        raise AssertionError(f"{model.name} ended its stream without the whole reply")


__all__ = ["stream_reply"]
