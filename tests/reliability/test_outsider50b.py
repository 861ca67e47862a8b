"""The fiftieth wave's second outsider holes (helper rel50b), each reproduced as a user meets it before its fix.

1. Ctrl-C (SIGINT to the terminal's process group) in `macrohard chat` while a delegated run's step runs a long
   command: `macrohard run` cuts such a step at once (0.8 s for a `sleep 30`, the run `interrupted`, its steps kept),
   but the chat only asked its sub-run to end "after its current step" and waited for it: 28.7 s before the person
   had the prompt back (up to the step's own timeout, 60 s and more for a build or a test suite). A second Ctrl-C
   of `macrohard company` printed its summary at once but the process ran on until the sub-run's command ended.
2. MACROHARD_HOME on a small tmpfs that fills during a run: the run stops with the fix named, but the run it could
   not close was later recorded as "ended without closing the run (killed, or the machine stopped)" — the full disk,
   the one thing the user was told at the time, was lost from the record.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .outsider import cli_env, flat, left_running, until_running, write_script
from .outsider import mh as _mh
from .outsider import mh_here as _here


def test_ctrl_c_in_chat_during_a_delegated_runs_long_step_gives_the_prompt_back_at_once(tmp_path: Path) -> None:
    """`macrohard chat` hands work to the operator division, whose run's second step is a 30 s command; the person
    presses Ctrl-C during it. Before: the chat waited for the command to end (28.7 s), then said "interrupted".
    Now the step in flight is cut as `macrohard run` cuts it: the prompt is back within seconds, the sub-run is
    recorded `interrupted` with its steps kept, and nothing of it is left running."""
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path / "home"
    chat_model = write_script(tmp_path / "chat.json", [
        {"kind": "delegate", "division": "operator", "task": "write f.txt then wait"},
        {"kind": "finish", "answer": "done"}])
    run_model = write_script(tmp_path / "run.json", [
        {"kind": "bash", "command": "echo hi > f.txt", "timeout": 60},
        {"kind": "bash", "command": "sleep 30; echo slept-to-the-end", "timeout": 120},
        {"kind": "finish", "answer": "done"}])
    chat = subprocess.Popen([sys.executable, "-m", "macrohard", "chat", "--model", chat_model, "--run-model",
                             run_model], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, env=cli_env(MACROHARD_HOME=str(home)), start_new_session=True)
    assert chat.stdin is not None and chat.stdout is not None
    shown: list[str] = []
    try:
        chat.stdin.write("please do it\n")
        chat.stdin.flush()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            line = chat.stdout.readline()
            shown.append(line)
            if not line or line.lstrip().startswith("1 "):
                break
        assert shown[-1].lstrip().startswith("1 "), "".join(shown)
        until_running(chat.pid, "sleep 30")  # step 2's `sleep 30` is under way in the sub-run's sandbox (a fixed 1.5 s
        # before suite52)
        os.killpg(chat.pid, signal.SIGINT)  # the terminal's Ctrl-C: the whole foreground process group
        rest, _ = chat.communicate(timeout=90)
    finally:
        if chat.poll() is None:
            os.killpg(chat.pid, signal.SIGKILL)
            chat.communicate()
    printed = flat("".join(shown) + rest)
    assert chat.returncode == 130 and "Traceback" not in printed, (chat.returncode, printed[-2000:])
    assert "the conversation is kept: macrohard chat --continue c-" in printed, printed[-1500:]
    [run] = SQLiteStore(str(home / "runs.db")).list_runs(limit=5)
    assert run.status.value == "interrupted" and run.steps == 2, (run.status, run.steps, run.error)
    steps = SQLiteStore(str(home / "runs.db")).steps(run.id)
    assert steps[0].observation is not None and steps[0].observation.exit_code == 0, steps[0]
    # before: the chat waited for the command to end (28.7 s): step 2 ended on its own. Cut where it waited (a
    # wall-time bound `took < 10` stood for this; suite58): kept as cut, its `sleep 30` never reached its echo
    assert steps[1].observation is not None and steps[1].observation.meta.get("cut"), steps[1]
    assert "slept-to-the-end" not in steps[1].observation.output.splitlines(), steps[1].observation.output
    assert left_running(home) == [], left_running(home)
    assert json.loads(Path(run_model.removeprefix("scripted:")).read_text())  # the script itself untouched


def test_a_second_ctrl_c_of_company_cuts_its_sub_runs_step_and_gives_the_prompt_back(tmp_path: Path) -> None:
    """`macrohard company` whose sub-run runs a 30 s command; the person presses Ctrl-C (told the sub-run "is
    finishing its step 2 (bash `sleep 30 …`)"), then again, not wanting to wait. Before: the second Ctrl-C printed
    the company's summary at once ("nothing of it is still running"), but the process went on 24 s more, until the
    sub-run's command ended (30.2 s after the first Ctrl-C). Now the second Ctrl-C cuts the step in flight: the
    prompt is back within seconds, the sub-run `interrupted` with its steps kept, nothing of it left running."""
    from macrohard.store.sqlite import SQLiteStore

    home = tmp_path / "home"
    lead = write_script(tmp_path / "lead.json", [
        {"kind": "plan", "steps": [{"id": "s1", "division": "operator", "task": "wait a"}]},
        {"kind": "finish", "answer": "all done"}])
    sub = write_script(tmp_path / "sub.json", [
        {"kind": "bash", "command": "echo one"}, {"kind": "bash", "command": "sleep 30; echo first", "timeout": 120},
        {"kind": "finish", "answer": "waited"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "company", "--model", lead, "--run-model", sub,
                             "do it"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=cli_env(MACROHARD_HOME=str(home)), start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not (home / "runs.db").exists():
            time.sleep(0.2)
        store = SQLiteStore(str(home / "runs.db"))
        while time.monotonic() < deadline and not [r for r in store.list_runs(limit=5) if r.parent_id and r.steps]:
            time.sleep(0.2)
        until_running(proc.pid, "sleep 30")  # step 2's `sleep 30` is under way (a fixed 1.5 s before suite52)
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.5)
        os.killpg(proc.pid, signal.SIGINT)  # the second Ctrl-C: do not wait for the step
        out, _ = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    said = flat(out)
    assert proc.returncode == 130 and "Traceback" not in said, (proc.returncode, said[-2000:])
    assert "press Ctrl-C again to cut their steps now" in said, said[-2000:]  # the first Ctrl-C says how
    [child] = [r for r in store.list_runs(limit=5) if r.parent_id]
    assert child.status.value == "interrupted" and child.steps == 2, (child.status, child.steps, child.error)
    # before: the process went on until the sub-run's command ended (30.2 s after the first Ctrl-C). Cut where it
    # waited (a wall-time bound `took < 12` stood for this; suite58): kept as cut, `sleep 30` never reached its echo
    last = store.steps(child.id)[-1]
    assert last.observation is not None and last.observation.meta.get("cut"), last
    assert "first" not in last.observation.output.splitlines(), last.observation.output
    assert left_running(home) == [], left_running(home)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounts a tmpfs (root)")
def test_a_run_stopped_by_a_full_store_disk_is_recorded_so_not_as_killed(tmp_path: Path) -> None:
    """MACROHARD_HOME on a 2 MiB tmpfs, a `--no-sandbox` run (its workspace elsewhere) whose steps' output fills the
    store's disk. The run stops, exit 2, the fix named. Space freed and `macrohard runs recover` run, the run was
    recorded "the process that ran it (pid N) ended without closing the run (killed, or the machine stopped)": the
    full disk, the one thing the user was told, was gone. Now its record says the disk was full; every step it took
    is kept and `audit verify` passes."""
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(home)], check=True)
    try:
        ws = tmp_path / "ws"
        ws.mkdir()
        env = {"MACROHARD_HOME": str(home)}
        first = write_script(tmp_path / "first.json", [{"kind": "finish", "answer": "ok"}])
        assert _mh("run", "start the store", "-w", str(ws), "--no-sandbox", "--model", first, **env).returncode == 0
        filler = home / "filler"
        free = os.statvfs(home).f_bavail * os.statvfs(home).f_frsize
        filler.write_bytes(b"\0" * max(0, free - 600 * 1024))  # 600 KiB left for the run
        script = write_script(tmp_path / "fill.json", [
            *[{"kind": "bash", "command": "head -c 12000 /dev/urandom | base64 -w0"} for _ in range(60)],
            {"kind": "finish", "answer": "done"}])
        done = _mh("run", "fill the store", "-w", str(ws), "--no-sandbox", "--max-steps", "80", "--model", script,
                   **env)
        said = flat(done.stdout + done.stderr)
        assert done.returncode == 2 and "Traceback" not in said, said[-1500:]
        assert "runs.db is full" in said and "free some space there" in said, said[-1500:]
        filler.unlink()
        assert _mh("runs", "recover", **env).returncode == 0
        [run] = [r for r in json.loads(_here("runs", "list", "--json", **env).stdout) if r["task"]["text"] == "fill the store"]
        # rel57: the steps the full store refused were kept outside it and added back: `failed`, not `crashed`
        assert run["status"] == "failed" and run["steps"] >= 1, run
        shown = flat(_here("runs", "show", run["id"], **env).stdout)
        assert "runs.db is full" in shown, shown[-1500:]  # before: "… (killed, or the machine stopped)"
        assert "killed, or the machine stopped" not in shown, shown[-1500:]
        verified = _here("audit", "verify", run["id"], **env)
        assert verified.returncode == 0 and "chain intact" in verified.stdout, verified.stdout
    finally:
        subprocess.run(["umount", "-l", str(home)], check=False)
