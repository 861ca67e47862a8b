"""Chat conversations and their messages, in the run store's database (migration ``m004_conversations``).

A conversation belongs to one owner: a user id of the web app, or ``LOCAL_OWNER`` for the terminal.
Every read takes the owner, so one user never reads another's conversation by guessing its id.
Messages are append-only; an assistant message names the runs it delegated (``run_ids``).
"""

from __future__ import annotations

import time
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from macrohard.errors import NotFound
from macrohard.store.sqlite import SQLiteStore, like_escape, partial_id

LOCAL_OWNER = "local"  # the owner of the terminal's conversations


def new_conversation_id() -> str:
    return "c-" + time.strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]


class ConversationRecord(BaseModel):
    """One conversation's row."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=new_conversation_id, description="Unique id (c-DATE-TIME-HEX).")
    owner: str = Field(default=LOCAL_OWNER, description="The user it belongs to; 'local' for the terminal.")
    title: str = Field(default="", description="A short title: the start of the first message.")
    model: str = Field(default="", description="The model spec it was started with.")
    created_at: float = Field(default_factory=time.time, description="When it was started (Unix seconds).")
    updated_at: float = Field(default_factory=time.time, description="When its last message was added.")
    messages: int = Field(default=0, description="How many messages it has.")


class ChatMessage(BaseModel):
    """One message of a conversation."""

    model_config = ConfigDict(extra="forbid")

    index: int = Field(default=0, description="Its place in the conversation, from 0 (set by the store).")
    role: Literal["user", "assistant"] = Field(description="Who wrote it.")
    text: str = Field(description="What it says (an assistant's answer as screened by the guard).")
    run_ids: list[str] = Field(default_factory=list, description="Runs this message delegated (sub-runs).")
    withheld: bool = Field(default=False, description="The guard's answer screen withheld the model's text.")
    created_at: float = Field(default_factory=time.time, description="When it was written (Unix seconds).")


class ConversationStore:
    """Conversations in a ``SQLiteStore``'s database (its connection per thread, its migrations)."""

    def __init__(self, store: SQLiteStore | None = None) -> None:
        self.store = store if store is not None else SQLiteStore()

    def create(self, record: ConversationRecord) -> ConversationRecord:
        self.store._db().execute(
            "INSERT INTO conversations (id, owner, title, created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?)",
            (record.id, record.owner, record.title, record.created_at, record.updated_at, record.model_dump_json()))
        return record

    def get(self, conversation_id: str, owner: str = LOCAL_OWNER) -> ConversationRecord:
        """The owner's conversation ``conversation_id`` (or a unique part of its id); ``NotFound`` otherwise,
        and the same ``NotFound`` for another owner's conversation."""
        db = self.store._db()
        row = db.execute("SELECT body FROM conversations WHERE id=? AND owner=?", (conversation_id, owner)).fetchone()
        if row is None and partial_id(conversation_id):
            rows = db.execute("SELECT body FROM conversations WHERE owner=? AND id LIKE ? ESCAPE '\\' LIMIT 2",
                              (owner, f"%{like_escape(conversation_id)}%")).fetchall()
            row = rows[0] if len(rows) == 1 else None
        if row is None:
            raise NotFound(f"no conversation {conversation_id!r}; `macrohard chats list` shows the ids")
        return ConversationRecord.model_validate_json(row[0])

    def latest(self, owner: str = LOCAL_OWNER) -> ConversationRecord | None:
        rows = self.list(owner, limit=1)
        return rows[0] if rows else None

    def list(self, owner: str = LOCAL_OWNER, limit: int = 50) -> list[ConversationRecord]:
        """The owner's conversations, the most recently updated first."""
        rows = self.store._db().execute(
            "SELECT body FROM conversations WHERE owner=? ORDER BY updated_at DESC LIMIT ?", (owner, limit))
        return [ConversationRecord.model_validate_json(r[0]) for r in rows]

    def append(self, record: ConversationRecord, message: ChatMessage) -> ChatMessage:
        """Add ``message`` at the end of the conversation; updates ``record`` (count, time, title) in place."""
        db = self.store._db()
        with db:  # the message and the conversation's row change together
            db.execute("BEGIN IMMEDIATE")
            (count,) = db.execute("SELECT COUNT(*) FROM messages WHERE conversation_id=?", (record.id,)).fetchone()
            message = message.model_copy(update={"index": int(count)})
            db.execute("INSERT INTO messages (conversation_id, idx, role, created_at, body) VALUES (?, ?, ?, ?, ?)",
                       (record.id, message.index, message.role, message.created_at, message.model_dump_json()))
            record.messages = message.index + 1
            record.updated_at = message.created_at
            if not record.title and message.role == "user":
                record.title = _title(message.text)
            db.execute("UPDATE conversations SET title=?, updated_at=?, body=? WHERE id=?",
                       (record.title, record.updated_at, record.model_dump_json(), record.id))
        return message

    def messages(self, conversation_id: str) -> list[ChatMessage]:
        rows = self.store._db().execute(
            "SELECT body FROM messages WHERE conversation_id=? ORDER BY idx", (conversation_id,))
        return [ChatMessage.model_validate_json(r[0]) for r in rows]


def _title(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


__all__ = ["LOCAL_OWNER", "ChatMessage", "ConversationRecord", "ConversationStore", "new_conversation_id"]
