"""What models exist and whether each can be used now; backs `macrohard models`."""

from __future__ import annotations

import os
from typing import Any

from macrohard.models.openai_compat import PRESETS, OpenAICompatModel


def available_models() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    from macrohard.models import local

    for name, info in local.catalog().items():
        rows.append({"spec": "local" if name == "smollm2" else f"local:{name}", "kind": "embedded llama.cpp",
                     "usable": info["usable"], "detail": info["detail"]})
    for preset, p in PRESETS.items():
        model = OpenAICompatModel.from_preset(preset)
        if p.key_env and not os.environ.get(p.key_env):
            usable, detail = False, f"set {p.key_env}"
        else:
            problem = model.check()
            usable, detail = not problem, problem or f"{model.base_url} reachable"
        rows.append({"spec": f"{preset}[:MODEL]", "kind": "OpenAI-compatible", "usable": usable,
                     "detail": f"{detail} (default model {p.default_model})"})
    rows.append({"spec": "scripted:FILE", "kind": "replay", "usable": True, "detail": "replays a JSON list of actions"})
    return rows
