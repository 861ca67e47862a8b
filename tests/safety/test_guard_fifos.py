"""A named pipe where the guard reads a file never holds a review: ``open()`` of a pipe waits for a writer that never
comes, and guard15 found ``mkfifo run.sh; bash run.sh`` held the review forever. The same held for the other readers
(a requirements file, a package.json, a git config, a pickle, a program's ELF header) until they opened files through
``safety.regular``; and a pipe the guard could not read is asked about. Each review runs in a child process with a deadline, so a hang fails the test instead of the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REVIEW = """
import json, sys
from macrohard.safety.commands import analyze
print(json.dumps(sorted(analyze(sys.argv[1], [sys.argv[2]]).findings)))
"""

CASES = {
    "requirements.txt": (["requirements.txt"], "pip install -r requirements.txt"),
    "package.json": (["package.json"], "npm install"),
    "a local module's package.json": (["node_modules/lib/package.json"], "node -e \"require('lib')\""),
    "a git config": ([".git/config"], "git status"),
    "a pickle": (["x.pkl"], "python3 -c \"import pickle; pickle.load(open('x.pkl', 'rb'))\""),
    "a program": (["app"], "./app"),
    "a Makefile": (["Makefile"], "make"),
    "a Rust source": (["src/main.rs"], "cargo build"),
    "a C source": (["x.c"], "gcc -o x x.c"),
    "a script": (["run.sh"], "bash run.sh"),
    # guard20's readers (the lead, wave 20: `.sqliterc` and a user site's `.pth` held the review forever)
    "a home start-up file": ([".sqliterc"], "sqlite3 db.sqlite 'select 1'"),
    "a user site .pth": ([".local/lib/python3.11/site-packages/x.pth"], "python3 -c 1"),
    "a pickle run as a module": (["x.pkl"], "python3 -m pickle x.pkl"),
    "a doctest file": (["t.txt"], "python3 -m doctest t.txt"),
    "a zip app": (["app.pyz"], "python3 app.pyz"),
    "a diff": (["p.diff"], "git apply p.diff"),
    # guard30's reader of sourced files for a `cd` inside (linecwd.moves_unseen) opened them plainly: the 30th
    # wave's CI run held `bash run.sh` for 60 s after `./run.sh`, on `source run.sh`
    "a sourced script": (["go.sh"], "source go.sh; sh s.sh"),
    "a dot-sourced script": (["go.sh"], ". ./go.sh && sh s.sh"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_named_pipe_never_holds_the_review(tmp_path, case):
    pipes, command = CASES[case]
    for rel in pipes:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if rel.startswith(".git/"):
            (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
        os.mkfifo(path)
        if rel.endswith(("pre-commit", "app")):
            path.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run([sys.executable, "-c", REVIEW, command, str(tmp_path)], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the review of {command!r} waited on a named pipe for 30 s")
    assert done.returncode == 0, done.stderr[-2000:]
    # not read is not safe: the program reads what a writer puts in the pipe when it runs
    assert "dynamic" in json.loads(done.stdout.strip().splitlines()[-1]), done.stdout
