"""rel23's attacks as an outsider through the CLI, fresh; each kept as a test.

attempt                                                    at the start (main 4dbc590)                   now
`run -f` a directory                                       "cannot read task file D: Is a directory"      "is a directory; give the YAML file in it
                                                           (no fix named)                                 (`macrohard run -f D/task.yaml`)"
`run -f` a named pipe nobody writes to                     hangs forever (open waits for a writer)        said after 30 s (PIPE_WAIT_SECONDS): "a
                                                                                                          pipe that nothing wrote to and closed …
                                                                                                          start its writer first", exit 2
`run -f <(cmd)`, a named pipe whose writer comes later     read                                          read (kept)
`run -f` empty / binary / 10 MB / /dev/zero / latin-1      held (rel21: named with the fix)
`runs show 2026` (a part of two run ids)                   "no run '2026'"                               "'2026' is part of 2 run ids (A, B); give
                                                                                                          more of the id"
`runs show %` / `_` with one run in the store              showed that run (LIKE wildcards)              "no run '%'"
a second `macrohard serve` on a port in use                printed the *other* server's URL as its own,  "port P on 127.0.0.1 is in use by another
                                                           then uvicorn's "[Errno 98] … address already   program (another `macrohard serve`? `ss
                                                           in use", exit 3                                -ltnp …` names it): stop it, or choose
                                                                                                          another port with --port", exit 2, before
                                                                                                          anything is printed or changed
`--no-sandbox`, a step double-forks with setsid            the process outlived the run (only the shell's  killed when the shell closes (its
                                                           process group was killed)                      environment's mark, `shell.sweep`)
the store's disk full during a step                        held (rel21, tests/reliability/test_disk_full.py)
`run -w DIR` where DIR holds MACROHARD_HOME (`-w ~` with    the run's change set was its own sandbox: the  refused before the run is recorded: "the
  the home in ~/.local/share/macrohard)                    2 GiB layer image "added" (copied: 56 s at     workspace DIR holds macrohard's own data
                                                           load 18; ~4 GB written), the store's WAL       (…): the agent would read other runs …
                                                           "modified" (`runs apply` would write it over   set MACROHARD_HOME to a directory outside
                                                           the live store); the agent could read every    DIR", exit 2
                                                           run's records
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from cli_in_process import mh
from macrohard import tasks
from macrohard.errors import NotFound
from macrohard.store.sqlite import SQLiteStore


def _flat(done) -> str:  # noqa: ANN001 - a CompletedProcess
    return " ".join((done.stdout + done.stderr).split())


def test_a_task_file_that_is_a_directory_or_missing_names_the_fix(tmp_path: Path) -> None:
    done = mh("run", "-f", str(tmp_path), "--model", "scripted")
    assert done.returncode == 2 and "Traceback" not in _flat(done), _flat(done)
    assert f"task file {tmp_path} is a directory; give the YAML file in it (`macrohard run -f {tmp_path}/task.yaml`)" \
        in _flat(done), _flat(done)
    done = mh("run", "-f", str(tmp_path / "nope.yaml"), "--model", "scripted")
    assert done.returncode == 2 and "No such file or directory; check the path" in _flat(done), _flat(done)


def test_a_named_pipe_nobody_writes_to_is_said_not_waited_on_forever(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tasks, "PIPE_WAIT_SECONDS", 1.0)
    fifo = tmp_path / "task.yaml"
    os.mkfifo(fifo)
    started = time.monotonic()
    done = mh("run", "-f", str(fifo), "--model", "scripted")
    assert time.monotonic() - started < 20
    assert done.returncode == 2 and "Traceback" not in _flat(done), _flat(done)
    assert "is a pipe that nothing wrote to and closed within 1s; start its writer first" in _flat(done), _flat(done)


def test_a_pipe_whose_writer_comes_later_is_read(tmp_path: Path) -> None:
    fifo = tmp_path / "task.yaml"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.3)
        with open(fifo, "w") as fh:
            fh.write("text: hello from a pipe\n")
            fh.flush()
            time.sleep(0.2)
            fh.write("budget: {max_steps: 3}\n")

    writer = threading.Thread(target=write)
    writer.start()
    task = tasks.load_task_file(fifo)
    writer.join()
    assert task.text == "hello from a pipe" and task.budget.max_steps == 3


def _two_runs(tmp_path: Path) -> list[str]:
    script = tmp_path / "fin.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    for _ in range(2):
        assert mh("run", "hi", "--model", f"scripted:{script}", "--no-sandbox").returncode == 0
    return [r.id for r in SQLiteStore().list_runs()]


def test_runs_show_with_a_part_of_two_ids_names_both(tmp_path: Path) -> None:
    ids = _two_runs(tmp_path)
    common = os.path.commonprefix(ids)
    done = mh("runs", "show", common)
    assert done.returncode == 2 and "Traceback" not in _flat(done), _flat(done)
    assert f"'{common}' is part of 2 run ids" in _flat(done) and all(i in _flat(done) for i in ids), _flat(done)
    assert "give more of the id" in _flat(done)
    assert mh("runs", "show", ids[0][-6:]).returncode == 0  # a unique part still finds its run


def test_like_wildcards_in_a_run_id_are_characters(tmp_path: Path) -> None:
    script = tmp_path / "fin.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    assert mh("run", "hi", "--model", f"scripted:{script}", "--no-sandbox").returncode == 0
    (run,) = SQLiteStore().list_runs()
    for typed in ("%", "_", "", run.id[:4] + "%", run.id[:-1] + "_"):
        with pytest.raises(NotFound, match="no run"):
            SQLiteStore().get_run(typed)
    assert SQLiteStore().get_run(run.id[3:9]).id == run.id


def test_a_second_serve_on_a_port_in_use_says_so_before_anything_else() -> None:
    other = socket.socket()
    other.bind(("127.0.0.1", 0))
    other.listen(1)
    port = other.getsockname()[1]
    try:
        done = mh("serve", "-p", str(port))
    finally:
        other.close()
    flat = _flat(done)
    assert done.returncode == 2 and "Traceback" not in flat, flat
    assert f"port {port} on 127.0.0.1 is in use by another program" in flat and "--port" in flat, flat
    assert "http://" not in flat and "first start" not in flat, flat  # the other server's URL is not shown as ours


def test_an_unsandboxed_shells_detached_processes_end_with_it(tmp_path: Path) -> None:
    """`--no-sandbox` has no pid namespace or cgroup: a double fork with `setsid` left the shell's process group and
    outlived the run. Now every process the shell started carries a mark in its environment that closing looks for."""
    from macrohard.envs.shell import ShellSession
    from macrohard.envs.workspace import _clean_env

    tag = f"{os.getpid() % 1000 + 1000}"
    marks = (f"sleep(4{tag}1)", f"sleep 4{tag}2")
    shell = ShellSession(cwd=str(tmp_path), env=_clean_env(str(tmp_path)))
    shell.start()
    try:
        # each sleeper names itself (a file renamed into place): the test waits for those two processes, never for a
        # count of marked ones. rel58: "3 == 2" in both of the fifty-sixth wave's fresh-clone suites, the three all
        # this test's own (the middle python C, the second sleeper S, the grandchild G, pids C < S < G): C, starved
        # of CPU, forked G only after the shell had started S, and its exit came later still, so a count passes
        # through 2 ({C, S}) and 3 ({C, S, G}) before it settles at 2; the wait could stop on the passing 2
        out = shell.run("python3 -c 'import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
                        "        open(\"g.new\", \"w\").write(str(os.getpid())); os.rename(\"g.new\", \"g.pid\")\n"
                        f"        time.sleep(4{tag}1)\n'; (sleep 4{tag}2 & echo $! > s.new && mv s.new s.pid) ; echo started")
        assert "started" in out.output, out.output
        pids = _named(tmp_path, marks)
        assert set(pids) == {"g.pid", "s.pid"}, (pids, _left(marks))  # running after the step
        # the grandchild left the shell's session and process group: what killing the group (the old close) missed
        assert os.getsid(pids["g.pid"]) != os.getsid(shell.pid) and os.getpgid(pids["g.pid"]) != shell.pid
    finally:
        shell.close()
    deadline = time.monotonic() + 10
    while _left(marks) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _left(marks) == []  # nothing the shell started is left: the sleepers, and the middle python if it was slow


def _named(folder: Path, marks: tuple[str, ...], wait: float = 10) -> dict[str, int]:
    """The sleepers that named themselves in ``folder`` (``g.pid``, ``s.pid``) once each runs its own command line
    (the background ``sleep`` is a copy of bash until it execs): file name -> pid; at most ``wait`` seconds."""
    deadline, found = time.monotonic() + wait, {}
    while time.monotonic() < deadline:
        found = {}
        for name, mark in zip(("g.pid", "s.pid"), marks, strict=True):
            try:
                pid = int((folder / name).read_text())
            except (OSError, ValueError):
                continue
            if any(line.startswith(f"{pid}: ") and mark in line for line in _left((mark,))):
                found[name] = pid
        if len(found) == 2:
            break
        time.sleep(0.05)
    return found


def _left(marks: tuple[str, ...]) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = (entry / "stat").read_text().rpartition(")")[2].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and any(m in argv for m in marks):
            found.append(f"{entry.name}: {argv}")
    return found


def test_a_workspace_that_holds_the_run_store_is_refused_with_the_fix(tmp_path: Path, _home: Path) -> None:
    """Found measuring the suite (a test whose task file's workspace was its tmp_path, the home inside it: 159 s at
    load 18, 56 s of it the close copying the sandbox's own 2 GiB layer image into the run's change set)."""
    assert _home.parent == tmp_path
    script = tmp_path / "fin.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    for where in (("-w", str(tmp_path)), ("-w", str(_home)), ("--source", str(tmp_path))):
        started = time.monotonic()
        done = mh("run", "hi", *where, "--model", f"scripted:{script}")
        flat = _flat(done)
        assert done.returncode == 2 and "Traceback" not in flat, flat
        assert "holds macrohard's own data" in flat and "set MACROHARD_HOME to a directory outside" in flat, flat
        assert time.monotonic() - started < 20 and SQLiteStore().list_runs() == []
    (tmp_path / "ws").mkdir()
    assert mh("run", "hi", "-w", str(tmp_path / "ws"), "--model", f"scripted:{script}").returncode == 0
