"""Finding 2: a long close shows its progress, and a second Ctrl-C during it never deletes the changes."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_in_process import mh

FILES = 3000  # the workspace: 3,000 files, 300 MB


def test_a_second_ctrl_c_during_a_long_close_keeps_every_change(tmp_path: Path) -> None:
    script = tmp_path / "s.json"
    script.write_text(json.dumps([
        {"kind": "bash", "command": f"head -c {FILES * 100_000} /dev/urandom | split -a 4 -b 100000 - f",
         "timeout": 600},
        {"kind": "bash", "command": "sleep 60", "timeout": 120},
    ]))
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "big", "-w", str(ws), "--model", f"scripted:{script}"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            # rich draws its bar, from the close's first moment: on a quiet machine the
                            # close of these 150 MB takes well under the default half second before a bar
                            env={**os.environ, "COLUMNS": "200", "FORCE_COLOR": "1", "MACROHARD_PROGRESS_AFTER": "0"})
    assert proc.stdout is not None and proc.stderr is not None
    out, err = b"", b""

    def read_until(stream: str, text: bytes, seconds: float) -> None:
        nonlocal out, err
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([proc.stdout, proc.stderr], [], [], 0.05)
            for fh in ready:
                chunk = os.read(fh.fileno(), 65536)
                if fh is proc.stdout:
                    out += chunk
                else:
                    err += chunk
            if text in (out if stream == "out" else err):
                return
        raise AssertionError(f"no {text!r} in {stream}:\n{out.decode(errors='replace')}\n{err.decode(errors='replace')}")

    try:
        # step 1 finished (the files are written) once step 2 runs: the live line (ux56) names its command while it
        # runs; step 1's own command is shown while it runs too, so it says nothing about the files being written
        read_until("out", b"sleep 60", 300)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)  # the first Ctrl-C: the run stops, the close begins
        read_until("err", b"saving the workspace's changes", 120)  # the progress shows
        proc.send_signal(signal.SIGINT)  # the second: the close goes on
        read_until("err", b"still saving the workspace's changes", 30)
        rest_out, rest_err = proc.communicate(timeout=300)
        out, err = out + rest_out, err + rest_err
    finally:  # a failed wait must not leave the run behind (its pipes would warn in a later test)
        if proc.poll() is None:
            proc.kill()
        if not proc.stdout.closed:
            proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode(errors="replace")
    assert b"Traceback" not in err
    runs = json.loads(mh("runs", "list", "--json").stdout)  # read in the test's process (cli_in_process)
    assert runs[0]["status"] == "interrupted"
    diff = json.loads(mh("runs", "diff", runs[0]["id"], "--json").stdout)
    assert len(diff["changes"]) == FILES and {c["status"] for c in diff["changes"]} == {"added"}


def _watch_a_close(monkeypatch, **console: object) -> str:
    """A close of 3,000 files scanned then kept, as the runner reports it, shown on a console writing to a string."""
    import io

    from rich.console import Console

    from macrohard.cli import closing

    buf = io.StringIO()
    monkeypatch.setattr(closing, "err_console", Console(file=buf, width=120, **console))
    monkeypatch.setattr(closing, "PROGRESS_AFTER_S", 0.0)
    watch = closing.CloseWatch()
    watch.on_close(0, 0, 0)  # the close begins
    for n in range(1, 3001):
        watch.on_close(n, 0, n * 100_000)
    for n in range(1, 3001):
        watch.on_close(n, 3000, 300_000_000)
    watch.stop()
    return buf.getvalue()


def test_a_close_on_a_stderr_that_is_no_terminal_says_so_in_plain_lines(monkeypatch) -> None:
    """Under CI, nohup or `2> log` the bar is never drawn (rich draws a live bar only on a terminal): a long close
    was silent there. The fresh-clone suite of the forty-third wave saw it: its `run` child took its stderr for a
    pipe, and the second-Ctrl-C test above waited in vain for the bar."""
    text = _watch_a_close(monkeypatch, force_terminal=False)
    lines = text.splitlines()
    assert lines[0] == "saving the workspace's changes: 1 file scanned, 0 MB kept"
    assert lines[-1] == "saving the workspace's changes: 3,000/3,000 changed files, 300 MB kept"
    assert len(lines) == 2 and "\x1b" not in text  # one line at the start, one at the end: no bar, no escape codes


def test_a_close_on_a_terminal_draws_the_bar(monkeypatch) -> None:
    text = _watch_a_close(monkeypatch, force_terminal=True)
    assert "saving the workspace's changes: 3,000/3,000 changed files" in text and "300 MB kept" in text
    assert "\x1b[" in text  # redrawn in place: a live bar, not a line per update
