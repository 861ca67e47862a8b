"""Model registry: short names to lazily imported implementations.

Spec strings: ``local`` (embedded SmolLM2), ``local:gemma``, ``local:qwen-1.5b``, ``xai[:MODEL]``,
``openai[:MODEL]``, ``ollama[:MODEL]``, ``http://HOST:PORT/v1[#MODEL]`` (any OpenAI-compatible server),
``scripted:FILE`` (a JSON list of actions).

The default is split by role (``default_spec``): agent work (runs, divisions, eval, coding) uses
``DEFAULT_AGENT_MODEL`` (Qwen2.5-Coder 1.5B, the better agent by measurement) when its weights are
installed, else SmolLM2 with a warning that names the fix; chat and voice use ``DEFAULT_MODEL``
(SmolLM2: its first token comes in ~0.1 s). ``$MACROHARD_MODEL`` and ``--model`` override both.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from macrohard.errors import ConfigError, UserError
from macrohard.registry import Registry

DEFAULT_MODEL = "local"  # chat and voice: SmolLM2-135M
DEFAULT_AGENT_MODEL = "local:qwen-1.5b"  # agent work, when `macrohard[qwen15]` is installed
ROLES = ("agent", "chat")
_log = logging.getLogger("macrohard.models")
_warned: set[str] = set()

# name -> factory(rest_of_spec) ; third parties can add entries.
REGISTRY = Registry("model")
register = REGISTRY.register


@register("local")
def _local(rest: str) -> Any:
    from macrohard.models import llama_logs
    from macrohard.models.local import LocalModel

    llama_logs.quiet()  # rel59: a Ctrl-C during the load is raised, not dropped in llama-cpp-python's log callback
    return LocalModel.from_name(rest or "smollm2")


@register("scripted")
def _scripted(rest: str) -> Any:
    from macrohard.testing import ScriptedModel

    if not rest:
        raise ConfigError("scripted needs a file: --model scripted:actions.json")
    try:
        model = ScriptedModel.from_file(rest)
    except OSError as exc:  # before (rel39): a traceback for a missing file or bad JSON in it
        raise ConfigError(f"cannot read the script {rest}: {exc.strerror or exc}; give --model scripted:FILE, a JSON "
                          "list of actions (or one action per line)") from exc
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"the script {rest} is not JSON: {str(exc)[:200]}; give a JSON list of actions such as "
                          '[{"kind": "bash", "command": "ls"}, {"kind": "finish", "answer": "done"}] '
                          "(or one action per line)") from exc
    if any(not isinstance(item, dict | str) for item in model.script):
        raise ConfigError(f"the script {rest} holds something that is not an action: each item is a JSON object "
                          'such as {"kind": "bash", "command": "ls"} (or a string: the model\'s reply as text)')
    from pydantic import ValidationError

    from macrohard.types import parse_action

    for n, item in enumerate(model.script, 1):
        if isinstance(item, dict):
            try:  # before (rel46): a pydantic traceback at the step that played it, the run left `crashed`
                parse_action(item)
            except ValidationError as exc:
                err = exc.errors()[0]
                if err["type"] == "union_tag_not_found":
                    err = {**err, "msg": "it has no `kind`"}
                where = ".".join(str(x) for x in err["loc"] if not str(x).startswith(("literal[", "function-")))
                raise ConfigError(
                    f"the script {rest}: action {n} is not one macrohard knows ({where + ': ' if where else ''}"
                    f"{err['msg']}); each action names its `kind` and that kind's fields, such as "
                    '{"kind": "bash", "command": "ls"} or {"kind": "finish", "answer": "done"}; the kinds: '
                    f"{', '.join(_action_kinds())}") from exc
    return model


def _action_kinds() -> list[str]:
    from typing import get_args

    from macrohard.types import Action

    union = get_args(Action)[0]
    return [cls.model_fields["kind"].default for cls in get_args(union)]


def _preset(name: str) -> Callable[[str], Any]:
    def factory(rest: str) -> Any:
        from macrohard.models.openai_compat import OpenAICompatModel

        return OpenAICompatModel.from_preset(name, rest or None)
    return factory


for _name in ("xai", "openai", "ollama"):
    REGISTRY[_name] = _preset(_name)


def agent_model_problem() -> str | None:
    """Why the default agent model cannot be used here (its part packages or llama.cpp missing), or None."""
    from macrohard.models.local_specs import catalog_row

    row = catalog_row(DEFAULT_AGENT_MODEL.partition(":")[2])
    return None if row["usable"] else row["detail"]


def default_spec(role: str = "agent") -> str:
    """The spec a model of ``role`` gets when none is named: $MACROHARD_MODEL, else the role's default.

    Without the agent model's weights, agent work falls back to ``DEFAULT_MODEL`` and logs (once per
    process) a warning with the fix."""
    if role not in ROLES:
        raise ConfigError(f"unknown model role {role!r}; use one of {', '.join(ROLES)}")
    if env := os.environ.get("MACROHARD_MODEL"):
        return env
    if role == "chat":
        return DEFAULT_MODEL
    problem = agent_model_problem()
    if problem is None:
        return DEFAULT_AGENT_MODEL
    if problem not in _warned:
        _warned.add(problem)
        _log.warning("agent work runs on %s (SmolLM2-135M, far weaker) because the default agent model %s is "
                     "not installed: %s; or rerun `bash install.sh`", DEFAULT_MODEL, DEFAULT_AGENT_MODEL, problem)
    return DEFAULT_MODEL


def task_file_model(spec: str | None, where: str) -> bool:
    """What a task file's own ``model:`` may be (someone else's file, in a folder the person runs macrohard in):
    returns whether it must be built WITHOUT the person's key. rt47: `model: http://HOST/v1` in a task file was built
    with the person's ``MACROHARD_API_KEY`` and sent it to HOST in ``Authorization``, with every prompt (the task and
    all the agent read of the person's files). Now a model server's URL from a task file gets no key, and one that is
    not on this machine's loopback is refused (it would be sent all the agent reads); the person's own word
    (``--model``, ``$MACROHARD_MODEL``) is what names a server. Local models, ``scripted`` and the presets (whose
    server and key are the person's own environment) are kept."""
    if not spec or "://" not in spec or spec == os.environ.get("MACROHARD_MODEL"):
        return False
    from urllib.parse import urlsplit

    from macrohard.envs.netproxy import is_loopback

    address = spec.partition("#")[0]
    try:
        host = urlsplit(address if spec.startswith(("http://", "https://")) else spec.partition(":")[2]).hostname
    except ValueError:
        host = None
    if not host or not is_loopback(host):
        raise UserError(f"{where} names a model server ({address!r}) as its model: that server would be sent "
                        "everything the agent reads. If you mean that server, say it yourself with --model (or "
                        "$MACROHARD_MODEL); a task file may name a local model, a preset (xai, openai, ollama) or a "
                        "server on this machine's loopback (which gets no key)")
    return True


def task_file_preset(spec: str | None, where: str) -> None:
    """A task file's ``model:`` that names a provider preset served with the person's own key (``xai``, ``openai``,
    or ``ollama`` moved off this machine by ``OLLAMA_BASE_URL``) is refused: rt48c, a task file someone else wrote
    that said ``model: openai:gpt-4.1`` ran on the person's ``OPENAI_API_KEY``, spending their money and sending the
    task and all the agent read of their workspace to a provider they had not chosen for it. The person's own word
    takes it: ``--model SPEC`` (or ``$MACROHARD_MODEL`` naming the same spec). A preset on this machine's loopback
    with no key (the default ``ollama``) is kept, as ``task_file_model`` keeps a loopback server."""
    if not spec or "://" in spec or spec == os.environ.get("MACROHARD_MODEL"):
        return
    name = spec.partition(":")[0]
    from macrohard.models.openai_compat import PRESETS

    if name not in PRESETS:
        return
    from urllib.parse import urlsplit

    from macrohard.envs.netproxy import is_loopback

    preset = PRESETS[name]
    base = os.environ.get(f"{name.upper()}_BASE_URL", preset.base_url)
    try:
        host = urlsplit(base).hostname
    except ValueError:
        host = None
    if preset.key_env is None and host and is_loopback(host):
        return
    paid = f"on your own {preset.key_env} (your money)" if preset.key_env else "with no word of yours"
    raise UserError(f"{where} names the model {spec!r}: it would run {paid} at {base}, and that provider would be "
                    "sent the task and everything the agent reads of your workspace. A task file does not choose "
                    f"your provider: if you mean it, say it yourself with `--model {spec}` (or $MACROHARD_MODEL), or "
                    "give another --model")


def get_model(spec: str | None = None, *, role: str = "agent", keyless: bool = False) -> Any:
    """Build a model from a spec string (see module doc). ``None``: ``default_spec(role)``, i.e.
    $MACROHARD_MODEL, else Qwen 1.5B for agent work (SmolLM2 without it), SmolLM2 for chat."""
    spec = spec or default_spec(role)
    if spec.startswith(("http://", "https://")):
        from macrohard.models.openai_compat import OpenAICompatModel

        base, _, model = spec.partition("#")
        key = None if keyless else os.environ.get("MACROHARD_API_KEY")  # rt47: a task file's server gets none
        return OpenAICompatModel(base, model or "default", api_key=key,
                                 name=spec)
    name, _, rest = spec.partition(":")
    factory = REGISTRY.lookup(name, hint=", or an OpenAI-compatible URL such as http://127.0.0.1:8080/v1 "
                                         "(see `macrohard models`)")
    return factory(rest)
