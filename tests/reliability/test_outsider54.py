"""The fifty-fourth wave's reliability pass (helper rel54), each hole as a user meets it before its fix.

1. A deep TMPDIR (pytest's default basetemp, `TMPDIR=/home/someone/very/long/project/path/tmp`) or data dir: a unix
   socket's path ends at 108 bytes, and the browser's network proxy ("AF_UNIX path too long"), the desktop's X
   server ("Xvfb did not start") and a shell run's `--network hosts` proxy (its socket under the data dir) failed.
2. A Ctrl-C while `macrohard` imports itself: a Python traceback (exit -2), or nothing said at all (exit 130).
3. Folders of dead runs left in the temporary directory for ever (~4,700 state folders, ~1,400 `/etc` views on the
   helpers' machine): the next `macrohard` removes those whose owner is gone, and keeps a live run's.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from .outsider import cli_env, flat

CHROMIUM = Path("/usr/bin/chromium")
_MADE: list[str] = []  # folders under /tmp the tests made, removed after each


@pytest.fixture(autouse=True)
def _tidy():
    yield
    while _MADE:
        shutil.rmtree(_MADE.pop(), ignore_errors=True)


def _deep(total: int = 120) -> Path:
    """A new folder under /tmp whose path is ``total`` bytes long."""
    top = tempfile.mkdtemp(prefix="o54-", dir="/tmp")
    _MADE.append(top)
    deep = Path(top) / ("d" * (total - len(top) - 1))
    deep.mkdir()
    assert len(str(deep)) == total
    return deep


def _short() -> Path:
    top = tempfile.mkdtemp(prefix="o54-", dir="/tmp")
    _MADE.append(top)
    return Path(top)


def _status(home: Path) -> str:
    from macrohard.store.sqlite import SQLiteStore

    return SQLiteStore(str(home / "runs.db")).list_runs(limit=1)[0].status.value


def _run(tmp_path: Path, environment: str, actions: list[dict[str, object]], *extra: str) -> list[str]:
    script = tmp_path / f"{environment}.json"
    script.write_text(json.dumps(actions))
    return [sys.executable, "-m", "macrohard", "run", f"a {environment} task", "-e", environment,
            "-w", str(tmp_path / "ws"), "--model", f"scripted:{script}", *extra]


STEPS = {"desktop": [{"kind": "desktop_launch", "command": "true", "wait": 1}, {"kind": "finish", "answer": "done"}],
         "browser": [{"kind": "browser_wait", "seconds": 0.2}, {"kind": "finish", "answer": "done"}]}


@pytest.mark.parametrize("environment", ["desktop", "browser"])
def test_a_run_under_a_deep_tmpdir_starts_its_sockets(tmp_path: Path, environment: str) -> None:
    """A browser or desktop run with TMPDIR 120 bytes deep. Before: the browser's proxy "AF_UNIX path too long" and
    the desktop's "Xvfb did not start" (the host's path of its X socket was past 108 bytes); the run failed."""
    if environment == "browser":
        pytest.importorskip("playwright")
        if not CHROMIUM.exists():
            pytest.skip("no Chromium")
    deep, home = _deep(), tmp_path / "home"
    done = subprocess.run(_run(tmp_path, environment, STEPS[environment]), capture_output=True, text=True,
                          env=cli_env(MACROHARD_HOME=str(home), TMPDIR=str(deep)), timeout=180)
    out = flat(done.stdout + done.stderr)
    assert done.returncode == 0 and "Traceback" not in out, out[-2000:]
    assert _status(home) == "succeeded"
    assert [p.name for p in deep.iterdir() if p.name.startswith("macrohard-")] == []


def test_a_shell_run_on_network_hosts_under_a_deep_data_dir_starts_its_proxy(tmp_path: Path) -> None:
    """`--network hosts` puts the proxy's socket in the run's state folder under the data dir: a deep
    MACROHARD_HOME (100 bytes) made it "AF_UNIX path too long" before, and the run failed to start."""
    home = _deep(100)
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo hi > out.txt"}, {"kind": "finish", "answer": "x"}]))
    done = subprocess.run([sys.executable, "-m", "macrohard", "run", "write out.txt", "-w", str(tmp_path / "ws"),
                           "--model", f"scripted:{script}", "--network", "hosts", "--allow-host", "example.org"],
                          capture_output=True, text=True, env=cli_env(MACROHARD_HOME=str(home), TMPDIR=str(_short())),
                          timeout=180)
    out = flat(done.stdout + done.stderr)
    assert done.returncode == 0 and "Traceback" not in out, out[-2000:]
    assert _status(home) == "succeeded" and "1 changed file(s) kept" in out, out[-2000:]


def test_the_proxy_and_the_desktop_folder_say_the_fix_when_no_short_folder_can_be_made(monkeypatch) -> None:
    """Where no short folder can be made (TMPDIR deep and /tmp not writable), the error names the cause and the fix
    (a shorter TMPDIR), not "AF_UNIX path too long"."""
    from macrohard.envs import sockdirs
    from macrohard.errors import ConfigError

    deep = _deep()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(sockdirs, "base", lambda: str(deep / "gone"))
    with pytest.raises(ConfigError) as told:
        sockdirs.make("macrohard-desktop-", "the desktop's X socket")
    said = str(told.value)
    assert "108 bytes" in said and "export TMPDIR=/tmp" in said and str(deep) in said, said


def test_ray_under_a_deep_tmpdir_gets_a_folder_its_sockets_fit_in(monkeypatch) -> None:
    """Ray puts its sockets under ``$TMPDIR/ray/session_…/sockets/``: a deep TMPDIR made `ray.init` fail ("AF_UNIX
    path length cannot exceed 107 bytes", measured with a real local Ray here). The executor now gives Ray a short
    folder where its default is too deep (Ray's own check of the path it will use, without starting Ray: 10 s)."""
    pytest.importorskip("ray")
    from ray._private.utils import validate_socket_filepath

    from macrohard.executors import ray as ray_executor

    deep = _deep()
    monkeypatch.setenv("TMPDIR", str(deep))
    monkeypatch.delenv("RAY_TMPDIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    root = ray_executor._short_temp_dir().get("_temp_dir", str(deep / "ray"))
    validate_socket_filepath(f"{root}/session_2026-12-07_01-23-45_123456_1234567/sockets/plasma_store")
    monkeypatch.setenv("RAY_TMPDIR", str(deep))  # the person's own choice for Ray stays theirs
    assert ray_executor._short_temp_dir() == {}


def _interrupted_at(argv: list[str], marker: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``argv`` under ``python -X importtime``, sent one SIGINT as soon as the import of the module ``marker`` has
    ended (the next imports are still under way: a Ctrl-C pressed while `macrohard` starts)."""
    proc = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "macrohard", *argv], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.rsplit("|", 1)[-1].strip() == marker:
            proc.send_signal(signal.SIGINT)
            break
    out, err = proc.communicate(timeout=60)
    assert seen and seen[-1].rsplit("|", 1)[-1].strip() == marker, "".join(seen)[-1500:]
    return subprocess.CompletedProcess(argv, proc.returncode, out, "".join(seen) + err)


@pytest.mark.parametrize(("argv", "marker"), [(["--help"], "macrohard.errors"),  # in `import macrohard` (pydantic)
                                              (["run"], "macrohard.cli.closing")])  # `run`'s own module loading
def test_a_ctrl_c_while_macrohard_starts_is_one_line_and_exit_130(tmp_path: Path, argv: list[str],
                                                                  marker: str) -> None:
    """Ctrl-C while `macrohard` imports itself. Before: `--help` ended in a Python traceback of the import it landed
    in (exit -2, killed by the signal); `run` ended with exit 130 and not a word (typer's own handling)."""
    home = tmp_path / "home"
    if argv == ["run"]:
        script = tmp_path / "s.json"
        script.write_text(json.dumps([{"kind": "finish", "answer": "x"}]))
        argv = ["run", "x", "-w", str(tmp_path / "ws"), "--model", f"scripted:{script}"]
    done = _interrupted_at(argv, marker, cli_env(MACROHARD_HOME=str(home), TMPDIR=str(_short())))
    said = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("import time:")]
    assert done.returncode == 130 and "Traceback" not in done.stderr, (done.returncode, said[-30:])
    assert said == ["interrupted (Ctrl-C) while macrohard was starting; nothing was run"], said
    assert not (home / "runs.db").exists()


def _ours(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("macrohard-"))


def _shell_run(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "shell.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "true"}, {"kind": "finish", "answer": "x"}]))
    return subprocess.run([sys.executable, "-m", "macrohard", "run", "x", "-w", str(tmp_path / "ws2"), "--model",
                           f"scripted:{script}"], capture_output=True, text=True, env=env, timeout=180)


def _until(what, seconds: float) -> bool:  # noqa: ANN001 - a predicate
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if what():
            return True
        time.sleep(0.2)
    return what()


def _steps(home: Path) -> int:
    from macrohard.store.sqlite import SQLiteStore

    if not (home / "runs.db").exists():
        return 0
    runs = SQLiteStore(str(home / "runs.db")).list_runs(limit=1)
    return runs[0].steps if runs else 0


def test_a_killed_runs_folder_is_removed_by_the_next_run_and_a_live_runs_is_kept(tmp_path: Path) -> None:
    """A browser run killed with SIGKILL (its `macrohard-browser-*` folder: the launcher, the proxy's socket) while a
    second browser run is live. Before: the killed run's folder stayed for ever (no run looked at it). Now the next
    run removes it, and keeps the live run's, which then ends as it should (Ctrl-C'd: exit 130, its folder gone)."""
    pytest.importorskip("playwright")
    if not CHROMIUM.exists():
        pytest.skip("no Chromium")
    tmp = _short()
    homes = {name: tmp_path / f"home-{name}" for name in ("killed", "live", "next")}
    env = {name: cli_env(MACROHARD_HOME=str(home), TMPDIR=str(tmp)) for name, home in homes.items()}
    for name in ("killed", "live"):
        (tmp_path / name / "w").mkdir(parents=True)
    slow = [{"kind": "browser_wait", "seconds": 0.2}, *[{"kind": "browser_wait", "seconds": 30}] * 4,
            {"kind": "finish", "answer": "x"}]  # live through the next run, however slow a loaded machine makes it
    said = (tmp_path / "killed.txt").open("w")
    killed = subprocess.Popen(_run(tmp_path / "killed" / "w", "browser", slow), stdout=said, stderr=subprocess.STDOUT,
                              env=env["killed"], start_new_session=True)
    said.close()
    live = None
    try:
        assert _until(lambda: _steps(homes["killed"]) >= 1 or killed.poll() is not None, 120)
        assert killed.poll() is None, (tmp_path / "killed.txt").read_text()[-1500:]
        gone = set(_ours(tmp))
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait()
        assert gone, "the killed run had no folder"
        live = subprocess.Popen(_run(tmp_path / "live" / "w", "browser", slow), stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, env=env["live"], start_new_session=True)
        assert _until(lambda: _steps(homes["live"]) >= 1 or live.poll() is not None, 120)
        assert live.poll() is None, live.communicate()[0][-1500:]
        kept = set(_ours(tmp)) - gone
        assert kept, "the live run has no folder"
        done = _shell_run(tmp_path, env["next"])
        assert done.returncode == 0, flat(done.stdout + done.stderr)[-1500:]
        now = set(_ours(tmp))
        assert gone & now == set(), f"the killed run's {sorted(gone & now)} still there"
        assert kept <= now, f"the live run's {sorted(kept - now)} removed"
        live.send_signal(signal.SIGINT)  # its waits cut short: a Ctrl-C'd run ends as it should too
        out, _ = live.communicate(timeout=120)
        assert live.returncode == 130 and "Traceback" not in out, flat(out)[-1500:]
    finally:
        for proc in (killed, live):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    assert _ours(tmp) == []


def test_an_older_macrohards_folders_go_once_no_process_that_made_them_can_be_alive(tmp_path: Path) -> None:
    """Folders an older macrohard left (every browser and desktop run made an empty `*-state-*` one; a killed process
    its `/etc` view), without an owner in their names: removed by the next run once no Python process alive now had
    started when they were last changed; one changed after this test's own Python process started is kept."""
    tmp = _short()
    old = [tmp / "macrohard-browser-state-ab12cd34", tmp / "macrohard-desktop-state-x_9y8z7w", tmp / "macrohard-etc-q1"]
    for folder in old:
        folder.mkdir()
    (old[2] / "passwd").write_text("root:x:0:0::/root:/bin/bash\n")
    for folder in old:
        os.utime(folder, (1_700_000_000, 1_700_000_000))  # 2023: before any process alive now
    fresh = tmp / "macrohard-browser-state-fresh123"
    fresh.mkdir()  # changed now: this test's process (Python, alive) may be its owner
    other = tmp / "macrohard-ws-keepme"
    other.mkdir()
    os.utime(other, (1_700_000_000, 1_700_000_000))  # a workspace: never a leftover
    done = _shell_run(tmp_path, cli_env(MACROHARD_HOME=str(tmp_path / "home"), TMPDIR=str(tmp)))
    assert done.returncode == 0, flat(done.stdout + done.stderr)[-1500:]
    assert _ours(tmp) == ["macrohard-browser-state-fresh123", "macrohard-ws-keepme"], _ours(tmp)


def test_runs_stop_reaches_a_run_waiting_for_the_screens_one_time_build(tmp_path: Path) -> None:
    """A first run on a machine whose screens' tables are being built (a fresh cache, its build held as by another
    first run: rel53b's `HeldCache`), stopped from another terminal with `macrohard runs stop ID`. Before (rel53b's
    left open): the stop took effect only after the build (minutes): `runs stop` exit 3, "still running after 15s".
    Now: exit 0 within seconds, the run `interrupted` with why, its terminal exit 130; the build is not waited for."""
    import select
    import time

    from tests.cli_in_process import mh

    from .outsider import write_script
    from .test_outsider53b import HeldCache

    home, ws = tmp_path / "home", tmp_path / "ws"
    cache = HeldCache(tmp_path / "cache")
    env = {"MACROHARD_HOME": str(home), "MACROHARD_CACHE": str(cache.root)}
    model = write_script(tmp_path / "m.json", [{"kind": "bash", "command": "echo hi > hi.txt"},
                                               {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "say hi", "-w", str(ws), "--model", model,
                             "--no-sandbox"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env=cli_env(TMPDIR=str(_short()), **env), start_new_session=True)
    got = b""
    try:
        assert proc.stdout is not None
        fd, deadline = proc.stdout.fileno(), time.monotonic() + 90
        while time.monotonic() < deadline and b"preparing the safety screens (" not in got:
            if select.select([fd], [], [], 0.2)[0]:
                chunk = os.read(fd, 4096)
                if not chunk:
                    break
                got += chunk
        assert b"preparing the safety screens (" in got, flat(got.decode(errors="replace"))
        run_id = got.decode(errors="replace").split("macrohard run ", 1)[1].split()[0]
        # --wait 60 (suite58): the stop's own 15 s wait is a clock; `held` below is the proof it did not wait
        stopped = mh("runs", "stop", run_id, "--wait", "60", env=env)
        try:
            rest, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # before: still waiting for the build
            rest = b""
        held = not cache.lock.closed  # the build was never let go: the stop did not wait for it
    finally:
        cache.release()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the run we started, by its process group
            proc.communicate()
    said = flat(stopped.stdout + stopped.stderr)
    shown = flat((got + rest).decode(errors="replace"))
    assert stopped.returncode == 0, said  # before: 3, "still running after 15s"
    assert f"stopped run {run_id}: interrupted" in said, said
    assert held, "the stop ended the run only once the screens' build was let go"  # was also a 12 s wall-time bound (suite58)
    assert proc.returncode == 130 and "Traceback" not in shown, (proc.returncode, shown[-1500:])
    assert _status(home) == "interrupted"
    assert not (ws / "hi.txt").exists()
