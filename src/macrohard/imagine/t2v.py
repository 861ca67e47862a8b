"""A pluggable text-to-video endpoint, configured like models.

``MACROHARD_VIDEO_MODEL`` names it: ``xai[:MODEL]`` (xAI's video API, key in ``XAI_API_KEY``) or a
base URL with an optional ``#MODEL`` (``http://127.0.0.1:9000/v1#my-model``, key in
``MACROHARD_VIDEO_API_KEY``). The request is ``POST {base}/videos/generations`` with
``{"model", "prompt", "duration"}``; the reply either carries the video's URL (``url``,
``video.url`` or ``data[0].url``) or an id (``request_id`` or ``id``) to poll at
``GET {base}/videos/{id}`` until it does. The file is fetched, checked with ffprobe and written
whole. Nothing is sent anywhere unless that variable is set.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from macrohard.errors import ConfigError, ModelUnavailable

PRESETS = {"xai": ("https://api.x.ai/v1", "XAI_API_KEY", "grok-imagine-video")}
SETTING = "MACROHARD_VIDEO_MODEL"


def endpoint(spec: str | None = None) -> tuple[str, str, str | None]:
    """(base URL, model, API key) from ``spec`` or ``$MACROHARD_VIDEO_MODEL``; a ``ConfigError`` saying what to set."""
    spec = spec or os.environ.get(SETTING, "")
    if not spec:
        raise ConfigError(f"no text-to-video endpoint is configured: set {SETTING}=xai (with XAI_API_KEY) "
                          f"or {SETTING}=http://HOST:PORT/v1#MODEL for an OpenAI-style video server")
    if spec.startswith(("http://", "https://")):
        base, _, model = spec.partition("#")
        return base.rstrip("/"), model or "default", os.environ.get("MACROHARD_VIDEO_API_KEY")
    name, _, model = spec.partition(":")
    if name not in PRESETS:
        raise ConfigError(f"{SETTING}={spec!r}: unknown endpoint {name!r}; use one of {', '.join(PRESETS)} "
                          f"or a URL such as http://127.0.0.1:9000/v1#MODEL")
    base, key_env, default = PRESETS[name]
    key = os.environ.get(key_env)
    if not key:
        raise ConfigError(f"{SETTING}={spec} needs an API key: set {key_env}")
    return base, model or default, key


def _url(body: dict[str, Any]) -> str | None:
    data = body.get("data")
    for cand in (body.get("url"), (body.get("video") or {}).get("url") if isinstance(body.get("video"), dict) else None,
                 data[0].get("url") if isinstance(data, list) and data and isinstance(data[0], dict) else None):
        if isinstance(cand, str) and cand:
            return cand
    return None


def generate(prompt: str, out: str | Path, *, duration: float = 5.0, spec: str | None = None,
             timeout: float = 600.0, poll: float = 1.0) -> Path:
    """Ask the configured endpoint for a video of ``prompt``; write it to ``out``."""
    import httpx

    from macrohard.imagine.frames import BadVideo, probe

    base, model, key = endpoint(spec)
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(timeout=60, headers=headers) as client:
            resp = client.post(f"{base}/videos/generations", json={"model": model, "prompt": prompt, "duration": duration})
            if resp.status_code >= 400:
                raise ModelUnavailable(f"the video endpoint {base} answered {resp.status_code}: {resp.text[:300]}")
            body = resp.json()
            url = _url(body)
            job = body.get("request_id") or body.get("id")
            while url is None:
                if not job:
                    raise ModelUnavailable(f"the video endpoint {base} gave neither a video URL nor a job id: {str(body)[:300]}")
                if body.get("status") in ("failed", "error", "expired"):
                    raise ModelUnavailable(f"the video endpoint {base} says job {job} {body.get('status')}: "
                                           f"{str(body.get('error', ''))[:300]}")
                if time.monotonic() > deadline:
                    raise ModelUnavailable(f"the video endpoint {base} did not finish job {job} within {timeout:g} s")
                time.sleep(poll)
                body = client.get(f"{base}/videos/{job}").raise_for_status().json()
                url = _url(body)
            data = client.get(url).raise_for_status().content
    except httpx.HTTPError as exc:
        raise ModelUnavailable(f"the video endpoint {base} could not be reached: {exc}") from exc
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.parent / f".{target.name}.part"
    part.write_bytes(data)
    try:
        probe(part)
    except BadVideo as exc:
        part.unlink()
        raise ModelUnavailable(f"the video endpoint {base} sent something that is not a video: {exc}") from exc
    os.replace(part, target)
    return target
