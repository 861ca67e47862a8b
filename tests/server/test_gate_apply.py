"""Applying a coding run's change from its page, in a real Chromium: the same gate as `macrohard runs apply`
(a passing gate commits on a `macrohard/ID` branch of the real repository; a failing one is refused with the
list, and only an explicit force applies it, recorded in the audit chain); CSRF and viewers are refused."""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx
from tests.coding.conftest import CALC, TESTS, git, make_repo
from tests.server.conftest import mh, person_click, script

from macrohard.safety.audit import AuditLog

FIX = {"kind": "edit_file", "path": "calc.py", "old": "return a - b", "new": "return a + b"}
BREAK = {"kind": "edit_file", "path": "calc.py", "old": "return a * b", "new": "return a ** b"}


def _coding_run(server, tmp_path: Path, actions: list[dict], code: int) -> tuple[Path, str]:
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})
    done = mh("code", "fix add", "--source", str(repo), "--model", script(server.home, actions), "--json",
              home=server.home)
    assert done.returncode == code, done.stderr
    return repo, server.api().get("/api/runs").json()[0]["id"]


def _branch(repo: Path, name: str) -> bool:
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "-q", "--verify", f"refs/heads/{name}"],
                          capture_output=True).returncode == 0


def _page(chromium, server, run_id: str):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server.url}/login?token={server.token}")
    page.goto(f"{server.url}/runs/{run_id}")
    return page


def test_apply_on_the_run_page_commits_a_change_whose_gate_passed(server, chromium, tmp_path: Path) -> None:
    repo, run_id = _coding_run(server, tmp_path, [FIX, {"kind": "finish", "answer": "Fix add: it subtracted"}], 0)
    page = _page(chromium, server, run_id)
    assert "Test gate: passed" in page.inner_text("#gate")
    assert page.locator("#apply input[name=force]").count() == 0  # nothing to override
    with httpx.Client(base_url=server.url, timeout=30) as forger:  # a cookie session without the CSRF token
        forger.get("/login", params={"token": server.token})
        forged = forger.post(f"/runs/{run_id}/apply", data={"force": "1"})
        assert forged.status_code == 403 and "CSRF" in forged.text
    assert not _branch(repo, f"macrohard/{run_id}")

    # rt58c: a click at once on the fresh page (a window another site opened under a double-click) applies nothing
    box = page.locator("#apply button").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert "Not taken" in page.wait_for_selector("#apply p.gate").inner_text()
    assert page.locator(".applied").count() == 0 and not _branch(repo, f"macrohard/{run_id}")
    person_click(page, "#apply button")
    page.wait_for_selector(".applied", timeout=60_000)
    branch = f"macrohard/{run_id}"
    assert f"on branch {branch}" in page.inner_text(".applied") and "by web:owner" in page.inner_text(".applied")
    assert page.locator("#apply").count() == 0  # applied once: no second button
    assert "return a + b" in git(repo, "show", f"{branch}:calc.py")
    assert git(repo, "log", "-1", "--format=%s", branch) == "Fix add: it subtracted"
    assert git(repo, "rev-parse", f"{branch}^") == git(repo, "rev-parse", "main")
    assert git(repo, "rev-parse", "--abbrev-ref", "HEAD") == "main" and git(repo, "status", "--porcelain") == ""
    assert "return a - b" in (repo / "calc.py").read_text() and git(repo, "remote") == ""  # untouched, no push
    log = AuditLog(server.home / "runs.db")
    assert log.verify(run_id) == []
    last = log.records(run_id)[-1]
    assert last.kind == "apply" and last.verdict["approved_by"] == "web:owner"
    assert "override" not in [r.kind for r in log.records(run_id)]


def test_a_failing_gate_is_refused_with_the_list_and_force_is_a_recorded_override(server, chromium, tmp_path: Path) -> None:
    repo, run_id = _coding_run(server, tmp_path, [FIX, BREAK, {"kind": "finish", "answer": "done"}], 1)
    branch = f"macrohard/{run_id}"
    added = mh("serve", "users", "add", "vera", "--role", "viewer", home=server.home)
    viewer = server.api(added.stdout.strip().splitlines()[-1])
    assert viewer.post(f"/api/runs/{run_id}/apply", json={"force": True}).status_code == 403

    page = _page(chromium, server, run_id)
    assert "Test gate: failed" in page.inner_text("#gate")
    person_click(page, "#apply button")  # without the override
    refusal = page.wait_for_selector("#apply-error", timeout=60_000).inner_text()
    assert "did not pass the test gate" in refusal and "newly failing: test_calc::test_mul" in refusal
    assert not _branch(repo, branch)
    assert "override" not in [r.kind for r in AuditLog(server.home / "runs.db").records(run_id)]
    api = server.api().post(f"/api/runs/{run_id}/apply", json={})
    assert api.status_code == 409 and "test_calc::test_mul" in api.json()["detail"] and not _branch(repo, branch)

    page.check("#apply input[name=force]")
    person_click(page, "#apply button")
    page.wait_for_selector(".applied", timeout=60_000)
    assert "(override)" in page.inner_text(".applied")
    assert "return a ** b" in git(repo, "show", f"{branch}:calc.py")
    log = AuditLog(server.home / "runs.db")
    assert log.verify(run_id) == []
    kinds = [(r.kind, r.verdict["approved_by"]) for r in log.records(run_id)]
    assert kinds[-2:] == [("override", "web:owner"), ("apply", "web:owner")]
    override = log.records(run_id)[-2].action
    assert override["flag"] == "--force" and override["newly_failing"] == ["test_calc::test_mul"]
