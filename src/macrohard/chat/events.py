"""What a conversation turn streams out: typed events, one JSON shape for the terminal, SSE and the API.

``ChatEvent`` is a union tagged by ``type``; ``chat_event.validate_json(text)`` reads one back.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from macrohard.types import Step, Verdict


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: str = Field(description="The conversation this turn belongs to.")


class TokenEvent(_Event):
    """A piece of the assistant's answer as it arrives (before the guard's answer screen: see ``MessageDone``)."""

    type: Literal["token"] = "token"
    text: str


class MessageDone(_Event):
    """The assistant's message is complete and stored. ``text`` is what the guard let through: when
    ``withheld``, the streamed tokens were withheld by the answer screen and must be replaced by ``text``."""

    type: Literal["message"] = "message"
    index: int = Field(description="The message's place in the conversation.")
    text: str
    withheld: bool = False
    run_ids: list[str] = Field(default_factory=list, description="The runs this answer delegated.")


class DelegationStarted(_Event):
    """The chat model handed a task to a division; ``run_id`` is the sub-run doing it."""

    type: Literal["delegation_started"] = "delegation_started"
    run_id: str
    division: str
    task: str


class RunStepEvent(_Event):
    """A step of a delegated run, as soon as it is recorded."""

    type: Literal["run_step"] = "run_step"
    run_id: str
    step: Step


class ApprovalNeeded(_Event):
    """The guard asks a person about a step of a delegated run. The run waits until
    ``Conversation.answer(approval_id, allow)`` is called (or the wait runs out: denied)."""

    type: Literal["approval"] = "approval"
    run_id: str
    approval_id: str
    action: dict[str, Any] = Field(description="The action, as its JSON object (kind first).")
    verdict: Verdict
    timeout_s: float = Field(description="Seconds the run waits for the answer before it is denied.")


class DelegationFinished(_Event):
    """A delegated run ended; its outcome goes back to the chat model as the delegation's result."""

    type: Literal["delegation_finished"] = "delegation_finished"
    run_id: str
    status: str
    answer: str | None = None
    error: str | None = None


class ErrorEvent(_Event):
    """This turn could not be completed (a model that is down, a delegation that failed to start).
    The message says what to set or do; the conversation and its history are kept."""

    type: Literal["error"] = "error"
    message: str


ChatEvent = Annotated[TokenEvent | MessageDone | DelegationStarted | RunStepEvent | ApprovalNeeded
                      | DelegationFinished | ErrorEvent, Field(discriminator="type")]
chat_event: TypeAdapter[Any] = TypeAdapter(ChatEvent)

__all__ = ["ApprovalNeeded", "ChatEvent", "DelegationFinished", "DelegationStarted", "ErrorEvent", "MessageDone",
           "RunStepEvent", "TokenEvent", "chat_event"]
