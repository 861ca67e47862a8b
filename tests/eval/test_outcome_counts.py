"""Eval scores count what happened (issue 9, finding 7): a false success (claimed, check failed) and a
give-up are failures, and the report counts false successes apart. Scripted model, real loop and store."""

from __future__ import annotations

import io

from rich.console import Console

from macrohard.eval.harness import evaluate
from macrohard.eval.report import print_summary, summarize
from macrohard.eval.suite import CommandCheck, FileCheck, Suite, SuiteTask
from macrohard.executors.local import LocalExecutor

SUITE = Suite(name="claims", tasks=[
    SuiteTask(id="done", text="create a.txt", budget={"max_steps": 3},
              script=[{"kind": "write_file", "path": "a.txt", "content": "a\n"}],
              check=FileCheck(path="a.txt", equals="a")),
    SuiteTask(id="false", text="create b.txt", budget={"max_steps": 3},
              script=[{"kind": "finish", "answer": "created b.txt", "success": True}],
              check=CommandCheck(command="[ -f b.txt ]")),
    SuiteTask(id="gave-up", text="create c.txt", budget={"max_steps": 3},
              script=[{"kind": "finish", "answer": "cannot", "success": False}],
              check=FileCheck(path="c.txt", exists=True)),
    SuiteTask(id="unchecked-give-up", text="anything", budget={"max_steps": 3},
              script=[{"kind": "finish", "answer": "no", "success": False}]),
])


def test_false_successes_and_give_ups_are_failures_and_counted(store) -> None:
    with LocalExecutor(1) as ex:
        info, outcomes = evaluate(SUITE, "scripted", ex, store=store)
    by_task = {o.task_id: o for o in outcomes}
    assert by_task["done"].passed
    assert not by_task["false"].passed and by_task["false"].run.false_success
    assert not by_task["gave-up"].passed and by_task["gave-up"].run.status.value == "gave_up"
    assert not by_task["unchecked-give-up"].passed
    summary = summarize(info, outcomes)
    assert (summary.overall.passed, summary.overall.n) == (1, 4)
    assert summary.false_successes == 1
    assert summary.statuses["gave_up"] == 2 and summary.statuses["succeeded"] == 2
    out = io.StringIO()
    print_summary(summary, Console(file=out, width=200))
    assert "false successes" in out.getvalue()
