"""Run one task end to end: workspace, environment, guard, model, store. Used by the CLI and executors."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from macrohard.agent import Agent, StepCallback
from macrohard.envs import make_environment
from macrohard.errors import TaskFileError
from macrohard.models import get_model
from macrohard.safety import audit
from macrohard.safety.approval import Approved
from macrohard.safety.context import ApprovalCallback, GuardContext
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore, default_home
from macrohard.types import BashAction, Run, RunStatus, Task, WriteFileAction


def prepare_workspace(task: Task, run_id: str) -> str:
    """The task's workspace, or a fresh one under the data dir (a ``source`` run works on a layer over the source)."""
    if task.source:
        return str(Path(task.source).expanduser().resolve())
    if task.workspace:
        path = Path(task.workspace).expanduser().resolve()
    else:
        path = default_home() / "workspaces" / run_id
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


def setup_environment(env: Any, guard: Guard, task: Task, run: Run) -> None:
    """Create the task's files and run its setup commands, each reviewed by the guard like any action."""
    ctx = GuardContext(workspace=env.workspace, run_id=run.id, task_text=task.text, environment=env.kind,
                       network=task.network, budget=task.budget)
    actions: list[Any] = [WriteFileAction(path=p, content=c) for p, c in task.files.items()]
    actions += [BashAction(command=c, timeout=300) for c in task.setup]
    for action in actions:
        verdict = guard.review(action, ctx)
        if not verdict.allowed:
            raise TaskFileError(f"the task's setup step {action.model_dump_json()} was refused by the guard: "
                                f"{verdict.reason}")
        approved: Approved[Any] = guard.approve(action, verdict, ctx)
        obs = env.execute(approved)
        if obs.error:
            raise TaskFileError(f"the task's setup step failed: {action.model_dump_json()}\n{obs.output}")


def run_task(task: Task, *, model: Any = None, store: Any = None, guard: Guard | None = None,
             on_step: StepCallback | None = None, approve: ApprovalCallback | None = None,
             isolation: str | None = None, run: Run | None = None, env_options: dict[str, Any] | None = None) -> Run:
    """Run ``task`` to its end and return the finished ``Run`` (also in the store)."""
    store = store if store is not None else SQLiteStore()
    model = model if model is not None else get_model(task.model)
    guard = guard if guard is not None else Guard.from_policy()  # $MACROHARD_POLICY, the user's, or the default
    run = run or Run(task=task, model=model.name)
    workspace = prepare_workspace(task, run.id)
    run.workspace = workspace
    # the shell runs in bubblewrap unless the caller opted out explicitly (--no-sandbox, MACROHARD_ISOLATION=none)
    isolation = isolation or os.environ.get("MACROHARD_ISOLATION") or ("bwrap" if task.environment == "shell" else "none")
    run.meta["isolation"] = isolation
    env_options = dict(env_options or {})
    sandboxed = isolation == "bwrap" and task.environment == "shell"
    if sandboxed:
        env_options.setdefault("state_dir", str(default_home() / "sandboxes" / run.id))
    elif isolation == "none" and task.environment == "shell":
        run.meta["sandbox_warning"] = "commands ran on the host without a sandbox (explicit opt-out)"
        logging.getLogger("macrohard").warning("run %s: NO SANDBOX, commands run on the host unconfined", run.id)
    store.create_run(run)
    audit.attach(guard, store)  # setup steps and every step after are in the run's audit chain
    env = make_environment(task, workspace, isolation=isolation, **env_options)
    try:
        try:
            env.start()
            if sandboxed:  # the sandbox: network, limits that applied, copy-on-write layers
                run.meta["sandbox"] = env.describe()
                store.update_run(run)
            setup_environment(env, guard, task, run)
        except Exception as exc:
            run.status, run.error, run.finished_at = RunStatus.failed, str(exc), time.time()
            store.update_run(run)
            raise
        agent = Agent(model, env, guard, store, on_step=on_step, approve=approve)
        return agent.run(task, run)
    finally:
        env.close()
        if sandboxed:  # the change set is known only once the workspace is closed
            run.meta["sandbox"] = env.describe()
            store.update_run(run)
