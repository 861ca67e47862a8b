"""The guard: every action is reviewed before it runs, every observation and answer screened.

The guard is made of small checks, each ``(action, ctx) -> Verdict | None``; the first that
returns a non-allow verdict decides. ``authorize`` is the only way to obtain an ``Approved``
action: in one call it takes the environment's facts (cwd, network: from the kernel and the
sandbox's configuration, never from what the agent printed), reviews, records the verdict, resolves
``ask`` through the context's approval callback (or the policy's ``non_interactive`` setting when
nobody can answer) and mints an approval bound to the run and that environment instance (see
``safety.approval`` for the seal and its honest limit). Every verdict, approval and screening
result goes to ``on_verdict`` and the recorders (the audit log, see ``safety.audit``).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from macrohard.errors import NotApproved
from macrohard.safety.approval import TTL_S, Approved, Authorization, Verify, new_seal
from macrohard.safety.budget import exceeded
from macrohard.safety.context import GuardContext, GuardFacts, answered_by, not_approved
from macrohard.safety.delegation import check_delegation
from macrohard.safety.flow import FlowCheck, FlowScreen, Strictest
from macrohard.safety.money import MoneyCheck
from macrohard.safety.paths import OutsideWorkspace, resolve_inside
from macrohard.safety.policy import Policy, load_policy
from macrohard.safety.review import AnswerCheck, ObservationScreen, PolicyCheck
from macrohard.types import WORKSPACE_PATH_KINDS, Decision, FinishAction, Observation, Verdict

Check = Callable[[Any, GuardContext], "Verdict | None"]
Screen = Callable[[Observation, GuardContext], Observation]
AnswerCheckFn = Callable[[str, GuardContext], "Verdict | None"]

ALLOW = Verdict(decision=Decision.allow, check="guard")


def check_workspace_paths(action: Any, ctx: GuardContext) -> Verdict | None:
    """File (and video) actions stay inside the workspace: no absolute escapes, no ``..``, no symlinks out."""
    if getattr(action, "kind", None) not in WORKSPACE_PATH_KINDS:
        return None
    try:
        for name in ("path", "out"):
            if isinstance(getattr(action, name, None), str):
                resolve_inside(ctx.workspace, getattr(action, name))
    except OutsideWorkspace as exc:
        return Verdict(decision=Decision.deny, reason=str(exc), check="workspace_paths")
    return None


def check_budget(action: Any, ctx: GuardContext) -> Verdict | None:
    """Refuse to act once the run has spent its budget (``safety.budget.exceeded``: a limit of N allows N)."""
    reason = exceeded(ctx.budget, steps=max(ctx.step - 1, 0), elapsed_s=ctx.elapsed_s, tokens=ctx.usage.total,
                      cost_usd=ctx.cost_usd)
    if reason is None:
        return None
    return Verdict(decision=Decision.deny, reason=reason, check="budget", fatal=True)


class Guard:
    """Runs its checks in order; the first non-allow verdict decides.

    ``Guard()`` uses the policy from ``load_policy()`` (the user's, else the packaged default);
    ``Guard(policy=...)`` or ``Guard.from_policy(...)`` take one explicitly.
    """

    def __init__(self, checks: list[Check] | None = None, *, screens: list[Screen] | None = None,
                 answer_checks: list[AnswerCheckFn] | None = None,
                 on_verdict: Callable[[Any, Verdict, GuardContext], None] | None = None,
                 policy: Policy | None = None) -> None:
        self.policy = policy if policy is not None else load_policy()
        self.checks: list[Check] = checks if checks is not None else default_checks(self.policy)
        self.screens: list[Screen] = (screens if screens is not None
                                      else [ObservationScreen(self.policy), FlowScreen(self.policy)])
        self.answer_checks: list[AnswerCheckFn] = (answer_checks if answer_checks is not None
                                                   else [AnswerCheck(self.policy)])
        self.on_verdict = on_verdict
        # Audit recorders get every record with its kind: verdict, approval, screen, answer.
        self.recorders: list[Callable[[str, Any, Verdict, GuardContext], None]] = []

    @classmethod
    def from_policy(cls, policy: Policy | str | None = None, **kwargs: Any) -> Guard:
        """A guard with the default checks driven by ``policy`` (a ``Policy``, a file path, or the default)."""
        if not isinstance(policy, Policy):
            policy = load_policy(policy)
        return cls(policy=policy, **kwargs)

    def review(self, action: Any, ctx: GuardContext) -> Verdict:
        ctx.path_pending = None  # what this review finds about PATH (safety.lookup), kept until approval
        ctx.py_pending = None  # and about PYTHONPATH (safety.envvars)
        ctx.shell_pending = None  # and the shell functions and traps it defines (safety.shellstate)
        ctx.values_pending = None  # and what its variables may hold (safety.arith)
        ctx.strings_pending = None  # and the literal values it gives them
        ctx.build_pending = None  # and the build it is (safety.builds)
        for check in self.checks:
            try:
                verdict = check(action, ctx)
            except RecursionError:  # an action nested deeper than a check follows: a person decides
                verdict = Verdict(decision=Decision.ask, check="guard:depth",
                                  reason="the action nests deeper than the guard's checks follow; split it up")
            except Exception as exc:  # a check that crashed judged nothing: refuse (fail closed), say so, carry on
                verdict = Verdict(decision=Decision.deny, check="guard:error",
                                  reason=f"the guard could not review this action ({type(exc).__name__} in "
                                         f"{getattr(check, '__name__', type(check).__name__)}: {str(exc)[:120]}); "
                                         "it was refused. Rewrite the action more simply, and report this as a "
                                         "macrohard bug")
            if verdict is not None and verdict.decision is not Decision.allow:
                return self._record(action, verdict, ctx)
        return self._record(action, ALLOW, ctx)

    def authorize(self, action: Any, ctx: GuardContext, *, env: Any) -> Authorization:
        """Review ``action`` for ``env``, record the verdict, resolve ``ask``, and mint an approval if allowed.

        The only way to an ``Approved``: ``Authorization.approved`` is None unless this review allowed
        the action. The approval works once, on ``env`` only, for ``ctx.run_id`` only.
        """
        return _authorize(self, action, ctx, env)

    def screen(self, observation: Observation, ctx: GuardContext) -> Observation:
        for screen in self.screens:
            observation = screen(observation, ctx)
        _follow_focus(observation, ctx)
        flags = observation.meta.get("guard")
        if flags:
            try:
                self._record(None, Verdict(decision=Decision.allow, check="screen",
                                           reason="; ".join(f"{k}: {', '.join(v)}" for k, v in flags.items())),
                             ctx, kind="screen")
            except Exception as exc:  # rel59: the audit's store refused it (a full disk): the screened observation
                exc.screened = observation  # type: ignore[attr-defined]  # goes with the error, for the step's record
                raise
        return observation

    def screen_answer(self, answer: str, ctx: GuardContext) -> Verdict:
        """The first non-allow verdict on ``answer``; an ``ask`` goes to the person (``ctx.approve``) or the policy."""
        for check in self.answer_checks:
            verdict = check(answer, ctx)
            if verdict is not None and verdict.decision is not Decision.allow:
                verdict = self._record(None, verdict, ctx, kind="answer")
                if verdict.decision is Decision.ask:
                    action = FinishAction(answer=answer)
                    if ctx.approve is not None:
                        answer = ctx.approve(action, verdict)  # ux54: who answered, as an action's approval says
                        allowed, by = bool(answer), answered_by(ctx.approve, answer)
                    else:
                        allowed, by = self.policy.defaults.non_interactive == "allow", "policy"
                    verdict = self._record(action, verdict.model_copy(update={
                        "decision": Decision.allow if allowed else Decision.deny, "approved_by": by if allowed else None,
                        "reason": verdict.reason if allowed else f"{verdict.reason} ({not_approved(by)})"}),
                        ctx, kind="approval")
                    if allowed:
                        continue
                return verdict
        return ALLOW

    def _record(self, action: Any, verdict: Verdict, ctx: GuardContext, kind: str = "verdict") -> Verdict:
        for recorder in self.recorders:
            recorder(kind, action, verdict, ctx)
        if self.on_verdict is not None:
            self.on_verdict(action, verdict, ctx)
        return verdict


def _follow_focus(observation: Observation, ctx: GuardContext) -> None:
    """The terminal model and the desktop's keyboard focus (rt51b). A window that opens or closes by itself takes or
    gives back the focus with no action the guard approved: the line typed so far stays pending (reviewed at every
    later submit), as after a click. An input the desktop refused because the focus had moved since the last look
    did not happen: the model goes back to what it was before it."""
    meta = observation.meta or {}
    if meta.get("input_refused") and ctx.terminal_before is not None:
        ctx.terminal = ctx.terminal_before
    ctx.terminal_before = None
    if "focus" in meta:
        focus = meta.get("focus")
        if ctx.focus is not None and focus != ctx.focus:
            ctx.terminal.focus_moved()
        ctx.focus = focus if isinstance(focus, int) else None


def _sealed() -> tuple[Callable[[Guard, Any, GuardContext, Any], Authorization], Verify]:
    """``authorize`` and ``verify`` over one seal; the minting half lives only in this closure.

    ``verify`` records every refusal (kind ``refusal``) in the audit log of each run it concerns: the
    run that owns the environment, the run the approval was made for and the run a ticket names
    (a forged ticket too: the attempt is worth keeping), through the guard and
    context that last authorized an action of that run (held weakly: a finished run is forgotten).
    """
    mint, seal_verify = new_seal()
    witnesses: dict[str, tuple[weakref.ref[Guard], weakref.ref[GuardContext]]] = {}
    # the guard that first reviewed an action for an environment watches it from then on: a second Guard
    # (made with no checks, or a looser policy) gets no approval for it
    watchers: weakref.WeakKeyDictionary[Any, weakref.ref[Guard]] = weakref.WeakKeyDictionary()
    watch_lock = threading.Lock()

    def verify(approved: Any, env: Any, *, ttl: float = TTL_S) -> Any:
        try:
            return seal_verify(approved, env, ttl=ttl)
        except NotApproved as exc:
            action = approved.action if isinstance(approved, Approved) else approved
            denied = Verdict(decision=Decision.deny, check="approval",
                             reason=f"the {getattr(env, 'kind', 'unknown')} environment refused to act: {exc}")
            claimed = approved.run_id if isinstance(approved, Approved) and isinstance(approved.run_id, str) else None
            for run_id in dict.fromkeys((*exc.runs, claimed)):
                if not run_id:
                    continue
                guard, ctx = (ref() for ref in witnesses.get(run_id, (_dead, _dead)))
                if guard is not None and ctx is not None:
                    Guard._record(guard, action if isinstance(action, BaseModel) else None, denied, ctx,
                                  kind="refusal")
            raise

    def authorize(guard: Guard, action: Any, ctx: GuardContext, env: Any) -> Authorization:
        if not isinstance(guard, Guard):
            raise TypeError(f"authorize needs a Guard, not {type(guard).__name__}")
        if ctx.run_id:
            if len(witnesses) > 1000:  # forget finished runs (list(): other threads authorize meanwhile)
                for run_id, (g, c) in list(witnesses.items()):
                    if g() is None or c() is None:
                        witnesses.pop(run_id, None)
            witnesses[ctx.run_id] = (weakref.ref(guard), weakref.ref(ctx))
        with watch_lock:
            watcher = watchers.setdefault(env, weakref.ref(guard))()
        if watcher is not guard:
            denied = Verdict(decision=Decision.deny, check="approval",
                             reason=f"this {getattr(env, 'kind', 'unknown')} environment is watched by another guard; "
                                    "only that guard approves its actions")
            return Authorization(verdict=Guard._record(guard, action, denied, ctx))
        facts = env.guard_facts() if callable(getattr(env, "guard_facts", None)) else GuardFacts()
        ctx.shell_id = facts.shell  # so is which shell runs the command (safety.session.Exact)
        ctx.cwd = facts.cwd  # from the kernel (the shell's /proc/PID/cwd), never from the agent's output
        ctx.jobs, ctx.detached = facts.jobs, facts.detached  # so are the jobs earlier steps left running
        if facts.network is not None:
            ctx.network = facts.network
        if facts.since is not None:
            ctx.since = facts.since
        # Guard.review/_record, not overridable ones: an approval always follows a recorded review.
        verdict = Guard.review(guard, action, ctx)
        refused_by = None
        if verdict.decision is Decision.ask:
            callback = ctx.approve
            if callback is not None:
                answer = callback(action, verdict)
                allowed, by = bool(answer), answered_by(callback, answer)
            else:
                allowed, by = guard.policy.defaults.non_interactive == "allow", "policy"
            verdict = verdict.model_copy(update={
                "decision": Decision.allow if allowed else Decision.deny, "approved_by": by if allowed else None,
                "reason": verdict.reason if allowed else f"{verdict.reason} ({not_approved(by)})"})
            Guard._record(guard, action, verdict, ctx, kind="approval")
            refused_by = None if allowed else by
        if not verdict.allowed:
            return Authorization(verdict=verdict, refused_by=refused_by)
        try:
            approved = mint(action, verdict, ctx.run_id, env)
        except NotApproved as exc:
            denied = Verdict(decision=Decision.deny, reason=str(exc), check="approval")
            return Authorization(verdict=Guard._record(guard, action, denied, ctx))
        ctx.terminal_before = ctx.terminal.copy()
        ctx.terminal.apply(action)  # the terminal model follows only what was approved to run
        if ctx.path_pending is not None:  # so does PATH: the directories the approved command put on it
            ctx.path_dirs[:], ctx.path_pending = ctx.path_pending, None
        if ctx.py_pending is not None:
            ctx.py_dirs[:], ctx.py_pending = ctx.py_pending, None
        if ctx.shell_pending is not None:
            (ctx.shell_functions, ctx.shell_hooks), ctx.shell_pending = ctx.shell_pending, None
        if ctx.values_pending is not None:
            ctx.shell_values, ctx.values_pending = ctx.values_pending, None
        if ctx.strings_pending is not None:
            ctx.shell_strings, ctx.strings_pending = ctx.strings_pending, None
        if ctx.exact_pending is not None:
            ctx.shell_exact, ctx.exact_pending = ctx.exact_pending, None
        if ctx.build_pending is not None and verdict.approved_by is None:  # a build nobody had to approve
            ctx.builds.append(ctx.build_pending)
        ctx.flow.committed(action)  # so does the flow state: what this action reads, writes and sends
        return Authorization(verdict=verdict, approved=approved)

    return authorize, verify


def _dead() -> None:
    return None


_authorize, verify = _sealed()


def default_checks(policy: Policy | None = None) -> list[Check]:
    policy = policy if policy is not None else load_policy()
    return [check_budget, check_workspace_paths, check_delegation,
            Strictest(PolicyCheck(policy), FlowCheck(policy), MoneyCheck(policy))]


def timed_review(guard: Guard, action: Any, ctx: GuardContext) -> tuple[Verdict, float]:
    start = time.perf_counter()
    verdict = guard.review(action, ctx)
    return verdict, (time.perf_counter() - start) * 1000
