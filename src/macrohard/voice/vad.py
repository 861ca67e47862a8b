"""Where speech is: an energy and spectral-flatness voice-activity detector over 30 ms frames.

A frame is speech when it is well above the recording's noise floor (and above an absolute floor) and its
spectrum is not flat (steady hiss and white noise are flat; voiced speech is not). ``Endpointer`` finds the
end of an utterance in a live stream: speech, then ``hangover_ms`` of non-speech.
"""

from __future__ import annotations

import numpy as np

FRAME_MS = 30
ABS_FLOOR_DB = -50.0  # dBFS: quieter than this is never speech
ABOVE_NOISE_DB = 9.0  # a speech frame stands this far above the noise floor
MAX_FLATNESS = 0.45  # spectral flatness (geometric / arithmetic mean power): white noise ~0.55+, speech ~0.1
MIN_SPEECH_MS = 150  # less speech than this in a whole recording is a click, not words


def frame_features(pcm: np.ndarray, rate: int) -> tuple[np.ndarray, np.ndarray]:
    """Per 30 ms frame: the level in dBFS and the spectral flatness."""
    n = rate * FRAME_MS // 1000
    count = len(pcm) // n
    if count == 0:
        return np.zeros(0), np.zeros(0)
    frames = pcm[: count * n].astype(np.float32).reshape(count, n) / 32768.0
    rms = np.sqrt(np.mean(frames**2, axis=1)) + 1e-9
    level = 20 * np.log10(rms)
    power = np.abs(np.fft.rfft(frames * np.hanning(n), axis=1)) ** 2 + 1e-12
    power = power[:, 1:]
    flatness = np.exp(np.mean(np.log(power), axis=1)) / np.mean(power, axis=1)
    return level, flatness


def speech_frames(pcm: np.ndarray, rate: int, *, noise_floor_db: float | None = None) -> np.ndarray:
    """A boolean per frame: is it speech."""
    level, flatness = frame_features(pcm, rate)
    if len(level) == 0:
        return np.zeros(0, dtype=bool)
    floor = noise_floor_db if noise_floor_db is not None else float(np.percentile(level, 10))
    return (level > max(ABS_FLOOR_DB, floor + ABOVE_NOISE_DB)) & (flatness < MAX_FLATNESS)


def speech_span(pcm: np.ndarray, rate: int) -> tuple[int, int] | None:
    """The first and last sample of speech in a recording, or None when it holds none (silence, steady noise)."""
    frames = speech_frames(pcm, rate)
    n = rate * FRAME_MS // 1000
    if frames.sum() * FRAME_MS < MIN_SPEECH_MS:
        return None
    idx = np.flatnonzero(frames)
    return int(idx[0] * n), int((idx[-1] + 1) * n)


class Endpointer:
    """Feed live audio; ``feed`` returns True once an utterance has ended (speech, then ``hangover_ms`` quiet).

    The noise floor is learnt from the quietest frames seen so far, starting from ``initial_floor_db``."""

    def __init__(self, rate: int, *, hangover_ms: int = 300, initial_floor_db: float = -60.0) -> None:
        self.rate, self.hangover = rate, max(1, hangover_ms // FRAME_MS)
        self._n = rate * FRAME_MS // 1000
        self._pending = np.zeros(0, dtype=np.int16)
        self._levels: list[float] = []
        self._floor = initial_floor_db
        self.speech_frames = 0
        self.quiet_run = 0
        self.frames = 0

    @property
    def started(self) -> bool:
        return self.speech_frames * FRAME_MS >= MIN_SPEECH_MS

    def end_sample(self) -> int:
        """The sample where the trailing quiet began (the end of speech)."""
        return (self.frames - self.quiet_run) * self._n

    def feed(self, pcm: np.ndarray) -> bool:
        self._pending = np.concatenate([self._pending, pcm.astype(np.int16)])
        usable = len(self._pending) // self._n * self._n
        chunk, self._pending = self._pending[:usable], self._pending[usable:]
        if usable == 0:
            return self.started and self.quiet_run >= self.hangover
        level, flatness = frame_features(chunk, self.rate)
        for lv, fl in zip(level, flatness, strict=True):
            self.frames += 1
            self._levels.append(float(lv))
            if len(self._levels) % 10 == 0:  # a slowly updated floor: the 10th percentile so far
                self._floor = float(np.percentile(self._levels[-1000:], 10))
            speech = lv > max(ABS_FLOOR_DB, self._floor + ABOVE_NOISE_DB) and fl < MAX_FLATNESS
            if speech:
                self.speech_frames += 1
                self.quiet_run = 0
            else:
                self.quiet_run += 1
            if self.started and self.quiet_run >= self.hangover:
                return True
        return False
