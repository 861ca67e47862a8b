"""Fuzz of the reply and tool-call parser (issue 10): seeded random bodies, JSON and bytes.

Whatever the model or its server sends, parsing ends in a reply and an action, a ``FormatError``
(which the loop turns into an observation for the model) or a ``ModelReplyError`` (a clean
``failed``). Anything else is a crash, and there must be none.
"""

from __future__ import annotations

import json
import random
from typing import Any

from macrohard.agent import _default_action_types, parse_reply, tool_schemas
from macrohard.errors import FormatError, ModelReplyError
from macrohard.models.openai_reply import decode_body, reply_from_body
from macrohard.types import ModelReply, ToolCall

SEED = 20261129
NAMES = [t["function"]["name"] for t in tool_schemas(_default_action_types())] + ["", "Bash", "rm", "finish "]
FIELDS = ["path", "command", "content", "answer", "old", "new", "timeout", "start_line", "end_line", "kind", "x"]
WEIRD = ["", "\x00", "a\x00b", "\ud800", "é" * 3, "../../etc/passwd", "{", "}", "\n" * 3, "null", "💥", "\x1b[2J"]


def _scalar(rng: random.Random) -> Any:
    return rng.choice([
        None, True, False, 0, -1, 2**64, 1e308, float("nan"), float("inf"), -0.5, 3,
        rng.choice(WEIRD), "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(0, 12))),
    ])


def _value(rng: random.Random, depth: int = 0) -> Any:
    r = rng.random()
    if depth > 3 or r < 0.5:
        return _scalar(rng)
    if r < 0.75:
        return [_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    return {rng.choice(FIELDS + ["name", "arguments", "function", "id"]): _value(rng, depth + 1)
            for _ in range(rng.randrange(0, 4))}


def _arguments(rng: random.Random) -> Any:
    r = rng.random()
    if r < 0.4:
        return json.dumps({rng.choice(FIELDS): _value(rng) for _ in range(rng.randrange(0, 4))}, allow_nan=True)
    if r < 0.55:
        return {rng.choice(FIELDS): _value(rng)}
    if r < 0.7:
        return "[" * rng.randrange(1, 5000)  # nested past any recursion limit
    if r < 0.85:
        good = json.dumps({"command": "ls", "path": "a", "answer": "x"})
        cut = rng.randrange(0, len(good))
        return good[:cut] + rng.choice(WEIRD) + good[cut:]
    return _value(rng)


def _body(rng: random.Random) -> Any:
    call = {"id": _value(rng) if rng.random() < 0.2 else "c1", "type": "function",
            "function": {"name": rng.choice(NAMES) if rng.random() < 0.8 else _value(rng), "arguments": _arguments(rng)}}
    if rng.random() < 0.1:
        call = _value(rng)
    content = rng.choice([None, "", "thinking", "{\"kind\": \"bash\", \"command\": \"ls\"}", "{" * 3000, _value(rng),
                          [{"type": "text", "text": "hi"}, 3]])
    message: Any = {"role": "assistant", "content": content, "tool_calls": rng.choice([[call], [], None, call, [call, call]])}
    if rng.random() < 0.1:
        message = _value(rng)
    choice: Any = {"index": 0, "message": message}
    body: Any = {"choices": [choice] if rng.random() < 0.9 else _value(rng),
                 "usage": rng.choice([{"prompt_tokens": _scalar(rng), "completion_tokens": _scalar(rng)}, None, "x"])}
    if rng.random() < 0.05:
        body = _value(rng)
    return body


def _parse(raw: bytes) -> str:
    """Decode, read and parse one body; return which way it ended. Any other exception fails the test."""
    try:
        reply = reply_from_body(decode_body(raw, url="http://127.0.0.1:9/v1"), name="fuzz")
        parse_reply(reply)
    except FormatError as exc:
        assert str(exc) and exc.hint
        return "format error"
    except ModelReplyError as exc:
        assert "http://127.0.0.1:9/v1" in str(exc)
        return "failed run"
    return "action"


def test_random_json_bodies_never_crash_the_parser():
    rng = random.Random(SEED)
    ends: dict[str, int] = {}
    for _ in range(3000):
        raw = json.dumps(_body(rng), allow_nan=True).encode()
        end = _parse(raw)
        ends[end] = ends.get(end, 0) + 1
    # the generator reaches all three ends, so the test cannot pass by never reaching the parser
    assert ends.get("action", 0) > 50 and ends.get("format error", 0) > 500 and ends.get("failed run", 0) > 10, ends


def test_random_bytes_never_crash_the_parser():
    rng = random.Random(SEED + 1)
    good = json.dumps(_body(random.Random(1))).encode()
    for _ in range(2000):
        if rng.random() < 0.5:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 64)))
        else:  # flip, drop and insert bytes of a well-formed body
            data = bytearray(good)
            for _ in range(rng.randrange(1, 6)):
                i = rng.randrange(len(data))
                op = rng.random()
                if op < 0.4:
                    data[i] = rng.randrange(256)
                elif op < 0.7:
                    del data[i]
                else:
                    data.insert(i, rng.randrange(256))
            raw = bytes(data)
        _parse(raw)


def test_random_tool_calls_and_texts_never_crash_parse_reply():
    rng = random.Random(SEED + 2)
    for _ in range(3000):
        args = _arguments(rng)
        text = rng.choice(WEIRD + ["{\"kind\": \"finish\"}", "x {\"kind\": \"bash\", \"command\": 1} y", "{" * 4000 + "}"])
        calls = [] if rng.random() < 0.3 else [
            ToolCall(name=rng.choice(NAMES), arguments=args if isinstance(args, str) else json.dumps(args))]
        try:
            action, _ = parse_reply(ModelReply(text=text, tool_calls=calls))
        except FormatError as exc:
            assert exc.hint
        else:
            assert action.kind in NAMES
