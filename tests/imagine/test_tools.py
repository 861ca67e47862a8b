"""video_watch and video_make as actions of the imagine division: reviewed by the guard, run by an
executor that verifies the approval and keeps every path inside the workspace."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.divisions.conftest import Models

from macrohard.divisions import load_divisions
from macrohard.divisions.runtime import Staff, division_task, run_division
from macrohard.imagine.tools import VideoTools

SCRIPT = "size: [320, 180]\nfps: 5\nscenes:\n  - title: Hello video\n    duration: 1\n"


def test_the_imagine_division_makes_and_watches_a_video(store, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    steps = [
        {"kind": "write_file", "path": "s.yaml", "content": SCRIPT},
        {"kind": "video_make", "path": "s.yaml", "out": "clip.mp4"},
        {"kind": "video_watch", "path": "clip.mp4"},
        {"kind": "video_watch", "path": "/etc/passwd"},
        {"kind": "video_make", "path": "s.yaml", "out": "../escape.mp4"},
        {"kind": "write_file", "path": "bad.yaml", "content": f"scenes:\n  - image: {tmp_path / 'secret.png'}\n"},
        {"kind": "video_make", "path": "bad.yaml", "out": "bad.mp4"},
        {"kind": "finish", "answer": "made clip.mp4"},
    ]
    divisions = load_divisions()
    imagine = divisions["imagine"]
    assert "video" in imagine.actions
    staff = Staff(divisions=divisions, models=Models(imagine=[steps]))
    run = run_division(division_task(imagine, "make a clip", workspace=str(ws)), imagine, staff=staff, store=store)
    got = store.steps(run.id)
    made, watched, etc, escape, _, outside = (got[i] for i in range(1, 7))
    assert made.verdict.allowed and not made.observation.error, made.observation.output
    assert made.observation.output.startswith("made clip.mp4: 1.0 s, 1 scenes, subtitles clip.vtt")
    assert "Hello video" in watched.observation.output and "1 segments" in watched.observation.output
    for refused in (etc, escape):
        assert not refused.verdict.allowed and refused.verdict.check == "workspace_paths"
    assert not (tmp_path / "escape.mp4").exists()
    assert outside.observation.error and "outside the workspace" in outside.observation.output
    assert not (ws / "bad.mp4").exists() and not (ws / "clip.mp4").exists()  # the workspace was a copy-on-write view


def test_the_executor_refuses_an_action_the_guard_did_not_approve(tmp_path: Path) -> None:
    from macrohard.errors import NotApproved
    from macrohard.safety.approval import Approved
    from macrohard.safety.context import GuardContext
    from macrohard.safety.guard import Guard
    from macrohard.types import Decision, Run, Task, Verdict, VideoWatchAction

    tools = VideoTools()
    ctx = GuardContext(workspace=str(tmp_path), run_id="r1")
    tools.bind(Run(task=Task(text="x")), ctx)
    action = VideoWatchAction(path="v.mp4")
    forged = Approved(action=action, verdict=Verdict(decision=Decision.allow), run_id="r1", nonce="0" * 32)
    with pytest.raises(NotApproved):
        tools.execute(forged)
    granted = Guard.from_policy().authorize(action, ctx, env=VideoTools()).approved  # for another executor
    assert granted is not None
    with pytest.raises(NotApproved):
        tools.execute(granted)


def test_a_playlist_named_mp4_cannot_make_ffmpeg_read_a_video_outside_the_workspace(store, tmp_path: Path) -> None:
    """Attack: the agent writes an HLS playlist named clip.mp4 whose one segment is a recording outside its
    workspace (another run's, say). ffmpeg on the host follows playlists, so watching or splicing "clip.mp4"
    would show the agent that recording's text. Plain media demuxers only: both are refused, nothing is read."""
    import subprocess

    secret = tmp_path / "other-run" / "rec.ts"
    secret.parent.mkdir()
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=white:s=320x180:d=1", "-vf",
                    "drawtext=text=TOPSECRET:fontsize=40:x=20:y=60", "-y", str(secret)], check=True)
    playlist = f"#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:1.0,\n{secret}\n#EXT-X-ENDLIST\n"
    ws = tmp_path / "ws"
    ws.mkdir()
    steps = [
        {"kind": "write_file", "path": "clip.mp4", "content": playlist},
        {"kind": "video_watch", "path": "clip.mp4"},
        {"kind": "write_file", "path": "s.yaml", "content": "size: [320, 180]\nfps: 5\nscenes:\n  - video: clip.mp4\n"},
        {"kind": "video_make", "path": "s.yaml", "out": "out.mp4"},
        {"kind": "finish", "answer": "done"},
    ]
    divisions = load_divisions()
    imagine = divisions["imagine"]
    staff = Staff(divisions=divisions, models=Models(imagine=[steps]))
    run = run_division(division_task(imagine, "watch clip.mp4", workspace=str(ws)), imagine, staff=staff, store=store)
    got = store.steps(run.id)
    watched, made = got[1], got[3]
    for step in (watched, made):
        assert step.verdict.allowed and step.observation.error, step.observation.output
        assert "playlist" in step.observation.output and "TOPSECRET" not in step.observation.output


def test_a_video_script_that_is_not_utf8_is_told_to_the_agent_not_read_with_replacements(store, tmp_path: Path) -> None:
    """video_make reads its script through a private copy (rt44); its bytes are decoded as `macrohard imagine make`
    decodes them (rel44): a Latin-1 script is an error that names the fix, not a title with U+FFFD in it."""
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "s.yaml").write_bytes((SCRIPT.replace("Hello video", "Café au lait")).encode("latin-1"))
    steps = [{"kind": "video_make", "path": "s.yaml", "out": "out.mp4"}, {"kind": "finish", "answer": "done"}]
    divisions = load_divisions()
    imagine = divisions["imagine"]
    staff = Staff(divisions=divisions, models=Models(imagine=[steps]))
    run = run_division(division_task(imagine, "make a video", workspace=str(ws)), imagine, staff=staff, store=store)
    made = store.steps(run.id)[0]
    assert made.observation.error and "not UTF-8" in made.observation.output, made.observation.output
    assert not (ws / "out.mp4").exists()
