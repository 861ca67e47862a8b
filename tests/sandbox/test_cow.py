"""Copy-on-write runs on a real git repository: the source is untouched, then `runs diff` / `runs apply`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from macrohard.runner import run_task
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import Task


def mh(*args: str) -> subprocess.CompletedProcess[str]:
    """The `macrohard` command in its own process (MACROHARD_HOME comes from the autouse fixture)."""
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})


def mh_here(*args: str) -> subprocess.CompletedProcess[str]:
    """`macrohard runs diff/apply` in this process (`tests.cli_in_process`: the console script's own ``main``), as it
    reads and writes the same store and source: ~0.5 s of CPU less a call than a Python of its own (suite57). The
    last test here and tests/sandbox/test_writeback.py still run them as their own processes."""
    from tests.cli_in_process import mh as in_process

    return in_process(*args)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.com")
    git(repo, "config", "user.name", "t")
    (repo / "app.py").write_text("def add(a, b):\n    return a - b\n")
    (repo / "README.md").write_text("# project\n")
    (repo / "old.txt").write_text("to be deleted\n")
    (repo / "pkg").mkdir()
    (repo / "pkg" / "data.bin").write_bytes(b"\x00\x01\x02")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "init")
    return repo


def sandbox_run(repo: Path, script: list[dict]) -> str:
    """A real run from ``repo`` in the sandbox; the guard's checks are left out to keep this about the sandbox."""
    store = SQLiteStore()
    run = run_task(Task(text="fix the bug", source=str(repo)), model=ScriptedModel(script), store=store,
                   guard=Guard(checks=[]))
    store.close()
    assert run.status.value == "succeeded", run.error
    assert run.meta["isolation"] == "bwrap" and run.meta["sandbox"]["cow"] == "overlay"
    return run.id


EDITS = [
    {"kind": "edit_file", "path": "app.py", "old": "a - b", "new": "a + b"},
    {"kind": "write_file", "path": "tests/test_app.py", "content": "from app import add\n\nassert add(2, 2) == 4\n"},
    {"kind": "bash", "command": "rm old.txt && git status --short >/dev/null; echo ok"},
]


def test_diff_then_apply(repo: Path) -> None:
    run_id = sandbox_run(repo, [*EDITS, {"kind": "bash", "command": "printf 'x\\0y' > pkg/new.bin"}])
    assert git(repo, "status", "--porcelain") == ""  # the source was not touched
    result = mh_here("runs", "diff", run_id)
    assert result.returncode == 0, result.stderr
    diff = result.stdout
    assert "-    return a - b\n+    return a + b" in diff
    assert "new file mode 100644" in diff and "+++ b/tests/test_app.py" in diff
    assert "deleted file mode 100644" in diff and "-to be deleted" in diff
    assert "Binary files /dev/null and b/pkg/new.bin differ" in diff
    stat = json.loads(mh_here("runs", "diff", run_id, "--json").stdout)
    assert {c["path"]: c["status"] for c in stat["changes"]} == {
        "app.py": "modified", "tests/test_app.py": "added", "old.txt": "deleted", "pkg/new.bin": "added"}

    result = mh_here("runs", "apply", run_id)
    assert result.returncode == 0, result.stderr
    assert "return a + b" in (repo / "app.py").read_text()
    assert (repo / "pkg" / "new.bin").read_bytes() == b"x\0y"
    assert sorted(git(repo, "status", "--porcelain").splitlines()) == [
        " D old.txt", " M app.py", "?? pkg/new.bin", "?? tests/"]
    # applying again is harmless: everything is already there
    assert mh_here("runs", "apply", run_id).returncode == 0


def test_diff_is_accepted_by_git_apply(repo: Path, tmp_path: Path) -> None:
    run_id = sandbox_run(repo, EDITS)
    patch = tmp_path / "run.patch"
    patch.write_text(mh_here("runs", "diff", run_id).stdout)
    subprocess.run(["git", "-C", str(repo), "apply", "--check", str(patch)], check=True)


def test_apply_refuses_when_the_source_changed(repo: Path) -> None:
    run_id = sandbox_run(repo, EDITS)
    # the user changes a file the run also changed, and one the run did not touch
    (repo / "app.py").write_text("def add(a, b):\n    return b - a\n")
    (repo / "README.md").write_text("# project, edited\n")
    result = mh_here("runs", "apply", run_id)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "app.py" in message and "modified in the source since the run started" in message
    assert "README.md" not in message
    # nothing was written: the deleted file is still there, the new test file is not
    assert (repo / "old.txt").exists() and not (repo / "tests").exists()
    assert "return b - a" in (repo / "app.py").read_text()
    dry = json.loads(mh_here("runs", "apply", run_id, "--dry-run", "--json").stdout)
    assert len(dry["conflicts"]) == 1


def test_copy_mode_when_overlay_is_not_used(make_sandbox, repo: Path) -> None:
    from macrohard.envs.changes import apply_changes
    from macrohard.types import WriteFileAction

    from .conftest import run

    env = make_sandbox(source=str(repo), cow="copy")
    assert env.describe()["cow"] == "copy"
    run(env, WriteFileAction(path="app.py", content="print('copied')\n"))
    run(env, "rm README.md")
    assert "return a - b" in (repo / "app.py").read_text()
    env.close()
    assert {c.path: c.status for c in env.changes or []} == {"app.py": "modified", "README.md": "deleted"}
    apply_changes(env.layers.changes, repo, env.changes or [])
    assert (repo / "app.py").read_text() == "print('copied')\n" and not (repo / "README.md").exists()


def test_diff_of_a_run_without_sandbox_says_why(tmp_path: Path) -> None:
    store = SQLiteStore()
    run = run_task(Task(text="nothing", workspace=str(tmp_path / "w")), model=ScriptedModel([]), store=store,
                   guard=Guard(checks=[]), isolation="none")
    store.close()
    assert run.meta["isolation"] == "none" and "sandbox_warning" in run.meta
    result = mh_here("runs", "diff", run.id)
    assert result.returncode == 2 and "only runs in the sandbox" in " ".join(result.stderr.split())


def test_cli_run_from_source_then_diff_and_apply(repo: Path, tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"kind": "write_file", "path": "NOTES.md", "content": "# notes\n"},
                                  {"kind": "finish", "answer": "wrote notes"}]))
    result = mh("run", "write notes", "--source", str(repo), "--model", f"scripted:{script}", "--json")
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout)
    assert run["meta"]["isolation"] == "bwrap" and run["meta"]["sandbox"]["changes"]["added"] == 1
    assert not (repo / "NOTES.md").exists()
    assert "+# notes" in mh("runs", "diff", run["id"]).stdout
    assert mh("runs", "apply", run["id"]).returncode == 0
    assert (repo / "NOTES.md").read_text() == "# notes\n"


def test_cli_no_sandbox_warns_loudly_and_is_recorded(tmp_path: Path) -> None:
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"kind": "finish", "answer": "ok"}]))
    result = mh("run", "nothing", "--no-sandbox", "--model", f"scripted:{script}", "--json",
                "--workspace", str(tmp_path / "w"))
    assert result.returncode == 0, result.stderr
    assert "NO SANDBOX" in result.stderr
    assert json.loads(result.stdout)["meta"]["isolation"] == "none"
