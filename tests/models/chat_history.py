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
