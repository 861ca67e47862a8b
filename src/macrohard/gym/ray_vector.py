"""A Gymnasium vector environment whose sub-environments are Ray actors, one sandbox each, on any machine of
a Ray cluster (or a local Ray bound to loopback, ``executors.ray.start_local_ray``).

The same contract as Gymnasium's ``AsyncVectorEnv`` with next-step autoreset: a sub-environment that ended
is reset by the next ``step`` (its action ignored). Observations are batched with ``gymnasium.vector.utils``
(text: a tuple of strings). An actor that dies raises ``RuntimeError`` naming the sub-environment.
"""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space, concatenate, create_empty_array


class _Worker:
    """One sub-environment inside a Ray actor (the class is wrapped by ``ray.remote`` on first use)."""

    def __init__(self, env_id: str, kwargs: dict[str, Any], policy: dict[str, Any] | None = None) -> None:
        import macrohard.gym  # noqa: F401  (registers the ids in the actor's process)

        if policy is not None:  # the driver's (the person's) policy, not this machine's default
            from macrohard.safety.guard import Guard
            from macrohard.safety.policy import Policy

            the_policy = Policy.model_validate(policy["policy"])
            the_policy.source = policy["source"] or "the driver's policy"
            kwargs = {**kwargs, "guard": Guard.from_policy(the_policy)}
        self.env = gymnasium.make(env_id, **kwargs)
        self.needs_reset = False

    def reset(self, seed: int | None, options: dict[str, Any] | None) -> tuple[Any, dict[str, Any]]:
        self.needs_reset = False
        return self.env.reset(seed=seed, options=options)  # type: ignore[no-any-return]

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        if self.needs_reset:  # next-step autoreset, as AsyncVectorEnv does
            obs, info = self.env.reset()
            return obs, 0.0, False, False, info
        obs, reward, terminated, truncated, info = self.env.step(action)
        self.needs_reset = bool(terminated or truncated)
        return obs, float(reward), bool(terminated), bool(truncated), info

    def close(self) -> None:
        self.env.close()

    def cut(self, why: str) -> None:
        """Cut the action this sub-environment executes now (called in the actor's own ``cut`` concurrency group,
        beside a ``step`` in flight): its step returns the cut, the episode ends ``interrupted`` (``GuardedSession``)."""
        from macrohard import stopping

        session = getattr(self.env.unwrapped, "session", None)
        if session is not None:
            stopping.cut_runs([session.run.id], why)


CUT_WAIT_S = 15.0  # how long an interrupted driver waits for its actors' cut steps to come back


def sent_policy(kwargs: dict[str, Any]) -> dict[str, Any] | None:
    """The policy each actor's guard is built from: the one this driver loads (the person's ``policy.yaml`` or
    ``$MACROHARD_POLICY``), sent as JSON; None when ``kwargs`` brings its own ``guard``. rt51c: an actor on another
    machine built ``Guard.from_policy()`` from that machine's default, as eval's and company's workers did."""
    if kwargs.get("guard") is not None:
        return None
    from macrohard.safety.policy import load_policy

    policy = load_policy()
    return {"policy": policy.model_dump(mode="json"), "source": policy.source}


class RayVectorEnv(VectorEnv):  # type: ignore[misc]
    """``num_envs`` copies of ``env_id`` (``gymnasium.make`` kwargs in ``kwargs``), each in a Ray actor."""

    def __init__(self, env_id: str, num_envs: int, *, kwargs: dict[str, Any] | None = None,
                 num_cpus: float = 0.5, address: str | None = None) -> None:
        import ray

        if not ray.is_initialized():
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level="WARNING")
            else:
                from macrohard.executors.ray import start_local_ray

                start_local_ray(max(1, int(num_envs * num_cpus) + 1))
        import macrohard.gym  # noqa: F401

        probe = gymnasium.make(env_id, **(kwargs or {}))  # the spaces, without starting a sandbox
        self.single_observation_space = probe.observation_space
        self.single_action_space = probe.action_space
        probe.close()
        self.num_envs = num_envs
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        self.metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP}
        # a concurrency group of its own for ``cut``: it runs while the actor's one ``step`` waits (rel52)
        remote = ray.remote(num_cpus=num_cpus, concurrency_groups={"cut": 1})(_Worker)
        policy = sent_policy(dict(kwargs or {}))
        self.workers = [remote.remote(env_id, dict(kwargs or {}), policy)  # type: ignore[attr-defined]
                        for _ in range(num_envs)]
        self._ray = ray

    def _gather(self, refs: list[Any]) -> list[Any]:
        try:
            return list(self._ray.get(refs))
        except self._ray.exceptions.RayActorError as exc:
            raise RuntimeError(f"a sub-environment's Ray actor died: {exc}") from exc
        except KeyboardInterrupt as exc:
            # rel52: the driver interrupted (Ctrl-C): before, the actors' steps ran on to their end (a `sleep 30`
            # whole) and ``close`` waited for them. Now each is cut where it waits, recorded, and waited for briefly
            why = f"stopped: the vector environment's driver was {str(exc) or 'interrupted (Ctrl-C)'}"
            for worker in self.workers:
                worker.cut.options(concurrency_group="cut").remote(why)
            self._ray.wait(refs, num_returns=len(refs), timeout=CUT_WAIT_S)
            raise

    def reset(self, *, seed: int | list[int | None] | None = None,
              options: dict[str, Any] | None = None) -> tuple[Any, dict[str, Any]]:
        seeds = seed if isinstance(seed, list) else [None if seed is None else seed + i for i in range(self.num_envs)]
        results = self._gather([w.reset.remote(s, options) for w, s in zip(self.workers, seeds, strict=True)])
        infos: dict[str, Any] = {}
        for i, (_, info) in enumerate(results):
            infos = self._add_info(infos, info, i)
        return self._batch([obs for obs, _ in results]), infos

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        results = self._gather([w.step.remote(a) for w, a in zip(self.workers, actions, strict=True)])
        infos: dict[str, Any] = {}
        for i, result in enumerate(results):
            infos = self._add_info(infos, result[4], i)
        return (self._batch([r[0] for r in results]), np.array([r[1] for r in results], dtype=np.float64),
                np.array([r[2] for r in results], dtype=np.bool_), np.array([r[3] for r in results], dtype=np.bool_),
                infos)

    def _batch(self, observations: list[Any]) -> Any:
        out = create_empty_array(self.single_observation_space, self.num_envs)
        return concatenate(self.single_observation_space, observations, out)

    def close_extras(self, **kwargs: Any) -> None:
        try:
            self._gather([w.close.remote() for w in self.workers])
        finally:
            for worker in self.workers:
                self._ray.kill(worker)
            self.workers = []
