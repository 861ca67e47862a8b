"""A run's highlights: a short narrated video of its key frames (``macrohard runs highlights``).

The script is built from the run's record: a title card (task, status), the replay's key frames
(first and last step, refusals, failures, visible changes) each with its action as overlay and a
spoken sentence, and a closing card with the answer or the error. ``make`` renders it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from PIL import Image

from macrohard.errors import NotFound
from macrohard.imagine.make import Made, make
from macrohard.imagine.script import Scene, Script


def _say(step: Any) -> str:
    from macrohard.replay import action_text, verdict_text

    action = action_text(step)
    verdict, key = verdict_text(step)
    what = action.split(" ", 1)
    sentence = f"Step {step.index}: {what[0].replace('_', ' ')}" + (f", {what[1]}" if len(what) > 1 else "")
    return sentence[:220] + ("." if key == "allow" else f". {verdict[:160]}.")


def highlights_script(store: Any, run_id: str, workdir: Path, *, limit: int = 8,
                      size: tuple[int, int] = (1280, 800)) -> Script:
    from macrohard.replay import _frames_by_step, key_frames

    run = store.get_run(run_id)
    steps = store.steps(run.id)
    frames = _frames_by_step(store, run.id)
    if not frames:
        raise NotFound(f"run {run.id} has no screenshots: highlights are made of a browser or desktop run's frames")
    shots: list[tuple[Any, Image.Image, bool]] = []
    current: Image.Image | None = None
    for step in steps:
        own = step.index in frames
        if own:
            current = Image.open(io.BytesIO(frames[step.index]))
            current.load()
        if current is not None:
            shots.append((step, current, own))
    scenes = [Scene(title=run.task.text[:160], subtitle=f"run {run.id} · {run.status.value} · {len(steps)} steps",
                    narration=f"Run {run.id[-6:]}: {run.task.text[:200]}", duration=2.5)]
    workdir.mkdir(parents=True, exist_ok=True)
    for step, img in key_frames(shots, limit):
        path = workdir / f"step{step.index:04d}.png"
        img.convert("RGB").save(path)
        from macrohard.replay import action_text

        scenes.append(Scene(image=str(path), text=f"{step.index}. {action_text(step)}"[:200], narration=_say(step),
                            duration=2.0))
    end = f"Answer: {run.answer}" if run.answer else (run.error or "no answer")
    scenes.append(Scene(title=f"{run.status.value}", subtitle=end[:200], narration=f"The run {run.status.value.replace('_', ' ')}. "
                        f"{end[:200]}", duration=2.5))
    return Script(title=f"highlights of {run.id}", size=size, fps=10, scenes=scenes, base=workdir)


def highlights(store: Any, run_id: str, out: str | Path | None = None, **kw: Any) -> Made:
    from macrohard.store.sqlite import default_home

    run = store.get_run(run_id)
    folder = default_home() / "imagine" / run.id
    target = Path(out) if out is not None else folder / "highlights.mp4"
    script = highlights_script(store, run.id, folder / "highlights")
    made = make(script, target, **kw)
    if hasattr(store, "add_artifact"):
        store.add_artifact(run.id, "highlights", "video/mp4", path=made.video)
    return made
