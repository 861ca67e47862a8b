"""Test doubles that ship with the package: a scripted model for tests, demos and benchmarks."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from typing import Any

from macrohard.types import ModelReply, ToolCall, Usage, parse_action


class ScriptedModel:
    """Replays a list of actions (dicts, action models, raw text replies or ``ModelReply``s), one per call.

    A string is returned as the model's text, unparsed: that is how tests feed malformed
    output (and a chat model's answers). When the script runs out it finishes with ``answer``.
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
        if isinstance(item, ModelReply):  # verbatim: a tool call of a kind not (yet) in ``types.Action``
            return item.model_copy(update={"usage": usage, "model": self.name})
        action = parse_action(item) if isinstance(item, dict) else item
        args = action.model_dump(exclude={"kind"})
        return ModelReply(tool_calls=[ToolCall(name=action.kind, arguments=json.dumps(args))], usage=usage,
                          model=self.name)

    @classmethod
    def from_file(cls, path: str) -> ScriptedModel:
        """A script file: a JSON list, or JSON Lines, of actions."""
        with open(path) as fh:
            text = fh.read().strip()
        items = json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines() if line.strip()]
        return cls(items, name=f"scripted:{path}")


class FakeOpenAIServer:
    """A real HTTP server on 127.0.0.1 that speaks the chat-completions API from a queue.

    Stands in for a paid model API in tests. Each queued item is either a ``ModelReply``-like dict
    (``{"text": ..., "tool_calls": [{"name": ..., "arguments": {...}}]}``), an int HTTP status to
    answer with (429, 500, ...), ``bytes`` sent verbatim as a 200 body (a broken server: HTML, bad
    JSON), ``"hang"`` (never answer), ``("trickle", seconds[, content_type])`` (headers, then one
    byte every ``seconds``, never ending), or a callable that makes one of these from the request's
    body. ``requests`` records every JSON body received. A reply dict's ``usage`` (the API's dict) is what the
    server says the call used (10 prompt and 5 completion tokens when it has none). A request with
    ``"stream": true`` gets a reply dict as server-sent ``chat.completion.chunk`` events: the text word
    by word (``chunk_delay`` seconds apart), each tool call's name then its arguments in two pieces.
    """

    def __init__(self, replies: Iterable[Any] = (), *, api_key: str | None = None, chunk_delay: float = 0.0) -> None:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.replies = list(replies)
        self.chunk_delay = chunk_delay
        self.requests: list[dict[str, Any]] = []
        self.api_key = api_key
        self.released = threading.Event()  # ends hanging and trickling answers when the server stops
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _send_raw(self, data: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html" if data.lstrip().startswith(b"<") else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _stall(self, item: Any) -> None:
                if item == "hang":
                    outer.released.wait()
                    return
                self.send_response(200)
                self.send_header("Content-Type", item[2] if len(item) > 2 else "application/json")
                self.end_headers()
                self.wfile.flush()
                try:
                    while not outer.released.wait(item[1]):
                        self.wfile.write(b" ")
                        self.wfile.flush()
                except OSError:  # the client gave up
                    pass

            def _stream(self, item: dict[str, Any], body: dict[str, Any]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()

                def event(delta: dict[str, Any] | None, usage: dict[str, int] | None = None) -> None:
                    chunk: dict[str, Any] = {"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                                             "model": body.get("model"),
                                             "choices": [] if delta is None else [{"index": 0, "delta": delta}]}
                    if usage is not None:
                        chunk["usage"] = usage
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                    if outer.chunk_delay:
                        time.sleep(outer.chunk_delay)

                self.wfile.write(b": fake server\n\n")
                event({"role": "assistant", "content": ""})
                text = item.get("text") or ""
                for i, word in enumerate(text.split(" ")):
                    event({"content": word if i == 0 else " " + word})
                for i, c in enumerate(item.get("tool_calls", [])):
                    args = json.dumps(c.get("arguments", {}))
                    event({"tool_calls": [{"index": i, "id": f"call_{i}", "type": "function",
                                           "function": {"name": c["name"], "arguments": ""}}]})
                    for piece in (args[: len(args) // 2], args[len(args) // 2:]):
                        event({"tool_calls": [{"index": i, "function": {"arguments": piece}}]})
                event(None, {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15})
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _authorized(self) -> bool:
                if outer.api_key is None:
                    return True
                return self.headers.get("Authorization") == f"Bearer {outer.api_key}"

            def do_GET(self) -> None:
                if not self._authorized():
                    self._send(401, {"error": {"message": "bad key"}})
                    return
                self._send(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append(body)
                if not self._authorized():
                    self._send(401, {"error": {"message": "bad key"}})
                    return
                item = outer.replies.pop(0) if outer.replies else {"tool_calls": [{"name": "finish", "arguments": {"answer": "done"}}]}
                if callable(item):  # a reply made from the request (a stand-in that acts on what it was sent)
                    item = item(body)
                if isinstance(item, int):
                    self._send(item, {"error": {"message": f"status {item}"}}, {"Retry-After": "0"})
                    return
                if isinstance(item, bytes):
                    self._send_raw(item)
                    return
                if item == "hang" or isinstance(item, tuple):
                    self._stall(item)
                    return
                if body.get("stream"):
                    self._stream(item, body)
                    return
                calls = [{"id": f"call_{i}", "type": "function",
                          "function": {"name": c["name"], "arguments": json.dumps(c.get("arguments", {}))}}
                         for i, c in enumerate(item.get("tool_calls", []))]
                message = {"role": "assistant", "content": item.get("text"), "tool_calls": calls or None}
                self._send(200, {"id": "chatcmpl-fake", "object": "chat.completion", "model": body.get("model"),
                                 "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}],
                                 "usage": item.get("usage") or {"prompt_tokens": 10, "completion_tokens": 5,
                                                                "total_tokens": 15}})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # shutdown() waits for the loop's next poll: 0.05 s, not the default 0.5 s that every close of a server that
        # had just answered waited out (speed50)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def __enter__(self) -> FakeOpenAIServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
