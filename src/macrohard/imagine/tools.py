"""``video_watch`` and ``video_make`` as actions: an extra environment a division is given (``actions: [video]``).

Like every environment it acts only on an approval the guard made for it (``envs.admit``), and it
checks again what the guard checked: every path it reads or writes (the video, the script, each of
the script's assets, the output) resolves inside the run's workspace, symlinks included.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macrohard.envs.admit import admit
from macrohard.errors import UserError
from macrohard.safety.approval import Approved
from macrohard.safety.paths import OutsideWorkspace, resolve_inside
from macrohard.types import FinishAction, Observation, VideoMakeAction, VideoWatchAction

MAX_OUTPUT = 8000


class VideoTools:
    kind = "video"
    action_types = (VideoWatchAction, VideoMakeAction, FinishAction)

    def __init__(self, workspace: str | None = None) -> None:
        self.workspace = workspace

    def bind(self, run: Any, ctx: Any) -> None:
        self.workspace = ctx.workspace

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        if not self.workspace:
            raise RuntimeError("VideoTools.execute before bind: the agent binds it to its run first")
        try:
            if isinstance(action, VideoWatchAction):
                return self.watch(action.path)
            return self.make(action.path, action.out)
        except (UserError, OutsideWorkspace) as exc:  # a bad video or script: the model reads why and fixes it
            return Observation(output=str(exc), error=True)

    def _inside(self, path: str) -> Path:
        assert self.workspace is not None
        return Path(resolve_inside(self.workspace, path))

    def watch(self, path: str) -> Observation:
        from macrohard.imagine.describe import describe_video

        video = self._inside(path)
        out = self._inside(f".imagine/{video.stem}")
        t = describe_video(video, out)
        lines = [f"{path}: {t.duration:.1f} s, {t.width}x{t.height}, {len(t.segments)} segments "
                 f"(timeline: .imagine/{video.stem}/timeline.json)", *t.warnings]
        lines += [s.caption for s in t.segments]
        text = "\n".join(lines)
        if len(text) > MAX_OUTPUT:
            text = text[:MAX_OUTPUT] + f"\n… (cut; the whole timeline is in .imagine/{video.stem}/timeline.json)"
        return Observation(output=text, meta={"segments": len(t.segments), "duration": t.duration})

    def make(self, path: str, out: str) -> Observation:
        from macrohard.imagine.make import make
        from macrohard.imagine.script import load_script

        script = load_script(self._inside(path))
        for n, scene in enumerate(script.scenes, 1):  # assets too: a script may not read outside the workspace
            for name in (scene.image, scene.video):
                if name:
                    try:
                        self._inside(str(script.asset(name)))
                    except OutsideWorkspace as exc:
                        return Observation(output=f"scene {n} of {path}: {exc}", error=True)
        target = self._inside(out)
        made = make(script, target)
        return Observation(output=f"made {out}: {made.duration:.1f} s, {made.scenes} scenes, subtitles "
                                  f"{Path(made.subtitles).name}, narration {made.narration}",
                           meta={"video": out, "duration": made.duration})
