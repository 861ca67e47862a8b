"""The chat division answers a question itself (ux58): it has no environment, so its answer is the work.

ux56 found ``macrohard run --division chat "..."`` with the agent default (Qwen 1.5B, whose ``verify`` aid holds a
success claim until the harness has looked at the workspace) ending ``gave_up``: "unconfirmed: ... could not gather
evidence of the result (no bash action offered) ... look at the workspace (it had answered: Paris)". A run offered
no action that looks at anything has nothing to look at. SmolLM2 with the ``verify`` aid takes the same path as Qwen
(``MACROHARD_LOCAL_AIDS``), at a fraction of the load. (The question is not ux56's: SmolLM2 answers it "France", which the answer screen
denies as treating people differently by origin, 0.99: RESULTS.md ux58, left open.)
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from macrohard.cli import app

pytestmark = [pytest.mark.model]


def test_only_a_run_with_nothing_to_look_at_answers_alone() -> None:
    from macrohard.models.local_evidence import answers_alone

    assert answers_alone({"finish", "delegate"}) and answers_alone({"finish"})
    assert not answers_alone({"finish", "delegate", "bash"}) and not answers_alone({"finish", "browser_read"})
    assert not answers_alone({"finish", "desktop_click"}) and not answers_alone(set())


def test_a_question_to_the_chat_division_is_answered_not_verified_against_a_workspace(monkeypatch) -> None:
    pytest.importorskip("llama_cpp")
    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "examples,names,wrapper,bias,verify")
    result = CliRunner().invoke(app, ["run", "--division", "chat", "--model", "local", "--json",
                                      "What colour is the sky on a clear day?"])
    run = json.loads(result.output[result.output.index("{"):])
    assert run["task"]["environment"] == "none", run["task"]
    assert run["status"] == "succeeded" and result.exit_code == 0, (run["status"], run.get("answer"), run.get("error"))
    assert run["answer"] and not run["answer"].startswith("unconfirmed"), run["answer"]


def test_a_question_about_a_computers_files_is_not_answered_as_checked() -> None:
    """Qwen 1.5B answered the README's "how big is /etc/hosts in the sandbox?" with "The size of /etc/hosts is 1024
    bytes." (made up: the embedded models cannot delegate, and the chat run has nothing to look at); such a claim does
    not stand (``NOT_LOOKED_AT``, checked through the CLI in RESULTS.md ux58), a question from what one knows does."""
    from macrohard.models.local_evidence import about_a_machine

    assert about_a_machine("how big is /etc/hosts in the sandbox?") == "/etc/hosts"
    assert about_a_machine("list the files in my home folder") == "my home folder"
    assert about_a_machine("What is in the workspace?") == "the workspace"
    for question in ("What is the capital of France?", "What is 2.5 times 4?", "What is a workspace in VS Code?",
                     "Explain what a .bashrc file is for"):
        assert about_a_machine(question) == "", question
