"""`macrohard imagine …`: describe and search recordings, make videos."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    ocr: Annotated[str, typer.Option(help="OCR engine: auto, tesseract or rapidocr.")] = "auto",
    index: Annotated[bool, typer.Option(help="Add the timeline to the search index.")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the timeline as JSON.")] = False,
) -> None:
    """Cut a video into segments; read the text on screen; caption each segment; write a timeline and a page."""
    from macrohard.imagine import index as idx
    from macrohard.imagine.describe import describe_run, describe_video
    from macrohard.imagine.page import write_page
    from macrohard.store.sqlite import default_home

    store = open_store()
    with console.status("describing…") as status:
        def progress(t: float, total: float) -> None:
            if not as_json:
                status.update(f"describing… {t:.0f}s of {total:.0f}s")

        if _is_video(target):
            folder = out or default_home() / "imagine" / Path(target).stem
            timeline = describe_video(target, folder, fps=fps, ocr=ocr, progress=progress,
                                      source=str(Path(target).resolve()))
        else:
            run = store.get_run(target)
            folder = out or default_home() / "imagine" / run.id
            timeline = describe_run(store, run.id, folder, fps=fps, ocr=ocr, progress=progress)
    page = write_page(timeline, folder)
    if index:
        idx.add(store, timeline, folder)
    if as_json:
        print_json(timeline.model_dump(mode="json"))
        return
    from rich.table import Table

    table = Table(title=f"{timeline.source} · {len(timeline.segments)} segments · OCR {timeline.ocr_engine}")
    for col in ("#", "time", "caption"):
        table.add_column(col)
    for s in timeline.segments:
        table.add_row(str(s.index), f"{s.start:.1f}–{s.end:.1f}s", s.caption)
    console.print(table)
    for w in timeline.warnings:
        console.print(f"[yellow]warning:[/] {w}")
    console.print(f"timeline: {folder / 'timeline.json'}\npage:     {page}")


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
        console.print(f"no described recording shows {query!r} (describe one first: macrohard imagine describe)")
        return
    from rich.table import Table

    table = Table(title=f"{len(hits)} hits for {query!r}")
    for col in ("run / video", "time", "text", "frame"):
        table.add_column(col)
    for h in hits:
        table.add_row(h.run_id or h.source, f"{h.start:.1f}–{h.end:.1f}s", h.snippet, h.frame)
    console.print(table)
