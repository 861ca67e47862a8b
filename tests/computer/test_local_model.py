"""The embedded model on the browser form task, through the real loop (real Chromium, real site).

The model is offered browser_goto/type/select/click/press and finish under a grammar whose element
ids are only those of the latest page snapshot and whose typed text is one of the task's values
(``macrohard.models.local_browser``). Decoding is greedy, so the run is repeatable: it fills the
name and email boxes and clicks Send (3/3 runs when this test was written, see RESULTS.md). It is the README's
demo, so the run must end as the model's own finish: ux56 saw it send the form and then open the form's URL again
until the repeat budget ended it (``out_of_budget``, exit 1), reading the thank-you page as no worked example shows
a page (a quoted text, the title twice: ``test_local_browser58.py``).
"""

from __future__ import annotations

import pytest

from macrohard.runner import run_task
from macrohard.sites import serve
from macrohard.types import Budget, RunStatus, Task

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_embedded_model_submits_the_form(store) -> None:
    pytest.importorskip("llama_cpp")
    from macrohard.models import get_model

    model = get_model("local")
    with serve("form") as site:
        task = Task(text=f"Open {site.url} and send the contact form with name Ada and email ada@example.org.",
                    environment="browser", budget=Budget(max_steps=8), allow_hosts=[site.url.split("/")[2]])
        run = run_task(task, model=model, store=store)
        steps = store.steps(run.id)
        assert run.status.finished and run.status is not RunStatus.crashed, run.error
        kinds = [s.action.kind for s in steps if s.action is not None]
        assert "browser_type" in kinds and "browser_click" in kinds, kinds
        assert site.received, [s.action for s in steps]
        assert site.received[0]["name"] == "Ada" and site.received[0]["email"] == "ada@example.org", site.received
        assert run.status is RunStatus.succeeded and steps[-1].action.kind == "finish", (run.status, run.error, kinds)
