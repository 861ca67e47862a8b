"""The agent loop (DESIGN §3): history -> model -> action -> guard -> environment -> observation.

Every step is written to the run store as soon as it ends, in a ``finally``, so a killed process
keeps every finished step. Malformed replies, denials and budget ends are exceptions that carry
what the history or the run record needs.
"""

from __future__ import annotations

import base64
import itertools
import json
import math
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from macrohard import stopping
from macrohard.errors import (
    BudgetExceeded,
    DiskFull,
    FatalDenial,
    FormatError,
    MacrohardError,
    ModelTimeout,
    ModelUnavailable,
    RunError,
    TooManyFormatErrors,
    UserError,
)
from macrohard.prompts import system_prompt, task_message
from macrohard.protocols import Environment, Model, RunStore
from macrohard.safety import audit, budget, warm
from macrohard.safety.context import ApprovalAnswer, ApprovalCallback, GuardContext, not_approved
from macrohard.safety.flow import fence
from macrohard.safety.guard import Guard
from macrohard.safety.taint import FlowState
from macrohard.types import (
    FinishAction,
    ModelReply,
    Observation,
    Run,
    RunStatus,
    Step,
    Task,
    Usage,
    Verdict,
    no_surrogates,
    parse_action,
)

StepCallback = Callable[[Run, Step], None]
# an action's own bound on how long it may run or wait: cut to what is left of the run's wall budget
_WAIT_FIELDS = ("timeout", "seconds", "wait")


def enforced_network(env: Any) -> str:
    """The network mode the environment's sandbox enforces, as the environment reports it (``guard_facts``,
    the same facts ``Guard.authorize`` refreshes before every review); unknown or unsandboxed is ``full``."""
    facts = env.guard_facts() if callable(getattr(env, "guard_facts", None)) else None
    network = getattr(facts, "network", None)
    return str(network) if network in ("none", "loopback", "hosts", "full") else "full"


def tool_schemas(action_types: list[type[BaseModel]]) -> list[dict[str, Any]]:
    """OpenAI-style function tools, one per action kind (the ``kind`` field is the tool name). Each kind's tool is
    made once per process (pydantic's ``model_json_schema`` was ~4 ms a run for six kinds); every call gets its own
    copy to change."""
    return [json.loads(_tool_json(cls)) for cls in action_types]


@cache
def _tool_json(cls: type[BaseModel]) -> str:
    schema = cls.model_json_schema()
    props = {k: v for k, v in schema.get("properties", {}).items() if k != "kind"}
    for prop in props.values():
        prop.pop("title", None)
    required = [r for r in schema.get("required", []) if r != "kind"]
    return json.dumps({
        "type": "function",
        "function": {
            "name": cls.model_fields["kind"].default,
            "description": (cls.__doc__ or "").strip(),
            "parameters": {"type": "object", "properties": props, "required": required},
        },
    })


def parse_reply(reply: ModelReply) -> tuple[Any, str]:
    """Return ``(action, call_id)`` from a reply, or raise ``FormatError`` with a hint. Never anything else:
    whatever the model wrote is data (``tests/spine/test_parse_fuzz.py``)."""
    if reply.tool_calls:
        call = reply.tool_calls[0]
        try:
            args = _no_surrogates(json.loads(call.arguments or "{}"))
        except (ValueError, RecursionError) as exc:
            raise FormatError(f"arguments of {call.name} are not JSON: {str(exc)[:200]}",
                              hint="Call one tool with JSON arguments.", raw=call.arguments) from exc
        if not isinstance(args, dict):
            raise FormatError("tool arguments must be a JSON object", hint="Pass the arguments as a JSON object.",
                              raw=call.arguments)
        args.pop("kind", None)
        try:
            return parse_action({"kind": call.name, **args}), call.id
        except (ValidationError, RecursionError) as exc:
            raise FormatError(f"bad call to {call.name}: {_short_errors(exc)}",
                              hint=f"Check the arguments of {call.name}.", raw=call.arguments) from exc
    text = reply.text.strip()
    start, end = text.find("{"), text.rfind("}")
    if start >= 0 and end > start:
        try:
            found = _no_surrogates(json.loads(text[start : end + 1]))
            if isinstance(found, dict):
                return parse_action(found), ""
        except (ValidationError, ValueError, RecursionError):
            pass
    raise FormatError("the reply contained no tool call", raw=reply.text,
                      hint="Reply with exactly one tool call. When the task is done, call finish with your answer.")


def _placeholder(answer: str) -> bool:
    """An answer of dots alone ("...", "…"): the action example's placeholder copied, not an answer."""
    text = answer.strip()
    return bool(text) and not text.strip(".…· ")


def _no_surrogates(value: Any) -> Any:
    """JSON's values with no lone surrogate in any string (``types.no_surrogates``): ``"\\ud800"`` is valid JSON that
    no UTF-8 can hold (rel39: a command holding one crashed the run when its step was stored)."""
    if isinstance(value, str):
        return no_surrogates(value)
    if isinstance(value, dict):
        return {no_surrogates(str(k)): _no_surrogates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_no_surrogates(v) for v in value]
    return value


def _short_errors(exc: ValidationError | RecursionError) -> str:
    if not isinstance(exc, ValidationError):
        return "the arguments are nested too deeply"
    return "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"[:200] for e in exc.errors()[:3])


def _wait_in_slices(done: threading.Event, seconds: float, slice_s: float = 0.25,
                    cut: Callable[[], str | None] | None = None) -> bool:
    """``done.wait(seconds)`` in short slices. The kernel may hand a Ctrl-C (SIGINT) to the model-call thread, blocked
    in a socket read; Python then runs the handler only when the main thread next runs bytecode, and one long wait on a
    lock kept it from doing so until the wait ended (the run's close came 27-29 s after Ctrl-C, 1 run in 5). Waking
    every ``slice_s`` lets the handler run within a quarter second. ``cut``: why the wait must end now (the run was
    cut: ``stopping.cut_runs``), raised as ``KeyboardInterrupt``; None while it goes on."""
    deadline = time.monotonic() + seconds
    while not done.wait(max(0.0, min(slice_s, deadline - time.monotonic()))):
        if cut is not None and (why := cut()) is not None:
            raise KeyboardInterrupt(why)
        if time.monotonic() >= deadline:
            return done.is_set()
    return True


QUESTION = "the guard's question, waiting for a person's answer"


def _cuttable(approve: ApprovalCallback | None, run: Run, ctx: GuardContext) -> ApprovalCallback | None:
    """``approve`` (the person's answer to the guard's question) as a wait of the step that a stop cuts: while it
    waits the step is marked as doing it (``stopping.doing``: ``stopping.cut_now`` then names this run to the question,
    which looks between its waits: the CLI's ``read_line``, the web's pending approval), and a cut that ends it is
    the answer: a refusal by the person, saying the question was cut and why (recorded in the audit chain as any
    answer). rel53b: before, `macrohard runs stop` did not reach a run at the question (exit 3, "still running")."""
    if approve is None:
        return None

    def ask(action: Any, verdict: Any) -> Any:
        stopping.doing(run.id, ctx.step, QUESTION)
        try:
            if (why := stopping.cut_for(run.id, run.parent_id)) is None:
                return approve(action, verdict)
        except KeyboardInterrupt:
            if (why := stopping.cut_for(run.id, run.parent_id)) is None:
                raise  # the person's own Ctrl-C (or SIGTERM) at the question: as before
        finally:
            stopping.doing(run.id, ctx.step, None)
        return ApprovalAnswer(False, f"person: the question was cut: {why}")

    if hasattr(approve, "answered_by"):  # who answers when the answer does not say (safety.context.answered_by)
        ask.answered_by = approve.answered_by  # type: ignore[attr-defined]
    return ask


class Agent:
    """Runs one task to its end with one model, one environment, one guard and one store."""

    def __init__(self, model: Model, env: Environment, guard: Guard, store: RunStore, *,
                 on_step: StepCallback | None = None, approve: ApprovalCallback | None = None,
                 prompt: str | None = None, extra_envs: Sequence[Any] = ()) -> None:
        self.model = model
        self.env = env
        self.prompt = prompt  # a division's system prompt (divisions/); the generic one when None
        # executors of extra action kinds (a division's delegate, company mode's plan); each verifies its approvals
        self.extra_envs = list(extra_envs)
        self.guard = guard
        self.store = store
        self.on_step = on_step
        self.approve = approve
        self._started = time.monotonic()
        self._unwritten: list[Step] = []  # steps the store has not taken yet (``_record``, ``_end``)
        self._kept: str | None = None  # said where a full disk's refused records went (``_keep_unsaved``)
        # Delimits untrusted content in what the model receives; random per run, so content cannot close it.
        self._boundary = secrets.token_hex(8)

    def run(self, task: Task, run: Run | None = None) -> Run:
        run = run or Run(task=task, model=self.model.name, workspace=self.env.workspace)
        self._boundary = secrets.token_hex(8)
        run.model = run.model or self.model.name
        run.workspace = run.workspace or self.env.workspace
        if not _exists(self.store, run.id):
            self.store.create_run(run)
        # rel52: every run listens for a stop asked from outside its process (`macrohard runs stop`, another
        # terminal): before, a run started elsewhere (a terminal, `serve`, a company) could only be killed
        where = getattr(self.store, "path", None)
        stop_path = stopping.stop_file(where, run.id) if where else None
        if stop_path is not None:
            stopping.watch(run.id, stop_path)
        try:
            return self._run(task, run)
        finally:
            if stop_path is not None:
                stopping.unwatch(run.id, stop_path)

    def _run(self, task: Task, run: Run) -> Run:
        audit.attach(self.guard, self.store)  # every verdict of this run goes to its hash-chained audit log
        ctx = GuardContext(workspace=self.env.workspace, run_id=run.id, task_text=task.text,
                           environment=self.env.kind, network=enforced_network(self.env), budget=task.budget,
                           approve=None)
        ctx.approve = _cuttable(self.approve, run, ctx)
        if run.meta.get("flow_handed_down"):  # a sub-run whose task a run wrote after untrusted content
            ctx.flow = FlowState.handed_down(run.meta["flow_handed_down"])
        action_types = list(getattr(self.env, "action_types", [])) or _default_action_types()
        for extra in self.extra_envs:
            action_types += [t for t in extra.action_types if t not in action_types]
            if callable(getattr(extra, "bind", None)):
                extra.bind(run, ctx)  # what it needs of this run: its id, its chain of divisions, its budgets
        tools = tool_schemas(action_types)
        notes = [extra.prompt_note() for extra in self.extra_envs if callable(getattr(extra, "prompt_note", None))]
        prompt = "\n\n".join([system_prompt(self.env.kind, action_types, self.prompt), *filter(None, notes)])
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": prompt},
            {"role": "user", "content": task_message(task, self.env.workspace)},
        ]
        self._bind_scratch(ctx)
        started = self._started = time.monotonic()
        format_errors = 0
        try:
            for index in itertools.count(1):
                ctx.step = index
                ctx.elapsed_s = time.monotonic() - started
                self._check_budget(task, run, ctx)  # a budget of N steps allows N: raises before step N + 1
                step = Step(index=index)
                try:
                    done = self._step(step, messages, tools, run, ctx)
                    format_errors = 0
                except FormatError as exc:
                    format_errors += 1
                    step.raw = exc.raw
                    step.observation = Observation(output=f"{exc} {exc.hint}".strip(), error=True)
                    messages.append({"role": "assistant", "content": exc.raw or ""})
                    messages.append({"role": "user", "content": f"Format error: {exc}. {exc.hint}"})
                    if format_errors > task.budget.max_format_errors:
                        raise TooManyFormatErrors(
                            f"the model gave {format_errors} malformed replies in a row; last: {exc}") from exc
                    done = False
                finally:
                    if step.thought or step.action is not None or step.raw is not None or step.observation is not None:
                        self._record(run, step)
                if done:  # the agent's own claim: done, or gave up (never a success)
                    if getattr(step.action, "success", True):
                        return self._end(run, RunStatus.succeeded)
                    return self._end(run, RunStatus.gave_up, "the agent gave up (finish with success=false)")
            raise AssertionError("unreachable: the step budget ends the loop")
        except RunError as exc:
            return self._end(run, RunStatus(exc.status), str(exc))
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM/SIGHUP turned into one by the CLI
            self._end(run, RunStatus.interrupted, str(exc) or "interrupted by the user (Ctrl-C)")
            raise
        except UserError as exc:
            self._end(run, RunStatus.failed, str(exc))
            raise
        except BaseException as exc:
            if (said := _store_problem(exc, self.store)) is not None:  # the store, not our code: said with the fix
                self._end(run, RunStatus.failed, said)
                raise
            self._end(run, RunStatus.crashed, f"{type(exc).__name__}: {exc}")
            raise

    # -- one step ----------------------------------------------------------------------------

    def _step(self, step: Step, messages: list[dict[str, Any]], tools: list[dict[str, Any]],
              run: Run, ctx: GuardContext) -> bool:
        t0 = time.perf_counter()
        holds = self._reserve(run, messages, tools, step.index)
        try:
            reply = self._complete(messages, tools, ctx, run.parent_id).without_surrogates()  # what no UTF-8 holds: never stored (rel39)
        except BaseException:
            self._release(holds)
            raise
        step.model_ms = (time.perf_counter() - t0) * 1000
        step.usage = reply.usage
        run.usage = run.usage + reply.usage
        run.cost_usd += reply.cost_usd
        ctx.usage, ctx.cost_usd = run.usage, run.cost_usd
        if holds:  # settled at what the call came to (the charge before the next step finds nothing more due)
            run.cost_usd = max(run.cost_usd, budget.priced(run.model, run.usage, 0.0))
            for extra, hold in holds:
                extra.charge_model(run, hold, step=step.index)
        step.thought = reply.text
        action, call_id = parse_reply(reply)
        if isinstance(action, FinishAction) and self.env.kind == "none" and _placeholder(action.answer):
            # ux56: where the answer is the work (no environment: the chat division, a question), the prompt's own
            # example "..." is no answer (the embedded model's `run --division chat` "succeeded" with it)
            raise FormatError(f"the answer {action.answer.strip()!r} is the example's placeholder, not an answer",
                              hint="Write the answer itself in finish's answer.",
                              raw=reply.text or json.dumps(action.model_dump()))
        action, cut = self._within_wall_budget(action, ctx)
        step.action = action
        messages.append(_assistant_message(reply.text, action, call_id))

        t1 = time.perf_counter()
        # review, audit record, ask resolution and minting in one call: nothing else makes an approval
        target = self._executor(action)
        authorization = self.guard.authorize(action, ctx, env=target)
        step.guard_ms = (time.perf_counter() - t1) * 1000
        verdict = step.verdict = authorization.verdict

        if isinstance(action, FinishAction) and verdict.allowed:
            warm.wait()  # what is left of the heads' background load (runner: warm.start), never loaded twice at once
            answer_verdict = self.guard.screen_answer(action.answer, ctx)
            if answer_verdict.allowed:
                run.answer = action.answer
                step.observation = Observation(output="finished")
                return True
            verdict = step.verdict = answer_verdict

        approved = authorization.approved if verdict is authorization.verdict else None
        if approved is None:
            if authorization.refused_by is not None:
                said = not_approved(authorization.refused_by)
                step.observation = Observation(output=f"{said[0].upper()}{said[1:]}: {verdict.reason}. Choose another way.",
                                               error=True)
            else:
                step.observation = Observation(output=f"Denied by the guard ({verdict.check}): {verdict.reason}",
                                               error=True)
            messages.append(_observation_message(call_id, step.observation, self._boundary))
            # rel53b: the question cut by a stop (`macrohard runs stop`, a company's or a chat's), or a stop asked
            # while the guard reviewed: the run ends here, the refusal kept as this step (before: the question
            # waited on for its person, and a refused step went on to the next model call)
            if (why := stopping.why_stopped(run.id, run.parent_id)) is not None:
                raise KeyboardInterrupt(why)
            if verdict.fatal:
                ends = BudgetExceeded if verdict.check == "budget" else FatalDenial
                raise ends(f"{verdict.check}: {verdict.reason}")
            return False

        # a run asked to stop while its model chose this action (a company or an evaluation interrupted) runs
        # nothing more: before (rel48), the action ran after the stop and the run ended after it
        if (why := stopping.why_stopped(run.id, run.parent_id)) is not None:
            step.observation = Observation(output=f"Not run: the run was stopped before this action ran ({why}).",
                                           error=True)
            raise KeyboardInterrupt(why)
        t2 = time.perf_counter()
        limit = ctx.budget.max_seconds
        bounded = limit is not None and hasattr(target, "step_deadline")
        if bounded:  # the browser and the desktop cut every wait of the step to it (they have no timeout field)
            target.step_deadline = self._started + limit
        stopping.doing(run.id, step.index, _doing(action))
        try:
            observation = target.execute(approved)
        except KeyboardInterrupt as exc:  # rel51b: kept with what happened (before: no result, drawn ✓ as if done)
            step.env_ms = (time.perf_counter() - t2) * 1000
            why = str(exc) or "interrupted (Ctrl-C)"
            step.observation = Observation(output=f"Cut during this action ({why}): it has no result of its own.",
                                           error=True, meta={"cut": why})
            raise
        finally:
            stopping.doing(run.id, step.index, None)
            if bounded:
                target.step_deadline = None
        step.env_ms = (time.perf_counter() - t2) * 1000
        # a file name or output in bytes no UTF-8 holds (os.listdir's surrogateescape): the screens and the store
        # would fail on it (rel39: a list_dir of such a name crashed the run)
        observation = observation.model_copy(update={"output": no_surrogates(observation.output),
                                                     "meta": _no_surrogates(observation.meta)})
        try:
            observation = self.guard.screen(observation, ctx)
        except Exception as exc:
            # rel59: the guard's record of the screening was refused (the run store's disk full): the step keeps what
            # the action did, screened, with why (before: the step was kept with no result, what it read lost)
            if (screened := getattr(exc, "screened", None)) is not None:
                step.observation = screened.model_copy(update={"meta": {
                    **screened.meta, "audit_unrecorded": f"the guard's record of this screening was not written: "
                                                         f"{str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}"}})
            raise
        if limit is not None and not cut and time.monotonic() - self._started >= limit:
            cut = (f"the run's wall budget of {limit:g}s ran out during this step ({step.env_ms / 1000:.1f}s): the "
                   "run ends here (a longer run needs a larger budget.max_seconds)")
        if cut:
            observation = observation.model_copy(update={"output": f"{observation.output}\n[{cut}]",
                                                         "meta": {**observation.meta, "timeout_cut": cut}})
        step.observation = observation
        messages.append(_observation_message(call_id, observation, self._boundary))
        if observation.images and getattr(self.model, "vision", False):
            _forget_old_images(messages)
            messages.append(_image_message(observation))
        return False

    def _within_wall_budget(self, action: Any, ctx: GuardContext) -> tuple[Any, str]:
        """A step never runs past the run's wall budget: an action whose own timeout (or wait: ``browser_wait``'s
        seconds, ``desktop_launch``'s wait) is longer than what is left of the budget gets that (at least a second)
        instead, before the review, so what is approved is what runs (rel37: a `sleep 60` step with `timeout: 120`
        ran its whole minute under `max_seconds: 4`). Returns the action and, where it was cut, the sentence that
        says so. What else a step waits for, the environment cuts to ``step_deadline`` (``_step``)."""
        limit = ctx.budget.max_seconds
        field = next((f for f in _WAIT_FIELDS if isinstance(getattr(action, f, None), int | float)), None)
        if limit is None or field is None:
            return action, ""
        timeout = getattr(action, field)
        left = max(1.0, round(limit - (time.monotonic() - self._started), 1))
        if timeout <= left:
            return action, ""
        what = "timeout" if field == "timeout" else "wait"
        return action.model_copy(update={field: left}), (
            f"the run's wall budget of {limit:g}s had {left:g}s left: this step's {what} was cut from {timeout:g}s "
            f"to {left:g}s (a longer step needs a larger budget.max_seconds)")

    def _bind_scratch(self, ctx: GuardContext) -> None:
        """A model that can use it gets a ``Scratch`` of this run (``macrohard/scratch.py``): second solutions tried
        from the starting state, every action through this run's guard; None where the environment cannot."""
        bind = getattr(self.model, "bind_scratch", None)
        if not callable(bind) or not getattr(self.model, "wants_scratch", False):
            return
        scratch = None
        if self.env.kind == "shell" and callable(getattr(self.env, "snapshot", None)):
            from macrohard.scratch import Scratch

            scratch = Scratch(self.env, self.guard, ctx)
            scratch = scratch if scratch.begin() else None
        bind(scratch)

    def _executor(self, action: Any) -> Any:
        """The environment that executes ``action``: the run's own, or the extra one that has its kind."""
        for extra in self.extra_envs:
            if type(action) in extra.action_types and type(action) not in getattr(self.env, "action_types", ()):
                return extra
        return self.env

    def _complete(self, messages: list[dict[str, Any]], tools: list[dict[str, Any]], ctx: GuardContext,
                  parent_id: str | None = None) -> ModelReply:
        """One model call within its deadline: ``max_model_seconds``, and never past the run's wall budget.

        The call runs in a helper thread so that any model, HTTP or embedded, is bounded; a call given
        up on is left to end on its own (the HTTP model bounds its own calls too)."""
        b = ctx.budget
        left = None if b.max_seconds is None else b.max_seconds - (time.monotonic() - self._started)
        limits = [x for x in (b.max_model_seconds, left) if x is not None]
        # with no deadline it is waited on all the same: a cut (rel51: a chat's Ctrl-C, a company's second one) ends
        # the wait at once, not after the model's whole answer; the call given up on ends on its own
        wait = max(0.0, min(limits)) if limits else math.inf
        box: dict[str, Any] = {}
        done = threading.Event()

        def call() -> None:
            try:
                box["reply"] = self.model.complete(list(messages), tools)
            except BaseException as exc:  # handed to the run's thread below
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=call, name="macrohard-model-call", daemon=True).start()
        if not _wait_in_slices(done, wait, cut=lambda: stopping.cut_for(ctx.run_id, parent_id)):
            # an HTTP model keeps what its server did on the tries so far: "did not answer" is wrong for an HTTP 500
            failure = str(getattr(self.model, "last_failure", "") or "")
            if left is not None and left <= (b.max_model_seconds or left):
                said = f" (its server meanwhile: {failure})" if failure.startswith("HTTP") else ""
                raise BudgetExceeded(f"the run's wall budget of {b.max_seconds:g}s ran out while waiting "
                                     f"{wait:.0f}s on the model{said}")
            if failure.startswith("HTTP"):
                raise ModelUnavailable(f"the model's server kept failing within the {wait:g}s deadline of one model "
                                       f"call: {failure}; the server's own log says why (a longer deadline would "
                                       "not help): try again later, or choose another --model")
            raise ModelTimeout(f"the model did not answer within {wait:g}s (the deadline of one model call: "
                               "raise it with --model-timeout or budget.max_model_seconds)")
        if "error" in box:
            raise box["error"]
        return box["reply"]  # type: ignore[no-any-return]

    # -- bookkeeping -------------------------------------------------------------------------

    def _check_budget(self, task: Task, run: Run, ctx: GuardContext) -> None:
        """Per-run limits from the task, per-day limits from the guard's policy (``safety/budget.py``)."""
        run.cost_usd = max(run.cost_usd, budget.priced(run.model, run.usage, 0.0))
        ctx.cost_usd = run.cost_usd
        for extra in self.extra_envs:  # a wallet pays for the model from the same balance (money/wallet.py)
            if callable(getattr(extra, "charge_model", None)):
                extra.charge_model(run)
        # ctx.budget: the task's, less what sub-runs carved from it (divisions/delegate.py)
        budget.check_run_budget(task.model_copy(update={"budget": ctx.budget}), run, ctx.elapsed_s, steps=ctx.step - 1)
        policy = getattr(self.guard, "policy", None)
        if policy is not None:
            budget.check_daily_budget(policy.budgets.per_day, self.store, run)

    def _reserve(self, run: Run, messages: list[dict[str, Any]], tools: list[dict[str, Any]],
                 index: int) -> list[tuple[Any, str]]:
        """rt58c: before each model call, a wallet that pays for the model holds the most the call can cost (its
        prompt and its longest reply at the model's prices); an HTTP model with no cap of its own is given one (sent
        to its server), so the bound holds. Each (wallet, hold) is settled after the call, or released."""
        extras = [e for e in self.extra_envs if callable(getattr(e, "reserve_model", None)) and getattr(e, "model_spend", False)]
        if not extras:
            return []
        from macrohard.models.prices import CALL_TOKENS, call_bound_usd

        if getattr(self.model, "max_tokens", 0) is None and call_bound_usd(self.model, [], []):
            setattr(self.model, "max_tokens", CALL_TOKENS)  # noqa: B010 - not every Model has the attribute
        bound = call_bound_usd(self.model, messages, tools)
        holds: list[tuple[Any, str]] = []
        try:
            for extra in extras:
                if (hold := extra.reserve_model(run, bound, step=index)) is not None:
                    holds.append((extra, hold))
        except BaseException:
            self._release(holds)
            raise
        return holds

    @staticmethod
    def _release(holds: list[tuple[Any, str]]) -> None:
        for extra, hold in holds:
            try:
                extra.release_model(hold)
            except Exception:  # noqa: BLE001 - a hold not given back expires by itself (HOLD_TTL_S)
                pass

    def _charge_last(self, run: Run) -> None:
        """rt56d: debit the wallet what the model cost after its last charge (the call that finished, or failed).
        Before, the charge ran only before a step: the last call was never debited (a one-step run cost the wallet
        nothing). A wallet that cannot pay it now is said on the run; its outcome stays what happened."""
        extras = [e for e in self.extra_envs if callable(getattr(e, "charge_model", None))]
        if not extras:
            return
        try:
            run.cost_usd = max(run.cost_usd, budget.priced(run.model, run.usage, 0.0))
            for extra in extras:
                extra.charge_model(run)
        except Exception as exc:  # noqa: BLE001 - the run's end is recorded whatever the wallet says
            note = f"the wallet could not pay the model's last call: {exc}"
            run.meta["model_unpaid"] = note
            run.error = f"{run.error}; {note}" if run.error else note

    def _record(self, run: Run, step: Step) -> None:
        stored = step
        obs = step.observation
        full: DiskFull | None = None
        if obs is not None and obs.images and hasattr(self.store, "add_artifact"):
            ids: list[int] = []
            meta = dict(obs.meta)
            try:
                for img in obs.images:
                    ids.append(self.store.add_artifact(run.id, "screenshot", img.media_type,  # type: ignore[attr-defined]
                                                       data=base64.b64decode(img.data_b64), step=step.index))
            except DiskFull as exc:  # rel59: the step is kept without them (before: the step itself was lost)
                full = exc
                meta["screenshots_dropped"] = (
                    f"{len(obs.images) - len(ids)} of this step's {len(obs.images)} screenshot"
                    f"{'s' if len(obs.images) != 1 else ''} not kept: the run store's disk was full")
            meta["artifacts"] = ids
            stored = step.model_copy(update={"observation": obs.model_copy(update={"images": [], "meta": meta})})
        run.steps = step.index
        self._unwritten.append(stored)
        try:
            self._write_steps(run)
            self.store.update_run(run)
            if full is not None:  # the disk is full: the run ends as for a step the store refused (``_end``)
                raise full
        except BaseException:
            if self.on_step is not None:  # rel56: the step is shown all the same (the terminal, the web's page)
                try:
                    self.on_step(run, step)
                except Exception:  # noqa: BLE001 - the store's error is the news
                    pass
            raise
        if self.on_step is not None:
            self.on_step(run, step)

    def _write_steps(self, run: Run) -> None:
        """Write the steps not yet in the store, oldest first; one the store refuses stays for the next try."""
        while self._unwritten:
            self.store.append_step(run.id, self._unwritten[0])
            self._unwritten.pop(0)

    def _end(self, run: Run, status: RunStatus, error: str | None = None) -> Run:
        run.status = status
        run.error = error
        self._charge_last(run)
        run.finished_at = time.time()
        # rel56: a step the store refused (another program held it locked past its wait) is written with the run's
        # end, once the store takes writes again; before, it was lost (`runs show` listed one step fewer than the
        # run took, "crashed: OperationalError: database is locked")
        try:
            self._write_steps(run)
        except DiskFull:  # rel57: kept elsewhere, said, and added back by the next command once there is space
            if (kept := self._keep_unsaved(run)) is not None:
                run.error = f"{run.error}; {kept}" if run.error else kept
        except Exception:  # noqa: BLE001 - the end is recorded all the same; the error that ended the run says why
            pass
        try:
            self.store.update_run(run)
        except DiskFull as exc:
            kept = self._kept if self._kept is not None else self._keep_unsaved(run)
            if kept is None:
                raise
            raise DiskFull(f"{exc}\n{kept}") from exc
        return run

    def _keep_unsaved(self, run: Run) -> str | None:
        """The run's end and the steps its store's full disk refused, kept in a file elsewhere (``store/unsaved``);
        what the person is told (the kept run's error says it too), or None where no place took them."""
        from macrohard.store.unsaved import keep

        path = getattr(self.store, "path", None)
        refused = [s.index for s in self._unwritten]

        def say(file: Any) -> str:
            what = (f"{'step' if len(refused) == 1 else 'steps'} {', '.join(map(str, refused))} of run {run.id} and "
                    "its end" if refused else f"the end of run {run.id}")
            return (f"{what} were kept in {file} while the run store's disk was full; the next `macrohard run` or "
                    "`macrohard runs list` adds them to the run store once there is space (and deletes the file)")

        file = keep(path, run, list(self._unwritten), say) if path is not None else None
        self._kept = say(file) if file is not None else None
        return self._kept


def _store_problem(exc: BaseException, store: RunStore) -> str | None:
    """What a person reads for ``exc`` when it is the run store held locked by another program past its wait (the
    message names the holder and the fix), else None."""
    path = getattr(store, "path", None)
    if path is None:
        return None
    from macrohard.sqlitedisk import locked

    said = locked(exc, path)
    return str(said) if said is not None else None


def _doing(action: Any) -> str:
    """An action for people, short: "bash `sleep 25`", "write_file notes.txt"."""
    kind = str(getattr(action, "kind", type(action).__name__))
    what = getattr(action, "command", None) or getattr(action, "path", None) or getattr(action, "url", None)
    if not what:
        return kind
    text = " ".join(str(what).split())
    return f"{kind} `{text[:60]}{'…' if len(text) > 60 else ''}`"


def _exists(store: RunStore, run_id: str) -> bool:
    try:
        store.get_run(run_id)
    except MacrohardError:
        return False
    return True


def _default_action_types() -> list[type[BaseModel]]:
    from macrohard.types import BashAction, EditFileAction, ListDirAction, ReadFileAction, WriteFileAction

    return [BashAction, ReadFileAction, WriteFileAction, EditFileAction, ListDirAction, FinishAction]


def _assistant_message(text: str, action: Any, call_id: str) -> dict[str, Any]:
    if not call_id:
        return {"role": "assistant", "content": text or action.model_dump_json()}
    args = action.model_dump(exclude={"kind"})
    # "" rather than null: llama.cpp's server rejects null and its tool-call template needs the key.
    return {"role": "assistant", "content": text or "", "tool_calls": [
        {"id": call_id, "type": "function", "function": {"name": action.kind, "arguments": json.dumps(args)}}]}


def _observation_message(call_id: str, obs: Observation, boundary: str = "") -> dict[str, Any]:
    """What the model receives for an observation: untrusted content marked, fenced or withheld as the guard's
    screen decided (``safety.flow.fence``), never as if it were the user's words."""
    content = fence(obs, boundary or secrets.token_hex(8))
    if not call_id:
        return {"role": "user", "content": f"Observation:\n{content}"}
    return {"role": "tool", "tool_call_id": call_id, "content": content}


def _forget_old_images(messages: list[dict[str, Any]]) -> None:
    """Only the newest screenshot stays in the history: older ones cost tokens and say little."""
    for message in messages:
        if message["role"] == "user" and isinstance(message.get("content"), list):
            message["content"] = "[an earlier screenshot, left out]"


def _image_message(obs: Observation) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [{"type": "text", "text": "Screenshot after the last action:"}]
    parts += [{"type": "image_url", "image_url": {"url": f"data:{img.media_type};base64,{img.data_b64}"}}
              for img in obs.images]
    return {"role": "user", "content": parts}


__all__ = ["Agent", "parse_reply", "tool_schemas", "Verdict", "Usage"]
