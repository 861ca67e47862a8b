"""``video_watch`` and ``video_make`` as actions: an extra environment a division is given (``actions: [video]``).

Like every environment it acts only on an approval the guard made for it (``envs.admit``), and it
checks again what the guard checked: every path it reads or writes (the video, the script, each of
the script's assets, the output) resolves inside the run's workspace, symlinks included.

The tools run on the host, beside a sandbox whose processes keep running and may change the workspace at any time.
So a path checked is never handed on: every input (the video, the script, its assets) is read through a descriptor
opened with no symlink followed (``envs.files.open_inside``) into a private folder outside the workspace, ffmpeg and
Pillow work there, and every output (the MP4, its ``.vtt``, the timeline and keyframes) is written back the same
way. Before (rt44) ``video.vtt`` laid as a symlink to ``~/.bashrc`` was overwritten on the host with the subtitles,
the narration's text a line of shell; a symlink swapped in after the check made ffmpeg read a host file.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from macrohard.envs.admit import admit
from macrohard.envs.files import open_inside
from macrohard.envs.leftovers import owned_tempdir
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

    def _copy_in(self, path: Path, dest: Path) -> Path:
        """``path`` (resolved inside the workspace) copied to ``dest``, read with no symlink followed."""
        assert self.workspace is not None
        try:
            fd = open_inside(self.workspace, path, os.O_RDONLY)
        except OSError as exc:
            raise UserError(f"{path.name}: cannot be read ({exc.strerror or exc}): it must be a plain file in the "
                            "workspace, not a symlink") from exc
        with os.fdopen(fd, "rb") as src, open(dest, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
        return dest

    def _copy_out(self, source: Path, rel: str) -> None:
        """``source`` (private) written to ``rel`` in the workspace, with no symlink followed (a symlink in the
        way is an error, never written through)."""
        assert self.workspace is not None
        target = self._inside(rel)
        try:
            fd = open_inside(self.workspace, target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, create_parents=True)
        except OSError as exc:
            raise UserError(f"{rel}: cannot be written ({exc.strerror or exc}): the output must be a plain file in "
                            "the workspace, not a symlink") from exc
        with open(source, "rb") as src, os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)

    def watch(self, path: str) -> Observation:
        from macrohard.imagine.describe import describe_video

        video = self._inside(path)
        rel_out = f".imagine/{video.stem}"
        self._inside(rel_out)
        with owned_tempdir("macrohard-watch-") as tmp:
            private = self._copy_in(video, Path(tmp) / f"video{video.suffix}")
            t = describe_video(private, Path(tmp) / "out", source=str(video))
            timeline = Path(tmp) / "out" / "timeline.json"
            if timeline.is_file():  # it names the workspace's video, not the private copy
                data = json.loads(timeline.read_text())
                data["video"] = str(video)
                timeline.write_text(json.dumps(data, indent=2))
            for file in sorted((Path(tmp) / "out").rglob("*")):
                if file.is_file() and not file.is_symlink():
                    self._copy_out(file, f"{rel_out}/{file.relative_to(Path(tmp) / 'out').as_posix()}")
        lines = [f"{path}: {t.duration:.1f} s, {t.width}x{t.height}, {len(t.segments)} segments "
                 f"(timeline: .imagine/{video.stem}/timeline.json)", *t.warnings]
        lines += [s.caption for s in t.segments]
        text = "\n".join(lines)
        if len(text) > MAX_OUTPUT:
            text = text[:MAX_OUTPUT] + f"\n… (cut; the whole timeline is in .imagine/{video.stem}/timeline.json)"
        return Observation(output=text, meta={"segments": len(t.segments), "duration": t.duration})

    def make(self, path: str, out: str) -> Observation:
        from macrohard.imagine.make import make
        from macrohard.imagine.script import BadScript, Script, check_assets
        from macrohard.yamlfile import decode_text, load_model

        script_path = self._inside(path)
        target = self._inside(out)
        subs_rel = str(Path(out).with_suffix(".vtt"))
        self._inside(subs_rel)
        with owned_tempdir("macrohard-make-") as tmp:
            private = Path(tmp)
            text = decode_text(self._copy_in(script_path, private / "script.yaml").read_bytes(), path,
                               error=BadScript, what="video script", hint="it needs a `scenes:` list")
            script = load_model(text, path, Script, error=BadScript, what="a video script",
                                hint="it needs a `scenes:` list (see `macrohard imagine make --help`)")
            script.base = script_path.parent
            scenes = []
            for n, scene in enumerate(script.scenes, 1):  # assets too: a script may not read outside the workspace
                update = {}
                for kind in ("image", "video"):
                    name = getattr(scene, kind)
                    if name:
                        try:
                            asset = self._inside(str(script.asset(name)))
                        except OutsideWorkspace as exc:
                            return Observation(output=f"scene {n} of {path}: {exc}", error=True)
                        if not asset.is_file():
                            raise BadScript(f"{path} names an asset that does not exist: scene {n} {kind} {name!r}")
                        update[kind] = str(self._copy_in(asset, private / f"{n:03d}-{kind}{asset.suffix}"))
                scenes.append(scene.model_copy(update=update))
            script = script.model_copy(update={"scenes": scenes})
            script.base = private
            check_assets(script, path)
            made = make(script, private / "out" / target.name)
            self._copy_out(Path(made.video), out)
            self._copy_out(Path(made.subtitles), subs_rel)
        return Observation(output=f"made {out}: {made.duration:.1f} s, {made.scenes} scenes, subtitles "
                                  f"{Path(subs_rel).name}, narration {made.narration}",
                           meta={"video": out, "duration": made.duration})
