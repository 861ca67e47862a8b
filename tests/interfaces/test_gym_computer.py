"""Browser-v0 and Desktop-v0: env checker, oracle and random rollouts, resets, on real Chromium and Xvfb."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

gymnasium = pytest.importorskip("gymnasium")
from gymnasium.utils.env_checker import check_env  # noqa: E402

import macrohard.gym  # noqa: E402, F401
from macrohard.gym import oracle  # noqa: E402

NEEDS = {"Browser": ("chromium",), "Desktop": ("Xvfb", "openbox")}


@pytest.fixture(params=["Browser", "Desktop"])
def kind(request) -> str:
    missing = [b for b in NEEDS[request.param] if shutil.which(b) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (bash install.sh installs them)")
    return request.param


def test_env_checker_and_rollouts(kind: str) -> None:
    env = gymnasium.make(f"macrohard/{kind}-v0")
    try:
        check_env(env.unwrapped, skip_render_check=True, skip_close_check=True)  # each starts another browser
        for seed in (0, 1):
            env.reset(seed=seed)
            total = 0.0
            for action in oracle(env.unwrapped.task):
                _, reward, terminated, truncated, info = env.step(json.dumps(action))
                total += reward
            assert (total, terminated, truncated) == (1.0, True, False), info
        env.reset(seed=2)  # the site and the workspace are as new: finishing at once earns nothing
        _, reward, terminated, _, info = env.step('{"kind": "finish"}')
        assert terminated and reward == 0.0 and not info["check"]["passed"]
        env.reset(seed=3)
        env.action_space.seed(3)
        budget, total = env.unwrapped.task.budget.max_steps, 0.0
        for _ in range(budget):
            _, reward, terminated, truncated, _ = env.step(env.action_space.sample())
            total += reward
        assert truncated and not terminated and total == pytest.approx(-0.1 * budget)
    finally:
        env.close()


def test_the_guard_stays_inside_step_on_the_desktop() -> None:
    if shutil.which("Xvfb") is None:
        pytest.skip("needs Xvfb")
    env = gymnasium.make("macrohard/Desktop-v0", observation="dict")
    try:
        env.reset(seed=0)
        obs, reward, *_, info = env.step(json.dumps({"kind": "desktop_launch", "wait": 0,
                                                     "command": "sh -c 'touch pwned; rm -rf /usr'"}))
        assert reward == -0.1 and obs["denied"] == 1 and info["rule"] == "policy:destructive"
        env.step(json.dumps({"kind": "desktop_launch", "command": "sh -c 'echo x > note.txt'", "wait": 5}))
        obs, *_ = env.step('{"kind": "desktop_screenshot"}')
        assert obs["denied"] == 0 and obs["exit_code"] == -1
        workspace = env.unwrapped.session.env.workspace
        assert not (Path(workspace) / "pwned").exists()
        env.reset(seed=0)  # the workspace back as it was: the note is gone
        assert not (Path(workspace) / "note.txt").exists()
    finally:
        env.close()
