from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    missing = [b for b in ("ffmpeg", "ffprobe", "tesseract") if shutil.which(b) is None]
    if missing:
        skip = pytest.mark.skip(reason=f"needs {', '.join(missing)} (bash install.sh installs them)")
        for item in items:
            if "tests/imagine" in str(item.fspath):
                item.add_marker(skip)


def card(text: str, size: tuple[int, int] = (640, 360), *, color: str = "white") -> Image.Image:
    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    draw.text((40, size[1] // 2 - 16), text, fill="black",
              font=ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28))
    return img


def slideshow(folder: Path, texts: list[str], *, seconds: float = 2.0, name: str = "v.mp4",
              extra: list[str] | None = None) -> Path:
    """An H.264 MP4 showing each text for ``seconds`` on its own card."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, t in enumerate(texts):
        card(t).save(folder / f"c{i:03d}.png")
    out = folder / name
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-framerate", f"{1 / seconds:.6f}", "-i", str(folder / "c%03d.png"),
                    "-vf", "fps=10,format=yuv420p", "-c:v", "libx264", "-preset", "veryfast", *(extra or []), str(out)],
                   check=True)
    return out


def ffprobe(path: Path) -> dict:
    import json

    out = subprocess.run(["ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", "-count_frames",
                          str(path)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)
