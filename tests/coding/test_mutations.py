"""The mutation benchmark's machinery on a small project made here (no download): seeded mutations, the
filter that keeps only those a test catches, the oracle that undoes each, and one task through the gate."""

from __future__ import annotations

import json
from pathlib import Path

from macrohard.coding.benchset import PYTEST, _failing, manifest
from macrohard.coding.detect import TestCommand
from macrohard.coding.mutations import candidates, keep_failing, sample
from macrohard.coding.session import run_coding
from macrohard.testing import ScriptedModel

from .conftest import make_repo

LIB = '''"""A tiny library."""


def clamp(x, low, high):
    if x < low:
        return low
    if x > high:
        return high
    return x


def last(items, n=1):
    return items[len(items) - n:]


def untested(x):
    if x == 3:
        return 4
    return x
'''
TESTS = '''from lib import clamp, last


def test_clamp():
    assert clamp(5, 0, 10) == 5
    assert clamp(-1, 0, 10) == 0
    assert clamp(11, 0, 10) == 10


def test_last():
    assert last([1, 2, 3]) == [3]
    assert last([1, 2, 3], 2) == [2, 3]
'''


def test_candidates_cover_the_three_operators_and_each_oracle_restores_the_file() -> None:
    found = list(candidates("lib.py", LIB))
    assert {m.operator for m in found} == {"flip", "off_by_one", "drop_branch"}
    original = LIB.split("\n")
    for mutation in found:
        mutated = "\n".join(mutation.apply(original))
        assert mutated != LIB
        edit = mutation.oracle(original)
        assert mutated.count(edit["old"]) == 1
        assert mutated.replace(edit["old"], edit["new"]) == LIB
    flips = {m.what for m in found if m.operator == "flip"}
    assert "`<` flipped to `>=`" in flips and "`==` flipped to `!=`" in flips


def test_sampling_is_seeded() -> None:
    a = [(m.start, m.operator) for m in sample({"lib.py": LIB}, 5, 6)]
    assert a == [(m.start, m.operator) for m in sample({"lib.py": LIB}, 5, 6)]
    assert a != [(m.start, m.operator) for m in sample({"lib.py": LIB}, 6, 6)] or len(set(a)) < 2


def test_only_mutations_a_test_catches_are_kept_and_the_oracle_passes_the_gate(tmp_path: Path) -> None:
    project = tmp_path / "p"
    project.mkdir()
    (project / "lib.py").write_text(LIB)
    (project / "test_lib.py").write_text(TESTS)
    command = TestCommand(command=f"{PYTEST} -x", runner="pytest", reason="test", timeout=60)
    untested = [m for m in candidates("lib.py", LIB) if m.start in (18, 19)]  # inside `untested`: no test sees it
    caught = [m for m in candidates("lib.py", LIB) if m.what == "`<` flipped to `>=`"]
    kept = keep_failing(project, untested + caught, _failing(command), 5)
    assert [m for m, _ in kept] == caught and kept[0][1] == ["test_lib::test_clamp"]
    assert (project / "lib.py").read_text() == LIB  # the project is restored after each try

    mutation = caught[0]
    repo = make_repo(tmp_path / "task", {"lib.py": "\n".join(mutation.apply(LIB.split("\n"))), "test_lib.py": TESTS})
    oracle = ScriptedModel([mutation.oracle(LIB.split("\n")), {"kind": "finish", "answer": "Fix clamp"}])
    run, report = run_coding("fix the failing test", repo, model=oracle)
    assert report.status == "passed" and report.newly_passing == ["test_lib::test_clamp"]
    assert run.status.value == "succeeded" and not run.false_success


def test_the_manifest_names_versions_and_hashes() -> None:
    spec = manifest()
    assert sum(p["tasks"] for p in spec["projects"]) >= 50
    for project in spec["projects"]:
        assert project["version"] and len(project["sha256"]) == 64 and project["files"]
    json.dumps(spec)


def test_the_tasks_make_an_eval_suite_that_starts_from_each_repository(tmp_path: Path) -> None:
    from macrohard.coding.benchset import suite_yaml
    from macrohard.eval.suite import parse_suite

    mutation = next(m for m in candidates("lib.py", LIB) if m.operator == "flip")
    task = {"id": "lib-01-flip", "text": "fix it", "repo": str(tmp_path / "r"), "operator": "flip", "path": "lib.py",
            "what": mutation.what, "oracle": mutation.oracle(LIB.split("\n"))}
    suite = parse_suite(suite_yaml([task]))
    assert suite.tasks[0].to_task().source == str(tmp_path / "r")
    assert suite.tasks[0].script is not None and suite.tasks[0].script[0]["kind"] == "edit_file"
