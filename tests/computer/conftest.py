from __future__ import annotations

import shutil
import time

import pytest

from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # Each browser / desktop test starts a real Chromium or Xvfb; without them the tests cannot run.
    missing = [b for b in ("chromium", "Xvfb", "openbox", "ffmpeg") if shutil.which(b) is None]
    if missing:
        skip = pytest.mark.skip(reason=f"needs {', '.join(missing)} (bash install.sh installs them)")
        for item in items:
            if "tests/computer" in str(item.fspath):
                item.add_marker(skip)


def wait_for(predicate, seconds: float = 15.0) -> bool:
    """Poll ``predicate`` until it holds or ``seconds`` pass; its last answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


class Driver:
    """Sends actions through the real guard to an environment, as the agent loop does."""

    def __init__(self, env, workspace: str, guard: Guard | None = None) -> None:
        self.env = env
        self.guard = guard if guard is not None else Guard()
        self.ctx = GuardContext(workspace=workspace, environment=env.kind, network="loopback")

    def __call__(self, action):
        from macrohard.types import parse_action

        action = parse_action(action) if isinstance(action, dict) else action
        authorization = self.guard.authorize(action, self.ctx, env=self.env)
        assert authorization.approved is not None, authorization.verdict
        return self.env.execute(authorization.approved)


@pytest.fixture
def browser(workspace):
    from macrohard.envs.browser import BrowserEnvironment

    env = BrowserEnvironment(str(workspace))
    env.start()
    yield env
    env.close()


@pytest.fixture
def drive_browser(browser, workspace):
    return Driver(browser, str(workspace))


@pytest.fixture
def desktop(workspace):
    from macrohard.envs.desktop import DesktopEnvironment

    env = DesktopEnvironment(str(workspace), settle=0.2)
    env.start()
    yield env
    env.close()


@pytest.fixture
def drive_desktop(desktop, workspace):
    return Driver(desktop, str(workspace))


@pytest.fixture
def make_driver():
    return Driver
