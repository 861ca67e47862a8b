"""The microphone and speaker through PortAudio (the `sounddevice` package), with barge-in.

``open_mic()`` raises a ``MissingDependency`` that names the file options when there is no PortAudio or no
input device. While an answer plays, the microphone keeps listening: speech (the ``Endpointer`` seeing
``BARGE_IN_MS`` of it) stops the playback at once, and what was said starts the next utterance.
"""

from __future__ import annotations

import queue
import threading
import time
from typing import Any

import numpy as np

from macrohard.errors import MissingDependency
from macrohard.voice.audio import MAX_SECONDS, RATE
from macrohard.voice.tts import Speech
from macrohard.voice.vad import FRAME_MS, Endpointer

FILE_OPTIONS = ("use recordings instead: macrohard chat --voice --audio-in question.wav --audio-out answers/ "
                "(record one with `macrohard say \"...\" -o question.wav` or any recorder)")
BARGE_IN_MS = 240  # this much speech while an answer plays stops it
WAIT_FOR_SPEECH_S = 30.0  # no speech for this long ends listening (the person said nothing)


def open_mic() -> Any:
    """The sounddevice module, with an input device checked; a clear error when there is none."""
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:
        raise MissingDependency(f"no sound system: {exc} (apt-get install libportaudio2); {FILE_OPTIONS}") from exc
    try:
        sd.query_devices(kind="input")
    except Exception as exc:  # sounddevice raises PortAudioError or ValueError when there is no device
        raise MissingDependency(f"no microphone found ({exc}); {FILE_OPTIONS}") from exc
    return sd


class MicAudio:
    """Utterances from the default microphone (ended by the ``Endpointer``), clauses to the default speaker."""

    def __init__(self, *, hangover_ms: int = 300) -> None:
        self.sd = open_mic()
        self.hangover_ms = hangover_ms
        self._frames: queue.Queue[np.ndarray] = queue.Queue()
        self._playing = threading.Event()
        self._barged = threading.Event()
        self._play_queue: queue.Queue[Speech | None] = queue.Queue()
        self._stream = self.sd.InputStream(samplerate=RATE, channels=1, dtype="int16",
                                           blocksize=RATE * FRAME_MS // 1000, callback=self._on_audio)
        self._stream.start()
        self._player = threading.Thread(target=self._play_loop, name="macrohard-voice-player", daemon=True)
        self._player.start()
        self._carry: list[np.ndarray] = []  # speech heard during playback (barge-in) starts the next utterance

    def _on_audio(self, indata: Any, _frames: int, _time: Any, _status: Any) -> None:
        self._frames.put(indata[:, 0].copy())

    def next_utterance(self) -> np.ndarray | None:
        self.finish_turn()
        endpointer = Endpointer(RATE, hangover_ms=self.hangover_ms)
        heard: list[np.ndarray] = list(self._carry)
        self._carry = []
        for chunk in heard:
            endpointer.feed(chunk)
        started_waiting = time.monotonic()
        while True:
            try:
                chunk = self._frames.get(timeout=0.5)
            except queue.Empty:
                chunk = None
            if chunk is not None:
                heard.append(chunk)
                if endpointer.feed(chunk):
                    pcm = np.concatenate(heard)
                    return pcm[: endpointer.end_sample() + RATE // 10]
                if not endpointer.started and len(heard) > 20:
                    heard = heard[-20:]  # keep only the last 0.6 s of silence before speech
            if not endpointer.started and time.monotonic() - started_waiting > WAIT_FOR_SPEECH_S:
                return None
            if sum(len(c) for c in heard) > MAX_SECONDS * RATE:
                return np.concatenate(heard)

    def play(self, speech: Speech) -> None:
        self._play_queue.put(speech)

    def finish_turn(self) -> None:
        self._play_queue.join()

    def _play_loop(self) -> None:
        while True:
            speech = self._play_queue.get()
            try:
                if speech is not None and not self._barged.is_set():
                    self._play_one(speech)
            finally:
                self._play_queue.task_done()
                if self._play_queue.unfinished_tasks == 0:
                    self._barged.clear()

    def _play_one(self, speech: Speech) -> None:
        """Play a clause while listening; the person speaking stops it (barge-in)."""
        self.sd.play(speech.pcm, speech.rate)
        endpointer = Endpointer(RATE, hangover_ms=10_000)
        needed = max(1, BARGE_IN_MS // FRAME_MS)
        deadline = time.monotonic() + speech.seconds + 0.2
        while time.monotonic() < deadline:
            try:
                chunk = self._frames.get(timeout=0.05)
            except queue.Empty:
                continue
            endpointer.feed(chunk)
            self._carry.append(chunk)
            self._carry = self._carry[-60:]
            if endpointer.speech_frames >= needed:
                self.sd.stop()
                self._barged.set()  # the rest of this answer is not played
                return
        self._carry = []

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()
