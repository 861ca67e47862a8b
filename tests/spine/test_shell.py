"""The persistent bash session: state persists, failures are data, timeouts kill the group."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from macrohard.envs.shell import ShellSession


def _session(tmp_path) -> ShellSession:
    s = ShellSession(cwd=str(tmp_path), env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)})
    s.start()
    return s


def test_cwd_and_env_persist(tmp_path):
    s = _session(tmp_path)
    try:
        (tmp_path / "sub").mkdir()
        assert s.run("cd sub && export FOO=bar").exit_code == 0
        r = s.run("pwd; echo $FOO")
        assert r.output.splitlines() == [str(tmp_path / "sub"), "bar"]
        assert r.cwd == str(tmp_path / "sub")
    finally:
        s.close()


def test_exit_codes_stderr_and_no_trailing_newline(tmp_path):
    s = _session(tmp_path)
    try:
        r = s.run("echo out; echo err >&2; false")
        assert r.exit_code == 1
        assert r.output == "out\nerr\n"
        assert s.run("printf abc").output == "abc"
    finally:
        s.close()


def test_unbalanced_quote_is_a_syntax_error_not_a_hang(tmp_path):
    s = _session(tmp_path)
    try:
        start = time.monotonic()
        r = s.run("echo 'oops", timeout=5)
        assert time.monotonic() - start < 3
        assert r.exit_code == 2 and not r.timed_out
        assert s.run("echo fine").output == "fine\n"
    finally:
        s.close()


def test_stdin_reading_command_does_not_eat_the_protocol(tmp_path):
    s = _session(tmp_path)
    try:
        assert s.run("cat").exit_code == 0
        assert s.run("echo still here").output == "still here\n"
    finally:
        s.close()


def test_timeout_kills_process_group_and_restarts_in_same_dir(tmp_path):
    s = _session(tmp_path)
    try:
        (tmp_path / "d").mkdir()
        s.run("cd d")
        r = s.run("sleep 31.4159 & sleep 31.4159; echo never", timeout=0.5)
        assert r.timed_out and r.restarted and r.exit_code is None
        assert "timed out" in r.output
        after = s.run("pwd")
        assert after.output.strip() == str(tmp_path / "d")
        # the background sleep of the killed group is gone too
        ps = subprocess.run(["ps", "-eo", "stat,args"], capture_output=True, text=True).stdout
        assert not [line for line in ps.splitlines() if "sleep 31.4159" in line and not line.startswith("Z")]
    finally:
        s.close()


def test_exit_restarts_the_shell(tmp_path):
    s = _session(tmp_path)
    try:
        r = s.run("exit 3")
        assert r.restarted and "exited" in r.output
        assert s.run("echo back").output == "back\n"
    finally:
        s.close()


def test_long_output_is_truncated_with_a_note(tmp_path):
    s = _session(tmp_path)
    try:
        r = s.run("seq 1 200000", limit=2000)
        assert r.truncated and r.exit_code == 0
        assert "elided" in r.output
        assert r.output.startswith("1\n2\n") and r.output.rstrip().endswith("200000")
        assert len(r.output) < 5000
    finally:
        s.close()


def test_a_command_sent_to_a_shell_that_died_unseen_runs_once_in_a_new_one(tmp_path, monkeypatch):
    """The shell was killed but not yet reaped (another thread waits on it, so ``poll`` still says alive): the write
    breaks before any of the command reached it, so the approved command runs once in a new shell."""
    s = _session(tmp_path)
    try:
        dead = s.proc
        os.kill(dead.pid, 9)
        deadline = time.monotonic() + 10
        while Path(f"/proc/{dead.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
            assert time.monotonic() < deadline
            time.sleep(0.01)
        unseen = property(lambda self: self.proc is dead or (self.proc is not None and self.proc.poll() is None))
        monkeypatch.setattr(ShellSession, "alive", unseen)
        r = s.run("echo ran >> count.txt; echo hi")
        assert r.output.strip() == "hi" and r.exit_code == 0 and r.restarted, r
        assert (tmp_path / "count.txt").read_text() == "ran\n"
        assert s.proc is not dead and s.proc.poll() is None
    finally:
        s.close()
