"""The policy file: the default loads, errors name line and field, rules change decisions."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from macrohard.cli import app
from macrohard.errors import ConfigError
from macrohard.safety.guard import Guard
from macrohard.safety.policy import DEFAULT_POLICY_PATH, load_policy, parse_policy
from macrohard.types import BashAction, BrowserGotoAction, Decision


def test_default_policy_loads_and_covers_every_category():
    policy = load_policy(DEFAULT_POLICY_PATH)
    covered = {c for r in policy.rules for c in r.categories}
    from macrohard.safety.policy import CATEGORIES

    assert covered == set(CATEGORIES) >= {"destructive", "privilege", "remote_code", "network", "exfiltration",
                                          "credential", "persistence", "tamper", "obfuscation", "dynamic",
                                          "unparseable", "force_push", "untrusted_install", "miner", "background"}
    assert all(r.reason for r in policy.rules)


def test_errors_name_the_line_and_the_field():
    text = "version: 1\nrules:\n  - id: a\n    decision: deny\n    reason: x\n  - id: b\n    decision: maybe\n    reason: y\n"
    with pytest.raises(ConfigError) as err:
        parse_policy(text, "p.yaml")
    assert "p.yaml:7: rules.1.decision" in str(err.value)


def test_unknown_field_and_bad_yaml_are_reported():
    with pytest.raises(ConfigError, match=r"p.yaml:3: rules.0.colour"):
        parse_policy("rules:\n  - id: a\n    colour: red\n    decision: deny\n    reason: r\n", "p.yaml")
    with pytest.raises(ConfigError, match=r"p.yaml:\d+: not valid YAML"):
        parse_policy("rules:\n  - id: [\n", "p.yaml")
    with pytest.raises(ConfigError, match="unique"):
        parse_policy("rules:\n  - {id: a, decision: deny, reason: r}\n  - {id: a, decision: ask, reason: r}\n", "p")


def test_rules_over_programs_hosts_and_kinds(workspace, tmp_path):
    from macrohard.safety.context import GuardContext

    policy = parse_policy(
        "rules:\n"
        "  - {id: no-git-push, programs: [git], decision: ask, reason: 'pushing needs a person'}\n"
        "  - {id: intranet, kinds: [browser_goto], hosts: ['*.corp.example'], decision: deny, reason: 'no intranet ({detail})'}\n"
        "  - {id: net-ok, categories: [network], decision: allow, reason: 'ssh is fine here'}\n")
    guard = Guard.from_policy(policy)
    ctx = GuardContext(workspace=str(workspace))
    assert guard.review(BashAction(command="git push"), ctx).decision is Decision.ask
    v = guard.review(BrowserGotoAction(url="https://wiki.corp.example/page"), ctx)
    assert v.decision is Decision.deny and v.reason == "no intranet (wiki.corp.example)"
    assert guard.review(BrowserGotoAction(url="https://docs.python.org/"), ctx).allowed
    assert guard.review(BashAction(command="ssh host.example"), ctx).allowed
    # found but not covered by any rule: a person decides
    assert guard.review(BashAction(command="rm -rf /"), ctx).decision is Decision.ask


def test_policy_from_environment_variable(tmp_path, monkeypatch, workspace):
    from macrohard.safety.context import GuardContext

    path = tmp_path / "strict.yaml"
    path.write_text("defaults: {unmatched: deny}\n")
    monkeypatch.setenv("MACROHARD_POLICY", str(path))
    v = Guard().review(BashAction(command="ls"), GuardContext(workspace=str(workspace)))
    assert v.decision is Decision.deny and v.check == "policy:default"


def test_cli_policy_show_check_try(tmp_path, workspace):
    runner = CliRunner()
    shown = runner.invoke(app, ["policy", "show"])
    assert shown.exit_code == 0 and "destructive" in shown.output
    assert runner.invoke(app, ["policy", "check", str(DEFAULT_POLICY_PATH)]).exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - id: x\n    decision: nope\n    reason: r\n")
    result = runner.invoke(app, ["policy", "check", str(bad)])
    assert result.exit_code != 0 and isinstance(result.exception, ConfigError)
    assert "bad.yaml:3: rules.0.decision" in str(result.exception)
    tried = runner.invoke(app, ["policy", "try", "rm -r /var/log/logs", "-w", str(workspace)])
    assert tried.exit_code == 1 and "deny" in tried.output and "logs" in tried.output
