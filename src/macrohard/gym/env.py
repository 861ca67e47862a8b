"""macrohard's environments as Gymnasium environments: ``macrohard/Shell-v0``, ``Browser-v0``, ``Desktop-v0``.

- Action space: ``ActionText``, one action as JSON text, e.g. ``{"kind": "bash", "command": "ls"}`` (the
  kinds and fields of ``types.py``; ``{"kind": "finish", "answer": "..."}`` ends the episode). Text that is
  not a valid action of this environment is an error observation and a penalty (``invalid_penalty``),
  never an exception; a non-string or over-long action raises ``gymnasium.error.InvalidAction``.
- Observation space: ``observation="text"`` (default): the observation as the agent loop shows it to a model
  (untrusted content fenced). ``"dict"``: ``{"text", "exit_code" (-1: none), "error", "denied"}``.
  Screenshots come in ``info["images"]`` (base64 PNG/JPEG).
- Reward: the task's check when the agent finishes (1.0 passed, 0.0 not), plus ``deny_penalty`` for each
  action the guard refused and ``invalid_penalty`` for each malformed one. ``terminated`` on finish (or a
  fatal denial), ``truncated`` when the task's step budget (or ``max_steps``) is spent.
- The guard stays inside ``step``: a refused action is an observation, never executed (``GuardedSession``).
- A task file (``task="task.yaml"``) names a ``workspace:``/``source:`` beside it, or in a folder the caller gives
  as ``allow_source=[DIR, ...]``: the rule of `macrohard run -f` (a downloaded task file does not choose a folder).
- ``reset`` uses the sandbox's copy-on-write layers (shell) or a fresh browser context / killed programs
  plus the workspace restored (browser, desktop); a seed makes generated tasks reproducible.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import string
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces
from gymnasium.error import InvalidAction, ResetNeeded
from pydantic import ValidationError

from macrohard.errors import ConfigError
from macrohard.gym.tasks import GENERATORS, SITES, fixed_task
from macrohard.prompts import task_message
from macrohard.safety.flow import fence
from macrohard.types import FinishAction, Observation, RunStatus, parse_action

MAX_ACTION_CHARS = 100_000
MAX_OBSERVATION_CHARS = 100_000


class ActionText(spaces.Text):
    """Unicode text up to ``max_length`` characters (samples are printable ASCII): JSON actions, observations."""

    def __init__(self, max_length: int, *, min_length: int = 0, seed: Any = None) -> None:
        super().__init__(max_length, min_length=min_length, charset=string.printable, seed=seed)

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def __repr__(self) -> str:
        return f"ActionText({self.min_length}, {self.max_length}, unicode)"


class MacrohardEnv(gymnasium.Env):  # type: ignore[misc]
    """One sandboxed macrohard environment behind the guard, episode by episode."""

    metadata = {"render_modes": ["ansi"], "render_fps": 1}
    kind = "shell"

    def __init__(self, task: Any = None, *, observation: str = "text", max_steps: int | None = None,
                 deny_penalty: float = -0.1, invalid_penalty: float = -0.1, site: str | None = None,
                 guard: Any = None, store: Any = None, render_mode: str | None = None,
                 env_options: dict[str, Any] | None = None, allow_source: Sequence[str | Path] = ()) -> None:
        if observation not in ("text", "dict"):
            raise ConfigError(f"observation= takes 'text' or 'dict', not {observation!r}")
        if render_mode not in (None, "ansi"):
            raise ConfigError(f"render_mode= takes 'ansi' or None, not {render_mode!r}")
        self.render_mode = render_mode
        self.observation_mode = observation
        self.deny_penalty, self.invalid_penalty = deny_penalty, invalid_penalty
        self.max_steps = max_steps
        self.guard, self.store, self.env_options = guard, store, dict(env_options or {})
        if task is None or callable(task) and not isinstance(task, (str, Path)):
            self.generator, self.fixed = (task or GENERATORS[self.kind]), None
            site = site or (SITES.get(self.kind) if task is None else None)
        else:
            self.generator, self.fixed = None, fixed_task(task, allow_source)
        self.site_name = site
        self.action_space = ActionText(MAX_ACTION_CHARS, min_length=1)
        text = ActionText(MAX_OBSERVATION_CHARS)
        self.observation_space = text if observation == "text" else spaces.Dict({
            "text": text, "exit_code": spaces.Box(-1, 255, shape=(), dtype=np.int64),
            "error": spaces.Discrete(2), "denied": spaces.Discrete(2)})
        self.session: Any = None
        self.site: Any = None
        self._stack = contextlib.ExitStack()
        self._snapshot: str | None = None  # a fixed task's workspace after its setup (shell: a COW snapshot)
        self._files: Path | None = None  # browser/desktop: the workspace as it was before the first episode
        self._done = True
        self._boundary = ""
        self._last = ""
        self.task: Any = None
        self.check: Any = None

    # -- episodes ---------------------------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        super().reset(seed=seed)
        if self.site_name and self.site is None:
            from macrohard.sites import serve

            self.site = self._stack.enter_context(serve(self.site_name))
        url = self.site.url if self.site is not None else ""
        task, check = self.generator(self.np_random, url) if self.generator else self.fixed  # type: ignore[misc]
        if url:
            task = task.model_copy(update={"text": task.text.replace("{site}", url), "allow_hosts": sorted(
                {*task.allow_hosts, url.split("/")[2]})})
            self.site.received.clear()
            self.site.state.clear()
        if task.environment != self.kind:
            raise ConfigError(f"{type(self).__name__} runs {self.kind} tasks; this task is for {task.environment!r}: "
                              f"use macrohard/{task.environment.title()}-v0")
        if check is None:
            raise ConfigError("the task has no check, and the reward comes from it: add `check:` to the task")
        self.task, self.check = task, check
        self._new_episode(task)
        self._done = False
        self._boundary = secrets.token_hex(8)
        self._last = task_message(task, self.session.env.workspace)
        return self._observation(Observation(output=self._last)), {"run_id": self.session.run.id, "task": task.text}

    def _new_episode(self, task: Any) -> None:
        from macrohard.session import GuardedSession

        if self.session is None:
            self.session = GuardedSession(task, interface="gym", guard=self.guard, store=self.store,
                                          env_options=self.env_options)
            env = self.session.env
            if self.kind != "shell":  # the workspace before any task, to put back at each reset
                self._files = Path(tempfile.mkdtemp(prefix="macrohard-gym-"))
                shutil.copytree(env.workspace, self._files / "ws", symlinks=True)
            self.session.start()
            if self.fixed is not None and self.kind == "shell":
                self._snapshot = env.snapshot()
            return
        session, env = self.session, self.session.env
        session.task = task
        if self._snapshot is not None:
            self._unfinished()
            env.restore(self._snapshot)  # copy-on-write: the upper layer swapped, the shell fresh
            session.new_episode(setup=False)
            return
        self._unfinished()
        env.reset()
        if self._files is not None:
            _replace_tree(self._files / "ws", Path(getattr(env, "host_workspace", env.workspace)))  # rt46: a layer
        session.new_episode(setup=True)

    def _unfinished(self) -> None:
        if not self._done:
            self.session.end_episode(RunStatus.interrupted, "reset before the episode ended")

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        if self.session is None or self._done:
            raise ResetNeeded("step() after the episode ended (terminated or truncated) or before reset(): "
                              "call reset() first")
        if not isinstance(action, str):
            raise InvalidAction(f"an action is JSON text such as '{{\"kind\": \"bash\", \"command\": \"ls\"}}', "
                                f"not {type(action).__name__}")
        if len(action) > MAX_ACTION_CHARS:
            raise InvalidAction(f"the action is {len(action):,} characters, more than {MAX_ACTION_CHARS:,}; "
                                "write long content in several steps")
        session = self.session
        info: dict[str, Any] = {"run_id": session.run.id}
        parsed, problem = _parse(action, session.env.action_types)
        reward, terminated = 0.0, False
        if parsed is None:
            session.steps += 1  # a malformed action spends a step of the budget like any other
            obs = Observation(output=f"Invalid action: {problem}", error=True)
            reward, info["invalid"] = self.invalid_penalty, True
        else:
            outcome = session.act(parsed)
            obs = outcome.observation
            info.update(verdict=outcome.verdict.decision.value, rule=outcome.verdict.check, executed=outcome.executed)
            if outcome.denied:
                reward = self.deny_penalty
                terminated = outcome.verdict.fatal and outcome.verdict.check != "budget"
            if isinstance(parsed, FinishAction) and outcome.executed:
                terminated = True
                reward += self._finish(parsed, info)
        budget = min(x for x in (self.task.budget.max_steps, self.max_steps) if x is not None)
        if (cut := obs.meta.get("cut") or obs.meta.get("stopped")) is not None:  # rel52: the run was asked to stop
            info["cut"] = cut
            session.end_episode(RunStatus.interrupted, cut)
            self._done = True
            self._last = fence(obs, self._boundary)
            return self._observation(obs), float(reward), False, True, info
        truncated = not terminated and (session.steps >= budget or info.get("rule") == "budget")
        if truncated:
            session.end_episode(RunStatus.out_of_budget, f"the episode's budget of {budget} steps was spent")
            info["check"] = None
        elif terminated and not isinstance(parsed, FinishAction):
            session.end_episode(RunStatus.denied, obs.output)
        if obs.images:
            info["images"] = [img.data_b64 for img in obs.images]
        self._done = terminated or truncated
        self._last = fence(obs, self._boundary)
        return self._observation(obs), float(reward), terminated, truncated, info

    def _finish(self, action: FinishAction, info: dict[str, Any]) -> float:
        from macrohard.runner import check_run

        session = self.session
        result = check_run(self.check, session.env, session.run, session.store, site=self.site, guard=session.guard)
        session.end_episode(RunStatus.succeeded if action.success else RunStatus.gave_up, answer=action.answer[:500],
                            check=result.model_dump())
        info["check"] = result.model_dump()
        return 1.0 if result.passed else 0.0

    def _observation(self, obs: Observation) -> Any:
        text = self._last
        if len(text) > MAX_OBSERVATION_CHARS:
            note = "\n[... cut: the observation was longer than the observation space allows]"
            text = text[: MAX_OBSERVATION_CHARS - len(note)] + note
        if self.observation_mode == "text":
            return text
        return {"text": text, "exit_code": np.array(-1 if obs.exit_code is None else max(-1, min(obs.exit_code, 255)),
                                                    dtype=np.int64),
                "error": np.int64(obs.error), "denied": np.int64(bool(obs.meta.get("denied")))}

    def render(self) -> str | None:
        return self._last if self.render_mode == "ansi" else None

    def close(self) -> None:
        try:
            if self.session is not None:
                if self._done:
                    self.session.close(RunStatus.succeeded)
                else:
                    self.session.end_episode(RunStatus.interrupted, "the environment was closed mid-episode")
                    self.session.close(RunStatus.interrupted, "the environment was closed mid-episode")
        finally:
            self.session = None
            self._stack.close()
            self.site = None
            if self._files is not None:
                shutil.rmtree(self._files, ignore_errors=True)
                self._files = None


def _parse(text: str, action_types: list[type]) -> tuple[Any, str]:
    """The action in ``text``, or ``(None, why)`` naming what is wrong and what the environment takes."""
    kinds = ", ".join(str(t.model_fields["kind"].default) for t in action_types)
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, f"not JSON ({str(exc)[:120]}); send one action as JSON, e.g. {{\"kind\": \"finish\"}}. Kinds: {kinds}"
    if not isinstance(data, dict) or "kind" not in data:
        return None, f"an action is a JSON object with a \"kind\"; kinds here: {kinds}"
    try:
        action = parse_action(data)
    except (ValidationError, RecursionError) as exc:
        errors = exc.errors()[:3] if isinstance(exc, ValidationError) else []
        detail = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors) or "nested too deeply"
        return None, f"{detail[:400]}. Kinds here: {kinds}"
    if type(action) not in action_types:
        return None, f"this environment cannot do {action.kind!r} actions; kinds here: {kinds}"
    return action, ""


def _replace_tree(src: Path, dest: Path) -> None:
    """Make ``dest`` hold what ``src`` holds (the workspace back as it was before the episode)."""
    for child in dest.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    shutil.copytree(src, dest, symlinks=True, dirs_exist_ok=True)


class ShellEnv(MacrohardEnv):
    kind = "shell"


class BrowserEnv(MacrohardEnv):
    kind = "browser"


class DesktopEnv(MacrohardEnv):
    kind = "desktop"
