"""`macrohard code` end to end on real git repositories: the gate decides what `runs apply` may commit."""

from __future__ import annotations

from pathlib import Path

from macrohard.safety.audit import AuditLog
from macrohard.store.sqlite import default_home

from .conftest import cli, code, git

FIX = {"kind": "edit_file", "path": "calc.py", "old": "return a - b", "new": "return a + b"}
FINISH = {"kind": "finish", "answer": "Fix add: it subtracted"}


def audit_kinds(run_id: str) -> list[str]:
    log = AuditLog(default_home() / "runs.db")
    assert log.verify(run_id) == []
    return [r.kind for r in log.records(run_id)]


def test_a_fix_that_passes_the_gate_is_applied_as_a_commit(tmp_path: Path, repo: Path) -> None:
    check_branch = {"kind": "bash", "command": "git rev-parse --abbrev-ref HEAD && python3 -m pytest -q"}
    result, run = code(tmp_path, repo, [check_branch, FIX, FINISH])
    assert result.exit_code == 0, result.output
    gate = run["meta"]["gate"]
    assert gate["status"] == "passed"
    assert gate["newly_passing"] == ["test_calc::test_add"] and gate["newly_failing"] == []
    assert gate["baseline"]["counts"] == {"passed": 1, "failed": 1, "skipped": 0}
    assert gate["changed"] == ["calc.py"]  # no __pycache__ or junit leftovers
    assert "return a - b" in (repo / "calc.py").read_text()  # the repository is not written by the run
    import json

    steps = json.loads(cli("runs", "show", run["id"], "--json").stdout)["steps"]
    assert f"macrohard/{run['id']}" in steps[0]["observation"]["output"]  # the agent works on its own branch
    diff = cli("runs", "diff", run["id"]).stdout
    assert "+    return a + b" in diff and "__pycache__" not in diff
    shown = cli("runs", "show", run["id"])
    assert "test gate: passed" in shown.stdout and "newly passing: test_calc::test_add" in shown.stdout

    applied = cli("runs", "apply", run["id"], "--author", "Gate Bot <bot@example.com>")
    assert applied.exit_code == 0, applied.output
    branch = f"macrohard/{run['id']}"
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main"  # the user's branch and tree untouched
    assert git(repo, "status", "--porcelain") == ""
    assert "return a + b" in git(repo, "show", f"{branch}:calc.py")
    assert git(repo, "log", "-1", "--format=%an <%ae>|%s", branch) == "Gate Bot <bot@example.com>|Fix add: it subtracted"
    assert git(repo, "rev-parse", f"{branch}^") == git(repo, "rev-parse", "main")
    assert git(repo, "remote") == ""  # nothing to push to, and nothing pushed
    kinds = audit_kinds(run["id"])
    assert kinds.count("gate") == 1 and kinds[-1] == "apply"
    gate_record = next(r for r in AuditLog(default_home() / "runs.db").records(run["id"]) if r.kind == "gate")
    assert gate_record.action["baseline"]["exit_code"] == 1 and gate_record.action["after"]["exit_code"] == 0
    assert len(gate_record.action["after"]["output_sha256"]) == 64


def test_a_change_that_breaks_a_passing_test_is_refused_with_the_list_and_force_is_recorded(tmp_path: Path, repo: Path) -> None:
    breaking = {"kind": "edit_file", "path": "calc.py", "old": "return a * b", "new": "return a ** b"}
    result, run = code(tmp_path, repo, [FIX, breaking, FINISH])
    assert result.exit_code == 1  # claimed done, the gate said no: a false success
    gate = run["meta"]["gate"]
    assert gate["status"] == "failed" and gate["newly_failing"] == ["test_calc::test_mul"]
    assert run["check"]["passed"] is False and "test_mul" in run["error"]

    refused = cli("runs", "apply", run["id"])
    assert refused.exit_code != 0
    assert "newly failing: test_calc::test_mul" in refused.text and "--force" in refused.text
    assert git(repo, "branch", "--list", "macrohard/*") == ""
    assert "override" not in audit_kinds(run["id"])

    forced = cli("runs", "apply", run["id"], "--force")
    assert forced.exit_code == 0, forced.output
    assert "return a ** b" in git(repo, "show", f"macrohard/{run['id']}:calc.py")
    kinds = audit_kinds(run["id"])
    assert kinds[-2:] == ["override", "apply"]
    override = [r for r in AuditLog(default_home() / "runs.db").records(run["id"]) if r.kind == "override"][0]
    assert override.action["flag"] == "--force" and override.action["newly_failing"] == ["test_calc::test_mul"]


def test_a_change_to_the_test_files_alone_is_flagged_and_refused(tmp_path: Path, repo: Path) -> None:
    cheat = {"kind": "edit_file", "path": "test_calc.py", "old": "assert add(2, 3) == 5", "new": "assert add(2, 3) == -1"}
    result, run = code(tmp_path, repo, [cheat, FINISH])
    gate = run["meta"]["gate"]
    assert gate["tests_only"] is True and gate["status"] == "failed"
    assert gate["newly_passing"] == ["test_calc::test_add"]  # the tests pass; the code was not fixed
    shown = cli("runs", "show", run["id"])
    assert "flagged" in shown.stdout and "only test files" in shown.stdout
    assert cli("runs", "apply", run["id"]).exit_code != 0


def test_a_hanging_test_run_times_out_and_counts_as_failing(tmp_path: Path, repo: Path) -> None:
    hang = {"kind": "edit_file", "path": "calc.py", "old": "return a - b",
            "new": "while True:\n        pass"}
    result, run = code(tmp_path, repo, [hang, FINISH], "--test-timeout", "8")
    gate = run["meta"]["gate"]
    assert gate["after"]["timed_out"] is True and gate["status"] == "failed"
    assert "timed out" in gate["reason"]
    assert "test_calc::test_mul" in gate["newly_failing"]
    assert cli("runs", "apply", run["id"]).exit_code != 0


def test_no_test_command_needs_an_explicit_recorded_flag(tmp_path: Path) -> None:
    from .conftest import make_repo

    repo = make_repo(tmp_path / "plain", {"README.md": "hello\n"})
    write = {"kind": "write_file", "path": "NOTES.md", "content": "notes\n"}
    result, run = code(tmp_path, repo, [write, FINISH])
    assert run["meta"]["gate"]["status"] == "no_tests"
    refused = cli("runs", "apply", run["id"])
    assert refused.exit_code != 0 and "--without-tests" in refused.text
    assert cli("runs", "apply", run["id"], "--force").exit_code != 0  # --force is for a failed gate, not a missing one
    patch = tmp_path / "change.patch"
    done = cli("runs", "apply", run["id"], "--without-tests", "--patch", str(patch))
    assert done.exit_code == 0, done.output
    assert "+notes" in patch.read_text()
    assert git(repo, "branch", "--list", "macrohard/*") == ""  # a patch, no commit
    assert audit_kinds(run["id"])[-2:] == ["override", "apply"]


def test_the_baseline_is_cached_by_tree_hash(tmp_path: Path, repo: Path) -> None:
    from macrohard.coding.session import prepare

    _, _, first = prepare(repo)
    _, _, second = prepare(repo)
    assert first is not None and second is not None
    assert not first.cached and second.cached and second.tests == first.tests
    (repo / "calc.py").write_text("def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n")
    git(repo, "commit", "-qam", "fixed by hand")
    _, _, third = prepare(repo)
    assert third is not None and not third.cached and third.counts["failed"] == 0


def test_the_coding_division_with_a_source_is_gated(tmp_path: Path, repo: Path) -> None:
    import json

    from .conftest import cli

    script = tmp_path / "fix.json"
    script.write_text(json.dumps([FIX, FINISH]))
    result = cli("run", "fix add", "--division", "coding", "--source", str(repo), "--model", f"scripted:{script}")
    assert result.exit_code == 0, result.text
    assert "test gate: passed" in result.stdout
    run = json.loads(cli("runs", "list", "--json").stdout)[0]
    assert run["meta"]["division"] == "coding" and run["meta"]["gate"]["status"] == "passed"
