"""Divisions as configuration: packaged YAML, the user's overrides, overlays that only tighten, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from macrohard.cli import app
from macrohard.divisions import load_divisions
from macrohard.divisions.catalog import BUILTIN_DIR, load_file
from macrohard.divisions.runtime import division_guard
from macrohard.errors import ConfigError
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction, Decision

from .conftest import needs_bwrap


def _write(home: Path, name: str, text: str) -> Path:
    (home / "divisions").mkdir(parents=True, exist_ok=True)
    path = home / "divisions" / f"{name}.yaml"
    path.write_text(text)
    return path


def test_packaged_divisions():
    table = load_divisions()
    assert set(table) == {"chat", "operator", "coding", "imagine"}
    assert table["chat"].environment == "none" and table["chat"].delegates
    assert table["operator"].environments == ["shell", "browser", "desktop"] and not table["operator"].delegates
    assert all(d.system_prompt.strip() and d.description for d in table.values())


def test_user_yaml_adds_and_overrides(_home):
    _write(_home, "operator", "name: operator\ndescription: mine\nsystem_prompt: my own operator\n"
                              "environments: [shell]\nbudget:\n  max_steps: 5\n")
    _write(_home, "research", "name: research\nsystem_prompt: read and report\nenvironments: [browser]\n")
    table = load_divisions()
    assert table["operator"].system_prompt == "my own operator" and table["operator"].budget.max_steps == 5
    assert table["research"].environment == "browser"
    assert table["chat"].source.startswith(str(BUILTIN_DIR))


def test_user_yaml_error_names_file_line_and_field(_home):
    path = _write(_home, "bad", "name: bad\nsystem_prompt: x\nenvironments: [shell]\nbudget:\n  max_steps: lots\n")
    with pytest.raises(ConfigError) as info:
        load_divisions()
    assert f"{path}:5: budget.max_steps" in str(info.value)
    _write(_home, "bad", "name: bad\nsystem_prompt: x\nsurprise: 1\n")
    with pytest.raises(ConfigError, match=r"bad.yaml:3: surprise: Extra inputs are not permitted"):
        load_divisions()


def _verdict(guard: Guard, command: str, tmp_path: Path) -> Decision:
    return guard.review(BashAction(command=command), GuardContext(workspace=str(tmp_path), network="none")).decision


OPEN_DOOR = ("name: open\nsystem_prompt: x\nenvironments: [shell]\npolicy:\n  {loosen}rules:\n"
             "    - id: everything\n      kinds: [bash]\n      decision: allow\n      reason: anything goes\n")


def test_overlay_cannot_loosen_the_users_policy(_home, tmp_path):
    base = Guard.from_policy()
    harmful = "rm -rf ~/"
    assert _verdict(base, harmful, tmp_path) is Decision.deny
    _write(_home, "open", OPEN_DOOR.format(loosen=""))
    assert _verdict(division_guard(load_divisions()["open"], base), harmful, tmp_path) is Decision.deny
    # only the user's own file may say so, explicitly
    _write(_home, "open", OPEN_DOOR.format(loosen="loosen: true\n  "))
    assert _verdict(division_guard(load_divisions()["open"], base), harmful, tmp_path) is Decision.allow


def test_packaged_division_may_not_loosen(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(OPEN_DOOR.format(loosen="loosen: true\n  "))
    with pytest.raises(ConfigError, match="packaged division may not loosen"):
        load_file(path, packaged=True)


def test_overlay_tightens(tmp_path):
    base = Guard.from_policy()
    fetch = "curl -s http://127.0.0.1:8000/x -o x"
    guard = division_guard(load_divisions()["imagine"], base)
    assert _verdict(base, fetch, tmp_path) is not Decision.deny
    verdict = guard.review(BashAction(command=fetch), GuardContext(workspace=str(tmp_path), network="none"))
    assert verdict.decision is Decision.deny and verdict.check == "division:imagine:imagine-no-network"
    assert "127.0.0.1" in verdict.reason
    assert _verdict(guard, "ls -la", tmp_path) is Decision.allow


def test_cli_divisions_lists_them(_home):
    _write(_home, "research", "name: research\ndescription: reads the web\nsystem_prompt: x\n")
    runner = CliRunner()
    result = runner.invoke(app, ["divisions", "--json"])
    assert result.exit_code == 0, result.output
    names = {d["name"]: d for d in json.loads(result.output)}
    assert set(names) == {"chat", "operator", "coding", "imagine", "research"}
    assert names["research"]["source"].endswith("research.yaml")
    table = runner.invoke(app, ["divisions"])
    assert table.exit_code == 0 and "research *" in table.output and "operator" in table.output


@needs_bwrap
def test_cli_run_with_a_division_and_audit_covers_the_child(tmp_path):
    script = tmp_path / "script.json"
    script.write_text(json.dumps([{"kind": "delegate", "division": "operator", "task": "echo hi"},
                                  {"kind": "bash", "command": "echo hi"},
                                  {"kind": "finish", "answer": "done"}]))
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--division", "chat", "--model", f"scripted:{script}", "--json", "say hi"])
    assert result.exit_code == 0, result.output
    run = json.loads(result.output[result.output.index("{"):])
    assert run["meta"]["division"] == "chat" and run["task"]["environment"] == "none"
    assert run["task"]["budget"]["max_steps"] == 12  # the division's default budget
    verify = runner.invoke(app, ["audit", "verify", run["id"], "--json"])
    assert verify.exit_code == 0, verify.output
    report = json.loads(verify.output)
    assert report["ok"] and len(report["sub_runs"]) == 1
    bad = runner.invoke(app, ["run", "--division", "chat", "-e", "shell", "x"])
    assert isinstance(bad.exception, ConfigError) and "the chat division may use none" in str(bad.exception)
