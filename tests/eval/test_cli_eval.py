"""`macrohard eval` as a user runs it (a real process), and its HTML report in headless Chromium."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BIN = [sys.executable, "-m", "macrohard"]


def mh(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MACROHARD_HOME": str(home), "COLUMNS": "200"}
    return subprocess.run([*BIN, *args], capture_output=True, text=True, env=env, timeout=300)


def test_list_suites(_home: Path) -> None:
    res = mh("eval", "list", "--json", home=_home)
    assert res.returncode == 0, res.stderr
    names = {s["name"] for s in json.loads(res.stdout)}
    assert {"tiny", "coding"} <= names
    assert "coding" in mh("eval", "list", home=_home).stdout


def test_unknown_suite_is_a_clear_error(_home: Path) -> None:
    res = mh("eval", "no-such-suite", "--model", "scripted", home=_home)
    assert res.returncode == 2 and "macrohard eval list" in res.stderr


@pytest.mark.slow
def test_eval_show_compare_and_html_screenshot(_home: Path, quick_suite_path: Path, tmp_path: Path) -> None:
    res = mh("eval", str(quick_suite_path), "--model", "scripted", "--workers", "2", "--repeat", "2", home=_home)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "4/6" in res.stdout and "95% CI" in res.stdout and "by tag" in res.stdout and "wrong#0" in res.stdout
    html_path = tmp_path / "report.html"
    res = mh("eval", str(quick_suite_path), "--model", "scripted", "--json", "--html", str(html_path), home=_home)
    data = json.loads(res.stdout)
    assert data["overall"]["passed"] == 2 and data["overall"]["n"] == 3 and data["guard_blocks"] == 1
    assert data["html"] == str(html_path) and html_path.is_file()

    listed = json.loads(mh("eval", "list", "--runs", "--json", home=_home).stdout)
    assert [e["results"] for e in listed] == [3, 6]
    a, b = listed[1]["id"], listed[0]["id"]
    shown = json.loads(mh("eval", "show", a, "--json", home=_home).stdout)
    assert len(shown["results"]) == 6
    cmp = json.loads(mh("eval", "compare", a, b, "--json", home=_home).stdout)
    assert cmp["overall_a"]["n"] == 6 and cmp["overall_b"]["n"] == 3 and cmp["changed"] == []
    assert "no per-task differences" in mh("eval", "compare", a, b, home=_home).stdout

    shot = _screenshot(html_path, tmp_path / "report.png")
    assert shot["svgs"] >= 3 and "Evaluation" in shot["title_text"] and shot["rows"] == 3


def _screenshot(html: Path, png: Path) -> dict[str, object]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.goto(html.as_uri())
            page.screenshot(path=str(png), full_page=True)
            info = {"svgs": page.locator("svg").count(), "title_text": page.locator("h1").inner_text(),
                    "rows": page.locator("tbody tr").count()}
        finally:
            browser.close()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    return info
