"""Suite files: built-ins load, defaults merge, mistakes are reported with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.errors import TaskFileError
from macrohard.eval.suite import CommandCheck, FileCheck, builtin_names, load_suite, parse_suite


def test_builtin_suites_load() -> None:
    names = builtin_names()
    assert {"tiny", "coding", "browser", "safety"} <= set(names)
    for name in names:
        suite = load_suite(name)
        assert suite.tasks and suite.name == name
        for task in suite.tasks:
            assert task.check is not None, f"{name}/{task.id} has no check"


def test_defaults_merge_and_override() -> None:
    suite = parse_suite("""
name: s
defaults: {environment: shell, budget: {max_steps: 8, max_seconds: 30}, tags: [d]}
tasks:
  - {id: a, text: do a, check: {type: command, command: "true"}}
  - {id: b, text: do b, budget: {max_steps: 3}, tags: [x], check: {type: file, path: f, contains: y}}
""")
    a, b = suite.tasks
    assert a.budget.max_steps == 8 and a.tags == ["d"]
    assert b.budget.max_steps == 3 and b.budget.max_seconds == 30 and b.tags == ["x"]
    assert isinstance(a.check, CommandCheck) and isinstance(b.check, FileCheck)
    assert b.to_task("scripted").budget.max_steps == 3


@pytest.mark.parametrize("text, words", [
    ("name: s\ntasks: []\n", "tasks"),
    ("name: s\ntasks:\n  - {id: a, text: t, check: {type: file, path: f}}\n", "exactly one"),
    ("name: s\ntasks:\n  - {id: a, text: t, check: {type: nope}}\n", "check"),
    ("name: s\ntasks:\n  - {id: a, text: t}\n  - {id: a, text: u}\n", "twice"),
    ("name: s\ntasks:\n  - {id: a, text: t, colour: red}\n", "colour"),
    ("name: [unclosed\n", "not valid YAML"),
])
def test_bad_suites_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(TaskFileError, match=words):
        parse_suite(text, "bad.yaml")


def test_unknown_suite_lists_builtins(tmp_path: Path) -> None:
    with pytest.raises(TaskFileError, match="tiny"):
        load_suite(tmp_path / "missing.yaml")
