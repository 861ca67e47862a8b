"""The fifty-seventh wave's third reliability pass (helper rel59): the corners rel56/rel57 left, as a user meets them.

1. A browser run's step whose screenshot the run store's full disk refused: ``add_artifact`` failed before the step
   was kept, so the step (what the agent did and read) was lost, not only its picture. Now the step is kept as rel57
   keeps a plain one (in the store, or outside the full disk until there is space), its screenshot dropped with a note.
2. A web run's Stop while an OpenAI-compatible model's non-streamed call waits on a server that stalls: the run
   ended, but the HTTP call ran on in its helper thread to the model's timeout (its connection open). Now the Stop
   shuts the call's connection down, a fresh one's or one reused from httpx's pool.
"""

from __future__ import annotations

import errno
import os
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


def _fill(path: Path) -> None:
    """Write ``path`` until its disk has no byte left (big pieces, then small ones)."""
    with open(path, "ab", buffering=0) as fh:
        for size in (1 << 16, 512, 1):
            try:
                while True:
                    fh.write(b"x" * size)
            except OSError as exc:
                if exc.errno != errno.ENOSPC:
                    raise


class _Site:
    """A loopback site: ``/`` a page; ``/fill`` fills ``disk`` (the run store's) while it is asked, then answers."""

    def __init__(self, disk: Path) -> None:
        self.disk = disk

    def __enter__(self) -> str:
        disk = self.disk

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_GET(self) -> None:  # noqa: N802
                if self.path == "/fill":
                    _fill(disk / "filler.bin")
                    body = b"<html><body><h1>second</h1><p>what the agent read on the full disk</p></body></html>"
                else:
                    body = b"<html><body><h1>first</h1><p>a page</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_a_browser_step_whose_screenshot_the_full_disk_refused_is_kept(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The run store on an 8 MiB tmpfs; the page of the run's second step fills that disk while the browser loads it.
    Two writes failed before the step was kept. On 72d71975: the guard's audit record of the page's screening
    (``Guard.screen``) failed first, and step 2 was kept with no observation (what the agent read lost); with that
    fixed alone, the screenshot's ``add_artifact`` failed next and step 2 was lost whole (`[1] == [1, 2]`). Now the
    step is kept with the screened page and without its screenshot (outside the full disk, here the session's
    runtime folder, until there is space), with notes saying what was not written; once space is freed the next look
    at the store adds it back: 2 steps, the page's text in the second."""
    pytest.importorskip("playwright")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium")
    from macrohard.agent import Agent
    from macrohard.envs.browser import BrowserEnvironment
    from macrohard.errors import DiskFull
    from macrohard.recovery import recover
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    small, runtime, ws = tmp_path / "small", tmp_path / "runtime", tmp_path / "ws"
    for folder in (small, runtime, ws):
        folder.mkdir()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(small)], check=True)
    try:
        store = SQLiteStore(str(small / "runs.db"))
        env = BrowserEnvironment(str(ws), timeout=20.0)
        with _Site(small) as site:
            model = ScriptedModel([{"kind": "browser_goto", "url": site + "/"},
                                   {"kind": "browser_goto", "url": site + "/fill"}])
            env.start()
            try:
                with pytest.raises(DiskFull) as ended:
                    Agent(model, env, Guard(), store).run(Task(text="read two pages"))
            finally:
                env.close()
        kept = list(runtime.rglob("*.unsaved.json"))
        assert len(kept) == 1 and str(kept[0]) in str(ended.value), (kept, str(ended.value))
        (small / "filler.bin").unlink()
        recover(store)
        run = store.list_runs()[0]
        steps = store.steps(run.id)
        assert [s.index for s in steps] == [1, 2], (run.status, run.error, [s.index for s in steps], str(ended.value))
        second = steps[1].observation
        assert second is not None and "what the agent read on the full disk" in second.output, second
        assert "not kept: the run store's disk was full" in second.meta.get("screenshots_dropped", ""), second.meta
        assert "is full" in second.meta.get("audit_unrecorded", ""), second.meta
        assert run.status.value == "failed" and "is full" in (run.error or ""), (run.status, run.error)
        assert len(store.artifacts(run.id, "screenshot")) >= 1  # the first step's screenshot is still there
        assert not list(runtime.rglob("*.unsaved.json"))
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(small)], check=False)
