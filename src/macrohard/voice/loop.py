"""The voice loop: what was said goes through the same chat engine as typed text (chat → delegate → guard),
the answer is spoken clause by clause as it streams, and the guard's questions are spoken and answered by voice.

Where the audio comes from and goes is an ``AudioIO``: ``FileAudio`` (recordings in, WAV files out, for
machines without sound and for tests) or ``voice.mic.MicAudio`` (PortAudio, with barge-in).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from macrohard.chat.events import ApprovalNeeded, ErrorEvent, MessageDone, TokenEvent
from macrohard.errors import BadAudio, UserError
from macrohard.voice import stt, tts
from macrohard.voice.audio import read_pcm, write_wav
from macrohard.voice.confirm import heard_yes, question

WITHHELD = "The guard's answer screen withheld this answer."


class AudioIO(Protocol):
    def next_utterance(self) -> np.ndarray | None:
        """The next thing the person says (int16 mono at 16 kHz), or None when there is no more."""

    def play(self, speech: tts.Speech) -> None:
        """Speak one clause (may return before it has been heard)."""

    def finish_turn(self) -> None:
        """The answer is complete: wait for it to be heard."""


@dataclass
class FileAudio:
    """Recordings in (one file per utterance, in order), each spoken clause written as a WAV into ``out_dir``
    with ``clauses.jsonl`` listing them (text, file, turn)."""

    inputs: list[Path]
    out_dir: Path
    turn: int = 0
    written: list[Path] = field(default_factory=list)
    _clause: int = 0

    def __post_init__(self) -> None:
        for path in self.inputs:
            if not Path(path).is_file():
                raise BadAudio(f"no such audio file: {path}; give recordings with --audio-in FILE.wav")
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self._queue = list(self.inputs)

    def next_utterance(self) -> np.ndarray | None:
        if not self._queue:
            return None
        self.turn += 1
        self._clause = 0
        return read_pcm(Path(self._queue.pop(0)))

    def play(self, speech: tts.Speech) -> None:
        self._clause += 1
        path = write_wav(self.out_dir / f"turn{self.turn:03d}-{self._clause:02d}.wav", speech.pcm, speech.rate)
        self.written.append(path)
        with (self.out_dir / "clauses.jsonl").open("a", encoding="utf-8") as f:
            f.write(json.dumps({"turn": self.turn, "clause": self._clause, "file": path.name, "text": speech.text,
                                "seconds": round(speech.seconds, 3)}) + "\n")

    def finish_turn(self) -> None:
        return None


@dataclass
class TurnReport:
    """One spoken turn: what was heard, what was answered, and when things happened (perf_counter seconds)."""

    heard: stt.Transcript | None = None
    answer: str = ""
    clauses: int = 0
    asked: int = 0
    times: dict[str, float] = field(default_factory=dict)


class VoiceChat:
    """Runs spoken turns of a ``Conversation`` over an ``AudioIO``. ``on_heard(transcript)`` and
    ``on_event(event)`` let a front end show the words heard and the turn's events as text."""

    def __init__(self, conversation: Any, io: AudioIO, *, stt_engine: str | None = None,
                 tts_engine: str | None = None, on_heard: Callable[[stt.Transcript], None] | None = None,
                 on_event: Callable[[Any], None] | None = None,
                 on_answer: Callable[[ApprovalNeeded, stt.Transcript | None, bool], None] | None = None,
                 summarize: Callable[[dict[str, Any]], str] | None = None) -> None:
        self.conv, self.io = conversation, io
        self.stt_engine, self.tts_engine = stt.choose(stt_engine), tts.choose(tts_engine)
        self.on_heard = on_heard or (lambda _t: None)
        self.on_event = on_event or (lambda _e: None)
        self.on_answer = on_answer or (lambda _e, _h, _a: None)
        self.summarize = summarize or _summary

    def run(self) -> Iterator[TurnReport]:
        """Turn after turn until the audio runs out."""
        while (pcm := self.io.next_utterance()) is not None:
            yield self.turn(pcm)

    def turn(self, pcm: np.ndarray) -> TurnReport:
        report = TurnReport()
        report.times["heard_audio"] = time.perf_counter()
        try:
            heard = stt.transcribe(pcm, engine=self.stt_engine)
        except BadAudio as exc:
            self._say(f"Sorry, I did not catch that. {exc}".split(";")[0] + ".", report)
            self.on_event(ErrorEvent(conversation_id=self.conv.id, message=str(exc)))
            self.io.finish_turn()
            return report
        report.heard = heard
        report.times["recognised"] = time.perf_counter()
        self.on_heard(heard)
        events = self.conv.send(heard.text)
        splitter = tts.ClauseSplitter()
        try:
            for event in events:
                if isinstance(event, TokenEvent):
                    report.times.setdefault("first_token", time.perf_counter())
                    report.answer += event.text
                    for clause in splitter.feed(event.text):
                        self._say(clause, report)
                elif isinstance(event, MessageDone):
                    if event.withheld:
                        splitter = tts.ClauseSplitter()  # nothing more of it is spoken
                        report.answer = event.text
                        self._say(WITHHELD, report)
                elif isinstance(event, ApprovalNeeded):
                    for clause in splitter.flush():
                        self._say(clause, report)
                    self.on_event(event)
                    self._ask(event, report)
                    continue
                self.on_event(event)
            for clause in splitter.flush():
                self._say(clause, report)
        finally:
            events.close()
        self.io.finish_turn()
        return report

    def _say(self, text: str, report: TurnReport) -> None:
        t0 = time.perf_counter()
        speech = tts.speak(text, engine=self.tts_engine)
        report.times.setdefault("first_synth_started", t0)
        self.io.play(speech)
        report.times.setdefault("first_audio", time.perf_counter())
        report.clauses += 1

    def _ask(self, event: ApprovalNeeded, report: TurnReport) -> None:
        report.asked += 1
        self._say(question(self.summarize(event.action), event.verdict.reason), report)
        self.io.finish_turn()
        pcm = self.io.next_utterance()
        heard: stt.Transcript | None = None
        if pcm is not None:
            try:
                heard = stt.transcribe(pcm, engine=self.stt_engine)
            except (BadAudio, UserError):
                heard = None
        allow = heard_yes(heard)
        self.on_answer(event, heard, allow)
        self.conv.answer(event.approval_id, allow)
        self._say("Allowed." if allow else "Denied.", report)


def _summary(action: dict[str, Any]) -> str:
    kind = str(action.get("kind", "an action"))
    if kind == "bash":
        return f"run the command {action.get('command', '')}"
    details = ", ".join(f"{k} {v}" for k, v in action.items() if k != "kind" and isinstance(v, str | int) and v != "")
    return f"{kind.replace('_', ' ')} {details}".strip()
