"""Delegation from a conversation through the divisions: the delegate action is authorized by the guard for
the chat division (unknown divisions, loops, a policy that asks), the sub-run is the division's own, and the
conversation's audit chain records the verdict and the child's chain head."""

from __future__ import annotations

import json

import pytest

from macrohard.chat import ApprovalNeeded, Conversation, DelegationFinished, MessageDone, RunStepEvent
from macrohard.chat.divisions import DivisionDelegator
from macrohard.safety.audit import AuditLog
from macrohard.safety.guard import Guard
from macrohard.safety.policy import parse_policy
from macrohard.store.conversations import ConversationStore
from macrohard.testing import ScriptedModel
from macrohard.types import ModelReply, ToolCall


def delegate(division: str, task: str) -> ModelReply:
    return ModelReply(tool_calls=[ToolCall(name="delegate", arguments=json.dumps({"division": division, "task": task}))])


@pytest.fixture
def chats(store):
    return ConversationStore(store)


def turn(chats, chat_script, worker_script, *, guard=None, answer=None):
    guard = guard or Guard()
    worker = ScriptedModel(worker_script)
    delegator = DivisionDelegator(store=chats.store, guard=guard, models=lambda _d, _t: worker)
    chat_model = ScriptedModel(chat_script)
    conv = Conversation.start(chats, chat_model, guard=guard, delegator=delegator)
    events = []
    for event in conv.send("do it"):
        events.append(event)
        if isinstance(event, ApprovalNeeded):
            conv.answer(event.approval_id, answer(event))
    return conv, chat_model, worker, events


def test_the_sub_run_is_the_divisions_own_and_linked_in_the_conversations_audit_chain(chats):
    conv, chat_model, worker, events = turn(
        chats, [delegate("operator", "write hi to note.txt"), "Written."],
        [{"kind": "bash", "command": "echo hi > note.txt"}, {"kind": "finish", "answer": "note.txt has hi"}])
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    assert finished.status == "succeeded" and finished.answer == "note.txt has hi"
    assert [e.step.index for e in events if isinstance(e, RunStepEvent)] == [1, 2]
    run = chats.store.get_run(finished.run_id)
    assert run.meta["division"] == "operator" and run.meta["conversation_id"] == conv.id
    assert worker.seen[0][0]["content"].startswith("You are macrohard's operator")  # the division's prompt
    log = AuditLog(chats.store.path)
    records = log.records(conv.id)
    assert [(r.kind, r.action["kind"]) for r in records] == [("verdict", "delegate"), ("delegation", "delegation")]
    assert records[1].action["child_id"] == run.id
    assert (records[1].action["child_head_seq"], records[1].action["child_head_hash"]) == log.head(run.id)
    assert log.verify(conv.id) == []
    assert isinstance(events[-1], MessageDone) and events[-1].text == "Written."


def test_an_unknown_division_is_refused_with_the_list_and_the_model_is_told(chats):
    conv, chat_model, _, events = turn(chats, [delegate("nowhere", "x"), "Sorry, I could not."], [])
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    assert finished.status == "failed"
    assert "unknown division 'nowhere'; the divisions are: coding, imagine, operator" in finished.error
    assert "unknown division 'nowhere'" in chat_model.seen[1][-1]["content"]
    assert chats.store.list_runs() == []  # nothing ran


def test_the_chat_division_cannot_delegate_to_itself(chats):
    conv, chat_model, _, events = turn(chats, [delegate("chat", "talk to yourself"), "Fine."], [])
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    assert finished.status == "failed" and "may not delegate to itself" in finished.error
    assert chats.store.list_runs() == []
    assert [r.verdict["check"] for r in AuditLog(chats.store.path).records(conv.id)] == ["delegation"]


def test_a_policy_that_asks_about_delegations_puts_the_question_to_the_person(chats):
    guard = Guard.from_policy(parse_policy(
        "rules:\n  - {id: ask-delegate, kinds: [delegate], decision: ask, reason: every delegation is asked}\n"))
    asked = []

    def answer(event):
        asked.append(event.action)
        return False

    conv, _, worker, events = turn(chats, [delegate("operator", "rm -rf everything"), "Not done."],
                                   [{"kind": "finish", "answer": "never"}], guard=guard, answer=answer)
    assert asked == [{"kind": "delegate", "division": "operator", "task": "rm -rf everything"}]
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    assert finished.status == "failed" and "was not approved" in finished.error
    assert worker.calls == 0 and chats.store.list_runs() == []
