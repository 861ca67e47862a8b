"""The embedded llama.cpp model is bound by the model-call deadline too (issue 10, finding 7).

llama.cpp cannot be interrupted mid-generation, so the agent bounds every model call from the run's
thread: a call that outlives ``budget.max_model_seconds`` ends the run ``failed`` at the deadline.
"""

from __future__ import annotations

import threading

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
        run = Agent(get_model("local"), env, Guard(), store).run(task)
        # loading the weights and generating one action take seconds; the run did not wait for them: the call it
        # gave up on is still going when the run has ended (a clock-free check; was `took < 5`, which a loaded
        # machine could break and a run that waited out a fast model could pass)
        calls = [t for t in threading.enumerate() if t.name == "macrohard-model-call"]
    finally:
        env.close()
    assert run.status is RunStatus.failed and "did not answer within 0.05s" in run.error
    assert calls and any(t.is_alive() for t in calls), "the run waited for the model's answer"
    assert store.get_run(run.id).status is RunStatus.failed
    for t in calls:  # the given-up call ends on its own; leave no thread behind
        t.join(240)
        assert not t.is_alive()
