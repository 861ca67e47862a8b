"""Streamed chat completions (``stream: true``): server-sent events, each a ``chat.completion.chunk``.

Text deltas are yielded as they arrive; tool-call deltas (a name, then the arguments in pieces, keyed
by ``index``) are joined; the last chunk carries the whole ``ModelReply`` with usage (asked for with
``stream_options.include_usage``). A server that ignores ``stream`` and answers one JSON body is read as
one chunk. The whole call stays within the model's ``timeout``; a server that cannot be reached or
refuses is ``ModelUnavailable`` with the fix, as for ``complete``.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import httpx

from macrohard.errors import ModelReplyError, ModelTimeout, ModelUnavailable, Stopped
from macrohard.models.openai_reply import MAX_BODY_BYTES as MAX_STREAM_BYTES
from macrohard.models.openai_reply import decode_body, read_body, read_error_text, reply_from_body
from macrohard.models.prices import cost_usd
from macrohard.models.streaming import ConnectionHold, current_stop
from macrohard.types import ReplyChunk

if TYPE_CHECKING:
    from macrohard.models.openai_compat import OpenAICompatModel



def stream_completion(model: OpenAICompatModel, body: dict[str, Any]) -> Iterator[ReplyChunk]:
    """Retries 429 and 5xx answers (honouring Retry-After), which come before anything is streamed, as
    ``complete`` does, all within the model's ``timeout``."""
    deadline = time.monotonic() + model.timeout
    delay = 1.0
    for attempt in range(model.max_retries + 1):
        try:
            yield from _stream_once(model, body, deadline)
            return
        except _Retry as retry:
            if retry.after is not None and time.monotonic() + retry.after >= deadline:
                from macrohard.models.openai_compat import _asked_too_long

                raise ModelUnavailable(_asked_too_long(f"{model.base_url}/chat/completions", retry.status,
                                                       retry.text, retry.after, model.timeout, attempt)) from None
            wait = min(retry.after if retry.after is not None else delay, 60.0) + random.uniform(0, 0.1)
            if attempt >= model.max_retries or time.monotonic() + wait >= deadline:
                raise retry.error from None
            time.sleep(wait)
            delay *= 2


class _Retry(Exception):
    """Nothing was streamed yet and asking again may help (``error`` is raised when it cannot)."""

    def __init__(self, error: Exception, after: float | None = None, status: int = 0, text: str = "") -> None:
        super().__init__(str(error))
        self.error, self.after, self.status, self.text = error, after, status, text


def _stream_once(model: OpenAICompatModel, body: dict[str, Any], deadline: float) -> Iterator[ReplyChunk]:
    url = f"{model.base_url}/chat/completions"
    body = {**body, "stream": True, "stream_options": {"include_usage": True}}
    left = deadline - time.monotonic()
    timeout = httpx.Timeout(left, connect=min(10.0, left))
    stop = current_stop()
    # a Stop before the answer's headers shuts the connection down, a new one's or (rel59) one reused from the pool
    hold = ConnectionHold(stop, model._client)
    try:
        with model._client.stream("POST", url, json=body, headers=model._headers(), timeout=timeout,
                                  extensions=hold.extensions) as resp:
            hold.hold_response(resp)
            if resp.status_code >= 400:
                raw = read_error_text(resp, deadline)[:500].decode("utf-8", "replace")
                refused = _refused(model, url, resp.status_code, raw)
                if resp.status_code == 429 or resp.status_code >= 500:
                    after = resp.headers.get("retry-after")
                    raise _Retry(refused, float(after) if after and after.replace(".", "", 1).isdigit() else None,
                                 resp.status_code, raw)
                raise refused
            if not resp.headers.get("content-type", "").startswith("text/event-stream"):
                raw = read_body(resp, url, deadline, model.timeout)
                data = decode_body(raw, url=url, content_type=resp.headers.get("content-type", ""))
                reply = reply_from_body(data, name=model.name)
                yield ReplyChunk(text=reply.text, reply=_priced(model, reply))
                return
            yield from _events(model, resp, url, deadline)
    except httpx.HTTPError as exc:
        if stop is not None and stop.stopped:
            raise Stopped(f"the stream from {url} was closed: the answer was stopped") from exc
        raise _translated(model, url, exc) from exc
    finally:
        hold.release()


def _translated(model: OpenAICompatModel, url: str, exc: httpx.HTTPError) -> Exception:
    """The error a person reads for ``exc`` (a streamed call's connection failure)."""
    if isinstance(exc, httpx.TimeoutException):
        return ModelTimeout(f"the model at {url} did not finish streaming within {model.timeout:g}s; "
                            "a slower model needs a longer --model-timeout")
    if isinstance(exc, httpx.ConnectError):
        return ModelUnavailable(f"cannot reach the model server at {model.base_url} ({type(exc).__name__}: {exc}); "
                                "start it, or choose another with --model (see `macrohard models`)")
    return ModelUnavailable(f"the connection to the model server at {model.base_url} failed ({type(exc).__name__}: "
                            f"{exc}); try again, or choose another with --model (see `macrohard models`)")


def _events(model: OpenAICompatModel, resp: httpx.Response, url: str, deadline: float) -> Iterator[ReplyChunk]:
    text: list[str] = []
    calls: dict[int, dict[str, Any]] = {}
    usage: Any = None
    for line in _lines(resp, url, deadline, model.timeout):
        if not line.startswith("data:"):
            continue  # comments (": keep-alive"), event names, blank separators
        data = line[5:].strip()
        if data == "[DONE]":
            break
        try:
            chunk = json.loads(data)
        except ValueError as exc:
            raise ModelReplyError(f"the model server at {url} streamed an event that is not JSON: {data[:120]!r}") from exc
        if not isinstance(chunk, dict):
            continue
        if chunk.get("error"):
            err = chunk["error"]
            what = err.get("message") if isinstance(err, dict) else err
            raise ModelReplyError(f"the model server at {url} streamed an error: {str(what)[:300]}")
        usage = chunk.get("usage") or usage
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") if isinstance(choice, dict) else None
            if not isinstance(delta, dict):
                continue
            piece = delta.get("content")
            if isinstance(piece, str) and piece:
                text.append(piece)
                yield ReplyChunk(text=piece)
            for call in delta.get("tool_calls") or []:
                _join_call(calls, call)
    message = {"role": "assistant", "content": "".join(text),
               "tool_calls": [calls[i] for i in sorted(calls)] or None}
    reply = reply_from_body({"choices": [{"message": message}], "usage": usage}, name=model.name)
    yield ReplyChunk(reply=_priced(model, reply))


def _lines(resp: httpx.Response, url: str, deadline: float, timeout: float) -> Iterator[str]:
    """The stream's lines, the deadline checked on every chunk read (a server trickling bytes with no
    newline cannot hold the call past it) and the size bounded."""
    buffer = b""
    size = 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"the stream was still arriving after {timeout:g}s")
        if size > MAX_STREAM_BYTES:
            raise ModelReplyError(f"the model server at {url} streamed more than {MAX_STREAM_BYTES >> 20} MB")
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            yield line.rstrip(b"\r").decode("utf-8", "replace")
    if buffer:
        yield buffer.decode("utf-8", "replace")


def _join_call(calls: dict[int, dict[str, Any]], delta: Any) -> None:
    """Add a tool-call delta: the first piece of an index brings its id and name, later ones more arguments."""
    if not isinstance(delta, dict):
        return
    index = delta.get("index", len(calls))
    index = index if isinstance(index, int) else len(calls)
    call = calls.setdefault(index, {"type": "function", "function": {"name": "", "arguments": ""}})
    if isinstance(delta.get("id"), str):
        call["id"] = delta["id"]
    fn = delta.get("function")
    if isinstance(fn, dict):
        if isinstance(fn.get("name"), str):
            call["function"]["name"] += fn["name"]
        if isinstance(fn.get("arguments"), str):
            call["function"]["arguments"] += fn["arguments"]


def _refused(model: OpenAICompatModel, url: str, status: int, text: str) -> Exception:
    if status in (401, 403):
        return ModelUnavailable(f"{model.base_url} refused the request (HTTP {status}); "
                                f"check {model.key_env or 'the API key'}")
    if status == 429 or status >= 500:
        return ModelUnavailable(f"{url} is failing (HTTP {status}: {text[:300]}); try again later or choose another "
                                "model with --model")
    return ModelUnavailable(f"{url} rejected the request: HTTP {status}: {text}")


def _priced(model: OpenAICompatModel, reply: Any) -> Any:
    return reply.model_copy(update={"cost_usd": cost_usd(model.model, reply.usage)})


__all__ = ["stream_completion"]
