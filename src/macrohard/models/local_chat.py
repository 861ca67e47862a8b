"""Free conversation with the embedded model, streamed token by token (the chat division's answers).

The agent loop drives the embedded model through a grammar of actions (``models/local.py``); a chat
answer is plain text instead: the conversation as chat turns (tool results as user turns), no grammar,
no tools (a 135M model cannot call them: it answers, it does not delegate).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macrohard.errors import Stopped, Unsupported
from macrohard.models.local_abort import armed_switch
from macrohard.types import ModelReply, ReplyChunk, Usage

HISTORY_MESSAGES = 8  # the system prompt and the last turns: the embedded model's context is 2,048 tokens
MESSAGE_CHARS = 1_500
PROMPT_CHARS = 4_000  # all turns together (~3 characters a token): room left for the answer's max_tokens


def chat_turns(messages: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The conversation as plain system/user/assistant turns, each cut to what the small context holds."""
    turns: list[dict[str, str]] = []
    for msg in messages:
        content = msg.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        role = msg.get("role")
        role = role if role in ("system", "user", "assistant") else "user"
        text = content if len(content) <= MESSAGE_CHARS else content[: MESSAGE_CHARS - 40] + "\n…(cut)…\n" + content[-30:]
        if turns and turns[-1]["role"] == role and role != "system":
            turns[-1]["content"] += "\n" + text  # templates expect turns to alternate
        else:
            turns.append({"role": role, "content": text})
    system = [t for t in turns[:1] if t["role"] == "system"]
    rest = turns[len(system):][-HISTORY_MESSAGES:]
    # the oldest turns go first until it fits (the newest, the one to answer, always stays)
    while len(rest) > 1 and (rest[0]["role"] != "user" or sum(len(t["content"]) for t in system + rest) > PROMPT_CHARS):
        rest = rest[1:]
    return system + rest


def stream_chat(llm: Any, lock: Any, messages: list[dict[str, Any]], *, name: str,
                max_tokens: int) -> Iterator[ReplyChunk]:
    """Text chunks as llama.cpp produces them, then the whole reply. Holds ``lock`` (the model's
    ``local_abort.StoppableLock``: one context is not safe for concurrent use) until the stream ends or is closed."""
    text: list[str] = []
    completion_tokens = 0
    with lock:  # the model's ``StoppableLock``: a Stop of this thread's read aborts the decode (``models/local_abort``)
        try:
            for part in llm.create_chat_completion(messages=chat_turns(messages), stream=True, temperature=0.0,
                                                   top_k=1, max_tokens=max_tokens, seed=0):
                choice = (part.get("choices") or [{}])[0]
                piece = (choice.get("delta") or {}).get("content")
                if isinstance(piece, str) and piece:
                    text.append(piece)
                    completion_tokens += 1
                    yield ReplyChunk(text=piece)
        except ValueError as exc:  # llama.cpp: the prompt does not fit the context (raised on the first read)
            raise Unsupported(f"the conversation is too long for the embedded model ({exc}); start a new one "
                              "(`macrohard chat`), or choose a larger model with --model") from exc
        except RuntimeError as exc:  # "llama_decode returned 2": the Stop's abort (``models/local_abort``)
            llm.reset()  # the next call evaluates its whole prompt again: nothing kept of the cut decode
            if (switch := armed_switch(llm)) is not None and switch.is_set:
                raise Stopped("the embedded model's answer was stopped mid-decode") from exc
            raise
    # llama.cpp's stream carries no usage: each streamed piece is one token; the prompt is not counted
    usage = Usage(prompt_tokens=0, completion_tokens=completion_tokens)
    yield ReplyChunk(reply=ModelReply(text="".join(text), usage=usage, model=name))


__all__ = ["chat_turns", "stream_chat"]
