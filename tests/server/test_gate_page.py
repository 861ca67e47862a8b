"""The web app's run page shows a coding run's test gate (the lists that decided, the command to apply it)."""

from __future__ import annotations

from pathlib import Path

from tests.coding.conftest import CALC, TESTS, make_repo
from tests.server.conftest import mh, script


def test_the_run_page_shows_the_gate(server, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": TESTS})
    breaking = [{"kind": "edit_file", "path": "calc.py", "old": "return a * b", "new": "return a + b"},
                {"kind": "finish", "answer": "done"}]
    done = mh("code", "fix add", "--source", str(repo), "--model", script(server.home, breaking), "--json",
              home=server.home)
    assert done.returncode == 1, done.stderr
    run_id = server.api().get("/api/runs").json()[0]["id"]
    html = server.api().get(f"/runs/{run_id}").text
    assert "Test gate: failed" in html and "newly failing: test_calc::test_mul" in html
    assert "still failing: test_calc::test_add" in html and f"macrohard runs apply {run_id}" in html
