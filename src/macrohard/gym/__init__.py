"""Gymnasium environments over macrohard's sandboxes (``env.py``): importing this module registers
``macrohard/Shell-v0``, ``macrohard/Browser-v0`` and ``macrohard/Desktop-v0``::

    import gymnasium, macrohard.gym
    env = gymnasium.make("macrohard/Shell-v0")          # generated tasks; or task="task.yaml"
    obs, info = env.reset(seed=0)
    obs, reward, terminated, truncated, info = env.step('{"kind": "bash", "command": "ls"}')

(``gymnasium.make("macrohard.gym:macrohard/Shell-v0")`` imports it for you. Vector environments:
``gymnasium.vector.AsyncVectorEnv(fns, shared_memory=False)`` (text spaces have no shared memory), or
``ray_vector.RayVectorEnv``.)
"""

from __future__ import annotations

import gymnasium

from macrohard.gym.tasks import oracle

for _name in ("Shell", "Browser", "Desktop"):
    _id = f"macrohard/{_name}-v0"
    if _id not in gymnasium.registry:
        gymnasium.register(_id, entry_point=f"macrohard.gym.env:{_name}Env", disable_env_checker=False)

__all__ = ["oracle"]
