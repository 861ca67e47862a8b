"""The front door after ux54 (helper ux55): what a user reads is true — a question nobody was asked is recorded as the
policy's denial, a web chat's delegated run is answered and stopped on its own page, the page snapshot's example ids
are the ids it gives, and the web's buttons read without an emoji font.

Real parts only: `macrohard run` and `macrohard serve` in their own processes, scripted models, bubblewrap, Chromium."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.server.conftest import ROOT, Server

NO_TERMINAL = "denied by policy: no terminal to ask"


def test_a_question_with_no_terminal_is_recorded_as_the_policys_denial_not_the_users(_home, tmp_path):
    """ux54 left open: `macrohard run` with no terminal said "no terminal to ask, so denied" on stderr and recorded
    "(not approved by the user)" though nobody was asked: in `runs show`, `--json` and the web's run page."""
    import os

    _home.mkdir(parents=True, exist_ok=True)
    script = tmp_path / "s.json"
    script.write_text(json.dumps([{"kind": "bash", "command": "ssh build@host.example uptime"},
                                  {"kind": "finish", "answer": "tried"}]))
    policy = tmp_path / "policy.yaml"
    policy.write_text("rules:\n  - {id: net, categories: [network], decision: ask, reason: reaches another host}\n")
    env = {**os.environ, "MACROHARD_HOME": str(_home), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}

    def mh(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "macrohard", *args], env=env, capture_output=True, text=True,
                              timeout=120, stdin=subprocess.DEVNULL)

    done = mh("run", "check the build host", "--model", f"scripted:{script}", "--policy", str(policy), "--json")
    assert "no terminal to ask, so denied" in done.stderr, done.stderr
    record = json.loads(done.stdout)
    run_id = record["id"]
    shown = json.loads(mh("runs", "show", run_id, "--json").stdout)
    for said in (json.dumps(shown), mh("runs", "show", run_id).stdout):
        assert NO_TERMINAL in said, said
        assert "approved by the user" not in said, said
    step = shown["steps"][0]
    assert step["verdict"]["decision"] == "deny" and step["verdict"]["reason"].endswith(f"({NO_TERMINAL})")
    assert step["observation"]["output"].startswith("Denied by policy: no terminal to ask: reaches another host")

    server = Server(_home).start()
    try:
        page = server.api().get(f"/runs/{run_id}")
        assert page.status_code == 200
        steps = server.api().get(f"/api/runs/{run_id}/steps")
        said = page.text + (steps.text if steps.status_code == 200 else "")
        assert NO_TERMINAL in said and "approved by the user" not in said, said[-3000:]
    finally:
        server.stop()
