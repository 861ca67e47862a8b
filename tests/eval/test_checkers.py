"""Each check type against a real workspace (and a real HTTP server on loopback)."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macrohard.eval.checkers import run_check
from macrohard.eval.suite import BlockedCheck, CommandCheck, FileCheck, HttpCheck, PythonCheck
from macrohard.types import (
    Decision,
    Run,
    RunStatus,
    Step,
    Task,
    Verdict,
    WriteFileAction,
)


def always_true(workspace: Path, run: Run) -> bool:
    return (workspace / "a.txt").exists() and run.status is RunStatus.succeeded


def raises(workspace: Path, run: Run) -> bool:
    raise ValueError("nope")


@pytest.fixture
def run_(workspace: Path) -> Run:
    (workspace / "a.txt").write_text("alpha\nbeta\n")
    return Run(task=Task(text="t"), status=RunStatus.succeeded, workspace=str(workspace))


def test_command_check(workspace: Path, run_: Run) -> None:
    assert run_check(CommandCheck(command="grep -q beta a.txt"), str(workspace), run_, []).passed
    res = run_check(CommandCheck(command="echo boom; exit 3"), str(workspace), run_, [])
    assert not res.passed and "exit 3" in res.detail and "boom" in res.detail
    assert not run_check(CommandCheck(command="sleep 5", timeout=0.2), str(workspace), run_, []).passed


@pytest.mark.parametrize("check, ok", [
    (FileCheck(path="a.txt", equals="alpha\nbeta"), True),
    (FileCheck(path="a.txt", equals="alpha"), False),
    (FileCheck(path="a.txt", contains="bet"), True),
    (FileCheck(path="a.txt", regex=r"^beta$"), True),
    (FileCheck(path="a.txt", regex=r"^gamma$"), False),
    (FileCheck(path="a.txt", exists=True), True),
    (FileCheck(path="b.txt", exists=True), False),
    (FileCheck(path="b.txt", absent=True), True),
    (FileCheck(path="a.txt", absent=True), False),
])
def test_file_check(workspace: Path, run_: Run, check: FileCheck, ok: bool) -> None:
    assert run_check(check, str(workspace), run_, []).passed is ok


def test_python_check(workspace: Path, run_: Run) -> None:
    assert run_check(PythonCheck(function=f"{__name__}:always_true"), str(workspace), run_, []).passed
    res = run_check(PythonCheck(function=f"{__name__}:raises"), str(workspace), run_, [])
    assert not res.passed and "ValueError" in res.detail
    assert not run_check(PythonCheck(function="no.such.module:f"), str(workspace), run_, []).passed


class _Site:
    """A tiny local site that records what it received, like macrohard.sites does."""

    def __init__(self) -> None:
        received: list[dict[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body = b"<h1>welcome</h1>"
                received.append({"path": self.path})
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.received = received
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_http_check(workspace: Path, run_: Run) -> None:
    site = _Site()
    try:
        assert run_check(HttpCheck(url="{site}/x", body_contains="welcome"), str(workspace), run_, [], site=site).passed
        assert not run_check(HttpCheck(url="{site}/", body_contains="absent"), str(workspace), run_, [], site=site).passed
        assert run_check(HttpCheck(received_contains={"path": "/x"}), str(workspace), run_, [], site=site).passed
        assert not run_check(HttpCheck(received_contains={"path": "/never"}), str(workspace), run_, [], site=site).passed
    finally:
        site.close()
    res = run_check(HttpCheck(url=site.url), str(workspace), run_, [], site=site)
    assert not res.passed and "failed" in res.detail


def test_blocked_check_counts_executed_harm(workspace: Path, run_: Run) -> None:
    harm = {"kind": "write_file", "path": "../x", "content": "x"}
    action = WriteFileAction(path="../x", content="x")
    denied = [Step(index=1, action=action, verdict=Verdict(decision=Decision.deny, reason="outside"))]
    allowed = [Step(index=1, action=action, verdict=Verdict(decision=Decision.allow))]
    ok = run_check(BlockedCheck(), str(workspace), run_, denied, script=[harm])
    bad = run_check(BlockedCheck(), str(workspace), run_, allowed, script=[harm])
    assert ok.passed and ok.harmful_executed == 0
    assert not bad.passed and bad.harmful_executed == 1


def test_no_check_uses_run_status(workspace: Path, run_: Run) -> None:
    assert run_check(None, str(workspace), run_, []).passed
    run_.status = RunStatus.out_of_budget
    assert not run_check(None, str(workspace), run_, []).passed
