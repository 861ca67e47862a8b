"""The claim decision of the embedded agent loop, split out of ``models/local.py`` (one idea: whether a finish
with ``success: true`` stands). The ``verify`` aid's read-back and the acting chat's own yes/no
(``local_verify.py``; ``_close``, after the harness's own tests left a finish undecided: ``local_proofs.py``), the
harness's evidence judged in a fresh chat (``local_evidence.py``) with the asked-form
checks (``local_form.py``, the opt-in ``form`` aid), and the opt-in ``agree`` aid (``local_agree.py``). ``LocalModel`` inherits these steps;
they use its decoder (``_act``, ``_aside``, ``_grammar``) and its llama.cpp handle."""

from __future__ import annotations

import os
import sys
from typing import Any

from macrohard.models import (
    local_agree,
    local_evidence,
    local_form,
    local_grounds,
    local_recount,
    local_state,
    local_verify,
)
from macrohard.models.local_history import Past, _with_note
from macrohard.types import ModelReply, Usage


class ClaimSteps:
    """The claim steps of ``LocalModel`` (a mixin: the attributes below are the model's)."""

    _llm: Any
    _lock: Any
    _grammars: dict[Any, Any]
    _readbacks: local_verify.ReadBacks
    _claims: local_evidence.Claims
    _scratch: Any
    _acting_margin: float
    aids: frozenset[str]
    temperature: float
    seed: int

    _act: Any  # the decoder steps LocalModel defines
    _aside: Any
    _grammar: Any
    _reply: Any

    def _agree(self, finish: dict[str, Any], task: str, history: list[Past],
               system: str) -> tuple[dict[str, Any] | None, Usage]:
        """The ``agree`` aid: the finish as a second solution's agreement decides it, or None (no signal)."""
        if self._scratch is None or not history:
            return None, Usage()

        def act(chat: list[dict[str, str]], temperature: float, seed: int, ban: frozenset[int]) -> Any:
            return self._act(chat, ["bash"], self._grammar(("bash",), ()), temperature=temperature, seed=seed,
                             ban_first=ban)

        def first_token(text: str) -> int | None:
            toks = self._llm.tokenize(text.encode(), add_bos=False, special=False)
            return int(toks[0]) if toks else None

        return local_agree.second_opinion(finish, task, history, self._scratch, act=act, first_token=first_token,
                                          system=system, seed=self.seed)

    def _close(self, action: dict[str, Any], task: str, history: list[Past], chat: list[dict[str, str]], usage: Usage,
               kinds: list[str], offered: set[str], browser: bool) -> ModelReply:
        """The end of a step with the ``verify`` aid: a finish goes through the read-back and the model's own yes/no
        (``_review``), the opt-in ``agree`` aid, and a success claim is held for the harness's evidence."""
        evidence = "verify" in self.aids
        refused = None  # the acting chat's own give-up after its "no", when the fresh judge may overrule it
        if evidence and local_evidence.answers_alone(offered):
            action, u = self._answer_alone(action, task, chat)
            return self._reply(action, usage + u)
        if evidence and not browser:  # no finish without a look at the result; a success needs its own "yes"
            claim = action
            action, usage = self._review(action, task, history, chat, usage)
            if (local_evidence.NO_MARGIN is not None and claim.get("kind") == "finish" and claim.get("success")
                    and str(action.get("answer", "")).startswith(local_verify.NOT_DONE)):
                refused, action = action, claim
        if "agree" in self.aids and not browser and action.get("kind") == "finish":
            # a second solution from the start, run apart: the same changes claim, different ones give up
            decided, u = self._agree(action, task, history, chat[0]["content"])
            usage = usage + u
            if decided is not None:
                return self._reply(decided, usage)
        if evidence and action.get("kind") == "finish" and action.get("success"):
            look = local_evidence.evidence_action(task, history, kinds)
            if look["kind"] not in offered:
                action = refused or local_evidence.verdict_finish(action, verdict="no",
                                                                  why_missing=f"no {look['kind']} action offered")
            else:  # the harness's own read-only look first; the claim is judged on it at the next call
                self._claims.hold(task, len(history), look, action, refused)
                action = look
        return self._reply(action, usage)

    def _answer_alone(self, action: dict[str, Any], task: str,
                      chat: list[dict[str, str]]) -> tuple[dict[str, Any], Usage]:
        """A step of a run with no environment (``local_evidence.answers_alone``): no read-back, no yes/no on a
        workspace, no evidence action; a finish is its answer, claimed as the model wrote it, except a success
        claimed on a question about a computer's files or folders, which nothing here looked at
        (``local_evidence.about_a_machine``): that one does not stand, and says where to ask."""
        usage = Usage()
        if action.get("kind") == "finish" and "success" not in action:  # decoding stopped before its answer
            whole, _, usage = self._act(chat, ["finish"], self._grammar(("finish",), ()))
            action = whole or {"kind": "finish", "answer": "", "success": False}
        if action.get("kind") == "finish" and action.get("success") and (what := local_evidence.about_a_machine(task)):
            answer = local_evidence.NOT_LOOKED_AT.format(what=what, answer=action.get("answer", ""))
            return {**action, "success": False, "answer": answer}, usage
        return action, usage

    def _settle(self, finish: dict[str, Any], refused: dict[str, Any] | None, task: str,
                history: list[Past], kinds: list[str] | None = None) -> ModelReply:
        """The held success claim, judged in a fresh chat on the harness's evidence (``local_evidence.py``):
        as claimed on "yes"; a give-up that says why on "no" or when the evidence is missing. ``refused``:
        the acting chat said "no" (its give-up stands unless the judge clears ``NO_MARGIN``)."""
        last = history[-1]
        why = local_evidence.missing(last.result, last.ok)
        if why:
            return self._reply(refused or local_evidence.verdict_finish(finish, verdict="no", why_missing=why), Usage())
        if bad := local_evidence.no_such_path(last.result):  # the answer names a path that is not there
            if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
                print(f"judge: no such path {bad[:60]} ({task[:60]})", file=sys.stderr, flush=True)
            return self._reply({**finish, "success": False, "answer": f"{local_evidence.NO_SUCH_PATH.format(what=bad)} "
                                f"(it had answered: {finish.get('answer', '')})"}, Usage())
        if bad := local_evidence.suspect(last.result, history[:-1], task):
            if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
                print(f"judge: suspect {bad[:60]} ({task[:60]})", file=sys.stderr, flush=True)
            return self._reply({**finish, "success": False, "answer": f"{local_evidence.SUSPECT.format(what=bad)} "
                                f"(it had answered: {finish.get('answer', '')})"}, Usage())
        if bad := local_grounds.unfounded(history[:-1], task):  # a file written from nothing is no grounds
            if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
                print(f"judge: unfounded {bad[:60]} ({task[:60]})", file=sys.stderr, flush=True)
            return self._reply({**finish, "success": False, "answer": f"{local_grounds.UNFOUNDED.format(what=bad)} "
                                f"(it had answered: {finish.get('answer', '')})"}, Usage())
        if last.action.get("kind") == "bash" and (bad := local_form.counts_for_a_number(task, last.result,
                                                                                      history[:-1])):
            # the one form check on by default (agent30: heldout19's false success, a count per file and a total
            # where "just the number" was asked); the rest stay behind the opt-in ``form`` aid below
            if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
                print(f"judge: form {bad[:60]} ({task[:60]})", file=sys.stderr, flush=True)
            return self._reply({**finish, "success": False, "answer": f"{local_form.FAULT.format(what=bad)} "
                                f"(it had answered: {finish.get('answer', '')})"}, Usage())
        if ("form" in self.aids and last.action.get("kind") == "bash"  # opt-in: no win on heldout5 (RESULTS.md)
                and (bad := local_form.fault(task, last.result, history[:-1]))):
            if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
                print(f"judge: form {bad[:60]} ({task[:60]})", file=sys.stderr, flush=True)
            return self._reply({**finish, "success": False, "answer": f"{local_form.FAULT.format(what=bad)} "
                                f"(it had answered: {finish.get('answer', '')})"}, Usage())
        prior = next((p for p in reversed(history[:-1]) if p.action.get("kind") == "bash"), None)
        chat = local_evidence.judge_chat(task, str(finish.get("answer", "")), last.result,
                                         (prior.action, prior.result) if prior is not None else None,
                                         page=last.action.get("kind") == "browser_read",
                                         steps=[(p.action, p.result, p.ok) for p in history[:-1]]
                                         if local_evidence.ACCOUNT else None)
        margin, usage = self._yes_margin(chat)
        need = local_evidence.YES_MARGIN if refused is None else local_evidence.NO_MARGIN
        verdict = "yes" if need is not None and margin > need else "no"
        if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):  # for calibrating the margins on dev runs
            print(f"judge: {margin:+.2f} acting={'no' if refused else 'yes'} {self._acting_margin:+.2f} {verdict} "
                  f"({task[:60]})", file=sys.stderr,
                  flush=True)
        if verdict == "no" and refused is not None:
            return self._reply(refused, usage)
        decided = local_evidence.verdict_finish(finish, verdict=verdict)
        if decided.get("success") and local_recount.ON and last.action.get("kind") == "bash":
            decided, u = self._recount(decided, task, history, kinds)
            usage = usage + u
        return self._reply(decided, usage)

    def _recount(self, finish: dict[str, Any], task: str, history: list[Past],
                 kinds: list[str] | None) -> tuple[dict[str, Any], Usage]:
        """A number or one-word value the judges let stand needs the model's own second computation, written another
        way, to print the same (``local_recount.py``); a claim of anything else goes on as judged."""
        path, number = local_recount.claimed(task, history[-1].result, history[:-1], str(finish.get("answer", "")))
        if local_recount.asks_number(task) and (number is None or local_recount.number_of(number) is None):
            # one number asked, and no file the task names holds one
            what = f"the task asks for one number and {path or 'no file it names'} holds no single number"
            local_recount._log(f"no ({what}) ({task[:50]})")
            return local_recount.finish(finish, "no", what), Usage()
        if number is None:
            return finish, Usage()
        if local_recount.dictated(task, number):  # "write 3 to n.txt": the number is the task's own
            return finish, Usage()
        before = history[:-1]  # the run's own steps (the last is the harness's evidence)
        chat = self._chat(kinds or ["bash", "finish"], task, before)  # type: ignore[attr-defined]

        def act(chat: list[dict[str, str]], temperature: float, seed: int, ban: frozenset[int]) -> Any:
            return self._act(chat, ["bash"], self._grammar(("bash",), ()), temperature=temperature, seed=seed,
                             ban_first=ban)

        def first_token(text: str) -> int | None:
            toks = self._llm.tokenize(text.encode(), add_bos=False, special=False)
            return int(toks[0]) if toks else None

        verdict, what, usage = local_recount.recount(task, path, number, before, chat, self._scratch, act=act,
                                                     first_token=first_token, seed=self.seed)
        return local_recount.finish(finish, verdict, what, number), usage

    def _yes_margin(self, chat: list[dict[str, str]]) -> tuple[float, Usage]:
        """How much more likely the model's first answer token is "yes" than "no" (log-odds), asked apart
        from the run (its cache saved and put back, as for ``_aside``)."""
        words = {w: [self._llm.tokenize(v.encode(), add_bos=False, special=False)[0] for v in (w, w.capitalize())]
                 for w in ("yes", "no")}
        margin = local_evidence.Margin(words["yes"], words["no"])
        with self._lock, local_state.kept(self._llm):
            out = self._llm.create_chat_completion(messages=chat, grammar=self._yes_no(), temperature=0.0, top_k=1,
                                                   max_tokens=1, logits_processor=[margin])
        u = out.get("usage") or {}
        return (margin.value if margin.value is not None else -1e9), Usage(
            prompt_tokens=int(u.get("prompt_tokens") or 0), completion_tokens=int(u.get("completion_tokens") or 0))

    def _review(self, action: dict[str, Any], task: str, history: list[Past], chat: list[dict[str, str]],
                usage: Usage) -> tuple[dict[str, Any], Usage]:
        """The ``verify`` aid (``models/local_verify.py``): a finish right after a change becomes the model's
        own read-back command; a claimed success stands only on its own "yes" to the evidence."""
        if action.get("kind") == "finish" and local_verify.changed_last(history):
            check, _, u = self._act(_with_note(chat, local_verify.CHECK_NOTE), ["bash"], self._grammar(("bash",), ()))
            usage = usage + u
            if check is not None and local_verify.is_readback(check):  # a "check" that changes things is not taken
                self._readbacks.ask(task, len(history), check)
                return check, usage
        if action.get("kind") == "finish" and "success" not in action:  # its answer was not decoded yet
            whole, _, u = self._act(chat, ["finish"], self._grammar(("finish",), ()))
            usage = usage + u
            action = whole or {"kind": "finish", "answer": "", "success": False}
        new, usages = local_verify.review_finish(
            action, task, [(p.action, p.result) for p in history], yes_no=self._yes_no(),
            generate=self._acting, system=chat[0]["content"], verdict=self._readbacks.verdict(task, history))
        for u in usages:
            usage = usage + u
        return new, usage

    def _judge(self, task: str, history: list[Past], chat: list[dict[str, str]]) -> tuple[str, Usage]:
        """The model's own yes/no: is the task done, given every step and what it printed?"""
        return local_verify.ask(task, [(p.action, p.result) for p in history], yes_no=self._yes_no(),
                                generate=self._acting, system=chat[0]["content"])

    def _acting(self, chat: list[dict[str, str]], grammar: Any) -> tuple[str, Usage]:
        """The acting chat's own yes/no (``local_verify``): its grammar's argmax. Logging for calibration
        (``MACROHARD_LOCAL_JUDGE_LOG``), its log-odds are also read, for the log line of the claim it decides, but
        never decide: until the ninth wave the logged runs decided on their sign, which differs from the argmax
        near 0 (a false success on a dev rerun that the unlogged loop gives up on: RESULTS.md)."""
        if os.environ.get("MACROHARD_LOCAL_JUDGE_LOG"):
            self._acting_margin, _ = self._yes_margin(chat)
        return self._aside(chat, grammar)

    def _yes_no(self) -> Any:
        from llama_cpp import LlamaGrammar

        if "yes_no" not in self._grammars:
            self._grammars["yes_no"] = LlamaGrammar.from_string(local_verify.YES_NO, verbose=False)  # type: ignore[index]
        return self._grammars["yes_no"]  # type: ignore[index]

