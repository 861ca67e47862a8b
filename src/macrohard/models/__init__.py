"""Model registry: short names to lazily imported implementations.

Spec strings: ``local`` (embedded SmolLM2), ``local:gemma``, ``xai[:MODEL]``, ``openai[:MODEL]``,
``ollama[:MODEL]``, ``http://HOST:PORT/v1[#MODEL]`` (any OpenAI-compatible server),
``scripted:FILE`` (a JSON list of actions).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from macrohard.errors import ConfigError
from macrohard.registry import Registry

DEFAULT_MODEL = "local"

# name -> factory(rest_of_spec) ; third parties can add entries.
REGISTRY = Registry("model")
register = REGISTRY.register


@register("local")
def _local(rest: str) -> Any:
    from macrohard.models.local import LocalModel

    return LocalModel.from_name(rest or "smollm2")


@register("scripted")
def _scripted(rest: str) -> Any:
    from macrohard.testing import ScriptedModel

    if not rest:
        raise ConfigError("scripted needs a file: --model scripted:actions.json")
    return ScriptedModel.from_file(rest)


def _preset(name: str) -> Callable[[str], Any]:
    def factory(rest: str) -> Any:
        from macrohard.models.openai_compat import OpenAICompatModel

        return OpenAICompatModel.from_preset(name, rest or None)
    return factory


for _name in ("xai", "openai", "ollama"):
    REGISTRY[_name] = _preset(_name)


def get_model(spec: str | None = None) -> Any:
    """Build a model from a spec string (see module doc). ``None`` uses $MACROHARD_MODEL or local."""
    spec = spec or os.environ.get("MACROHARD_MODEL") or DEFAULT_MODEL
    if spec.startswith(("http://", "https://")):
        from macrohard.models.openai_compat import OpenAICompatModel

        base, _, model = spec.partition("#")
        return OpenAICompatModel(base, model or "default", api_key=os.environ.get("MACROHARD_API_KEY"),
                                 name=spec)
    name, _, rest = spec.partition(":")
    factory = REGISTRY.lookup(name, hint=", or an OpenAI-compatible URL such as http://127.0.0.1:8080/v1 "
                                         "(see `macrohard models`)")
    return factory(rest)
