"""The fifty-first wave's outsider holes (helper rel51), each reproduced as a user meets it before its fix.

1. A data dir's disk full (MACROHARD_HOME on a small tmpfs, filled): `macrohard runs gc`, the command that frees what
   finished runs leave there, was refused like every other command ("the disk that holds the run store … is full"):
   it opened the store first, and a WAL store's first read must grow its -shm file. A person whose disk filled could
   not free it with macrohard's own tool.
2. Ctrl-C in `macrohard chat` while its delegated run waits on a slow OpenAI-compatible model (a loopback server):
   rel50b made the cut reach a shell command's wait only; the chat waited for the model's whole answer.
3. A run SIGKILLed during its second step (`sleep 30`): `runs show` said it was killed and its finished steps kept,
   but not that step 2 — approved, in the audit chain — was under way and has no result, nor how to keep the files
   it recorded (`runs apply`) or finish the task.
4. New ground: a finished run whose change-set folder is gone (`runs gc --change-sets`, or deleted by hand): `runs
   diff`/`runs apply` said "the run did not close its workspace (it may still be running, or it was killed: `macrohard
   runs recover` …)" — false for a run that succeeded and closed, and `runs recover` then did nothing.
5. New ground: a store file cut short (its last pages lost) is refused with a recipe (move it aside, `.dump` into a
   new file); where the cut took the schema's pages the recipe copies nothing, and macrohard makes a fresh store.
   `runs gc` then deleted every run's recorded change set as "state of a run not in the store", without
   `--change-sets`: the one copy of what those runs changed, gone by the command meant to free layers.
6. `macrohard eval run --pool process` interrupted three times (the third "stops the waiting"): the pool's close then
   waited for each run's step in flight, its whole command, before the prompt came back.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .outsider import cli_env, flat, left_running, write_script
from .outsider import mh as _mh
from .outsider import mh_here as _here
from .stall_server import StallServer


@pytest.fixture
def small_home(tmp_path: Path):
    """MACROHARD_HOME on a tmpfs of its own (big enough for a sandboxed run's disk check, filled by the test)."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=420m", "tmpfs", str(home)], check=True)
    try:
        yield home
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)


def _fill(home: Path) -> Path:
    """The disk filled to its last block (dd writes a short last block where a Python buffer would be lost)."""
    filler = home / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1M"], capture_output=True, check=False)
    return filler


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_runs_gc_frees_a_full_store_disk(tmp_path: Path, small_home: Path) -> None:
    """A finished run left a 20 MB change set in the data dir; the disk then filled. Before: `runs gc --change-sets`
    (and `--dry-run`) exit 2, "the disk that holds the run store … is full … free some space there". Now gc opens the
    store for itself alone, frees the change set, says the disk was full and what to run next; nothing is lost: the
    run is listed as before and its audit chain verifies."""
    home = small_home
    env = {"MACROHARD_HOME": str(home)}
    ws = tmp_path / "ws"
    ws.mkdir()
    model = write_script(tmp_path / "big.json", [
        {"kind": "bash", "command": "head -c 20000000 /dev/urandom > big.bin"}, {"kind": "finish", "answer": "ok"}])
    done = _mh("run", "make a big file", "-w", str(ws), "--model", model, **env)
    assert done.returncode == 0, flat(done.stdout + done.stderr)[-1500:]
    [run] = json.loads(_mh("runs", "list", "--json", **env).stdout)
    filler = _fill(home)
    assert os.statvfs(home).f_bavail == 0
    refused = _mh("runs", "list", **env)  # every other command is still refused, the fix named
    assert refused.returncode == 2 and "is full" in refused.stderr, refused.stderr
    assert "`macrohard runs gc` removes what finished runs left" in flat(refused.stderr), refused.stderr
    looked = _mh("runs", "gc", "--change-sets", "--dry-run", "--json", **env)
    assert looked.returncode == 0, flat(looked.stdout + looked.stderr)[-1500:]  # before: exit 2, "… is full"
    assert json.loads(looked.stdout)["disk_was_full"] is True
    freed = _mh("runs", "gc", "--change-sets", **env)
    said = flat(freed.stdout + freed.stderr)
    assert freed.returncode == 0 and "Traceback" not in said, said[-1500:]
    assert "is full" in said and "freed 20.0 MB" in said and "macrohard runs recover" in said, said[-1500:]
    assert os.statvfs(home).f_bavail * os.statvfs(home).f_frsize > 15_000_000
    filler.unlink()
    listed = _mh("runs", "list", "--json", **env)
    assert listed.returncode == 0 and listed.stderr == "", listed.stderr
    [after] = json.loads(listed.stdout)
    assert (after["id"], after["status"], after["steps"]) == (run["id"], "succeeded", 2), after
    verified = _mh("audit", "verify", run["id"], **env)
    assert verified.returncode == 0 and "chain intact" in verified.stdout, verified.stdout + verified.stderr


def _tool_call(name: str, arguments: dict[str, object]) -> bytes:
    return json.dumps({"id": "x", "object": "chat.completion", "usage": {"prompt_tokens": 10, "completion_tokens": 5},
                       "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
                           "role": "assistant", "content": None, "tool_calls": [{
                               "id": "c1", "type": "function",
                               "function": {"name": name, "arguments": json.dumps(arguments)}}]}}]}).encode()


@pytest.fixture
def slow_model() -> Iterator[tuple[str, threading.Event, threading.Event]]:
    """An OpenAI-compatible server on loopback (``stall_server``): its first answer a `bash` call at once, every later
    one after 40 s (the first event is set when the slow one is asked, the second when its 40 s have run out)."""
    first, later = _tool_call("bash", {"command": "echo hi > f.txt"}), _tool_call("finish", {"answer": "done"})
    with StallServer(how="late", answered=1, hold=40, reply=lambda n: first if n == 1 else later) as server:
        yield server.url, server.asked, server.stalled_out


def test_ctrl_c_in_chat_while_a_delegated_run_waits_on_a_slow_model_gives_the_prompt_back(
        tmp_path: Path, slow_model: tuple[str, threading.Event, threading.Event]) -> None:
    """The chat hands work to the operator division, whose run's model (a loopback server) takes 40 s over its
    second answer; the person presses Ctrl-C while it is asked. Before: the prompt came back only when the model
    answered (about 40 s). Now the wait is cut: the prompt is back within seconds, the sub-run `interrupted`, its
    first step kept, nothing of it left running."""
    from macrohard.store.sqlite import SQLiteStore

    url, asked, stalled_out = slow_model
    home = tmp_path / "home"
    chat_model = write_script(tmp_path / "chat.json", [
        {"kind": "delegate", "division": "operator", "task": "write f.txt"}, {"kind": "finish", "answer": "done"}])
    chat = subprocess.Popen([sys.executable, "-m", "macrohard", "chat", "--model", chat_model, "--run-model", url],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=cli_env(MACROHARD_HOME=str(home)), start_new_session=True)
    assert chat.stdin is not None
    try:
        chat.stdin.write("please do it\n")
        chat.stdin.flush()
        assert asked.wait(90), "the sub-run never asked its model a second time"
        time.sleep(0.3)
        os.killpg(chat.pid, signal.SIGINT)  # the terminal's Ctrl-C: the whole foreground process group
        printed, _ = chat.communicate(timeout=60)
        waited_out = stalled_out.is_set()
    finally:
        if chat.poll() is None:
            os.killpg(chat.pid, signal.SIGKILL)
            chat.communicate()
    said = flat(printed)
    assert chat.returncode == 130 and "Traceback" not in said, (chat.returncode, said[-2000:])
    # before: the prompt came back only once the model's 40 s stall had run out and it answered (~40 s); a wall-time
    # bound `took < 10` stood for this (suite58): the chat ended while the model still stalled
    assert not waited_out, f"the prompt came back only after the model's 40 s stall: {said[-1500:]}"
    assert "the conversation is kept: macrohard chat --continue c-" in said, said[-1500:]
    store = SQLiteStore(str(home / "runs.db"))
    [run] = store.list_runs(limit=5)
    assert run.status.value == "interrupted" and run.steps == 1, (run.status, run.steps, run.error)
    [step] = store.steps(run.id)
    assert step.observation is not None and step.observation.exit_code == 0, step
    assert left_running(home) == [], left_running(home)


def test_a_run_killed_mid_step_says_which_step_was_cut_and_what_to_do(tmp_path: Path) -> None:
    """`macrohard run` SIGKILLed (by its pid) while step 2 runs `sleep 30`. What `runs list`, `runs show`, `audit
    verify` then say is each true: `crashed`, 1 step kept, the chain intact and cut; and now `runs show` names the
    step that was under way (its action approved in the audit chain, no result recorded) and the commands that keep
    the files (`runs diff`, `runs apply`) — before, only "killed, or the machine stopped" and `runs diff`."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [
        {"kind": "bash", "command": "echo hi > f.txt"}, {"kind": "bash", "command": "sleep 30", "timeout": 60},
        {"kind": "finish", "answer": "ok"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "kill me", "-w", str(ws), "--model", model],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=cli_env(**env),
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "sleep 30" not in _children(proc.pid):
            time.sleep(0.1)
        assert "sleep 30" in _children(proc.pid), "step 2 never started"
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # only the run we started, by its pid
        proc.wait()
    listed = json.loads(_here("runs", "list", "--json", **env).stdout)
    [run] = listed
    assert (run["status"], run["steps"]) == ("crashed", 1), run
    shown = flat(_here("runs", "show", run["id"], **env).stdout)
    assert f"pid {proc.pid}" in shown and "killed, or the machine stopped" in shown, shown
    assert "step 2 (bash `sleep 30`) was under way" in shown, shown  # before: not said
    assert f"macrohard runs diff {run['id']}" in shown and f"macrohard runs apply {run['id']}" in shown, shown
    verified = _here("audit", "verify", run["id"], **env)
    said = flat(verified.stdout)
    assert verified.returncode == 0 and "chain intact" in said and "recorded crashed" in said, said
    applied = _here("runs", "apply", run["id"], **env)
    assert applied.returncode == 0 and (ws / "f.txt").read_text() == "hi\n", applied.stdout + applied.stderr
    assert left_running(home) == [], left_running(home)


def _children(pid: int) -> str:
    """The command lines of ``pid``'s descendants, one string."""
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True).stdout
    rows = [line.split(None, 2) for line in out.splitlines() if len(line.split(None, 2)) == 3]
    kids, found = {str(pid)}, []
    for _ in range(8):
        for p, pp, args in rows:
            if pp in kids and p not in kids:
                kids.add(p)
                found.append(args)
    return "\n".join(found)


@pytest.mark.parametrize("how", ["gc", "rm"])
def test_diff_and_apply_of_a_run_whose_change_set_is_gone_say_so_truly(tmp_path: Path, how: str) -> None:
    """A sandboxed run succeeds (its change set recorded), then its change set is removed by `runs gc --change-sets`
    or its folder deleted by hand. Before: `runs diff` and `runs apply` said it "did not close its workspace (it may
    still be running, or it was killed)" and sent the person to `runs recover`, which did nothing. Now they say the
    change set is gone, how that happens, and what is left (its steps; the task can be run again)."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [
        {"kind": "bash", "command": "echo hi > f.txt"}, {"kind": "finish", "answer": "ok"}])
    assert _mh("run", "write f", "-w", str(ws), "--model", model, **env).returncode == 0
    [run] = json.loads(_here("runs", "list", "--json", **env).stdout)
    assert _here("runs", "diff", run["id"], **env).returncode == 0
    if how == "gc":
        assert _here("runs", "gc", "--change-sets", **env).returncode == 0
    else:
        subprocess.run(["rm", "-rf", str(home / "sandboxes" / run["id"])], check=True)
    for command in ("diff", "apply"):
        done = _here("runs", command, run["id"], **env)
        said = flat(done.stderr + done.stdout)
        assert done.returncode != 0 and "Traceback" not in said, said
        assert "may still be running" not in said and "did not close its workspace" not in said, said  # before
        assert "change set is gone" in said and "runs gc --change-sets" in said, said
        assert f"macrohard runs show {run['id']}" in said, said
    assert not (ws / "f.txt").exists()


def test_gc_keeps_the_change_sets_of_runs_the_store_does_not_know_without_change_sets(tmp_path: Path) -> None:
    """A sandboxed run's change set is recorded; then the store is replaced by a fresh one (the damaged-store
    recipe copied nothing: the file moved aside, a new store made). Before: `runs gc` removed the whole folder,
    change set included. Now a run not in the store keeps its change set unless `--change-sets` is given, as a known
    run's does; `--change-sets` removes it."""
    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [
        {"kind": "bash", "command": "echo hi > f.txt"}, {"kind": "finish", "answer": "ok"}])
    assert _mh("run", "write f", "-w", str(ws), "--model", model, **env).returncode == 0
    [run] = json.loads(_here("runs", "list", "--json", **env).stdout)
    state = home / "sandboxes" / run["id"]
    assert (state / "changes.json").exists()
    for name in ("runs.db", "runs.db-wal", "runs.db-shm"):
        if (home / name).exists():
            (home / name).rename(home / f"{name}.broken")
    assert json.loads(_here("runs", "list", "--json", **env).stdout) == []  # a fresh store
    freed = _here("runs", "gc", **env)
    assert freed.returncode == 0, freed.stdout + freed.stderr
    assert (state / "changes.json").exists() and (state / "blobs").is_dir(), flat(freed.stdout)  # before: all gone
    assert _here("runs", "gc", "--change-sets", **env).returncode == 0
    assert not (state / "changes.json").exists() and not (state / "blobs").exists()


def test_a_store_cut_short_is_refused_with_a_recipe_that_says_when_it_keeps_nothing(tmp_path: Path) -> None:
    """The store's file loses its last pages (a copy cut short). Every command refuses it as damaged, with the fix.
    Following that fix, the sqlite3 shell's copy says `no such table` and keeps nothing (the list of tables was on
    the lost pages); before, the message promised "the rest, runs, steps and audit, are kept". Now it names that
    case and what is left (the .broken file; the change sets under sandboxes/, which gc keeps)."""
    import sqlite3

    home, ws = tmp_path / "home", tmp_path / "ws"
    ws.mkdir()
    env = {"MACROHARD_HOME": str(home)}
    model = write_script(tmp_path / "m.json", [{"kind": "bash", "command": "echo hi > f.txt"},
                                               {"kind": "finish", "answer": "ok"}])
    assert _mh("run", "write f", "-w", str(ws), "--model", model, **env).returncode == 0
    db = sqlite3.connect(home / "runs.db")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    size = (home / "runs.db").stat().st_size
    os.truncate(home / "runs.db", size - 3 * 4096 - 1000)
    refused = _mh("runs", "list", **env)
    said = flat(refused.stderr)
    assert refused.returncode == 2 and "Traceback" not in said and "is damaged" in said, said
    assert "no such table" in said and "runs.db.broken" in said and "--change-sets" in said, said  # before: not said
    (home / "runs.db").rename(home / "runs.db.broken")
    copied = subprocess.run(f"sqlite3 {home}/runs.db.broken .dump | sed 's/^ROLLBACK; -- due to errors$/COMMIT;/' "
                            f"| sqlite3 {home}/runs.db", shell=True, capture_output=True, text=True)
    assert "no such table" in copied.stderr, copied.stderr  # the case the message now names, as a person meets it


def test_a_third_ctrl_c_of_eval_cuts_a_process_pools_steps_in_flight(tmp_path: Path) -> None:
    """`eval run --pool process`, two runs whose steps are `sleep 30`: Ctrl-C (started runs finish), again (they stop
    after their step), again (stop waiting). Before: the process ended only when both steps' 30 s commands had. Now
    the third cuts them where they wait, in the pool's processes: exit 130 within seconds, both runs `interrupted`,
    nothing left running."""
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path / "home"
    steps = "".join("      - {kind: bash, command: 'sleep 30; echo slept-to-the-end', timeout: 120}\n" for _ in range(3))
    suite = tmp_path / "slow.yaml"
    suite.write_text("name: slow\ntasks:\n" + "".join(
        f"  - id: t{n}\n    text: wait a while\n    script:\n{steps}      - {{kind: finish, answer: done}}\n"
        for n in (1, 2)))
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "eval", "run", str(suite), "--model", "scripted",
                             "--workers", "2", "--pool", "process"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=cli_env(MACROHARD_HOME=str(home)))
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and _children(proc.pid).count("sleep 30") < 2:
            time.sleep(0.2)
        assert _children(proc.pid).count("sleep 30") >= 2, "the two runs' steps never started"
        for _ in range(3):
            proc.send_signal(signal.SIGINT)  # the driver only: its pool ignores Ctrl-C, the driver decides
            time.sleep(0.7)
        third = time.monotonic() - 0.7
        out, _ = proc.communicate(timeout=90)
        took = time.monotonic() - third
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    said = flat(out)
    assert proc.returncode == 130 and "Traceback" not in said, (proc.returncode, said[-2000:])
    store = SQLiteStore(str(home / "runs.db"))
    runs = store.list_runs(limit=10)
    assert [r.status.value for r in runs] == ["interrupted", "interrupted"], [(r.status, r.steps) for r in runs]
    # cut where they waited (before: the prompt came back ~28 s later, once both `sleep 30` had ended and echoed):
    # no kept step reached its echo (a wall-time bound failed at load ~30, lead fifty-seventh wave)
    outputs = [s.observation.output for r in runs for s in store.steps(r.id) if s.observation is not None]
    assert not any("slept-to-the-end" in o.splitlines() for o in outputs), (outputs, f"{took:.1f} s after the third Ctrl-C")
    assert all(r.steps <= 1 for r in runs), [r.steps for r in runs]  # cut inside the first step: none after it
    # rel51b: the closing line says what happened (before: "were stopped after their current step", false here)
    assert "were stopped after their current step" not in said, said[-2000:]
    assert "the 2 run(s) still going were cut inside their current step" in said, said[-2000:]
    assert "kept as an `interrupted` run" in said and "--resume" in said, said[-2000:]
    assert left_running(home) == [], left_running(home)
