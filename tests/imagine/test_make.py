"""Made videos checked with ffprobe: duration, frame count, audio track, subtitles; bad scripts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from tests.imagine.conftest import card, ffprobe, slideshow

from macrohard.imagine.frames import BadVideo, frame_at
from macrohard.imagine.make import make, narrator
from macrohard.imagine.ocr import engine
from macrohard.imagine.script import BadScript, load_script

SCRIPT = """
size: [640, 360]
fps: 10
scenes:
  - title: "Quarterly report"
    subtitle: "made by a test"
    narration: "The report."  # short enough for any voice to fit in 2 s (a longer one lengthens its scene)
    duration: 2
  - image: shot.png
    zoom: [0, 100, 320, 180]
    text: "The total"
    duration: 1.5
  - video: rec.mp4
    start: 2
    end: 4.5
    text: "Payment step"
"""


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    card("Total 1234", (640, 360)).save(tmp_path / "shot.png")
    slideshow(tmp_path / "v", ["Welcome to the shop", "Error: payment declined", "Proceed with the order?"])
    (tmp_path / "v" / "v.mp4").rename(tmp_path / "rec.mp4")
    (tmp_path / "s.yaml").write_text(SCRIPT)
    return tmp_path


def test_made_video_has_duration_frames_audio_and_subtitles(assets: Path) -> None:
    made = make(load_script(assets / "s.yaml"), assets / "out.mp4")
    info = ffprobe(assets / "out.mp4")
    streams = {s["codec_type"]: s for s in info["streams"]}
    assert set(streams) == {"video", "audio", "subtitle"}
    assert float(info["format"]["duration"]) == pytest.approx(6.0, abs=0.1)  # 2 + 1.5 + 2.5
    assert int(streams["video"]["nb_read_frames"]) == 60 and streams["video"]["codec_name"] == "h264"
    assert (streams["video"]["width"], streams["video"]["height"]) == (640, 360)
    assert streams["audio"]["codec_name"] == "aac" and streams["subtitle"]["codec_name"] == "mov_text"
    assert int(streams["subtitle"]["nb_read_frames"]) == 3
    vtt = Path(made.subtitles).read_text()
    assert vtt.startswith("WEBVTT") and "00:00:02.000 --> 00:00:03.500\nThe total" in vtt
    assert "00:00:03.500 --> 00:00:06.000\nPayment step" in vtt
    if narrator()[0] is None:
        assert made.narration.startswith("silent: macrohard.voice")
    # what is on screen: the title card, the zoomed screenshot (text twice as large), the segment from 2 s (its cut at 4 s)
    ocr = engine("tesseract")
    read = [" ".join(b.text for b in ocr.read(frame_at(made.video, t, (640, 360)))) for t in (1.0, 2.7, 4.6, 5.7)]
    assert "Quarterly report" in read[0]
    assert "Total 1234" in read[1] and "The total" in read[1]
    assert "payment declined" in read[2] and "Proceed with the order?" in read[3] and "Payment step" in read[3]
    zoomed = next(b for b in ocr.read(frame_at(made.video, 2.7, (640, 360))) if "1234" in b.text)
    assert zoomed.box[3] >= 40  # 28 px text filling a frame twice its region's size


def test_narration_is_spoken_where_text_to_speech_is_installed(assets: Path) -> None:
    pytest.importorskip("macrohard.voice.tts")
    made = make(load_script(assets / "s.yaml"), assets / "out.mp4")
    assert made.narration == "spoken"
    level = subprocess.run(["ffmpeg", "-v", "info", "-t", "2", "-i", made.video, "-af", "volumedetect", "-f", "null", "-"],
                           capture_output=True, text=True).stderr
    assert float(level.split("max_volume:")[1].split("dB")[0]) > -40


def test_a_narration_longer_than_its_scene_lengthens_the_scene(tmp_path: Path) -> None:
    pytest.importorskip("macrohard.voice.tts")
    (tmp_path / "s.yaml").write_text('size: [320, 180]\nfps: 10\nscenes:\n  - title: "Long"\n    duration: 1\n'
                                     '    narration: "This sentence takes far longer than one second to say aloud."\n')
    made = make(load_script(tmp_path / "s.yaml"), tmp_path / "out.mp4")
    assert made.narration == "spoken" and made.duration > 2.0
    vtt = Path(made.subtitles).read_text()
    assert "00:00:00.000 --> 00:00:01.000" not in vtt  # the cue spans the lengthened scene, not the scripted second


def test_missing_assets_are_all_named(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCRIPT)
    with pytest.raises(BadScript) as err:
        load_script(tmp_path / "s.yaml")
    assert "scene 2 image 'shot.png'" in str(err.value) and "scene 3 video 'rec.mp4'" in str(err.value)
    assert not (tmp_path / "s.mp4").exists()


def test_bad_scripts(tmp_path: Path) -> None:
    (tmp_path / "two.yaml").write_text("scenes:\n  - title: a\n    image: b.png\n")
    with pytest.raises(BadScript, match=r"two.yaml:2: scenes.0: .*exactly one of title, image or video"):
        load_script(tmp_path / "two.yaml")
    (tmp_path / "none.yaml").write_text("title: nothing\n")
    with pytest.raises(BadScript, match="scenes"):
        load_script(tmp_path / "none.yaml")
    with pytest.raises(BadScript, match="no script at"):
        load_script(tmp_path / "absent.yaml")
    Image.fromarray(np.zeros((10, 10, 3), np.uint8)).save(tmp_path / "x.png")
    (tmp_path / "odd.yaml").write_text("size: [641, 360]\nscenes:\n  - image: x.png\n")
    with pytest.raises(BadScript, match="even"):
        load_script(tmp_path / "odd.yaml")


def test_corrupt_recording_in_a_script(tmp_path: Path) -> None:
    (tmp_path / "rec.mp4").write_bytes(b"not a video at all" * 100)
    (tmp_path / "s.yaml").write_text("scenes:\n  - video: rec.mp4\n    end: 2\n")
    with pytest.raises(BadVideo, match="corrupt or not a video"):
        make(load_script(tmp_path / "s.yaml"), tmp_path / "s.mp4")
    assert not (tmp_path / "s.mp4").exists()


def test_cli_make_json(assets: Path) -> None:
    from typer.testing import CliRunner

    from macrohard.cli import app

    result = CliRunner().invoke(app, ["imagine", "make", str(assets / "s.yaml"), "--silent", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["video"] == str(assets / "s.mp4") and out["narration"] == "silent: narration turned off"
