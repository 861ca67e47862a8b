"""The scaffolding the outsider files (``test_outsider47.py`` on) share: macrohard run as a user runs it (a subprocess
of ``python -m macrohard`` with the checkout's ``src`` on its path), a scripted model's actions written to a file, and
the processes a test's HOME left alive. Each file imports these under the private names it always used, so its tests
read as they did."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def frame_of(thread_id: int | None):  # noqa: ANN201  (a frame object)
    """The innermost frame thread ``thread_id`` runs now (None when it has none). CPython 3.11's
    ``sys._current_frames`` holds the runtime's lock on the thread list while it makes frame objects; a garbage
    collection one of them starts can free a thread-local, which takes that lock again, and the process deadlocks
    with the GIL held: no test timeout can fire (gh-106883, not fixed in 3.11; test_outsider56b hung the sixtieth
    wave's whole suite so). The collector is off for the call."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return sys._current_frames().get(thread_id) if thread_id is not None else None
    finally:
        if collecting:
            gc.enable()


def flat(text: str) -> str:
    """``text`` on one line, runs of white space as one space (a CLI's wrapped output, compared)."""
    return " ".join(text.split())


def write_script(path: Path, actions: list[dict[str, object]]) -> str:
    """The scripted model's ``actions`` written to ``path``: its model spec."""
    path.write_text(json.dumps(actions))
    return f"scripted:{path}"


def cli_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", **extra}


def mh(*args: str, timeout: float = 90, **env: str) -> subprocess.CompletedProcess[str]:
    """``macrohard ARGS`` in a subprocess (``env`` on top of ``cli_env``), its output captured."""
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True,
                          env=cli_env(**env), timeout=timeout)


def mh_here(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``macrohard ARGS`` in this process (`tests.cli_in_process`: the console script's own ``main``, ``env`` set for
    the call), for a command that only reads or repairs the store after the fact (`runs list/show/gc/diff/apply`,
    `audit verify/show`): the same command, without a Python and the CLI started again for each call (~0.5 s of CPU
    each, suite57). A test about the command as its own process (a stop of a live run, a full disk at start) keeps
    ``mh``; each of these commands still has tests that start it so."""
    from tests.cli_in_process import mh as in_process

    return in_process(*args, env={"COLUMNS": "200", **env})


def left_running(home: Path) -> list[str]:
    """Processes of this test's HOME still alive (a sandbox, a sub-run's shell, a pool's worker). The mount reaper's
    `umount -l` of a layer (envs.mounts: it unmounts what a process that exited left mounted) is given up to 5 s to
    end, and only it: the lead's fresh-clone suite caught one at load 2 a moment after a chat's Ctrl-C exit."""
    deadline = time.monotonic() + 5
    while (left := _alive(home)) and all(p.split(": ", 1)[1].startswith("umount -l ") for p in left) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def _alive(home: Path) -> list[str]:
    left = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if str(home) in cmd:
            left.append(f"{pid}: {cmd[:200]}")
    return left


def processes() -> tuple[dict[int, int], dict[int, str]]:
    """This machine's processes: each one's parent, and its command line (arguments joined by spaces)."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            commands[int(pid)] = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parents[int(pid)] = int(stat.rsplit(")", 1)[1].split()[1])
    return parents, commands


def descends(pid: int, root: int, parents: dict[int, int]) -> bool:
    """Whether ``pid`` is ``root`` or runs under it (``parents``: from ``processes``)."""
    while pid > 1 and pid != root:
        pid = parents.get(pid, 0)
    return pid == root


def running_under(root: int, command: str) -> int:
    """How many processes under ``root`` run exactly ``command`` (a run's `sleep N` in its sandbox: the sandbox's
    processes are the host's, their parents bubblewrap's, under ``root``)."""
    parents, commands = processes()
    return sum(descends(pid, root, parents) for pid, line in commands.items() if line.strip() == command)


def until_running(root: int, command: str, count: int = 1, within: float = 90) -> None:
    """Wait until ``count`` processes under ``root`` run ``command``: the step that runs it is under way. What a
    test waited for with a fixed sleep ("the step is under way") before suite52: too short under load, idle when
    quiet."""
    deadline = time.monotonic() + within
    while running_under(root, command) < count:
        assert time.monotonic() < deadline, f"{count} x `{command}` never ran under {root}"
        time.sleep(0.1)


def until(what, seconds: float) -> bool:  # noqa: ANN001 - a predicate
    """Poll ``what()`` every 0.1 s for up to ``seconds``; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.1)
    return bool(what())


class Output:
    """What a process prints (stdout and stderr together), read as it comes (moved here from test_outsider51b, rel63:
    test_outsider47's company waits for what its CLI says too)."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc, self.lines = proc, []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self.lines)

    def until(self, words: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while words not in flat(self.text) and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert words in flat(self.text), f"the process never said {words!r}: {flat(self.text)[-2000:]}"

    def close(self) -> None:
        """After the process ended (or was killed): the rest read, the pipe closed (not left to the worker's next test).
        rel63: not while the reader still reads (a child of the process, alive, holds the pipe open): a close then
        waits on the reader's lock, for ever (a failed test hung so: a stopped pool process, later continued)."""
        self.reader.join(30)
        if self.proc.stdout is not None and not self.reader.is_alive():
            self.proc.stdout.close()
