"""Describe the replay of a known browser run (the contact form), then find it with search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.computer.test_runs import declared, form_script
from typer.testing import CliRunner

from macrohard.errors import UserError
from macrohard.imagine import index
from macrohard.imagine.describe import SECONDS_PER_STEP, describe_run
from macrohard.runner import run_task
from macrohard.sites import serve
from macrohard.testing import ScriptedModel
from macrohard.types import RunStatus, Task

pytestmark = pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium (bash install.sh)")


@pytest.fixture(scope="module")
def form_run(tmp_path_factory):
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path_factory.mktemp("home")
    store = SQLiteStore(home / "runs.db")
    with serve("form") as site:
        task = Task(text=f"Fill in the contact form at {site.url} for Grace Hopper and send it.",
                    environment="browser", allow_hosts=declared(site))
        run = run_task(task, model=ScriptedModel(form_script(site.url)), store=store)
    assert run.status is RunStatus.succeeded, run.error
    timeline = describe_run(store, run.id, home / "imagine")
    index.add(store, timeline, home / "imagine")
    yield home, store, run, timeline
    store.close()


def _first(timeline, needle: str):
    return next(s for s in timeline.segments if any(needle in t.text for t in s.text))


def test_typed_values_and_titles_appear_when_they_were_typed(form_run) -> None:
    _, _, run, t = form_run
    s = SECONDS_PER_STEP
    assert t.run_id == run.id and t.source == f"run:{run.id}"
    # step 2 typed the name (shown from 1·s), step 3 the email (from 2·s); nothing showed them before
    name, email = _first(t, "Grace Hopper"), _first(t, "grace@example.org")
    assert name.start == pytest.approx(1 * s, abs=0.51) and email.start == pytest.approx(2 * s, abs=0.51)
    assert [x.index for x in name.steps] == [2] and "Grace Hopper" in name.caption
    # titles: the form page until the click on Send (step 6), the thank-you page after it
    assert _first(t, "Contact us").start < s and _first(t, "Thank you").start == pytest.approx(5 * s, abs=0.51)
    assert name.steps[0].title == "Contact us" and "Contact us" in name.caption
    thanks = [x for seg in t.segments for x in seg.steps if x.title == "Thank you"]
    assert thanks and thanks[0].index == 6


def test_search_finds_the_run_time_and_frame(form_run) -> None:
    home, store, run, t = form_run
    hits = index.search(store, "Grace Hopper")
    assert hits and hits[0].run_id == run.id and Path(hits[0].frame).is_file()
    assert min(h.start for h in hits) == pytest.approx(_first(t, "Grace Hopper").start)
    thank = index.search(store, "thank you")
    assert thank and min(h.start for h in thank) == pytest.approx(5 * SECONDS_PER_STEP, abs=0.51)
    assert index.search(store, "zebra quantum") == []
    assert index.search(store, 'grace" OR (') != []  # FTS5 syntax in a query is quoted away


def test_cli_search_json_and_table(form_run, monkeypatch) -> None:
    from macrohard.cli import app

    home, _, run, _ = form_run
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    result = CliRunner().invoke(app, ["imagine", "search", "grace@example.org", "--json"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.output)
    assert hits[0]["run_id"] == run.id
    assert min(h["start"] for h in hits) == pytest.approx(2 * SECONDS_PER_STEP, abs=0.51)
    table = CliRunner().invoke(app, ["imagine", "search", "grace@example.org"])
    assert table.exit_code == 0 and run.id[:8] in table.output
    bad = CliRunner().invoke(app, ["imagine", "search", "!!!"])
    assert isinstance(bad.exception, UserError) and "give one or more words" in str(bad.exception)


def test_highlights_of_the_run(form_run, tmp_path: Path) -> None:
    from tests.imagine.conftest import ffprobe

    from macrohard.imagine.highlights import highlights

    _, store, run, _ = form_run
    made = highlights(store, run.id, tmp_path / "h.mp4", narrate=False)  # narration: test_make.py
    info = ffprobe(Path(made.video))
    kinds = sorted(s["codec_type"] for s in info["streams"])
    assert kinds == ["audio", "subtitle", "video"]
    assert made.scenes >= 4 and float(info["format"]["duration"]) >= 2.5 + 2 * (made.scenes - 2)
    vtt = Path(made.subtitles).read_text()
    assert "Step 2: browser type" in vtt and "Grace Hopper" in vtt and "The run succeeded" in vtt
    assert any(a["name"] == "highlights" for a in store.artifacts(run.id))


def test_cli_runs_highlights(form_run, monkeypatch) -> None:
    from macrohard.cli import app

    home, _, run, _ = form_run
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    result = CliRunner().invoke(app, ["runs", "highlights", run.id, "--silent", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["video"] == str(home / "imagine" / run.id / "highlights.mp4") and Path(out["video"]).is_file()
