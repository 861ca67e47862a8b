"""The shell-and-files environment: a persistent bash session plus file tools on one workspace.

Isolation is pluggable: ``isolation="none"`` runs bash directly on the host (tests of the loop,
explicit opt-out); the sandbox module supplies the bubblewrap launcher.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from typing import Any

from macrohard.envs.admit import admit
from macrohard.envs.files import FileTools
from macrohard.envs.shell import DEFAULT_ARGV, ShellSession
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardFacts
from macrohard.types import (
    BashAction,
    EditFileAction,
    FinishAction,
    ListDirAction,
    Observation,
    ReadFileAction,
    WriteFileAction,
)


class WorkspaceEnvironment:
    """Bash and file tools on a workspace directory."""

    kind = "shell"
    action_types = (BashAction, ReadFileAction, WriteFileAction, EditFileAction, ListDirAction, FinishAction)

    def __init__(self, workspace: str | None = None, *, argv: list[str] | None = None,
                 env: dict[str, str] | None = None, shell_dir: str | None = None) -> None:
        self._owns_workspace = workspace is None
        self.workspace = os.path.abspath(workspace or tempfile.mkdtemp(prefix="macrohard-ws-"))
        self.argv = argv or list(DEFAULT_ARGV)
        self.env = env if env is not None else _clean_env(self.workspace)
        self.shell_dir = shell_dir or self.workspace  # the workspace path as seen by the shell
        self.files = FileTools(self.workspace)
        self.session: ShellSession | None = None
        self._snapshots: dict[str, str] = {}
        self.ready_at: float | None = None  # when the workspace was ready, before any command ran (GuardFacts.since)

    def start(self) -> None:
        os.makedirs(self.workspace, exist_ok=True)
        self.ready_at = self.ready_at or time.time()
        self.session = ShellSession(self.argv, cwd=self.workspace, env=self.env, start_dir=self.shell_dir)
        self.session.start()

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)  # before anything starts: a void approval starts nothing
        if done is not None:
            return done
        self._prepare()
        if isinstance(action, BashAction):
            return self._bash(action)
        if isinstance(action, ReadFileAction):
            return self.files.read(action)
        if isinstance(action, WriteFileAction):
            return self.files.write(action)
        if isinstance(action, EditFileAction):
            return self.files.edit(action)
        if isinstance(action, ListDirAction):
            return self.files.list(action)
        raise AssertionError(f"admit let through {action.kind!r}, which {type(self).__name__} lists but does not run")

    def _prepare(self) -> None:
        """What must exist before an approved action runs (the sandbox starts its shell and layers here)."""

    def guard_facts(self) -> GuardFacts:
        """The shell's directory from the kernel, and the network its commands have (the host's, unsandboxed)."""
        session = self.session
        # not started: it starts in shell_dir; started but unreadable: "/" (relative paths judged as outside)
        cwd = self.shell_dir if session is None or session.proc is None else session.kernel_cwd() or "/"
        jobs, detached = (0, 0) if session is None or session.proc is None else session.jobs_left()
        shell = None if session is None or session.proc is None else session.identity()
        return GuardFacts(cwd=cwd, shell=shell, network="full", jobs=jobs, detached=detached, since=self.ready_at)

    def _bash(self, action: BashAction) -> Observation:
        if self.session is None:
            self.start()
        assert self.session is not None
        result = self.session.run(action.command, timeout=action.timeout)
        output = result.output if result.output else "(no output)"
        if result.exit_code not in (0, None):
            output += f"\n[exit code {result.exit_code}]"
        return Observation(output=output, exit_code=result.exit_code, error=result.exit_code != 0,
                           truncated=result.truncated, meta={"cwd": result.cwd, "timed_out": result.timed_out})

    # -- snapshots: a copy of the workspace tree (the sandbox replaces this with overlay layers)

    def snapshot(self) -> str:
        snap = tempfile.mkdtemp(prefix="macrohard-snap-")
        shutil.copytree(self.workspace, snap, symlinks=True, dirs_exist_ok=True)
        snap_id = os.path.basename(snap)
        self._snapshots[snap_id] = snap
        return snap_id

    def restore(self, snapshot_id: str) -> None:
        snap = self._snapshots[snapshot_id]
        _empty_dir(self.workspace)
        shutil.copytree(snap, self.workspace, symlinks=True, dirs_exist_ok=True)
        if self.session is not None:
            self.session.restart()

    def reset(self) -> None:
        _empty_dir(self.workspace)
        if self.session is not None:
            self.session.last_dir = self.shell_dir
            self.session.restart()

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
            self.session = None
        for snap in self._snapshots.values():
            shutil.rmtree(snap, ignore_errors=True)
        self._snapshots.clear()


def _empty_dir(path: str) -> None:
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def _clean_env(workspace: str) -> dict[str, str]:
    """A small, predictable environment: nothing of the user's secrets leaks into the shell."""
    return {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": workspace,
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "PAGER": "cat",
        "GIT_PAGER": "cat",
        "PS1": "",
        # git's last resort for the committer's address, below any user.email a repository or the task sets: without
        # it `git commit` in a fresh repository fails with "Author identity unknown" (the shell's HOME has no config)
        "EMAIL": "agent@macrohard.invalid",
    }
