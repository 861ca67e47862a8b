"""`macrohard run task.yaml` (the `-f` forgotten) is refused before anything runs, with the command that runs the file;
before, the file's name went to the agent as the task (lead, fortieth wave)."""

from __future__ import annotations

import pytest
from tests.cli_in_process import mh


@pytest.mark.parametrize("arg", ["task.yaml", "suites/My-Task.YML", " t.yml "])
def test_a_lone_yaml_name_is_refused_with_the_fix(tmp_path, arg):
    result = mh("run", arg, env={"MACROHARD_HOME": str(tmp_path / "home")})
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"macrohard run -f {arg.strip()}" in result.stderr
    assert "looks like a task file" in result.stderr
    assert not (tmp_path / "home").exists() or not list((tmp_path / "home").rglob("runs.db"))


def test_a_task_in_words_that_names_a_yaml_file_is_not_refused_by_this_check(tmp_path):
    # several words: a real task about a file; the check must not refuse it (it fails later, on the missing model
    # server, which proves it got past the hint)
    result = mh("run", "validate config.yaml", "--model", "http://127.0.0.1:9/v1#x", "--json",
                env={"MACROHARD_HOME": str(tmp_path / "home")})
    assert "looks like a task file" not in result.stderr
