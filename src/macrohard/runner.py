"""Run one task end to end: workspace, environment, guard, model, store. Used by the CLI and executors."""

from __future__ import annotations

import errno
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from macrohard import stopping
from macrohard.agent import Agent, StepCallback
from macrohard.envs import make_environment
from macrohard.envs.mounts import owner_record
from macrohard.errors import ConfigError, MacrohardError, Stopped, TaskFileError, UserError
from macrohard.models import get_model
from macrohard.recovery import recover, said
from macrohard.safety import audit, warm
from macrohard.safety.context import ApprovalCallback, GuardContext, GuardFacts
from macrohard.safety.guard import Guard
from macrohard.store.sqlite import SQLiteStore, default_home
from macrohard.types import BashAction, CheckResult, Run, RunStatus, Task, WriteFileAction

CloseProgress = Callable[[int, int, int], None]


def prepare_workspace(task: Task, run_id: str) -> str:
    """The task's workspace, or a fresh one under the data dir (a ``source`` run works on a layer over the source).

    A workspace or source that holds macrohard's own data, or lies inside it, is refused first, for every
    environment and every caller (``refuse_own_data``): the runner, a ``GuardedSession`` (Gymnasium)."""
    if task.environment in IN_PLACE and task.workspace:
        refuse_home_in_place(task.workspace, task.environment)
    refuse_own_data(task.workspace, task.source)
    if task.source:
        return str(Path(task.source).expanduser().resolve())
    if task.workspace:
        path = Path(task.workspace).expanduser().resolve()
    else:
        path = default_home() / "workspaces" / run_id
    path.mkdir(parents=True, exist_ok=True)
    return str(path)


IN_PLACE = ("desktop", "browser")  # environments whose programs write the workspace itself, not a layer over it


def refuse_home_in_place(workspace: str, kind: str) -> None:
    """rt45b: a task file names its workspace. The desktop (and the browser's downloads) write it in place, so
    ``environment: desktop`` with ``workspace: "~"`` put the person's start-up and tool settings in the agent's
    reach (``git config -f .gitconfig core.fsmonitor CMD``, allowed as the sandbox's own git, ran CMD at the
    person's next ``git status`` anywhere). Refused: the home directory, a folder that holds it, and the hidden
    folders of it (``~/.config``, ``~/.ssh``, ``~/.local``...). A project folder in it is fine."""
    top = Path(workspace).expanduser().resolve()
    user_home = Path(os.path.expanduser("~")).resolve()
    hidden = top.is_relative_to(user_home) and top != user_home and \
        top.relative_to(user_home).parts[0].startswith(".")
    if top == user_home or top in user_home.parents or hidden:
        raise UserError(f"the {kind} works on its workspace in place, and {top} is "
                        + ("a hidden folder of your home directory" if hidden else "your home directory or holds it")
                        + f": its programs would change your settings and start-up files. Give the {kind} a "
                        "project folder (or none: a fresh one is made)")


def own_data_dirs() -> list[Path]:
    """Where macrohard keeps its own data, which no run's workspace may hold or be inside: the data dir (the run
    store with every run's steps and the chat's history, the policy file, divisions, wallet keys, other runs'
    workspaces and sandboxes), the cache (the embed tables the injection screen reads, the served-port
    registry) and the runtime registry."""
    from macrohard.envs.served import registry_dirs
    from macrohard.safety.embed import cache_dir

    dirs = [default_home(), cache_dir(), *(d.parent for d in registry_dirs())]
    return list(dict.fromkeys(d.expanduser().resolve() for d in dirs))


def refuse_own_data(workspace: str | None, source: str | None) -> None:
    """rt45b: a task (a task file, a Gymnasium task, a web request) names its own workspace. Before, only one that
    *held* the data dir was refused, and only for the shell's sandbox: ``workspace: <data dir>/workspaces`` let
    the agent read every other run's files, and ``environment: desktop`` with ``workspace: <data dir>`` (the
    desktop writes its workspace in place) let it rewrite the user's ``policy.yaml`` for the next run and the run
    store. Now a workspace or source that is, holds or lies inside one of ``own_data_dirs`` is refused, except
    one run's own folder, ``<data dir>/workspaces/<name>`` (the default workspace; going on in an earlier run's)."""
    home = default_home().expanduser().resolve()
    for what, root in (("workspace", workspace), ("source", source)):
        if not root:
            continue
        top = Path(root).expanduser().resolve()
        if top.parent == home / "workspaces" and top.name not in ("", ".", ".."):
            continue  # one run's folder: its own (the default), or an earlier run's the person goes on in
        for own in own_data_dirs():
            if own == top or top in own.parents:
                raise UserError(f"the {what} {top} holds macrohard's own data ({own}: the run store, other runs' "
                                "files, the policy, the caches): the agent would read other runs and could change "
                                f"what the next run is allowed. Give a {what} that does not contain it, or set "
                                f"MACROHARD_HOME to a directory outside {top}")
            if own in top.parents:
                raise UserError(f"the {what} {top} lies inside macrohard's own data ({own}: the run store, other "
                                "runs' files, the policy, the caches): the agent would read other runs and could "
                                f"change what the next run is allowed. Give a {what} outside {own} (a fresh one "
                                "is made when none is given)")


def setup_environment(env: Any, guard: Guard, task: Task, run: Run) -> None:
    """Create the task's files and run its setup commands, each reviewed by the guard like any action.

    Every step is authorized for the environment that executes it, which verifies the approval before
    it acts. The shell environment runs them itself, inside its sandbox (or, after an explicit
    --no-sandbox, the way it runs everything). Browser and desktop cannot: a ``SetupEnvironment`` runs
    them (commands in a fresh sandbox over the workspace with the network the environment was built
    with, files written jailed to the workspace) — never the host."""
    from macrohard.envs.setup import SetupEnvironment

    target = env
    if env.kind != "shell":
        facts = env.guard_facts() if callable(getattr(env, "guard_facts", None)) else GuardFacts()
        target = SetupEnvironment(env.workspace, network=facts.network or task.network,
                                  allow_hosts=getattr(env, "allowed_hosts", None) or task.allow_hosts)
    # network and cwd: filled in by authorize from the executing environment's own facts
    ctx = GuardContext(workspace=env.workspace, run_id=run.id, task_text=task.text, environment=env.kind,
                       budget=task.budget)
    actions: list[Any] = [WriteFileAction(path=p, content=c) for p, c in task.files.items()]
    actions += [BashAction(command=c, timeout=300) for c in task.setup]
    for action in actions:
        authorization = guard.authorize(action, ctx, env=target)
        if authorization.approved is None:
            raise TaskFileError(f"the task's setup step {action.model_dump_json()} was refused by the guard: "
                                f"{authorization.verdict.reason}")
        obs = target.execute(authorization.approved)
        if obs.error:
            raise TaskFileError(f"the task's setup step failed: {action.model_dump_json()}\n{obs.output}")


def check_run(check: Any, env: Any, run: Run, store: Any, *, site: Any = None,
              script: list[dict[str, Any]] | None = None, guard: Guard | None = None) -> CheckResult:
    """Run the task's check after the agent finished and before the workspace closes, in a fresh sandbox
    over it (the run's network and limits), and store its result on the run beside the agent's claim.
    A check command is reviewed by ``guard`` like the task's setup (``eval.checkers.reviewed_runner``)."""
    from macrohard.envs.sandbox import SandboxEnvironment
    from macrohard.eval.checkers import reviewed_runner, run_check, sandboxed_runner
    from macrohard.eval.suite import CommandCheck, StatusCheck

    limits = env.config.limits if isinstance(env, SandboxEnvironment) else None
    workspace = getattr(env, "host_workspace", env.workspace)  # the desktop's layer (rt46), where its files are now
    if isinstance(check, CommandCheck | StatusCheck):  # the author's command line: the guard reviews it
        command_runner = reviewed_runner(workspace, run, limits, guard=guard)
    else:  # a python check calls the author's function (nothing for the guard to read), sandboxed all the same
        command_runner = sandboxed_runner(workspace, run, limits)
    try:
        result = run_check(check, workspace, run, store.steps(run.id), script=script, site=site,
                           command_runner=command_runner)
    except MacrohardError as exc:  # no sandbox for the check (bubblewrap missing): a failed check, said why
        result = CheckResult(passed=False, detail=f"the check could not run: {exc}")
    run.check = result
    if run.false_success:
        run.error = f"the agent claimed success, but the task's check failed: {result.detail}"
    store.update_run(run)
    return result


def control_files(guard: Guard, run: Run) -> tuple[str, ...]:
    """The files that configure this run and the next ones: the policy in force ($MACROHARD_POLICY, --policy), the
    task file (``run.meta["task_file"]``, set by `macrohard run -f`) and the files its MCP servers start from.
    rt42: a run with --write-back rewrote the policy file in its workspace, and the next run with that policy was
    allowed `curl … | sh`; one that rewrote its task file gave the next run an MCP "server" that ran on the host."""
    names = [getattr(guard.policy, "source", None), os.environ.get("MACROHARD_POLICY"), run.meta.get("task_file")]
    # the programs and scripts of the task's MCP servers: they start on the host, outside the sandbox, next run too
    names += [arg for server in run.task.mcp for arg in (server.command or []) if os.path.isfile(arg)]
    return tuple(dict.fromkeys(str(Path(n).expanduser().absolute()) for n in names
                               if isinstance(n, str) and n and not n.startswith("<")))


def _refuse_own_data_inside(workspace: str, source: str | None, state_dir: Path) -> None:
    """A workspace or source that holds macrohard's own data (the run store, this run's sandbox state and its
    layer image): the agent would read other runs' records, and the run's change set would be its own sandbox (a
    2 GiB layer image copied as an "added" file in tens of seconds, the store's write-ahead log as "modified", which
    `runs apply` would write back over the live store). Refused before the run is recorded, with the fix."""
    own = [p.resolve() for p in (default_home(), state_dir)]
    for what, root in (("workspace", workspace), ("source", source)):
        if not root:
            continue
        top = Path(root).expanduser().resolve()
        inside = next((p for p in own if p == top or top in p.parents), None)
        if inside is not None:
            raise UserError(f"the {what} {top} holds macrohard's own data ({inside}: the run store and the "
                            "sandboxes' images): the agent would read other runs and this run's changes would be "
                            f"its own sandbox. Give a {what} that does not contain it, or set MACROHARD_HOME to a "
                            f"directory outside {top}")


def run_task(task: Task, *, model: Any = None, store: Any = None, guard: Guard | None = None,
             on_step: StepCallback | None = None, approve: ApprovalCallback | None = None,
             isolation: str | None = None, run: Run | None = None, env_options: dict[str, Any] | None = None,
             check: Any = None, site: Any = None, script: list[dict[str, Any]] | None = None,
             on_close: CloseProgress | None = None, prompt: str | None = None,
             extra_envs: Sequence[Any] = (), on_note: Callable[[str], None] | None = None) -> Run:
    """Run ``task`` to its end and return the finished ``Run`` (also in the store).

    ``check`` (an ``eval.suite`` check): run after the agent finished, its result stored as ``run.check``
    (``site``, ``script``: what an http or blocked check needs). Runs that died in earlier processes
    are recovered first (``recovery.py``). ``on_close(done, total, bytes)`` follows the sandbox's
    close (recording the changes), which can take seconds. ``prompt`` and ``extra_envs``: a division's
    system prompt and the executors of its extra actions (``divisions.runtime.run_division``). ``on_note(text)``:
    what the run waits for before its first step, for the person watching it (the screens' one-time build:
    ``PREPARING``, then "" when it is done); logged when None.
    """
    store = store if store is not None else SQLiteStore()
    recover_dead_runs(store)
    model = model if model is not None else get_model(task.model)
    guard = guard if guard is not None else Guard.from_policy()  # $MACROHARD_POLICY, the user's, or the default
    run = run or Run(task=task, model=model.name)
    run.meta["owner"] = owner_record()  # who runs it: a later start can tell a killed run from a live one
    if task.mcp:  # rt46: a server's `network: full` needs the person's word; refused before anything is made
        from macrohard.mcp.placement import place

        place(task.mcp, network=run.meta.get("mcp_network") or ())
    workspace = prepare_workspace(task, run.id)
    run.workspace = workspace
    # the shell runs in bubblewrap unless the caller opted out explicitly (--no-sandbox, MACROHARD_ISOLATION=none)
    isolation = isolation or os.environ.get("MACROHARD_ISOLATION") or (
        "bwrap" if task.environment in ("shell", "browser", "desktop") else "none")
    run.meta["isolation"] = isolation
    env_options = dict(env_options or {})
    # rt46: the desktop's programs work on the shell's copy-on-write layer too, their changes written back the same way
    sandboxed = isolation == "bwrap" and task.environment in ("shell", "desktop", "browser")
    if sandboxed:
        env_options.setdefault("state_dir", str(default_home() / "sandboxes" / run.id))
        _refuse_own_data_inside(workspace, task.source, Path(env_options["state_dir"]))
    elif isolation == "none" and task.environment == "shell":
        run.meta["sandbox_warning"] = "commands ran on the host without a sandbox (explicit opt-out)"
        logging.getLogger("macrohard").warning("run %s: NO SANDBOX, commands run on the host unconfined", run.id)
    # made before the run is recorded: an environment that cannot be made leaves no run `running`
    env = make_environment(task, workspace, isolation=isolation, **env_options)
    if hasattr(env, "held_back"):  # the run's own configuration is never written back by the agent's change set
        env.held_back = control_files(guard, run)
    store.create_run(run)
    audit.attach(guard, store)  # setup steps and every step after are in the run's audit chain
    try:
        try:
            env.start()
            if hasattr(env, "describe"):  # the sandbox: network, limits that applied, copy-on-write layers
                run.meta["sandbox"] = env.describe()
                store.update_run(run)
            setup_environment(env, guard, task, run)
            built = time.monotonic()
            if screens_ready(_noting(run, store, on_note), stopped=_stop_asked(run, store)):  # a cache that cannot be written is the
                # user's to fix: the run `failed`, with the fix; a stop while it builds ends the run `interrupted`
                # rel46 (rel45's left-open): the summary's time counted these once-per-HOME builds (696 s for a 2-step
                # run) though the log line says "before the run's clock starts": kept apart, said apart
                run.meta["screens_built_s"] = round(time.monotonic() - built, 1)
                store.update_run(run)
            warm.start()  # the answer screen's heads load while the agent works (rel46: the first answer paid them)
        except Exception as exc:
            # ux54: a stop before the first step (the screens' build stopped with the process) is `interrupted`
            stopped = isinstance(exc, Stopped) or stopping.why_stopped(run.id, run.parent_id) is not None
            run.status = RunStatus.interrupted if stopped else RunStatus.failed
            run.error, run.finished_at = str(exc), time.time()
            store.update_run(run)
            raise
        tools = _mcp_tools(task, env, run)  # the task's MCP servers: their tools as guarded mcp_call actions
        try:
            agent = Agent(model, env, guard, store, on_step=on_step, approve=approve, prompt=prompt,
                          extra_envs=[*extra_envs, *tools])
            run = agent.run(task, run)
        finally:
            for executor in tools:
                executor.close()
        if check is not None:
            check_run(check, env, run, store, site=site, script=script, guard=guard)
        return run
    except KeyboardInterrupt as exc:  # Ctrl-C (or SIGTERM/SIGHUP made one) outside the agent's loop: while the
        # sandbox starts, a setup command runs or a check runs. Before (rel22): the run stayed `running`, exit 1
        if run.status is RunStatus.running:
            run.status, run.error = RunStatus.interrupted, str(exc) or "interrupted by the user (Ctrl-C)"
            run.finished_at = time.time()
            store.update_run(run)
        raise
    finally:
        _unwatch(run, store)  # the stop file watched for the build (the agent's own watch ended with it)
        close_environment(env, run, store, sandboxed=sandboxed, on_close=on_close)


# rel53b: what a run waiting for the screens' one-time build says to the person watching it (the web's run page, the
# terminal). The figures: the MiniLM table's own "about 3 minutes on 2 idle cores" (embed._build_once) and the Gemma
# table and ONNX graph after it; under load RESULTS.md has 696 s (rel45), 1,508 s (a fresh HOME's demo at load 10-20),
# over 12 min (ux52, load 12-16), and rel53b's probe did not end within 30 min at load 22 (niced)
PREPARING = ("preparing the safety screens (once for this machine's cache, ~{est}; not counted in the run's time; "
             "`python -m macrohard.safety.embed build` does it ahead)")
PREPARING_EST = "4 min on 2 idle cores, 10-25 min under load"


def screens_ready(say: Callable[[str], None] | None = None, *,
                  stopped: Callable[[], str | None] | None = None) -> bool:
    """The screens' cached tables and graph, built before the agent's clock starts: on a machine or HOME that has
    not built them yet (``install.sh`` does, for its user), their one-time build (minutes) is said (``say``, else
    the log) and is not spent from the task's wall-time budget. A screen whose parts are missing says so itself when
    it runs. Returns whether they were built now; ``say("")`` once they are (or could not be).

    ``stopped()``: why the run was asked to stop (None while it goes on), looked at every quarter second while the
    build runs; a stop raises ``KeyboardInterrupt(why)`` at once (the run is ``interrupted``) and the build goes on in
    the background for the next run (rel54, rel53b's left open: a web Stop or `runs stop` took effect after the build,
    minutes later, and `runs stop` said "still running")."""
    from macrohard.safety import embed

    if embed.prepared():
        return False
    text = PREPARING.format(est=PREPARING_EST)
    if say is None:
        logging.getLogger("macrohard").warning("%s", text)
    else:  # rel53b (ux52's left open): a web run's page showed only "working on step 1" for minutes
        say(text)
    try:
        if stopped is None:
            _prepare(embed)
        else:
            _prepare_unless_stopped(embed, stopped)
    finally:
        if say is not None:
            say("")
    return True


def _prepare_unless_stopped(embed: Any, stopped: Callable[[], str | None]) -> None:
    import threading

    failed: list[BaseException] = []

    def build() -> None:
        try:
            _prepare(embed)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting run
            failed.append(exc)

    builder = threading.Thread(target=build, name="macrohard-screens-build", daemon=True)
    builder.start()
    while builder.is_alive():
        builder.join(0.25)
        if builder.is_alive() and (why := stopped()) is not None:
            raise KeyboardInterrupt(why)
    if failed:
        raise failed[0]


NOTE_KEY = "waiting_for"  # run.meta (server.live.running_note reads it): what a running run waits for before its first step (the screens' build)


def _noting(run: Run, store: Any, on_note: Callable[[str], None] | None) -> Callable[[str], None]:
    """``on_note`` (else the log), and the note kept in the run's record while it holds (``NOTE_KEY``): a page of
    `macrohard serve` watching a run of another process (`macrohard run` in a terminal) says it too (ux56: it said
    "working on step 1 · 226 s (the model chooses an action …)" for the minutes of a fresh HOME's build)."""

    def note(text: str) -> None:
        if text:
            run.meta[NOTE_KEY] = text
        else:
            run.meta.pop(NOTE_KEY, None)
        try:
            store.update_run(run)
        except Exception:  # noqa: BLE001 - a note is not worth failing the run for
            logging.getLogger("macrohard").debug("run %s: note not recorded", run.id, exc_info=True)
        if on_note is not None:
            on_note(text)
        elif text:
            logging.getLogger("macrohard").warning("%s", text)

    return note


def _stop_asked(run: Run, store: Any) -> Callable[[], str | None]:
    """Why ``run`` was asked to stop (this process's Stop, or `macrohard runs stop` from another: its stop file is
    watched from here on; the agent watches it the same way, and ends the watch)."""
    from macrohard import stopping

    where = getattr(store, "path", None)
    if where:
        stopping.watch(run.id, stopping.stop_file(where, run.id))
    return lambda: stopping.why_stopped(run.id, run.parent_id)


def _unwatch(run: Run, store: Any) -> None:
    from macrohard import stopping

    where = getattr(store, "path", None)
    if where:
        stopping.unwatch(run.id, stopping.stop_file(where, run.id))


def _prepare(embed: Any) -> None:
    try:
        embed.prepare(say=lambda line: None)
    except (embed.EncoderMissing, ImportError):
        pass  # not an error here: the screen that needs the missing part names the fix when it runs
    except OSError as exc:  # rel37: a HOME that cannot be written was a PermissionError traceback, the run `crashed`
        where = exc.filename or embed.cache_dir()
        full = exc.errno == errno.ENOSPC or "free space" in str(exc)  # numpy's own words for a full disk
        fix = ("free about 450 MB there (the tables need it once), or set MACROHARD_CACHE to a directory on a disk "
               "with room" if full else "set MACROHARD_CACHE to a directory you can write (or make HOME writable)")
        raise ConfigError(f"the screens' cache {embed.cache_dir()} cannot be written ({exc.strerror or exc}: "
                          f"{where}): {fix}; `python -m macrohard.safety.embed build` fills it ahead of the first "
                          "run") from exc


# fast47: ``screens_loaded`` (the Gemma tokenizer loaded before every run's first step, 0.7-1 s of CPU even where no
# screen reads a text with Gemma) is gone: ``gemma_table.tokenizer`` loads it at its first use, under ``stdfds.SWAP``
# itself (rel44's fds), once for the process.


def _mcp_tools(task: Task, env: Any, run: Run) -> list[Any]:
    """The task's MCP servers. rt45: a stdio server runs in a bubblewrap sandbox on the run's workspace as the
    run's sandbox has it (``mcp/placement.py``); on the host only if the user's own config lists it. The run's
    meta says where each one ran."""
    if not task.mcp:
        return []
    from macrohard.mcp.client import McpTools
    from macrohard.mcp.placement import describe, place

    servers = place(task.mcp, network=run.meta.get("mcp_network") or ())
    run.meta["mcp"] = describe(servers)
    if any(s.command and not s.host for s in servers):
        from macrohard.mcp.placement import LIMITS_SAID

        run.meta["mcp_limits"] = LIMITS_SAID  # rt46
    layers = getattr(env, "layers", None)
    bind = str(layers.view) if layers is not None and getattr(env, "session", None) is not None else None
    task_file = run.meta.get("task_file")
    tools = McpTools(servers, str(getattr(env, "workspace", "") or ""), bind=bind,
                     root=os.path.dirname(task_file) if isinstance(task_file, str) else None)
    tools.start()
    return [tools]


def close_environment(env: Any, run: Run, store: Any, *, sandboxed: bool, on_close: CloseProgress | None) -> None:
    """Close the environment and record what became of the workspace's changes.

    A write-back that failed makes the run ``failed`` (it never reports success); a close cut
    short (a second interrupt) leaves the changes on disk for ``macrohard runs recover``.
    """
    if on_close is not None:
        _never_raises(on_close)(0, 0, 0)  # the close begins: a display may now shield it from a second signal
        if sandboxed:
            env.close_progress = _never_raises(on_close)
    closed = False
    try:
        env.close()
        closed = True
    finally:
        if hasattr(env, "describe"):  # the change set (a browser: the requests refused) is known only at the end
            info = env.describe()
            if not closed and sandboxed:
                info["close_interrupted"] = (f"the close was cut short: the changes are kept on disk; "
                                             f"`macrohard runs recover {run.id}` records them")
            if info.get("commit_error"):
                failure = (f"the changes could not be written back into {info.get('lower')}: {info['commit_error']}"
                           f"\nThey are kept: `macrohard runs diff {run.id}`, then `macrohard runs apply {run.id}`"
                           " once the directory is writable (or resolved).")
                keep = run.error if run.status not in (RunStatus.succeeded, RunStatus.running) else None
                run.error = f"{keep}\n{failure}" if keep else failure
                if run.status in (RunStatus.succeeded, RunStatus.running):
                    run.status = RunStatus.failed
                    run.finished_at = run.finished_at or time.time()
            run.meta["sandbox"] = info
            store.update_run(run)
        sync = getattr(store, "sync", None)
        if callable(sync):  # the ended run's steps and audit chain on the disk itself (one fsync, not one a record)
            sync()


def _never_raises(callback: CloseProgress) -> CloseProgress:
    """A progress display that fails (a closed terminal after SIGHUP) must not stop the close."""

    def call(done: int, total: int, size: int) -> None:
        try:
            callback(done, total, size)
        except Exception:  # noqa: BLE001 - display only
            pass

    return call


def recover_dead_runs(store: Any) -> None:
    try:
        for item in recover(store):
            logging.getLogger("macrohard").warning("%s", said(item))
    except Exception as exc:  # noqa: BLE001 - recovery must never stop a new run; `runs recover` says why
        logging.getLogger("macrohard").warning("recovering dead runs failed: %s (try `macrohard runs recover`)", exc)
