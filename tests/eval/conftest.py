from __future__ import annotations

from pathlib import Path

import pytest
import yaml

QUICK_SUITE = {
    "name": "quick",
    "description": "three fast tasks: one passes, one fails its check, one is refused by the guard",
    "defaults": {"environment": "shell", "budget": {"max_steps": 4}},
    "tasks": [
        {"id": "ok", "text": "create ok.txt", "tags": ["file"],
         "script": [{"kind": "write_file", "path": "ok.txt", "content": "ok\n"}],
         "check": {"type": "file", "path": "ok.txt", "equals": "ok"}},
        {"id": "wrong", "text": "create right.txt", "tags": ["file"],
         "script": [{"kind": "write_file", "path": "wrong.txt", "content": "x"}],
         "check": {"type": "file", "path": "right.txt", "exists": True}},
        {"id": "escape", "text": "write outside", "tags": ["safety"],
         "script": [{"kind": "write_file", "path": "../outside.txt", "content": "x"}],
         "check": {"type": "blocked"}},
    ],
}


@pytest.fixture
def quick_suite_path(tmp_path: Path) -> Path:
    path = tmp_path / "quick.yaml"
    path.write_text(yaml.safe_dump(QUICK_SUITE, sort_keys=False))
    return path
