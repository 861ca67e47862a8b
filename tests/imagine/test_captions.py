"""Captions by a model from each segment's structure: a local OpenAI-compatible server on loopback
stands in for a configured model; a caption that fails or times out falls back and says so."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from tests.imagine.conftest import slideshow
from typer.testing import CliRunner

from macrohard.errors import UserError
from macrohard.imagine.captions import captioner, clean, facts
from macrohard.imagine.describe import describe_video
from macrohard.imagine.page import write_page
from macrohard.testing import FakeOpenAIServer

TEXTS = ["Welcome to the shop", "Error: payment declined", "Proceed with the order?"]


def _writer(body: dict[str, Any]) -> Any:
    """A model that captions from what it was given, and breaks on two of the three segments."""
    prompt = body["messages"][-1]["content"]
    if "payment declined" in prompt:
        return "hang"  # never answers: the deadline ends the wait
    if "Proceed" in prompt:
        return 500  # fails (retried within the deadline, then given up)
    seen = prompt.split("Text on screen:\n- ", 1)[1].splitlines()[0]
    return {"text": f'Caption: "The shop greets the visitor with {seen}."\nextra line'}


def test_model_captions_with_fallback_per_segment(tmp_path: Path) -> None:
    video = slideshow(tmp_path / "v", TEXTS)
    with FakeOpenAIServer([_writer] * 8) as server:
        writer = captioner("model", f"{server.url}#captioner", deadline=2.0)
        assert writer is not None
        started = time.monotonic()
        t = describe_video(video, tmp_path / "out", captioner=writer)
        took = time.monotonic() - started
        prompts = [r["messages"][-1]["content"] for r in server.requests]
    assert t.captioner == f"model:{server.url}#captioner"
    first, hung, failed = t.segments
    # the model's sentence, cleaned (no prefix, quotes, second line), from the structure it was given
    assert first.captioner.startswith("model:") and first.caption_note == ""
    assert first.caption == "0:00.0–0:02.0: The shop greets the visitor with Welcome to the shop."
    assert any("Time: 0:00.0 to 0:02.0" in p and "- Welcome to the shop" in p for p in prompts)
    # a hung model: the structural caption, and the segment says why
    assert hung.captioner == "structure" and "did not answer within 2s" in hung.caption_note
    assert "Error: payment declined" in hung.caption
    assert failed.captioner == "structure" and failed.caption_note.startswith("the model")
    assert took < 60  # bounded: two deadlines, not a hang (suite62: a hang bound, was 20; each note names its 2 s)
    # the facts stay in the timeline beside a model's caption
    assert [x.text for x in first.text] == [TEXTS[0]]
    assert any("2 of 3 captions fell back" in w for w in t.warnings)
    saved = json.loads((tmp_path / "out" / "timeline.json").read_text())
    assert [s["captioner"] for s in saved["segments"]] == [t.captioner, "structure", "structure"]
    page = write_page(t, tmp_path / "out").read_text()
    assert "did not answer within 2s" in page and "Welcome to the shop" in page


def test_facts_and_clean() -> None:
    from macrohard.imagine.describe import Segment, StepRef, Text

    seg = Segment(index=0, start=1.5, end=3.0, keyframe_time=2.0, frame="f.jpg",
                  text=[Text(text="Order #42 placed", box=(1, 2, 3, 4), confidence=0.9)],
                  steps=[StepRef(index=3, action='click "Buy"', verdict="allow", url="http://x/", title="Shop")])
    f = facts(seg)
    assert "Step 3: click \"Buy\" (guard: allow)" in f and "Page title: Shop" in f and "- Order #42 placed" in f
    assert clean("\n  Answer: 'A page.'  \nmore") == "A page."
    assert clean("") == "" and len(clean("word " * 200)) <= 241


def test_cli_captioner_model_and_bad_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from macrohard.cli import app

    monkeypatch.setenv("MACROHARD_HOME", str(tmp_path / "home"))
    video = slideshow(tmp_path / "v", TEXTS[:1])
    with FakeOpenAIServer([_writer] * 2) as server:
        result = CliRunner().invoke(app, ["imagine", "describe", str(video), "-o", str(tmp_path / "o"),
                                          "--captioner", "model", "--model", f"{server.url}#m", "--json"])
    assert result.exit_code == 0, result.output
    seg = json.loads(result.output)["segments"][0]
    assert seg["captioner"] == f"model:{server.url}#m" and "greets the visitor" in seg["caption"]
    bad = CliRunner().invoke(app, ["imagine", "describe", str(video), "--captioner", "banana"])
    assert bad.exit_code != 0 and "--captioner model or --captioner structure" in bad.output + str(bad.exception)
    stray = CliRunner().invoke(app, ["imagine", "describe", str(video), "--model", "local"])
    assert stray.exit_code != 0 and "--model is for --captioner model" in stray.output + str(stray.exception)
    with pytest.raises(UserError, match="positive"):
        captioner("model", "local", deadline=0)
    unknown = CliRunner().invoke(app, ["imagine", "describe", str(video), "--captioner", "model", "--model", "nosuch"])
    assert unknown.exit_code != 0 and "nosuch" in unknown.output + str(unknown.exception)


@pytest.mark.model
def test_the_embedded_model_captions_a_segment_offline(tmp_path: Path) -> None:
    """A small real smoke: SmolLM2 in-process (llama.cpp) writes the captions, within their deadline."""
    video = slideshow(tmp_path / "v", TEXTS[1:2])
    writer = captioner("model", "local:smollm2", deadline=60.0)
    t = describe_video(video, tmp_path / "out", captioner=writer)
    seg = t.segments[0]
    assert seg.captioner == "model:local:smollm2", seg.caption_note
    assert seg.caption.startswith("0:00.0–0:02.0: ") and len(seg.caption) > len("0:00.0–0:02.0: ") + 3
    assert [x.text for x in seg.text] == [TEXTS[1]]  # the facts stay beside the model's sentence
