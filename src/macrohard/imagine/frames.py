"""Probing and decoding video with ffmpeg: numpy RGB frames at a bounded sampling rate.

Work is bounded: at most ``max_frames`` frames are decoded from any video (a 2-hour recording is
sampled at ``max_frames / duration`` frames a second), and ``progress`` is told as they come.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from macrohard.errors import MissingDependency, NotFound, UserError

MAX_WIDTH = 1280  # frames wider than this are scaled down before analysis


class BadVideo(UserError):
    """A file that cannot be read as video; the message names the problem."""


@dataclass(frozen=True)
class VideoInfo:
    path: str
    duration: float
    width: int
    height: int
    fps: float
    codec: str
    has_audio: bool

    @property
    def size(self) -> tuple[int, int]:
        """The size frames are decoded at (scaled to at most ``MAX_WIDTH``, even dimensions)."""
        if self.width <= MAX_WIDTH:
            return self.width // 2 * 2, self.height // 2 * 2
        return MAX_WIDTH, int(self.height * MAX_WIDTH / self.width) // 2 * 2


# The demuxers of plain media files. Playlists and lists (hls, concat, image2 patterns…) are left out: a video
# given to ffmpeg on the host that is really a playlist would make it read files outside the workspace (another
# run's recording, say) and show them to the agent.
MEDIA_FORMATS = ("mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,ogg,mpeg,gif,wav,mp3,aac,flac,asf,h264,hevc,"
                 "mjpeg,ivf,nut,yuv4mpegpipe")
SAFE_INPUT = ("-format_whitelist", MEDIA_FORMATS)  # an input option: it goes before the untrusted file's -i


def need_ffmpeg() -> None:
    if shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None:
        raise MissingDependency("reading and making video needs ffmpeg: apt-get install ffmpeg")


def probe(path: str | Path) -> VideoInfo:
    """What ffprobe says of ``path``, or a ``BadVideo`` naming why it is not a video we can read."""
    need_ffmpeg()
    p = Path(path)
    if not p.is_file():
        raise NotFound(f"no video at {p}")
    if p.stat().st_size == 0:
        raise BadVideo(f"{p} is empty (0 bytes): the recording was not written")
    proc = subprocess.run(["ffprobe", "-v", "error", *SAFE_INPUT, "-print_format", "json", "-show_streams",
                           "-show_format", str(p)], capture_output=True, text=True, timeout=60)
    if "not on whitelist" in proc.stderr:
        raise BadVideo(f"{p} is a playlist or a list of other files (HLS, concat…), not a media file: such files "
                       "are not read, because they can point outside the workspace; give the video itself")
    if proc.returncode != 0:
        why = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else f"exit {proc.returncode}"
        hint = " (the file is truncated: its index was never written)" if "moov atom not found" in proc.stderr else ""
        raise BadVideo(f"{p} is corrupt or not a video{hint}: ffprobe says {why!r}")
    info = json.loads(proc.stdout or "{}")
    streams = info.get("streams", [])
    video = next((s for s in streams if s.get("codec_type") == "video" and not
                  (s.get("disposition") or {}).get("attached_pic")), None)
    has_audio = any(s.get("codec_type") == "audio" for s in streams)
    if video is None:
        kind = "audio only" if has_audio else "no streams ffprobe recognises"
        raise BadVideo(f"{p} has no video stream ({kind}): give a video file (MP4, WebM, MKV…)")
    codec = str(video.get("codec_name") or "")
    if not codec or codec == "none":
        tag = video.get("codec_tag_string", "?")
        raise BadVideo(f"{p} uses a video codec ffmpeg does not know (tag {tag!r}): re-encode it, "
                       f"e.g. ffmpeg -i IN -c:v libx264 OUT.mp4")
    duration = _float(video.get("duration")) or _float((info.get("format") or {}).get("duration"))
    fps = _rate(video.get("avg_frame_rate")) or _rate(video.get("r_frame_rate")) or 25.0
    width, height = int(video.get("width") or 0), int(video.get("height") or 0)
    if width < 2 or height < 2:
        raise BadVideo(f"{p} has a video stream without a frame size ({codec}): it cannot be decoded")
    return VideoInfo(str(p), duration or 0.0, width, height, fps, codec, has_audio)


def _float(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


def _rate(v: object) -> float:
    num, _, den = str(v or "").partition("/")
    try:
        r = float(num) / float(den or 1)
    except (ValueError, ZeroDivisionError):
        return 0.0
    return r if 0 < r < 1000 else 0.0


def sample_rate(info: VideoInfo, fps: float, max_frames: int) -> float:
    """Frames a second to decode: ``fps`` or less, so that the whole video gives at most ``max_frames``."""
    rate = min(fps, info.fps or fps)
    if info.duration > 0:
        rate = min(rate, max_frames / info.duration)
    return max(rate, 1e-3)


def decode(info: VideoInfo, rate: float, *, max_frames: int,
           progress: Callable[[float, float], None] | None = None) -> Iterator[tuple[float, np.ndarray]]:
    """(time, RGB frame) at ``rate`` frames a second; raises ``BadVideo`` when ffmpeg cannot decode
    the stream at all (frames decoded before a truncation are given, and the loss is reported by
    the caller from the last time seen)."""
    w, h = info.size
    cmd = ["ffmpeg", "-v", "error", "-nostdin", *SAFE_INPUT, "-i", info.path, "-an", "-sn",
           "-vf", f"fps={rate:.6f},scale={w}:{h}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    size = w * h * 3
    n = 0
    assert proc.stdout is not None
    try:
        while n < max_frames:
            buf = proc.stdout.read(size)
            if len(buf) < size:
                break
            t = n / rate
            if progress is not None:
                progress(t, info.duration)
            yield t, np.frombuffer(buf, np.uint8).reshape(h, w, 3)
            n += 1
    finally:
        proc.stdout.close()
        proc.kill()
        err = ""
        if proc.stderr is not None:
            err = proc.stderr.read().decode(errors="replace")
            proc.stderr.close()
        proc.wait()
    if n == 0:
        raise BadVideo(f"{info.path}: ffmpeg decoded no frames ({info.codec}): "
                       f"{err.strip().splitlines()[-1] if err.strip() else 'the stream is empty or corrupt'}")


def frame_at(path: str | Path, t: float, size: tuple[int, int]) -> np.ndarray:
    """One RGB frame at time ``t`` (seconds)."""
    w, h = size
    proc = subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-ss", f"{t:.3f}", *SAFE_INPUT, "-i", str(path),
                           "-frames:v", "1", "-vf", f"scale={w}:{h}", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                          capture_output=True, timeout=120)
    if len(proc.stdout) < w * h * 3:
        raise BadVideo(f"{path}: no frame at {t:.2f}s")
    return np.frombuffer(proc.stdout[: w * h * 3], np.uint8).reshape(h, w, 3)
