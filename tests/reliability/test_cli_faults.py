"""Faults a user meets through `macrohard run` (rel21's outsider attempts; the signals are `test_signals.py`'s, a full
disk `test_disk_full.py`'s, a bad model server `test_model_server_faults.py`'s): a task file that is not a task, and
the run's browser killed mid-run. Each is told in words with its fix, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_in_process import mh
from macrohard.store.sqlite import SQLiteStore

BAD_TASK_FILES = {
    "unclosed quote": ('text: "unclosed\nmodel: scripted\n', "not valid YAML"),
    "tab indent": ("text: hi\n\tmodel: x\n", "not valid YAML"),
    "a list": ("- a\n- b\n", "a task file is a YAML mapping"),
    "empty": ("", "a task file is a YAML mapping"),
    "binary": ("text: \0\1\2\3", "binary"),
    "unknown field": ("text: hi\nbogus_field: 3\n", "bogus_field: Extra inputs are not permitted"),
    "wrong type": ("text: hi\nbudget:\n  max_steps: lots\n", "budget.max_steps"),
    "self-referring anchor": ("&a [*a]\n", "a task file is a YAML mapping"),
    "billion laughs": ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)) + "text: hi\n",
        "Extra inputs are not permitted"),
}


@pytest.mark.parametrize("name", list(BAD_TASK_FILES))
def test_a_bad_task_file_is_named_with_its_fix_and_starts_no_run(name: str, tmp_path: Path) -> None:
    text, said = BAD_TASK_FILES[name]
    path = tmp_path / "task.yaml"
    path.write_text(text)
    started = time.monotonic()
    done = mh("run", "-f", str(path), "-w", str(tmp_path))
    out = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 2 and out.startswith("error:") and "Traceback" not in out, out
    assert said in out and "task.yaml" in out, out
    assert time.monotonic() - started < 10, out
    assert SQLiteStore().list_runs() == []


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            todo += children
    return found


def test_a_browser_killed_mid_run_is_restarted_and_said(tmp_path: Path, loopback_pages: str) -> None:
    pytest.importorskip("playwright")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("no Chromium")
    script = tmp_path / "script.json"
    script.write_text(json.dumps([
        {"kind": "browser_goto", "url": loopback_pages + "one.html"},
        {"kind": "browser_wait", "seconds": 3},
        {"kind": "browser_goto", "url": loopback_pages + "two.html"},
        {"kind": "finish", "answer": "done"}]))
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run",
                             f"open {loopback_pages}one.html, then {loopback_pages}two.html", "-e", "browser", "-w", str(ws),
                             "--allow-host", loopback_pages.split("/")[2], "--model", f"scripted:{script}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env={**os.environ, "COLUMNS": "200"}, start_new_session=True)
    assert proc.stdout is not None
    out = []
    while not re.match(r"\s+1 ", line := proc.stdout.readline()):
        assert line, "".join(out)
        out.append(line)
    time.sleep(0.5)  # inside the 3 s wait
    killed = []
    for pid in _descendants(proc.pid):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argv[0].endswith(b"/chromium") and not any(a.startswith(b"--type=") for a in argv):
            os.kill(pid, signal.SIGKILL)  # the browser's main process: its renderers go with it
            killed.append(pid)
    assert killed, "no browser process found under the run"
    rest, _ = proc.communicate(timeout=120)
    printed = "".join(out) + rest
    assert proc.returncode == 0 and "Traceback" not in printed, printed
    steps = SQLiteStore().steps(SQLiteStore().list_runs(limit=1)[0].id)
    assert len(steps) == 4 and "The browser crashed" in steps[1].observation.output, printed
    assert "It was restarted" in steps[1].observation.output and 'heading "two"' in steps[2].observation.output
    # rel22: the step's outcome says the browser crashed and what to do, in the live view, `runs show` and --json
    # (before: the step was shown ✓, its red text the only sign)
    crash = steps[1].observation.meta["browser_crash"]
    assert crash.startswith("the browser crashed") and "out-of-memory" in crash and "dmesg" in crash, crash
    live = next(line for line in printed.splitlines() if re.match(r"\s+2 ", line))
    assert "✗ browser crashed" in live and "✓" not in live, printed
    assert "the browser crashed (" in printed and "dmesg" in printed, printed
    run_id = SQLiteStore().list_runs(limit=1)[0].id
    shown = mh("runs", "show", run_id).stdout
    assert "✗ browser crashed" in shown and "out-of-memory" in shown and "crashed or hung 1 time," in shown, shown
    as_json = json.loads(mh("runs", "show", run_id, "--json").stdout)
    assert as_json["steps"][1]["observation"]["meta"]["browser_crash"] == crash
