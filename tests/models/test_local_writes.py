"""A write that is not the task's work is refused (``models/local_writes.py``); a claim with no grounds in the
run's own steps does not stand (``models/local_grounds.py``); a give-up for a folder the task calls new is asked
once more (``models/local_giveups.py``). Cases from heldout10's dev run (issue 18, thirteenth wave)."""

from __future__ import annotations

from typing import Any

import pytest

from macrohard.models.local_giveups import missing_new_folder, new_folders
from macrohard.models.local_grounds import task_words, unfounded
from macrohard.models.local_history import Past
from macrohard.models.local_writes import refused


def _write(path: str, content: str = "x") -> dict[str, Any]:
    return {"kind": "write_file", "path": path, "content": content}


def _bash(command: str, result: str = "(no output)", ok: bool = True) -> Past:
    return Past({"kind": "bash", "command": command}, result, ok)


COMMIT = _bash("git add schedule.txt surf-times.txt && git commit -m 'update schedule'",
               "[main 1a2b3c4] update schedule\n 2 files changed, 2 insertions(+)")
SOPELA = ("Commit all my current changes (the edited schedule.txt and the new surf-times.txt) in one commit with the "
          "message: update schedule")


@pytest.mark.parametrize(("action", "history", "task", "why"), [
    # a report of the work in a file the task never named (sopela, plentzia, barrika, bakio)
    (_write("update_schedule_result.txt", "The commit was successful."), [COMMIT], SOPELA, "names no file"),
    (_write("main.b6e8964", "ignore pyc"), [COMMIT], "Make git ignore all .pyc files via a .gitignore, and commit it.",
     "names no file"),
    # the archive tar made, the file git committed: written over unread (hernani, gernika)
    (_write("letters.tar.gz", "This is a gzipped tar archive"), [_bash("tar -czvf letters.tar.gz letters/", "letters/a")],
     "Pack the letters/ folder into letters.tar.gz, then remove the letters/ folder.", "never read it"),
    (_write("oak.txt", "This is a note about oak trees."), [_bash("git add oak.txt && git commit -m 'add oak notes'", "[main 1] add")],
     "This is a git repository. Commit the new file oak.txt with the message: add oak notes", "never read it"),
    # what the task asks for is never refused
    (_write("tide-note.txt", "low tide 06:42 at the slipway"), [], "Create tide-note.txt with one line: low tide", ""),
    (_write("notes/today.txt", "hi"), [], "In notes/, make today.txt saying hi.", ""),
    (_write("recipes/txakoli.md.bak", "# T"), [], "Keep a copy of recipes/txakoli.md called txakoli.md.bak.", ""),
    (_write("count.py", "print(1)"), [], "Print how many lines data.csv has.", ""),  # a script to run
    # a file the run read, or wrote itself, may be written again
    (_write("oak.txt", "oak\nmore"), [_bash("cat oak.txt", "oak")], "Add a line more to oak.txt.", ""),
    (_write("out.txt", "2"), [_bash("wc -l < in.txt > out.txt")], "Write the line count of in.txt to out.txt.", ""),
])
def test_writes_that_are_not_the_task_s_work_are_refused(action: dict[str, Any], history: list[Past], task: str,
                                                         why: str) -> None:
    found, hint = refused(action, history, task)
    assert (why in found) if why else found == ""
    assert bool(hint) == bool(why)


GETARIA = ("I'm about to rewrite recipes/txakoli.md. Please keep a copy of it in the same folder called txakoli.md.bak "
           "first, and don't change the original.")


def test_a_claim_on_the_task_s_own_words_has_no_grounds() -> None:
    copy = Past(_write("recipes/txakoli.md.bak", "Please keep a copy of it in the same folder called txakoli.md.bak "
                       "first, and don't change the original."), "created recipes/txakoli.md.bak (10 characters, 1 lines)",
                True)
    assert "the task's own words" in unfounded([copy], GETARIA)
    # content the task quotes for the file is the work itself
    task = "Create motto.txt holding exactly: we sail at dawn and we come back before the storm breaks"
    said = Past(_write("motto.txt", "we sail at dawn and we come back before the storm breaks"), "created motto.txt (1)", True)
    assert task_words("we sail at dawn and we come back before the storm breaks", task) == ""
    assert unfounded([said], task) == ""


def test_a_file_written_over_unread_or_a_git_answer_made_up_has_no_grounds() -> None:
    irura = "In config.json set debug to false. All the other settings must keep their values."
    blind = Past(_write("config.json", '{"debug": false}'), "overwrote config.json (16 characters, 1 lines)", True)
    assert "written over by hand" in unfounded([blind], irura)
    read = _bash("cat config.json", '{"port": 7070, "debug": true}')
    assert unfounded([read, blind], irura) == ""
    tag = "Write the message of the commit tagged v3.0 into msg.txt."
    made_up = Past(_write("msg.txt", "This is the commit message of the tag v3.0."), "created msg.txt (44)", True)
    assert "no step ran git" in unfounded([made_up], tag)
    looked = _bash("git tag -l v3.0 -n", "")
    assert unfounded([looked, made_up], tag) == ""
    assert unfounded([Past(_write(".gitignore", "*.pyc\n"), "created .gitignore (6)", True)],
                     "Add *.pyc to the .gitignore file.") == ""


BERMEO = "Move every .log file out of incoming/ into a new folder archive/. The other files stay in incoming/."


def test_a_give_up_for_a_folder_the_task_calls_new_is_asked_again() -> None:
    assert new_folders(BERMEO) == ["archive"]
    assert new_folders("Unpack bundle.tar into a new folder named unpacked/.") == ["unpacked"]
    assert new_folders("Move big files into a new subfolder media/large/.") == ["media/large"]
    failed = _bash("mv incoming/*.log archive/", "mv: target 'archive/' is not a directory\n[exit code 1]", ok=False)
    give_up = {"kind": "finish", "success": False, "answer": "The 'archive/' folder does not exist. Create it first."}
    assert missing_new_folder(give_up, [failed], BERMEO) == "archive"
    # made already, a folder the task does not call new, a claim, or a give-up after a step that worked: it stands
    made = _bash("mkdir -p archive")
    assert missing_new_folder(give_up, [made, failed], BERMEO) == ""
    assert missing_new_folder(give_up, [failed], "Move every .log file into the folder archive/.") == ""
    assert missing_new_folder({**give_up, "success": True}, [failed], BERMEO) == ""
    assert missing_new_folder(give_up, [_bash("ls incoming", "a.log\nb.txt")], BERMEO) == ""


def _scripted_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Any, task_text: str, plays: list[dict[str, Any]],
                  files: dict[str, str], setup: list[str] | None = None) -> tuple[Any, Any, list[tuple[str, list[str]]]]:
    """A real sandboxed run (bubblewrap, SQLite store, SmolLM2 loaded by llama.cpp) whose actions are scripted as
    Qwen2.5-Coder 1.5B played them on heldout10; returns the run, the store and what the model was shown."""
    import json

    from macrohard.models.local import LocalModel
    from macrohard.runner import run_task
    from macrohard.safety.guard import Guard
    from macrohard.store.sqlite import SQLiteStore
    from macrohard.types import Task, Usage

    monkeypatch.setenv("MACROHARD_LOCAL_AIDS", "wrapper,verify")
    model = LocalModel.from_name("smollm2")
    give_up = {"kind": "finish", "answer": "stopped", "success": False}
    script = iter(plays)
    seen: list[tuple[str, list[str]]] = []

    def act(chat: list[dict[str, str]], kinds: list[str], grammar: Any, **_: Any) -> Any:
        seen.append((chat[-1]["content"], list(kinds)))
        action = next(script, give_up)
        return action, json.dumps(action), Usage()

    monkeypatch.setattr(model, "_act", act)
    monkeypatch.setattr(model, "_aside", lambda *a: ("no", Usage()))  # its own yes/no: "no" (no claim)
    (tmp_path / "store").mkdir()
    (tmp_path / "ws").mkdir()
    store = SQLiteStore(tmp_path / "store" / "runs.db")
    task = Task(text=task_text, workspace=str(tmp_path / "ws"), write_back=True, files=files, setup=setup or [], budget={"max_steps": 8})
    return run_task(task, model=model, guard=Guard.from_policy(), store=store), store, seen


@pytest.mark.model
def test_a_real_run_refuses_a_report_file_after_a_commit(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """sopela-schedule-commit as played: the commit works, then a report of it is written to a file the task never
    named (on main that write ran, left the tree dirty and was claimed). Here it is refused and never written. Since
    agent22 the harness's own tests read the task's unquoted message ("message: update schedule"): the right commit is
    then claimed on them in place of the refusal; a commit they cannot prove (another message) shows the refusal."""
    setup = ["git init -q -b main && git config user.name A && git config user.email a@b.example && git add . && "
             "git commit -qm base && echo 'tue 10' >> schedule.txt && echo 'high 14:20' > surf-times.txt"]
    plays = [{"kind": "bash", "command": "git add schedule.txt surf-times.txt && git commit -m 'update schedule'"},
             _write("update_schedule_result.txt", "The commit was successful.")]
    run, store, seen = _scripted_run(monkeypatch, tmp_path, SOPELA, plays, {"schedule.txt": "mon 9\n"}, setup)
    assert run.status == "succeeded" and "the harness's own tests" in str(run.answer)
    assert not (tmp_path / "ws" / "update_schedule_result.txt").exists()
    plays[0] = {"kind": "bash", "command": "git add schedule.txt surf-times.txt && git commit -m 'schedule'"}
    tmp_path = tmp_path / "again"
    tmp_path.mkdir()
    run, store, seen = _scripted_run(monkeypatch, tmp_path, SOPELA, plays, {"schedule.txt": "mon 9\n"}, setup)
    steps = store.steps(run.id)
    refused_steps = [s for s in steps if s.action is None and s.observation is not None and s.observation.error]
    assert len(refused_steps) == 1 and "the task names no file" in refused_steps[0].observation.output
    assert "the task names no file" in seen[2][0]  # the model read why before choosing again
    assert not (tmp_path / "ws" / "update_schedule_result.txt").exists()


@pytest.mark.model
def test_a_real_run_asks_again_after_a_give_up_for_a_new_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    """bermeo-log-archive as played: ``mv`` into the missing new folder fails and the model gives up; asked once more
    with the note (no finish offered), its own next steps make the folder and move the files."""
    plays = [{"kind": "bash", "command": "mv incoming/*.log archive/"},
             {"kind": "finish", "answer": "The 'archive/' folder does not exist. Create it first.", "success": False},
             {"kind": "bash", "command": "mkdir -p archive && mv incoming/*.log archive/"}]
    files = {"incoming/a.log": "a\n", "incoming/b.log": "b\n", "incoming/keep.txt": "k\n"}
    _, _, seen = _scripted_run(monkeypatch, tmp_path, BERMEO, plays, files)
    assert "archive/ is a new folder" in seen[2][0] and "finish" not in seen[2][1]
    ws = tmp_path / "ws"
    assert sorted(p.name for p in (ws / "archive").iterdir()) == ["a.log", "b.log"]
    assert sorted(p.name for p in (ws / "incoming").iterdir()) == ["keep.txt"]


@pytest.mark.parametrize(("command", "task", "why"), [
    # heldout10 (dev): a file's name piped as text; a count or digest saved with the file name
    ("echo 'SHOUT.txt' | tr '[:upper:]' '[:lower:]' > quiet.txt && rm SHOUT.txt",
     "SHOUT.txt is all in capitals. Write a lowercase version of it to quiet.txt and then delete SHOUT.txt.", "pipes the name"),
    ("echo -n 'note.b64' | base64 -d > note.txt", "note.b64 holds a base64-encoded message. Decode it into note.txt.",
     "pipes the name"),
    ("wc -w poem.txt > words.txt", "count the words in poem.txt and write that count (just the number) to words.txt",
     "saves the file name"),
    ("shasum -a 256 firmware.bin > firmware.sha256",
     "Compute the SHA-256 of firmware.bin and write only the hex digest (no file name) into firmware.sha256.",
     "saves the file name"),
    # the right ways, and what a task may want with the names
    ("wc -w < poem.txt > words.txt", "count the words in poem.txt, just the number, into words.txt", ""),
    ("wc -l data.csv | awk '{print $1}' > n.txt", "How many lines does data.csv have? Just the number into n.txt", ""),
    ("wc -l *.txt > counts.txt", "For each .txt file write its name and line count into counts.txt", ""),
    ("sha256sum firmware.bin > SHA256SUMS", "Write the sha256sum line of firmware.bin into SHA256SUMS.", ""),
    ("echo 'a.txt' | xargs cat > all.txt", "Put what a.txt holds into all.txt", ""),
    ("echo hello | tr a-z A-Z > up.txt", "Write hello in capitals to up.txt", ""),
])
def test_two_classic_shell_mistakes_are_refused(command: str, task: str, why: str) -> None:
    from macrohard.models.local_mistakes import refused as mistake

    found, hint = mistake({"kind": "bash", "command": command}, task)
    assert (why in found) if why else found == ""
    assert bool(hint) == bool(why)


def test_a_give_up_a_shell_fact_answers_is_asked_again_once() -> None:
    from macrohard.models.local_giveups import remedy

    give_up = {"kind": "finish", "answer": "Python is not installed.", "success": False}
    python = _bash("python tally.py > tally-out.txt", "bash: line 1: python: command not found\n[exit code 127]", ok=False)
    asked: set[tuple[str, str]] = set()
    task = "Run the Python script tally.py and put its output in tally-out.txt."
    assert "python is not installed here" in remedy(give_up, [python], task, asked)
    assert remedy(give_up, [python], task, asked) == ""  # once per run
    script = _bash("tools/measure.sh > out.txt", "bash: line 1: tools/measure.sh: Permission denied\n[exit code 126]",
                   ok=False)
    assert "bash tools/measure.sh" in remedy(give_up, [script], "Run tools/measure.sh (with bash).", set())
    # a missing input or no network: the give-up stands
    missing = _bash("wc -w speech.txt > n.txt", "wc: speech.txt: No such file or directory\n[exit code 1]", ok=False)
    offline = _bash("wget https://data.example/r.csv", "wget: unable to resolve host address\n[exit code 4]", ok=False)
    assert remedy(give_up, [missing], "Count the words in speech.txt.", set()) == ""
    assert remedy(give_up, [offline], "Download https://data.example/r.csv.", set()) == ""


def test_a_give_up_after_a_commit_with_nothing_staged_is_asked_again_once() -> None:
    """heldout11 dev: ``sed -i ... && git commit`` failed (the edit never staged) and the model gave up at once."""
    from macrohard.models.local_giveups import UNSTAGED_NOTE, remedy

    give_up = {"kind": "finish", "answer": "The commit failed.", "success": False}
    task = "Change the rate in rates.txt from 3 to 4 and commit it with the message 'new rate'."
    edited = _bash("sed -i 's/3/4/' rates.txt && git commit -m 'new rate'",
                   "On branch main\nChanges not staged for commit:\n\tmodified:   rates.txt\n\n"
                   'no changes added to commit (use "git add" and/or "git commit -a")\n[exit code 1]', ok=False)
    asked: set[tuple[str, str]] = set()
    assert remedy(give_up, [edited], task, asked) == UNSTAGED_NOTE
    assert remedy(give_up, [edited], task, asked) == ""  # once per run
    fresh = _bash("git init && git commit -m 'first'", "nothing added to commit but untracked files present (use "
                  '"git add" to track)\n[exit code 1]', ok=False)
    assert remedy(give_up, [fresh], "Make this folder a git repository with one commit.", set()) == UNSTAGED_NOTE
    # nothing to commit at all, or a push with no remote: the give-up stands
    clean = _bash("git commit -m 'new rate'", "On branch main\nnothing to commit, working tree clean\n[exit code 1]",
                  ok=False)
    push = _bash("git push origin main", "fatal: 'origin' does not appear to be a git repository\n[exit code 128]",
                 ok=False)
    assert remedy(give_up, [clean], task, set()) == "" and remedy(give_up, [push], "Push main.", set()) == ""
    claim = {"kind": "finish", "answer": "done", "success": True}
    assert remedy(claim, [edited], task, set()) == ""  # only a give-up is asked again


def test_a_give_up_right_after_a_refused_mistake_is_asked_again_once() -> None:
    from macrohard.models.local_giveups import REFUSED_NOTE, remedy

    give_up = {"kind": "finish", "answer": "cannot", "success": False}
    refused_wc = Past({"kind": "bash", "command": "wc -w poem.txt > words.txt"},
                      "Format error: command refused: wc -w poem.txt > ... saves the file name with the result. ...", False)
    asked: set[tuple[str, str]] = set()
    task = "count the words in poem.txt and write that count (just the number) to words.txt"
    assert remedy(give_up, [refused_wc], task, asked) == REFUSED_NOTE
    assert remedy(give_up, [refused_wc], task, asked) == ""
    report = Past(_write("result.txt", "done"), "Format error: write_file refused: the task names no file result.txt", False)
    assert remedy(give_up, [report], task, set()) == ""  # a refused report: the give-up stands


def test_a_write_to_a_folder_path_is_refused() -> None:
    """heldout10 dev, after the new-folder note: write_file "unpacked/" made a file named unpacked."""
    found, hint = refused(_write("unpacked/", "This is a new folder"), [], "Unpack bundle.tar into a new folder unpacked/.")
    assert "folder path" in found and "mkdir -p unpacked" in hint


def test_the_give_up_notes_are_never_written_into_a_file() -> None:
    """heldout10 dev: after the note on python, the model wrote the note itself into tally-out.txt."""
    from macrohard.models.local_copies import copied
    from macrohard.models.local_giveups import DENIED_NOTE, NOT_FOUND_NOTE, NOTE, REFUSED_NOTE, UNSTAGED_NOTE

    task = "Run the Python script tally.py and put its output in tally-out.txt."
    for note in (NOT_FOUND_NOTE.format(program="python"), NOTE.format(folder="out"), REFUSED_NOTE, UNSTAGED_NOTE,
                 DENIED_NOTE.format(script="run.sh")):
        assert "harness" in copied(_write("tally-out.txt", note), [], task)
