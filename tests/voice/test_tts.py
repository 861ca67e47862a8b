"""Text to speech with the real engines: a WAV that a recogniser understands, clause-by-clause streaming, and
the errors for empty text, an unknown engine and a machine with no engine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import wave

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
