"""`macrohard imagine …`: describe and search recordings, make videos."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from macrohard.cli.common import console, open_store, print_json

app = typer.Typer(no_args_is_help=True, help="Read video (describe, search) and make video (make, generate).")


def _is_video(target: str) -> bool:
    return Path(target).exists() or "/" in target or target.lower().endswith((".mp4", ".webm", ".mkv", ".mov", ".avi"))


@app.command()
def describe(
    target: Annotated[str, typer.Argument(help="A video file, or a run id (its replay is described, aligned with its steps).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Directory for timeline.json, index.html and "
                                              "frames/ (default: the data dir's imagine/NAME).")] = None,
    fps: Annotated[float, typer.Option(help="Frames a second to analyse (long videos are sampled sparser).")] = 2.0,
    ocr: Annotated[str, typer.Option(help="OCR engine: auto, tesserocr (in-process tesseract), tesseract (the CLI) or rapidocr.")] = "auto",
    captioner: Annotated[str, typer.Option(help="Who writes captions: structure (from the timeline, deterministic) or "
                                                "model (a model given each segment's structure; see --model).")] = "structure",
    model: Annotated[str | None, typer.Option("--model", help="The captioning model with --captioner model: local:smollm2 "
                                               "(embedded, the default), or http://HOST/v1#MODEL, xai, openai….")] = None,
    caption_timeout: Annotated[float, typer.Option(help="Seconds a model may take for one caption; past it the "
                                                      "structural caption stays, and the segment says so.")] = 20.0,
    index: Annotated[bool, typer.Option(help="Add the timeline to the search index.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the timeline as JSON.")] = False,
) -> None:
    """Cut a video into segments; read the text on screen; caption each segment; write a timeline and a page."""
    from macrohard.imagine import index as idx
    from macrohard.imagine.captions import captioner as make_captioner
    from macrohard.imagine.describe import describe_run, describe_video
    from macrohard.imagine.page import write_page
    from macrohard.store.sqlite import default_home

    writer = make_captioner(captioner, model, deadline=caption_timeout)
    store = open_store()
    with console.status("describing…") as status:
        def progress(t: float, total: float) -> None:
            if not as_json:
                status.update(f"describing… {t:.0f}s of {total:.0f}s")

        if _is_video(target):
            if not Path(target).is_file():  # ux51: before, "no video at X" and nothing on what to give instead
                from macrohard.errors import NotFound

                raise NotFound(f"no video at {target}: check the path, or give a run id to describe its recording "
                               "(`macrohard runs list` shows them)")
            folder = out or default_home() / "imagine" / Path(target).stem
            timeline = describe_video(target, folder, fps=fps, ocr=ocr, progress=progress,
                                      source=str(Path(target).resolve()), captioner=writer)
        else:
            run = store.get_run(target)
            folder = out or default_home() / "imagine" / run.id
            timeline = describe_run(store, run.id, folder, fps=fps, ocr=ocr, progress=progress,
                                    captioner=writer)
    page = write_page(timeline, folder)
    if index:
        idx.add(store, timeline, folder)
    if as_json:
        print_json(timeline.model_dump(mode="json"))
        return
    from rich.table import Table

    table = Table(title=f"{escape(str(timeline.source))} · {len(timeline.segments)} segments · OCR {timeline.ocr_engine}")
    for col in ("#", "time", "caption", "by"):
        table.add_column(col)
    for s in timeline.segments:
        table.add_row(str(s.index), f"{s.start:.1f}–{s.end:.1f}s", escape(s.caption), escape(s.captioner))
    console.print(table)
    for w in timeline.warnings:
        console.print(f"[yellow]warning:[/] {escape(str(w))}")
    console.print(f"timeline: {escape(str(folder / 'timeline.json'))}\npage:     {escape(str(page))}")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find on screen or in captions, e.g. \"error dialog\".")],
    run: Annotated[str | None, typer.Option("--run", help="Only this run's recording.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print the hits as JSON.")] = False,
) -> None:
    """Search described recordings: which run, at what time, which frame."""
    from macrohard.imagine.index import search as find

    store = open_store()
    hits = find(store, query, limit=limit, run_id=store.get_run(run).id if run else None)
    if as_json:
        print_json([h.model_dump() for h in hits])
        return
    if not hits:
        console.print(f"no described recording shows {escape(repr(query))} (describe one first: macrohard imagine describe)",
                      highlight=False)
        return
    from rich.table import Table

    table = Table(title=f"{len(hits)} hits for {escape(repr(query))}")
    for col in ("run / video", "time", "text", "frame"):
        table.add_column(col)
    for h in hits:
        table.add_row(escape(h.run_id or h.source), f"{h.start:.1f}–{h.end:.1f}s", escape(h.snippet), escape(h.frame))
    console.print(table)


@app.command()
def make(
    script: Annotated[Path, typer.Argument(help="A YAML script: scenes of title cards (title:), screenshots (image:), "
                                                "recording segments (video: start: end:), each with text:, zoom: "
                                                "[x, y, w, h], narration: and duration:. Paths are relative to it.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The MP4 to write (default: beside the script).")] = None,
    silent: Annotated[bool, typer.Option("--silent", help="No narration even where text-to-speech is installed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Render a video script to MP4 (H.264 + AAC) with WebVTT subtitles, narrated where text-to-speech is installed."""
    from macrohard.imagine.make import make as render
    from macrohard.imagine.script import load_script

    loaded = load_script(script)
    target = out or script.with_suffix(".mp4")
    with console.status("rendering…") as status:
        made = render(loaded, target, narrate=not silent,
                      progress=lambda n, total: status.update(f"rendering… scene {n} of {total}"))
    _report(made, as_json)


def _report(made: object, as_json: bool) -> None:
    data = made.model_dump()  # type: ignore[attr-defined]
    if as_json:
        print_json(data)
        return
    console.print(f"video:     {data['video']} ({data['duration']:.1f} s, {data['scenes']} scenes)")
    console.print(f"subtitles: {escape(str(data['subtitles']))}")
    console.print(f"narration: {data['narration']}")


@app.command()
def generate(
    prompt: Annotated[str, typer.Argument(help="What the video should show.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The video file to write.")] = Path("generated.mp4"),
    duration: Annotated[float, typer.Option(help="Seconds of video to ask for.")] = 5.0,
    endpoint: Annotated[str | None, typer.Option(help="xai[:MODEL] or http://HOST/v1#MODEL (default: $MACROHARD_VIDEO_MODEL).")] = None,
) -> None:
    """Ask a text-to-video endpoint for a clip (configure it with MACROHARD_VIDEO_MODEL)."""
    from macrohard.imagine.t2v import generate as gen

    with console.status("waiting for the video endpoint…"):
        path = gen(prompt, out, duration=duration, spec=endpoint)
    console.print(f"video: {escape(str(path))}")


def highlights(
    run_id: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="The MP4 to write (default: the data dir's "
                                              "imagine/RUN_ID/highlights.mp4).")] = None,
    silent: Annotated[bool, typer.Option("--silent", help="No narration even where text-to-speech is installed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """A short narrated video of a browser or desktop run: title, key frames with their actions, outcome."""
    from macrohard.imagine.highlights import highlights as make_highlights

    with console.status("making highlights…"):
        made = make_highlights(open_store(), run_id, out, narrate=not silent)
    _report(made, as_json)
