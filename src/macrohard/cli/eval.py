"""`macrohard eval ...`: run a suite across workers, list suites and evaluations, show and compare them.

``macrohard eval SUITE`` is short for ``macrohard eval run SUITE``.
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from macrohard.cli.common import ago, console, err_console, open_store, print_json
from macrohard.errors import ConfigError


class _DefaultRun(typer.core.TyperGroup):
    """Sends `eval SUITE ...` to `eval run SUITE ...` when SUITE is not a subcommand."""

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().resolve_command(ctx, args)


app = typer.Typer(cls=_DefaultRun, no_args_is_help=True,
                  help="Evaluate agents on task suites: `macrohard eval tiny --model scripted --workers 2`.")


def _report_path(eval_id: str, html: Path | None) -> Path:
    from macrohard.store.sqlite import default_home

    path = html or default_home() / "reports" / f"{eval_id}.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _suite_word(info: Any) -> str:
    """How to name an evaluation's suite again: a built-in one by its name (ux56: the resume line gave the package's
    own `…/src/macrohard/eval/suites/tiny.yaml`), any other by its file."""
    from macrohard.eval.suite import SUITES_DIR

    source = info.suite_source
    if source and Path(source).resolve() == (SUITES_DIR / f"{info.suite}.yaml").resolve():
        return shlex.quote(str(info.suite))
    return shlex.quote(str(source or info.suite))  # a path with a space is still one word pasted into a shell


def _write_html(info: Any, outcomes: list[Any], summary: Any, html: Path | None) -> Path:
    """The HTML report written; a path that cannot be written is a ``ConfigError`` naming the way to write it again.
    Before (rel44): `--html DIR` or an unwritable path was a traceback after the whole evaluation, its summary never
    printed."""
    from macrohard.eval.html import render_html

    try:
        path = _report_path(info.id, html)
        path.write_text(render_html(summary, outcomes))
    except OSError as exc:
        raise ConfigError(f"the HTML report could not be written to {exc.filename or html or 'the reports folder'} ({exc.strerror or exc}): "
                          f"the evaluation {info.id} is recorded; `macrohard eval show {info.id} --html FILE` writes "
                          "its report to a file you can write") from exc
    return path


def _check_html(html: Path | None) -> None:
    """Refuse a directory for ``--html`` before the evaluation runs, not after it."""
    if html is not None and html.is_dir():
        raise ConfigError(f"--html {html} is a directory: give the report's file name (`--html {html / 'report.html'}`)")


@app.command("run")
def run(
    suite: Annotated[str, typer.Argument(help="A built-in suite name (see `macrohard eval list`) or a YAML file.")],
    model: Annotated[str | None, typer.Option("--model", "-m", help="Model spec; `scripted` plays each task's script.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Runs in parallel.")] = 1,
    executor: Annotated[str, typer.Option("--executor", "-x", help="local or ray.")] = "local",
    repeat: Annotated[int, typer.Option("--repeat", "-k", min=1, help="Runs per task.")] = 1,
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster to join (ray://... or host:port).")] = None,
    pool: Annotated[str, typer.Option("--pool", help="Local executor pool: thread or process.")] = "thread",
    tag: Annotated[list[str] | None, typer.Option("--tag", "-t", help="Only tasks with this tag (repeatable).")] = None,
    max_steps: Annotated[int | None, typer.Option("--max-steps", min=1, help="Cap every task's step budget.")] = None,
    isolation: Annotated[str | None, typer.Option("--isolation", help="Sandbox isolation; default: the runner's.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Where to write the HTML report.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON (no progress bar).")] = False,
    resume: Annotated[str | None, typer.Option("--resume", help="An interrupted evaluation's id: run only the results it misses, with its own model, repeat, tags and step cap.")] = None,
    policy: Annotated[Path | None, typer.Option("--policy", help="Safety policy YAML every run is guarded by, on every worker (default: yours, ~/.macrohard/policy.yaml or $MACROHARD_POLICY, else the built-in; `macrohard policy show` prints it).")] = None,
    allow_source: Annotated[list[Path] | None, typer.Option("--allow-source", help="A folder outside the suite file's own folder that its tasks' `source:` may name (copied into the sandbox, never modified); repeat for more. Without it a suite file's `source:` must lie beside the suite (a relative path is read from the suite's folder): a suite written by someone else does not choose which of your folders its runs read.")] = None,
) -> None:
    """Run every task of SUITE with MODEL and report success, steps, time, tokens, cost and guard blocks."""
    from macrohard.eval import records
    from macrohard.eval.harness import evaluate
    from macrohard.eval.report import print_summary, summarize
    from macrohard.eval.suite import load_suite
    from macrohard.executors import get_executor
    from macrohard.models import default_spec

    store = open_store()
    resumed = records.get_eval(store, resume) if resume else None
    spec_model = model or (resumed.model if resumed else None) or default_spec("agent")
    the_suite = load_suite(suite, allow_source or ())
    from macrohard.safety.policy import load_policy

    the_policy = load_policy(policy)  # the person's, sent with each run: a worker elsewhere has its own (rt51c)
    _check_html(html)
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    options: dict[str, Any] = {"pool": pool} if executor == "local" else {}
    counts = {"passed": 0, "failed": 0, "blocks": 0, "retried": 0}
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("[green]{task.fields[passed]} passed[/] [red]{task.fields[failed]} failed[/] "
                                   "[magenta]{task.fields[blocks]} blocks[/] {task.fields[retried]} retried"),
                        TimeElapsedColumn(), console=console, disable=as_json, transient=False)
    bar: dict[str, Any] = {}

    def on_start(info: Any, total: int) -> None:
        bar["info"], bar["total"] = info, total
        if adopted := info.meta.get("adopted"):
            err_console.print(f"kept the results of {len(adopted)} run(s) that had finished before the evaluation "
                              f"stopped, without running them again: {escape(', '.join(adopted))}", highlight=False)
        bar["id"] = progress.add_task(f"{the_suite.name} x {spec_model}", total=total, **counts)

    def on_result(outcome: Any) -> None:
        counts["passed" if outcome.passed else "failed"] += 1
        counts["blocks"] += outcome.guard_blocks
        counts["retried"] += int(outcome.retried)
        progress.update(bar["id"], advance=1, **counts)

    def on_drain(started: int) -> None:
        err_console.print(f"\n[yellow]stopping: no new run starts; the {started} run(s) already started finish (each "
                          "within its budget) and their results are kept (interrupt again to stop them after their "
                          "current step)[/]", soft_wrap=True, highlight=False)

    def on_stop(stopped: int) -> None:  # said again in the last line (a line printed under the live bar was lost once)
        bar["stopped"] = stopped
        # rel53: the second interrupt is said when it is taken, as the first is: one pressed before the eval had
        # taken the last (a busy machine delivers two close together as one) is seen not to have counted
        err_console.print(f"\n[yellow]stopping: the {stopped} run(s) still going end after their current step "
                          "(interrupt a third time to cut them inside it)[/]", soft_wrap=True, highlight=False)

    def on_cut(cut: int) -> None:  # the third Ctrl-C cut them inside their step (rel51): said so, not "after it"
        bar["cut"] = cut

    from macrohard.cli.closing import watched

    try:
        # SIGTERM and SIGHUP stop it as Ctrl-C does (before, rel44: Ctrl-C ended it with the bar as the last word,
        # no id, no resume line; SIGTERM killed it without a word)
        with watched(then_ignore=True), progress:
            ex = get_executor(executor, workers=workers, address=address, **options)
            try:
                info, outcomes = evaluate(the_suite, spec_model, ex, store=store, repeat=repeat, isolation=isolation,
                                          tags=tag, workers=workers, max_steps=max_steps, resume=resumed, policy=the_policy,
                                          on_start=on_start, on_result=on_result, on_drain=on_drain,
                                          on_stop=on_stop, on_cut=on_cut)
            finally:
                ex.close()
    except KeyboardInterrupt as exc:
        said = escape(str(exc) or "interrupted")
        if "info" not in bar:
            err_console.print(f"\n[yellow]{said} before the evaluation started; nothing was recorded.[/]")
            raise typer.Exit(130) from None
        begun = bar["info"]
        done = len(records.result_keys(store, begun.id))  # a resumed evaluation's earlier results too
        if bar.get("cut"):
            said += (f"; the {bar['cut']} run(s) still going were cut inside their current step (what it waited on, "
                     "a command, a model call, a page or a desktop program, was ended there), each kept as an "
                     "`interrupted` run (`macrohard runs list`), not as a result")
        elif bar.get("stopped"):
            said += (f"; the {bar['stopped']} run(s) still going were stopped after their current step, each kept as an "
                     "`interrupted` run (`macrohard runs list`), not as a result")
        err_console.print(f"\n[yellow]{said}: the {done} of {bar['total']} results recorded are kept in evaluation "
                          f"{escape(begun.id)}; run the rest with `macrohard eval run "
                          f"{escape(_suite_word(begun))} --resume {escape(begun.id)}` (`macrohard "
                          f"eval show {escape(begun.id)}` shows it now)[/]", soft_wrap=True, highlight=False)
        raise typer.Exit(130) from None
    summary = summarize(info, outcomes)
    try:
        path: Path | None = _write_html(info, outcomes, summary, html)
        unwritten = None
    except ConfigError as exc:  # the summary is printed all the same; the error after it
        path, unwritten = None, exc
    if as_json:
        print_json({**summary.model_dump(mode="json"), "html": str(path) if path else None})
    else:
        print_summary(summary, console, failures=[o for o in outcomes if not o.passed])
        if path is not None:
            console.print(f"HTML report: [cyan]{escape(str(path))}[/]   runs: [bold]macrohard runs list[/]")
    if unwritten is not None:
        raise unwritten
    if summary.lost:  # a report must be true: a run with no result is no measure of the model (exit 0 before)
        err_console.print(f"[bold red]{summary.lost} of {summary.overall.n} run(s) have no result[/] (lost: never "
                          "executed, or their worker died; the reason is in the table above); fix it, then `" + escape(
                              f"macrohard eval run {_suite_word(info)} --resume {info.id}") + "` runs them again",
                          soft_wrap=True, highlight=False)
        raise typer.Exit(1)


@app.command("show")
def show(
    eval_id: Annotated[str | None, typer.Argument(help="Evaluation id (or a unique part); default: the latest.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Also write the HTML report here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Summary and results as JSON.")] = False,
) -> None:
    """Show the report of a recorded evaluation."""
    from macrohard.eval import records
    from macrohard.eval.report import print_summary, summarize

    _check_html(html)
    store = open_store()
    info = records.get_eval(store, eval_id or records.latest_eval_id(store))
    outcomes = records.results(store, info.id)
    summary = summarize(info, outcomes)
    if as_json:
        print_json({**summary.model_dump(mode="json"), "results": [o.model_dump(mode="json") for o in outcomes]})
        return
    print_summary(summary, console, failures=[o for o in outcomes if not o.passed])
    if html is not None:
        console.print(f"HTML report: [cyan]{escape(str(_write_html(info, outcomes, summary, html)))}[/]")


@app.command("compare")
def compare(
    a: Annotated[str, typer.Argument(help="First evaluation id (or a unique part).")],
    b: Annotated[str, typer.Argument(help="Second evaluation id.")],
    all_tasks: Annotated[bool, typer.Option("--all", help="List every task, not only those that differ.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Two evaluations side by side (two models, two policies), with the per-task differences."""
    from macrohard.eval import compare as cmp
    from macrohard.eval import records

    store = open_store()
    ia, ib = records.get_eval(store, a), records.get_eval(store, b)
    c = cmp.compare(ia, records.results(store, ia.id), ib, records.results(store, ib.id))
    if as_json:
        print_json(cmp.to_json(c))
        return
    cmp.print_comparison(c, console, all_tasks=all_tasks)


@app.command("list")
def list_(
    runs: Annotated[bool, typer.Option("--runs", help="List recorded evaluations instead of suites.")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many evaluations.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the built-in suites (or, with --runs, recorded evaluations)."""
    from macrohard.eval import records
    from macrohard.eval.suite import builtin_names, load_suite

    if runs:
        rows = records.list_evals(open_store(), limit)
        if as_json:
            print_json([{**i.model_dump(mode="json"), "passed": p, "results": n, "state": records.eval_state(i, n)}
                        for i, p, n in rows])
            return
        if not rows:  # ux56: before, "0 recent evaluations" over an empty table
            console.print("no evaluations yet: `macrohard eval list` shows the suites; "
                          "`macrohard eval run tiny --model local` runs one", highlight=False)
            return
        table = Table(title=f"{len(rows)} recent evaluation{'s' * (len(rows) != 1)}", title_justify="left")
        for col in ("evaluation", "suite", "model", "executor", "passed", "started"):
            table.add_column(col)
        for i, p, n in rows:
            state = records.eval_state(i, n)
            done = f"{p}/{n}" if state == "complete" else f"{p}/{n} [yellow]· {n} of {i.n_tasks}, {state}[/]"
            table.add_row(i.id, escape(i.suite), escape(i.model), f"{i.executor} x{i.workers}", done,
                          ago(i.created_at))
        console.print(table)
        return
    suites = [load_suite(name) for name in builtin_names()]
    if as_json:
        print_json([{"name": s.name, "tasks": len(s.tasks), "tags": s.tags(), "description": s.description,
                     "path": s.source} for s in suites])
        return
    # before (ux49): the title named `macrohard eval NAME`, which is "No such command", and a description was cut
    # at its 100th character, mid-word
    table = Table(title="built-in suites (`macrohard eval run NAME --model M`)", title_justify="left")
    for col in ("suite", "tasks", "tags", "description"):
        table.add_column(col, overflow="fold")
    for s in suites:
        table.add_row(s.name, str(len(s.tasks)), escape(", ".join(s.tags()[:8])), escape(_short(s.description, 100)))
    console.print(table)


def _short(text: str, most: int) -> str:
    """``text`` on one line, cut at the last whole word within ``most`` characters (then "…")."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[:most + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " …"
