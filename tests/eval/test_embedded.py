"""Built-in suites with the embedded model through the CLI and the local executor (real llama.cpp)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.model, pytest.mark.slow]


def mh(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "macrohard", *args], capture_output=True, text=True, env=env,
                          timeout=600)


def test_tiny_subset_with_embedded_model(_home: Path) -> None:
    pytest.importorskip("llama_cpp")
    res = mh("eval", "tiny", "--model", "local", "--workers", "2", "--tag", "copy", "--tag", "archive", "--max-steps", "3",
             "--json",
             home=_home)
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["overall"]["n"] == 2 and data["eval"]["model"] == "local"
    assert data["total_tokens"] > 0  # the real model answered
    assert sum(data["statuses"].values()) == 2
    assert Path(data["html"]).is_file()
