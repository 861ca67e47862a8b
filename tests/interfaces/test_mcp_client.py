"""An agent run calls the tools of a small MCP server the test starts (stdio): reviewed by the guard as
mcp:SERVER/TOOL (ask by default), allowlisted, its output untrusted and screened, and a server that hangs,
dies or floods is an error observation within its deadline."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("mcp")
from pydantic import ValidationError  # noqa: E402

from macrohard.runner import run_task  # noqa: E402
from macrohard.safety.guard import Guard  # noqa: E402
from macrohard.safety.policy import DEFAULT_POLICY_PATH, parse_policy  # noqa: E402
from macrohard.testing import ScriptedModel  # noqa: E402
from macrohard.types import McpServer, RunStatus, Task  # noqa: E402

TOY = str(Path(__file__).with_name("mcp_toy_server.py"))


def toy(tools: list[str], timeout: float = 20.0) -> McpServer:
    # a stdio server gets a clean environment: the toy's mark tool is given $TOY_MARK by name (rt44); it runs in a
    # sandbox (rt45) unless the user's own code or config says host: the mark it leaves is a host file outside it
    return McpServer(name="toy", command=[sys.executable, TOY], tools=tools, timeout=timeout,
                     env=["TOY_MARK"] if "TOY_MARK" in os.environ else [], host="TOY_MARK" in os.environ)


def call(tool: str, **arguments) -> dict:
    return {"kind": "mcp_call", "server": "toy", "tool": tool, "arguments": arguments}


@pytest.fixture
def mark(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "mark"
    monkeypatch.setenv("TOY_MARK", str(path))
    return path


def test_an_agent_run_uses_an_mcp_tool(store, mark: Path) -> None:
    asked = []
    model = ScriptedModel([call("add", a=2, b=3), call("note"), call("mark"), {"kind": "finish", "answer": "5"}])
    task = Task(text="Add 2 and 3 with the toy server.", mcp=[toy(["add", "note"])])
    run = run_task(task, model=model, store=store, approve=lambda action, verdict: asked.append(verdict) or True)
    assert run.status is RunStatus.succeeded, run.error
    steps = store.steps(run.id)
    added, note, marked = steps[0], steps[1], steps[2]
    assert "the sum is 5" in added.observation.output and not added.observation.error
    assert added.verdict.check == "policy:mcp-tools" and added.verdict.approved_by == "user"
    assert "mcp:toy/add" in asked[0].reason
    # outside data: untrusted (the flow state's tool source), fenced for the model, its injection flagged
    assert added.observation.untrusted and note.observation.untrusted
    assert note.observation.meta["flow"]["kind"] == "tool"
    assert note.observation.meta["flow"]["source"] == "MCP tool toy/note result"
    tool_messages = [m for m in model.seen[-1] if m["role"] == "tool"]
    assert "UNTRUSTED CONTENT" in tool_messages[1]["content"]
    # the allowlist holds even for an approved call: `mark` never reached the server
    assert marked.observation.error and "not on the allowlist" in marked.observation.output and not mark.exists()
    prompt = model.seen[0][0]["content"]
    assert "tool='add' arguments: {a, b}" in prompt and "Add two integers" not in prompt  # no server words


def test_without_approval_the_call_is_never_sent_and_rules_can_allow(store, mark: Path) -> None:
    run = run_task(Task(text="mark it", mcp=[toy(["mark"])]), store=store,
                   model=ScriptedModel([call("mark"), {"kind": "finish", "answer": "no"}]))
    step = store.steps(run.id)[0]
    assert step.verdict.decision.value == "deny" and "mcp:toy/mark" in step.verdict.reason and not mark.exists()

    policy = DEFAULT_POLICY_PATH.read_text().replace(
        "rules:\n", 'rules:\n  - {id: toy-mark, kinds: ["mcp:toy/m*"], decision: allow, reason: "ok ({detail})"}\n', 1)
    run = run_task(Task(text="mark it", mcp=[toy(["mark"])]), store=store,
                   guard=Guard.from_policy(parse_policy(policy)),
                   model=ScriptedModel([call("mark"), {"kind": "finish", "answer": "yes"}]))
    assert store.steps(run.id)[0].observation.output == "marked" and mark.read_text() == "called\n"


def test_a_server_that_hangs_dies_or_floods_never_hangs_the_run(store) -> None:
    script = [call("hang"), call("die"), call("flood"), call("big"), call("add", a=1, b=1), call("nope"),
              {"kind": "mcp_call", "server": "other", "tool": "add"}, {"kind": "finish", "answer": "done"}]
    started = time.monotonic()
    run = run_task(Task(text="try the tools", mcp=[toy(["*"], timeout=4)]), store=store, model=ScriptedModel(script),
                   approve=lambda action, verdict: True)
    assert time.monotonic() - started < 90 and run.status is RunStatus.succeeded
    out = [s.observation for s in store.steps(run.id)]
    assert out[0].error and ("did not answer within 4s" in out[0].output or "Timed out" in out[0].output)
    assert out[1].error and "Connection closed" in out[1].output
    assert out[2].error and "larger than 1,048,576 bytes" in out[2].output
    assert out[3].error and "larger than" in out[3].output
    assert not out[4].error and "the sum is 2" in out[4].output  # a fresh connection after each failure
    assert out[5].error and "nope" in out[5].output, out[5].output
    assert out[6].error and "no MCP server 'other'" in out[6].output


def test_server_config_errors_name_the_fix() -> None:
    with pytest.raises(ValidationError, match="either `command`"):
        McpServer(name="x", tools=["a"])
    with pytest.raises(ValidationError, match="tools"):
        McpServer(name="x", command=["srv"], tools=[])
    with pytest.raises(ValidationError, match="name"):
        McpServer(name="bad name/with slash", command=["srv"], tools=["a"])


def test_a_division_lists_mcp_servers(store, mark: Path) -> None:
    from macrohard.divisions.config import Division
    from macrohard.divisions.runtime import Staff, run_division

    division = Division(name="tooluser", system_prompt="You use the toy tools.", environments=["shell"],
                        mcp=[toy(["add"])])
    staff = Staff(divisions={"tooluser": division}, approve=lambda action, verdict: True,
                  models=lambda d, t: ScriptedModel([call("add", a=20, b=22), {"kind": "finish", "answer": "42"}]))
    run = run_division(Task(text="add 20 and 22"), division, staff=staff, store=store)
    assert run.status is RunStatus.succeeded and "the sum is 42" in store.steps(run.id)[0].observation.output


def test_an_agent_run_calls_macrohard_mcp_serve_over_http(store, http_server: str, monkeypatch) -> None:
    from tests.interfaces.conftest import TOKEN

    monkeypatch.setenv("MH_TOKEN", TOKEN)
    monkeypatch.setenv("WRONG_TOKEN", "not-the-token-at-all-000")
    servers = [McpServer(name="mh", url=http_server, token_env="MH_TOKEN", tools=["bash"], timeout=20),
               McpServer(name="locked", url=http_server, token_env="WRONG_TOKEN", tools=["bash"], timeout=10)]
    script = [{"kind": "mcp_call", "server": "mh", "tool": "bash", "arguments": {"command": "echo from-the-other-side"}},
              {"kind": "mcp_call", "server": "mh", "tool": "bash", "arguments": {"command": "rm -rf /usr"}},
              {"kind": "mcp_call", "server": "locked", "tool": "bash", "arguments": {"command": "echo hi"}},
              {"kind": "finish", "answer": "done"}]
    run = run_task(Task(text="use the other sandbox", mcp=servers), store=store, model=ScriptedModel(script),
                   approve=lambda action, verdict: True)
    out = [s.observation for s in store.steps(run.id)]
    assert not out[0].error and "from-the-other-side" in out[0].output and out[0].untrusted
    assert out[1].error and "policy:destructive" in out[1].output  # the serving side's guard refused it
    assert out[2].error and "'locked'" in out[2].output and "401" in out[2].output, out[2].output


class _Endless:
    """An HTTP server whose every POST answers 200 and then never ends its body, in one of several shapes."""

    BODIES = {
        "json": ("application/json", b"[" * 65536, 0.0),               # one JSON value that never closes
        "sse": ("text/event-stream", b": ping\n\n" * 8192, 0.0),     # SSE comments forever, no message
        "sse-line": ("text/event-stream", b"data: " + b"x" * 65530, 0.0),  # one SSE line that never ends
        "trickle": ("application/json", b"[", 0.05),                   # a byte now and then: never the cap
    }

    def __init__(self, shape: str) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        content_type, chunk, pause = self.BODIES[shape]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.end_headers()
                try:
                    while True:
                        self.wfile.write(chunk)
                        if pause:
                            self.wfile.flush()
                            time.sleep(pause)
                except OSError:
                    return

            def log_message(self, *args) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/mcp"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_an_endless_http_response_is_cut(store) -> None:
    """The run's start (listing the tools) and its call each end when the body passes 1 MiB, not at the deadline."""
    endless = _Endless("json")
    started = time.monotonic()
    try:
        run = run_task(Task(text="x", mcp=[McpServer(name="flood", url=endless.url, tools=["*"], timeout=30)]),
                       store=store,
                       model=ScriptedModel([{"kind": "mcp_call", "server": "flood", "tool": "any"},
                                            {"kind": "finish", "answer": "done"}]),
                       approve=lambda action, verdict: True)
    finally:
        endless.close()
    assert time.monotonic() - started < 20  # two 30 s deadlines were waited out before the cut woke the call
    obs = store.steps(run.id)[0].observation
    assert obs.error and "'flood'" in obs.output and "larger than 1,048,576 bytes" in obs.output, obs.output


@pytest.mark.parametrize("shape", ["sse", "sse-line", "trickle"])
def test_an_endless_response_is_bounded_by_size_and_time(shape: str) -> None:
    from macrohard.mcp.connection import Connection, McpFailure

    endless = _Endless(shape)
    # the cap's shapes get a deadline of 120 s (suite58: was 3 s and `took < 2.5`, a speed): the cap, said so, can
    # only have ended them before it; the trickle stays under the cap, so its 3 s deadline ends it
    timeout = 3 if shape == "trickle" else 120
    connection = Connection(McpServer(name="endless", url=endless.url, tools=["*"], timeout=timeout,
                                      max_bytes=1 << 16))
    started = time.monotonic()
    try:
        with pytest.raises(McpFailure) as failure:
            connection.call(lambda session: session.list_tools())
    finally:
        connection.close()
        endless.close()
    took = time.monotonic() - started
    if shape == "trickle":  # under the cap, so the deadline ends it, and says so
        # not before its deadline; the upper bound only against a hang (was < 10; suite58)
        assert 2.5 < took < 60 and "did not answer within 3s" in str(failure.value), failure.value
    else:  # the cap ends it, long before the deadline (a deadline that ended it says "did not answer within 120s")
        assert "larger than 65,536 bytes" in str(failure.value), (took, failure.value)
