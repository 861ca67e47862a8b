"""An environment's action kinds as MCP tools: name, description and JSON schema from ``types.py`` (described
once), with honest annotations (read-only kinds from ``types.READ_ONLY_KINDS``; every other kind may change
or destroy something, so it says so)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from macrohard.errors import ConfigError
from macrohard.types import READ_ONLY_KINDS, FinishAction


def kind_of(cls: type[BaseModel]) -> str:
    return str(cls.model_fields["kind"].default)


def tool_actions(action_types: list[type[BaseModel]], allow: list[str] | None = None) -> dict[str, type[BaseModel]]:
    """The environment's action kinds served as tools (``finish`` is not a tool: a client ends by leaving),
    cut to ``allow`` when given; an unknown name is a ``ConfigError`` that lists the valid ones."""
    kinds = {kind_of(c): c for c in action_types if c is not FinishAction}
    if not allow:
        return kinds
    unknown = [name for name in allow if name not in kinds]
    if unknown:
        raise ConfigError(f"--allow names unknown tool(s) {', '.join(unknown)}; this environment has: "
                          f"{', '.join(kinds)}")
    return {name: kinds[name] for name in allow}


def input_schema(cls: type[BaseModel]) -> dict[str, Any]:
    """The action's JSON schema without its ``kind`` (the tool's name says it); extra keys are refused."""
    schema = cls.model_json_schema()
    schema["properties"] = {k: v for k, v in schema.get("properties", {}).items() if k != "kind"}
    required = [r for r in schema.get("required", []) if r != "kind"]
    if required:
        schema["required"] = required
    else:
        schema.pop("required", None)
    schema.pop("title", None)
    schema["additionalProperties"] = False
    return schema


def mcp_tool(cls: type[BaseModel], *, network: str) -> Any:
    import mcp.types as mt

    kind = kind_of(cls)
    read_only = kind in READ_ONLY_KINDS
    return mt.Tool(
        name=kind,
        description=(cls.__doc__ or kind).strip() + " Reviewed by macrohard's guard; runs in its sandbox.",
        inputSchema=input_schema(cls),
        annotations=mt.ToolAnnotations(
            title=kind.replace("_", " "),
            readOnlyHint=read_only,
            destructiveHint=not read_only,
            idempotentHint=read_only,
            # the sandbox's network decides whether a tool can reach anything outside it
            openWorldHint=network != "none",
        ),
    )


def parse_arguments(cls: type[BaseModel], arguments: dict[str, Any]) -> BaseModel:
    """The action for a tool call, or ``ValueError`` naming each bad field and how to fix it."""
    if "kind" in arguments:
        raise ValueError(f"bad arguments for {kind_of(cls)}: 'kind' is not an argument (the tool's name is the kind)")
    try:
        return cls.model_validate({**arguments, "kind": kind_of(cls)})
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(arguments)'}: {e['msg']}"
                             for e in exc.errors()[:5])
        raise ValueError(f"bad arguments for {kind_of(cls)}: {problems}. The tool's input schema lists the "
                         "fields it takes.") from exc
