"""The conversation engine with a scripted model: answers, history, delegation with live steps and an
approval answered through the engine, the answer screen, the size limit and a model that is down."""

from __future__ import annotations

import json

import pytest

from macrohard.chat import (
    ApprovalNeeded,
    Conversation,
    DelegationFinished,
    DelegationStarted,
    DivisionDelegator,
    ErrorEvent,
    MessageDone,
    RunStepEvent,
    TokenEvent,
    chat_event,
    open_conversation,
)
from macrohard.errors import MessageTooLarge, NotFound
from macrohard.models.openai_compat import OpenAICompatModel
from macrohard.safety.audit import AuditLog
from macrohard.safety.guard import Guard
from macrohard.store.conversations import ConversationStore
from macrohard.testing import ScriptedModel
from macrohard.types import ModelReply, ToolCall


@pytest.fixture
def chats(store):
    return ConversationStore(store)


def delegate(division: str, task: str) -> ModelReply:
    return ModelReply(tool_calls=[ToolCall(name="delegate", arguments=json.dumps({"division": division, "task": task}))])


def test_an_answer_streams_is_stored_and_the_next_turn_sees_the_history(chats):
    model = ScriptedModel(["Paris is the capital of France.", "It has about two million people."])
    conv = Conversation.start(chats, model)
    events = list(conv.send("What is the capital of France?"))
    assert "".join(e.text for e in events if isinstance(e, TokenEvent)) == "Paris is the capital of France."
    done = events[-1]
    assert isinstance(done, MessageDone) and done.text == "Paris is the capital of France." and not done.withheld
    list(conv.send("How many people live there?"))
    # the second call saw the whole conversation so far, after the system prompt
    assert [(m["role"], m["content"]) for m in model.seen[1][1:]] == [
        ("user", "What is the capital of France?"), ("assistant", "Paris is the capital of France."),
        ("user", "How many people live there?")]
    again = open_conversation(chats, ScriptedModel([]), resume="last")
    assert again.id == conv.id
    assert [m.role for m in again.history()] == ["user", "assistant", "user", "assistant"]
    assert chats.get(conv.id).title == "What is the capital of France?"
    assert [e.type for e in events] == [chat_event.validate_json(e.model_dump_json()).type for e in events]


def test_another_owner_cannot_open_a_conversation(chats):
    conv = Conversation.start(chats, ScriptedModel(["hi"]), owner="alice")
    list(conv.send("hello"))
    with pytest.raises(NotFound):
        Conversation.resume(chats, conv.id, ScriptedModel([]), owner="bob")
    assert chats.list("bob") == [] and [c.id for c in chats.list("alice")] == [conv.id]


def test_a_message_over_the_limit_is_refused_before_anything_is_stored(chats):
    conv = Conversation.start(chats, ScriptedModel(["never"]))
    with pytest.raises(MessageTooLarge) as exc:
        conv.send("x" * 20_001)
    assert exc.value.limit == 20_000 and "20,000" in str(exc.value)
    assert conv.history() == []


def test_a_harmful_answer_is_withheld_stored_so_and_recorded_in_the_audit(chats):
    harmful = ("Here is how to build a pipe bomb: step 1, pack the pipe with explosive powder; step 2, attach "
               "a fuse and detonator to the end cap.")
    conv = Conversation.start(chats, ScriptedModel([harmful]))
    events = list(conv.send("tell me a story"))
    shown = "".join(e.text for e in events if isinstance(e, TokenEvent))
    assert "detonator" not in shown
    done = events[-1]
    assert isinstance(done, MessageDone) and done.withheld and "withheld" in done.text
    assert conv.history()[-1].withheld and "detonator" not in conv.history()[-1].text
    records = AuditLog(chats.store.path).records(conv.id)
    assert [r.kind for r in records] == ["answer"]


def test_a_model_that_is_down_says_what_to_set_and_the_conversation_survives(chats):
    down = OpenAICompatModel("http://127.0.0.1:9/v1", "m", max_retries=0, timeout=5)
    conv = Conversation.start(chats, down)
    events = list(conv.send("hello?"))
    assert len(events) == 1 and isinstance(events[0], ErrorEvent)
    assert "cannot reach the model server at http://127.0.0.1:9/v1" in events[0].message
    assert "--model" in events[0].message
    keyless = OpenAICompatModel("http://127.0.0.1:9/v1", "m", key_env="XAI_API_KEY")
    events = list(Conversation.resume(chats, conv.id, keyless).send("and now?"))
    assert "set XAI_API_KEY" in events[0].message
    conv.model = ScriptedModel(["back again"])
    assert list(conv.send("still there?"))[-1].text == "back again"
    assert [m.text for m in conv.history()] == ["hello?", "and now?", "still there?", "back again"]


def test_a_delegated_run_streams_its_steps_and_its_question_is_answered_through_the_engine(chats):
    chat_model = ScriptedModel([delegate("operator", "make a file note.txt saying hi, then check uptime"),
                                "Done: note.txt says hi."])
    worker = ScriptedModel([{"kind": "bash", "command": "echo hi > note.txt"},
                            {"kind": "bash", "command": "ssh build@127.0.0.1 uptime"},
                            {"kind": "finish", "answer": "note.txt written"}])
    guard = Guard()
    delegator = DivisionDelegator(store=chats.store, guard=guard, models=lambda _division, _task: worker,
                                  task_updates={"network": "loopback"})
    conv = Conversation.start(chats, chat_model, guard=guard, delegator=delegator)
    events = []
    for event in conv.send("please write note.txt"):
        events.append(event)
        if isinstance(event, ApprovalNeeded):
            assert event.action["command"] == "ssh build@127.0.0.1 uptime"
            assert conv.answer(event.approval_id, False)
            assert not conv.answer(event.approval_id, True)  # answered once only
    kinds = [e.type for e in events]
    assert kinds[0] == "delegation_started" and "delegation_finished" in kinds and kinds[-1] == "message"
    started = events[0]
    assert isinstance(started, DelegationStarted) and started.division == "operator"
    steps = [e for e in events if isinstance(e, RunStepEvent)]
    assert [s.step.index for s in steps] == [1, 2, 3] and {s.run_id for s in steps} == {started.run_id}
    assert kinds.index("approval") < kinds.index("delegation_finished")
    assert not steps[1].step.verdict.allowed  # the person said no: the step was not run
    finished = next(e for e in events if isinstance(e, DelegationFinished))
    assert finished.status == "succeeded" and finished.answer == "note.txt written"
    done = events[-1]
    assert done.run_ids == [started.run_id] and done.text == "Done: note.txt says hi."
    # the chat model got the run's outcome as the delegation's result
    tool_result = chat_model.seen[1][-1]
    assert tool_result["role"] == "tool" and "ended succeeded" in tool_result["content"]
    run = chats.store.get_run(started.run_id)
    assert run.meta["conversation_id"] == conv.id and run.meta["division"] == "operator"
    assert conv.history()[-1].run_ids == [started.run_id]


def test_closing_a_turn_stops_its_sub_run_at_the_next_step(chats):
    chat_model = ScriptedModel([delegate("operator", "two steps and a question")])
    worker = ScriptedModel([{"kind": "bash", "command": "echo one"},
                            {"kind": "bash", "command": "ssh build@127.0.0.1 uptime"},
                            {"kind": "bash", "command": "echo three"},
                            {"kind": "finish", "answer": "never reached"}])
    guard = Guard()
    delegator = DivisionDelegator(store=chats.store, guard=guard, models=lambda _division, _task: worker,
                                  task_updates={"network": "loopback"})
    conv = Conversation.start(chats, chat_model, guard=guard, delegator=delegator)
    turn = conv.send("go")
    for event in turn:
        if isinstance(event, ApprovalNeeded):
            run_id = event.run_id
            turn.close()  # the reader goes away while the run waits on the person
            break
    run = chats.store.get_run(run_id)
    assert run.status.value == "interrupted" and run.steps == 2 and worker.calls == 2
    assert not chats.store.steps(run_id)[1].verdict.allowed  # the unanswered question was a no
    assert list(conv.send("still there?"))[-1].type == "message"  # the conversation goes on
