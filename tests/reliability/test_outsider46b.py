"""rel46b's holes (nothing hangs, nothing leaks), found as an outsider through `macrohard …` as a user would meet them,
each kept as a test that failed before its fix. The table of before and after is in benchmarks/RESULTS.md, rel46b's
section."""

from __future__ import annotations

import json
import time
from pathlib import Path


def _flat(text: str) -> str:
    return " ".join(text.split())


def _script(tmp_path: Path, actions: list[dict[str, object]]) -> str:
    path = tmp_path / "script.json"
    path.write_text(json.dumps(actions))
    return f"scripted:{path}"


def test_a_background_job_that_keeps_printing_does_not_make_its_finished_step_time_out(tmp_path: Path) -> None:
    """`(yes &); echo bg`: the command ends at once, the job it left in the background goes on printing into the
    sandbox's pipe. The reader looked for the end-of-command marker only in the last 8 KiB it kept, and the same read
    had brought 64 KiB of `y` after the marker: the step waited its whole limit, was shown "✗ timed out" and the shell
    was restarted (the `export` lost) after a command that had finished with status 0. Now the marker is found in
    what each read brings, and the step ends when the command does."""
    from cli_in_process import mh

    model = _script(tmp_path, [
        {"kind": "bash", "command": "export KEPT=yes; (yes &) ; echo started", "timeout": 40},
        {"kind": "bash", "command": "pkill yes; sleep 0.3; echo stopped", "timeout": 40},
        {"kind": "bash", "command": "echo kept=$KEPT", "timeout": 40},
        {"kind": "finish", "answer": "done"},
    ])
    began = time.monotonic()
    done = mh("run", "start a printer in the background", "--model", model, "-w", str(tmp_path / "ws"))
    took = time.monotonic() - began
    printed = _flat(done.stdout + done.stderr)
    assert done.returncode == 0, printed[-2000:]
    assert "timed out" not in printed, printed[-2000:]  # before: "1 ✗ timed out $ export KEPT=yes; (yes &) …"
    assert "1 ✓ $ export KEPT=yes" in printed and "kept=yes" in printed, printed[-2000:]  # before: kept= (restarted)
    assert took < 35, took  # before: 40 s and more (the step's whole limit)
