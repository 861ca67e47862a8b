"""suite53: `tests.cli_in_process.mh` runs `macrohard run` in the test process, and `run` ignores SIGINT, SIGTERM and
SIGHUP after its run (`cli.closing.watched(then_ignore=True)`: a process about to exit). The test process goes on: a
later test's Ctrl-C (`_thread.interrupt_main()`, which does nothing where SIGINT is ignored) and xdist's SIGTERM must
find the handlers they had."""

from __future__ import annotations

import json
import signal

from tests.cli_in_process import mh


def test_an_in_process_run_leaves_the_test_process_signal_handlers_as_they_were(tmp_path):
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    done = mh("run", "x", "--model", f"scripted:{script}", "--json", "--no-sandbox",
              env={"MACROHARD_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr
    assert {sig: signal.getsignal(sig) for sig in before} == before
