"""`macrohard say` and `macrohard listen`: the voice building blocks, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from macrohard.cli.common import console, print_json


def say(
    text: Annotated[str, typer.Argument(help="What to say.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The WAV file to write.")] = Path("say.wav"),
    engine: Annotated[str | None, typer.Option("--engine", help="piper (neural, the voice-plus extra) or espeak "
                                                                "(default: $MACROHARD_TTS, else the best installed).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the file, engine and duration as JSON.")] = False,
) -> None:
    """Speak TEXT into a WAV file, offline (clause by clause, as answers are spoken)."""
    import time
    import wave

    from macrohard.voice import tts

    name = tts.choose(engine)
    t0 = time.perf_counter()
    path = tts.synthesize(text, out, engine=name)
    took = time.perf_counter() - t0
    with wave.open(str(path), "rb") as w:
        seconds = w.getnframes() / w.getframerate()
    if as_json:
        print_json({"file": str(path), "engine": name, "seconds": round(seconds, 3), "synthesis_seconds": round(took, 3)})
        return
    console.print(f"wrote [cyan]{path}[/] · {seconds:.1f} s of speech · {name} · {took:.2f} s", highlight=False)


def listen(
    file: Annotated[Path, typer.Argument(help="A recording: WAV (any rate, converted), or anything ffmpeg reads.")],
    engine: Annotated[str | None, typer.Option("--engine", help="whisper (accurate, the voice-plus extra) or pocketsphinx "
                                                                "(default: $MACROHARD_STT, else the best installed).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the text, confidence and timings as JSON.")] = False,
) -> None:
    """Print the words spoken in FILE, offline."""
    from macrohard.voice import stt

    heard = stt.transcribe(file, engine=engine)
    if as_json:
        print_json({"text": heard.text, "confidence": round(heard.confidence, 3), "engine": heard.engine,
                    "audio_seconds": round(heard.audio_seconds, 3), "recognition_seconds": round(heard.seconds, 3)})
        return
    print(heard.text)
