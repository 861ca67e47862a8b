"""`macrohard say` and `macrohard listen`: the voice building blocks, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

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


def voice_chat(conv: Any, model_name: str, audio_in: list[Path], audio_out: Path | None) -> None:
    """`macrohard chat --voice`: spoken turns on the conversation ``conv`` (files, or the microphone)."""
    from rich.markup import escape

    from macrohard.cli.common import err_console
    from macrohard.errors import UserError
    from macrohard.voice.loop import FileAudio, VoiceChat

    if audio_in and audio_out is None:
        raise UserError("--audio-in needs --audio-out DIR for the spoken answers (or drop --audio-in to use the "
                        "microphone and speaker)")
    if audio_in:
        io: Any = FileAudio(list(audio_in), audio_out)  # type: ignore[arg-type]
    else:
        from macrohard.voice.mic import MicAudio

        io = MicAudio()
    chat = VoiceChat(conv, io, on_heard=_show_heard, on_event=_show_voice_event, on_answer=_show_spoken_answer)
    console.print(f"[bold]macrohard[/] voice chat [cyan]{conv.id}[/] · model [cyan]{escape(model_name)}[/] · "
                  f"hearing {chat.stt_engine}, speaking {chat.tts_engine}"
                  + (f" · answers in {escape(str(audio_out))}" if audio_in else "  [dim](Ctrl-C ends)[/]"),
                  highlight=False)
    try:
        for report in chat.run():
            if report.heard is None:
                continue
    except KeyboardInterrupt:
        err_console.print(f"\n[yellow]interrupted; the conversation is kept: macrohard chat --continue {conv.id}[/]")
        raise typer.Exit(130) from None
    console.print(f"[dim]continue it: macrohard chat --continue {conv.id}[/]", highlight=False)


def _show_heard(heard: Any) -> None:
    from rich.markup import escape

    console.print(f"[bold green]you (heard)>[/] {escape(heard.text)} [dim]({heard.engine}, confidence "
                  f"{heard.confidence:.2f})[/]", highlight=False)


def _show_voice_event(event: Any) -> None:
    from rich.markup import escape

    from macrohard.chat import (
        ApprovalNeeded,
        DelegationFinished,
        DelegationStarted,
        ErrorEvent,
        MessageDone,
        RunStepEvent,
    )
    from macrohard.cli.common import err_console, status_text
    from macrohard.cli.view import HEAD_CHARS, clip, print_step, visible

    if isinstance(event, MessageDone):
        style = "bold red" if event.withheld else ""
        text = escape(visible(event.text))
        console.print("[bold cyan]macrohard (spoken)>[/] " + (f"[{style}]{text}[/]" if style else text), highlight=False)
    elif isinstance(event, DelegationStarted):
        console.print(f"[magenta]→ delegated to {escape(event.division)}[/]: {escape(visible(clip(event.task, HEAD_CHARS)))}"
                      f" [dim](run {event.run_id})[/]", highlight=False)
    elif isinstance(event, RunStepEvent):
        print_step(event.step, run_id=event.run_id)
    elif isinstance(event, ApprovalNeeded):
        console.print(f"[yellow]The guard asks (spoken):[/] {escape(str(event.action))} — "
                      f"{escape(event.verdict.reason)}", highlight=False)
    elif isinstance(event, DelegationFinished):
        console.print(f"[magenta]← run {event.run_id}[/] {status_text(event.status)}", highlight=False)
    elif isinstance(event, ErrorEvent):
        err_console.print(f"[bold red]error:[/] {escape(event.message)}", highlight=False)


def _show_spoken_answer(_event: Any, heard: Any, allow: bool) -> None:
    from rich.markup import escape

    said = f"{escape(heard.text)!s} [dim](confidence {heard.confidence:.2f})[/]" if heard is not None else "(nothing heard)"
    console.print(f"  [bold green]answer (heard)>[/] {said} → {'[green]allowed[/]' if allow else '[red]denied[/]'}",
                  highlight=False)
