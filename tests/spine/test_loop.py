"""The agent loop against the real workspace environment and real SQLite, with the scripted model."""

from __future__ import annotations

import pytest

from macrohard.agent import Agent
from macrohard.envs import make_environment
from macrohard.safety.guard import Guard
from macrohard.testing import ScriptedModel
from macrohard.types import Budget, RunStatus, Task


def _agent(script, workspace, store, **task_kw):
    task = Task(text="test task", **task_kw)
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    return Agent(ScriptedModel(script), env, Guard(), store), env, task


def test_successful_run_records_every_step(workspace, store):
    agent, env, task = _agent([
        {"kind": "bash", "command": "echo hello world > hello.txt"},
        {"kind": "read_file", "path": "hello.txt"},
        {"kind": "finish", "answer": "created"},
    ], workspace, store)
    try:
        run = agent.run(task)
    finally:
        env.close()
    assert run.status is RunStatus.succeeded and run.answer == "created"
    assert (workspace / "hello.txt").read_text() == "hello world\n"
    steps = store.steps(run.id)
    assert [s.action.kind for s in steps] == ["bash", "read_file", "finish"]
    assert steps[1].observation.output == "1\thello world"
    assert store.get_run(run.id).status is RunStatus.succeeded


def test_denied_action_goes_back_to_the_model_and_never_runs(workspace, store, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("keep me")
    model = ScriptedModel([
        {"kind": "write_file", "path": str(outside), "content": "pwned"},
        {"kind": "finish", "answer": "ok"},
    ])
    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        run = Agent(model, env, Guard(), store).run(task)
    finally:
        env.close()
    assert outside.read_text() == "keep me"
    step = store.steps(run.id)[0]
    assert step.verdict.decision.value == "deny" and "outside the workspace" in step.verdict.reason
    # the model saw the denial as the tool result
    tool_msgs = [m for m in model.seen[1] if m["role"] == "tool"]
    assert "Denied by the guard" in tool_msgs[-1]["content"]


def test_malformed_replies_are_fed_back_then_fail_bounded(workspace, store):
    agent, env, task = _agent(["not json", "still not", "nope", "again", "and again"], workspace, store,
                              budget=Budget(max_format_errors=2))
    try:
        run = agent.run(task)
    finally:
        env.close()
    assert run.status is RunStatus.failed and "malformed" in run.error
    steps = store.steps(run.id)
    assert len(steps) == 3 and all(s.raw is not None for s in steps)
    assert "Format error" in agent.model.seen[1][-1]["content"]


def test_bad_tool_arguments_are_a_format_error_not_a_crash(workspace, store):
    from macrohard.types import ModelReply, ToolCall

    class Bad:
        name = "bad"
        calls = 0

        def complete(self, messages, tools):
            self.calls += 1
            if self.calls == 1:
                return ModelReply(tool_calls=[ToolCall(name="read_file", arguments='{"nopath": 1}')])
            if self.calls == 2:
                return ModelReply(tool_calls=[ToolCall(name="teleport", arguments="{}")])
            return ModelReply(tool_calls=[ToolCall(name="finish", arguments='{"answer": "ok"}')])

    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        run = Agent(Bad(), env, Guard(), store).run(task)
    finally:
        env.close()
    assert run.status is RunStatus.succeeded
    raws = [s.raw for s in store.steps(run.id)[:2]]
    assert raws == ['{"nopath": 1}', "{}"]


def test_step_budget_ends_out_of_budget(workspace, store):
    agent, env, task = _agent([{"kind": "bash", "command": "true"}] * 10, workspace, store,
                              budget=Budget(max_steps=3))
    try:
        run = agent.run(task)
    finally:
        env.close()
    assert run.status is RunStatus.out_of_budget and len(store.steps(run.id)) == 3


def test_token_budget(workspace, store):
    task = Task(text="t", budget=Budget(max_tokens=25))
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        run = Agent(ScriptedModel([{"kind": "bash", "command": "true"}] * 10, tokens_per_call=10), env, Guard(),
                    store).run(task)
    finally:
        env.close()
    assert run.status is RunStatus.out_of_budget and "token" in run.error
    assert run.usage.total == 30


def test_interrupt_keeps_finished_steps(workspace, store):
    class Interrupting(ScriptedModel):
        def complete(self, messages, tools):
            if self.calls == 2:
                raise KeyboardInterrupt
            return super().complete(messages, tools)

    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    model = Interrupting([{"kind": "bash", "command": "echo 1"}, {"kind": "bash", "command": "echo 2"}])
    agent = Agent(model, env, Guard(), store)
    try:
        with pytest.raises(KeyboardInterrupt):
            agent.run(task)
    finally:
        env.close()
    run = store.list_runs()[0]
    assert run.status is RunStatus.interrupted
    assert [s.observation.output for s in store.steps(run.id)] == ["1\n", "2\n"]


def test_ask_verdict_uses_the_callback(workspace, store):
    from macrohard.types import Decision, Verdict

    def ask_on_bash(action, ctx):
        return Verdict(decision=Decision.ask, reason="bash needs a yes", check="test") if action.kind == "bash" else None

    decisions = []
    task = Task(text="t")
    env = make_environment(task, str(workspace), isolation="none")
    env.start()
    try:
        agent = Agent(ScriptedModel([{"kind": "bash", "command": "touch yes.txt"}]), env, Guard([ask_on_bash]), store,
                      approve=lambda action, verdict: decisions.append(action.command) or True)
        run = agent.run(task)
        agent2 = Agent(ScriptedModel([{"kind": "bash", "command": "touch no.txt"}]), env, Guard([ask_on_bash]), store,
                       approve=lambda action, verdict: False)
        run2 = agent2.run(task)
    finally:
        env.close()
    assert decisions == ["touch yes.txt"] and (workspace / "yes.txt").exists()
    assert store.steps(run.id)[0].verdict.approved_by == "user"
    assert not (workspace / "no.txt").exists()
    assert store.steps(run2.id)[0].verdict.decision.value == "deny"


def test_vision_model_gets_only_the_newest_screenshot(workspace, store):
    import base64

    from macrohard.safety.guard import verify
    from macrohard.types import BashAction, FinishAction, Image, Observation

    class ScreenEnv:
        """An environment that answers every action with an image."""

        kind = "shell"
        action_types = [BashAction, FinishAction]

        def __init__(self, ws):
            self.workspace = str(ws)

        def start(self): ...
        def close(self): ...

        def execute(self, approved):
            action = verify(approved, self)
            img = Image(data_b64=base64.b64encode(b"PNG:" + action.command.encode()).decode())
            return Observation(output="ok", images=[img])

    model = ScriptedModel([{"kind": "bash", "command": "one"}, {"kind": "bash", "command": "two"}])
    model.vision = True
    run = Agent(model, ScreenEnv(workspace), Guard(), store).run(Task(text="t"))
    last = model.seen[-1]
    images = [m for m in last if isinstance(m.get("content"), list)]
    assert len(images) == 1
    assert images[0]["content"][1]["image_url"]["url"].endswith(base64.b64encode(b"PNG:two").decode())
    assert sum(m.get("content") == "[an earlier screenshot, left out]" for m in last) == 1
    # screenshots are kept as artifacts, not inside the stored steps
    assert len(store.artifacts(run.id, "screenshot")) == 2
    assert store.steps(run.id)[0].observation.images == []
