"""The JSON API under ``/api``: the same pydantic models as the CLI and the store (OpenAPI at ``/openapi.json``)."""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, field_validator

from macrohard.errors import NotFound
from macrohard.server.app import Caller, CallerDep, check_model_choice, may_see, visible_run
from macrohard.server.bus import sse
from macrohard.server.live import run_summary, running_note, step_event
from macrohard.types import Run, Step, Task

router = APIRouter(prefix="/api")
HEARTBEAT_S = 15.0
POLL_S = 0.25  # how often the store is read for a run that another process runs


class StartRun(BaseModel):
    """A run to start: what the agent should do, with which model, in which environment."""

    model_config = {"extra": "forbid"}
    text: str = Field(min_length=1, max_length=200_000, description="The task for the agent.")
    model: str | None = Field(default=None, description="Model spec (as `macrohard run --model`); the default when omitted.")
    environment: Literal["shell", "browser", "desktop"] = Field(default="shell", description="Where the agent works.")
    network: Literal["none", "loopback"] = Field(default="none", description="The sandbox's network.")
    max_steps: int = Field(default=30, ge=1, le=500, description="Step budget.")
    allow_hosts: list[str] = Field(default_factory=list, max_length=20,
                                   description="Local sites (127.0.0.1:PORT, localhost:PORT) the sandbox may reach besides "
                                   "nothing (a browser task's site); another host is refused (400).")
    division: str | None = Field(default=None, description="Run as this division (as `macrohard run --division`): its "
                                 "prompt, environments (the first when `environment` is not given), policy overlay, "
                                 "budgets (`max_steps` when given) and model (when `model` is not given); "
                                 "see `macrohard divisions`.")

    @field_validator("text")
    @classmethod
    def _not_blank(cls, text: str) -> str:
        # ux49: the runs page's form (its `required` is met by spaces) started a run whose task was blank;
        # `macrohard run "   "` refuses it the same way
        if not text.strip():
            raise ValueError("the task is only blank space: say in plain words what the agent should do")
        return text


class Answer(BaseModel):
    model_config = {"extra": "forbid"}
    approve: bool = Field(description="True to approve the action, False to deny it.")


class Me(BaseModel):
    name: str
    role: str
    csrf: str | None = None


class AuditCheck(BaseModel):
    run: str
    records: int
    ok: bool
    problems: list[dict[str, Any]]
    head: str | None


@router.get("/me", response_model=Me)
def me(who: Caller = CallerDep) -> Me:
    return Me(name=who.user.name, role=who.user.role, csrf=who.csrf)


def list_visible(store: Any, who: Caller, *, status: str | None, q: str | None, limit: int,
                 division: str | None = None) -> list[Run]:
    """The newest ``limit`` runs ``who`` may see that match ``q``, newest first. ux52: read in batches until found or
    none are left; before, only the newest 200-255 runs were read, so a search for an older run (or a member whose
    runs were older than everyone's newest 255) found nothing."""
    batch, offset, out = max(limit * 5, 200), 0, []
    while len(out) < limit:
        runs = store.list_runs(limit=batch, status=status or None, offset=offset)
        out += [r for r in runs if may_see(store, who.user, r)
                and (not q or q.lower() in r.task.text.lower() or q in r.id)
                and (not division or r.meta.get("division") == division)]
        if len(runs) < batch:
            break
        offset += batch
    return out[:limit]


@router.get("/runs", response_model=list[Run])
def runs(request: Request, who: Caller = CallerDep, status: str | None = None, q: str | None = None,
         limit: int = Query(50, ge=1, le=1000), division: str | None = None) -> list[Run]:
    """Recent runs you may see, newest first; ``status``, ``q`` (a part of the task or id) and ``division`` (the runs
    made as that division, delegated ones included) filter."""
    return list_visible(request.app.state.store, who, status=status, q=q, limit=limit, division=division)


@router.post("/runs", response_model=Run, status_code=201)
def start_run(body: StartRun, request: Request, who: Caller = CallerDep) -> Run:
    """Start a run in this server process (sandboxed); watch it at ``/api/runs/{id}/events``."""
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members start runs")
    check_model_choice(body.model, who.user, role="agent")
    from macrohard.envs.browser_sandbox import is_local_site
    from macrohard.types import Budget

    refuse_own_sites(body.allow_hosts)
    if far := [h for h in body.allow_hosts if not is_local_site(h)]:
        # ux53: before, such a host was dropped without a word (the sandbox's `none` and `loopback` reach only local
        # sites): the run started, and its browser could open nothing
        raise HTTPException(400, f"{', '.join(far[:3])}: a run started from the web has network {body.network} and "
                            "reaches only local sites named as host:port (127.0.0.1:8000, localhost:3000); for a site "
                            "on the internet, run it in a terminal: macrohard run -e browser --allow-host "
                            f"{far[0]} \"TASK\"")

    if body.division is None:
        task = Task(text=body.text, model=body.model, environment=body.environment, network=body.network,
                    allow_hosts=body.allow_hosts, budget=Budget(max_steps=body.max_steps))
        return request.app.state.live.start(task, who.user)  # type: ignore[no-any-return]
    # ux53: a division from the runs page, by the CLI's rule (`run --division`): before, divisions were reached on the
    # web only through the chat page's delegations
    from macrohard.divisions.catalog import get_division, load_divisions
    from macrohard.divisions.runtime import as_division

    divisions = load_divisions()
    division = get_division(body.division, divisions)
    given = body.model_fields_set
    base: dict[str, Any] = {"text": body.text, "network": body.network, "allow_hosts": body.allow_hosts}
    updates: dict[str, Any] = {"model": body.model} if body.model else {}
    if "environment" in given:
        updates["environment"] = body.environment
    base, updates = as_division(division, base, updates, field="environment")
    if "max_steps" in given:
        base["budget"] = {**base["budget"], "max_steps": body.max_steps}
    task = Task.model_validate({**base, **updates})
    return request.app.state.live.start(task, who.user, division=division,  # type: ignore[no-any-return]
                                        divisions=divisions)


def refuse_own_sites(hosts: list[str]) -> None:
    """400 for an ``allow_hosts`` entry that names a local host with a port that is not one (``127.0.0.1:８０``,
    ``localhost:99999``), or a port where a ``macrohard serve`` of this machine listens (this app's own: a page
    there could answer the guard's questions; the proxy never forwards to it). ux54 (rt53b's left open): before,
    both were taken, and the run's page said only at run time "Blocked by the network policy"."""
    from macrohard.envs import served
    from macrohard.envs.browser_sandbox import site_port
    from macrohard.envs.netproxy import is_loopback

    for entry in hosts:
        host, sep, port = entry.rpartition(":")
        if not sep or not is_loopback(host):
            continue
        number = site_port(port)
        if number is None:
            raise HTTPException(400, f"{entry}: {port!r} is not a port; name a local site as host:port with the port "
                                "a number from 1 to 65535 in ASCII digits (127.0.0.1:8000)")
        if number in served.served_ports():
            raise HTTPException(400, f"{entry}: port {number} is a macrohard serve of this machine (this app's own, "
                                "or another's); a run never reaches it, since a page there could answer the guard's "
                                "questions itself. Serve the site the run should read on another port")


@router.get("/runs/{run_id}", response_model=Run)
def get_run(run_id: str, request: Request, who: Caller = CallerDep) -> Run:
    return visible_run(request, run_id, who)  # type: ignore[no-any-return]


@router.get("/runs/{run_id}/steps", response_model=list[Step])
def get_steps(run_id: str, request: Request, who: Caller = CallerDep) -> list[Step]:
    run = visible_run(request, run_id, who)
    return request.app.state.store.steps(run.id)  # type: ignore[no-any-return]


@router.get("/runs/{run_id}/approvals")
def approvals(run_id: str, request: Request, who: Caller = CallerDep) -> list[dict[str, Any]]:
    """The run's ``ask`` verdicts waiting for a person."""
    run = visible_run(request, run_id, who)
    return request.app.state.live.open_approvals(run.id)  # type: ignore[no-any-return]


@router.post("/runs/{run_id}/approvals/{approval_id}", status_code=204)
def answer(run_id: str, approval_id: str, body: Answer, request: Request, who: Caller = CallerDep) -> Response:
    """Approve or deny an ``ask``: owners answer any run's, members their own; a viewer is refused (403)."""
    run = visible_run(request, run_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members answer approvals")
    request.app.state.live.answer(approval_id, run.id, who.user, body.approve)
    return Response(status_code=204)


@router.post("/runs/{run_id}/stop", status_code=202)
def stop(run_id: str, request: Request, who: Caller = CallerDep) -> Response:
    """Stop a run this server runs: it ends ``interrupted`` within a second while it waits on its model or an approval
    (denied), else when its current action ends; owners stop any run, members their own (a viewer is refused: 403)."""
    run = visible_run(request, run_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members stop runs")
    request.app.state.live.stop(run.id, who.user)
    return Response(status_code=202)


@router.get("/runs/{run_id}/audit", response_model=AuditCheck)
def audit(run_id: str, request: Request, who: Caller = CallerDep) -> AuditCheck:
    """Recompute the run's audit hash chain (as `macrohard audit verify`)."""
    from macrohard.store.audit_read import ReadLog

    run = visible_run(request, run_id, who)
    log = ReadLog(request.app.state.store.path)
    with log.snapshot():  # rel47: one moment of a live run's log; a record that is no record named, not a 500
        problems = log.verify(run.id)
        head = log.head(run.id)
        count = log.count(run.id)
    return AuditCheck(run=run.id, records=count, ok=not problems,
                      problems=[p.model_dump() for p in problems], head=head[1] if head else None)


# what a run's stored file may be shown as (frames, the replay and its contact sheet, speech); anything else downloads
SHOWN_KINDS = ("image/png", "image/jpeg", "image/webp", "video/mp4", "video/webm", "audio/wav")


@router.get("/runs/{run_id}/artifacts/{artifact_id}")
def artifact(run_id: str, artifact_id: int, request: Request, who: Caller = CallerDep) -> Response:
    """A stored frame (screenshot) or file of the run."""
    run = visible_run(request, run_id, who)
    for item in request.app.state.store.artifacts(run.id):
        if item["id"] == artifact_id:
            kind, headers = str(item["media_type"]), {}
            if kind not in SHOWN_KINDS:  # rt55c: HTML or SVG opened here would run as the app; a download runs nothing
                kind, headers = "application/octet-stream", {"Content-Disposition": f'attachment; filename="{run.id}-{artifact_id}"'}
            if item["data"] is not None:
                return Response(item["data"], media_type=kind, headers=headers)
            return FileResponse(str(item["path"]), media_type=kind, headers=headers)
    raise HTTPException(404, f"run {run.id} has no artifact {artifact_id}")


_RENDERING = threading.Lock()


@router.get("/runs/{run_id}/replay")
def replay(run_id: str, request: Request, who: Caller = CallerDep) -> Response:
    """The run's replay video (``macrohard runs replay``), made on first request once the run has ended."""
    from macrohard.replay import render

    run = visible_run(request, run_id, who)
    store = request.app.state.store
    def existing() -> list[dict[str, Any]]:
        return [a for a in store.artifacts(run.id, "replay") if a["path"] and Path(str(a["path"])).exists()]

    made = existing()
    if not made:
        if not run.status.finished:
            raise HTTPException(409, "the run is still going: its replay is made when it ends")
        with _RENDERING:  # the page's <video> and a download ask at once: one renders, the other waits for it
            made = existing()
            if not made:
                try:
                    made = [{"path": render(store, run.id).video}]
                except NotFound as exc:
                    raise HTTPException(404, str(exc)) from exc
    return FileResponse(str(made[-1]["path"]), media_type="video/mp4")


def last_event_id(value: str | None) -> int:
    """The step a reconnecting reader has (``Last-Event-ID``); 0 (from the start) for anything but a step number.
    rt56c: before, ``isdigit`` let through digits ``int`` refuses ("²", 5,000 nines): 500 Internal Server Error."""
    value = (value or "").strip()
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else 0


@router.get("/runs/{run_id}/events")
async def events(run_id: str, request: Request, who: Caller = CallerDep) -> StreamingResponse:
    """Server-sent events: ``step`` (each step as it ends; ids are step numbers, ``Last-Event-ID`` resumes),
    ``approval`` / ``approval_done`` (an ``ask`` waiting for a person, and its answer: ``approved``, ``by``),
    ``sub_step`` (a step of a run this one delegated: ``run_id``, ``division``, ``index``, ``kind``), ``note`` (what
    the run waits for before its first step: the screens' one-time build; "" when done), ``end``."""
    state = request.app.state
    run = visible_run(request, run_id, who)
    after = last_event_id(request.headers.get("last-event-id"))
    sub = state.bus.subscribe(run.id)  # before reading the store: nothing falls between the two

    async def stream() -> Any:
        try:
            yield b"retry: 1000\n\n"
            current = await run_in_threadpool(state.store.get_run, run.id)
            sent = after
            for step in await run_in_threadpool(state.store.steps, run.id):
                if step.index > sent:
                    data = step_event(current, step, state.live.artifact_url)
                    yield sse("step", json.dumps(data, default=str), str(step.index))
                    sent = step.index
            for pending in state.live.open_approvals(run.id):
                yield sse("approval", json.dumps(pending))
            # rel53b: what it waits for now (the screens' one-time build); ux56: a run of another process says it in
            # its record
            noted = state.live.notes.get(run.id) or running_note(current)
            if noted:
                yield sse("note", json.dumps({"text": noted}))
            if current.status.finished:
                yield sse("end", json.dumps({"run": run_summary(current)}))
                return
            # a run of another process (`macrohard run`, an eval) publishes nothing here: its store is polled
            elsewhere = not state.live.runs_here(run.id)
            quiet = 0.0
            while True:
                try:
                    item = await asyncio.wait_for(sub.queue.get(), POLL_S if elsewhere else HEARTBEAT_S)
                except TimeoutError:
                    quiet += POLL_S if elsewhere else HEARTBEAT_S
                    if elsewhere:
                        current = await run_in_threadpool(state.store.get_run, run.id)
                        for step in await run_in_threadpool(state.store.steps, run.id):
                            if step.index > sent:
                                yield sse("step", json.dumps(step_event(current, step, state.live.artifact_url),
                                                             default=str), str(step.index))
                                sent = step.index
                        if current.status.finished:
                            yield sse("end", json.dumps({"run": run_summary(current)}))
                            return
                        if (now := running_note(current)) != noted:  # ux56: its build began or ended meanwhile
                            noted = now
                            yield sse("note", json.dumps({"text": now}))
                    if quiet >= HEARTBEAT_S:
                        quiet = 0.0
                        if await request.is_disconnected():
                            return
                        yield b": still here\n\n"
                    continue
                if item is None:  # too slow a reader: the browser reconnects with Last-Event-ID
                    return
                kind, payload, event_id = item
                if kind == "step" and event_id and int(event_id) <= sent:
                    continue
                yield sse(kind, payload, event_id)
                sent = int(event_id) if kind == "step" and event_id else sent
                if kind == "end":
                    return
        finally:
            state.bus.unsubscribe(sub)

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


@router.get("/evals")
def evals(request: Request, who: Caller = CallerDep, limit: int = Query(20, ge=1, le=500)) -> list[dict[str, Any]]:
    """Recent evaluations with their pass counts (owners and viewers)."""
    from macrohard.eval.records import list_evals

    if not who.user.sees_all:
        return []
    return [{**info.model_dump(mode="json"), "passed": p, "total": n}
            for info, p, n in list_evals(request.app.state.store, limit)]


@router.get("/evals/{eval_id}")
def eval_show(eval_id: str, request: Request, who: Caller = CallerDep) -> dict[str, Any]:
    from macrohard.eval.records import get_eval, results
    from macrohard.eval.report import summarize

    if not who.user.sees_all:
        raise HTTPException(404, f"no evaluation {eval_id!r}")
    info = get_eval(request.app.state.store, eval_id)
    outcomes = results(request.app.state.store, info.id)
    return {**summarize(info, outcomes).model_dump(mode="json"), "results": [o.model_dump(mode="json") for o in outcomes]}
