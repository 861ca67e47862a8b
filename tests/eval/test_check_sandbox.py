"""Checks and setup run the agent's work inside a sandbox, never on the host (issue 9, finding 3).

Each test is an attack the way an agent would try it: leave code in the workspace that a check runs,
point the checked file at a host file, or need the network a task does not have. Real bubblewrap,
real files, a real HTTP server on loopback.
"""

from __future__ import annotations

import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from macrohard.eval.checkers import run_check, sandboxed_runner
from macrohard.eval.suite import CommandCheck, FileCheck, PythonCheck, Suite, SuiteTask
from macrohard.executors.local import LocalExecutor
from macrohard.runner import run_task
from macrohard.testing import ScriptedModel
from macrohard.types import Run, RunStatus, Task

PROBE = """import pathlib, sys
for target in sys.argv[1:]:
    try:
        pathlib.Path(target).write_text("the check ran me on the host")
    except OSError:
        pass
print("hi")
"""


@pytest.fixture
def markers(tmp_path: Path):
    """Host paths a probe tries to write: the host's /tmp and a directory beside the workspace."""
    paths = [Path(f"/tmp/mh-probe-{uuid.uuid4().hex}"), tmp_path / f"beside-{uuid.uuid4().hex}"]
    yield paths
    for p in paths:
        p.unlink(missing_ok=True)


def _run(workspace: Path, network: str = "none") -> Run:
    return Run(task=Task(text="t", network=network), status=RunStatus.succeeded, workspace=str(workspace))


def test_a_check_that_runs_the_agent_s_code_cannot_touch_the_host(workspace: Path, markers: list[Path]) -> None:
    (workspace / "hi.py").write_text(PROBE)  # left by the agent
    check = CommandCheck(command=f"[ \"$(python3 hi.py {' '.join(map(str, markers))})\" = hi ]")
    result = run_check(check, str(workspace), _run(workspace), [])
    assert result.passed, result.detail  # the check itself works in the sandbox
    assert not any(p.exists() for p in markers), "the agent's code, run by a check, wrote on the host"


def test_an_eval_check_runs_the_agent_s_code_in_the_sandbox(store, markers: list[Path]) -> None:
    from macrohard.eval.harness import evaluate

    suite = Suite(name="probe", tasks=[SuiteTask(
        id="probe", text="write hi.py", budget={"max_steps": 3},
        script=[{"kind": "write_file", "path": "hi.py", "content": PROBE}],
        check=CommandCheck(command=f"[ \"$(python3 hi.py {' '.join(map(str, markers))})\" = hi ]"))])
    with LocalExecutor(1) as ex:
        _, (outcome,) = evaluate(suite, "scripted", ex, store=store)
    assert outcome.passed, outcome.detail
    assert outcome.run is not None and outcome.run.check is not None and outcome.run.check.passed
    assert not any(p.exists() for p in markers)


def runs_the_agent_s_code(workspace: Path, run: Run) -> bool:
    """A suite author's python check that runs what the agent wrote."""
    import subprocess

    targets = (workspace / "targets.txt").read_text().split()
    return subprocess.run(["python3", "hi.py", *targets], cwd=workspace, capture_output=True, text=True).stdout == "hi\n"


def test_a_python_check_that_runs_the_agent_s_code_cannot_touch_the_host(workspace: Path, markers: list[Path]) -> None:
    (workspace / "hi.py").write_text(PROBE)
    (workspace / "targets.txt").write_text(" ".join(map(str, markers)))
    result = run_check(PythonCheck(function=f"{__name__}:runs_the_agent_s_code"), str(workspace), _run(workspace), [])
    assert result.passed, result.detail
    assert not any(p.exists() for p in markers), "a python check ran the agent's code on the host"


@pytest.mark.parametrize("check", [
    FileCheck(path="answer.txt", contains="root:"),
    FileCheck(path="answer.txt", regex="^root:"),
    FileCheck(path="answer.txt", exists=True),
    FileCheck(path="answer.txt", absent=True),
    FileCheck(path="etc/passwd", contains="root:"),
])
def test_a_file_check_never_follows_a_link_out_of_the_workspace(workspace: Path, check: FileCheck) -> None:
    (workspace / "answer.txt").symlink_to("/etc/passwd")
    (workspace / "etc").symlink_to("/etc")
    result = run_check(check, str(workspace), _run(workspace), [])
    assert not result.passed
    assert "root:" not in result.detail and "outside the workspace" in result.detail


def test_a_file_check_still_reads_a_link_inside_the_workspace(workspace: Path) -> None:
    (workspace / "real.txt").write_text("the answer\n")
    (workspace / "answer.txt").symlink_to("real.txt")
    assert run_check(FileCheck(path="answer.txt", equals="the answer"), str(workspace), _run(workspace), []).passed


@pytest.fixture
def host_server():
    class Hello(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"hello")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_check_gets_the_task_s_network_and_none_means_none(workspace: Path, host_server: str) -> None:
    fetch = CommandCheck(command=f"python3 -c \"import urllib.request; urllib.request.urlopen('{host_server}', timeout=3)\"",
                         timeout=30)
    assert not run_check(fetch, str(workspace), _run(workspace, "none"), []).passed
    full = _run(workspace, "full")
    # reviewed like a setup command, a network fetch with the host's network needs a person's approval
    refused = run_check(fetch, str(workspace), full, [])
    assert not refused.passed and "refused" in refused.detail, refused.detail
    unreviewed = sandboxed_runner(str(workspace), full)  # the sandbox alone: the same check can pass
    assert run_check(fetch, str(workspace), full, [], command_runner=unreviewed).passed


@pytest.mark.parametrize("environment", ["browser", "desktop"])
def test_setup_of_a_browser_or_desktop_task_runs_in_a_sandbox(store, workspace: Path, markers: list[Path],
                                                              environment: str) -> None:
    probe = "; ".join(f"echo escaped > {p}" for p in markers)
    task = Task(text="look", environment=environment, workspace=str(workspace), files={"notes/a.txt": "a"},
                setup=[f"{probe}; echo made > made.txt"], budget={"max_steps": 2})
    run = run_task(task, model=ScriptedModel([{"kind": "finish", "answer": "ok"}]), store=store)
    assert run.status is RunStatus.succeeded, run.error
    assert (workspace / "made.txt").read_text() == "made\n" and (workspace / "notes" / "a.txt").read_text() == "a"
    assert not any(p.exists() for p in markers), "a setup command ran on the host"
