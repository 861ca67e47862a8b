"""What one test leaves in its process must not change the next test's result, in one process or in a pytest-xdist
worker (xdist26; the conftest's `_signal_handlers` and the worker's terminal size). The tests run in this file's
order, which xdist's `--dist loadfile` keeps on one worker."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

from cli_in_process import LEFT, mh
from macrohard.cli import common  # noqa: F401 - the CLI's consoles made at collection, as many test modules do

# What the process itself started with, read at collection before any test ran: a suite started under `nohup` (or by a
# CI runner that ignores SIGHUP) rightly hands its programs SIGHUP ignored, and that is not a leak from a test.
_IGNORED_AT_START = [str(int(signal.getsignal(s) is signal.SIG_IGN)) for s in (signal.SIGINT, signal.SIGTERM,
                                                                                signal.SIGHUP)]


def test_an_in_process_run_ignores_the_stop_signals_once_it_is_over(tmp_path: Path) -> None:
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    done = mh("run", "x", "--model", f"scripted:{script}", "--workspace", str(tmp_path / "ws"), "--no-sandbox")
    assert done.returncode == 0, done.stdout + done.stderr
    # what `cli.closing.watched(then_ignore=True)` leaves, so that a late Ctrl-C does not end the summary in a
    # traceback: right for the CLI's own process, and why the conftest gives the handlers back after each test
    # (suite53: `mh` now gives them back itself after each call; what the run left is kept in `LEFT`)
    assert LEFT[signal.SIGINT] is signal.SIG_IGN and LEFT[signal.SIGTERM] is signal.SIG_IGN


def test_the_next_test_starts_programs_that_stop_on_ctrl_c_and_sigterm() -> None:
    """Before: the programs of every later test in the process started with SIGINT, SIGTERM and SIGHUP ignored
    (`SigIgn: 0x1005003` in /proc), and the Ctrl-C tests of `macrohard chat`, the guard's question and a served site
    waited out their timeouts. Compared with what the process started with (SIGHUP is ignored under `nohup`)."""
    probe = "import signal; print(*(int(signal.getsignal(s) is signal.SIG_IGN) for s in (2, 15, 1)))"
    ignored = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60).stdout.split()
    assert ignored == _IGNORED_AT_START, "a handler a test set is still in place (at start: SIGINT, SIGTERM, SIGHUP " \
        f"ignored = {_IGNORED_AT_START})"


def test_a_cli_message_with_a_long_path_is_not_wrapped_inside_a_word(tmp_path: Path) -> None:
    """Under xdist a worker's environment held COLUMNS=80, so the CLI's console was 80 wide for the whole worker and
    a message naming a long tmp path came out as `…/task.ya ml`. The message is one line however long the path."""
    missing = tmp_path / "a-folder-whose-long-name-puts-the-path-past-eighty-columns" / "task.yaml"
    done = mh("run", "-f", str(missing), "--model", "scripted")
    said = " ".join(done.stderr.split())  # a wrap at a space is fine; one inside the path is not
    assert done.returncode == 2 and f"{missing}" in said and "No such file or directory; check the path" in said, said
