"""Start, snapshot, restore, reset, close, many at once, and the errors when a sandbox cannot start."""

from __future__ import annotations

import os
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from macrohard.envs.sandbox import SandboxConfig, SandboxEnvironment
from macrohard.errors import ConfigError, SandboxUnavailable
from macrohard.runner import run_task
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import BashAction, Task, WriteFileAction

from .conftest import run


def test_plain_workspace_gets_the_changes_when_the_sandbox_closes(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "keep.txt").write_text("keep\n")
    (ws / "gone.txt").write_text("gone\n")
    env = SandboxEnvironment(str(ws), state_dir=str(tmp_path / "state"))
    env.start()
    assert env.workspace != str(ws)  # the sandbox works on a layer over the directory
    run(env, "echo made > new.txt; rm gone.txt; mkdir -p sub && echo deep > sub/f; chmod +x new.txt")
    assert not (ws / "new.txt").exists()
    env.close()
    assert (ws / "new.txt").read_text() == "made\n" and os.stat(ws / "new.txt").st_mode & stat.S_IXUSR
    assert (ws / "sub" / "f").read_text() == "deep\n" and not (ws / "gone.txt").exists()
    assert (ws / "keep.txt").read_text() == "keep\n"
    assert env.describe()["committed_files"] == 3
    assert str(tmp_path / "state") not in Path("/proc/self/mountinfo").read_text()


def test_snapshot_restore_and_reset(make_sandbox, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("original\n")
    env = make_sandbox(source=str(src))
    run(env, "echo one > a.txt; echo b > b.txt; mkdir d; cd d")
    snap = env.snapshot()
    run(env, "cd ..; rm -r a.txt d; echo c > c.txt")
    run(env, WriteFileAction(path="b.txt", content="changed\n"))
    env.restore(snap)
    assert run(env, "cat a.txt b.txt; ls").output.split() == ["one", "b", "a.txt", "b.txt", "d"]
    second = env.snapshot()  # a snapshot taken after a restore stacks on the first one
    run(env, "echo two > a.txt")
    env.restore(second)
    assert run(env, "cat a.txt").output.strip() == "one"
    env.reset()
    assert run(env, "pwd; ls; cat a.txt").output.split() == [env.workspace, "a.txt", "original"]
    assert (src / "a.txt").read_text() == "original\n" and sorted(os.listdir(src)) == ["a.txt"]


def test_timeout_kills_everything_the_command_started(make_sandbox) -> None:
    env = make_sandbox()
    obs = run(env, BashAction(command="(setsid sleep 300 &); sleep 300", timeout=1))
    assert obs.meta["timed_out"]
    assert len(env.cgroups.pids()) <= 3  # the new shell (bwrap, its init, bash), no sleeps
    assert run(env, "echo back").output.strip() == "back"


def test_32_sandboxes_at_once(tmp_path: Path) -> None:
    def one(i: int) -> tuple[str, str, str]:
        ws = tmp_path / f"ws{i}"
        ws.mkdir()
        env = SandboxEnvironment(str(ws), state_dir=str(tmp_path / f"state{i}"))
        try:
            env.start()
            out = run(env, f"echo {i} > mine.txt; cat mine.txt; ls {tmp_path}/ws0 2>&1 | head -1").output
            others = run(env, f"ls {tmp_path}").output
            return out, others, env.workspace
        finally:
            env.close()

    with ThreadPoolExecutor(32) as pool:
        results = list(pool.map(one, range(32)))
    for i, (out, others, _) in enumerate(results):
        assert out.splitlines()[0] == str(i)
        # another run's workspace is not visible: only this sandbox's own state dir is mounted
        assert "ws0" not in others or i == 0
    assert len({ws for _, _, ws in results}) == 32
    for i in range(32):
        assert (tmp_path / f"ws{i}" / "mine.txt").read_text() == f"{i}\n"
    assert str(tmp_path) not in Path("/proc/self/mountinfo").read_text()


def test_missing_bubblewrap_names_the_fix() -> None:
    env = SandboxEnvironment(config=SandboxConfig(bwrap="/nonexistent/bwrap"))
    with pytest.raises(SandboxUnavailable) as err:
        env.start()
    assert "apt-get install bubblewrap" in str(err.value) and "--no-sandbox" in str(err.value)
    env.close()


def test_namespaces_unavailable_names_the_fix(tmp_path: Path) -> None:
    # a real executable that fails the way bubblewrap does where user namespaces are forbidden
    fake = tmp_path / "bwrap"
    fake.write_text("#!/bin/sh\necho 'bwrap: No permissions to creating new namespace' >&2\nexit 1\n")
    fake.chmod(0o755)
    env = SandboxEnvironment(config=SandboxConfig(bwrap=str(fake)))
    with pytest.raises(SandboxUnavailable) as err:
        env.start()
    assert "No permissions to creating new namespace" in str(err.value)
    assert "unprivileged_userns_clone" in str(err.value) and "--no-sandbox" in str(err.value)
    env.close()


def test_runs_are_sandboxed_by_default_and_record_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SQLiteStore()
    script = [{"kind": "bash", "command": "hostname; ls /root 2>&1"}]
    sandboxed = run_task(Task(text="t", workspace=str(tmp_path / "a")), model=ScriptedModel(script), store=store,
                         guard=Guard(checks=[]))
    info = sandboxed.meta["sandbox"]
    assert sandboxed.meta["isolation"] == "bwrap" and info["network"] == "none"
    assert "memory" in info["limits_applied"] and "pids" in info["limits_applied"]
    assert store.steps(sandboxed.id)[0].observation.output.startswith("sandbox")
    monkeypatch.setenv("MACROHARD_ISOLATION", "none")
    unsandboxed = run_task(Task(text="t", workspace=str(tmp_path / "b")), model=ScriptedModel(script), store=store,
                           guard=Guard(checks=[]))
    assert unsandboxed.meta["isolation"] == "none" and "sandbox_warning" in unsandboxed.meta
    assert not store.steps(unsandboxed.id)[0].observation.output.startswith("sandbox")
    with pytest.raises(ConfigError, match="needs the sandbox"):
        run_task(Task(text="t", source=str(tmp_path / "a")), model=ScriptedModel([]), store=store,
                 guard=Guard(checks=[]))
    store.close()


def test_reset_in_place_kills_jobs_and_gives_a_fresh_shell(make_sandbox) -> None:
    env = make_sandbox()
    count = "echo ${LEFTOVER:-unset}; n=0; for p in /proc/[0-9]*; do n=$((n+1)); done; echo $n"  # builtins: no forks
    fresh = run(env, count).output.split()
    run(env, "export LEFTOVER=1; (setsid sleep 300 &); sleep 300 & echo started")
    assert run(env, count).output.split()[0] == "1"
    before = env.session.pid
    env.reset()
    assert env.session.pid == before  # the same sandbox: its layers were swapped under it
    assert run(env, count).output.split() == fresh == ["unset", "2"]  # bubblewrap's init and the shell
    assert run(env, "ls -A").output.strip() == "(no output)"


def test_file_actions_before_start_still_go_to_the_layer(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    env = SandboxEnvironment(source=str(src), state_dir=str(tmp_path / "state"))
    try:
        assert not run(env, WriteFileAction(path="x.txt", content="x")).error
        assert not (src / "x.txt").exists()
    finally:
        env.close()
