"""rel45's holes, found as an outsider through `macrohard …` (and pytest itself, for the suite's own hygiene) as a user
would meet them, each kept as a test that failed before its fix. The table of before and after is in
benchmarks/RESULTS.md, rel45's section."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from _pytest.tmpdir import get_user

from macrohard.envs.mounts import mount_points, unmount_all

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"
TESTS = REPO / "tests"

needs_mounts = pytest.mark.skipif(os.geteuid() != 0 or not os.path.exists("/dev/loop-control"),
                                  reason="mounts a disk image (root, loop devices)")

# a workspace on its disk image, then the process and its mount reaper killed: what `kill -9` of a whole process tree
# (a cancelled CI job, the OOM killer, a test's KILL-REAPER case) leaves mounted
_KILLED_WITH_ITS_REAPER = """
import os, sys
from pathlib import Path
from macrohard.envs.mounts import reaper
from macrohard.envs.overlay import LayeredWorkspace
where = Path(sys.argv[1])
(where / "lower").mkdir(parents=True, exist_ok=True)
ws = LayeredWorkspace(where / "state", where / "lower", disk_mb=64)
ws.open()
(ws.path / "made.txt").write_text("made\\n")
os.kill(reaper.pid, 9)
os.kill(os.getpid(), 9)
"""


def _leave_a_killed_workspace(where: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _KILLED_WITH_ITS_REAPER, str(where)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
    assert done.returncode == -9, done.stderr
    assert len(mount_points(where)) == 3, mount_points(where)  # the disk image, the view's bind, the overlay


def _pytest(args: list[str], temproot: Path, cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTEST_DEBUG_TEMPROOT": str(temproot), "PYTHONPATH": str(SRC), "COLUMNS": "200", **extra}
    for name in ("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_CURRENT_TEST", "PYTEST_ADDOPTS"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


@needs_mounts
def test_mounts_a_killed_test_session_left_are_detached_before_pytest_removes_old_temp_folders(tmp_path: Path) -> None:
    """A test session killed with the mount reapers of its runs (a cancelled CI job) left their disk images mounted in
    /tmp/pytest-of-root/pytest-N. Three sessions later pytest's cleanup of old temp folders renamed it `garbage-…`,
    deleted the files inside the mounts, failed on the mount points ("Exception ignored in: <posix.ScandirIterator>",
    an error under the suite's `filterwarnings = error`) and left the folder, mounts and all, for every later session
    to try again; the loop devices stayed taken. Now the suite's conftest detaches them first and says so."""
    temproot = tmp_path / "temproot"
    user_root = temproot / f"pytest-of-{get_user()}"
    try:
        _leave_a_killed_workspace(user_root / "pytest-0" / "test_x0" / "run")
        for n in range(1, 5):  # four later sessions: the next one removes pytest-0 (pytest keeps the newest three)
            (user_root / f"pytest-{n}").mkdir()
        done = _pytest(["tests/sandbox/test_diskimage_path.py"], temproot, REPO)
        printed = " ".join((done.stdout + done.stderr).split())
        assert mount_points(temproot) == [], printed[-2000:]  # before: 3, now under garbage-…
        assert not list(user_root.glob("garbage-*")), printed[-2000:]  # before: the folder and its mounts stayed
        assert done.returncode == 0 and "2 passed" in printed, printed[-2000:]
        assert (f"detached 3 mount(s) that ended test sessions left under {user_root} (a killed run's disk image, "
                "bind and overlay)") in printed, printed[-2000:]
    finally:
        unmount_all(tmp_path)


@needs_mounts
def test_mounts_of_a_session_still_running_are_left_alone(tmp_path: Path) -> None:
    """The honest twin: another checkout's suite on the same machine has its runs mounted under its pytest-N, whose
    `.lock` names a live process. The sweep does not touch them (nor does pytest's cleanup)."""
    temproot = tmp_path / "temproot"
    user_root = temproot / f"pytest-of-{get_user()}"
    live = subprocess.Popen(["sleep", "300"])
    try:
        _leave_a_killed_workspace(user_root / "pytest-0" / "test_x0" / "run")
        (user_root / "pytest-0" / ".lock").write_text(str(live.pid))
        done = _pytest(["tests/sandbox/test_diskimage_path.py"], temproot, REPO)
        printed = " ".join((done.stdout + done.stderr).split())
        assert done.returncode == 0 and "detached" not in printed, printed[-2000:]
        assert len(mount_points(user_root / "pytest-0")) == 3
    finally:
        live.kill()
        live.wait()
        unmount_all(tmp_path)


_INNER_CONFTEST = f"""
import importlib.util, sys
sys.path.insert(0, {str(TESTS)!r})
_spec = importlib.util.spec_from_file_location("macrohard_tests_conftest", {str(TESTS / 'conftest.py')!r})
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
globals().update({{k: v for k, v in vars(_mod).items() if not k.startswith("__")}})
"""

_INNER_TEST = """
import os, signal
from pathlib import Path

from macrohard.envs.mounts import mount_points
from reliability.test_recover import start
from reliability.test_signals import _reaper


def test_a_kill_test_that_fails_before_its_recover(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    proc = start(tmp_path, ws)
    reaper = _reaper(proc.pid)
    os.kill(reaper, signal.SIGSTOP)
    os.kill(proc.pid, signal.SIGKILL)
    os.kill(reaper, signal.SIGKILL)
    proc.communicate(timeout=30)
    Path(os.environ["OUTER"]).write_text(str(len(mount_points(os.environ["MACROHARD_HOME"]))))
    assert False, "a failure before this test's `macrohard runs recover`"
"""


@needs_mounts
def test_a_kill_test_that_fails_before_its_recover_leaves_nothing_mounted(tmp_path: Path) -> None:
    """tests/reliability/test_recover.py, test_signals.py (KILL-REAPER) and test_audit_kill.py kill `macrohard run`
    and its mount reaper, then count on their own `macrohard runs recover` to detach the run's disk image, bind and
    overlay. An assertion that failed before that line left the three mounted under /tmp/pytest-of-root for good: the
    "failed disk test" whose mounts broke the next session's temp cleanup in the lead's forty-fourth wave. Now the
    suite's per-test home fixture detaches what a test left under its tmp_path, in its teardown."""
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "conftest.py").write_text(_INNER_CONFTEST)
    (inner / "test_inner.py").write_text(_INNER_TEST)
    seen = tmp_path / "seen.txt"
    temproot = tmp_path / "temproot"
    temproot.mkdir()
    try:
        done = _pytest([str(inner / "test_inner.py")], temproot, inner, OUTER=str(seen))
        printed = " ".join((done.stdout + done.stderr).split())
        assert "1 failed" in printed and "a failure before this test's" in printed, printed[-2000:]
        assert seen.read_text() == "3", printed[-2000:]  # mounted when the test failed
        assert mount_points(temproot) == [], mount_points(temproot)  # before: the 3, for good
    finally:
        unmount_all(tmp_path)
