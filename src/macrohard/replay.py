"""Replays of browser and desktop runs: an MP4 with a caption bar per step, and a contact sheet.

Frames are the ``screenshot`` artifacts the agent loop stored for each step. A step without a
frame (a denied action, ``finish``) shows the previous frame under its own caption, so every
step of the trajectory appears in the video with its action and the guard's verdict.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from PIL import ImageChops, ImageDraw
from pydantic import BaseModel, Field

from macrohard.envs.leftovers import owned_tempdir
from macrohard.envs.recording import font
from macrohard.errors import ConfigError, MissingDependency, NotFound
from macrohard.store.sqlite import default_home
from macrohard.types import Run, Step

FRAME_SIZE = (1280, 800)
BAR = 72
COLORS = {"allow": (40, 140, 70), "deny": (190, 40, 40), "ask": (200, 140, 20), "error": (200, 110, 20)}


class Replay(BaseModel):
    """What ``render`` wrote."""

    run_id: str
    video: str | None = Field(description="The MP4, or None when the run has no frames.")
    contact_sheet: str | None
    frames: int = Field(description="Steps with their own screenshot.")
    steps: int
    key_steps: list[int] = Field(default_factory=list, description="Steps shown on the contact sheet.")


def action_text(step: Step) -> str:
    action = step.action
    if action is None:
        return "(malformed reply)" if step.raw is not None else "(no action)"
    fields = action.model_dump(exclude={"kind"})
    args = " ".join(f"{k}={v!r}" for k, v in fields.items() if v not in (None, "", [], False))
    return f"{action.kind} {args}".strip()


def verdict_text(step: Step) -> tuple[str, str]:
    """(label, color key) for the caption: the guard's decision, or the action's failure."""
    v = step.verdict
    if v is not None and v.decision.value != "allow":
        return f"{v.decision.value.upper()} ({v.check}): {v.reason}", v.decision.value
    if step.observation is not None and step.observation.error:
        first = (step.observation.output.strip().splitlines() or ["error"])[0]
        return f"allowed · action failed: {first}", "error"
    return "allowed" + (f" by {v.approved_by}" if v is not None and v.approved_by else ""), "allow"


def _fit(img: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    canvas = PILImage.new("RGB", size, (24, 24, 28))
    img = img.convert("RGB")
    img.thumbnail(size)
    canvas.paste(img, ((size[0] - img.width) // 2, (size[1] - img.height) // 2))
    return canvas


def _clip(draw: ImageDraw.ImageDraw, text: str, width: float, fnt: Any) -> str:
    if draw.textlength(text, font=fnt) <= width:
        return text
    while text and draw.textlength(text + "…", font=fnt) > width:
        text = text[:-1]
    return text + "…"


def caption_frame(img: PILImage.Image, step: Step, total: int) -> PILImage.Image:
    """The step's screenshot with a bar: step number and action on one line, verdict below."""
    frame = PILImage.new("RGB", (FRAME_SIZE[0], FRAME_SIZE[1] + BAR), (0, 0, 0))
    frame.paste(_fit(img, FRAME_SIZE), (0, BAR))
    draw = ImageDraw.Draw(frame)
    label, key = verdict_text(step)
    draw.rectangle((0, 0, FRAME_SIZE[0], BAR), fill=(20, 20, 24))
    draw.rectangle((0, 0, 10, BAR), fill=COLORS[key])
    big, small = font(22), font(18)
    draw.text((22, 8), _clip(draw, f"step {step.index}/{total} · {action_text(step)}", FRAME_SIZE[0] - 40, big),
              fill=(255, 255, 255), font=big)
    draw.text((22, 42), _clip(draw, label, FRAME_SIZE[0] - 40, small), fill=COLORS[key], font=small)
    return frame


def _frames_by_step(store: Any, run_id: str) -> dict[int, bytes]:
    frames: dict[int, bytes] = {}
    for art in store.artifacts(run_id, name="screenshot"):
        data = art["data"]
        if data is None and art["path"]:
            data = Path(str(art["path"])).read_bytes()
        if data is not None and art["step"] is not None:
            frames[int(art["step"])] = bytes(data)  # the last image of a step is its frame
    return frames


def _differs(a: PILImage.Image, b: PILImage.Image) -> bool:
    """Whether two frames look different: any pixel of 160x100 grey thumbnails moved by more than JPEG noise."""
    small_a, small_b = a.convert("L").resize((160, 100)), b.convert("L").resize((160, 100))
    changed = ImageChops.difference(small_a, small_b).point(lambda v: 255 if v > 24 else 0)
    return changed.getbbox() is not None


def key_frames(shots: list[tuple[Step, PILImage.Image, bool]], limit: int = 12) -> list[tuple[Step, PILImage.Image]]:
    """The first and last step, every step the guard did not allow or whose action failed, and every
    frame that differs from the previous key frame; evenly thinned to ``limit``."""
    keep: list[tuple[Step, PILImage.Image]] = []
    for i, (step, img, own) in enumerate(shots):
        refused = step.verdict is not None and not step.verdict.allowed
        failed = step.observation is not None and step.observation.error
        if i in (0, len(shots) - 1) or refused or failed or (own and _differs(keep[-1][1], img)):
            keep.append((step, img))
    if len(keep) > limit:
        picks = sorted({round(i * (len(keep) - 1) / (limit - 1)) for i in range(limit)})
        keep = [keep[i] for i in picks]
    return keep


def content_box(images: list[PILImage.Image], *, aspect: float = 1.6, min_width: int = 640) -> tuple[int, int, int, int]:
    """The region of the frames that holds content (pages leave most of a 1280x800 viewport blank),
    widened to the thumbnails' aspect ratio so every frame crops to the same region."""
    width, height = images[0].size
    left, top, right, bottom = width, height, 0, 0
    for img in images:
        grey = img.convert("L")
        background = PILImage.new("L", grey.size, grey.getpixel((width - 1, height - 1)))
        bbox = ImageChops.difference(grey, background).point(lambda v: 255 if v > 16 else 0).getbbox()
        if bbox:
            left, top, right, bottom = min(left, bbox[0]), min(top, bbox[1]), max(right, bbox[2]), max(bottom, bbox[3])
    if right <= left:
        return (0, 0, width, height)
    w = max(right - left + 32, min_width, int((bottom - top + 32) * aspect))
    w = min(w, width)
    h = min(height, int(w / aspect))
    x0 = max(0, min(left - 16, width - w))
    y0 = max(0, min(top - 16, height - h))
    return (x0, y0, x0 + w, y0 + h)


def contact_sheet(run: Run, shots: list[tuple[Step, PILImage.Image, bool]], *, columns: int = 3,
                  limit: int = 12) -> PILImage.Image:
    """Key frames in a grid, each with its step, action and verdict under it."""
    keep = key_frames(shots, limit)
    total = len(shots)
    box = content_box([img for _, img in keep])
    keep = [(step, img.crop(box)) for step, img in keep]
    tw, th, cap = 480, 300, 46
    rows = (len(keep) + columns - 1) // columns
    head = 70
    sheet = PILImage.new("RGB", (columns * (tw + 16) + 16, head + rows * (th + cap + 16) + 8), (245, 245, 247))
    draw = ImageDraw.Draw(sheet)
    title, small, tiny = font(20), font(14), font(13)
    draw.text((16, 10), _clip(draw, f"run {run.id} · {run.status.value} · {total} steps · {run.model}",
                              sheet.width - 32, title), fill=(20, 20, 20), font=title)
    draw.text((16, 40), _clip(draw, f"task: {run.task.text}", sheet.width - 32, small), fill=(70, 70, 70), font=small)
    for n, (step, img) in enumerate(keep):
        x = 16 + (n % columns) * (tw + 16)
        y = head + (n // columns) * (th + cap + 16)
        sheet.paste(_fit(img, (tw, th)), (x, y))
        label, key = verdict_text(step)
        draw.rectangle((x, y + th, x + tw, y + th + cap), fill=(255, 255, 255))
        draw.rectangle((x, y + th, x + 5, y + th + cap), fill=COLORS[key])
        draw.text((x + 10, y + th + 4), _clip(draw, f"{step.index}. {action_text(step)}", tw - 14, tiny),
                  fill=(20, 20, 20), font=tiny)
        draw.text((x + 10, y + th + 24), _clip(draw, label, tw - 14, tiny), fill=COLORS[key], font=tiny)
    return sheet


def out_folder(out_dir: str | Path, holds: str, *, sub: str = "") -> Path:
    """``out_dir`` (and ``sub`` in it) made, or a ``ConfigError`` naming why not, before any work is done. Before
    (rel44): `runs replay ID --out /proc/x` or `--out FILE` (and `imagine describe`'s) was a traceback from
    ``mkdir``. ``holds``: what the folder is for, for the message."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file: give a directory for {holds} (`--out {out.with_suffix('')}-out`)")
    try:
        (out / sub if sub else out).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot make the folder {exc.filename or out} ({exc.strerror or exc}): give --out a "
                          "directory you can write, on a disk with room") from exc
    return out


def render(store: Any, run_id: str, out_dir: str | Path | None = None, *, seconds_per_step: float = 1.5,
           fps: int = 10) -> Replay:
    """Write ``replay.mp4`` and ``contact_sheet.png`` for a run into ``out_dir``."""
    run = store.get_run(run_id)
    steps = store.steps(run.id)
    frames = _frames_by_step(store, run.id)
    out = Path(out_dir) if out_dir is not None else default_home() / "replays" / run.id
    if not frames:
        raise NotFound(f"run {run.id} has no screenshots to replay: only browser and desktop runs record frames; "
                       f"its steps as text: macrohard runs show {run.id}")  # ux53: what to look at instead
    if shutil.which("ffmpeg") is None:
        raise MissingDependency("replays need ffmpeg: apt-get install ffmpeg")
    out_folder(out, "replay.mp4 and contact_sheet.png")
    blank = PILImage.new("RGB", FRAME_SIZE, (24, 24, 28))
    current = blank
    shots: list[tuple[Step, PILImage.Image, bool]] = []  # every step, its frame, whether the frame is its own
    video = out / "replay.mp4"
    with owned_tempdir("macrohard-replay-") as tmp:
        for n, step in enumerate(steps, start=1):
            own = step.index in frames
            if own:
                current = PILImage.open(io.BytesIO(frames[step.index]))
                current.load()
            shots.append((step, current, own))
            caption_frame(current, step, len(steps)).save(Path(tmp) / f"f{n:05d}.png", compress_level=1)
        cmd = ["ffmpeg", "-y", "-loglevel", "error", "-framerate", f"{1 / seconds_per_step:.6f}",
               "-i", str(Path(tmp) / "f%05d.png"), "-vf", f"fps={fps},format=yuv420p", "-c:v", "libx264",
               "-preset", "veryfast", "-crf", "30", "-movflags", "+faststart", str(Path(tmp) / "replay.mp4")]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"ffmpeg failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        # whole or not at all: a reader of replay.mp4 (the web app serving it) never sees a half-written file
        shutil.move(str(Path(tmp) / "replay.mp4"), str(out / ".replay.mp4.part"))
        os.replace(out / ".replay.mp4.part", video)
    sheet_path = out / "contact_sheet.png"
    contact_sheet(run, shots).save(sheet_path, optimize=True)
    key_steps = [step.index for step, _ in key_frames(shots)]
    if hasattr(store, "add_artifact"):
        store.add_artifact(run.id, "replay", "video/mp4", path=str(video))
        store.add_artifact(run.id, "contact_sheet", "image/png", path=str(sheet_path))
    return Replay(run_id=run.id, video=str(video), contact_sheet=str(sheet_path), frames=len(frames),
                  steps=len(steps), key_steps=key_steps)
