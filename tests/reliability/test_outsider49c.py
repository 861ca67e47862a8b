"""rt49c: the small things rel49 found and left (its section in benchmarks/RESULTS.md, "Small, not fixed"), each
reproduced through `macrohard …` (or the function a command calls) on main 675a1eda first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"


def _mh(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}, timeout=timeout)


@pytest.mark.parametrize("how", [["--workers", "0"], ["--workers", "-3"], ["--executor", "nope"],
                                 ["--address", "127.0.0.1:1"]])
def test_a_company_with_a_wrong_option_says_so_before_its_header(how: list[str]) -> None:
    """Before: `macrohard company --workers 0 GOAL` printed "macrohard company 2026… · lead model … · executor
    local" (a company that never started, with an id no store holds), then "error: --workers must be at least 1"."""
    done = _mh("company", *how, "list the files")
    assert done.returncode != 0
    said = " ".join((done.stdout + done.stderr).split())
    assert "macrohard company" not in said, said
    assert ("--workers must be at least 1" in said if how[0] == "--workers" else
            "unknown executor 'nope'" in said if how[0] == "--executor" else "--address is for the Ray executor" in said)


def test_an_invalid_mcp_config_is_said_in_plain_words(tmp_path: Path) -> None:
    """Before: "invalid your MCP config: …/mcp.yaml:1: hosts: Extra inputs are not permitted"."""
    from macrohard.errors import ConfigError
    from macrohard.mcp.placement import own_config

    (tmp_path / "mcp.yaml").write_text("hosts: []\n")
    with pytest.raises(ConfigError) as refused:
        own_config(tmp_path)
    assert "invalid your" not in str(refused.value)
    assert str(refused.value).startswith("invalid MCP config"), str(refused.value)


@pytest.mark.parametrize("limit", ["-5", "0"])
def test_runs_list_refuses_a_limit_below_one(limit: str) -> None:
    """rel49: `runs list --limit -5` listed every run (SQLite's LIMIT -5 is no limit). Held on 675a1eda (ux49 gave
    the option `min=1`): kept as a test so it stays refused."""
    done = _mh("runs", "list", "--limit", limit)
    assert done.returncode == 2 and "--limit" in done.stderr and "greater than or equal to 1" in " ".join(
        done.stderr.replace("│", " ").split()), done.stderr
