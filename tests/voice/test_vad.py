"""The end of an utterance, found in a live stream: after the speech, within the hangover, never during a pause
between words; steady noise is not speech."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from macrohard.voice import audio
from macrohard.voice.vad import FRAME_MS, Endpointer, speech_span

DATA = Path(__file__).parent / "data"
FRAME = audio.RATE * FRAME_MS // 1000


def feed_until_end(pcm: np.ndarray, hangover_ms: int) -> int | None:
    ep = Endpointer(audio.RATE, hangover_ms=hangover_ms)
    for i in range(0, len(pcm), FRAME):
        if ep.feed(pcm[i:i + FRAME]):
            return i + FRAME
    return None


def test_the_end_is_found_just_after_the_speech_in_quiet_and_in_hiss():
    speech = audio.read_pcm(DATA / "notes.wav")
    start, end = speech_span(speech, audio.RATE)
    assert 0 <= start < audio.RATE // 2 and end > start + audio.RATE
    rng = np.random.default_rng(1)
    for background in (0, 150):  # silence, then a steady hiss about 30 dB under the speech
        lead = (rng.normal(0, background, audio.RATE) if background else np.zeros(audio.RATE)).astype(np.int16)
        tail = (rng.normal(0, background, 2 * audio.RATE) if background else np.zeros(2 * audio.RATE)).astype(np.int16)
        stream = np.concatenate([lead, np.clip(speech + rng.normal(0, background, len(speech)), -32768, 32767)
                                 .astype(np.int16), tail])
        fired = feed_until_end(stream, hangover_ms=300)
        assert fired is not None
        after = (fired - (len(lead) + end)) / audio.RATE
        assert 0.25 <= after <= 0.45, (background, after)  # the hangover, give or take a frame


def test_a_pause_shorter_than_the_hangover_does_not_end_the_utterance():
    whole = audio.read_pcm(DATA / "kitchen.wav")
    start, end = speech_span(whole, audio.RATE)
    speech = whole[start:end]  # the words alone, without the recording's own quiet at either end
    pause = np.zeros(audio.RATE // 5, dtype=np.int16)  # 200 ms between two phrases
    stream = np.concatenate([speech, pause, speech, np.zeros(audio.RATE, dtype=np.int16)])
    fired = feed_until_end(stream, hangover_ms=400)
    assert fired is not None and fired > 2 * len(speech)


def test_noise_alone_never_starts_an_utterance():
    rng = np.random.default_rng(2)
    hiss = rng.normal(0, 4000, 5 * audio.RATE).astype(np.int16)
    assert feed_until_end(hiss, hangover_ms=300) is None and speech_span(hiss, audio.RATE) is None
