"""Describing videos the tests make: segments at the right times with the right text, and bad input."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tests.imagine.conftest import slideshow

from macrohard.errors import MissingDependency, NotFound
from macrohard.imagine.describe import describe_video
from macrohard.imagine.frames import BadVideo
from macrohard.imagine.page import write_page

TEXTS = ["Welcome to the shop", "Error: payment declined", "Proceed with the order?"]


def test_slideshow_cuts_at_each_card_and_reads_its_text(tmp_path: Path) -> None:
    video = slideshow(tmp_path / "v", TEXTS)
    t = describe_video(video, tmp_path / "out")
    assert [(s.start, s.end) for s in t.segments] == [(0.0, 2.0), (2.0, 4.0), (4.0, 6.0)]
    for seg, text in zip(t.segments, TEXTS, strict=True):
        assert [x.text for x in seg.text] == [text]
        x, y, w, h = seg.text[0].box
        assert 30 <= x <= 50 and 150 <= y <= 175 and w > 200  # where the card drew it
        assert text in seg.caption and (tmp_path / "out" / seg.frame).is_file()
    assert t.segments[1].changed is not None  # the cut says what changed
    saved = json.loads((tmp_path / "out" / "timeline.json").read_text())
    assert saved["segments"][2]["text"][0]["text"] == TEXTS[2]
    page = write_page(t, tmp_path / "out").read_text()
    assert "Error: payment declined" in page and "frames/0001.jpg" in page


def test_missing_empty_and_corrupt_files(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no video at"):
        describe_video(tmp_path / "nope.mp4", tmp_path / "o")
    (tmp_path / "empty.mp4").write_bytes(b"")
    with pytest.raises(BadVideo, match="empty"):
        describe_video(tmp_path / "empty.mp4", tmp_path / "o")
    (tmp_path / "junk.mp4").write_bytes(b"\x00\x01garbage" * 500)
    with pytest.raises(BadVideo, match="corrupt or not a video"):
        describe_video(tmp_path / "junk.mp4", tmp_path / "o")


def test_truncated_video(tmp_path: Path) -> None:
    whole = slideshow(tmp_path / "v", TEXTS)  # the index (moov) at the end: cut, it is gone
    data = whole.read_bytes()
    (tmp_path / "cut.mp4").write_bytes(data[: len(data) // 2])
    with pytest.raises(BadVideo, match="truncated"):
        describe_video(tmp_path / "cut.mp4", tmp_path / "o")
    fast = slideshow(tmp_path / "f", TEXTS, name="fast.mp4", extra=["-movflags", "+faststart"])
    data = fast.read_bytes()  # the index first: what was written before the cut still decodes
    (tmp_path / "cutfast.mp4").write_bytes(data[: len(data) // 2])
    t = describe_video(tmp_path / "cutfast.mp4", tmp_path / "o2")
    assert t.segments and any("truncated" in w for w in t.warnings), t.warnings


def test_audio_only_and_unknown_codec(tmp_path: Path) -> None:
    audio = tmp_path / "a.m4a"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=1", str(audio)], check=True)
    with pytest.raises(BadVideo, match="no video stream \\(audio only\\)"):
        describe_video(audio, tmp_path / "o")
    video = slideshow(tmp_path / "v", TEXTS[:1])
    avi = tmp_path / "v.avi"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-c", "copy", str(avi)], check=True)
    odd = tmp_path / "odd.avi"  # the same H.264 under a four-character code nobody knows
    odd.write_bytes(avi.read_bytes().replace(b"H264", b"ZZZZ").replace(b"h264", b"ZZZZ").replace(b"avc1", b"ZZZZ"))
    with pytest.raises(BadVideo, match="codec ffmpeg does not know .*re-encode"):
        describe_video(odd, tmp_path / "o")


def test_two_hour_video_is_sampled_within_the_bound_with_progress(tmp_path: Path) -> None:
    long = tmp_path / "long.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=c=white:s=64x48:r=1:d=7200",
                    "-c:v", "libx264", "-preset", "ultrafast", "-g", "600", str(long)], check=True, timeout=300)
    seen: list[float] = []
    t = describe_video(long, tmp_path / "o", max_frames=240, progress=lambda at, total: seen.append(at))
    assert t.frames_analysed <= 240 and t.sampled_fps == pytest.approx(240 / 7200, rel=0.01)
    assert seen[-1] > 6000 and any("long video" in w for w in t.warnings)


def test_cli_describe_writes_timeline_page_and_index(tmp_path: Path, monkeypatch) -> None:
    from typer.testing import CliRunner

    from macrohard.cli import app

    monkeypatch.setenv("MACROHARD_HOME", str(tmp_path / "home"))
    video = slideshow(tmp_path / "v", TEXTS)
    result = CliRunner().invoke(app, ["imagine", "describe", str(video), "--out", str(tmp_path / "o"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["segments"][1]["text"][0]["text"] == TEXTS[1]
    assert (tmp_path / "o" / "index.html").is_file()
    found = CliRunner().invoke(app, ["imagine", "search", "payment declined", "--json"])
    hits = json.loads(found.output)
    assert hits[0]["source"] == str(video.resolve()) and hits[0]["start"] == 2.0


def test_every_installed_tesseract_reads_the_card_with_its_box() -> None:
    import numpy as np
    from tests.imagine.conftest import card

    from macrohard.imagine.ocr import Tesseract, TesseractAPI

    img = np.array(card("Error: payment declined"))
    engines = [Tesseract()]
    try:
        engines.append(TesseractAPI())  # the in-process engine, where tesserocr is installed
    except MissingDependency:
        pass
    for eng in engines:
        (line,) = eng.read(img)
        assert line.text == "Error: payment declined", eng.name
        assert 30 <= line.box[0] <= 50 and 150 <= line.box[1] <= 175 and line.box[2] > 300
