"""Layers import downwards only, and ``import macrohard`` stays light (CONVENTIONS §14).

Each module is imported in a fresh interpreter and the modules it pulled in are compared with what
its layer may know about. A module that starts importing upwards fails here, not in a review.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

ABOVE_SAFETY = ("macrohard.envs", "macrohard.executors", "macrohard.eval", "macrohard.store", "macrohard.models",
                "macrohard.cli", "macrohard.agent", "macrohard.runner", "macrohard.sites", "macrohard.testing",
                "macrohard.replay", "macrohard.divisions")
LOW = {
    "macrohard.types": ("macrohard.safety", "macrohard.protocols", *ABOVE_SAFETY),
    "macrohard.errors": ("macrohard.safety", "macrohard.protocols", *ABOVE_SAFETY),
    "macrohard.protocols": ("macrohard.safety", *ABOVE_SAFETY),
    "macrohard.safety.approval": ABOVE_SAFETY,
    "macrohard.safety.context": ABOVE_SAFETY,
    "macrohard.safety.paths": ABOVE_SAFETY,
    "macrohard.safety.budget": ABOVE_SAFETY,
    "macrohard.safety.audit": ABOVE_SAFETY,
    "macrohard.safety.guard": ABOVE_SAFETY,
}


def loaded_by(statement: str) -> list[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith('macrohard'))))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("module", sorted(LOW))
def test_low_layers_import_nothing_above_them(module):
    loaded = loaded_by(f"import {module}")
    upward = [m for m in loaded if m.startswith(LOW[module])]
    assert upward == [], f"{module} imports {upward}; use `if TYPE_CHECKING:` or move the code down"


def test_import_macrohard_is_light():
    loaded = loaded_by("import macrohard")
    assert loaded == ["macrohard", "macrohard.errors", "macrohard.types"]


def test_public_names_still_load_on_use():
    loaded = loaded_by("import macrohard\nmacrohard.Guard, macrohard.Agent, macrohard.run_task, macrohard.SQLiteStore")
    assert "macrohard.safety.guard" in loaded and "macrohard.runner" in loaded
