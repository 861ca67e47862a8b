"""The embedded model on the browser form task, through the real loop: its success, stated honestly.

Today the embedded model's constrained grammar offers only ``bash``, ``write_file`` and ``finish``
(``macrohard.models.local.LOCAL_ACTIONS``), so in the browser it can only finish at once and the
form is not submitted: the test is an expected failure until browser actions reach that grammar.
"""

from __future__ import annotations

import pytest

from macrohard.runner import run_task
from macrohard.sites import serve
from macrohard.types import Budget, RunStatus, Task

pytestmark = [pytest.mark.model, pytest.mark.slow]


@pytest.mark.xfail(reason="the embedded model's grammar has no browser actions yet (models/local.py LOCAL_ACTIONS)",
                   strict=False, raises=AssertionError)
def test_embedded_model_submits_the_form(store) -> None:
    pytest.importorskip("llama_cpp")
    from macrohard.models import get_model

    model = get_model("local")
    with serve("form") as site:
        task = Task(text=f"Open {site.url} and send the contact form with name Ada and email ada@example.org.",
                    environment="browser", budget=Budget(max_steps=8))
        run = run_task(task, model=model, store=store)
        steps = store.steps(run.id)
        assert run.status.finished and run.status is not RunStatus.crashed, run.error
        assert any(s.action is not None and s.action.kind.startswith("browser_") for s in steps), \
            [s.action for s in steps]
        assert site.received and site.received[0]["name"] == "Ada", site.received
