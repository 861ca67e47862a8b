"""Runs started from the web: each in a worker thread of the server process, its steps on the event bus.

A run's ``ask`` verdicts wait here for an answer from the page (``answer``), up to the policy's
``approval_timeout_s``; the answer goes back into ``Guard.authorize`` as an ``ApprovalAnswer`` naming
who gave it, so the approval is recorded in the run's audit chain with its author. Nothing here
makes an approval: the guard does, as for every other run.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from macrohard import stopping
from macrohard.errors import NotFound, Stopped, UserError
from macrohard.server.auth import User
from macrohard.server.bus import EventBus
from macrohard.types import Run, RunStatus, Step, Task

log = logging.getLogger("macrohard.server")


@dataclass
class Pending:
    """An ``ask`` waiting for a person."""

    id: str
    run_id: str
    action: dict[str, Any]
    reason: str
    check: str
    asked_at: float = field(default_factory=time.time)
    answered: threading.Event = field(default_factory=threading.Event)
    answer: Any = None
    asker: str = ""  # the run whose step asks: ``run_id`` itself or a run it delegated (ux54)

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "run_id": self.run_id, "asker": self.asker or self.run_id, "action": self.action,
                "reason": self.reason, "check": self.check, "asked_at": self.asked_at}

    def of(self, run_id: str) -> bool:
        """Whether the question is shown and answered on ``run_id``'s page: the run started here, or the delegated run
        whose step asks (ux54: before, only the top run's page showed a sub-run's question)."""
        return run_id in (self.run_id, self.asker)

    def pages(self) -> list[str]:
        return list(dict.fromkeys((self.run_id, self.asker or self.run_id)))


def step_event(run: Run, step: Step, artifact_url: str, frames: list[int] | None = None) -> dict[str, Any]:
    """What a viewer gets for one step: the step (frames as URLs of the store's artifacts) and the run's state.

    A stored step names its frames' artifact ids; a live one (``on_step`` gets the step with its images
    inline) is given them by the caller, from the store."""
    body = step.model_dump(mode="json")
    obs = body.get("observation") or {}
    ids = frames if frames is not None else (obs.get("meta") or {}).get("artifacts") or []
    if obs:
        obs["images"] = []  # the frames are served from the store, as JPEG/PNG, not inlined in the stream
    body["frames"] = [artifact_url.format(run_id=run.id, artifact=i) for i in ids]
    return {"step": body, "run": run_summary(run)}


def running_note(run: Run) -> str:
    """What a running run of any process waits for before its first step, as its record says (``runner._noting``:
    the screens' one-time build); "" for a finished run, whose record may keep a note its process died with."""
    if run.status is not RunStatus.running:
        return ""
    return str(run.meta.get("waiting_for") or "")


def run_summary(run: Run) -> dict[str, Any]:
    from macrohard.server.words import web_words

    return {"id": run.id, "status": run.status.value, "steps": run.steps, "error": web_words(run.error),
            "answer": run.answer, "user": run.meta.get("user"), "finished_at": run.finished_at}


class _Stoppable:
    """The run's model, stoppable from the web: each call runs in a helper thread and the run's thread waits for its
    reply or for Stop, whichever comes first. Before (rel24) a run whose model server hung held its worker for the call's
    whole deadline (300 s a call by default), and nothing on the web could end it. A call given up on is left to end on
    its own, as ``Agent._complete`` leaves one past its deadline. Everything else is the model's own."""

    def __init__(self, model: Any, stop: threading.Event) -> None:
        self._model, self._stop = model, stop

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def complete(self, messages: Any, tools: Any = None) -> Any:
        from macrohard.models.streaming import StreamStop, reading

        self._stopped()
        box: dict[str, Any] = {}
        done = threading.Event()
        ending = StreamStop()  # rel57: the Stop ends the call itself (the embedded model's decode, ``local_abort``)

        def call() -> None:
            try:
                with reading(ending):
                    box["reply"] = self._model.complete(messages, tools)
            except BaseException as exc:  # handed to the run's thread below
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=call, name="macrohard-web-model-call", daemon=True).start()
        while not done.wait(0.1):
            try:
                self._stopped(" while it waited on the model")
            except Stopped as exc:  # before (rel56's left-open): the call ran on, holding the model's lock
                ending.stop(str(exc))
                raise
        if "error" in box:
            raise box["error"]
        return box["reply"]

    def _stopped(self, where: str = "") -> None:
        if self._stop.is_set():
            if why := getattr(self._stop, "why", ""):  # the server's own shutdown
                raise Stopped(f"{why}{where}; the steps it finished are kept")
            raise Stopped(f"stopped from the web by {getattr(self._stop, 'by', 'a user')}{where}; the steps it "
                          "finished are kept")


class LiveRuns:
    """The runs this server process is running, and their open approvals."""

    def __init__(self, store: Any, bus: EventBus, *, workers: int = 4,
                 artifact_url: str = "/api/runs/{run_id}/artifacts/{artifact}") -> None:
        self.store = store
        self.bus = bus
        self.artifact_url = artifact_url
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="macrohard-run")
        self.futures: dict[str, Future[Any]] = {}
        self.pending: dict[str, Pending] = {}
        self.stops: dict[str, threading.Event] = {}
        self.notes: dict[str, str] = {}  # run id -> what it waits for before its first step, said on its page
        # ux55: runs a web conversation of this server delegated and follows now (run id -> its Conversation), and
        # their open questions (approval id -> what the run page shows, and the conversation that waits): the
        # question is shown and answered on the run's own page too, once, and its page's Stop stops it
        self.chat_runs: dict[str, Any] = {}
        self.chat_questions: dict[str, tuple[dict[str, Any], Any]] = {}
        self.workers = workers
        self._lock = threading.Lock()

    def start(self, task: Task, user: User, *, model: Any = None, guard: Any = None, division: Any = None,
              divisions: dict[str, Any] | None = None) -> Run:
        """Start ``task`` for ``user``; return the run once it is in the store (or raise why it could not start).

        ``division``: run it as that division (``divisions.runtime.run_division``: its prompt, its policy overlay on
        the server's guard, its delegations to ``divisions``), as `macrohard run --division` does (ux53)."""
        from macrohard.models import get_model
        from macrohard.runner import run_task
        from macrohard.safety.guard import Guard

        busy = self._busy()
        if len(busy) >= self.workers:  # before (rel24): the request waited 60 s, then "did not start within 60 s"
            raise ServerBusy(f"this server already runs {len(busy)} runs, its most at once ({', '.join(busy)}): stop "
                             "one (its page's Stop, or POST /api/runs/ID/stop) or wait for one to end, then start "
                             "this again (or start the server with more: macrohard serve --workers N)")
        model = model if model is not None else get_model(task.model)
        if getattr(model, "key_env", None) and not getattr(model, "api_key", None):
            # ux52: before, the run started and failed at its first step with "set X (export X=...)", which a server
            # already running never sees
            raise UserError(f"no API key for {model.name}: this server reads it from its own environment; set "
                            f"{model.key_env} where you start `macrohard serve`, then start the server again, or name "
                            "another model in the model field (`macrohard models` says which are usable now)")
        guard = guard if guard is not None else Guard.from_policy()
        run = Run(task=task, model=model.name, meta={"user": user.name, "server": os.getpid()})
        if division is not None:
            run.meta["division"] = division.name
        stop = threading.Event()
        model = _Stoppable(model, stop)
        timeout = guard.policy.defaults.approval_timeout_s
        fallback = guard.policy.defaults.non_interactive == "allow"

        def on_step(r: Run, step: Step) -> None:
            frames = None
            if step.observation is not None and step.observation.images:  # stored as artifacts by the agent
                rows = self.store._db().execute(  # the ids only: not every frame's bytes at every step
                    "SELECT id FROM artifacts WHERE run_id=? AND step=? AND name='screenshot' ORDER BY id",
                    (r.id, step.index))
                frames = [int(row[0]) for row in rows]
            self.bus.publish(r.id, "step", step_event(r, step, self.artifact_url, frames), event_id=str(step.index))
            if r.id != run.id:  # ux53: a delegated run's step, said on its parent's page too (as the terminal's ↳ line)
                self.bus.publish(run.id, "sub_step", {"run_id": r.id, "division": r.meta.get("division"),
                                                      "index": step.index,
                                                      "kind": step.action.kind if step.action is not None else None})

        def approve(action: Any, verdict: Any) -> Any:
            return self._ask(run.id, action, verdict, timeout, fallback)

        def note(text: str) -> None:  # rel53b: what the run waits for before its first step (the screens' build)
            if text:
                log.warning("run %s: %s", run.id, text)
                self.notes[run.id] = text
            else:
                self.notes.pop(run.id, None)
            self.bus.publish(run.id, "note", {"text": text})

        def work() -> Run:
            from macrohard.server.screen import watching

            try:
                with watching(self.bus, run.id):  # a desktop's screen events reach the viewers as they happen
                    if division is not None:
                        from macrohard.divisions.runtime import Staff, run_division

                        def sub_model(div: Any, sub: Task) -> Any:  # a delegated run's model: Stop ends it too
                            from macrohard.models import get_model

                            return _Stoppable(get_model(div.model or sub.model), stop)

                        staff = Staff(divisions=divisions if divisions is not None else {division.name: division},
                                      models=sub_model, approve=approve, on_step=on_step, isolation="bwrap")
                        return run_division(task, division, staff=staff, store=self.store, guard=guard, model=model,
                                            run=run, on_note=note)  # rel54: a division's run says the build too
                    return run_task(task, model=model, store=self.store, guard=guard, on_step=on_step,
                                    approve=approve, run=run, isolation="bwrap", on_note=note)
            finally:
                self.notes.pop(run.id, None)
                stopping.forget(run.id)  # a Stop the run ended before it reached (the build's, rel55): taken back
                self._finished(run.id)

        with self._lock:
            self.stops[run.id] = stop
            self.futures[run.id] = future = self.pool.submit(work)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                return self.store.get_run(run.id)
            except NotFound:
                pass
            if future.done():  # ended before it was recorded: the environment could not be made
                exc = future.exception()
                from macrohard.sqlitedisk import locked

                # ux52: the store held by another program is said as the terminal says it (who holds it, the fix);
                # before: "the run could not start: database is locked"
                if exc is not None and (said := locked(exc, self.store.path)) is not None:
                    raise StoreLocked(f"the run could not start: {said}") from exc
                raise UserError(f"the run could not start: {exc}") from exc
            time.sleep(0.01)
        raise UserError("the run did not start within 60 s; see the server's log")

    def _ask(self, run_id: str, action: Any, verdict: Any, timeout: float, fallback: bool) -> Any:
        from macrohard.safety.context import ApprovalAnswer

        pending = Pending(id=os.urandom(8).hex(), run_id=run_id, action=action.model_dump(mode="json"),
                          reason=verdict.reason, check=verdict.check, asker=stopping.this_threads_run() or run_id)
        with self._lock:
            self.pending[pending.id] = pending
        for page in pending.pages():
            self.bus.publish(page, "approval", pending.public())
        result: Any = None
        try:
            # rel53b: in slices, looking at the run's cut between them (`macrohard runs stop` from a terminal: the
            # agent marks the question as the step's wait, ``stopping.cut_now``); before, it waited on for a click
            deadline = time.monotonic() + timeout
            while not pending.answered.wait(max(0.0, min(0.25, deadline - time.monotonic()))):
                if (why := stopping.cut_now()) is not None:
                    raise KeyboardInterrupt(why)
                if time.monotonic() >= deadline:
                    break
            # rt53b: decided under the lock that `answer` takes, and closed there: before, the timeout chose the
            # fallback first, so an answer that took the lock between the two was told 204 and never used (with
            # `non_interactive: allow`, a person's Deny taken and the command run)
            with self._lock:
                if not pending.answered.is_set():
                    pending.answer = ApprovalAnswer(fallback, f"policy (nobody answered within {timeout:g} s)")
                    pending.answered.set()
                result = pending.answer
            return result
        finally:
            with self._lock:
                self.pending.pop(pending.id, None)
            # ux53: what the page shows in place of the buttons; before, a timeout that the policy allowed said denied
            for page in pending.pages():
                self.bus.publish(page, "approval_done", {"id": pending.id, "approved": bool(result),
                                                         "by": getattr(result, "by", None) or "policy"})

    def chat_question(self, conv: Any, what: str, *args: Any) -> None:
        """A web conversation's delegated run asks (``what`` "asked": the ``ApprovalNeeded``) or its question ended
        ("done": approval id, run id, the answer): shown on, and taken off, the run's own page (ux55: before, only the
        chat page showed it). The chat page is told too when it was answered elsewhere."""
        if what == "asked":
            (asked,) = args
            public = {"id": asked.approval_id, "run_id": asked.run_id, "asker": asked.run_id, "action": asked.action,
                      "reason": asked.verdict.reason, "check": asked.verdict.check, "asked_at": time.time(),
                      "conversation": conv.id}
            with self._lock:
                self.chat_questions[asked.approval_id] = (public, conv)
            self.bus.publish(asked.run_id, "approval", public)
            return
        approval_id, run_id, answer = args
        with self._lock:
            self.chat_questions.pop(approval_id, None)
        done = {"id": approval_id, "approved": bool(answer), "by": getattr(answer, "by", None) or "policy"}
        self.bus.publish(run_id, "approval_done", done)
        self.bus.publish(f"chat:{conv.id}", "approval_done", {"conversation_id": conv.id, "run_id": run_id, **done})

    def answer(self, approval_id: str, run_id: str, user: User, approved: bool) -> None:
        from macrohard.safety.context import ApprovalAnswer

        with self._lock:
            asked = self.chat_questions.get(approval_id)
        if asked is not None and asked[0]["run_id"] == run_id:  # ux55: a web conversation's delegated run asks
            if not asked[1].answer(approval_id, approved, by=f"user {user.name}"):
                raise NotFound(f"no open approval {approval_id!r} for run {run_id}: it was answered or timed out")
            return
        with self._lock:
            pending = self.pending.get(approval_id)
            if pending is None or not pending.of(run_id) or pending.answered.is_set():
                raise NotFound(f"no open approval {approval_id!r} for run {run_id}: it was answered or timed out")
            pending.answer = ApprovalAnswer(approved, f"user {user.name}")
            pending.answered.set()

    def stop(self, run_id: str, user: User) -> None:
        """End a run of this process: at once while it waits on its model or on an approval (denied), else when its
        current action ends (a command within its own timeout), before the next model call."""
        with self._lock:
            stop, future = self.stops.get(run_id), self.futures.get(run_id)
            conv = self.chat_runs.get(run_id)
        if conv is not None and conv.stop_run(run_id, f"stopped from the web by user {user.name}; the steps it "
                                             "finished are kept", f"user {user.name}"):
            return  # ux55: a web conversation's delegated run: it alone ends, the conversation's model is told
        if (stop is None or future is None or future.done()) and self._delegated_here(run_id):
            # ux54: a run a run of this server delegated (its page's Stop): it alone is cut, as `runs stop` cuts it;
            # the run that delegated it is told it ended interrupted and goes on. Before: 404, "not running here"
            why = f"stopped from the web by user {user.name}; the steps it finished are kept"
            stopping.cut_runs([run_id], why)
            from macrohard.safety.context import ApprovalAnswer

            with self._lock:
                for pending in self.pending.values():
                    if pending.asker == run_id and not pending.answered.is_set():
                        pending.answer = ApprovalAnswer(False, f"user {user.name} (stopped the run)")
                        pending.answered.set()
            return
        with self._lock:
            if stop is None or future is None or future.done():
                raise NotFound(f"run {run_id} is not running in this server: it ended, or another process runs it "
                               "(a `macrohard run` in a terminal: Ctrl-C there)")
            stop.by = f"user {user.name}"  # type: ignore[attr-defined]
            stop.set()
            from macrohard.safety.context import ApprovalAnswer

            for pending in self.pending.values():
                if pending.run_id == run_id and not pending.answered.is_set():
                    pending.answer = ApprovalAnswer(False, f"user {user.name} (stopped the run)")
                    pending.answered.set()
        # rel55: also as `macrohard runs stop` asks (``stopping``): a run still waiting for the safety screens' one-time
        # build looks there (runner.screens_ready), not at its model; before, the web's Stop took effect only once the
        # build had ended (minutes on a fresh machine) and the first model call was made
        if not future.done():  # (one that ended meanwhile has had its requests taken back: none left behind)
            stopping.stop_runs([run_id], f"stopped from the web by user {user.name}; the steps it finished are kept")

    def _delegated_here(self, run_id: str) -> bool:
        """Whether ``run_id`` is running, delegated (at any depth) by a run this server runs now."""
        try:
            run = self.store.get_run(run_id)
        except NotFound:
            return False
        seen = {run_id}
        while run.status is RunStatus.running and run.parent_id and run.parent_id not in seen:
            if self.runs_here(run.parent_id):
                return True
            seen.add(run.parent_id)
            try:
                run = self.store.get_run(run.parent_id)
            except NotFound:
                return False
        return False

    def _busy(self) -> list[str]:
        with self._lock:
            return [rid for rid, f in self.futures.items() if not f.done()]

    def runs_here(self, run_id: str) -> bool:
        """Whether this process runs ``run_id`` (its steps come on the bus, not from polling the store)."""
        with self._lock:
            future = self.futures.get(run_id)
        return future is not None and not future.done()

    def open_approvals(self, run_id: str) -> list[dict[str, Any]]:
        with self._lock:
            return [p.public() for p in self.pending.values() if p.of(run_id) and not p.answered.is_set()] + [
                public for public, _ in self.chat_questions.values() if public["run_id"] == run_id]

    def _finished(self, run_id: str) -> None:
        try:
            run = self.store.get_run(run_id)
        except NotFound:
            return
        self.bus.publish(run_id, "end", {"run": run_summary(run)})

    def shutdown(self, grace: float = 5.0) -> None:
        """The server is stopping (SIGTERM, Ctrl-C): its runs end ``interrupted`` and say so. Each is stopped as the
        web's Stop does (at once while it waits on its model or an approval); one still in an action after ``grace``
        seconds is marked so in the store, since the process ends under it. Before (rel39): every run it ran was
        left ``running``, and the next `macrohard` command called it ``crashed`` ("killed, or the machine stopped")."""
        why = f"the server (pid {os.getpid()}) was shut down while the run was in progress"
        with self._lock:
            running = {rid: f for rid, f in self.futures.items() if not f.done()}
            for rid in running:
                stop = self.stops[rid]
                stop.why = why  # type: ignore[attr-defined]
                stop.set()
                stopping.stop_runs([rid], f"{why}; the steps it finished are kept")  # one in the screens' build too
            for pending in self.pending.values():  # nobody will answer now: the policy's fallback applies
                pending.answered.set()
        if running:
            wait(running.values(), timeout=grace)
        for rid, future in running.items():
            if future.done():
                continue
            try:
                run = self.store.get_run(rid)
                if run.status is RunStatus.running:
                    run.status, run.finished_at = RunStatus.interrupted, time.time()
                    run.error = (f"{why}, during step {run.steps + 1} (an action that did not end within "
                                 f"{grace:g}s of the shutdown); the {run.steps} steps it finished are kept, and its "
                                 "files are recorded at macrohard's next start (`macrohard runs diff ID`)")
                    self.store.update_run(run)
            except Exception:  # noqa: BLE001  (a store that cannot be written now: the next start recovers the run)
                log.exception("could not mark run %s interrupted at the server's shutdown", rid)
        self.pool.shutdown(wait=False, cancel_futures=True)


class ServerBusy(UserError):
    """Every worker of the server runs a run (the web app answers 503)."""


class StoreLocked(ServerBusy):
    """Another program holds the run store locked past the wait (the web app answers 503: try again later)."""


def mark_interrupted(store: Any) -> list[str]:
    """On start: runs that an earlier server left ``running`` (it was killed) become ``interrupted``.

    ``runs recover`` does the repair (their files salvaged, mounts removed, ``crashed``); a run the
    server ran says what happened to it instead: the server stopped, its finished steps are kept.
    """
    from macrohard.recovery import recover

    done = []
    for item in recover(store):
        run = store.get_run(item.run_id)
        if item.was == RunStatus.running.value and run.meta.get("server"):
            run.status = RunStatus.interrupted
            run.error = (f"the server (pid {run.meta['server']}) stopped while the run was in progress; "
                         f"the {run.steps} steps it finished are kept")
            store.update_run(run)
            done.append(run.id)
    return done
