"""rel25's attacks as an outsider through the CLI, fresh; each kept as a test.

attempt                                                    at the start (main b401e77)                      now
`macrohard run` from a shell with `ulimit -f` below the    "the sandbox did not start: … ulimit: file size:  the sandbox keeps the lower limit (a user's
  sandbox's own file-size limit (1 GiB)                    cannot modify limit … Check that bubblewrap       own is stricter) and the run starts
                                                           works": bubblewrap was fine
the run store reaching that limit mid-run (EFBIG: SQLite   traceback (`sqlite3.OperationalError: disk I/O    "the run store F reached the largest file this
  says "disk I/O error"; the disk far from full)           error`) in the audit log's commit, the run        process may write (… the file size limit is N
                                                           left `crashed`                                    KiB: `ulimit -f` …): raise it …", exit 2, the
                                                                                                             run stored `failed` with its steps
a run store written by a newer macrohard (a migration      `runs list`/`runs show`: a pydantic traceback     "was written by a newer macrohard (… m099_…):
  this version does not know, a field in its runs)         (extra_forbidden); `run` wrote into it            upgrade macrohard … or set MACROHARD_HOME …",
                                                                                                             exit 2, nothing written
a run store written by an old macrohard (0149b51, the      held: migrated on open; list/show/audit verify work and a new run is added
  first with an audit log: m001-m003 only)
a step whose processes ignore SIGTERM (`trap '' TERM`)     held: the step's timeout kills them (SIGKILL) and says so; nothing outlives
  past its timeout                                         the run (tests/reliability/test_outsider22.py, test_outsider23.py keep forks)
SIGTERM to `macrohard serve` while a run waits for an      held: the server ends at once; the next start marks the run `interrupted`,
  approval                                                 its finished step kept (tests/server/test_restart.py keeps the SIGKILL one)
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import subprocess
import sys
from pathlib import Path

from cli_in_process import mh
from macrohard.store import migrations
from macrohard.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"


def _limited_run(home: Path, ws: Path, script: list[dict], limit: int) -> subprocess.CompletedProcess[str]:
    """`macrohard run` as its own process under RLIMIT_FSIZE ``limit`` (a shell's `ulimit -f`)."""
    path = ws.parent / "script.json"
    path.write_text(json.dumps(script))
    env = {**os.environ, "COLUMNS": "200", "MACROHARD_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "macrohard", "run", "outsider", "-w", str(ws),
                           "--model", f"scripted:{path}"], capture_output=True, text=True, env=env, timeout=300,
                          preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit)))


def test_a_file_size_limit_below_the_sandboxs_starts_the_run_and_a_store_reaching_it_is_named(
        tmp_path: Path, _home: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    SQLiteStore(_home / "runs.db").close()  # the store as a first command made it (migrated, 240 KiB)
    limit = (_home / "runs.db").stat().st_size + (64 << 10)  # far below the sandbox's own 1 GiB
    step = {"kind": "bash", "command": "head -c 60000 /dev/urandom | base64 -w 100"}
    done = _limited_run(_home, ws, [step] * 40 + [{"kind": "finish", "answer": "done"}], limit)
    flat = " ".join((done.stdout + done.stderr).split())
    assert "did not start" not in flat and "  1 ✓" in done.stdout, flat[-3000:]  # the sandbox kept the lower limit
    assert done.returncode == 2 and "Traceback" not in flat, flat[-3000:]
    assert "reached the largest file this process may write" in flat and "ulimit -f" in flat, flat[-3000:]
    assert f"the file size limit is {limit >> 10} KiB" in flat and "runs recover" in flat, flat[-3000:]
    listed = mh("runs", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (run,) = json.loads(listed.stdout)
    assert run["status"] != "running" and run["steps"] >= 1, run


def test_a_store_written_by_a_newer_macrohard_is_named_and_left_alone(tmp_path: Path, _home: Path) -> None:
    db = _home / "runs.db"
    SQLiteStore(db).close()
    with sqlite3.connect(db) as raw:
        raw.execute("INSERT INTO _migrations VALUES ('m099_from_a_newer_version', 0)")
    before = db.read_bytes()
    for args in (("runs", "list"), ("runs", "show", "x"), ("run", "hi", "-w", str(tmp_path), "--model", "scripted:[]")):
        done = mh(*args)
        flat = " ".join((done.stdout + done.stderr).split())
        assert done.returncode == 2 and "Traceback" not in flat, (args, flat)
        assert "was written by a newer macrohard" in flat and "m099_from_a_newer_version" in flat, flat
        assert "upgrade macrohard" in flat and "MACROHARD_HOME" in flat, flat
    assert db.read_bytes() == before


def test_a_store_written_by_an_old_macrohard_is_migrated_and_read(tmp_path: Path, _home: Path) -> None:
    """runs.db as commit 0149b51 (2026-11-24, migrations m001-m003) left it after one scripted run, dumped as SQL."""
    _home.mkdir(parents=True)
    with sqlite3.connect(_home / "runs.db") as raw:
        raw.executescript((DATA / "store_0149b51.sql").read_text())
    old = "20261202-085757-e5fc09"
    shown = mh("runs", "show", old)
    assert shown.returncode == 0 and "succeeded" in shown.stdout and "echo hi > a.txt" in shown.stdout, shown
    assert mh("audit", "verify", old).returncode == 0
    with sqlite3.connect(_home / "runs.db") as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM _migrations")]
    assert names[:3] == ["m001_runs_steps_artifacts", "m002_eval_results", "m003_audit"]
    assert set(names) == {fn.__name__ for fn in migrations.MIGRATIONS}
    ws = tmp_path / "ws"
    ws.mkdir()
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "write_file", "path": "a.txt", "content": "a\n"},
                                  {"kind": "finish", "answer": "done"}]))
    assert mh("run", "again", "-w", str(ws), "--model", f"scripted:{script}").returncode == 0
    listed = json.loads(mh("runs", "list", "--json").stdout)
    assert [r["status"] for r in listed] == ["succeeded", "succeeded"] and old in {r["id"] for r in listed}
