"""Applying a coding run's change from the web app: the run page's Apply form and ``POST /api/runs/{id}/apply``.

Both go through ``coding.apply.apply_coding``, the code path of `macrohard runs apply`: a change whose
test gate did not pass is refused with the lists that decided; ``force`` (a failed gate) and
``without_tests`` (no tests found) are separate, explicit overrides recorded in the run's audit chain
with the user's name; the change becomes a commit on a new ``macrohard/RUN_ID`` branch, never a push.
Like every state-changing request, it needs a user who may answer (not a viewer) and, from a cookie
session, the page's CSRF token.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from macrohard.server.app import Caller, CallerDep, form, visible_run

router = APIRouter()


class ApplyRequest(BaseModel):
    model_config = {"extra": "forbid"}
    force: bool = Field(default=False, description="Apply a change whose test gate failed (an override, recorded).")
    without_tests: bool = Field(default=False, description="Apply a change that had no tests to gate on (recorded).")


def _applicable(request: Request, run_id: str, who: Caller) -> Any:
    run = visible_run(request, run_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members apply changes")
    if not run.meta.get("coding"):
        raise HTTPException(409, f"run {run.id} is not a coding run (`macrohard code`): use `macrohard runs apply {run.id}`")
    if not run.status.finished:
        raise HTTPException(409, f"run {run.id} is still going: its change can be applied once it has ended and been gated")
    return run


def apply_run(request: Request, run_id: str, who: Caller, *, force: bool, without_tests: bool) -> dict[str, Any]:
    """Apply the run's change as `macrohard runs apply` does; ``GateRefused`` when the gate says no."""
    from macrohard.coding.apply import apply_coding

    run = _applicable(request, run_id, who)
    return apply_coding(run, request.app.state.store, force=force, without_tests=without_tests,
                        by=f"web:{who.user.name}")


@router.post("/api/runs/{run_id}/apply")
async def api_apply(run_id: str, body: ApplyRequest, request: Request, who: Caller = CallerDep) -> Response:
    """Commit a coding run's gated change on a new branch of its repository; 409 with the reason when refused."""
    from macrohard.coding.apply import GateRefused

    try:
        result = await run_in_threadpool(apply_run, request, run_id, who, force=body.force,
                                         without_tests=body.without_tests)
    except GateRefused as exc:
        return JSONResponse({"detail": str(exc), "applied": False}, status_code=409)
    return JSONResponse({**result, "applied": True})


@router.post("/runs/{run_id}/apply", include_in_schema=False)
async def page_apply(run_id: str, request: Request, who: Caller = CallerDep) -> Response:
    """The run page's Apply form: back to the run page, which shows the commit (or the refusal, with 409)."""
    from macrohard.coding.apply import GateRefused
    from macrohard.errors import UserError
    from macrohard.server.pages import _page

    fields = await form(request)
    try:
        result = await run_in_threadpool(apply_run, request, run_id, who, force=fields.get("force") == "1",
                                         without_tests=fields.get("without_tests") == "1")
    except (GateRefused, UserError) as exc:
        run = visible_run(request, run_id, who)
        return _page(request, "run.html", who, code=409 if isinstance(exc, GateRefused) else 400, run=run,
                     apply_error=str(exc))
    return RedirectResponse(f"/runs/{result['run']}#gate", status_code=303)
