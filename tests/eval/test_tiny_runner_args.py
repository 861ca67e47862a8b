"""benchmarks/tiny_tasks/run.py's --only: ids comma-separated or from @FILE; a name not in the suite is an error that
says which, before any model loads (a typo used to run nothing and crash on an empty median)."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "tiny_tasks" / "run.py"


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(RUN), "--model", "no-such-model", *args], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)


def test_unknown_ids_are_named_before_the_model_loads(tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("# two ids, one misspelt\nno-such-task\n\n", encoding="utf-8")
    for only in ("no-such-task,also-missing", f"@{ids}"):
        out = _run("--only", only)
        assert out.returncode == 2, out.stderr
        assert "not in" in out.stderr and "no-such-task" in out.stderr, out.stderr
        assert "no-such-model" not in out.stderr  # it stopped before asking for the model


def test_an_unreadable_id_file_says_so(tmp_path):
    out = _run("--only", f"@{tmp_path / 'missing.txt'}")
    assert out.returncode == 2 and "cannot read the id file" in out.stderr, out.stderr


def test_ids_from_a_file_select_those_tasks(tmp_path):
    spec = importlib.util.spec_from_file_location("tiny_tasks_run", RUN)
    tiny_run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tiny_run)
    ids = tmp_path / "ids.txt"
    ids.write_text("a\n# b\n c \n", encoding="utf-8")
    assert tiny_run._ids(f"@{ids}", None) == {"a", "c"}
    assert tiny_run._ids("a, b,,c", None) == {"a", "b", "c"}
