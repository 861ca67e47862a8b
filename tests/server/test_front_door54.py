"""The front door after ux53 and rt53b (helper ux54): a stop during the screens' one-time build is a stop, the web
chat's approvals and a member's delegated runs name their person, a sub-run's question is asked on its own page too,
and a run's `allow_hosts` is judged when it is asked for.

Real parts only: `macrohard chat` and `macrohard serve` in their own processes, a scripted OpenAI-compatible model on
loopback (`macrohard.testing.FakeOpenAIServer`), the real screens' build (its child process, stopped as `timeout`
stops a command: SIGTERM to the whole process group)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.server.conftest import ROOT, mh, person_click, wait_for

from macrohard.testing import FakeOpenAIServer


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _builder(pid: int) -> int | None:
    for child in _children(pid):
        try:
            if b"build-table" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            continue
    return None


def _runs(home: Path) -> list[dict]:
    if not (home / "runs.db").exists():
        return []
    done = mh("runs", "list", "--json", home=home)
    return json.loads(done.stdout) if done.returncode == 0 and done.stdout.strip() else []


@pytest.mark.parametrize("how", ["json", "piped"])
def test_a_chat_stopped_during_the_screens_first_build_records_its_run_interrupted(how: str, _home: Path,
                                                                                   tmp_path: Path) -> None:
    """ux53's first `macrohard chat` in a fresh HOME, ended by `timeout 300` (SIGTERM to the process group): the
    delegated run was recorded `failed`, "building the screens' static token table failed (exit -15):" (the build's
    child had the signal too). With `--json` the chat was not even watching SIGTERM: killed at once, its run left
    `running`. A stop is a stop: `interrupted`, saying so."""
    from macrohard.safety import embed

    try:
        embed.model_dir()
    except embed.EncoderMissing:
        pytest.skip("no MiniLM package: nothing to build")
    _home.mkdir(parents=True, exist_ok=True)
    (tmp_path / "cache").mkdir()
    replies = [{"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "echo hi"}}]},
               {"tool_calls": [{"name": "bash", "arguments": {"command": "echo hi"}}]},
               {"tool_calls": [{"name": "finish", "arguments": {"answer": "said hi"}}]},
               {"content": "It said hi."}]
    env = {**os.environ, "MACROHARD_HOME": str(_home), "PYTHONPATH": str(ROOT / "src"),
           "MACROHARD_CACHE": str(tmp_path / "cache"), "MACROHARD_NO_WARM": "1"}
    with FakeOpenAIServer(replies) as llm:
        args = ["--json", "have the operator say hi"] if how == "json" else []
        proc = subprocess.Popen([sys.executable, "-m", "macrohard", "chat", "--model", llm.url, *args], env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            if how == "piped":
                assert proc.stdin is not None
                proc.stdin.write("have the operator say hi\n")
                proc.stdin.flush()
            assert wait_for(lambda: _builder(proc.pid) is not None and _runs(_home) or proc.poll() is not None,
                            120), "the screens' build never started"
            assert proc.poll() is None, proc.communicate()
            os.killpg(proc.pid, signal.SIGTERM)  # what `timeout` does: the chat and the build's child alike
            out, err = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
    assert proc.returncode == 130, (proc.returncode, out, err)
    runs = _runs(_home)
    assert len(runs) == 1, runs
    run = runs[0]
    assert run["status"] == "interrupted", run
    assert "exit -15" not in (run.get("error") or "") and "stopped" in (run.get("error") or ""), run
    if how == "json":
        said = json.loads(out.strip().splitlines()[-1])
        assert "interrupted" in said["error"] and said["runs"][0]["status"] == "interrupted", said
    else:
        assert "the conversation is kept" in err, err


def test_the_builds_child_ended_by_a_stop_signal_is_a_stop_not_a_failure(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's child killed by SIGINT, SIGTERM or SIGHUP (the terminal's, `timeout`'s or a service manager's stop,
    which reach the whole process group) raises ``Stopped``: the run ends `interrupted` wherever it runs (a web server's
    worker thread, a chat's delegation thread), not `failed`. A child killed otherwise (SIGKILL: the OOM killer) is
    still a failure."""
    from macrohard.errors import Stopped
    from macrohard.safety import embed

    def child(sig: int):
        def build(tmp: Path) -> None:
            real = subprocess.run

            def run(argv, **kwargs):
                return real([sys.executable, "-c", f"import os, signal; os.kill(os.getpid(), {int(sig)})"], **kwargs)

            monkeypatch.setattr(subprocess, "run", run)
            try:
                embed._build_in_child(tmp)
            finally:
                monkeypatch.setattr(subprocess, "run", real)
        return build

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        with pytest.raises(Stopped, match="stopped"):
            embed._build_once(tmp_path / f"t{int(sig)}.npy", child(sig))
    with pytest.raises(RuntimeError, match="exit -9"):
        embed._build_once(tmp_path / "t9.npy", child(signal.SIGKILL))
    assert not list(tmp_path.glob("*.tmp*"))


# --- the web: who answered, whose delegated run, where its question is asked, which sites a run may name ---------


class _Events:
    """The server-sent events of one URL, read in a thread as they come: (event, data) pairs."""

    def __init__(self, url: str, token: str) -> None:
        import threading

        import httpx

        self.seen: list[tuple[str, dict]] = []
        self._client = httpx.Client(timeout=httpx.Timeout(5, read=None), headers={"Authorization": f"Bearer {token}"})

        def read() -> None:
            kind = ""
            try:
                with self._client.stream("GET", url) as stream:
                    for line in stream.iter_lines():
                        if line.startswith("event: "):
                            kind = line[7:]
                        elif line.startswith("data: ") and kind:
                            self.seen.append((kind, json.loads(line[6:])))
            except Exception:  # noqa: BLE001 - closed by the test
                return

        self._thread = threading.Thread(target=read, daemon=True)
        self._thread.start()

    def first(self, kind: str, seconds: float = 60.0) -> dict:
        assert wait_for(lambda: any(k == kind for k, _ in self.seen), seconds), (kind, self.seen)
        return next(d for k, d in self.seen if k == kind)

    def close(self) -> None:
        self._client.close()


ASK_CMD = 'eval "$CMD"; echo approved-ran > approved.txt'  # the guard cannot read it: the default policy asks


def test_a_web_chat_approval_is_recorded_with_the_name_of_who_gave_it(server) -> None:
    """Before: a question answered on the chat page was recorded "allow by user" (the terminal's word), where a run
    page's answer says "user NAME": the audit chain did not say who approved the command."""
    from tests.server.conftest import script

    model = script(server.home, [
        {"kind": "delegate", "division": "operator", "task": "run the hidden command"},
        {"kind": "bash", "command": ASK_CMD}, {"kind": "finish", "answer": "ran it"},
        "The operator ran it.",
    ])
    api = server.api()
    conv = api.post("/api/conversations", json={"model": model}).json()
    events = _Events(f"{server.url}/api/conversations/{conv['id']}/events", server.token)
    try:
        events.first("ready", 30)
        assert api.post(f"/api/conversations/{conv['id']}/messages", json={"text": "run it"}).status_code == 202
        asked = events.first("approval", 90)
        answered = api.post(f"/api/conversations/{conv['id']}/approvals/{asked['approval_id']}",
                            json={"approve": True})
        assert answered.status_code == 204, answered.text
        events.first("turn_end", 90)
    finally:
        events.close()
    run_id = asked["run_id"]
    # whose run it is: the runs page said "cli" for a run the web chat of a signed-in person delegated
    assert api.get(f"/api/runs/{run_id}").json()["meta"]["user"] == "owner"
    assert ">owner</td>" in api.get("/runs").text
    assert f'href="/chats/{conv["id"]}"' in api.get(f"/runs/{run_id}").text  # its page links its conversation
    steps = api.get(f"/api/runs/{run_id}/steps").json()
    assert steps[0]["verdict"]["approved_by"] == "user owner", steps[0]["verdict"]
    again = api.post(f"/api/conversations/{conv['id']}/approvals/{asked['approval_id']}", json={"approve": False})
    assert again.status_code == 404, again.text  # answered once


def test_a_members_delegated_run_is_theirs_and_its_question_is_asked_and_answered_on_its_own_page(
        _home: Path, monkeypatch: pytest.MonkeyPatch, chromium) -> None:
    """rt53b's and ux53's left open. A member's `chat` division run from the runs page delegated to operator: the
    sub-run had no user (its page, linked from the parent's, was 404 for the member who started it), and the guard's
    question of its step was shown only on the top run's page. Now the sub-run is the member's, its question is on its
    own page (and the parent's, saying which run asks), answered there once, recorded as "user NAME"."""
    from tests.server.conftest import Server

    replies = [
        {"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "run the hidden command"}}]},
        {"tool_calls": [{"name": "bash", "arguments": {"command": ASK_CMD}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "ran it"}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "the operator ran it"}}]},
    ]
    with FakeOpenAIServer(replies) as llm:
        monkeypatch.setenv("MACROHARD_MODEL", llm.url)  # the server's default model: a member may not name a URL
        _home.mkdir(parents=True, exist_ok=True)
        server = Server(_home).start()
        try:
            owner = server.api()
            token = mh("serve", "users", "add", "alice", "--role", "member", home=_home).stdout.strip().splitlines()[-1]
            alice = server.api(token)
            started = alice.post("/api/runs", json={"text": "have the operator run the hidden command",
                                                    "division": "chat"})
            assert started.status_code == 201, started.text
            parent = started.json()["id"]

            def child() -> dict | None:
                return next((r for r in owner.get("/api/runs").json() if r.get("parent_id") == parent), None)

            assert wait_for(lambda: child() is not None, 90), owner.get(f"/api/runs/{parent}").json()
            sub = child()["id"]
            mine = alice.get(f"/api/runs/{sub}")
            assert mine.status_code == 200, mine.text  # was 404: the sub-run had no user
            assert mine.json()["meta"]["user"] == "alice", mine.json()["meta"]
            assert sub in [r["id"] for r in alice.get("/api/runs").json()]

            assert wait_for(lambda: alice.get(f"/api/runs/{sub}/approvals").json() != [], 90), \
                owner.get(f"/api/runs/{parent}/approvals").json()
            asked = alice.get(f"/api/runs/{sub}/approvals").json()[0]
            # its model, while its first step waits (the page said "model ·", nothing, until a step ended)
            assert alice.get(f"/api/runs/{sub}").json()["model"] == llm.url
            on_parent = alice.get(f"/api/runs/{parent}/approvals").json()
            assert [p["id"] for p in on_parent] == [asked["id"]] and on_parent[0]["asker"] == sub, on_parent

            page = chromium.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{server.url}/login?token={token}&next=/runs/{parent}")
            page.wait_for_selector(f"#ask-{asked['id']} .asker a[href='/runs/{sub}']", timeout=30_000)
            page.goto(f"{server.url}/runs/{sub}")
            page.wait_for_selector(f"#ask-{asked['id']} button.approve", timeout=30_000)
            shots = Path(os.environ.get("UX54_SHOTS", "")) if os.environ.get("UX54_SHOTS") else None
            if shots:
                page.screenshot(path=str(shots / "subrun-question-1280.png"), full_page=True)
                page.set_viewport_size({"width": 390, "height": 844})
                page.screenshot(path=str(shots / "subrun-question-390.png"), full_page=True)
                page.goto(f"{server.url}/runs/{parent}")
                page.wait_for_selector(f"#ask-{asked['id']} button.approve", timeout=30_000)
                page.screenshot(path=str(shots / "parent-question-390.png"), full_page=True)
                page.goto(f"{server.url}/runs/{sub}")
                page.wait_for_selector(f"#ask-{asked['id']} button.approve", timeout=30_000)
            person_click(page, f"#ask-{asked['id']} button.approve")
            assert wait_for(lambda: alice.get(f"/api/runs/{parent}").json()["status"] != "running", 90)
            twice = alice.post(f"/api/runs/{parent}/approvals/{asked['id']}", json={"approve": False})
            assert twice.status_code == 404, twice.text  # answered once, on either page
            done = alice.get(f"/api/runs/{parent}").json()
            assert done["status"] == "succeeded" and done["answer"] == "the operator ran it", done
            steps = alice.get(f"/api/runs/{sub}/steps").json()
            assert steps[0]["verdict"]["approved_by"] == "user alice", steps[0]["verdict"]
            assert alice.get(f"/runs/{sub}").status_code == 200
        finally:
            server.stop()


def test_a_run_naming_the_apps_own_port_or_a_port_that_is_not_one_is_refused_when_asked_for(server) -> None:
    """rt53b's left open: `allow_hosts` naming this app's own port was taken (the page then said, at run time, "Blocked
    by the network policy"), and a port in other digits (`127.0.0.1:８０`) or past 65535 was taken as a local site
    that no rule ever matches. Each is a 400 saying why; nothing is started."""
    api = server.api()
    for hosts, said in (([f"127.0.0.1:{server.port}"], f"port {server.port} is a macrohard serve"),
                        ([f"localhost:{server.port}"], "this app's own"),
                        (["127.0.0.1:８０"], "is not a port"), (["localhost:99999"], "is not a port")):
        got = api.post("/api/runs", json={"text": "read the page", "environment": "browser", "allow_hosts": hosts})
        assert got.status_code == 400 and said in got.json()["detail"], (hosts, got.text)
    assert api.get("/api/runs").json() == []



def test_a_member_stops_their_delegated_run_from_its_own_page(_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sub-run's page (now the member's) has a Stop button: before, it answered 404 "run … is not running in this
    server" (only the top run is the server's own); rt53b: "cannot Stop it alone". Now the sub-run alone is cut, ends
    `interrupted` saying who stopped it, and the run that delegated it goes on to its own answer."""
    from tests.server.conftest import Server

    replies = [
        {"tool_calls": [{"name": "delegate", "arguments": {"division": "operator", "task": "wait half a minute"}}]},
        {"tool_calls": [{"name": "bash", "arguments": {"command": "sleep 30; echo late"}}]},
        {"tool_calls": [{"name": "finish", "arguments": {"answer": "the operator was stopped"}}]},
    ]
    with FakeOpenAIServer(replies) as llm:
        monkeypatch.setenv("MACROHARD_MODEL", llm.url)
        _home.mkdir(parents=True, exist_ok=True)
        server = Server(_home).start()
        try:
            owner = server.api()
            token = mh("serve", "users", "add", "alice", "--role", "member", home=_home).stdout.strip().splitlines()[-1]
            alice = server.api(token)
            parent = alice.post("/api/runs", json={"text": "have the operator wait", "division": "chat"}).json()["id"]

            def child() -> dict | None:
                return next((r for r in owner.get("/api/runs").json() if r.get("parent_id") == parent), None)

            assert wait_for(lambda: child() is not None and len(llm.requests) >= 2, 90), llm.requests
            sub = child()["id"]
            time.sleep(1.0)  # the command is under way
            stopped = alice.post(f"/api/runs/{sub}/stop")
            assert stopped.status_code == 202, stopped.text
            assert wait_for(lambda: alice.get(f"/api/runs/{sub}").json()["status"] != "running", 60)  # hang bound
            got = alice.get(f"/api/runs/{sub}").json()
            assert got["status"] == "interrupted" and "stopped from the web by user alice" in got["error"], got
            # not the whole `sleep 30` (suite62; was `took < 20`): the command never reached its echo
            from macrohard.store.sqlite import SQLiteStore

            outputs = [s.observation.output for s in SQLiteStore(str(_home / "runs.db")).steps(sub) if s.observation]
            assert not any("late" in o.splitlines() for o in outputs), outputs
            assert wait_for(lambda: alice.get(f"/api/runs/{parent}").json()["status"] != "running", 60)
            done = alice.get(f"/api/runs/{parent}").json()
            assert done["status"] == "succeeded" and done["answer"] == "the operator was stopped", done
        finally:
            server.stop()


# --- a new user's hour -------------------------------------------------------------------------------------------


def test_the_divisions_table_stars_only_what_is_starred(_home: Path) -> None:
    """`macrohard divisions` in a fresh HOME said "* from ~/…/divisions; add or override one there" under a table in
    which no row had a star: a new user looked for what the star marked."""
    _home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "200", "PYTHONPATH": str(ROOT / "src")}
    plain = subprocess.run([sys.executable, "-m", "macrohard", "divisions"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert plain.returncode == 0, plain.stderr
    assert "*" not in plain.stdout and "add one, or override one, as" in plain.stdout, plain.stdout
    (_home / "divisions").mkdir()
    (_home / "divisions" / "sales.yaml").write_text("name: sales\ndescription: Sells.\nsystem_prompt: You sell.\n"
                                                    "environments: [shell]\n")
    mine = subprocess.run([sys.executable, "-m", "macrohard", "divisions"], env=env, capture_output=True, text=True,
                          timeout=120)
    assert "sales *" in mine.stdout and "* from" in mine.stdout, mine.stdout


def test_a_browser_runs_summary_says_where_its_video_is(_home: Path, tmp_path: Path) -> None:
    """A browser run ended with "see it again: macrohard runs show ID" only: its screenshots as a video (`runs
    replay`, the contact sheet) were found only in `runs --help`."""
    from tests.cli_in_process import mh as in_process
    from tests.server.conftest import script

    _home.mkdir(parents=True, exist_ok=True)
    model = script(_home, [{"kind": "browser_read"}, {"kind": "finish", "answer": "blank"}])
    # The browser run in a process of its own: a file of tests/server shares one Chromium (sync Playwright, whose
    # event loop then runs in this thread), and a second sync Playwright here would be refused ("Sync API inside the
    # asyncio loop"), as the whole suite's run found when a Chromium test of this file went first.
    done = subprocess.run([sys.executable, "-m", "macrohard", "run", "read the page", "-e", "browser", "--model", model,
                           "-w", str(tmp_path / "ws")], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "MACROHARD_HOME": str(_home), "COLUMNS": "300",
                               "PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stdout + done.stderr
    said = " ".join(done.stdout.split())
    run_id = said.split("run id ", 1)[1].split()[0]
    assert f"as a video: macrohard runs replay {run_id}" in said, said
    shell = in_process("run", "say hi", "--model", script(_home, [{"kind": "finish", "answer": "hi"}], "s2.json"),
                       "-w", str(tmp_path / "ws2"), env={"MACROHARD_HOME": str(_home), "COLUMNS": "300"})
    assert "runs replay" not in shell.stdout  # a shell run has no screenshots
