"""`macrohard runs replay ID`: an MP4 and a contact sheet of a browser or desktop run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from macrohard.cli.common import console, open_store, print_json


def replay(
    run_id: Annotated[str, typer.Argument(help="Run id (or a unique part of it).")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Directory for replay.mp4 and contact_sheet.png "
                                                "(default: the data dir's replays/RUN_ID).")] = None,
    seconds: Annotated[float, typer.Option("--seconds", help="Seconds each step stays on screen.")] = 1.5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the paths as JSON.")] = False,
) -> None:
    """Render a run's screenshots as a video with a caption per step, and a contact sheet of key frames."""
    from macrohard.replay import render

    store = open_store()
    if as_json:
        print_json(render(store, run_id, out, seconds_per_step=seconds).model_dump())
        return
    with console.status("rendering the replay with ffmpeg…"):
        result = render(store, run_id, out, seconds_per_step=seconds)
    console.print(f"[bold]replay[/] of run [cyan]{result.run_id}[/]: {result.steps} steps, {result.frames} frames")
    console.print(f"  video:         {result.video}")
    console.print(f"  contact sheet: {result.contact_sheet}")
