"""A video script (YAML): scenes of title cards, screenshots and recording segments, each with an
optional text overlay, a zoom on a region and narration. Asset paths are relative to the script.

```yaml
title: Checkout run            # optional; size, fps as below
size: [1280, 720]
fps: 25
scenes:
  - title: "How the order was placed"
    subtitle: "run 20261129-…"
    narration: "The agent placed an order on the shop."
  - image: shots/cart.png
    zoom: [0, 0, 640, 400]        # x, y, width, height of the source to fill the frame with
    text: "The cart"
    duration: 3
  - video: recordings/run.mp4
    start: 1.5
    end: 4.5
    text: "Paying"
```
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from macrohard.errors import UserError
from macrohard.yamlfile import load_model, read_text


class BadScript(UserError):
    """A script that cannot be made into a video; the message names every problem found."""


class Scene(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, description="A title card with this text.")
    subtitle: str | None = Field(None, description="A smaller line under the title.")
    image: str | None = Field(None, description="A screenshot or picture to show.")
    video: str | None = Field(None, description="A recording to take a segment of.")
    start: float = Field(0.0, ge=0, description="Where the segment of ``video`` starts (seconds).")
    end: float | None = Field(None, description="Where it ends (default: start + duration, or the video's end).")
    duration: float | None = Field(None, gt=0, le=600, description="Seconds on screen (at least the narration's length).")
    text: str | None = Field(None, description="A caption drawn over the bottom of the frame.")
    zoom: tuple[int, int, int, int] | None = Field(None, description="x, y, width, height of the source to fill the frame.")
    narration: str | None = Field(None, description="Spoken over the scene (text-to-speech) and its subtitle.")

    @model_validator(mode="after")
    def _one_kind(self) -> Scene:
        kinds = [k for k in ("title", "image", "video") if getattr(self, k)]
        if len(kinds) != 1:
            raise ValueError(f"a scene is exactly one of title, image or video (this one has {kinds or 'none'})")
        if self.zoom is not None and (self.zoom[2] <= 0 or self.zoom[3] <= 0):
            raise ValueError("zoom is [x, y, width, height] with a positive width and height")
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be after start ({self.start})")
        return self


class Script(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    size: tuple[int, int] = Field((1280, 720), description="Width and height of the video (even numbers).")
    fps: int = Field(25, ge=1, le=60)
    scenes: list[Scene] = Field(min_length=1)
    base: Path = Field(Path("."), exclude=True, description="Where relative asset paths start (set by the loader).")

    def asset(self, name: str) -> Path:
        p = Path(name).expanduser()
        return p if p.is_absolute() else self.base / p


def load_script(path: str | Path) -> Script:
    """Read and check a script: its shape, then that every asset it names exists (all are listed)."""
    p = Path(path)
    if not p.is_file():
        raise BadScript(f"no script at {p}")
    text = read_text(p, error=BadScript, what="video script", hint="it needs a `scenes:` list")
    script = load_model(text, str(p), Script, error=BadScript, what="a video script",
                        hint="it needs a `scenes:` list (see `macrohard imagine make --help`)")
    script.base = p.parent.resolve()
    check_assets(script, str(p))
    return script


def check_assets(script: Script, name: str = "the script") -> None:
    if script.size[0] % 2 or script.size[1] % 2:
        raise BadScript(f"{name}: size must be even numbers (H.264), not {script.size[0]}x{script.size[1]}")
    missing = [f"scene {n} {kind} {getattr(s, kind)!r}" for n, s in enumerate(script.scenes, 1)
               for kind in ("image", "video") if getattr(s, kind) and not script.asset(getattr(s, kind)).is_file()]
    if missing:
        raise BadScript(f"{name} names assets that do not exist: {', '.join(missing)} "
                        f"(paths are relative to {script.base})")
