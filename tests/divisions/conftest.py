from __future__ import annotations

import shutil
from typing import Any

import pytest

from macrohard.testing import ScriptedModel

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed")


class Models:
    """Scripted models by division, one script per run of that division, in the order the runs start."""

    def __init__(self, **scripts: list[list[Any]]) -> None:
        self.scripts = {k: list(v) for k, v in scripts.items()}
        self.made: list[tuple[str, ScriptedModel]] = []

    def __call__(self, division: Any, task: Any) -> ScriptedModel:
        queue = self.scripts.get(division.name) or [[]]
        script = queue.pop(0) if len(queue) > 1 else queue[0]
        model = ScriptedModel(script, name=f"scripted-{division.name}", answer=f"{division.name} done",
                              tokens_per_call=10)
        self.made.append((division.name, model))
        return model
