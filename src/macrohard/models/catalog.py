"""What models exist and whether each can be used now; backs `macrohard models`."""

from __future__ import annotations

import os
from typing import Any

from macrohard.models.openai_compat import PRESETS, OpenAICompatModel


def defaults() -> dict[str, str]:
    """The spec each role gets when none is named (``models.default_spec``): agent work, and chat/voice."""
    from macrohard.models import ROLES, default_spec

    return {role: default_spec(role) for role in ROLES}


def _default_of(spec: str, chosen: dict[str, str]) -> str:
    same = {"local", "local:smollm2"}
    return ", ".join(role for role, s in chosen.items() if s == spec or {s, spec} <= same)


def available_models() -> list[dict[str, Any]]:
    """Every model with ``usable``, ``detail`` and ``default`` (the roles it is the default for)."""
    rows: list[dict[str, Any]] = []
    from macrohard.models.local_specs import catalog  # the table alone: not the model's code, nor numpy

    chosen = defaults()
    for name, info in catalog().items():
        spec = "local" if name == "smollm2" else f"local:{name}"
        rows.append({"spec": spec, "kind": "embedded llama.cpp", "usable": info["usable"], "detail": info["detail"],
                     "default": _default_of(spec, chosen)})
    for preset, p in PRESETS.items():
        if p.key_env and not os.environ.get(p.key_env):
            usable, detail = False, f"set {p.key_env}"
        else:  # a client only where one is asked (each makes an SSL context: 60-120 ms)
            model = OpenAICompatModel.from_preset(preset)
            problem = model.check()
            usable, detail = not problem, problem or f"{model.base_url} reachable"
        rows.append({"spec": f"{preset}[:MODEL]", "kind": "OpenAI-compatible", "usable": usable,
                     "detail": f"{detail} (default model {p.default_model})",
                     "default": _default_of(f"{preset}:{p.default_model}", chosen) or _default_of(preset, chosen)})
    rows.append({"spec": "scripted:FILE", "kind": "replay", "usable": True, "detail": "replays a JSON list of actions",
                 "default": ""})
    return rows
