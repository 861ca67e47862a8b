"""rel62: nothing lost, nothing hangs — an interrupt held while a run is handed over; parts killed mid-run."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from macrohard import stopping


@pytest.fixture
def python_ctrl_c():  # noqa: ANN201
    """Python's own Ctrl-C handler (an xdist worker may ignore SIGINT), put back after."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_an_interrupt_inside_a_held_section_comes_after_it_whole(python_ctrl_c) -> None:  # noqa: ANN001
    """One Ctrl-C inside: the section ends whole, then the interrupt is raised; the handler is Python's again."""
    done = []
    with pytest.raises(KeyboardInterrupt):
        with stopping.interrupts_held():
            signal.raise_signal(signal.SIGINT)
            done.append("handed over")
            done.append("kept")
    assert done == ["handed over", "kept"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_third_interrupt_leaves_a_held_section_that_hangs(python_ctrl_c) -> None:  # noqa: ANN001
    """Two Ctrl-Cs are held; the third goes through at once (a hung hand-over is never a hung Ctrl-C)."""
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with stopping.interrupts_held():
            for n in range(3):
                signal.raise_signal(signal.SIGINT)
                reached.append(n)
    assert reached == [0, 1]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# -- 3. parts killed in the middle of a run ------------------------------------------------------------------------

def _children(pid: int) -> list[tuple[int, str]]:
    """The processes whose parent is ``pid``: (pid, command line)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                parent = int(fh.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmdline = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append((int(entry), cmdline))
    return found


@pytest.mark.parametrize("sandboxed", [False, True], ids=["unsandboxed", "bubblewrap"])
def test_a_shell_killed_from_outside_mid_command_is_said_killed_not_exited(sandboxed: bool, tmp_path: Path) -> None:
    """`kill -9` of the run's shell (bash, in bubblewrap or not) while its command runs. Before: the step said "the
    shell exited; a new one was started", as after the command's own `exit`: neither the person nor the model was
    told that it was killed from outside before it finished (nor where to look: the out-of-memory killer). Now the
    signal is named and what it means said; the next command runs in the new shell."""
    from macrohard.envs.sandbox import SandboxConfig, SandboxEnvironment
    from macrohard.envs.shell import ShellSession

    ws = tmp_path / "ws"
    ws.mkdir()
    env = SandboxEnvironment(str(ws), state_dir=str(tmp_path / "state"), config=SandboxConfig()) if sandboxed else None
    if env is not None:
        env.start()
        session = env.session
    else:
        session = ShellSession(cwd=str(ws))
        session.start()
    shell = session.identity()
    assert shell is not None
    killed: list[int] = []

    def kill_the_shell_in_its_command() -> None:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if any(cmd.startswith("sleep 30") for _, cmd in _children(shell[0])):
                os.kill(shell[0], signal.SIGKILL)
                killed.append(shell[0])
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_the_shell_in_its_command)
    killer.start()
    try:
        result = session.run("echo one; sleep 30; echo two", timeout=120)
        killer.join(100)
        again = session.run("echo again", timeout=60)
    finally:
        killer.join(100)
        if env is not None:
            env.close()
        else:
            session.close()
    assert killed, "the command's sleep never started"
    said = " ".join(result.output.split())
    assert said.startswith("one") and "two" not in said, said
    assert "the shell was killed by SIGKILL before the command finished" in said, said  # before: "the shell exited"
    assert "out-of-memory killer" in said and "variables were reset" in said and "a new one was started" in said, said
    assert result.exit_code is None and result.restarted
    assert again.output.strip() == "again" and again.exit_code == 0, again


def test_a_shells_own_exit_is_still_said_as_an_exit(tmp_path: Path) -> None:
    """The command's own `exit 3` is no kill: said as the shell's exit, with its status."""
    from macrohard.envs.shell import ShellSession

    session = ShellSession(cwd=str(tmp_path))
    session.start()
    try:
        result = session.run("exit 3", timeout=30)
    finally:
        session.close()
    assert "the shell exited (status 3); a new one was started" in result.output and "killed" not in result.output


def _descendants(root: int) -> list[tuple[int, int, str]]:
    """Every process below ``root``: (pid, parent, command line)."""
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        for pid, cmdline in _children(parent):
            found.append((pid, parent, cmdline))
            frontier.append(pid)
    return found


def test_a_process_pool_worker_killed_mid_run_loses_no_run(tmp_path: Path, store) -> None:  # noqa: ANN001
    """`eval run --pool process --workers 2`: one pool process SIGKILLed while its run sleeps in step 2, the other
    run going on beside it, a third queued. Python's process pool then fails every run it holds (the other process is
    ended with it). Before (b7fd0bfd): all three were recorded `lost`, each "not executed: BrokenProcessPool" (two had
    run), and nothing said how to go on. Now each is handed to a new pool: the two begun run again as attempt 2 (their
    first records closed `crashed`, superseded), the queued one whole; all three pass."""
    from macrohard.eval import records
    from macrohard.eval.harness import evaluate
    from macrohard.eval.suite import load_suite
    from macrohard.executors.local import LocalExecutor
    from macrohard.types import RunStatus

    suite = tmp_path / "three.yaml"
    suite.write_text("name: three\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait\n    script:\n      - {{kind: bash, command: 'echo one'}}\n"
        f"      - {{kind: bash, command: 'sleep {3 + n}; echo two'}}\n      - {{kind: finish, answer: done}}\n"
        for n in (1, 2)) + "  - id: t3\n    text: quick\n    script:\n      - {kind: finish, answer: done}\n")
    killed: list[int] = []
    over = threading.Event()

    def kill_the_first_runs_pool_process() -> None:
        while not over.wait(0.05):
            below = _descendants(os.getpid())
            parents = {pid: parent for pid, parent, _ in below}
            for pid, _parent, cmdline in below:
                if cmdline.startswith("sleep 4"):  # t1's second step
                    while parents.get(pid) != os.getpid():  # up to the pool process that runs it
                        pid = parents[pid]
                    os.kill(pid, signal.SIGKILL)
                    killed.append(pid)
                    return

    killer = threading.Thread(target=kill_the_first_runs_pool_process)
    killer.start()
    try:
        with LocalExecutor(2, pool="process") as ex:
            info, outcomes = evaluate(load_suite(str(suite)), "scripted", ex, store=store, workers=2)
    finally:
        over.set()
        killer.join(30)
    assert killed, "t1's second step was never seen"
    kept = {o.key: o for o in records.results(store, info.id)}
    assert sorted(kept) == ["t1#0", "t2#0", "t3#0"], kept
    assert all(o.passed for o in kept.values()), [(o.key, o.detail) for o in kept.values()]  # before: 3 lost
    t1 = kept["t1#0"]
    assert t1.retried and t1.attempt == 2 and t1.run is not None and t1.run.id.endswith("-a2"), t1
    first = store.get_run(t1.run.id[: -len("-a2")])
    assert first.status is RunStatus.crashed and first.meta["superseded_by"] == t1.run.id, first
    assert len(store.steps(first.id)) >= 1  # the step it had taken is kept
