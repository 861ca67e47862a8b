"""Shared by the suite tests: the benchmark runner, and the proof that a task's oracle is sound (its script
solves it through the real loop, and its check fails on the untouched workspace; for a task that cannot be done,
giving up passes and a claimed success is a false success)."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from macrohard.envs.workspace import _clean_env
from macrohard.eval.checkers import run_check
from macrohard.eval.suite import Check, CommandCheck
from macrohard.testing import ScriptedModel
from macrohard.types import Run, RunStatus, Task

ROOT = Path(__file__).resolve().parents[2]


def load_bench() -> Any:
    """benchmarks/tiny_tasks/run.py as a module."""
    spec = importlib.util.spec_from_file_location("tiny_tasks_run", ROOT / "benchmarks" / "tiny_tasks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def workspace(tmp_path: Path, name: str = "ws") -> Path:
    """A run's own workspace under ``tmp_path``: the ``store`` fixture keeps its SQLite file and journal in
    ``tmp_path`` itself, which must not change inside a sandbox's workspace while the run writes its steps."""
    ws = tmp_path / name
    ws.mkdir()
    return ws


def assert_command_check_fails_untouched(spec: dict[str, Any], tmp_path: Path) -> None:
    """A command check fails on the workspace as the task sets it up (its files, then its setup commands), no work
    done. Part of `assert_oracle_sound`; run alone (``test_heldout_untouched``) for the tasks whose solve is left to
    ``-m oracle_full``, so that every check's "fails untouched" stays in the default run."""
    check = TypeAdapter(Check).validate_python(spec["check"])
    assert isinstance(check, CommandCheck), spec["id"]
    untouched = tmp_path / "untouched"
    untouched.mkdir()
    for rel, content in (spec.get("files") or {}).items():
        (untouched / rel).parent.mkdir(parents=True, exist_ok=True)
        (untouched / rel).write_text(content)
    for command in spec.get("setup") or []:  # in the environment the task's shell has (a fresh HOME has no
        # git identity: the shell's EMAIL is what lets `git commit` in a setup work, in the sandbox and here)
        subprocess.run(["bash", "-c", command], cwd=untouched, check=True, capture_output=True,
                       env=_clean_env(str(untouched)))
    unsolved = run_check(check, str(untouched), Run(task=Task(text=spec["text"])), [])
    assert not unsolved.passed, f"{spec['id']}: the check passes without any work"


def has_command_check(spec: dict[str, Any]) -> bool:
    return spec["check"]["type"] == "command"


def assert_oracle_sound(bench: Any, spec: dict[str, Any], tmp_path: Path, store: Any) -> None:
    if has_command_check(spec):
        assert_command_check_fails_untouched(spec, tmp_path)
    solved = tmp_path / "solved"
    solved.mkdir()
    row = bench.run_one(spec, ScriptedModel(spec["script"]), store, str(solved))
    assert row["status"] == RunStatus.succeeded.value, row
    assert [a for a in row["actions"] if a.get("note")] == [], "a script step was denied or failed"
    assert row["passed"], f"{spec['id']}: the script does not pass its own check"


def assert_give_up_sound(bench: Any, spec: dict[str, Any], tmp_path: Path, store: Any) -> None:
    """An impossible task: the oracle gives up (with its reason) and passes; the same run ending in a claimed
    success fails its check and counts as a false success."""
    honest = tmp_path / "honest"
    honest.mkdir()
    row = bench.run_one(spec, ScriptedModel(spec["script"]), store, str(honest))
    assert row["status"] == RunStatus.gave_up.value, row
    assert [a for a in row["actions"] if a.get("note")] == [], "a script step was denied or failed"
    assert row["passed"] and not row["claimed"] and not row["false_success"], row
    claim = tmp_path / "claim"
    claim.mkdir()
    boast = [*spec["script"][:-1], {"kind": "finish", "answer": "Done, all taken care of."}]
    row = bench.run_one(spec, ScriptedModel(boast), store, str(claim))
    assert row["status"] == RunStatus.succeeded.value, row
    assert row["claimed"] and not row["passed"] and row["false_success"], row


def assert_suite_shape(bench: Any, specs: list[dict[str, Any]], impossible: list[dict[str, Any]],
                       earlier: list[Path]) -> None:
    """What every held-out suite promises: each task has a script and a check; a browser task names its site (in its
    text too) and is checked over HTTP (by its status when it cannot be done); any other task that cannot be done has a
    command that proves nothing was faked; a multi-step task takes two different actions or more;
    on a task that cannot be done the only passing ending is an honest give-up; ids are unique and new."""
    for s in specs:
        assert s["script"] and s["check"], s["id"]
        if "browser" in s["tags"]:
            assert s["environment"] == "browser" and s["site"], s["id"]
            assert s["check"]["type"] == ("status" if "impossible" in s["tags"] else "http"), s["id"]
            assert "{site}" in s["text"], s["id"]
        if "impossible" in s["tags"]:
            assert s["check"].get("command") or "browser" in s["tags"], f"{s['id']}: nothing proves no faking"
    multi = [s for s in specs if "multi" in s["tags"]]
    assert all(len({(a["kind"], a.get("command"), a.get("path")) for a in s["script"] if a["kind"] != "finish"}) >= 2
               for s in multi), "a multi task takes one action"
    for s in impossible:  # the honest ending: give up, and that is the only way to pass
        assert "impossible" in s["tags"] and len(set(s["tags"])) >= 2, s["id"]
        assert s["check"]["expect"] == [RunStatus.gave_up.value], s["id"]
        assert s["script"][-1] == {**s["script"][-1], "kind": "finish", "success": False}, s["id"]
    assert {s["id"] for s in specs if "impossible" in s["tags"]} == {s["id"] for s in impossible}
    ids = [s["id"] for s in specs]
    assert len(set(ids)) == len(ids)
    for path in earlier:
        if path.exists():
            shared = set(ids) & suite_ids(bench, path)
            assert not shared, f"task ids repeat {path.name}: {sorted(shared)}"


_IDS: dict[Path, frozenset[str]] = {}


def suite_ids(bench: Any, path: Path) -> frozenset[str]:
    """A suite file's task ids, read once per test session: every held-out module compares its suite with all the
    earlier ones (over a hundred reads of 0.1 s of YAML each otherwise)."""
    key = path.resolve()
    if key not in _IDS:
        _IDS[key] = frozenset(s["id"] for s in bench.load_suite(path))
    return _IDS[key]


def assert_untouched_fails(spec: dict[str, Any], ws: Path) -> None:
    """A check that is not a command fails too with no work done: a file check on the workspace as the task sets
    it up, a site check on a freshly served site that received nothing."""
    from macrohard.sites import serve

    check = TypeAdapter(Check).validate_python(spec["check"])
    for rel, content in (spec.get("files") or {}).items():
        (ws / rel).parent.mkdir(parents=True, exist_ok=True)
        (ws / rel).write_text(content)
    run = Run(task=Task(text=spec["text"]))
    if spec.get("site"):
        with serve(spec["site"]) as site:
            assert not run_check(check, str(ws), run, [], site=site).passed, spec["id"]
    else:
        assert not run_check(check, str(ws), run, []).passed, spec["id"]


class HeldoutSuite:
    """A held-out suite file loaded once for its test module: the runner, its task specs split into the tasks that
    can be done and those that cannot (a `status` check), and a scripted run of any task by id."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.bench = load_bench()
        self.specs: list[dict[str, Any]] = self.bench.load_suite(path)
        _IDS.setdefault(path.resolve(), frozenset(s["id"] for s in self.specs))
        self.possible = [s for s in self.specs if s["check"]["type"] != "status"]
        self.impossible = [s for s in self.specs if s["check"]["type"] == "status"]

    def assert_shape(self, earlier: list[Path], *, tasks: int = 64, per_area: int = 11, multi: int = 16,
                     browser: int = 5, browser_impossible: int = 0, impossible: int = 10) -> None:
        """The make-up a suite since heldout13 was written to: ``tasks`` in all that the platform's own loader takes
        (`macrohard eval run FILE`), at least ``per_area`` that can be done and 2 that cannot in each of files, shell,
        text and git, ``multi`` multi-step, ``browser`` browser tasks that can be done (``browser_impossible`` that
        cannot), exactly ``impossible`` that cannot; then `assert_suite_shape` against every earlier suite (each of
        which must exist: the comparison really reads them)."""
        from collections import Counter

        from macrohard.eval.suite import load_suite

        assert len(load_suite(self.path).tasks) == len(self.specs) == tasks
        tags = Counter(tag for s in self.specs for tag in s["tags"])
        for area in ("files", "shell", "text", "git"):
            assert tags[area] - sum(area in s["tags"] for s in self.impossible) >= per_area, (area, tags)
            assert sum(area in s["tags"] for s in self.impossible) >= 2, (area, tags)
        assert tags["multi"] >= multi, tags
        assert sum("browser" in s["tags"] for s in self.possible) >= browser, tags
        assert sum("browser" in s["tags"] for s in self.impossible) >= browser_impossible, tags
        assert tags["impossible"] == len(self.impossible) == impossible, tags
        assert all(len(s["tags"]) == len(set(s["tags"])) for s in self.specs)
        assert_suite_shape(self.bench, self.specs, self.impossible, earlier)
        assert all(p.exists() for p in earlier), earlier

    def spec(self, task_id: str) -> dict[str, Any]:
        return next(s for s in self.specs if s["id"] == task_id)

    def run(self, task_id: str, script: list[dict[str, Any]], store: Any, tmp_path: Path) -> dict[str, Any]:
        """The task played by the scripted model through the real loop, in a fresh workspace under ``tmp_path``."""
        return self.bench.run_one(self.spec(task_id), ScriptedModel(script), store, str(workspace(tmp_path)))


def heldout_file(number: int) -> Path:
    """benchmarks/heldout/heldoutN.yaml (the first is heldout.yaml)."""
    return ROOT / "benchmarks" / "heldout" / ("heldout.yaml" if number == 1 else f"heldout{number}.yaml")


class BlindSuite(HeldoutSuite):
    """Held-out suite ``number`` (since heldout13, each written blind by helper heldoutNw), whose test module shows
    it sound: every oracle script solves its task through the real loop (sandbox, guard, Chromium on the local
    sites), every check fails on the untouched workspace, every impossible task (a `status` check) passes when the
    agent gives up and fails when it claims success (a false success), faking what was missing and then giving up
    fails too, plausible wrong answers claimed are false successes, other correct ways pass, and the suite is new (no
    task id shared with the ``earlier`` held-out suites, compared as ids only)."""

    def __init__(self, number: int) -> None:
        super().__init__(heldout_file(number))
        self.earlier = [heldout_file(n) for n in range(1, number)]

    def assert_shape(self, earlier: list[Path] | None = None, **make_up: int) -> None:
        """`HeldoutSuite.assert_shape` against every suite before this one."""
        super().assert_shape(self.earlier if earlier is None else earlier, **make_up)


class _Oracles:
    """The standard proofs every held-out suite's test module runs, as classes to subclass (pytest collects the
    subclass, named ``Test…``; ``suite`` is the module's `HeldoutSuite`). The test names stay what they were in each
    module, so ``conftest._frozen_sampled`` and ``-k`` find them as before."""

    suite: HeldoutSuite

    def pytest_generate_tests(self, metafunc: Any) -> None:
        cases = {
            "test_script_solves_task_and_check_needs_it": self.suite.possible,
            "test_file_and_site_checks_fail_untouched":
                [s for s in self.suite.possible if s["check"]["type"] in ("file", "http")],
            "test_giving_up_passes_and_claiming_success_is_false": self.suite.impossible,
        }[metafunc.function.__name__]
        assert cases, f"{self.suite.path.name} has no task for {metafunc.function.__name__}: leave that proof out"
        metafunc.parametrize("spec", cases, ids=[s["id"] for s in cases])


class OracleSolves(_Oracles):
    def test_script_solves_task_and_check_needs_it(self, spec: dict[str, Any], tmp_path: Path, store: Any) -> None:
        """The oracle script solves its task through the real loop (and a command check fails untouched)."""
        assert_oracle_sound(self.suite.bench, spec, workspace(tmp_path), store)


class OracleGivesUp(_Oracles):
    def test_giving_up_passes_and_claiming_success_is_false(self, spec: dict[str, Any], tmp_path: Path,
                                                            store: Any) -> None:
        assert_give_up_sound(self.suite.bench, spec, workspace(tmp_path), store)


class OracleUntouched(_Oracles):
    def test_file_and_site_checks_fail_untouched(self, spec: dict[str, Any], tmp_path: Path) -> None:
        assert_untouched_fails(spec, workspace(tmp_path))


class SuiteOracles(OracleSolves, OracleUntouched, OracleGivesUp):
    """All three proofs, as every suite since heldout11 runs them."""
