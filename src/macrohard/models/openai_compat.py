"""Any OpenAI-compatible chat-completions endpoint, with native tool calls.

Presets: ``xai`` (XAI_API_KEY), ``openai`` (OPENAI_API_KEY), ``ollama`` (no key), or any base URL.
Retries 429 and 5xx with exponential backoff (honouring Retry-After); connection failures and
missing keys are ``ModelUnavailable`` with the fix in the message. ``timeout`` bounds the whole call,
retries included, even against a server that sends one byte every few seconds.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx

from macrohard.errors import ModelTimeout, ModelUnavailable, Stopped
from macrohard.models.openai_reply import decode_body, read_body, read_error_text, reply_from_body
from macrohard.models.prices import cost_usd
from macrohard.models.streaming import ConnectionHold, current_stop, pause
from macrohard.types import ModelReply, ReplyChunk


@dataclass(frozen=True)
class Preset:
    base_url: str
    key_env: str | None
    default_model: str


PRESETS = {
    "xai": Preset("https://api.x.ai/v1", "XAI_API_KEY", "grok-4-fast"),
    "openai": Preset("https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-4.1-mini"),
    "ollama": Preset("http://127.0.0.1:11434/v1", None, "llama3.2"),
}


class OpenAICompatModel:
    """Chat completions over HTTP. ``complete`` returns text and/or tool calls with usage."""

    def __init__(self, base_url: str, model: str, *, api_key: str | None = None, key_env: str | None = None,
                 timeout: float = 300.0, max_retries: int = 4, temperature: float | None = 0.0,
                 vision: bool = False, name: str | None = None, max_tokens: int | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.key_env = key_env
        self.timeout = timeout  # seconds for one whole call, retries included
        self.last_failure = ""  # what the server did on the current call's tries so far (``_post``)
        self.max_retries = max_retries
        self.temperature = temperature
        self.vision = vision
        self.name = name or model
        self.max_tokens = max_tokens  # a cap per reply; None leaves it to the server
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=10.0))

    @classmethod
    def from_preset(cls, preset: str, model: str | None = None, **kwargs: Any) -> OpenAICompatModel:
        p = PRESETS[preset]
        key = os.environ.get(p.key_env) if p.key_env else None
        base = os.environ.get(f"{preset.upper()}_BASE_URL", p.base_url)
        return cls(base, model or p.default_model, api_key=key, key_env=p.key_env,
                   name=f"{preset}:{model or p.default_model}", **kwargs)

    def check(self) -> str:
        """Why this model cannot be used now, or '' when it can (key present, server answers)."""
        if self.key_env and not self.api_key:
            return f"no API key: set {self.key_env}"
        try:
            resp = self._client.get(f"{self.base_url}/models", headers=self._headers(), timeout=3.0)
        except httpx.HTTPError as exc:
            return f"cannot reach {self.base_url}: {type(exc).__name__}"
        if resp.status_code in (401, 403):
            return f"{self.base_url} refused the key (HTTP {resp.status_code}); check {self.key_env or 'the key'}"
        return ""

    def close(self) -> None:
        """Close the HTTP connections (the model can no longer be used)."""
        self._client.close()

    def __enter__(self) -> OpenAICompatModel:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> ModelReply:
        reply = reply_from_body(self._post(self._body(messages, tools)), name=self.name)
        return reply.model_copy(update={"cost_usd": cost_usd(self.model, reply.usage)})

    def stream(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> Iterator[ReplyChunk]:
        """The reply as server-sent chunks (``stream: true``), the whole reply last (``models/openai_stream.py``)."""
        from macrohard.models.openai_stream import stream_completion

        return stream_completion(self, self._body(messages, tools))

    def _body(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> dict[str, Any]:
        if self.key_env and not self.api_key:
            raise ModelUnavailable(f"no API key for {self.name}: set {self.key_env} (export {self.key_env}=...)")
        body: dict[str, Any] = {"model": self.model, "messages": messages}
        if tools:
            body["tools"] = tools
            body["tool_choice"] = "auto"
        if self.temperature is not None:
            body["temperature"] = self.temperature
        if self.max_tokens is not None:
            body["max_tokens"] = self.max_tokens
        return body

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        """POST with retries, all of it within ``timeout`` seconds in total (retries and waits included). The thread's
        ``current_stop()`` (a web run's Stop, a chat's Ctrl-C: ``streaming.reading``) ends it at once: its connection is
        shut down, a wait before asking again cut, and ``Stopped`` raised (rel59: before, the call ran to its timeout
        in the web run's helper thread, its connection open, after the run had ended)."""
        url = f"{self.base_url}/chat/completions"
        stop = current_stop()
        deadline = time.monotonic() + self.timeout
        delay = 1.0
        # what the server did on the tries so far: a caller whose own deadline ends first (the agent's per-call or
        # wall-time budget) says it, not only "did not answer" (a server answering HTTP 500 did answer)
        self.last_failure = ""
        for attempt in range(self.max_retries + 1):
            try:
                status, headers, raw = self._post_once(url, body, deadline)
            except httpx.TimeoutException as exc:
                self.last_failure = f"no reply on {attempt + 1} tr{'ies' if attempt else 'y'} ({type(exc).__name__})"
                if attempt < self.max_retries and time.monotonic() + delay < deadline:
                    _pause(delay, stop, url)
                    delay *= 2
                    continue
                raise ModelTimeout(f"the model at {url} did not answer within {self.timeout:g}s "
                                   f"({attempt + 1} tries); a slower model needs a longer --model-timeout") from exc
            except _CutOff as cut:  # reached, then the reply stopped: a crash or restart of the server; asked again
                self.last_failure = f"the reply cut off on {attempt + 1} tr{'ies' if attempt else 'y'} ({cut})"
                if attempt < self.max_retries and time.monotonic() + delay < deadline:
                    _pause(delay, stop, url)
                    delay *= 2
                    continue
                raise ModelUnavailable(
                    f"the model server at {url} closed the connection before its reply was complete ({cut}; "
                    f"{attempt + 1} tr{'ies' if attempt else 'y'}): it may have crashed or restarted, its own log says "
                    "why; try again, or choose another with --model (see `macrohard models`)") from cut.__cause__
            except httpx.HTTPError as exc:
                raise ModelUnavailable(
                    f"cannot reach the model server at {self.base_url} ({type(exc).__name__}: {exc}); "
                    "start it, or choose another with --model (see `macrohard models`)") from exc
            text = raw[:500].decode("utf-8", "replace")
            if status == 429 or status >= 500:
                self.last_failure = (f"HTTP {status}: {' '.join(text.split())[:200]} on {attempt + 1} "
                                     f"tr{'ies' if attempt else 'y'}")
                retry_after = headers.get("retry-after")
                asked = float(retry_after) if retry_after and retry_after.replace(".", "", 1).isdigit() else None
                if asked is not None and time.monotonic() + asked >= deadline:
                    raise ModelUnavailable(_asked_too_long(url, status, text, asked, self.timeout, attempt))
                wait = min(asked if asked is not None else delay, 60.0) + random.uniform(0, 0.1)
                if attempt < self.max_retries and time.monotonic() + wait < deadline:
                    _pause(wait, stop, url)
                    delay *= 2
                    continue
                raise ModelUnavailable(f"{url} kept failing: HTTP {status}: {text[:300]} ({attempt + 1} tries); "
                                       "the server's own log says why: try again later, or choose another --model")
            if status in (401, 403):
                raise ModelUnavailable(f"{self.base_url} refused the request (HTTP {status}); "
                                       f"check {self.key_env or 'the API key'}")
            if status >= 400:
                raise ModelUnavailable(f"{url} rejected the request: HTTP {status}: {text}")
            return decode_body(raw, url=url, content_type=headers.get("content-type", ""))
        raise AssertionError("unreachable")

    def _post_once(self, url: str, body: dict[str, Any], deadline: float) -> tuple[int, httpx.Headers, bytes]:
        """One POST whose body is read chunk by chunk, so that a server trickling bytes cannot hold it
        past ``deadline``; no single wait is longer than the time left."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.ReadTimeout("deadline passed")
        timeout = httpx.Timeout(left, connect=min(10.0, left))
        stop = current_stop()
        if stop is not None and stop.stopped:
            raise Stopped(f"the call to {url} was stopped before it was sent")
        hold = ConnectionHold(stop, self._client)
        try:
            with self._client.stream("POST", url, json=body, headers=self._headers(), timeout=timeout,
                                     extensions=hold.extensions) as resp:
                hold.hold_response(resp)
                try:
                    if resp.status_code >= 400:  # its text is shown, cut to 500 characters: never read it (rel46b)
                        return resp.status_code, resp.headers, read_error_text(resp, deadline)
                    return resp.status_code, resp.headers, read_body(resp, url, deadline, self.timeout)
                except httpx.TimeoutException:
                    raise
                except httpx.TransportError as exc:  # rel37: said "cannot reach … start it" of a server that answered
                    if stop is not None and stop.stopped:
                        raise
                    raise _CutOff(f"{type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:
            if stop is not None and stop.stopped:  # its connection shut down by the Stop: said so, never retried
                raise Stopped(f"the call to {url} was stopped: its connection was closed") from exc
            raise
        finally:
            hold.release()


def _asked_too_long(url: str, status: int, text: str, asked: float, timeout: float, attempt: int) -> str:
    """rel46b: a server that asks (Retry-After) for longer than the call has left is told so at once. Before, a 429
    with `Retry-After: 3600` was asked again every 60 s until the deadline (four minutes of waiting by default), then
    said "kept failing … try again later", the hour never named."""
    return (f"{url} answered HTTP {status} ({' '.join(text.split())[:200]}) and asked to be called again in {asked:g}s "
            f"(Retry-After), past this call's deadline of {timeout:g}s ({attempt + 1} tr{'ies' if attempt else 'y'}): "
            "try again after that, raise --model-timeout (budget.max_model_seconds), or choose another --model")


def _pause(seconds: float, stop: Any, url: str) -> None:
    """The wait before asking again, ended by a Stop (then ``Stopped``)."""
    pause(seconds, stop)
    if stop is not None and stop.stopped:
        raise Stopped(f"the call to {url} was stopped while it waited to ask again")


class _CutOff(Exception):
    """The server answered, then its reply stopped before its end (the connection closed or broke)."""
