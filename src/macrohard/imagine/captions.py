"""Captions written by a model from a segment's structure, with the structural caption as the fallback.

The model (``macrohard.models.get_model``: the embedded ``local:smollm2`` offline, or any configured
OpenAI-compatible one) is given what the timeline holds for one segment (its times, the page's
title and URL, the steps' actions and verdicts, the text read on screen) and writes one short
sentence. Each caption has a deadline; a model that fails, times out or writes nothing leaves the
structural caption in place, and the segment says so (``captioner``, ``caption_note``). The OCR
text stays in the timeline either way: a model's sentence is never the only place a fact is.
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

from macrohard.imagine.describe import Segment, _mmss, caption

SYSTEM = ("You caption one segment of a screen recording for a timeline. Using only the facts given, write ONE "
          "short sentence (at most 25 words) saying what the screen shows or what happens. No preamble, no quotes.")
MAX_LINES = 12  # lines of on-screen text given to the model (the embedded model's context is small)
MAX_CHARS = 240


def facts(seg: Segment) -> str:
    """The segment's structure as the model's prompt."""
    out = [f"Time: {_mmss(seg.start)} to {_mmss(seg.end)}"]
    for s in seg.steps:
        out.append(f"Step {s.index}: {s.action} (guard: {s.verdict})")
        if s.title:
            out.append(f"Page title: {s.title}")
        if s.url:
            out.append(f"URL: {s.url}")
    lines = [t.text.strip() for t in seg.text if len(t.text.strip()) >= 3]
    if lines:
        out.append("Text on screen:\n" + "\n".join(f"- {t[:120]}" for t in lines[:MAX_LINES])
                   + (f"\n(and {len(lines) - MAX_LINES} more lines)" if len(lines) > MAX_LINES else ""))
    else:
        out.append("Text on screen: none")
    if seg.changed is not None:
        x, y, w, h = seg.changed
        out.append(f"Changed region at the cut: {w}x{h} at {x},{y}")
    return "\n".join(out)


def clean(text: str) -> str:
    """The first non-empty line, without quotes or a "Caption:" prefix, cut at MAX_CHARS."""
    line = next((ln.strip() for ln in text.strip().splitlines() if ln.strip()), "")
    line = re.sub(r"^(caption|answer|sentence)\s*:\s*", "", line, flags=re.I).strip().strip("\"'“”").strip()
    if len(line) > MAX_CHARS:
        cut = line[:MAX_CHARS]
        line = cut[: cut.rfind(" ")] + "…" if " " in cut else cut + "…"
    return line


class ModelCaptioner:
    """``captioner(seg) -> (caption, captioner, note)``: the model's sentence, or the structural one and why."""

    def __init__(self, model: Any, *, spec: str = "", deadline: float = 20.0) -> None:
        self.model, self.deadline = model, deadline
        self.name = "model:" + (spec or str(getattr(model, "name", "") or type(model).__name__))
        self.stats = {"model": 0, "fallback": 0, "seconds": 0.0}

    def _ask(self, messages: list[dict[str, Any]], stop: threading.Event, box: dict[str, Any]) -> None:
        try:
            if callable(getattr(self.model, "stream", None)):
                parts: list[str] = []
                for chunk in self.model.stream(messages, []):
                    if stop.is_set():  # past the deadline: closing the stream ends the generation
                        break
                    if chunk.reply is not None:
                        box["text"] = chunk.reply.text
                        return
                    parts.append(chunk.text)
                box["text"] = "".join(parts)
            else:
                box["text"] = self.model.complete(messages, []).text
        except BaseException as exc:  # noqa: BLE001  (reported as the segment's fallback note)
            box["error"] = exc

    def __call__(self, seg: Segment) -> tuple[str, str, str]:
        messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": facts(seg)}]
        box: dict[str, Any] = {}
        stop = threading.Event()
        started = time.monotonic()
        worker = threading.Thread(target=self._ask, args=(messages, stop, box), name="macrohard-caption", daemon=True)
        worker.start()
        worker.join(self.deadline)
        self.stats["seconds"] += time.monotonic() - started
        if worker.is_alive():
            stop.set()
            note = f"the model did not answer within {self.deadline:g}s"
        elif "error" in box:
            exc = box["error"]
            note = f"the model failed: {type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
        else:
            text = clean(str(box.get("text") or ""))
            if text:
                self.stats["model"] += 1
                return f"{_mmss(seg.start)}–{_mmss(seg.end)}: {text}", self.name, ""
            note = "the model wrote no caption"
        self.stats["fallback"] += 1
        return caption(seg), "structure", note


def captioner(kind: str, spec: str | None = None, *, deadline: float = 20.0) -> ModelCaptioner | None:
    """``structure`` → None (deterministic captions); ``model`` → a ModelCaptioner over ``spec``."""
    from macrohard.errors import UserError

    if kind == "structure":
        if spec:
            raise UserError("--model is for --captioner model; drop it, or add --captioner model")
        return None
    if kind != "model":
        raise UserError(f"unknown captioner {kind!r}: use --captioner model or --captioner structure")
    if deadline <= 0:
        raise UserError(f"--caption-timeout must be positive seconds, not {deadline:g}")
    from macrohard.models import get_model

    spec = spec or "local:smollm2"
    return ModelCaptioner(get_model(spec), spec=spec, deadline=deadline)
