"""Conversations with the chat division: the engine (``engine``), its events (``events``) and the seam to
the runs it delegates (``delegation``). The terminal (`macrohard chat`) and the web app use the same engine."""

from macrohard.chat.delegation import DelegationRequest, Delegator
from macrohard.chat.divisions import DivisionDelegator
from macrohard.chat.engine import MAX_MESSAGE_CHARS, Conversation, open_conversation
from macrohard.chat.events import (
    ApprovalNeeded,
    ChatEvent,
    DelegationFinished,
    DelegationStarted,
    ErrorEvent,
    MessageDone,
    RunStepEvent,
    TokenEvent,
    chat_event,
)

__all__ = ["MAX_MESSAGE_CHARS", "ApprovalNeeded", "ChatEvent", "Conversation", "DelegationFinished",
           "DelegationRequest", "DelegationStarted", "Delegator", "DivisionDelegator", "ErrorEvent", "MessageDone",
           "RunStepEvent", "TokenEvent", "chat_event", "open_conversation"]
