"""rel46's holes, found as an outsider through `macrohard …` as a user would meet them, each kept as a test that failed
before its fix (on 294901cd). The table of before and after is in benchmarks/RESULTS.md, rel46's section."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SRC = REPO / "src"


def mh(*args: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess[str]:
    """`macrohard ARGS` in its own process, as a user runs it (under the test's MACROHARD_HOME)."""
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200", **env})


def flat(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stdout + done.stderr).split())


def _finish_script(tmp_path: Path) -> str:
    script = tmp_path / "ok.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "echo hi"}, {"kind": "finish", "answer": "hi"}]))
    return f"scripted:{script}"


# -- bad input at the front door --------------------------------------------------------------------------------------

def _laughs(levels: int, indent: str) -> str:
    """A "billion laughs": `a0` nine strings, each next level nine aliases of the one before (9**(levels+1))."""
    lines = [f'{indent}a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{indent}a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_yaml_bomb_in_a_suite_is_refused_at_once_naming_the_fix(tmp_path: Path) -> None:
    """`macrohard eval run bomb.yaml`: a 1.3 KB suite whose one scripted action carries nine levels of nine aliases
    (3.9 billion strings once followed). YAML loads it at once (the repeated list is one object), but the run dumps
    the script's action and pydantic walks it: before, 167 s and 3.5 GB under `ulimit -v 6 GB` (without a limit, the
    machine's memory) to end as "lost: not executed: ValidationError: 1 validation error for tagged-union[…]". Now
    the suite is refused as it is read, in a second, naming the fix."""
    suite = tmp_path / "bomb.yaml"
    suite.write_text("name: bomb\ntasks:\n  - id: t1\n    text: say hi\n    script:\n      - kind: finish\n"
                     "        answer: hi\n        junk:\n" + _laughs(10, "          "))
    assert suite.stat().st_size < 2000
    started = time.monotonic()
    done = mh("eval", "run", str(suite), "-m", "scripted", "--json", timeout=60)  # before: killed here, at 60 s
    took = time.monotonic() - started
    said = flat(done)
    assert done.returncode == 2 and "Traceback" not in said, said[-2000:]
    assert f"{suite}: a suite whose aliases (`*name`, each repeating what `&name` marks) expand to more than " \
           "1,000,000 items" in said, said[-2000:]
    assert "write out what you need" in said
    assert took < 30, took


def test_honest_aliases_still_load(tmp_path: Path) -> None:
    """The twin: a suite that shares a script by alias (a few repeats, the way people use `&`/`*`) runs as before."""
    suite = tmp_path / "shared.yaml"
    suite.write_text("name: shared\ntasks:\n"
                     "  - id: t1\n    text: say hi\n    script: &say\n      - {kind: bash, command: echo hi}\n"
                     "      - {kind: finish, answer: hi}\n"
                     + "".join(f"  - id: t{n}\n    text: say hi\n    script: *say\n" for n in range(2, 5)))
    done = mh("eval", "run", str(suite), "-m", "scripted", "--json", timeout=300)
    assert done.returncode == 0, flat(done)[-2000:]
    report = json.loads(done.stdout)
    assert report["state"] == "complete" and report["overall"]["passed"] == 4, report["overall"]


def test_a_scripted_model_file_with_an_action_macrohard_does_not_know_is_refused_before_the_run(tmp_path: Path) -> None:
    """`macrohard run "…" -m scripted:a.json` where a.json says `{"type": "finish", …}` (`type` for `kind`, or a
    `bash` with no `command`). Before: the run started, the step that played it raised a pydantic traceback
    ("1 validation error for tagged-union[BashAction,ReadFileAction,… 30 names]"), exit 1, the run left `crashed`.
    Now: refused before the run, the action's number, what is wrong and the kinds named."""
    wrong = tmp_path / "a.json"
    for script, what in (([{"type": "finish", "answer": "hi"}], "action 1 is not one macrohard knows (it has no "
                          "`kind`)"),
                         ([{"kind": "bash", "command": "ls"}, {"kind": "bash"}], "action 2 is not one macrohard "
                          "knows (bash.command: Field required)")):
        wrong.write_text(json.dumps(script))
        done = mh("run", "say hi", "-m", f"scripted:{wrong}")
        said = flat(done)
        assert done.returncode == 2 and "Traceback" not in said, said[-3000:]
        assert f"the script {wrong}: {what}" in said, said[-2000:]
        assert "the kinds: bash, read_file, write_file" in said
    listed = mh("runs", "list")
    assert "crashed" not in flat(listed), flat(listed)
    # the twin: a right script runs
    assert mh("run", "say hi", "-m", _finish_script(tmp_path)).returncode == 0


# -- the run store ----------------------------------------------------------------------------------------------------

def test_another_programs_sqlite_database_at_the_stores_path_is_left_unchanged(tmp_path: Path, _home: Path) -> None:
    """MACROHARD_HOME pointed at another tool's folder, or a browser's `places.sqlite` copied to `runs.db`: a SQLite
    database, but not macrohard's. Before, `macrohard run` opened it as its store: switched it to WAL, created
    macrohard's thirty tables, views and triggers beside the other program's own, and wrote the run into it (the
    other program's file changed for good, and the run recorded in a file the user will move away). Now: refused,
    nothing written, the fix named."""
    _home.mkdir(parents=True, exist_ok=True)
    db = _home / "runs.db"
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.execute("INSERT INTO moz_places (url) VALUES ('https://example.org/')")
    other.commit()
    other.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for args in (("run", "say hi", "-m", _finish_script(tmp_path)), ("runs", "list")):
        done = mh(*args)
        said = flat(done)
        assert done.returncode == 2 and "Traceback" not in said, (args, said[-2000:])
        assert (f"the file at the run store's path {db} is another program's SQLite database (its tables: "
                "moz_places; none is `_migrations`, which every macrohard store has), so macrohard did not open it, "
                "and changed nothing in it") in said, said[-2000:]
        assert "set MACROHARD_HOME to another directory" in said
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert not Path(f"{db}-wal").exists()
    # the fix said works: moved away, a fresh store; and that store opens again (the twin: macrohard's own database)
    db.rename(tmp_path / "places.sqlite")
    assert mh("run", "say hi", "-m", _finish_script(tmp_path)).returncode == 0
    listed = mh("runs", "list")
    assert listed.returncode == 0 and "succeeded" in flat(listed), flat(listed)
