"""Conversations in the web app: the chat engine (``chat/engine.py``) behind ``/api/conversations`` and ``/chats``.

A message starts a turn in a worker thread; its typed events (tokens, the message, delegations and
their steps, approval questions) go on the event bus under ``chat:ID`` and out over SSE. A conversation
is its owner's alone: anyone else gets 404, exactly as for one that does not exist.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from macrohard.chat.slash import as_sent, exit_text, help_text, slash_word, unknown_text
from macrohard.errors import MessageTooLarge, NotFound
from macrohard.server.app import Caller, CallerDep, check_model_choice
from macrohard.server.auth import User
from macrohard.server.bus import EventBus, sse

router = APIRouter()


class NewConversation(BaseModel):
    model_config = {"extra": "forbid"}
    model: str | None = Field(default=None, description="Model that answers (default: the chat division's).")


class Message(BaseModel):
    model_config = {"extra": "forbid"}
    text: str = Field(description="What the user says (at most 20,000 characters: 413 beyond).")


class ChatAnswer(BaseModel):
    model_config = {"extra": "forbid"}
    approve: bool


class LiveChats:
    """Open conversations of this server process (their models and delegators), and the turns running."""

    def __init__(self, store: Any, bus: EventBus, workers: int = 4, live: Any = None) -> None:
        from macrohard.store.conversations import ConversationStore

        self.store, self.bus, self.live = store, bus, live
        self.chats = ConversationStore(store)
        self.open: dict[str, Any] = {}
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="macrohard-chat")
        self._lock = threading.Lock()

    def _conversation(self, record: Any, model_spec: str | None) -> Any:
        from macrohard.chat.divisions import CHAT, DivisionDelegator, chat_prompt
        from macrohard.chat.engine import CHAT_SYSTEM_PROMPT, Conversation
        from macrohard.divisions import load_divisions
        from macrohard.models import get_model
        from macrohard.safety.guard import Guard

        divisions = load_divisions()
        chat = divisions.get(CHAT)
        chosen = model_spec or (chat.model if chat is not None else None)
        llm = get_model(chosen, role="chat")
        guard = Guard.from_policy()
        # delegated runs: the chosen model, else each division's own or the agent default (not the chat's SmolLM2)
        delegator = DivisionDelegator(store=self.store, guard=guard, divisions=divisions,
                                      default_model=llm if chosen else None,
                                      run_meta={"user": record.owner, "server": os.getpid()})
        conv = Conversation(record, self.chats, llm, guard=guard, delegator=delegator,
                            system_prompt=chat_prompt(divisions, CHAT_SYSTEM_PROMPT),
                            approval_timeout=guard.policy.defaults.approval_timeout_s)
        if self.live is not None:  # ux55: its delegated runs' questions on their own pages too
            conv.on_question = lambda what, *args: self.live.chat_question(conv, what, *args)
        return conv

    def create(self, user: User, model_spec: str | None) -> Any:
        from macrohard.store.conversations import ConversationRecord

        conv = self._conversation(ConversationRecord(owner=user.name, model=model_spec or ""), model_spec)
        self.chats.create(conv.record)
        with self._lock:
            self.open[conv.id] = conv
        return conv

    def get(self, conversation_id: str, user: User) -> Any:
        """The user's conversation (404 for anyone else's, as for a missing one)."""
        record = self.chats.get(conversation_id, user.name)
        with self._lock:
            conv = self.open.get(record.id)
        if conv is None:
            conv = self._conversation(record, record.model or None)
            with self._lock:
                conv = self.open.setdefault(record.id, conv)
        return conv

    def send(self, conv: Any, text: str) -> None:
        events = conv.send(text)  # raises at once for an empty message or one over the limit

        from macrohard.chat.events import DelegationFinished, DelegationStarted

        following = self.live.chat_runs if self.live is not None else {}

        def turn() -> None:
            try:
                for event in events:
                    if isinstance(event, DelegationStarted):  # ux55: its page's Stop reaches it (LiveRuns.stop)
                        following[event.run_id] = conv
                    elif isinstance(event, DelegationFinished):
                        following.pop(event.run_id, None)
                    self.bus.publish(f"chat:{conv.id}", event.type, event.model_dump(mode="json"))
            except KeyboardInterrupt as exc:  # ux55: the web's Stop of the turn (Conversation.stop)
                self.bus.publish(f"chat:{conv.id}", "stopped", {"conversation_id": conv.id, "message": str(exc)})
            except Exception as exc:  # noqa: BLE001 - the page is told, the server keeps serving
                self.bus.publish(f"chat:{conv.id}", "error", {"conversation_id": conv.id, "message": str(exc)})
            finally:
                for run_id in [r for r, c in list(following.items()) if c is conv]:
                    following.pop(run_id, None)
            self.bus.publish(f"chat:{conv.id}", "turn_end", {"conversation_id": conv.id})

        self.pool.submit(turn)

    def shutdown(self) -> None:
        with self._lock:
            for conv in self.open.values():  # a question nobody will answer now is a no
                conv._deny_pending()
        self.pool.shutdown(wait=False, cancel_futures=True)


def _chats(request: Request) -> LiveChats:
    state = request.app.state
    if getattr(state, "chats", None) is None:
        state.chats = LiveChats(state.store, state.bus, live=getattr(state, "live", None))
    return state.chats  # type: ignore[no-any-return]


def _mine(request: Request, conversation_id: str, who: Caller) -> Any:
    try:
        return _chats(request).get(conversation_id, who.user)
    except NotFound as exc:
        raise HTTPException(404, f"no conversation {conversation_id!r}") from exc


@router.get("/api/conversations")
def conversations(request: Request, who: Caller = CallerDep) -> list[dict[str, Any]]:
    """Your conversations, the most recent first (never anyone else's)."""
    return [r.model_dump(mode="json") for r in _chats(request).chats.list(who.user.name)]


@router.post("/api/conversations", status_code=201)
def new_conversation(body: NewConversation, request: Request, who: Caller = CallerDep) -> dict[str, Any]:
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members converse (and delegate runs)")
    check_model_choice(body.model, who.user, role="chat")
    return _chats(request).create(who.user, body.model).record.model_dump(mode="json")  # type: ignore[no-any-return]


@router.get("/api/conversations/{conversation_id}")
def conversation(conversation_id: str, request: Request, who: Caller = CallerDep) -> dict[str, Any]:
    conv = _mine(request, conversation_id, who)
    return {"conversation": conv.record.model_dump(mode="json"),
            "messages": [m.model_dump(mode="json") for m in conv.history()]}


@router.post("/api/conversations/{conversation_id}/messages", status_code=202)
def send(conversation_id: str, body: Message, request: Request, who: Caller = CallerDep) -> Response:
    """Send a message; the answer streams at ``/api/conversations/{id}/events``. A chat command (``/help``, an
    unknown ``/word``) is answered here, 200 ``{"command", "said"}``, and never reaches the model, as in the terminal
    chat (ux49b); ``//`` at the start sends a line that begins with ``/`` as it is."""
    conv = _mine(request, conversation_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members converse")
    word = slash_word(body.text)
    if word is not None:
        said = (help_text("web", conv.id) if word == "/help" else exit_text("web") if word in ("/exit", "/quit")
                else unknown_text(word))
        return JSONResponse({"command": word, "said": said})
    try:
        _chats(request).send(conv, as_sent(body.text))
    except MessageTooLarge as exc:
        raise HTTPException(413, str(exc)) from exc
    return Response(status_code=202)


@router.post("/api/conversations/{conversation_id}/approvals/{approval_id}", status_code=204)
def chat_answer(conversation_id: str, approval_id: str, body: ChatAnswer, request: Request,
                who: Caller = CallerDep) -> Response:
    conv = _mine(request, conversation_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members answer approvals")
    if not conv.answer(approval_id, body.approve, by=f"user {who.user.name}"):  # ux54: recorded with its name
        raise HTTPException(404, f"no open question {approval_id!r}: it was answered or timed out")
    return Response(status_code=204)


@router.post("/api/conversations/{conversation_id}/stop", status_code=202)
def chat_stop(conversation_id: str, request: Request, who: Caller = CallerDep) -> Response:
    """Stop the turn being answered: its delegated run ends ``interrupted`` (its finished steps kept), an open question
    is denied, the model's reply is no longer read; the conversation keeps what was shown with a note (ux55)."""
    conv = _mine(request, conversation_id, who)
    if not who.user.can_answer:
        raise HTTPException(403, f"{who.user.name} is a viewer: only owners and members stop a turn")
    why = f"stopped from the web by user {who.user.name}"
    if not conv.stop(why, by=f"user {who.user.name}"):
        raise HTTPException(409, "no message is being answered now: nothing to stop")
    return Response(status_code=202)


@router.get("/api/conversations/{conversation_id}/events")
async def chat_events(conversation_id: str, request: Request, who: Caller = CallerDep) -> StreamingResponse:
    """Server-sent events of this conversation's turns, as ``chat/events.py`` types them (plus ``turn_end``)."""
    conv = _mine(request, conversation_id, who)
    bus: EventBus = request.app.state.bus
    sub = bus.subscribe(f"chat:{conv.id}")

    async def stream() -> Any:
        try:
            yield b"retry: 1000\n\n" + sse("ready", json.dumps({"conversation_id": conv.id}))
            while True:
                try:
                    item = await asyncio.wait_for(sub.queue.get(), 15.0)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield b": still here\n\n"
                    continue
                if item is None:
                    return
                yield sse(item[0], item[1])
        finally:
            bus.unsubscribe(sub)

    return StreamingResponse(stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@router.get("/chats", response_class=HTMLResponse, include_in_schema=False)
async def chats_page(request: Request) -> Response:
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    return _page(request, "chats.html", who, chats=_chats(request).chats.list(who.user.name))


@router.get("/chats/{conversation_id}", response_class=HTMLResponse, include_in_schema=False)
async def chat_page(conversation_id: str, request: Request) -> Response:
    from macrohard.server.pages import _page, _who_or_login

    who = await _who_or_login(request)
    if isinstance(who, Response):
        return who
    conv = _mine(request, conversation_id, who)
    return _page(request, "chat.html", who, conv=conv.record, messages=conv.history())
