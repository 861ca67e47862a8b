"""`macrohard mcp serve` driven by the official MCP client over stdio and HTTP: real bubblewrap, real guard."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import anyio
import httpx
import pytest

mcp = pytest.importorskip("mcp")
from mcp import ClientSession, StdioServerParameters  # noqa: E402
from mcp.client.stdio import stdio_client  # noqa: E402
from mcp.client.streamable_http import streamable_http_client  # noqa: E402
from tests.interfaces.conftest import TOKEN, server_env  # noqa: E402

from macrohard.store.sqlite import SQLiteStore  # noqa: E402


def text(result) -> str:
    return "".join(getattr(c, "text", "") for c in result.content)


async def exercise(session: ClientSession, workspace: Path | None = None) -> dict:
    await session.initialize()
    tools = {t.name: t for t in (await session.list_tools()).tools}
    ran = await session.call_tool("bash", {"command": "echo made > out.txt && cat out.txt"})
    harmful = await session.call_tool("bash", {"command": "rm -rf /usr"})
    extra = await session.call_tool("bash", {"command": "true", "shell": "sh"})
    wrong_type = await session.call_tool("bash", {"command": 42})
    unknown = await session.call_tool("no_such_tool", {})
    after = await session.call_tool("bash", {"command": "cat out.txt"})
    return {"tools": tools, "ran": ran, "harmful": harmful, "extra": extra, "wrong_type": wrong_type,
            "unknown": unknown, "after": after}


def check_results(r: dict) -> None:
    tools = r["tools"]
    assert {"bash", "read_file", "write_file", "edit_file", "list_dir"} <= set(tools)
    assert "finish" not in tools
    assert tools["read_file"].annotations.readOnlyHint is True and tools["read_file"].annotations.destructiveHint is False
    assert tools["bash"].annotations.readOnlyHint is False and tools["bash"].annotations.destructiveHint is True
    assert tools["bash"].inputSchema["required"] == ["command"] and "kind" not in tools["bash"].inputSchema["properties"]
    assert not r["ran"].isError and "made" in text(r["ran"]) and "exit code 0" in text(r["ran"])
    assert r["harmful"].isError and "policy:destructive" in text(r["harmful"]), text(r["harmful"])
    assert r["extra"].isError and "'shell' was unexpected" in text(r["extra"])
    assert r["wrong_type"].isError and "42" in text(r["wrong_type"])
    assert r["unknown"].isError and "no_such_tool" in text(r["unknown"])
    assert not r["after"].isError and "made" in text(r["after"])  # the server lived through the bad calls


def run_of(home: Path) -> tuple[object, list]:
    store = SQLiteStore(home / "runs.db")
    try:
        run = store.list_runs(5)[0]
        return run, store.steps(run.id)
    finally:
        store.close()


def test_stdio_official_client_lists_runs_and_is_denied(_home: Path) -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "macrohard", "mcp", "serve", "--stdio"],
                                   env=server_env())

    async def main() -> dict:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            return await exercise(session)

    results = anyio.run(main)
    check_results(results)
    run, steps = run_of(_home)  # each call that reached the guard is a recorded step; rm -rf was never run
    assert run.meta["interface"] == "mcp" and run.status.value == "succeeded"
    kinds = [(s.action.command, s.verdict.decision.value) for s in steps]
    assert ("rm -rf /usr", "deny") in kinds and kinds[0][1] == "allow"
    from macrohard.safety.audit import AuditLog

    assert AuditLog(str(_home / "runs.db")).verify(run.id) == []


def test_http_needs_the_token_and_the_official_client_drives_it(http_server: str) -> None:
    no_token = httpx.post(http_server, json={"jsonrpc": "2.0", "id": 1, "method": "ping"}, timeout=10)
    assert no_token.status_code == 401 and "Bearer" in no_token.json()["error"]
    wrong = httpx.post(http_server, json={}, headers={"Authorization": "Bearer " + "y" * 31}, timeout=10)
    assert wrong.status_code == 401
    garbage = httpx.post(http_server, content=b"{not json", timeout=10, headers={
        "Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json",
        "Accept": "application/json, text/event-stream"})
    assert garbage.status_code == 400 and garbage.json()["error"]["code"] == -32700

    async def main() -> dict:
        client = httpx.AsyncClient(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=60)
        async with client, streamable_http_client(http_server, http_client=client) as (r, w, _):
            async with ClientSession(r, w) as session:
                return await exercise(session)

    check_results(anyio.run(main))


def test_stdio_malformed_messages_leave_the_server_answering(_home: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "macrohard", "mcp", "serve", "--stdio"], env=server_env(),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        init = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}}
        for line in ("this is not json", "[1, 2", json.dumps({"jsonrpc": "2.0", "id": 7, "method": "no/such"}),
                     json.dumps(init)):
            proc.stdin.write(line + "\n")
        proc.stdin.flush()
        answers = {}
        while 1 not in answers:
            message = json.loads(proc.stdout.readline())
            if "id" in message:
                answers[message["id"]] = message
        assert answers[7]["error"]["code"] == -32602  # an unknown method: an error answer, not a crash
        assert answers[1]["result"]["serverInfo"]["name"] == "macrohard"
    finally:
        proc.stdin.close()
        code = proc.wait(30)
        proc.stdout.close()
    assert code == 0


def test_allow_list_and_bad_options(_home: Path) -> None:
    from typer.testing import CliRunner

    from macrohard.cli import app

    bad = CliRunner().invoke(app, ["mcp", "serve", "--allow", "bash,sudo"])
    assert bad.exit_code != 0 and "sudo" in str(bad.exception or bad.output)
    bad = CliRunner().invoke(app, ["mcp", "serve", "--http", "nohost"])
    assert bad.exit_code != 0 and "HOST:PORT" in str(bad.exception or bad.output)
    bad = CliRunner().invoke(app, ["mcp", "serve", "--network", "internet"])
    assert bad.exit_code != 0 and "choose none, loopback" in str(bad.exception or bad.output)
    bad = CliRunner().invoke(app, ["mcp", "serve", "--environment", "vm"])
    assert bad.exit_code != 0 and "shell, browser or desktop" in str(bad.exception or bad.output)

    params = StdioServerParameters(command=sys.executable, env=server_env(),
                                   args=["-m", "macrohard", "mcp", "serve", "--allow", "read_file,list_dir"])

    async def main() -> tuple[list[str], str]:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            names = [t.name for t in (await session.list_tools()).tools]
            refused = await session.call_tool("bash", {"command": "echo hi"})
            return names, text(refused)

    names, refused = anyio.run(main)
    assert names == ["read_file", "list_dir"] and "unknown tool 'bash'" in refused


@pytest.mark.skipif(__import__("shutil").which("chromium") is None, reason="needs chromium (bash install.sh)")
def test_the_browser_environment_over_mcp(_home: Path) -> None:
    from macrohard.sites import serve

    async def main(url: str) -> tuple[dict, list]:
        params = StdioServerParameters(command=sys.executable, env=server_env(), args=[
            "-m", "macrohard", "mcp", "serve", "--environment", "browser", "--network", "none",
            "--allow-host", url.split("/")[2]])
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            tools = {t.name: t for t in (await session.list_tools()).tools}
            results = [await session.call_tool("browser_goto", {"url": url}),
                       await session.call_tool("browser_goto", {"url": "file:///etc/passwd"}),
                       await session.call_tool("browser_screenshot", {})]
            return tools, results

    with serve("form") as site:
        tools, (page, local, shot) = anyio.run(main, site.url)
    assert tools["browser_read"].annotations.readOnlyHint and tools["browser_click"].annotations.destructiveHint
    assert not page.isError and 'textbox "Full name"' in text(page)
    assert page.meta and page.meta.get("untrusted")  # a web page: outside data, said so
    assert local.isError and "policy:" in text(local) and "/etc/passwd" in text(local)
    assert not shot.isError and [c.type for c in shot.content] == ["text", "image"]


@pytest.mark.skipif(__import__("shutil").which("Xvfb") is None, reason="needs Xvfb (bash install.sh)")
def test_the_desktop_environment_over_mcp(_home: Path) -> None:
    params = StdioServerParameters(command=sys.executable, env=server_env(), args=[
        "-m", "macrohard", "mcp", "serve", "--environment", "desktop", "--allow", "desktop_screenshot,desktop_launch"])

    async def main() -> tuple[dict, list]:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            tools = {t.name: t for t in (await session.list_tools()).tools}
            return tools, [await session.call_tool("desktop_screenshot", {}),
                           await session.call_tool("desktop_launch", {"command": "sh -c 'rm -rf /usr'", "wait": 0})]

    tools, (shot, harmful) = anyio.run(main)
    assert list(tools) == ["desktop_screenshot", "desktop_launch"]
    assert tools["desktop_screenshot"].annotations.readOnlyHint and tools["desktop_launch"].annotations.destructiveHint
    assert not shot.isError and [c.type for c in shot.content] == ["text", "image"]
    assert harmful.isError and "policy:destructive" in text(harmful)


def test_http_refuses_a_rebinding_name_and_another_sites_page_even_with_the_token(http_server: str) -> None:
    """rt57 (rt56c's left open): the HTTP server checked only its token. A page whose DNS name was turned to
    127.0.0.1 sends ``Host: its.name``; another site's page sends its ``Origin``: both are refused as the web app
    refuses them, before the token is looked at. Clients that are no browser (no Origin) and the server's own
    origin are served."""
    port = http_server.rsplit(":", 1)[1].split("/")[0]
    ping = {"jsonrpc": "2.0", "id": 1, "method": "ping"}
    headers = {"Authorization": f"Bearer {TOKEN}", "Accept": "application/json, text/event-stream"}

    def post(**extra: str) -> httpx.Response:
        return httpx.post(http_server, json=ping, headers={**headers, **extra}, timeout=10)

    for bad in ({"Host": f"rebind.example:{port}"}, {"Host": "rebind.example"},
                {"Origin": "http://evil.example"}, {"Origin": f"http://localhost.evil.example:{port}"},
                {"Origin": "null"}):
        answer = post(**bad)
        assert answer.status_code == 403, (bad, answer.status_code, answer.text)
        assert "another site" in answer.json()["error"] or "loopback" in answer.json()["error"]
    stream = httpx.get(http_server, headers={**headers, "Host": f"rebind.example:{port}"}, timeout=10)
    assert stream.status_code == 403
    no_token_rebinding = httpx.post(http_server, json=ping, headers={"Host": "rebind.example"}, timeout=10)
    assert no_token_rebinding.status_code == 403
    # twins: the person's own names and its own page's origin; a session is needed for anything but initialize
    for good in ({}, {"Host": f"localhost:{port}"}, {"Host": f"127.0.0.1:{port}"},
                 {"Origin": f"http://127.0.0.1:{port}"}, {"Host": f"localhost:{port}", "Origin": f"http://localhost:{port}"}):
        answer = post(**good)
        assert answer.status_code not in (401, 403), (good, answer.status_code, answer.text)
