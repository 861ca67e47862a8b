"""Company mode through the Ray executor (a one-machine Ray on loopback): the same plan, the sub-runs as Ray
tasks writing to the same store, linked to the lead and covered by its audit chain."""

from __future__ import annotations

import pytest

from macrohard.safety.audit import AuditLog
from macrohard.safety.audit_links import verify_tree
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, RunStatus

from .conftest import needs_bwrap
from .test_company import PLAN, SCRIPTS

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.slow, needs_bwrap]


def test_company_through_ray(store):
    from macrohard.divisions.company import company
    from macrohard.executors.ray import RayExecutor

    if ray.is_initialized():
        pytest.skip("another module's Ray session is up (its workers have another MACROHARD_HOME)")
    lead = ScriptedModel([PLAN, {"kind": "finish", "answer": "done"}], name="scripted-lead")
    with RayExecutor(2) as executor:
        run = company("ship a, b and c", store=store, executor=executor, run_model="scripted", lead_model=lead,
                      scripts=SCRIPTS, budget=Budget(max_steps=40))
    assert run.status is RunStatus.succeeded, run.error
    children = store.children(run.id)
    assert sorted(c.meta["division"] for c in children) == ["coding", "imagine", "operator"]
    assert all(c.status is RunStatus.succeeded and c.meta.get("worker") for c in children)
    report = verify_tree(AuditLog(store.path), run.id, children_of=lambda r: [x.id for x in store.children(r)])
    assert len(report) == 4 and all(p == [] for p in report.values())
