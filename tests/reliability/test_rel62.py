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
