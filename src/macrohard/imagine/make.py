"""Render a script (``script.py``) to MP4 with ffmpeg: one clip per scene, joined, WebVTT subtitles.

Pictures (title cards, screenshots, zoomed regions, text overlays) are drawn with Pillow; ffmpeg
encodes each scene (H.264 + AAC) and joins them without re-encoding. Narration comes from
``macrohard.voice.tts.synthesize``; where that is not installed or has no engine, every scene is
silent (an AAC track of silence, so players and the subtitle timing behave the same) and the result
says why. Subtitles are the narration (or the overlay text) per scene, written as ``.vtt`` beside
the video and muxed into it as a ``mov_text`` track.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from pydantic import BaseModel

from macrohard.envs.leftovers import owned_tempdir
from macrohard.envs.recording import font
from macrohard.errors import ConfigError, UserError
from macrohard.imagine.frames import SAFE_INPUT, need_ffmpeg, probe
from macrohard.imagine.script import BadScript, Scene, Script, check_assets

DEFAULT_SECONDS = 3.0


class Made(BaseModel):
    video: str
    subtitles: str
    duration: float
    scenes: int
    narration: str  # "spoken" or "silent: why"


def _ff(args: list[str]) -> None:
    proc = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-y", *args], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        raise RuntimeError(f"ffmpeg failed ({proc.returncode}): {proc.stderr.strip()[-600:]}")


def _seconds(path: Path) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", str(path)],
                         capture_output=True, text=True, timeout=60).stdout.strip()
    return float(out or 0)


def narrator() -> tuple[Callable[[str, Path], Path] | None, str]:
    """The text-to-speech function and "spoken", or None and why narration is silent."""
    try:
        from macrohard.voice.tts import synthesize  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None, "silent: macrohard.voice (text-to-speech) is not part of this install"
    return synthesize, "spoken"


def _wrap(draw: ImageDraw.ImageDraw, text: str, fnt: object, width: float) -> list[str]:
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for word in para.split():
            trial = f"{line} {word}".strip()
            if line and draw.textlength(trial, font=fnt) > width:  # type: ignore[arg-type]
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def title_card(scene: Scene, size: tuple[int, int]) -> Image.Image:
    img = Image.new("RGB", size, (22, 24, 32))
    draw = ImageDraw.Draw(img)
    big, small = font(max(24, size[1] // 12)), font(max(14, size[1] // 28))
    lines = _wrap(draw, scene.title or "", big, size[0] * 0.85)
    sub = _wrap(draw, scene.subtitle or "", small, size[0] * 0.85) if scene.subtitle else []
    lh, sh = int(size[1] / 10), int(size[1] / 22)
    y = (size[1] - len(lines) * lh - len(sub) * sh) // 2
    for line in lines:
        draw.text((size[0] / 2, y), line, font=big, fill=(255, 255, 255), anchor="mt")
        y += lh
    for line in sub:
        draw.text((size[0] / 2, y + 8), line, font=small, fill=(170, 180, 200), anchor="mt")
        y += sh
    return img


def overlay(text: str, size: tuple[int, int]) -> Image.Image:
    """A transparent frame with ``text`` on a dark band along the bottom."""
    img = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    fnt = font(max(18, size[1] // 20))
    lines = _wrap(draw, text, fnt, size[0] * 0.9)[:3]
    lh = int(size[1] / 16)
    top = size[1] - len(lines) * lh - 24
    draw.rectangle((0, top - 12, size[0], size[1]), fill=(0, 0, 0, 200))
    for n, line in enumerate(lines):
        draw.text((size[0] / 2, top + n * lh), line, font=fnt, fill=(255, 255, 255, 255), anchor="mt")
    return img


def picture(scene: Scene, script: Script) -> Image.Image:
    """A screenshot, zoomed to its region and fitted to the frame, with its overlay."""
    try:
        src = Image.open(script.asset(scene.image or "")).convert("RGB")
    except OSError as exc:
        raise BadScript(f"{scene.image!r} is not an image Pillow can read: {exc}") from exc
    if scene.zoom:
        x, y, w, h = scene.zoom
        src = src.crop((x, y, x + w, y + h))
    frame = Image.new("RGB", script.size, (0, 0, 0))
    scale = min(script.size[0] / src.width, script.size[1] / src.height)
    fitted = src.resize((max(1, round(src.width * scale)), max(1, round(src.height * scale))), Image.LANCZOS)
    frame.paste(fitted, ((script.size[0] - fitted.width) // 2, (script.size[1] - fitted.height) // 2))
    if scene.text:
        frame.paste(overlay(scene.text, script.size), (0, 0), overlay(scene.text, script.size))
    return frame


def _vtt_time(t: float) -> str:
    ms = round(t * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def scene_clip(scene: Scene, script: Script, seconds: float, audio: Path | None, tmp: Path, n: int) -> Path:
    w, h = script.size
    out = tmp / f"scene{n:03d}.mp4"
    fit = f"scale={w}:{h}:force_original_aspect_ratio=decrease,pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,setsar=1"
    if scene.video:
        length = (scene.end - scene.start) if scene.end is not None else seconds
        crop = f"crop={scene.zoom[2]}:{scene.zoom[3]}:{scene.zoom[0]}:{scene.zoom[1]}," if scene.zoom else ""
        chain = f"[0:v]{crop}{fit},fps={script.fps},tpad=stop_mode=clone:stop_duration={seconds:.3f}"
        inputs = ["-ss", f"{scene.start:.3f}", "-t", f"{length:.3f}", *SAFE_INPUT, "-i", str(script.asset(scene.video))]
        if scene.text:
            overlay(scene.text, script.size).save(tmp / f"ov{n:03d}.png")
            inputs += ["-i", str(tmp / f"ov{n:03d}.png")]
            chain += "[v];[v][1:v]overlay=0:0"
        chain += ",format=yuv420p[out]"
    else:
        img = title_card(scene, script.size) if scene.title else picture(scene, script)
        if scene.title and scene.text:
            img.paste(overlay(scene.text, script.size), (0, 0), overlay(scene.text, script.size))
        img.save(tmp / f"pic{n:03d}.png")
        inputs = ["-loop", "1", "-framerate", str(script.fps), "-i", str(tmp / f"pic{n:03d}.png")]
        chain = "[0:v]format=yuv420p[out]"
    a = len([x for x in inputs if x == "-i"])
    inputs += ["-i", str(audio)] if audio else ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono"]
    _ff([*inputs, "-filter_complex", f"{chain};[{a}:a]aresample=48000,apad[aout]", "-map", "[out]", "-map", "[aout]",
         "-t", f"{seconds:.3f}", "-r", str(script.fps), "-c:v", "libx264", "-preset", "veryfast", "-crf", "26",
         "-c:a", "aac", "-b:a", "96k", "-ac", "1", str(out)])
    return out


def _unwritable(target: Path, exc: OSError) -> ConfigError:
    return ConfigError(f"cannot write {target} ({exc.strerror or exc}: {exc.filename or target}): give --out a file "
                       "in a folder you can write, on a disk with room")


def _writable(target: Path) -> None:
    """Whether the video can be written where it is asked for: said before minutes of rendering, not after."""
    if target.is_dir():
        raise ConfigError(f"{target} is a directory: give the video's file name (`--out {target / 'video.mp4'}`)")
    probe_file = target.parent / f".{target.name}.part"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        probe_file.touch()
        probe_file.unlink()
    except OSError as exc:
        raise _unwritable(target, exc) from exc


def make(script: Script, out: str | Path, *, progress: Callable[[int, int], None] | None = None,
         narrate: bool = True) -> Made:
    """Render ``script`` to ``out`` (MP4) and ``out``.vtt; whole or not at all."""
    need_ffmpeg()
    check_assets(script)
    for s in script.scenes:
        if s.video:
            info = probe(script.asset(s.video))  # a corrupt or audio-only recording is named before any work
            if info.duration and s.start >= info.duration:
                raise BadScript(f"{s.video!r} is {info.duration:.1f}s long: a segment cannot start at {s.start}s")
    speak, narration = narrator() if narrate else (None, "silent: narration turned off")
    target = Path(out)
    _writable(target)  # before (rel44): a traceback after the whole rendering, at the rename
    cues: list[tuple[float, float, str]] = []
    clips: list[Path] = []
    t = 0.0
    with owned_tempdir("macrohard-make-") as tmpdir:
        tmp = Path(tmpdir)
        for n, scene in enumerate(script.scenes):
            audio = None
            if speak is not None and scene.narration:
                try:
                    audio = speak(scene.narration, tmp / f"voice{n:03d}.wav")
                except UserError as exc:  # no speech engine on this machine: the rest is still made
                    speak, narration = None, f"silent: {exc}"
            seconds = scene.duration or ((scene.end - scene.start) if scene.video and scene.end else DEFAULT_SECONDS)
            if audio is not None:
                seconds = max(seconds, _seconds(Path(audio)) + 0.4)
            seconds = round(seconds * script.fps) / script.fps  # whole frames: the joined timing stays exact
            clips.append(scene_clip(scene, script, seconds, Path(audio) if audio else None, tmp, n))
            words = scene.narration or scene.text or scene.title
            if words:
                cues.append((t, t + seconds, " ".join(words.split())))
            t += seconds
            if progress is not None:
                progress(n + 1, len(script.scenes))
        (tmp / "list.txt").write_text("".join(f"file '{c}'\n" for c in clips))
        vtt = "WEBVTT\n\n" + "".join(f"{i}\n{_vtt_time(a)} --> {_vtt_time(b)}\n{text}\n\n"
                                     for i, (a, b, text) in enumerate(cues, 1))
        subs = target.with_suffix(".vtt")
        (tmp / "subs.vtt").write_text(vtt)
        _ff(["-f", "concat", "-safe", "0", "-i", str(tmp / "list.txt"), "-i", str(tmp / "subs.vtt"),
             "-map", "0:v", "-map", "0:a", "-map", "1:s", "-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text",
             "-metadata:s:s:0", "language=eng", "-movflags", "+faststart", str(tmp / "out.mp4")])
        part = target.parent / f".{target.name}.part"
        try:
            shutil.move(str(tmp / "out.mp4"), str(part))
            os.replace(part, target)
            subs.write_text(vtt)
        except OSError as exc:  # a disk that filled up, a folder removed while it rendered
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            raise _unwritable(target, exc) from exc
    return Made(video=str(target), subtitles=str(subs), duration=round(_seconds(target), 3),
                scenes=len(script.scenes), narration=narration)
