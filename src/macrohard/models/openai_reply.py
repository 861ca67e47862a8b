"""Turn a chat-completions response body into a ``ModelReply``, or say exactly what is wrong with it.

Two kinds of wrong, following ``errors.py``:

- the body is not a chat completion at all (an HTML page, a JSON error object, not JSON): the server
  or its address is wrong and asking again will not help, so ``ModelReplyError`` ends the run ``failed``;
- the completion is there but unusable (``message: null``, no choices, a tool call without a name):
  the model's mistake, a ``FormatError`` that goes back to the model as an observation.

Usage figures that are not numbers count as 0 rather than failing the run.
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from macrohard.errors import FormatError, ModelReplyError
from macrohard.types import ModelReply, ToolCall, Usage

_HINT = "Reply with exactly one tool call. When the task is done, call finish with your answer."


def decode_body(raw: bytes, *, url: str, content_type: str = "") -> dict[str, Any]:
    """The JSON object of a response body, or ``ModelReplyError`` naming what came instead."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        kind = content_type.split(";")[0].strip() or "an unknown type"
        raise ModelReplyError(
            f"the model server at {url} answered with {kind}, not JSON ({_excerpt(raw)}); check the base URL "
            "(an OpenAI-compatible server's ends in /v1) and that the server is a chat-completions API") from exc
    if not isinstance(data, dict):
        raise ModelReplyError(f"the model server at {url} answered JSON that is not an object ({_excerpt(raw)})")
    if "choices" not in data and data.get("error"):
        err = data["error"]
        what = err.get("message") if isinstance(err, dict) else err
        raise ModelReplyError(f"the model server at {url} answered with an error: {str(what)[:300]}")
    return data


def reply_from_body(data: dict[str, Any], *, name: str) -> ModelReply:
    """The reply in a decoded body, or ``FormatError`` when it holds no usable message."""
    usage = _usage(data.get("usage"))
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices:
        raise FormatError(f"the reply had no choices: {str(data)[:200]}", hint=_HINT, raw=str(data)[:2000])
    choice = choices[0]
    message = choice.get("message") if isinstance(choice, dict) else None
    if not isinstance(message, dict):
        raise FormatError(f"the reply had no message (message: {json.dumps(message)[:80]})", hint=_HINT,
                          raw=str(choice)[:2000])
    text = _text(message.get("content"))
    calls = []
    raw_calls = message.get("tool_calls") or []
    if not isinstance(raw_calls, list):
        raise FormatError("tool_calls must be a list", hint=_HINT, raw=str(raw_calls)[:2000])
    for c in raw_calls:
        calls.append(_tool_call(c))
    return ModelReply(text=text, tool_calls=calls, usage=usage, model=name)


def _tool_call(c: Any) -> ToolCall:
    fn = c.get("function") if isinstance(c, dict) else None
    if not isinstance(fn, dict):
        raise FormatError(f"a tool call without a function: {str(c)[:200]}", hint=_HINT, raw=str(c)[:2000])
    name, args = fn.get("name"), fn.get("arguments")
    if not isinstance(name, str) or not name:
        raise FormatError(f"a tool call without a tool name (name: {json.dumps(name, default=str)[:80]})",
                          hint=_HINT, raw=str(fn)[:2000])
    if isinstance(args, dict | list):  # some servers send the arguments as an object, not JSON text
        args = json.dumps(args)
    elif args is None:
        args = "{}"
    elif not isinstance(args, str):
        raise FormatError(f"the arguments of {name} must be a JSON object", hint=f"Check the arguments of {name}.",
                          raw=str(args)[:2000])
    call_id = c.get("id")
    kwargs: dict[str, Any] = {"id": call_id} if isinstance(call_id, str) and call_id else {}
    return ToolCall(name=name, arguments=args, **kwargs)


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return "".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return str(content)


def _usage(u: Any) -> Usage:
    if not isinstance(u, dict):
        return Usage()
    return Usage(prompt_tokens=_count(u.get("prompt_tokens")), completion_tokens=_count(u.get("completion_tokens")))


def _count(value: Any) -> int:
    """A token count, or 0 for anything that is not a finite non-negative number."""
    if isinstance(value, bool):
        return 0
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return 0
    return int(number) if 0 <= number < 1e15 else 0


def _excerpt(raw: bytes) -> str:
    text = raw[:120].decode("utf-8", "replace").replace("\n", " ").strip()
    return repr(text + ("…" if len(raw) > 120 else ""))


MAX_BODY_BYTES = 64 << 20  # far above any real reply; an endless body is a wrong server, not a model


ERROR_BODY_BYTES = 4096  # an error answer's text: what the user is shown of it (500 characters) and more
ERROR_BODY_SECONDS = 2.0  # the status is known already; its text is not worth waiting for


def read_error_text(resp: httpx.Response, deadline: float) -> bytes:
    """The beginning of an error answer's body (HTTP 4xx/5xx): at most ``ERROR_BODY_BYTES``, read for at most
    ``ERROR_BODY_SECONDS`` (and never past ``deadline``); the rest is never read. rel46b: the streaming path (chat,
    captions) read a 5xx body whole with no bound: a body that never ended grew the process by 75 MB a second, and
    one trickled a byte a second held `macrohard chat` past its --model-timeout, without end."""
    until = min(deadline, time.monotonic() + ERROR_BODY_SECONDS)
    got = bytearray()
    try:
        for chunk in resp.iter_bytes():
            got += chunk
            if len(got) >= ERROR_BODY_BYTES or time.monotonic() > until:
                break
    except httpx.HTTPError:  # cut off or stalled past its read timeout: the status says enough
        pass
    return bytes(got[:ERROR_BODY_BYTES])


def read_body(resp: httpx.Response, url: str, deadline: float, timeout: float) -> bytes:
    """A whole reply body, the deadline checked on every chunk read (a server trickling bytes cannot hold
    the call past it) and the size bounded."""
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"the body was still arriving after {timeout:g}s")
        if size > MAX_BODY_BYTES:
            raise ModelReplyError(f"the model server at {url} sent more than {MAX_BODY_BYTES >> 20} MB "
                                  "for one reply; is it a chat-completions API?")
    return b"".join(chunks)
