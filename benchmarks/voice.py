"""Voice: latency from the end of speech to the first audio byte of the answer (with its breakdown), word error
rate of each recogniser on clean and noisy speech, and the real-time factor of each voice.

    .venv/bin/python benchmarks/voice.py [--model local] [--turns 8] [--snr 10]

- Speech is the project's own text to speech speaking the held-out sentences (benchmarks/data/
  voice_sentences.txt, written before any recogniser ran on them); each available voice is measured.
- Noisy: pink noise (ffmpeg's anoisesrc) mixed in by ffmpeg at --snr dB below the speech.
- Latency: each question of benchmarks/data/voice_questions.txt is spoken, followed by silence, and fed to the
  end-of-utterance detector in 30 ms frames; then the recogniser, the chat engine with --model (the embedded
  llama.cpp model by default; answer screen on, no delegation), the first clause, and its synthesis. End of
  speech detection is the audio time the detector waits (its hangover) plus its compute time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from pathlib import Path

import numpy as np

from macrohard.voice import audio, stt, tts, wer
from macrohard.voice.vad import FRAME_MS, Endpointer, speech_span

HERE = Path(__file__).parent
SENTENCES = HERE / "data" / "voice_sentences.txt"
QUESTIONS = HERE / "data" / "voice_questions.txt"


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def spoken_16k(text: str, engine: str, tmp: Path) -> np.ndarray:
    return audio.read_pcm(tts.synthesize(text, tmp / "s.wav", engine=engine))


def noisy(pcm: np.ndarray, snr_db: float, tmp: Path, seed: int) -> np.ndarray:
    """``pcm`` with pink noise mixed in by ffmpeg at ``snr_db`` below the speech's level."""
    clean = audio.write_wav(tmp / "clean.wav", pcm, audio.RATE)
    noise = tmp / "noise.wav"
    seconds = len(pcm) / audio.RATE
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"anoisesrc=color=pink:amplitude=0.5:seed={seed}:sample_rate=16000:duration={seconds:.3f}",
                    "-ac", "1", "-c:a", "pcm_s16le", str(noise)], check=True, timeout=60)
    speech_rms = float(np.sqrt(np.mean(pcm.astype(np.float64) ** 2)))
    noise_pcm = audio.read_pcm(noise)
    noise_rms = float(np.sqrt(np.mean(noise_pcm.astype(np.float64) ** 2))) or 1.0
    gain = speech_rms / noise_rms / (10 ** (snr_db / 20))
    mixed = tmp / "mixed.wav"
    subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", str(clean), "-i", str(noise),
                    "-filter_complex", f"[1]volume={gain:.6f}[n];[0][n]amix=inputs=2:duration=first:normalize=0",
                    "-c:a", "pcm_s16le", str(mixed)], check=True, timeout=60)
    return audio.read_pcm(mixed)


def word_error_rates(voices: list[str], recognisers: list[str], snr: float) -> None:
    sentences = wer.load_sentences(SENTENCES)
    print(f"\nword error rate, {len(sentences)} held-out sentences, pink noise at {snr:g} dB SNR for 'noisy'")
    print(f"{'voice':8} {'recogniser':13} {'clean WER':>9} {'noisy WER':>9} {'recognition p50':>16} {'p90':>7}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for voice in voices:
            clips = [spoken_16k(s, voice, tmp) for s in sentences]
            dirty = [noisy(c, snr, tmp, i) for i, c in enumerate(clips)]
            for rec in recognisers:
                stt.warm(rec)
                row, took = [], []
                for batch in (clips, dirty):
                    pairs = []
                    for sentence, pcm in zip(sentences, batch, strict=True):
                        try:
                            heard = stt.transcribe(pcm, engine=rec)
                            pairs.append((sentence, heard.text))
                            took.append(heard.seconds)
                        except Exception:  # noqa: BLE001 - no speech found counts as every word missed
                            pairs.append((sentence, ""))
                    row.append(wer.wer(pairs))
                print(f"{voice:8} {rec:13} {row[0]:9.1%} {row[1]:9.1%} {pct(took, 50):14.3f} s {pct(took, 90):5.3f} s",
                      flush=True)


def real_time_factors(voices: list[str]) -> None:
    sentences = wer.load_sentences(SENTENCES)
    print("\ntext to speech: real-time factor (synthesis time / audio time; < 1 is faster than speech)")
    print(f"{'voice':8} {'RTF p50':>8} {'RTF p90':>8} {'one clause p50':>15} {'load':>7}")
    for voice in voices:
        t0 = time.perf_counter()
        tts.speak("Warm up.", engine=voice)
        load = time.perf_counter() - t0
        rtf, took = [], []
        for s in sentences:
            t0 = time.perf_counter()
            speech = tts.speak(s, engine=voice)
            dt = time.perf_counter() - t0
            rtf.append(dt / speech.seconds)
            took.append(dt)
        print(f"{voice:8} {pct(rtf, 50):8.3f} {pct(rtf, 90):8.3f} {pct(took, 50):13.3f} s {load:5.2f} s", flush=True)


def detection_delay(pcm: np.ndarray, hangover_ms: int) -> tuple[float, float] | None:
    """(audio seconds from the end of speech to the detector's decision, compute seconds spent deciding), or None
    when the detector ended the utterance before its speech had ended (a pause inside it: an early cut)."""
    span = speech_span(pcm, audio.RATE)
    assert span is not None
    padded = np.concatenate([pcm, np.zeros(audio.RATE * 2, dtype=np.int16)])
    ep = Endpointer(audio.RATE, hangover_ms=hangover_ms)
    frame = audio.RATE * FRAME_MS // 1000
    compute = 0.0
    for i in range(0, len(padded), frame):
        t0 = time.perf_counter()
        fired = ep.feed(padded[i:i + frame])
        compute += time.perf_counter() - t0
        if fired:
            if i + frame < span[1]:  # an early cut: a pause inside the question ended the utterance
                return None
            return (i + frame - span[1]) / audio.RATE, compute
    raise AssertionError("the detector never fired")


def latency(model_spec: str, voice: str, recogniser: str, turns: int, hangover_ms: int) -> None:
    from macrohard.chat import Conversation, TokenEvent
    from macrohard.models import get_model
    from macrohard.store.conversations import ConversationStore
    from macrohard.store.sqlite import SQLiteStore

    questions = wer.load_sentences(QUESTIONS)[:turns]
    print(f"\nend of speech → first audio byte of the answer: model {model_spec}, hearing {recogniser}, "
          f"speaking {voice}, {len(questions)} spoken questions, detector hangover {hangover_ms} ms")
    model = get_model(model_spec)
    t0 = time.perf_counter()
    stt.warm(recogniser)
    tts.speak("Warm up.", engine=voice)
    with tempfile.TemporaryDirectory() as t:
        store = SQLiteStore(Path(t) / "runs.db")
        warm = Conversation.start(ConversationStore(store), model)
        for event in warm.send("hello"):  # loads the model (reported on its own, not in the figures)
            if isinstance(event, TokenEvent):
                break
        print(f"(loading the model, recogniser and voice: {time.perf_counter() - t0:.1f} s, not counted)")
        rows: dict[str, list[float]] = {k: [] for k in ("detect", "recognise", "first_token", "first_clause", "synth",
                                                         "total")}
        early: list[str] = []
        for q in questions:
            pcm = spoken_16k(q, voice, Path(t))
            delay = detection_delay(pcm, hangover_ms)
            if delay is None:  # counted apart: the product would have sent only the words before the pause
                early.append(q)
                print(f"  {q!r}: EARLY CUT (the detector ended it at a pause inside the question); not timed")
                continue
            waited, compute = delay
            conv = Conversation.start(ConversationStore(store), model)
            t0 = time.perf_counter()
            heard = stt.transcribe(pcm, engine=recogniser)
            t1 = time.perf_counter()
            splitter = tts.ClauseSplitter()
            first_token = clause = None
            events = conv.send(heard.text)
            try:
                for event in events:
                    if isinstance(event, TokenEvent):
                        first_token = first_token or time.perf_counter()
                        done = splitter.feed(event.text)
                        if done:
                            clause = done[0]
                            break
                else:
                    clause = (splitter.flush() or ["(no answer)"])[0]
            finally:
                events.close()
            t2 = time.perf_counter()
            tts.speak(clause, engine=voice)
            t3 = time.perf_counter()
            rows["detect"].append(waited + compute)
            rows["recognise"].append(t1 - t0)
            rows["first_token"].append((first_token or t2) - t1)
            rows["first_clause"].append(t2 - t1)
            rows["synth"].append(t3 - t2)
            rows["total"].append(waited + compute + t3 - t0)
            print(f"  {q!r} heard {heard.text!r} → {clause!r}: {rows['total'][-1]:.2f} s", flush=True)
        store.close()
    print(f"{'part':38} {'p50':>7} {'p90':>7}")
    names = {"detect": "end-of-speech detection (hangover+cpu)", "recognise": "recognition",
             "first_token": "model first token", "first_clause": "model first clause (incl. first token)",
             "synth": "synthesis of the first clause", "total": "TOTAL end of speech → first audio"}
    for key, name in names.items():
        print(f"{name:38} {pct(rows[key], 50):6.2f}s {pct(rows[key], 90):6.2f}s")
    print(f"early cuts (not in the figures above): {len(early)} of {len(questions)} questions")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default="local")
    ap.add_argument("--turns", type=int, default=8)
    ap.add_argument("--snr", type=float, default=10.0)
    ap.add_argument("--hangover-ms", type=int, default=300)
    ap.add_argument("--skip", nargs="*", default=[], choices=["wer", "rtf", "latency"])
    args = ap.parse_args()
    voices, recognisers = tts.available(), stt.available()
    print(f"voice benchmark · {os.cpu_count()} cores · load average {os.getloadavg()[0]:.1f} at start · "
          f"voices {voices} · recognisers {recognisers}")
    if "rtf" not in args.skip:
        real_time_factors(voices)
    if "wer" not in args.skip:
        word_error_rates(voices, recognisers, args.snr)
    if "latency" not in args.skip:
        for voice in voices:
            latency(args.model, voice, recognisers[0], args.turns, args.hangover_ms)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
