"""A conversation with the chat division: ``Conversation.send(text)`` streams typed events (``chat/events.py``).

One turn: the user's message is stored; the model's answer streams out as tokens; a ``delegate``
tool call starts a sub-run (``chat/delegation.py``) whose steps and approval questions stream out as
they happen, and whose result goes back to the model, which then answers. The answer passes the
guard's answer screen (the one runs use) before it is stored: text is released in pieces only once
the text so far has passed it, and an answer the screen stops is stored and shown withheld.

A model that is down ends the turn with an ``ErrorEvent`` naming what to set; the conversation and
its history stay, and the next ``send`` tries again. Closing a turn's event stream (or Ctrl-C while it
is read) stops its sub-run at the end of its current step: recorded ``interrupted``, sandbox closed.
"""

from __future__ import annotations

import json
import queue
import threading
import uuid
from collections.abc import Callable, Iterator
from typing import Any

from macrohard import stopping
from macrohard.chat.delegation import DelegationRequest, Delegator, delegate_tool
from macrohard.chat.events import (
    ApprovalNeeded,
    DelegationFinished,
    DelegationStarted,
    ErrorEvent,
    MessageDone,
    RunStepEvent,
    TokenEvent,
)
from macrohard.errors import (
    MacrohardError,
    MessageTooLarge,
    ModelError,
    ModelReplyError,
    ModelTimeout,
    Stopped,
    UserError,
)
from macrohard.models.streaming import StreamStop, stream_reply
from macrohard.safety import audit
from macrohard.safety.context import ApprovalAnswer, GuardContext
from macrohard.safety.guard import Guard
from macrohard.store.conversations import LOCAL_OWNER, ChatMessage, ConversationRecord, ConversationStore
from macrohard.types import Run, Step, Verdict, new_run_id, no_surrogates

MAX_MESSAGE_CHARS = 20_000  # one user message; the web app answers 413 beyond it
MAX_DELEGATIONS = 3  # per turn; then the model must answer with what it has
HISTORY_MESSAGES = 40  # earlier messages sent to the model
APPROVAL_TIMEOUT_S = 600.0  # an unanswered question denies the step
# While streaming, the text so far is screened before each release: first at SCREEN_FIRST characters (a
# quick first token), then each time it has grown by a quarter (at least SCREEN_STEP characters), so the
# screens of a long answer cost a few times one screen of it, not one per token (a screen is ~10 µs a char).
SCREEN_FIRST, SCREEN_STEP, SCREEN_GROWTH = 16, 48, 1.25
STOP_WAIT_S = 60.0  # a closed turn waits this long for its sub-run to end its step and close

CHAT_SYSTEM_PROMPT = (
    "You are macrohard, a helpful assistant in a conversation. Answer directly and briefly. When the user asks "
    "for work on a computer (running commands, changing files, using a browser or a desktop), call the delegate "
    "tool with the division best suited (operator when unsure) and a complete task in plain words: the division "
    "sees nothing else. Its result comes back to you; then tell the user what was done.")


class Conversation:
    """One stored conversation and what answers in it (a model, the guard, a delegator for sub-runs)."""

    def __init__(self, record: ConversationRecord, store: ConversationStore, model: Any, *,
                 guard: Guard | None = None, delegator: Delegator | None = None,
                 system_prompt: str = CHAT_SYSTEM_PROMPT, approval_timeout: float = APPROVAL_TIMEOUT_S) -> None:
        self.record, self.store, self.model = record, store, model
        self.guard = guard if guard is not None else Guard.from_policy()
        audit.attach(self.guard, store.store)  # screened answers are in the audit chain under the conversation's id
        self.delegator = delegator
        recall = getattr(delegator, "recall", None)
        if callable(recall):  # rt47b: a continued conversation keeps what its earlier sub-runs read (flow25)
            recall([run_id for message in store.messages(record.id) for run_id in message.run_ids])
        self.system_prompt = system_prompt
        self.approval_timeout = approval_timeout
        self._pending: dict[str, tuple[threading.Event, list[bool | ApprovalAnswer]]] = {}
        self._pending_lock = threading.Lock()
        self._busy = threading.Lock()
        self._shown: dict[str, Any] = {"text": "", "run_ids": [], "ended": True}  # the turn under way (``_cut``)
        # ux55: who else shows this conversation's questions (the web's run page of the delegated run that asks):
        # called ("asked", ApprovalNeeded) when one is put, ("done", approval_id, run_id, answer) when it ends
        self.on_question: Callable[..., None] | None = None
        self._reading: StreamStop | None = None  # the model's stream read now, which ``stop`` ends at once
        self._stop_why: str | None = None  # a stop asked for the turn under way (``stop``), from another thread
        self._runs_stopped: dict[str, str] = {}  # delegated runs stopped alone (``stop_run``): run id -> why

    @classmethod
    def start(cls, store: ConversationStore, model: Any, *, owner: str = LOCAL_OWNER, **kwargs: Any) -> Conversation:
        record = store.create(ConversationRecord(owner=owner, model=getattr(model, "name", "")))
        return cls(record, store, model, **kwargs)

    @classmethod
    def resume(cls, store: ConversationStore, conversation_id: str, model: Any, *, owner: str = LOCAL_OWNER,
               **kwargs: Any) -> Conversation:
        """The owner's conversation ``conversation_id`` (``NotFound`` for another owner's, as for a missing one)."""
        return cls(store.get(conversation_id, owner), store, model, **kwargs)

    @property
    def id(self) -> str:
        return self.record.id

    def history(self) -> list[ChatMessage]:
        return self.store.messages(self.id)

    # -- a turn ----------------------------------------------------------------------------------

    def send(self, text: str) -> Iterator[Any]:
        """Stream one turn's events (``chat/events.ChatEvent``): ``text`` is stored as the user's message
        when the first event is asked for, then the answer streams.

        Raises at once, before anything is stored, for an empty message or one over ``MAX_MESSAGE_CHARS``
        (``MessageTooLarge``, which names the limit)."""
        if not text.strip():
            raise UserError("the message is empty; type something to send")
        if len(text) > MAX_MESSAGE_CHARS:
            raise MessageTooLarge(len(text), MAX_MESSAGE_CHARS)
        return self._turn(no_surrogates(text))  # bytes stdin could not decode (rel39: a traceback when stored)

    def answer(self, approval_id: str, allow: bool, by: str | None = None) -> bool:
        """Answer an ``ApprovalNeeded`` question; False when it is not (or no longer) waiting. ``by``: who answered,
        as the audit chain records it ("user alice", the web app's signed-in person); "user" when not said."""
        with self._pending_lock:
            waiting = self._pending.pop(approval_id, None)
        if waiting is None:
            return False
        waiting[1].append(ApprovalAnswer(bool(allow), by) if by else bool(allow))
        waiting[0].set()
        return True

    def _turn(self, user_text: str) -> Iterator[Any]:
        if not self._busy.acquire(blocking=False):
            yield ErrorEvent(conversation_id=self.id, message="the previous message is still being answered; wait "
                             "for it (or answer its question), then send this one again")
            return
        self._shown = {"text": "", "run_ids": [], "ended": False}
        self._stop_why = None
        try:
            self.store.append(self.record, ChatMessage(role="user", text=user_text))
            yield from self._answer(user_text)
        except (GeneratorExit, KeyboardInterrupt) as exc:
            self._cut(exc)
            raise
        finally:
            self._deny_pending()
            self._busy.release()

    @property
    def turn_running(self) -> bool:
        """Whether a turn is being answered now (its model, a delegated run, a question)."""
        return self._busy.locked()

    def stop(self, why: str, by: str = "user") -> bool:
        """Stop the turn under way from another thread (the web's Stop): its delegated run is cut as a Ctrl-C cuts it,
        its open question denied, the model's reply no longer read; the turn ends with what was shown and a note saying
        ``why`` (``_cut``). False when no turn runs. ux55: before, a web chat's turn could not be stopped at all."""
        if not self._busy.locked():
            return False
        self._stop_why = why
        if (reading := self._reading) is not None:  # the model's stream, ended now, not at its next chunk (rel56)
            reading.stop()
        if (run_id := self.delegating) is not None:
            stopping.cut_runs([run_id], why)
        self._deny_all(ApprovalAnswer(False, f"{by} (stopped the turn)"))
        return True

    def stop_run(self, run_id: str, why: str, by: str) -> bool:
        """Stop only the delegated run ``run_id`` (its own page's Stop): cut as `macrohard runs stop` cuts it, its
        open question denied by ``by``; the turn goes on and the model is told the run ended interrupted."""
        if self.delegating != run_id:
            return False
        self._runs_stopped[run_id] = why
        stopping.cut_runs([run_id], why)
        self._deny_all(ApprovalAnswer(False, f"{by} (stopped the run)"))  # one run is followed at a time: its own
        return True

    def _deny_all(self, answer: ApprovalAnswer) -> None:
        with self._pending_lock:
            for event, answers in self._pending.values():
                answers.append(answer)
                event.set()

    def _stopped(self) -> None:
        if self._stop_why is not None:
            raise KeyboardInterrupt(self._stop_why)

    @property
    def delegating(self) -> str | None:
        """The id of the run this turn has delegated and is following now, if any."""
        return self._shown.get("delegating")

    def _cut(self, exc: BaseException) -> None:
        """The turn was stopped before its answer was stored (Ctrl-C, SIGTERM, the page that asked went away): what
        was shown of it is stored with a note saying so. Before (rel46b's left-open): the conversation ended on the
        user's message, as if nothing had been answered and nothing delegated."""
        shown = self._shown
        if shown["ended"]:
            return
        why = str(exc) if isinstance(exc, KeyboardInterrupt) and str(exc) else "the turn was stopped"
        note = f"[the answer was cut: {why} before it ended]"
        text = f"{shown['text']}\n\n{note}" if shown["text"].strip() else note
        try:
            self.store.append(self.record, ChatMessage(role="assistant", text=text, run_ids=list(shown["run_ids"])))
        except Exception:  # noqa: BLE001 - the stop is the news; a store that cannot take the note keeps the rest
            pass

    def _answer(self, user_text: str) -> Iterator[Any]:
        messages = self._model_messages()
        parts: list[str] = []
        run_ids: list[str] = []
        self._shown["run_ids"] = run_ids  # what a cut turn keeps (``_cut``): the runs it delegated, the text shown
        for call_no in range(MAX_DELEGATIONS + 1):
            tools = [delegate_tool()] if self.delegator is not None and call_no < MAX_DELEGATIONS else []
            before = "\n\n".join(parts)
            released, text, reply, stopped, screen_at = 0, "", None, None, SCREEN_FIRST
            self._reading = reading = StreamStop()
            if self._stop_why is not None:  # a Stop that came before this read began
                reading.stop()
            stream = stream_reply(self.model, messages, tools, reading)
            try:
                for chunk in stream:
                    self._stopped()
                    text += no_surrogates(chunk.text)
                    if chunk.reply is not None:
                        reply = chunk.reply.without_surrogates()
                        text = reply.text
                    if len(text) >= screen_at or (reply is not None and len(text) > released):
                        verdict = self._screen(_join(before, text), user_text)
                        if not verdict.allowed:
                            stopped = verdict  # withheld: nothing more of it is shown
                            break
                        self._shown["text"] = _join(before, text)  # screened, and now shown
                        yield TokenEvent(conversation_id=self.id, text=text[released:])
                        released = len(text)
                        screen_at = max(released + SCREEN_STEP, int(released * SCREEN_GROWTH))
            except Stopped as exc:  # the Stop closed the model's stream (``stop``)
                raise KeyboardInterrupt(self._stop_why or reading.why or str(exc)) from exc
            except (UserError, ModelReplyError, ModelTimeout, ModelError) as exc:
                self._stopped()  # a model whose read the Stop ended in its own words
                self._shown["ended"] = True  # said as an error, as before
                yield ErrorEvent(conversation_id=self.id, message=_model_problem(self.model, exc))
                return
            finally:
                self._reading = None
                stream.close()
            if stopped is not None or reply is None:
                yield from self._finish(_join(before, text), user_text, run_ids, verdict=stopped)
                return
            if reply.text.strip():
                parts.append(reply.text.strip())
            call = reply.tool_calls[0] if reply.tool_calls else None
            if call is None or not tools:
                yield from self._finish("\n\n".join(parts), user_text, run_ids)
                return
            messages.append({"role": "assistant", "content": reply.text or "", "tool_calls": [
                {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": call.arguments}}]})
            self._stopped()
            result = yield from self._delegate(call.name, call.arguments, run_ids)
            self._stopped()
            messages.append({"role": "tool", "tool_call_id": call.id, "content": result})
        raise AssertionError("unreachable: the last call is offered no tools")

    def _finish(self, text: str, user_text: str, run_ids: list[str], *, verdict: Verdict | None = None) -> Iterator[Any]:
        verdict = verdict if verdict is not None else self._screen(text, user_text) if text else None
        withheld = verdict is not None and not verdict.allowed
        if verdict is not None and withheld:
            text = f"[withheld by the guard's answer screen ({verdict.check}): {verdict.reason}]"
        elif not text:
            text = "(the model gave no answer)"
        message = self.store.append(self.record, ChatMessage(role="assistant", text=text, run_ids=list(run_ids),
                                                             withheld=withheld))
        self._shown["ended"] = True
        yield MessageDone(conversation_id=self.id, index=message.index, text=text, withheld=withheld,
                          run_ids=list(run_ids))

    def _screen(self, text: str, user_text: str) -> Verdict:
        ctx = GuardContext(workspace="", run_id=self.id, task_text=user_text, environment="chat")
        from macrohard.safety import warm

        warm.wait()  # the heads' background load the chat started (cli/chat.py, the web app), if still under way
        return self.guard.screen_answer(text, ctx)

    def _model_messages(self) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = [{"role": "system", "content": self.system_prompt}]
        for msg in self.history()[-HISTORY_MESSAGES:]:
            messages.append({"role": msg.role, "content": msg.text})
        return messages

    # -- delegation ------------------------------------------------------------------------------

    def _delegate(self, tool: str, arguments: str, run_ids: list[str]) -> Iterator[Any]:
        """Run one delegation, streaming its events; returns the text that goes back to the model."""
        try:
            args = json.loads(arguments or "{}")
        except ValueError:
            args = None
        if tool != "delegate" or not isinstance(args, dict) or not isinstance(args.get("division"), str) \
                or not isinstance(args.get("task"), str) or not args["task"].strip():
            return (f"Error: {tool}({arguments[:200]}) is not a valid call; the only tool is "
                    "delegate(division, task) with both as strings.")
        assert self.delegator is not None
        run_id = new_run_id()
        run_ids.append(run_id)
        events: queue.Queue[Any] = queue.Queue()
        done = object()
        box: dict[str, Any] = {}
        stop = threading.Event()  # the turn was closed or interrupted: the sub-run ends at its next step

        def on_step(_run: Run, step: Step) -> None:
            events.put(RunStepEvent(conversation_id=self.id, run_id=run_id, step=step))
            if stop.is_set():  # the agent records the run as interrupted and closes its environment
                raise KeyboardInterrupt("the conversation stopped following this run")

        def approve(action: Any, verdict: Verdict) -> bool | ApprovalAnswer:
            return False if stop.is_set() else self._ask(events, run_id, action, verdict)

        def work() -> None:
            try:
                box["run"] = self.delegator(DelegationRequest(  # type: ignore[misc]
                    division=args["division"], task=args["task"], run_id=run_id, conversation_id=self.id,
                    on_step=on_step, approve=approve))
            except BaseException as exc:  # handed to the turn below
                box["error"] = exc
            finally:
                events.put(done)

        yield DelegationStarted(conversation_id=self.id, run_id=run_id, division=args["division"], task=args["task"])
        worker = threading.Thread(target=work, name=f"macrohard-delegation-{run_id}", daemon=True)
        worker.start()
        self._shown["delegating"] = run_id
        try:
            while True:
                try:
                    item = events.get(timeout=0.2)
                except queue.Empty:
                    self._stopped()  # ux55: the web's Stop of the turn, while the run works or asks
                    continue
                if item is done:
                    break
                yield item
        except BaseException as exc:  # the reader closed the turn (GeneratorExit) or was interrupted (Ctrl-C)
            stop.set()
            # rel50b: the step in flight is cut now (a shell command where it waits), as Ctrl-C cuts `macrohard run`'s;
            # before, the person waited for the whole command (28.7 s for a `sleep 30`) to have the prompt back
            stopping.cut_runs([run_id], str(exc) if isinstance(exc, KeyboardInterrupt) and str(exc)
                              else "the conversation stopped following this run")
            self._deny_pending()
            worker.join(STOP_WAIT_S)  # its step ends, the run is recorded interrupted, its sandbox closed
            if not worker.is_alive():
                stopping.forget(run_id)  # ended as asked: the request taken back
            raise
        finally:
            self._shown["delegating"] = None
        if "error" in box:
            exc = box["error"]
            if isinstance(exc, KeyboardInterrupt) and (why := self._runs_stopped.pop(run_id, None)) is not None:
                # ux55: the run's own page stopped it alone (recorded interrupted): the turn goes on, its model told
                stopping.forget(run_id)
                yield DelegationFinished(conversation_id=self.id, run_id=run_id, status="interrupted", error=why)
                return f"The {args['division']} division's run {run_id} ended interrupted.\nWhy it stopped: {why}"
            if not isinstance(exc, MacrohardError):
                raise exc
            yield DelegationFinished(conversation_id=self.id, run_id=run_id, status="failed", error=str(exc))
            return f"The {args['division']} division could not do it: {exc}"
        run: Run = box["run"]
        self._runs_stopped.pop(run_id, None)
        yield DelegationFinished(conversation_id=self.id, run_id=run_id, status=run.status.value, answer=run.answer,
                                 error=run.error)
        outcome = f"The {args['division']} division's run {run_id} ended {run.status.value}."
        if run.answer:
            outcome += f"\nIts answer: {run.answer}"
        if run.error:
            outcome += f"\nWhy it stopped: {run.error}"
        if run.check is not None:
            outcome += f"\nThe task's check {'passed' if run.check.passed else 'failed'}: {run.check.detail}"
        return outcome

    def _ask(self, events: queue.Queue[Any], run_id: str, action: Any, verdict: Verdict) -> bool | ApprovalAnswer:
        """Put the guard's question to the person and wait for ``answer``; no answer in time is a no."""
        approval_id = uuid.uuid4().hex
        waiting: tuple[threading.Event, list[bool | ApprovalAnswer]] = (threading.Event(), [])
        with self._pending_lock:
            self._pending[approval_id] = waiting
        dumped = action.model_dump(mode="json") if hasattr(action, "model_dump") else {"kind": str(action)}
        asked = ApprovalNeeded(conversation_id=self.id, run_id=run_id, approval_id=approval_id, action=dumped,
                               verdict=verdict, timeout_s=self.approval_timeout)
        events.put(asked)
        told = self.on_question
        if told is not None:
            told("asked", asked)
        first: bool | ApprovalAnswer = False
        try:
            answered = waiting[0].wait(self.approval_timeout)
            first = waiting[1][0] if answered and waiting[1] else False
            first = first if isinstance(first, ApprovalAnswer) else first is True
            return first
        finally:
            with self._pending_lock:
                self._pending.pop(approval_id, None)
            if told is not None:
                told("done", approval_id, run_id, first)

    def _deny_pending(self) -> None:
        """A turn that ends (or whose reader goes away) leaves no question waiting: each is a no."""
        with self._pending_lock:
            for event, answers in self._pending.values():
                answers.append(False)
                event.set()


def _join(before: str, text: str) -> str:
    return f"{before}\n\n{text.strip()}" if before else text.strip()


def _model_problem(model: Any, exc: Exception) -> str:
    name = getattr(model, "name", "the model")
    return f"{name} could not answer: {exc}"


def open_conversation(store: ConversationStore, model: Any, *, resume: str | None = None,
                      owner: str = LOCAL_OWNER, **kwargs: Any) -> Conversation:
    """A new conversation, or the owner's ``resume`` one ("last": the most recent)."""
    if resume == "last":
        latest = store.latest(owner)
        if latest is None:
            from macrohard.errors import NotFound

            raise NotFound("there is no conversation to continue yet; start one with `macrohard chat`")
        resume = latest.id
    if resume:
        return Conversation.resume(store, resume, model, owner=owner, **kwargs)
    return Conversation.start(store, model, owner=owner, **kwargs)


__all__ = ["CHAT_SYSTEM_PROMPT", "MAX_DELEGATIONS", "MAX_MESSAGE_CHARS", "Conversation", "open_conversation"]
