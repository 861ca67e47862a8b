"""Gymnasium over the shell sandbox: env checker, oracle and random rollouts, the guard inside step, resets,
seeds, bad input, and vector environments (Gymnasium's AsyncVectorEnv, the Ray-backed one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

gymnasium = pytest.importorskip("gymnasium")
from gymnasium.error import InvalidAction, ResetNeeded  # noqa: E402
from gymnasium.utils.env_checker import check_env  # noqa: E402

import macrohard.gym  # noqa: E402, F401
from macrohard.errors import ConfigError  # noqa: E402
from macrohard.gym import oracle  # noqa: E402


@pytest.fixture
def shell():
    env = gymnasium.make("macrohard/Shell-v0")
    yield env
    env.close()


@pytest.mark.parametrize("observation", ["text", "dict"])
def test_env_checker_passes(observation: str) -> None:
    env = gymnasium.make("macrohard/Shell-v0", observation=observation)
    try:
        check_env(env.unwrapped)
    finally:
        env.close()


def play(env, actions: list[str]) -> tuple[float, bool, bool, dict]:
    total, terminated, truncated, info = 0.0, False, False, {}
    for action in actions:
        _, reward, terminated, truncated, info = env.step(action)
        total += reward
        if terminated or truncated:
            break
    return total, terminated, truncated, info


def test_oracle_and_random_rollouts_reach_their_rewards(shell) -> None:
    for seed in (0, 1):
        shell.reset(seed=seed)
        total, terminated, truncated, info = play(shell, [json.dumps(a) for a in oracle(shell.unwrapped.task)])
        assert (total, terminated, truncated) == (1.0, True, False) and info["check"]["passed"]
    # a random policy samples the action space (printable text): each is an invalid action, the budget truncates
    shell.reset(seed=2)
    shell.action_space.seed(2)
    budget = shell.unwrapped.task.budget.max_steps
    total, terminated, truncated, _ = play(shell, [shell.action_space.sample() for _ in range(budget + 5)])
    assert (terminated, truncated) == (False, True) and total == pytest.approx(-0.1 * budget)
    # finishing without doing the task: the check decides, not the claim
    shell.reset(seed=3)
    total, terminated, _, info = play(shell, ['{"kind": "finish", "answer": "done, trust me"}'])
    assert terminated and total == 0.0 and not info["check"]["passed"]


def test_the_guard_stays_inside_step(shell) -> None:
    obs, _ = shell.reset(seed=0)
    obs, reward, terminated, truncated, info = shell.step(json.dumps(
        {"kind": "bash", "command": "touch pwned && rm -rf /usr"}))
    assert reward == -0.1 and not (terminated or truncated)
    assert info["verdict"] == "deny" and info["rule"] == "policy:destructive" and not info["executed"]
    assert "policy:destructive" in obs
    obs, *_ = shell.step(json.dumps({"kind": "list_dir"}))
    assert "pwned" not in obs and "numbers.txt" in obs  # never executed, not even its harmless half


def test_seeds_make_tasks_reproducible(shell) -> None:
    first, _ = shell.reset(seed=7)
    files = shell.unwrapped.task.files
    shell.reset(seed=8)
    other = shell.unwrapped.task.files
    again, _ = shell.reset(seed=7)
    assert first == again and shell.unwrapped.task.files == files and other != files


def test_bad_input_gives_clear_errors(shell) -> None:
    with pytest.raises(ResetNeeded):
        shell.unwrapped.step('{"kind": "list_dir"}')  # before any reset
    shell.reset(seed=0)
    with pytest.raises(InvalidAction, match="JSON text"):
        shell.step({"kind": "bash"})
    with pytest.raises(InvalidAction, match="more than"):
        shell.step("x" * 100_001)
    obs, reward, *_ = shell.step("not json at all")
    assert reward == -0.1 and "not JSON" in obs and "bash, read_file" in obs
    obs, reward, *_ = shell.step('{"kind": "browser_goto", "url": "http://example.org"}')
    assert reward == -0.1 and "cannot do 'browser_goto'" in obs
    obs, reward, *_ = shell.step('{"kind": "bash"}')
    assert reward == -0.1 and "command" in obs and "Field required" in obs
    _, _, terminated, _, _ = shell.step('{"kind": "finish"}')
    assert terminated
    with pytest.raises(ResetNeeded, match="call reset"):
        shell.step('{"kind": "list_dir"}')
    with pytest.raises(ConfigError, match="observation"):
        gymnasium.make("macrohard/Shell-v0", observation="pixels")


def test_a_fixed_task_resets_to_its_snapshot(tmp_path: Path) -> None:
    task = tmp_path / "task.yaml"
    task.write_text("text: write hello into out.txt\nfiles: {seed.txt: kept}\n"
                    "check: {type: file, path: out.txt, equals: hello}\n")
    env = gymnasium.make("macrohard/Shell-v0", task=str(task))
    try:
        env.reset()
        reward, terminated, *_ = play(env, ['{"kind": "write_file", "path": "out.txt", "content": "hello"}',
                                               '{"kind": "write_file", "path": "extra.txt", "content": "x"}',
                                               '{"kind": "finish"}'])
        assert reward == 1.0 and terminated
        env.reset()
        obs, *_ = env.step('{"kind": "list_dir"}')
        assert "seed.txt" in obs and "out.txt" not in obs and "extra.txt" not in obs
    finally:
        env.close()
    bare = tmp_path / "bare.yaml"
    bare.write_text("text: do something\n")
    with pytest.raises(ConfigError, match="check"):
        gymnasium.make("macrohard/Shell-v0", task=str(bare))


def _make_shell():
    return gymnasium.make("macrohard/Shell-v0")


def test_async_vector_env() -> None:
    envs = gymnasium.vector.AsyncVectorEnv([_make_shell, _make_shell], shared_memory=False)
    try:
        obs, info = envs.reset(seed=[1, 2])
        assert len(obs) == 2 and all(o.startswith("Task: Add up") for o in obs)
        actions = ['{"kind": "bash", "command": "awk \'{s+=$1} END {print s}\' numbers.txt > answer.txt"}'] * 2
        envs.step(actions)
        _, reward, terminated, truncated, _ = envs.step(['{"kind": "finish"}'] * 2)
        assert list(reward) == [1.0, 1.0] and list(terminated) == [True, True] and not truncated.any()
    finally:
        envs.close()


@pytest.mark.slow
def test_ray_vector_env() -> None:
    ray = pytest.importorskip("ray")
    from macrohard.gym.ray_vector import RayVectorEnv

    envs = RayVectorEnv("macrohard/Shell-v0", 2)
    try:
        obs, _ = envs.reset(seed=5)
        assert len(obs) == 2 and obs[0] != obs[1]  # seeds 5 and 6: two different tasks
        envs.step(['{"kind": "bash", "command": "awk \'{s+=$1} END {print s}\' numbers.txt > answer.txt"}'] * 2)
        _, reward, terminated, _, info = envs.step(['{"kind": "finish"}', "not json"])
        assert list(reward) == [1.0, -0.1] and list(terminated) == [True, False]
        obs, reward, terminated, _, _ = envs.step(['{"kind": "list_dir"}'] * 2)  # env 0 resets (next-step autoreset)
        assert obs[0].startswith("Task:") and reward[0] == 0.0
    finally:
        envs.close()
        ray.shutdown()
