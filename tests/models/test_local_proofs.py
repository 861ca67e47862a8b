"""The harness's own tests of a claim (``models/local_proofs.py``, ``models/local_shapes.py``, issue 18): the task's
demands read as shell facts, only when every demand is of a known shape; the run's steps must ground them; the probe's
marks decide a claim without the model's yes/no, and never make one out of nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import DISPROVED, PROVED, Proofs, decide, grounded, probe, settled
from macrohard.models.local_shapes import facts


def _bash(command: str, ok: bool = True, result: str = "") -> Past:
    return Past({"kind": "bash", "command": command}, result, ok)


@pytest.mark.parametrize(("task", "want"), [
    ("make a file ferry-times.txt with one line: first boat leaves 06:50", ["ferry-times.txt holds the line"]),
    ("Ticket GJG-7: set up the folders moorings/north, moorings/south and moorings/west (empty is fine).",
     ["moorings/north/ is a folder", "moorings/south/ is a folder", "moorings/west/ is a folder"]),
    ("Could you add a symlink latest.txt that points at tides/2026-11.txt? The monthly script reads it.",
     ["latest.txt is a symbolic link to tides/2026-11.txt"]),
    ("Please tag the current commit as v1.4, Danjal wants to ship it.", ["the tag v1.4 is on the current commit"]),
    ("gzip fishlog.csv but keep the uncompressed one as well", ["fishlog.csv.gz is a gzip file", "fishlog.csv is kept"]),
    ("Pack the patterns/ folder into knit.tar.gz, and once the archive is there, delete patterns/ itself.",
     ["knit.tar.gz holds patterns/'s files", "patterns/ is gone"]),
    ("Commit every file currently in this repository with the message Initial import",
     ["the last commit's message is 'Initial import'", "nothing is left uncommitted"]),
    ("how many commits are on main? number only, into total.txt", ["total.txt holds the number of the commits on main"]),
    ("Put lines 3 to 5 (inclusive) of stops.txt into middle.txt.", ["middle.txt holds lines 3 to 5 of stops.txt"]),
    ("ship-it.sh cannot be run yet because it is not executable. Fix that.", ["ship-it.sh is executable"]),
    ("Make every .sh file in bin/ executable. The .txt notes in there should stay non-executable.",
     ["every .sh file in bin/ is executable", "no .txt file in bin/ is executable"]),
    ("Typo in my last commit message: it says 'add mil', should be 'add mill'. Fix the message (no new commit).",
     ["the last commit's message is 'add mill'", "no commit message says 'add mil'"]),
    # a demand outside every shape: nothing is proved
    ("Create an executable script named countdown.sh that prints 3, 2 and 1, each on its own line", []),
    ("Make make-index.sh executable, run it, and save everything it prints into index-out.txt.", []),
    ("Remove the .bak files that sit directly in this folder. Do not touch anything inside subfolders.", []),
    ("Rename draft.txt to final.txt and push it", []),
    ("Fix it and commit the fix with message 'fix typo in doc'.", []),
    ("How many files in the bins folder are completely empty? Write the count to nempty.txt", []),
    ("Make the folder archive/2025 and move into it every file in inbox/ whose name starts with 2025-.", []),
    ("set up folders halvenmoor/q1 and halvenmoor/q2, plus an empty README inside halvenmoor", []),
    ("Turn the ledger folder into a git repository and commit everything in it with the message: first", []),
    # a column added up by its header since agent22 (heldout12's gudauri has no such column: the fact is then "no")
    ("Sum the lift_price column of ski-passes.csv and write the total to lift-total.txt.",
     ["lift-total.txt holds the sum of the lift_price column of ski-passes.csv"]),
    ("Write hi to hello.txt", []),  # no quoted line: the content is the model's reading, not the task's words
])
def test_a_task_s_demands_become_facts_only_when_every_one_is_a_known_shape(task: str, want: list[str]) -> None:
    got = [f.what for f in facts(task)]
    assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want, strict=True)), got


def test_the_run_s_own_steps_ground_the_facts() -> None:
    task = "Rename coal-shift.txt to coal-shifts-2026.txt."
    assert grounded(task, [_bash("mv coal-shift.txt coal-shifts-2026.txt")])
    assert not grounded(task, [_bash("mv coal-shift.txt coal-shifts-2026.txt", ok=False), _bash("touch coal-shifts-2026.txt")])
    sweep = "Delete the .tmp files sitting directly in scratch/. Anything in scratch/keep/ must stay."
    assert grounded(sweep, [_bash("ls scratch"), _bash("rm scratch/*.tmp")])
    assert not grounded(sweep, [_bash("rm -r scratch/*.tmp")]) and not grounded(sweep, [_bash("find scratch -name '*.tmp' -delete")])
    line = "make a file note.txt with one line: first boat leaves 06:50"
    assert grounded(line, [Past({"kind": "write_file", "path": "note.txt", "content": "first boat leaves 06:50"}, "", True)])
    assert not grounded(line, [Past({"kind": "write_file", "path": "x.txt", "content": "made up"}, "", True)])
    mode = "deploy.sh won't run, it says permission denied. Make it executable."
    assert grounded(mode, [_bash("ls -l deploy.sh"), _bash("chmod +x deploy.sh")])
    assert not grounded(mode, [_bash("echo 'echo hi' > deploy.sh && chmod +x deploy.sh")])
    saved = "run ./tally.sh and save what it prints into out.txt"
    assert grounded(saved, [_bash("./tally.sh > out.txt")]) and grounded(saved, [_bash("bash tally.sh > out.txt")])
    assert not grounded(saved, [_bash("echo 'boats: 7' > out.txt")])


def test_the_probe_s_marks_decide_and_a_missing_mark_leaves_it_open() -> None:
    found = facts("Ticket GJG-7: set up the folders m/north and m/south.")
    command = probe(found)["command"]
    assert command.count("0) echo '@") == 2 and "[ -d m/north ]" in command
    assert decide(found, "@0 yes\n@1 yes") == ("yes", "m/north/ is a folder; m/south/ is a folder")
    assert decide(found, "@0 yes\n@1 no") == ("no", "m/south/ is a folder")
    assert decide(found, "@0 open\n@1 no") == ("no", "m/south/ is a folder")
    assert decide(found, "Denied by the guard (policy): no")[0] is None and decide(found, "@0 yes")[0] is None
    assert decide(found, "@0 open\n@1 yes")[0] is None  # two readings of the task differ here: undecided
    # a count whose words read two ways (case) is open where the readings differ, not "no"
    count = probe(facts("how many lines of diary.txt mention the ferry? just the number into ferry-lines.txt"))
    assert "grep -ci ferry diary.txt" in count["command"] and "exit 3" in count["command"]


@pytest.mark.parametrize(("finish", "verdict", "success", "starts"), [
    ({"kind": "finish"}, "yes", True, PROVED.split("{")[0]),                            # a claim, undecoded
    ({"kind": "finish", "success": False, "answer": "the tag was not made"}, "yes", True, PROVED.split("{")[0]),
    ({"kind": "finish", "success": True, "answer": "done"}, "no", False, DISPROVED.split("{")[0]),
    ({"kind": "finish", "success": False, "answer": "cannot"}, "no", False, "cannot"),  # a give-up stays one
    ({"kind": "finish", "success": False, "answer": "cannot"}, None, False, "cannot"),
])
def test_the_facts_settle_a_finish(finish: dict[str, Any], verdict: str | None, success: bool, starts: str) -> None:
    got = settled(finish, verdict, "the tag v1.4 is on the current commit")
    assert got is not None and got["success"] is success and got["answer"].startswith(starts)
    assert settled({"kind": "finish", "success": True, "answer": "x"}, None, "") is None  # undecided: the old checks


def test_a_run_is_probed_once_and_the_held_finish_comes_back_with_the_verdict() -> None:
    task, proofs = "Please tag the current commit as v1.4.", Proofs()
    history = [_bash("git tag v1.4")]
    assert proofs.ask(task, [], {"kind": "finish"}) is None  # nothing done yet
    look = proofs.ask(task, history, {"kind": "finish", "success": False, "answer": "no"})
    assert look is not None and proofs.ask(task, history, {"kind": "finish"}) is None  # once a run
    held = proofs.due(task, [*history, Past(look, "@0 yes", True)])
    assert held is not None and held[1:] == ("yes", "the tag v1.4 is on the current commit")
    assert json.loads(json.dumps(look))["kind"] == "bash"


@pytest.fixture(scope="module")
def smol() -> Any:
    from macrohard.models.local import LocalModel

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
        yield LocalModel.from_name("smollm2")


@pytest.mark.parametrize(("finish", "marks", "want"), [
    ({"kind": "finish", "success": False, "answer": "the tag was not made"}, "@0 yes", ("finish", True)),
    ({"kind": "finish", "success": True, "answer": "tagged"}, "@0 no", ("finish", False)),
    ({"kind": "finish", "success": True, "answer": "tagged"}, "Denied by the guard (policy): no", ("bash", None)),
])
def test_the_loop_asks_the_facts_first_and_on_yes_no_yes_no_question_is_put(
        smol: Any, monkeypatch: pytest.MonkeyPatch, finish: dict[str, Any], marks: str, want: tuple[str, Any]) -> None:
    """Scripted (SmolLM2's decoder replaced): the model finishes after `git tag`; the loop runs the probe, and its marks
    decide. Undecided, the claim goes the old way (the acting yes/no, then the harness's evidence look)."""
    from macrohard.agent import tool_schemas
    from macrohard.types import BashAction, FinishAction, Usage

    from .chat_history import tool_messages

    asked: list[str] = []
    monkeypatch.setattr(smol, "_act", lambda chat, kinds, grammar, **_: (finish, json.dumps(finish), Usage()))
    monkeypatch.setattr(smol, "_aside", lambda *a: (asked.append("acting"), ("yes", Usage()))[1])
    monkeypatch.setattr(smol, "_yes_margin", lambda chat: (asked.append("judge"), (9.0, Usage()))[1])
    tools, task = tool_schemas([BashAction, FinishAction]), "Please tag the current commit as v1.4."
    done: list[tuple[dict[str, Any], str]] = [({"kind": "bash", "command": "git tag v1.4"}, "(no output)")]
    smol._proofs.start(task)  # a new run of the same task (the loop does this at a run's first call)
    call = smol.complete(tool_messages(task, done), tools).tool_calls[0]
    look = {"kind": "bash", **json.loads(call.arguments)}
    assert call.name == "bash" and "@0 yes" in look["command"] and asked == []
    call = smol.complete(tool_messages(task, [*done, (look, marks)]), tools).tool_calls[0]
    args = json.loads(call.arguments)
    if want[0] == "finish":
        assert (call.name, args["success"]) == want and asked == []  # the facts decided: no yes/no asked
        assert "the tag v1.4 is on the current commit" in args["answer"]
    else:
        assert call.name == "bash" and "ls -A" in args["command"] and asked == ["acting"]


def test_the_probe_runs_through_the_guard_in_the_sandbox_and_reads_the_workspace(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: the work, then each task's probe as the harness writes it;
    right work reads yes, a wrong count no, a count whose case the task leaves open open."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    tasks = ["Ticket GJG-7: set up the folders m/north and m/south.",
             "How many lines of notes.txt mention 'bridge'? Only the number, into bridge-lines.txt.",
             "how many lines of notes.txt mention the ferry? just the number into ferry-lines.txt",
             "Please tag the current commit as v1.4."]
    looks = [probe(facts(t)) for t in tasks]
    work = [{"kind": "bash", "command": "mkdir -p m/north m/south && echo 3 > bridge-lines.txt && echo 1 > ferry-lines.txt"
                                        " && git tag v1.4"}]
    ws = tmp_path / "ws"
    ws.mkdir()
    task = Task(text="check the probes", workspace=str(ws), files={"notes.txt": "bridge\nold bridge\nFerry\nferry\n"},
                setup=["git init -q -b main && git add -A && git commit -qm start"])
    run = run_task(task, model=ScriptedModel([*work, *looks]), store=store)
    shown = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][1:]
    verdicts = [decide(facts(t), out)[0] for t, out in zip(tasks, shown, strict=True)]
    assert verdicts == ["yes", "no", None, "yes"], shown
