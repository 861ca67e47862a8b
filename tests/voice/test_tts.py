"""Text to speech with the real engines: a WAV that a recogniser understands, clause-by-clause streaming, and
the errors for empty text, an unknown engine and a machine with no engine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import wave
from pathlib import Path

import numpy as np
import pytest

from macrohard.errors import MissingDependency, UserError
from macrohard.voice import audio, stt, tts, wer

ENGINES = tts.available()


@pytest.mark.parametrize("engine", ENGINES)
def test_synthesize_writes_a_wav_that_is_understood(engine, tmp_path):
    out = tts.synthesize("Please open the window. It is warm in here.", tmp_path / "deep" / "out.wav", engine=engine)
    assert out == tmp_path / "deep" / "out.wav"
    with wave.open(str(out), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2) and w.getframerate() >= 16_000
        seconds = w.getnframes() / w.getframerate()
    assert 1.5 < seconds < 8, seconds
    pcm = audio.read_pcm(out)
    assert np.abs(pcm).max() > 3_000  # not silence
    heard = stt.transcribe(out)
    assert wer.wer([("please open the window it is warm in here", heard.text)]) <= 0.34, heard.text


def test_espeak_is_always_there_as_the_fallback():
    assert "espeak" in ENGINES, "espeak-ng is installed by install.sh: apt-get install espeak-ng"


def test_clauses_come_out_as_an_answer_streams_in():
    answer = ("I created the file notes.txt in your workspace, and I checked that it exists. It holds three lines; "
              "the first is a title. Anything else?")
    splitter = tts.ClauseSplitter()
    got, first_at = [], None
    for i, token in enumerate(answer.split(" ")):
        for clause in splitter.feed(token + " "):
            got.append(clause)
            first_at = first_at if first_at is not None else i
    got += splitter.flush()
    assert got == tts.clauses(answer)
    assert got[0] == "I created the file notes.txt in your workspace, and I checked that it exists."
    assert first_at == answer.split(" ").index("exists.")  # out as soon as its last word came, not at the end
    assert "".join(got).replace(" ", "") == answer.replace(" ", "")  # nothing lost or doubled
    long = "word " * 120  # no punctuation at all: still cut, at spaces, into pieces a voice can say
    assert all(len(c) <= tts.MAX_CLAUSE for c in tts.clauses(long)) and " ".join(tts.clauses(long)) == long.strip()


def test_stream_yields_the_first_clause_before_the_rest_is_spoken():
    text = "The first sentence is short enough. " + "Then a much longer one follows, and it goes on for a while. " * 5
    parts = tts.stream(text)
    first = next(parts)
    assert first.text == "The first sentence is short enough." and first.seconds > 0.5
    assert len(list(parts)) == 5


def test_bad_input_names_the_fix(tmp_path, monkeypatch):
    with pytest.raises(UserError, match="nothing to say"):
        tts.synthesize("   ", tmp_path / "x.wav")
    with pytest.raises(UserError, match="choose one of piper, espeak"):
        tts.synthesize("hello", tmp_path / "x.wav", engine="festival")
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on the PATH
    monkeypatch.setattr(tts, "_piper_installed", lambda: False)  # and no piper
    with pytest.raises(MissingDependency, match="apt-get install espeak-ng"):
        tts.synthesize("hello", tmp_path / "x.wav")
    assert not (tmp_path / "x.wav").exists()


def test_say_cli_writes_the_file(tmp_path):
    out = tmp_path / "hello.wav"
    env = {**os.environ, "MACROHARD_TTS": "espeak"}
    res = subprocess.run([sys.executable, "-m", "macrohard", "say", "Hello from macrohard.", "-o", str(out), "--json"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    info = json.loads(res.stdout)
    assert info["file"] == str(out) and info["engine"] == "espeak" and info["seconds"] > 0.5
    assert out.stat().st_size > 10_000
    res = subprocess.run([sys.executable, "-m", "macrohard", "say", "", "-o", str(tmp_path / "e.wav")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert res.returncode == 2 and "nothing to say" in res.stderr


def _kill_child(name: str, found: list[int], stop: threading.Event) -> None:
    """Kill (SIGKILL, by pid) the first child of this process named ``name`` as soon as it runs: what a person's
    `kill -9`, or the out-of-memory killer, does to the engine mid-speech."""
    while not stop.is_set():
        for children in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
            try:
                pids = [int(p) for p in children.read_text().split()]
            except OSError:
                continue
            for pid in pids:
                try:
                    comm = Path(f"/proc/{pid}/comm").read_text().strip()
                except OSError:
                    continue
                if comm == name:
                    os.kill(pid, signal.SIGKILL)
                    found.append(pid)
                    return
        stop.wait(0.002)


def test_an_espeak_killed_mid_speech_is_said_killed_not_a_broken_install():
    """rel63: espeak-ng killed (SIGKILL) while it speaks a long clause. Before: "espeak-ng failed (); reinstall it:
    apt-get install --reinstall espeak-ng" — a reinstall of an engine that works. Now the error says it was killed by
    a signal from outside (a person's kill, the out-of-memory killer: where to look) and that trying again is the fix."""
    found: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_child, args=("espeak-ng", found, stop), daemon=True)
    killer.start()
    try:
        with pytest.raises(UserError) as said:
            tts.speak("the quick brown fox jumps over the lazy dog " * 110, engine="espeak")
    finally:
        stop.set()
        killer.join(10)
    assert found, "espeak-ng never ran"
    text = str(said.value)
    assert not isinstance(said.value, MissingDependency) and "reinstall" not in text, text  # before: both
    assert "killed by SIGKILL" in text and "dmesg" in text and "try again" in text, text


def test_an_ffmpeg_killed_mid_decode_is_said_killed_not_a_bad_file(tmp_path):
    """rel63: ffmpeg killed (SIGKILL) while it converts a recording (100 s of 48 kHz 32-bit float audio, which it
    converts). Before: "the recording is not audio that can be read (no audio stream)" and how to record a WAV, of a
    good file. Now: ffmpeg was killed from outside, where to look, try again."""
    rate, seconds = 48_000, 100
    samples = (0.3 * np.sin(np.arange(rate * seconds) * 2 * np.pi * 440 / rate)).astype("<f4")
    header = b"RIFF" + (36 + samples.nbytes).to_bytes(4, "little") + b"WAVEfmt " + (16).to_bytes(4, "little") \
        + (3).to_bytes(2, "little") + (1).to_bytes(2, "little") + rate.to_bytes(4, "little") \
        + (rate * 4).to_bytes(4, "little") + (4).to_bytes(2, "little") + (32).to_bytes(2, "little") \
        + b"data" + samples.nbytes.to_bytes(4, "little")
    found: list[int] = []
    stop = threading.Event()
    killer = threading.Thread(target=_kill_child, args=("ffmpeg", found, stop), daemon=True)
    killer.start()
    try:
        with pytest.raises(UserError) as said:
            audio.read_pcm(header + samples.tobytes())
    finally:
        stop.set()
        killer.join(10)
    assert found, "ffmpeg never ran"
    text = str(said.value)
    assert "not audio that can be read" not in text and "killed by SIGKILL" in text and "try again" in text, text
