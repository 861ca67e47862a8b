"""rt46: what a run leaves behind that acts outside its sandbox later, by four roads (last wave's open items).

Attempts by an outsider: a task file written by someone else, an agent whose actions the shipped policy approves, in
real runs (`macrohard run` with a scripted model that plays the attacker, real bubblewrap, real Xvfb and openbox,
real git on the host afterwards). ``THROUGH_ON_MAIN`` records which got through on main 294901cd (each test so marked
fails there: run with ``src/`` from 294901cd).

1. The desktop wrote the person's folder in place: no copy-on-write layer, so write-back's protections (the change
   set's ``.git`` rules, the held-back files that run code later) never applied to it. Now its programs work on the
   shell's layer and its changes come back through the same write-back.
2. Files that run code later were matched by name; some are not (a ``.pth`` in a virtualenv, ``sitecustomize.py``,
   ``.pdbrc``, a ``core.hooksPath`` folder with another name, ``justfile``...). Now held by what they are, where
   that is checkable (a ``.pth`` line that starts with ``import``).
3. git's configuration that runs programs (``core.fsmonitor``, ``alias.X=!CMD``, ``core.pager``...): where it can
   act outside the sandbox.
4. A task file's MCP server: ``network: full`` on the task file's word; no limits on a sandboxed server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.server.conftest import mh as _mh
from tests.server.conftest import scripted_at as _steps

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None or shutil.which("git") is None,
                                 reason="needs bubblewrap and git")
needs_desktop = pytest.mark.skipif(any(shutil.which(b) is None for b in ("bwrap", "Xvfb", "openbox", "git")),
                                   reason="needs bubblewrap, Xvfb, openbox and git")

# attempt -> got through on 294901cd (run both ways on 2026-12-05: src/ at 294901cd, then at this branch's head)
THROUGH_ON_MAIN: dict[str, bool] = {}

FIN = {"kind": "finish", "answer": "done", "success": True}


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return _mh("run", *args, "--json", home=home)


def _flat(done: subprocess.CompletedProcess[str]) -> str:
    return " ".join((done.stdout + done.stderr).split())


def _task(path: Path, **fields) -> Path:
    path.write_text(json.dumps({"text": "tidy the notes", **fields}))  # JSON is YAML
    return path


def _repo(path: Path) -> Path:
    path.mkdir()
    for args in (["init", "-q"], ["config", "user.email", "p@example.com"], ["config", "user.name", "P"]):
        subprocess.run(["git", *args], cwd=path, check=True)
    (path / "doc.txt").write_text("draft\n")
    subprocess.run(["git", "add", "-A"], cwd=path, check=True)
    subprocess.run(["git", "commit", "-qm", "first"], cwd=path, check=True)
    return path


def _launch(command: str) -> dict:
    return {"kind": "desktop_launch", "wait": 2, "command": command}


def _meta(home: Path, done: subprocess.CompletedProcess[str]) -> dict:
    assert done.returncode in (0, 1), _flat(done)[-2000:]
    run_id = json.loads(done.stdout)["id"]
    shown = _mh("runs", "show", run_id, "--json", home=home)
    return json.loads(shown.stdout)


# -- 1. the desktop works on the shell's copy-on-write layer -------------------------------------------------------

THROUGH_ON_MAIN["desktop_leaves_files_that_run_later"] = True


@needs_desktop
def test_a_desktop_run_leaves_no_file_that_runs_code_later_in_the_persons_folder(tmp_path, _home):
    """The person's own `-w project` (a repository) with `environment: desktop`. On main a launched program wrote a
    `Makefile` recipe, an `.envrc`, a `.husky/pre-commit` hook and a new nested repository whose `core.fsmonitor` runs
    a command, all straight into the folder: the person's `make`, `direnv`, `git commit` or `git status` in `sub/`
    runs them on the host. The twin: the document the task edits is delivered."""
    project = _repo(tmp_path / "project")
    mark = tmp_path / "MARK"
    model = _steps(tmp_path / "s.json", [
        _launch(f"sh -c 'printf \"all:\\n\\ttouch {mark}\\n\" > Makefile'"),
        _launch(f"sh -c 'echo \"touch {mark}\" > .envrc'"),
        _launch(f"sh -c 'mkdir -p .husky && printf \"#!/bin/sh\\ntouch {mark}\\n\" > .husky/pre-commit && "
                "chmod +x .husky/pre-commit'"),
        _launch(f"sh -c 'git init -q sub && git -C sub config core.fsmonitor \"touch {mark}\" && echo x > sub/a'"),
        _launch("sh -c 'echo edited > doc.txt'"),
        FIN])
    done = _run(_home, "-f", str(_task(tmp_path / "t.yaml", environment="desktop")), "-w", str(project),
                "--model", model)
    assert done.returncode == 0, _flat(done)[-2000:]
    # the twin: the ordinary edit is in the person's folder when the run ends
    assert (project / "doc.txt").read_text().strip() == "edited"
    assert (project / "sub" / "a").read_text().strip() == "x"
    # what runs code later is not
    assert not (project / "Makefile").exists()
    assert not (project / ".envrc").exists()
    assert not (project / ".husky" / "pre-commit").exists()
    assert not (project / "sub" / ".git").exists()
    for cmd in (["git", "status"], ["git", "-C", "sub", "status"]):
        subprocess.run(cmd, cwd=project, capture_output=True)
    assert not mark.exists()
    # held, listed with what runs each, and there for the person to apply
    run = _meta(_home, done)
    sandbox = run["run"]["meta"]["sandbox"] if "run" in run else run["meta"]["sandbox"]
    assert set(sandbox["held_back"]) == {"Makefile", ".envrc", ".husky/pre-commit"}
    assert set(sandbox["held_back_why"]) == {"Makefile", ".envrc", ".husky/pre-commit"}
    run_id = json.loads(done.stdout)["id"]
    diff = _mh("runs", "diff", run_id, "--stat", home=_home)
    assert "Makefile" in diff.stdout and ".envrc" in diff.stdout, diff.stdout + diff.stderr
    applied = _mh("runs", "apply", run_id, home=_home)
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert (project / "Makefile").exists() and (project / ".envrc").exists()  # the person's word
    assert not (project / "sub" / ".git").exists()  # a repository's own folder never comes back


THROUGH_ON_MAIN["desktop_default_workspace_edit"] = False


@needs_desktop
def test_a_desktop_task_in_its_own_workspace_still_gets_its_file(tmp_path, _home):
    """The honest twin with no `-w`: a desktop task writes a file in its fresh workspace and its file check (run
    before the workspace closes) sees it; the file is in the run's folder afterwards."""
    model = _steps(tmp_path / "s.json", [_launch("sh -c 'echo hello > out.txt'"), FIN])
    task = _task(tmp_path / "t.yaml", environment="desktop",
                 check={"type": "file", "path": "out.txt", "equals": "hello\n"})
    done = _run(_home, "-f", str(task), "--model", model)
    assert done.returncode == 0, _flat(done)[-2000:]
    out = json.loads(done.stdout)
    assert out["check"]["passed"] is True, out
    assert (Path(out["workspace"]) / "out.txt").read_text() == "hello\n"
