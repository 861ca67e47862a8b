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
    done = mh("eval", "run", str(suite), "-m", "scripted", "--json", timeout=60)  # before: killed here, at 60 s
    said = flat(done)
    assert done.returncode == 2 and "Traceback" not in said, said[-2000:]
    assert f"{suite}: a suite whose aliases (`*name`, each repeating what `&name` marks) expand to more than " \
           "1,000,000 items" in said, said[-2000:]
    assert "write out what you need" in said
    # suite62: no `took < 30`: refused as it is read (the message above); mh's 60 s timeout is the hang bound (before
    # the fix: 167 s, killed there)


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


def test_a_suite_file_too_large_to_be_one_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """`macrohard eval run huge.yaml`, a suite of 221 MB (2.5 million one-line tasks; or any large file given by
    mistake). Before: read and parsed for 300 s and 7.4 GB under `ulimit -v 8 GB` (the machine's memory without it),
    nothing printed. Task files had a 2 MiB cap; suites, policies, divisions and video scripts none. Now 16 MiB, said
    before the file is read. (17-18 MiB here: on 294901cd it parses for ~30 s, then starts 190,000 runs.)"""
    suite = tmp_path / "huge.yaml"
    line = '  - {id: tN, text: "say hi to the world and list the files in this folder please"}\n'
    with suite.open("w") as fh:
        fh.write("name: huge\ntasks:\n")
        fh.writelines(line.replace("tN", f"t{n}") for n in range(17 * 2**20 // len(line) + 1))
    started = time.monotonic()
    done = mh("eval", "run", str(suite), "-m", "scripted", "--json", timeout=90)
    said = flat(done)
    assert done.returncode == 2 and "Traceback" not in said, said[-2000:]
    assert f"suite {suite} is larger than 16 MiB (" in said and "MiB), so it was not read" in said, said[-2000:]
    assert "split it into several files" in said
    assert time.monotonic() - started < 60


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


# -- the answer screen's heads, loaded in the background (item 4) ----------------------------------------------------

def _heads_installed() -> bool:
    from macrohard.safety import content_embed, gemma_table

    return content_embed.encoder() is not None and gemma_table.available()


def test_the_answer_screens_heads_load_while_the_agent_works(tmp_path: Path) -> None:
    """Before: the first final answer of a process paid the screen's lazy loads (Gemma's word memo, the MiniLM ONNX
    session and head, the other-language heads): 590-770 ms for a German answer, 175 ms for an English one, at load
    ~5 (benchmarks/RESULTS.md, rel46). Now they load in a daemon thread from the run's first step: when the agent
    answers 4 s later, they are loaded, and the answer screen loads nothing."""
    import pytest

    from macrohard.runner import run_task
    from macrohard.safety import content_embed, gemma_table, warm
    from macrohard.safety.guard import Guard
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    if not _heads_installed():
        pytest.skip("the answer screen's MiniLM or Gemma parts are not installed here")
    # a process where the screen never ran: what a user's `macrohard run` is
    for cached in (gemma_table.words, content_embed._encoder, content_embed.head):
        cached.cache_clear()
    warm.timings.clear()
    seen: list[tuple[int, int]] = []
    screen = Guard.screen_answer

    def look(self: Guard, answer: str, ctx: object) -> object:
        seen.append((gemma_table.words.cache_info().currsize, content_embed._encoder.cache_info().currsize))
        return screen(self, answer, ctx)  # type: ignore[arg-type]

    Guard.screen_answer = look  # type: ignore[method-assign]
    try:
        run = run_task(Task(text="list the files"), model=ScriptedModel([
            {"kind": "bash", "command": "sleep 4"},  # the agent's work (a real model thinks for seconds)
            {"kind": "finish", "answer": "Ich habe die Dateien aufgelistet: a.txt und b.txt."}]))
    finally:
        Guard.screen_answer = screen  # type: ignore[method-assign]
    assert run.status.value == "succeeded", run.error
    assert seen == [(1, 1)], seen  # loaded before the answer came: the screen did not load them
    # by the warm-up (what else it reached before the answer stopped it depends on the machine's load: at load ~10
    # the word memo took 1.7 s, MiniLM 0.9 s, the first English screen 1.1 s)
    assert {"words", "encoder"} <= set(warm.timings), warm.timings


def test_a_run_that_answers_at_once_takes_nothing_from_the_warm_up(tmp_path: Path) -> None:
    """The twin: a run whose answer comes before the warm-up's grace second (a script, a cached reply) waits for
    nothing and loads nothing in the background: its start and its end are as before."""
    from macrohard.runner import run_task
    from macrohard.safety import warm
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    warm.timings.clear()
    run = run_task(Task(text="list the files"), model=ScriptedModel([{"kind": "finish", "answer": "nothing there"}]))
    assert run.status.value == "succeeded", run.error
    thread = warm._thread
    assert thread is not None
    thread.join(5)
    assert not thread.is_alive() and warm.timings == {}, warm.timings


_EXIT_WHILE_LOADING = """
import sys, time
from macrohard.runner import screens_ready
screens_ready()
from macrohard.safety import warm
warm.GRACE_SECONDS = 0
warm.start()
time.sleep(float(sys.argv[1]))
print("leaving with", sorted(warm.timings))
"""


def test_a_process_that_ends_while_the_heads_load_exits_cleanly() -> None:
    """A run (or chat) that ends while the warm-up loads a head: the process must end at once and cleanly. Left to
    the interpreter's end, an ONNX session half made aborted it ("terminate called without an active exception",
    exit 134, a native backtrace after the run's last line): found while writing the warm-up, fixed before it
    landed (the warm-up stops and lets the part it loads finish, at exit)."""
    import pytest

    if not _heads_installed():
        pytest.skip("the answer screen's MiniLM or Gemma parts are not installed here")
    for delay in ("0", "0.3", "0.5", "0.8"):
        started = time.monotonic()
        done = subprocess.run([sys.executable, "-c", _EXIT_WHILE_LOADING, delay], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(SRC)}, timeout=120)
        assert done.returncode == 0 and "terminate called" not in done.stderr, (delay, done.stderr[-2000:])
        assert "leaving with" in done.stdout
        assert time.monotonic() - started < 90


# -- what rel45 left: the line about a recovered run ------------------------------------------------------------------

def test_the_next_run_says_a_dead_runs_mounts_were_detached_and_where_its_files_are(tmp_path: Path,
                                                                                   _home: Path) -> None:
    """`macrohard run` killed with its mount reaper (`kill -9` of the process tree, the OOM killer) mid-step, then
    the next `macrohard run`. Before: "run X was left running by a process that died: now crashed", and nothing of
    the three mounts it detached nor of where the dead run's files were (rel45's left-open). Now the line says both,
    and the commands that show and write the files."""
    import signal

    import pytest

    from macrohard.envs.mounts import mount_points

    if os.geteuid() != 0 or not os.path.exists("/dev/loop-control"):
        pytest.skip("mounts a disk image (root, loop devices)")
    sys.path.insert(0, str(REPO / "tests"))
    from reliability.test_recover import start
    from reliability.test_signals import _reaper

    ws = tmp_path / "ws"
    ws.mkdir()
    proc = start(tmp_path, ws)
    reaper = _reaper(proc.pid)
    assert reaper is not None
    os.kill(reaper, signal.SIGSTOP)
    os.kill(proc.pid, signal.SIGKILL)
    os.kill(reaper, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert len(mount_points(_home)) == 3, mount_points(_home)
    from macrohard.store.sqlite import SQLiteStore

    dead = SQLiteStore().list_runs(limit=1)[0].id
    done = mh("run", "say hi", "-m", _finish_script(tmp_path), "-w", str(ws))
    said = flat(done)
    assert done.returncode == 0, said[-2000:]
    assert mount_points(_home) == []
    assert (f"run {dead} was left running by a process that died: now crashed; its sandbox's 3 mount(s) were "
            "detached (nothing of it is mounted now); the steps it finished are kept (`macrohard runs show "
            f"{dead}`); its files (2 added) are kept in {_home / 'sandboxes' / dead}: `macrohard runs diff {dead}` "
            f"shows them, `macrohard runs apply {dead}` writes them into its workspace") in said, said[-3000:]
    assert "+kept" in mh("runs", "diff", dead).stdout


def test_the_summarys_time_keeps_the_screens_first_build_apart(tmp_path: Path, monkeypatch: object) -> None:
    """The first `macrohard run` in a fresh HOME builds the screens' tables (minutes: 696 s under load in rel45's
    probe) and says so: "preparing the screens' tables once for this HOME, before the run's clock starts". Before,
    the summary's `time` then counted them (696 s for a 2-step run: rel45's left-open). Now the run's time is its
    own, and the build is said apart. (The build is stood in for by 2 s here; the real one is the same call.)"""
    import pytest

    sys.path.insert(0, str(REPO / "tests"))
    from cli_in_process import mh as mh_here
    from macrohard.safety import embed

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(embed, "prepared", lambda: False)
    monkeypatch.setattr(embed, "prepare", lambda say=None: time.sleep(2.0))
    done = mh_here("run", "say hi", "-m", _finish_script(tmp_path))
    said = flat(done)
    assert done.returncode == 0, said[-2000:]
    import re

    got = re.search(r"time (\d+\.\d) s, and (\d+\.\d) s before it preparing the screens' tables once for this HOME "
                    r"\(not the run's time; the next runs skip it\)", said)
    assert got is not None, said[-2000:]
    assert float(got.group(2)) >= 2.0 and float(got.group(1)) < float(got.group(2)) + 30, got.groups()
    # the twin: the next run builds nothing, and its time is said as it always was
    monkeypatch.setattr(embed, "prepared", lambda: True)
    again = flat(mh_here("run", "say hi", "-m", _finish_script(tmp_path)))
    assert re.search(r"time \d+\.\d s model", again) and "preparing" not in again, again[-2000:]
