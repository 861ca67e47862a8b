"""Scene cuts, keyframes and changed regions by frame differencing (numpy, grey thumbnails).

A frame starts a new segment when enough of its grey thumbnail moved by more than JPEG/codec
noise since the frame before; the segment's keyframe is its last frame (the screen once settled).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

NOISE = 24  # grey levels a pixel may move by without counting as changed (JPEG and H.264 noise)
THUMB_WIDTH = 320


def thumb(frame: np.ndarray) -> np.ndarray:
    """A grey thumbnail about ``THUMB_WIDTH`` wide, as int16 (so differences do not wrap)."""
    step = max(1, frame.shape[1] // THUMB_WIDTH)
    small = frame[::step, ::step]
    if small.ndim == 3:
        small = small[..., 0] * 0.299 + small[..., 1] * 0.587 + small[..., 2] * 0.114
    return small.astype(np.int16)


def change(before: np.ndarray, after: np.ndarray, full: tuple[int, int]) -> tuple[float, tuple[int, int, int, int] | None]:
    """(fraction of thumbnail pixels that changed, their box ``(x, y, w, h)`` in full-frame pixels)."""
    if before.shape != after.shape:
        return 1.0, (0, 0, full[0], full[1])
    mask = np.abs(after - before) > NOISE
    frac = float(mask.mean())
    if not mask.any():
        return 0.0, None
    ys, xs = np.nonzero(mask)
    sx, sy = full[0] / mask.shape[1], full[1] / mask.shape[0]
    x0, y0 = int(xs.min() * sx), int(ys.min() * sy)
    x1, y1 = int((xs.max() + 1) * sx), int((ys.max() + 1) * sy)
    return frac, (x0, y0, min(full[0], x1) - x0, min(full[1], y1) - y0)


@dataclass
class Scene:
    start: float
    end: float
    keyframe_time: float
    keyframe: np.ndarray
    changed: tuple[int, int, int, int] | None  # what changed at the cut that began it (None for the first)
    change_fraction: float


def scenes(frames: Iterable[tuple[float, np.ndarray]], *, threshold: float = 0.0005, min_length: float = 0.4,
           frame_step: float = 0.5) -> Iterator[Scene]:
    """Segments of a frame stream. A cut needs ``threshold`` of the thumbnail to change; a segment
    shorter than ``min_length`` seconds is extended instead of cut (continuous motion stays bounded)."""
    prev: np.ndarray | None = None
    current: Scene | None = None
    for t, frame in frames:
        small = thumb(frame)
        full = (frame.shape[1], frame.shape[0])
        if current is None:
            current = Scene(t, t + frame_step, t, frame, None, 0.0)
        else:
            assert prev is not None
            frac, box = change(prev, small, full)
            if frac > threshold and t - current.start >= min_length:
                current.end = t
                yield current
                current = Scene(t, t + frame_step, t, frame, box, frac)
            else:
                current.keyframe, current.keyframe_time, current.end = frame, t, t + frame_step
        prev = small
    if current is not None:
        yield current
