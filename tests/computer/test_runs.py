"""Scripted-model runs through the real loop (guard, store, recording) and their replays."""

from __future__ import annotations

import io
import json
import subprocess
import time
from pathlib import Path

from PIL import Image
from typer.testing import CliRunner

from macrohard.replay import render
from macrohard.runner import run_task
from macrohard.sites import serve
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus, Task


def form_script(url: str) -> list[dict]:
    # Element ids of the form page are stable: e5 name, e7 email, e9 plan, e14 the Send button.
    return [
        {"kind": "browser_goto", "url": url},
        {"kind": "browser_type", "element": "e5", "text": "Grace Hopper"},
        {"kind": "browser_type", "element": "e7", "text": "grace@example.org"},
        {"kind": "browser_select", "element": "e9", "option": "Pro"},
        {"kind": "browser_screenshot"},
        {"kind": "browser_click", "element": "e14"},
        {"kind": "finish", "answer": "submitted the contact form"},
    ]


def declared(site) -> list[str]:
    """The site's address as a task declares it (network none: the browser's sandbox reaches only it)."""
    return [site.url.split("/")[2]]


def _video_seconds(path: str) -> float:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "json", path],
                         capture_output=True, text=True, check=True).stdout
    return float(json.loads(out)["format"]["duration"])


def test_scripted_browser_run_submits_the_form_and_replays(store, tmp_path: Path) -> None:
    with serve("form") as site:
        task = Task(text=f"Fill in the contact form at {site.url} for Grace Hopper and send it.",
                    environment="browser", allow_hosts=declared(site))
        run = run_task(task, model=ScriptedModel(form_script(site.url)), store=store)
        assert run.status is RunStatus.succeeded, run.error
        sandbox = run.meta["sandbox"]  # recorded: where Chromium ran and what it could reach
        assert sandbox["isolation"] == "bwrap" and sandbox["network"] == "none"
        assert sandbox["reachable"] == declared(site)[0]
        assert site.received == [{"name": "Grace Hopper", "email": "grace@example.org", "plan": "pro",
                                  "message": "", "subscribe": False}]
    steps = store.steps(run.id)
    assert [s.action.kind for s in steps] == [a["kind"] for a in form_script("x")]
    assert "Thank you, Grace Hopper" in steps[5].observation.output
    frames = store.artifacts(run.id, name="screenshot")
    assert sorted(f["step"] for f in frames) == [1, 2, 3, 4, 5, 6]  # one frame per executed action

    replay = render(store, run.id, tmp_path / "replay", seconds_per_step=0.5)
    assert replay.frames == 6 and replay.steps == 7
    assert 3.0 <= _video_seconds(replay.video) <= 4.5  # 7 steps x 0.5 s
    with Image.open(replay.contact_sheet) as sheet:
        assert sheet.format == "PNG" and sheet.width >= 1200 and sheet.height >= 300


def test_guard_denial_shows_in_the_replay_caption(store, tmp_path: Path) -> None:
    from macrohard.replay import verdict_text
    from macrohard.safety.guard import Guard
    from macrohard.types import Decision, Verdict

    def no_buttons(action, ctx):  # a policy check of our own: clicking e14 is refused
        if getattr(action, "element", None) == "e14":
            return Verdict(decision=Decision.deny, reason="no sending today", check="test-policy")
        return None

    with serve("form") as site:
        task = Task(text="send the form", environment="browser", allow_hosts=declared(site))
        run = run_task(task, model=ScriptedModel(form_script(site.url)), store=store,
                       guard=Guard(checks=[no_buttons]))
        assert site.received == []  # the denied click never reached the page
    steps = store.steps(run.id)
    denied = steps[5]
    assert denied.verdict.decision is Decision.deny and denied.observation.error
    assert verdict_text(denied) == ("DENY (test-policy): no sending today", "deny")
    replay = render(store, run.id, tmp_path / "r")
    assert replay.steps == 7 and replay.frames == 5
    assert replay.key_steps == [1, 2, 3, 4, 5, 6, 7]  # each typed field changes the page; 6 is the denial


def test_scripted_desktop_run_operates_xterm(store, workspace: Path, tmp_path: Path) -> None:
    script = [
        {"kind": "desktop_launch", "command": "xterm -geometry 80x24+0+0", "wait": 20},
        {"kind": "desktop_click", "x": 200, "y": 150},
        {"kind": "desktop_type", "text": "date +%Y > year.txt\n"},
        {"kind": "desktop_screenshot"},
        {"kind": "finish", "answer": "wrote year.txt from xterm"},
    ]
    task = Task(text="In a terminal window, write the current year into year.txt.", environment="desktop",
                workspace=str(workspace))
    run = run_task(task, model=ScriptedModel(script), store=store)
    assert run.status is RunStatus.succeeded, run.error
    deadline = time.monotonic() + 15
    while not (workspace / "year.txt").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (workspace / "year.txt").read_text().strip() == time.strftime("%Y")
    steps = store.steps(run.id)
    assert '"xterm" (XTerm)' in steps[0].observation.output
    assert run.meta["isolation"] == "bwrap" and run.meta["sandbox"]["network"] == "none"  # as it ran, recorded
    replay = render(store, run.id, tmp_path / "desk")
    assert replay.frames == 4
    assert Image.open(io.BytesIO(Path(replay.contact_sheet).read_bytes())).format == "PNG"


def test_cli_replay(tmp_path: Path) -> None:
    from macrohard.cli import app

    store = SQLiteStore()  # the default store under MACROHARD_HOME, which the CLI opens too
    with serve("login") as site:
        script = [{"kind": "browser_goto", "url": site.url}, {"kind": "browser_type", "element": "e5", "text": "alice"}]
        run = run_task(Task(text="open the login page", environment="browser", allow_hosts=declared(site)),
                       model=ScriptedModel(script), store=store)
    result = CliRunner().invoke(app, ["runs", "replay", run.id, "--out", str(tmp_path / "cli"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["frames"] == 2 and Path(data["video"]).stat().st_size > 1000
    assert Path(data["contact_sheet"]).exists()
    shell_run = run_task(Task(text="nothing"), model=ScriptedModel([]), store=store, isolation="none")
    result = CliRunner().invoke(app, ["runs", "replay", shell_run.id])
    assert result.exit_code != 0 and "no screenshots" in str(result.exception)
