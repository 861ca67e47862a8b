"""The front door after ux53 and rt53b (helper ux54): a stop during the screens' one-time build is a stop, the web
chat's approvals and a member's delegated runs name their person, a sub-run's question is asked on its own page too,
and a run's `allow_hosts` is judged when it is asked for.

Real parts only: `macrohard chat` and `macrohard serve` in their own processes, a scripted OpenAI-compatible model on
loopback (`macrohard.testing.FakeOpenAIServer`), the real screens' build (its child process, stopped as `timeout`
stops a command: SIGTERM to the whole process group)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.server.conftest import ROOT, mh, wait_for

from macrohard.testing import FakeOpenAIServer


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _builder(pid: int) -> int | None:
    for child in _children(pid):
        try:
            if b"build-table" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    return None


def _runs(home: Path) -> list[dict]:
    if not (home / "runs.db").exists():
        return []
    done = mh("runs", "list", "--json", home=home)
    return json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else []


@pytest.mark.parametrize("how", ["json", "piped"])
def test_a_chat_stopped_during_the_screens_first_build_records_its_run_interrupted(how: str, _home: Path,
                                                                                   tmp_path: Path) -> None:
    """ux53's first `macrohard chat` in a fresh HOME, ended by `timeout 300` (SIGTERM to the process group): the
    delegated run was recorded `failed`, "building the screens' static token table failed (exit -15):" (the build's
    child had the signal too). With `--json` the chat was not even watching SIGTERM: killed at once, its run left
    `running`. A stop is a stop: `interrupted`, saying so."""
    from macrohard.safety import embed

    try:
        embed.model_dir()
    except embed.EncoderMissing:
        pytest.skip("no MiniLM package: nothing to build")
    _home.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache").mkdir()
    replies = [{"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "echo hi"}}]},
               {"tool_calls": [{"name": "bash", "arguments": {"command": "echo hi"}}]},
               {"tool_calls": [{"name": "finish", "arguments": {"answer": "said hi"}}]},
               {"content": "It said hi."}]
    env = {**os.environ, "MACROHARD_HOME": str(_home), "PYTHONPATH": str(ROOT / "src"),
           "MACROHARD_CACHE": str(tmp_path / "cache"), "MACROHARD_NO_WARM": "1"}
    with FakeOpenAIServer(replies) as llm:
        args = ["--json", "have the operator say hi"] if how == "json" else []
        proc = subprocess.Popen([sys.executable, "-m", "macrohard", "chat", "--model", llm.url, *args], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            if how == "piped":
                assert proc.stdin is not None
                proc.stdin.write("have the operator say hi\n")
                proc.stdin.flush()
            assert wait_for(lambda: _builder(proc.pid) is not None and _runs(_home) or proc.poll() is not None,
                            120), "the screens' build never started"
            assert proc.poll() is None, proc.communicate()
            os.killpg(proc.pid, signal.SIGTERM)  # what `timeout` does: the chat and the build's child alike
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
    assert proc.returncode == 130, (proc.returncode, out, err)
    runs = _runs(_home)
    assert len(runs) == 1, runs
    run = runs[0]
    assert run["status"] == "interrupted", run
    assert "exit -15" not in (run.get("error") or "") and "stopped" in (run.get("error") or ""), run
    if how == "json":
        said = json.loads(out.strip().splitlines()[-1])
        assert "interrupted" in said["error"] and said["runs"][0]["status"] == "interrupted", said
    else:
        assert "the conversation is kept" in err, err


def test_the_builds_child_ended_by_a_stop_signal_is_a_stop_not_a_failure(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's child killed by SIGINT, SIGTERM or SIGHUP (the terminal's, `timeout`'s or a service manager's stop,
    which reach the whole process group) raises ``Stopped``: the run ends `interrupted` wherever it runs (a web server's
    worker thread, a chat's delegation thread), not `failed`. A child killed otherwise (SIGKILL: the OOM killer) is
    still a failure."""
    from macrohard.errors import Stopped
    from macrohard.safety import embed

    def child(sig: int):
        def build(tmp: Path) -> None:
            real = subprocess.run

            def run(argv, **kwargs):
                return real([sys.executable, "-c", f"import os, signal; os.kill(os.getpid(), {int(sig)})"], **kwargs)

            monkeypatch.setattr(subprocess, "run", run)
            try:
                embed._build_in_child(tmp)
            finally:
                monkeypatch.setattr(subprocess, "run", real)
        return build

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        with pytest.raises(Stopped, match="stopped"):
            embed._build_once(tmp_path / f"t{int(sig)}.npy", child(sig))
    with pytest.raises(RuntimeError, match="exit -9"):
        embed._build_once(tmp_path / "t9.npy", child(signal.SIGKILL))
    assert not list(tmp_path.glob("*.tmp*"))
