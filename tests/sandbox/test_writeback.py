"""A user's directory gets the agent's changes only on request, and a write-back that fails is a failed run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from macrohard.store.sqlite import SQLiteStore


def mh(*args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "COLUMNS": "200"}, **kw)  # type: ignore[call-overload]


def script(tmp_path: Path, name: str, actions: list[dict]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(actions))
    return f"scripted:{path}"


def test_workspace_changes_wait_for_runs_apply(tmp_path: Path) -> None:
    """Issue 9 finding 6: --workspace DIR got the agent's changes when the sandbox closed, with no gate."""
    ws = tmp_path / "mine"
    ws.mkdir()
    (ws / "keep.txt").write_text("mine\n")
    model = script(tmp_path, "s", [{"kind": "write_file", "path": "new.txt", "content": "agent\n"},
                                   {"kind": "bash", "command": "rm keep.txt"}])
    res = mh("run", "t", "-w", str(ws), "--model", model, "--json")
    assert res.returncode == 0, res.stderr
    run = json.loads(res.stdout)
    assert run["task"]["write_back"] is False and "committed_files" not in run["meta"]["sandbox"]
    assert sorted(os.listdir(ws)) == ["keep.txt"]  # untouched
    assert "runs apply" in res.stderr  # the user is told where the changes wait
    assert "+agent" in mh("runs", "diff", run["id"]).stdout
    assert mh("runs", "apply", run["id"]).returncode == 0
    assert sorted(os.listdir(ws)) == ["new.txt"]


def test_concurrent_write_backs_one_applies_the_others_fail(tmp_path: Path) -> None:
    """Finding 4: three runs writing back into one directory all said `succeeded`; two were not applied."""
    ws = tmp_path / "shared"
    ws.mkdir()
    SQLiteStore().close()  # the store exists before the three start (three first opens race on its migrations)
    procs = []
    for i in range(3):
        model = script(tmp_path, f"s{i}", [{"kind": "write_file", "path": "same.txt", "content": f"run {i}\n"},
                                           {"kind": "bash", "command": "sleep 1"}])
        procs.append(subprocess.Popen([sys.executable, "-m", "macrohard", "run", f"t{i}", "-w", str(ws), "--write-back",
                                       "--model", model, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, env={**os.environ, "COLUMNS": "200"}))
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        results.append((p.returncode, out, err))
    codes = sorted(r[0] for r in results)
    assert codes == [0, 1, 1], [(r[0], r[2][-2000:]) for r in results]
    assert all(out.strip() for _, out, _ in results), [(r[0], r[2][-2000:]) for r in results]
    runs = [json.loads(out) for _, out, _ in results]
    winner = next(r for (code, _, _), r in zip(results, runs, strict=True) if code == 0)
    assert (ws / "same.txt").read_text() == f"run {winner['task']['text'][1:]}\n"
    for (code, _, err), run in zip(results, runs, strict=True):
        if code:
            assert run["status"] == "failed" and "could not be written back" in run["error"]
            assert "same.txt" in run["error"] and "runs apply" in run["error"]
            assert "Traceback" not in err
    stored = {r.id: r.status.value for r in SQLiteStore().list_runs()}
    assert sorted(stored.values()) == ["failed", "failed", "succeeded"]


def test_write_back_into_a_directory_made_read_only_is_a_failed_run(tmp_path: Path) -> None:
    """Finding 4: a read-only workspace was recorded `succeeded`, then a traceback; `runs apply` said "already there".

    The directory becomes read-only while the run goes (a writable one is checked before the run starts).
    """
    ws = tmp_path / "ro"
    ws.mkdir()
    (ws / "a.txt").write_text("a\n")
    model = script(tmp_path, "s", [{"kind": "write_file", "path": "b.txt", "content": "b\n"},
                                   {"kind": "bash", "command": "sleep 2"}])
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "run", "t", "-w", str(ws), "--write-back",
                             "--model", model], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    assert proc.stdout is not None
    while "b.txt" not in (line := proc.stdout.readline()):
        assert line, "the run ended before its first step"
    subprocess.run(["mount", "--bind", str(ws), str(ws)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(ws)], check=True)
        out = " ".join(proc.communicate(timeout=120)[0].split())
        assert proc.returncode == 1, out
        assert "Traceback" not in out
        assert "failed" in out and "Read-only file system" in out and "runs apply" in out
        run = SQLiteStore().list_runs()[0]
        assert run.status.value == "failed" and "committed_files" not in run.meta["sandbox"]
        refused = mh("runs", "apply", run.id)
        assert refused.returncode == 2 and "already there" not in refused.stdout
        assert "Read-only file system" in refused.stderr and "Traceback" not in refused.stderr
        subprocess.run(["mount", "-o", "remount,rw,bind", str(ws)], check=True)
        assert mh("runs", "apply", run.id).returncode == 0
        assert (ws / "b.txt").read_text() == "b\n"
    finally:
        subprocess.run(["umount", "-l", str(ws)], check=False)
