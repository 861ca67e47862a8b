"""A real `macrohard serve` on loopback (its own process and data dir), and a real headless Chromium."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# commands that end by themselves once done: run in the test process (`tests.cli_in_process`, the console script's
# own `main`): the same run, guard and store without a Python, the CLI and the screens' models started again for each
# call (suite53: ~1.5 s of CPU a `run`, ~0.5 s a `runs show`). `serve` itself (which keeps serving), `chat` and
# anything else still start their own process, with the 120 s limit
_ONE_SHOT = ("run", "runs", "code", "money", "audit", "policy")


def mh(*args: str, home: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    if not kwargs.keys() - {"cwd"} and (args[:1] and args[0] in _ONE_SHOT or args[:2] == ("serve", "users")):
        from tests.cli_in_process import mh as in_process

        return in_process(*args, env={"MACROHARD_HOME": str(home)}, cwd=kwargs.get("cwd"))
    env = {**os.environ, "MACROHARD_HOME": str(home), "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "macrohard", *args], env=env, capture_output=True, text=True,
                          timeout=120, **kwargs)


class Api:
    """One HTTP request per call (nothing left open), with the user's bearer token when given."""

    def __init__(self, base: str, token: str | None) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        with httpx.Client(base_url=self.base, timeout=30) as client:
            return client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> httpx.Response:
        return self.request("POST", path, **kwargs)


class Server:
    """``macrohard serve`` in a subprocess; ``token`` is the first owner's, read from what it printed."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[str] | None = None
        self.output = ""
        self.token: str | None = None

    def start(self, *extra: str) -> Server:
        env = {**os.environ, "MACROHARD_HOME": str(self.home), "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "300"}
        log = open(self.home / f"serve-{time.time():.0f}.log", "w+")  # noqa: SIM115 - read as it runs
        self.log = log
        self.proc = subprocess.Popen([sys.executable, "-m", "macrohard", "serve", "--port", str(self.port), *extra],
                                     env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.url}/login", timeout=1)
                break
            except httpx.HTTPError:
                assert self.proc.poll() is None, self._read()
                time.sleep(0.1)
        else:
            raise AssertionError(f"the server did not answer: {self._read()}")
        self.output = self._read()
        found = re.search(r"/login\?token=(\S+)", self.output)
        if found:
            self.token = found.group(1)
        return self

    def _read(self) -> str:
        return Path(self.log.name).read_text()

    def api(self, token: str | None = None) -> Api:
        return Api(self.url, token if token is not None else self.token)

    def kill(self) -> None:
        self.log.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        self.log.close()
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def server(_home: Path):
    _home.mkdir(parents=True, exist_ok=True)
    s = Server(_home).start()
    yield s
    s.stop()


def script(home: Path, actions: list[dict], name: str = "script.json") -> str:
    return scripted_at(home / name, actions)


def scripted_at(path: Path, actions: list[dict]) -> str:
    """The model spec of a scripted model whose actions are written to ``path``."""
    path.write_text(json.dumps(actions))
    return f"scripted:{path}"


def run_json(home: Path, *args: str) -> dict:
    """`macrohard run ARGS --json` in ``home``: the finished run (it may have failed, never crashed)."""
    done = mh("run", *args, "--json", home=home)
    assert done.returncode in (0, 1), done.stderr[-2000:]
    return json.loads(done.stdout)


def run_steps(home: Path, run_id: str) -> list[dict]:
    """The recorded steps of run ``run_id`` in ``home``."""
    return json.loads(mh("runs", "show", run_id, "--json", home=home).stdout)["steps"]


# A command the guard cannot read (its program is only known when it runs): the default policy asks a person.
ASK = {"kind": "bash", "command": 'eval "$CMD"; echo approved-ran > approved.txt'}


def wait_for(predicate, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


@pytest.fixture(scope="module")
def _chromium_browser():
    """One Chromium for a test file (suite54: a launch and close took 6-8 s of wall and ~1.5 s of CPU at load 13, once
    per test before); each test's pages get contexts of their own (``chromium``), closed after it."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's chromium (bash install.sh installs it)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()


class _Pages:
    """The file's browser as a test sees it: ``new_page`` gives a page in a new context (no cookies, storage or
    login from another test, as a browser of its own had), and every context it made is closed after the test."""

    def __init__(self, browser) -> None:  # noqa: ANN001 - playwright's Browser
        self._browser = browser
        self._contexts: list = []

    def new_page(self, **kwargs):  # noqa: ANN201 - playwright's Page
        # rt55c: the app's pages refuse eval (their Content-Security-Policy), and Playwright's wait_for_function runs its
        # string predicate with eval; test_redteam55c opens the pages under the policy (bypass_csp=False)
        kwargs.setdefault("bypass_csp", True)
        page = self._browser.new_page(**kwargs)
        self._contexts.append(page.context)
        return page

    def close(self) -> None:
        for context in self._contexts:
            try:
                context.close()
            except Exception:  # noqa: BLE001  (already closed by the test)
                pass


@pytest.fixture
def chromium(_chromium_browser):
    pages = _Pages(_chromium_browser)
    yield pages
    pages.close()


def person_click(page, selector: str) -> None:  # noqa: ANN001 - playwright's Page
    """rt58c: a person's click on an approving control (Approve, Apply): the pointer moves on the page onto it, then
    clicks. The app ignores a click with no move before it (a window opened under a double-click: test_redteam58c)."""
    target = page.locator(selector).first
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    assert box is not None, f"{selector} is not shown"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x + 30, y + 20)
    page.mouse.move(x, y, steps=3)
    page.mouse.click(x, y)
