"""Frames: encoding screenshots, drawing set-of-marks, and the ``Image`` an observation carries.

Every browser and desktop step attaches one frame (a JPEG) to its observation; the agent loop
stores observation images as ``screenshot`` artifacts of the step, and ``macrohard runs replay``
turns them into an MP4 and a contact sheet (``macrohard.replay``).
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from macrohard.types import Image

JPEG_QUALITY = 70

# Roles that a person can act on: these get numbered boxes in a set-of-marks screenshot.
INTERACTIVE_ROLES = frozenset({
    "button", "link", "textbox", "searchbox", "combobox", "checkbox", "radio", "switch", "slider",
    "spinbutton", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "tab", "listbox", "treeitem",
})
_MARK_LINE = re.compile(r"^\s*-\s+(?P<role>[a-z]+)\b.*?\[ref=(?P<ref>(?:f\d+)?e\d+)\].*?\[box=(?P<box>[\d.,-]+)\]")


@dataclass(frozen=True)
class Mark:
    """An interactive element's id and box (viewport CSS pixels)."""

    ref: str
    role: str
    x: float
    y: float
    width: float
    height: float


def image(data: bytes, media_type: str = "image/jpeg") -> Image:
    return Image(media_type=media_type, data_b64=base64.b64encode(data).decode())  # type: ignore[arg-type]


def encode_rgb(raw: bytes, size: tuple[int, int], *, fmt: str = "jpeg", quality: int = JPEG_QUALITY,
               mode: str = "RGB", raw_mode: str = "BGRX") -> bytes:
    """Encode raw pixels (mss gives BGRX) as JPEG (fast, for frames) or PNG (lossless, level 1)."""
    img = PILImage.frombuffer(mode, size, raw, "raw", raw_mode, 0, 1)
    out = io.BytesIO()
    if fmt == "png":
        img.save(out, format="PNG", compress_level=1)
    else:
        img.save(out, format="JPEG", quality=quality)
    return out.getvalue()


def parse_marks(snapshot: str) -> list[Mark]:
    """Interactive elements with visible boxes from an ``aria_snapshot(mode="ai", boxes=True)`` text."""
    marks = []
    for line in snapshot.splitlines():
        m = _MARK_LINE.match(line)
        if not m or m["role"] not in INTERACTIVE_ROLES:
            continue
        try:
            x, y, w, h = (float(v) for v in m["box"].split(","))
        except ValueError:
            continue
        if w > 0 and h > 0:
            marks.append(Mark(m["ref"], m["role"], x, y, w, h))
    return marks


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
                 "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"):
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_marks(png_or_jpeg: bytes, marks: list[Mark], *, scale: float = 1.0) -> bytes:
    """Numbered boxes on interactive elements (set-of-marks); labels are the element ids."""
    img = PILImage.open(io.BytesIO(png_or_jpeg)).convert("RGB")
    draw = ImageDraw.Draw(img)
    label_font = font(12)
    for mark in marks:
        x0, y0 = mark.x * scale, mark.y * scale
        x1, y1 = x0 + mark.width * scale, y0 + mark.height * scale
        draw.rectangle((x0, y0, x1, y1), outline=(230, 30, 30), width=2)
        text = mark.ref
        tw = draw.textlength(text, font=label_font)
        ty = max(0.0, y0 - 15)
        draw.rectangle((x0, ty, x0 + tw + 6, ty + 15), fill=(230, 30, 30))
        draw.text((x0 + 3, ty + 1), text, fill=(255, 255, 255), font=label_font)
    out = io.BytesIO()
    img.save(out, format="PNG", compress_level=1)
    return out.getvalue()
