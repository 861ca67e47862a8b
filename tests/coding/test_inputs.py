"""Test detection, bad repositories, flaky and network-needing tests: each with the message it must give."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from macrohard.coding.detect import TestCommand, detect
from macrohard.coding.gate import judge, run_tests
from macrohard.coding.repo import check_repo
from macrohard.errors import UserError

from .conftest import CALC, TESTS, cli, git, make_repo


def tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize(("files", "runner", "why"), [
    ({".macrohard.yaml": "test: ./run-tests.sh\ntimeout: 60\n", "test_x.py": "import pytest\n"}, "custom", ".macrohard.yaml"),
    ({"pyproject.toml": "[tool.pytest.ini_options]\n", "src/a.py": ""}, "pytest", "pyproject.toml"),
    ({"tests/test_a.py": "import pytest\ndef test_a(): pass\n"}, "pytest", "imports pytest"),
    ({"tests/test_a.py": "import unittest\n"}, "unittest", "all use unittest"),
    ({"tests/test_a.py": "def test_a():\n    assert True\n"}, "pytest", "plain test functions"),
    ({"tox.ini": "[tox]\nenvlist = py3\n"}, "tox", "network"),
    ({"package.json": json.dumps({"scripts": {"test": "jest"}})}, "npm", "scripts.test: jest"),
    ({"go.mod": "module x\n"}, "go", "go.mod"),
    ({"Cargo.toml": "[package]\n"}, "cargo", "Cargo.toml"),
    ({"Makefile": "all:\n\ttrue\ntest:\n\ttrue\n"}, "make", "`test:` target"),
])
def test_detection_names_the_runner_and_why(tmp_path: Path, files: dict[str, str], runner: str, why: str) -> None:
    found = detect(tree(tmp_path, files))
    assert found.command is not None and found.command.runner == runner
    assert why in found.command.reason
    if runner == "custom":
        assert found.command.command == "./run-tests.sh" and found.command.timeout == 60


def test_nothing_found_is_said_with_what_was_looked_for(tmp_path: Path) -> None:
    found = detect(tree(tmp_path, {"README.md": "hi", "package.json": json.dumps(
        {"scripts": {"test": "echo \"Error: no test specified\" && exit 1"}})}))
    assert found.command is None
    assert "no test command found" in found.summary() and "package.json without a test script" in found.summary()


def test_a_macrohard_yaml_without_a_test_command_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no `test:` command"):
        detect(tree(tmp_path, {".macrohard.yaml": "timeout: 3\n"}))


def test_bad_repositories_are_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a git repository: run `git init"):
        check_repo(tree(tmp_path / "plain", {"a.py": ""}))
    git(tmp_path / "plain", "init", "-q")
    with pytest.raises(UserError, match="no commit yet"):
        check_repo(tmp_path / "plain")
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})
    (repo / "calc.py").write_text("changed\n")
    with pytest.raises(UserError, match=r"uncommitted changes \(calc.py\).*git stash -u"):
        check_repo(repo)
    git(repo, "checkout", "-q", "calc.py")
    (repo / "new.py").write_text("")
    with pytest.raises(UserError, match="uncommitted changes"):
        check_repo(repo)
    (repo / "new.py").unlink()
    git(repo, "checkout", "-q", "--detach")
    with pytest.raises(UserError, match="detached HEAD: check out a branch"):
        check_repo(repo)
    git(repo, "checkout", "-q", "main")
    with pytest.raises(UserError, match="too large for a coding run"):
        check_repo(repo, max_files=1)
    assert check_repo(repo).branch == "main"
    (repo / "sub").mkdir()
    with pytest.raises(UserError, match="give its root"):
        check_repo(repo / "sub")


def test_a_submodule_is_refused(tmp_path: Path) -> None:
    inner = make_repo(tmp_path / "inner", {"x.py": ""})
    outer = make_repo(tmp_path / "outer", {"a.py": ""})
    subprocess.run(["git", "-C", str(outer), "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(inner),
                    "inner"], check=True, capture_output=True)
    git(outer, "commit", "-qm", "sub")
    with pytest.raises(UserError, match="submodules"):
        check_repo(outer)


def test_code_refuses_a_dirty_repository_before_any_run(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})
    (repo / "calc.py").write_text("x\n")
    result = cli("code", "fix it", "--source", str(repo), "--model", "scripted:/dev/null")
    assert result.exit_code != 0 and "commit or stash them" in result.text
    assert "x\n" == (repo / "calc.py").read_text()  # nothing lost


FLAKY = """import os

def test_flaky():
    # passes on the 1st and 3rd run in this directory, fails on the 2nd: a test that depends on state
    n = int(open("count").read()) if os.path.exists("count") else 0
    open("count", "w").write(str(n + 1))
    assert n != 1
"""


def test_a_disagreement_is_rerun_once_and_reported_flaky(tmp_path: Path) -> None:
    command = TestCommand(command="python3 -B -m pytest -q -p no:cacheprovider --junitxml=.macrohard-junit.xml",
                          runner="pytest", reason="test", timeout=60)
    work = tree(tmp_path / "t", {"test_f.py": FLAKY, "lib.py": "X = 1\n"})
    before = run_tests(work, command)
    assert before.tests == {"test_f::test_flaky": "passed"}
    report = judge(work, before, command, changed=["lib.py"])
    assert report.rerun is not None and report.flaky == ["test_f::test_flaky"]
    assert report.status == "failed" and "flaky" in report.reason


def test_tests_that_need_the_network_fail_in_the_sandbox_and_say_so(tmp_path: Path) -> None:
    command = TestCommand(command="python3 -B -m pytest -q -p no:cacheprovider --junitxml=.macrohard-junit.xml",
                          runner="pytest", reason="test", timeout=60)
    work = tree(tmp_path / "n", {"test_net.py": "import urllib.request\n\ndef test_fetch():\n"
                                 "    urllib.request.urlopen('http://example.com', timeout=5)\n"})
    result = run_tests(work, command)
    assert result.tests == {"test_net::test_fetch": "failed"}
    assert "need the network" in result.network_note


def test_unittest_results_are_read_per_test(tmp_path: Path) -> None:
    work = tree(tmp_path / "u", {"test_u.py": "import unittest\n\nclass T(unittest.TestCase):\n"
                                 "    def test_ok(self):\n        pass\n\n    def test_bad(self):\n        self.fail('no')\n"})
    found = detect(work)
    assert found.command is not None and found.command.runner == "unittest"
    result = run_tests(work, found.command)
    assert result.tests == {"test_u.T.test_ok": "passed", "test_u.T.test_bad": "failed"}
    assert result.exit_code == 1


def test_a_module_that_failed_to_collect_is_judged_by_its_tests_once_collected() -> None:
    from macrohard.coding.gate import TestRun, compare

    before = TestRun(command="c", runner="pytest", exit_code=2, tests={"test_six": "failed", "test_a::test_x": "passed"})
    fixed = TestRun(command="c", runner="pytest", exit_code=0,
                    tests={"test_six::test_one": "passed", "test_six::test_two": "skipped", "test_a::test_x": "passed"})
    assert compare(before, fixed, changed=["six.py"]).status == "passed"
    broken = fixed.model_copy(update={"tests": {**fixed.tests, "test_six::test_two": "failed"}})
    report = compare(before, broken, changed=["six.py"])
    assert report.status == "failed" and "test_six" in report.reason
