"""Test doubles that ship with the package: a scripted model for tests, demos and benchmarks."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from macrohard.types import ModelReply, ToolCall, Usage, parse_action


class ScriptedModel:
    """Replays a list of actions (dicts, action models or raw text replies), one per call.

    A string is returned as the model's text, unparsed: that is how tests feed malformed
    output. When the script runs out it finishes with ``answer``.
    """

    vision = False

    def __init__(self, script: Iterable[Any], *, name: str = "scripted", answer: str = "script finished",
                 tokens_per_call: int = 0) -> None:
        self.script = list(script)
        self.name = name
        self.answer = answer
        self.tokens_per_call = tokens_per_call
        self.calls = 0
        self.seen: list[list[dict[str, Any]]] = []

    def complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]]) -> ModelReply:
        self.seen.append(list(messages))
        item: Any = self.script[self.calls] if self.calls < len(self.script) else {"kind": "finish", "answer": self.answer}
        self.calls += 1
        usage = Usage(prompt_tokens=self.tokens_per_call, completion_tokens=0)
        if isinstance(item, str):
            return ModelReply(text=item, usage=usage, model=self.name)
        action = parse_action(item) if isinstance(item, dict) else item
        args = action.model_dump(exclude={"kind"})
        return ModelReply(tool_calls=[ToolCall(name=action.kind, arguments=json.dumps(args))], usage=usage,
                          model=self.name)

    @classmethod
    def from_file(cls, path: str) -> "ScriptedModel":
        """A script file: a JSON list, or JSON Lines, of actions."""
        with open(path) as fh:
            text = fh.read().strip()
        items = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
        return cls(items, name=f"scripted:{path}")
