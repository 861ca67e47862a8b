"""Round trip with no microphone: the held-out sentences (benchmarks/data/voice_sentences.txt, written before
any recogniser ran on them) → the project's text to speech → speech to text → the same words.

The bound is the measured word error rate with margin (benchmarks/RESULTS.md, "Voice"): Piper→Whisper 6.4 %,
espeak-ng→Whisper 18.0 % at the time of writing; a regression in either engine, the resampling or the
end-of-speech trimming shows up here."""

from __future__ import annotations

from pathlib import Path

from macrohard.voice import stt, tts, wer

SENTENCES = Path(__file__).parents[2] / "benchmarks" / "data" / "voice_sentences.txt"
BOUND = {("piper", "whisper"): 0.12, ("espeak", "whisper"): 0.25, ("piper", "pocketsphinx"): 0.30}


def test_round_trip_word_error_rate_on_the_held_out_sentences(tmp_path, capsys):
    sentences = wer.load_sentences(SENTENCES)
    assert len(sentences) >= 30
    speaker, hearer = tts.choose(), stt.choose()
    pairs = []
    for i, sentence in enumerate(sentences):
        heard = stt.transcribe(tts.synthesize(sentence, tmp_path / f"{i}.wav"), engine=hearer)
        pairs.append((sentence, heard.text))
    rate = wer.wer(pairs)
    with capsys.disabled():
        print(f"\nround trip {speaker} -> {hearer}: WER {rate:.3f} on {len(sentences)} sentences")
    worst = sorted(pairs, key=lambda p: -wer.wer([p]))[:5]
    assert rate <= BOUND.get((speaker, hearer), 0.95), worst
    exact = sum(wer.words(a) == wer.words(b) for a, b in pairs)
    assert exact >= len(sentences) // 3, worst  # most errors are one word in a sentence, not garbage
