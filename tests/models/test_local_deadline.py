"""The embedded llama.cpp model is bound by the model-call deadline too (issue 10, finding 7).

llama.cpp cannot be interrupted mid-generation, so the agent bounds every model call from the run's
thread: a call that outlives ``budget.max_model_seconds`` ends the run ``failed`` at the deadline.
"""

from __future__ import annotations

import time

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.models import get_model
from macrohard.safety.guard import Guard
from macrohard.types import RunStatus, Task

pytestmark = [pytest.mark.model, pytest.mark.timeout(300)]


def test_a_slow_embedded_model_call_ends_the_run_at_the_deadline(workspace, store):
    task = Task(text="list the files", budget={"max_model_seconds": 0.05, "max_steps": 3})
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        t0 = time.monotonic()
        run = Agent(get_model("local"), env, Guard(), store).run(task)
        took = time.monotonic() - t0
    finally:
        env.close()
    # loading the weights and generating one action take seconds; the run does not wait for them
    assert run.status is RunStatus.failed and "did not answer within 0.05s" in run.error
    assert took < 5, took
    assert store.get_run(run.id).status is RunStatus.failed
