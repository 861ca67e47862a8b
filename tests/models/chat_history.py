"""Shared by the loop tests: a chat as the agent hands it to a model — the task, then each action as a tool call
and its result as the tool's reply."""

from __future__ import annotations

import json
from typing import Any


def tool_messages(task: str, actions: list[tuple[dict[str, Any], str]]) -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = [{"role": "user", "content": f"Task: {task}"}]
    for i, (action, result) in enumerate(actions):
        args = {k: v for k, v in action.items() if k != "kind"}
        messages += [{"role": "assistant", "content": "", "tool_calls": [{"id": f"c{i}", "type": "function",
                      "function": {"name": action["kind"], "arguments": json.dumps(args)}}]},
                     {"role": "tool", "tool_call_id": f"c{i}", "content": result}]
    return messages


def scripted_claim(monkeypatch: Any, aids: str, finish: dict[str, Any]) -> tuple[Any, list[Any], list[dict[str, Any]]]:
    """SmolLM2 loaded with ``aids``, every decode scripted to ``finish``, its own yes/no "yes": the model, the list of
    chats the fresh judge is asked (it answers yes), and the tools (bash, write_file, finish)."""
    from macrohard.agent import tool_schemas
    from macrohard.models.local import LocalModel
    from macrohard.types import BashAction, FinishAction, Usage, WriteFileAction

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", aids)
    model = LocalModel.from_name("smollm2")
    asked: list[Any] = []
    monkeypatch.setattr(model, "_act", lambda chat, kinds, grammar, **_: (finish, json.dumps(finish), Usage()))
    monkeypatch.setattr(model, "_aside", lambda *a: ("yes", Usage()))
    monkeypatch.setattr(model, "_yes_margin", lambda chat: (asked.append(chat), (9.0, Usage()))[1])
    return model, asked, tool_schemas([BashAction, WriteFileAction, FinishAction])
