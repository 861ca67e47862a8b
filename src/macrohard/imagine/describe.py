"""A video as a timeline: segments with their times, keyframe, text on screen and a caption.

For a run, the video is its replay (``macrohard.replay``, a fixed time per step), so each segment
is aligned with the steps shown in it: the action, the guard's verdict, the page's URL and title.
Captions are written from that structure, deterministically (``captioner = "structure"``), or by a
model given that structure (``imagine/captions.py``); no model reads the frames, so a caption says
only what the timeline holds, and the text on screen stays in the timeline beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image
from pydantic import BaseModel, Field

from macrohard.imagine import frames as fr
from macrohard.imagine.ocr import engine as ocr_engine
from macrohard.imagine.scenes import scenes

MAX_FRAMES = 3600  # frames decoded from any one video: longer videos are sampled more sparsely
SECONDS_PER_STEP = 1.5


class Text(BaseModel):
    text: str
    box: tuple[int, int, int, int] = Field(description="x, y, width, height in the video's pixels")
    confidence: float


class StepRef(BaseModel):
    index: int
    action: str
    verdict: str
    url: str = ""
    title: str = ""


class Segment(BaseModel):
    index: int
    start: float
    end: float
    keyframe_time: float
    frame: str = Field(description="The keyframe as a JPEG, relative to the timeline's directory.")
    changed: tuple[int, int, int, int] | None = Field(None, description="What changed at the cut that began it.")
    text: list[Text] = Field(default_factory=list)
    steps: list[StepRef] = Field(default_factory=list)
    caption: str = ""
    captioner: str = Field("structure", description="Who wrote the caption: structure, or model:SPEC.")
    caption_note: str = Field("", description="Why a model's caption fell back to the structural one.")


class Timeline(BaseModel):
    source: str = Field(description="The video's path, or run:ID for a run's replay.")
    video: str
    run_id: str | None = None
    duration: float
    width: int
    height: int
    sampled_fps: float
    frames_analysed: int
    ocr_engine: str
    captioner: str = "structure"
    warnings: list[str] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)

    def text_at(self, t: float) -> str:
        return "\n".join(x.text for s in self.segments if s.start <= t < s.end for x in s.text)


def _mmss(t: float) -> str:
    return f"{int(t // 60)}:{t % 60:04.1f}"


def caption(seg: Segment) -> str:
    """A sentence from the segment's structure (steps, titles, text on screen)."""
    parts = []
    for s in seg.steps:
        where = f" on {s.title!r}" if s.title else (f" at {s.url}" if s.url else "")
        parts.append(f"step {s.index}: {s.action}{where} ({s.verdict})")
    lines = [x.text for x in seg.text if len(x.text.strip()) >= 3]
    shown = "; ".join(repr(t) for t in lines[:3]) + (f" and {len(lines) - 3} more lines" if len(lines) > 3 else "")
    head = f"{_mmss(seg.start)}–{_mmss(seg.end)}"
    body = ". ".join(p[0].upper() + p[1:] for p in parts)
    if lines:
        body = (body + ". " if body else "") + f"On screen: {shown}"
    elif not body:
        body = "No text on screen"
    if seg.changed is not None and not seg.steps:
        x, y, w, h = seg.changed
        body += f" (changed region {w}x{h} at {x},{y})"
    return f"{head}: {body}."


def describe_video(path: str | Path, out_dir: str | Path, *, fps: float = 2.0, ocr: str = "auto",
                   max_frames: int = MAX_FRAMES, progress: Callable[[float, float], None] | None = None,
                   source: str | None = None, steps: list[tuple[float, float, StepRef]] | None = None,
                   run_id: str | None = None,
                   captioner: Callable[[Segment], tuple[str, str, str]] | None = None) -> Timeline:
    """Cut ``path`` into segments, read each keyframe's text, caption it; write ``timeline.json`` and
    the keyframes (``frames/``) into ``out_dir``. ``steps`` are (start, end, step) spans to align;
    ``captioner`` (``captions.ModelCaptioner``) writes captions, else they come from the structure."""
    info = fr.probe(path)
    reader = ocr_engine(ocr)
    rate = fr.sample_rate(info, fps, max_frames)
    out = folder_for(out_dir)
    (out / "frames").mkdir(parents=True, exist_ok=True)
    warnings = []
    if info.duration and info.duration * min(fps, info.fps) > max_frames:
        warnings.append(f"long video ({_mmss(info.duration)}): sampled at {rate:.3g} frames/s to analyse at most "
                        f"{max_frames} frames")
    timeline = Timeline(source=source or str(path), video=str(path), run_id=run_id, duration=info.duration,
                        width=info.size[0], height=info.size[1], sampled_fps=round(rate, 4), frames_analysed=0,
                        ocr_engine=reader.name, captioner=getattr(captioner, "name", "structure"))
    count = 0

    def counted() -> Any:
        nonlocal count
        for item in fr.decode(info, rate, max_frames=max_frames, progress=progress):
            count += 1
            yield item

    last_end = 0.0
    for n, sc in enumerate(scenes(counted(), frame_step=1 / rate)):
        name = f"frames/{n:04d}.jpg"
        Image.fromarray(sc.keyframe).save(out / name, quality=80)
        texts = [Text(text=b.text, box=b.box, confidence=b.confidence) for b in reader.read(sc.keyframe)]
        end = min(sc.end, info.duration) if info.duration else sc.end
        seg = Segment(index=n, start=round(sc.start, 3), end=round(end, 3), keyframe_time=round(sc.keyframe_time, 3),
                      frame=name, changed=sc.changed, text=texts)
        if steps:
            seg.steps = [s for a, b, s in steps if a < seg.end and b > seg.start]
        if captioner is not None:
            seg.caption, seg.captioner, seg.caption_note = captioner(seg)
        else:
            seg.caption = caption(seg)
        timeline.segments.append(seg)
        last_end = sc.keyframe_time
    timeline.frames_analysed = count
    if info.duration and count < max_frames and last_end + 2 / rate < info.duration * 0.95:
        warnings.append(f"the video stops decoding at {_mmss(last_end)} of {_mmss(info.duration)}: "
                        f"the file is truncated or damaged after that point")
    fell = [s for s in timeline.segments if s.caption_note]
    if fell:
        warnings.append(f"{len(fell)} of {len(timeline.segments)} captions fell back to the structure "
                        f"({fell[0].caption_note})")
    timeline.warnings = warnings
    (out / "timeline.json").write_text(timeline.model_dump_json(indent=2))
    return timeline


_TITLE = re.compile(r"^Title: (.*)$", re.M)


def step_spans(steps: list[Any], seconds_per_step: float) -> list[tuple[float, float, StepRef]]:
    """Where each step is on screen in its replay: step n (1-based position) from (n-1)·s to n·s."""
    from macrohard.replay import action_text, verdict_text

    spans = []
    for pos, step in enumerate(steps):
        obs = step.observation
        url = str((obs.meta or {}).get("url", "")) if obs is not None else ""
        m = _TITLE.search(obs.output) if obs is not None and obs.output else None
        ref = StepRef(index=step.index, action=action_text(step), verdict=verdict_text(step)[0],
                      url=url, title=m.group(1).strip() if m else "")
        spans.append((pos * seconds_per_step, (pos + 1) * seconds_per_step, ref))
    return spans


def folder_for(out_dir: str | Path) -> Path:
    """``out_dir`` made (with ``frames/``), or a ``ConfigError`` naming why not, before any frame is read. Before
    (rel44): `imagine describe V --out /proc/x` or `--out FILE` was a traceback from ``mkdir``."""
    from macrohard.replay import out_folder

    return out_folder(out_dir, "timeline.json, index.html and frames/", sub="frames")


def describe_run(store: Any, run_id: str, out_dir: str | Path | None = None, **kw: Any) -> Timeline:
    """Render the run's replay (a fixed time per step) and describe it, aligned with its steps."""
    from macrohard.replay import render
    from macrohard.store.sqlite import default_home

    run = store.get_run(run_id)
    out = folder_for(Path(out_dir) if out_dir is not None else default_home() / "imagine" / run.id)
    replay = render(store, run.id, out / "replay", seconds_per_step=SECONDS_PER_STEP)
    assert replay.video is not None
    return describe_video(replay.video, out, source=f"run:{run.id}", run_id=run.id,
                          steps=step_spans(store.steps(run.id), SECONDS_PER_STEP), **kw)
