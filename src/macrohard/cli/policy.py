"""`macrohard policy`: show the safety policy in force, check a policy file, try a command against it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, print_json
from macrohard.safety.policy import load_policy, policy_path

app = typer.Typer(no_args_is_help=True, help="Show, check and try the safety policy.")

_STYLE = {"allow": "green", "deny": "red", "ask": "yellow", "rewrite": "magenta"}


@app.command("show")
def show(
    file: Annotated[Path | None, typer.Argument(help="A policy file (default: the one in force).")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="Print the YAML as it is (to copy and edit).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the parsed policy as JSON.")] = False,
) -> None:
    """Show the policy in force: its rules, answer screening, observation screening and budgets."""
    path = file or policy_path()
    policy = load_policy(path)
    if raw:
        print(Path(path).read_text(), end="")
        return
    if as_json:
        print_json({"source": str(path), **policy.model_dump(mode="json")})
        return
    console.print(f"[bold]policy[/] {escape(str(path))}")
    if policy.description:
        console.print(f"[dim]{escape(policy.description)}[/]")
    console.print(f"unmatched actions: [{_STYLE[policy.defaults.unmatched.value]}]{policy.defaults.unmatched.value}[/] · "
                  f"ask with nobody to answer: [{_STYLE[policy.defaults.non_interactive]}]{policy.defaults.non_interactive}[/] · "
                  f"writable besides the workspace: {', '.join(policy.allowed_paths) or '-'}")
    table = Table(title="action rules (first match decides)", show_lines=False)
    for col in ("#", "id", "when", "decision", "reason"):
        table.add_column(col, overflow="fold")
    for i, rule in enumerate(policy.rules, 1):
        when = []
        for name in ("kinds", "categories", "programs", "paths", "hosts", "network"):
            values = getattr(rule, name)
            if values:
                when.append(f"{name}: {', '.join(values)}")
        d = rule.decision.value
        table.add_row(str(i), rule.id, escape("\n".join(when)), f"[{_STYLE[d]}]{d}{' (fatal)' if rule.fatal else ''}[/]",
                      escape(rule.reason))
    console.print(table)
    answers = Table(title="final answers")
    answers.add_column("category")
    answers.add_column("decision")
    answers.add_column("threshold")
    answers.add_column("reason", overflow="fold")
    for cat, decision in policy.answers.items():
        answers.add_row(cat, f"[{_STYLE[decision]}]{decision}[/]",
                        f"{policy.answer_thresholds[cat]:.2f}" if cat in policy.answer_thresholds else "rules",
                        escape(policy.answer_reasons.get(cat, "")))
    console.print(answers)
    obs = policy.observations
    points = (f"≥ {obs.injection_threshold:g}" if obs.injection_threshold == obs.injection_threshold_other else
              f"≥ {obs.injection_threshold:g} in English, ≥ {obs.injection_threshold_other:g} in other languages")
    if obs.injection_agree_other > 0:
        points += f"; in other languages the classifier alone also needs the English heads ≥ {obs.injection_agree_other:g}"
    console.print(f"observations: prompt injection → [yellow]{obs.injection}[/] (classifier score {points}) · "
                  f"secrets → [yellow]{obs.secrets}[/]")
    fl = policy.flow
    console.print(f"information flow: {'on' if fl.enabled else '[red]off[/]'} · sending after untrusted content → "
                  f"[yellow]{fl.after_untrusted.value}[/] · target named by untrusted content → "
                  f"[yellow]{fl.changed_target.value}[/] · Rule of Two: {'on' if fl.rule_of_two else 'off'} · "
                  f"delivery: {', '.join(f'{k} {v}' for k, v in fl.deliver.items())}")
    day = policy.budgets.per_day
    console.print(f"daily budget: runs {day.max_runs or '∞'} · tokens {day.max_tokens or '∞'} · "
                  f"money {'$' + format(day.max_cost_usd, 'g') if day.max_cost_usd is not None else '∞'}")


@app.command("check")
def check(
    file: Annotated[Path, typer.Argument(help="The policy YAML file to validate.")],
    as_json: Annotated[bool, typer.Option("--json", help="The result as JSON: ok, rules and answers, or the error "
                                          "(exit 2).")] = False,
) -> None:
    """Validate a policy file; errors name the line and the field."""
    if as_json:  # ux51: before, no --json here (every other policy command had it)
        from macrohard.errors import MacrohardError

        try:
            policy = load_policy(file)
        except MacrohardError as exc:
            print_json({"file": str(file), "ok": False, "error": str(exc)})
            raise typer.Exit(getattr(exc, "exit_code", 2)) from None
        print_json({"file": str(file), "ok": True, "rules": len(policy.rules), "answers": len(policy.answers)})
        return
    policy = load_policy(file)
    console.print(f"[green]ok[/] {escape(str(file))}: {len(policy.rules)} rules, "
                  f"{len(policy.answers)} answer categories")


@app.command("try")
def try_(
    command: Annotated[str, typer.Argument(help="A shell command line to review, as an agent would propose it.")],
    workspace: Annotated[Path, typer.Option("--workspace", "-w", help="The workspace it would run in.")] = Path("."),
    file: Annotated[Path | None, typer.Option("--policy", help="A policy file (default: the one in force).")] = None,
    network: Annotated[str, typer.Option("--network", help="The run's network mode: none, loopback, hosts, full.")
                       ] = "full",
    as_json: Annotated[bool, typer.Option("--json", help="The verdict as JSON (exit 1 if not allowed).")] = False,
) -> None:
    """Review one shell command with the guard and print its verdict and reason (nothing runs)."""
    from macrohard.safety.context import GuardContext
    from macrohard.safety.guard import Guard
    from macrohard.types import BashAction

    if network not in ("none", "loopback", "hosts", "full"):
        raise typer.BadParameter(f"unknown network mode {network!r}; choose none, loopback, hosts or full")
    guard = Guard.from_policy(str(file) if file else None)
    verdict = guard.review(BashAction(command=command), GuardContext(workspace=str(workspace.resolve()),
                                                                      network=network))
    if as_json:
        print_json(verdict.model_dump(mode="json"))
    else:
        d = verdict.decision.value
        console.print(f"[{_STYLE[d]}]{d}[/] {escape(verdict.check)}" + (f": {escape(verdict.reason)}" if verdict.reason else ""))
    raise typer.Exit(0 if verdict.allowed else 1)
