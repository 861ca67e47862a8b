"""benchmarks/tiny_tasks/run.py's --only: ids comma-separated or from @FILE; a name not in the suite is an error that
says which, before any model loads (a typo used to run nothing and crash on an empty median)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[2] / "benchmarks" / "tiny_tasks" / "run.py"


@pytest.fixture(scope="module")
def tiny_run():
    spec = importlib.util.spec_from_file_location("tiny_tasks_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _error(tiny_run, capsys, *args: str) -> str:
    with pytest.raises(SystemExit) as stop:
        tiny_run.main(["--model", "no-such-model", *args])
    assert stop.value.code == 2
    return capsys.readouterr().err


def test_unknown_ids_are_named_before_the_model_loads(tiny_run, capsys, tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("# two ids, one misspelt\nno-such-task\n\n", encoding="utf-8")
    for only in ("no-such-task,also-missing", f"@{ids}"):
        err = _error(tiny_run, capsys, "--only", only)
        assert "not in" in err and "no-such-task" in err, err
        assert "no-such-model" not in err  # it stopped before asking for the model


def test_an_unreadable_id_file_says_so(tiny_run, capsys, tmp_path):
    assert "cannot read the id file" in _error(tiny_run, capsys, "--only", f"@{tmp_path / 'missing.txt'}")


def test_ids_from_a_file_select_those_tasks(tiny_run, tmp_path):
    ids = tmp_path / "ids.txt"
    ids.write_text("a\n# b\n c \n", encoding="utf-8")
    assert tiny_run._ids(f"@{ids}", None) == {"a", "c"}
    assert tiny_run._ids("a, b,,c", None) == {"a", "b", "c"}
