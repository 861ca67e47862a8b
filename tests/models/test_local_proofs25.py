"""The harness's proofs where judge25's replay of every published suite (``judge_replay.py --oracle 1 --dry``) found them
wrong: two false successes (a planted wrong answer proved yes) and three right runs disproved.

- heldout16 "executable for everybody — owner, group and others": ``chmod u+x`` was proved by ``[ -x F ]`` (the owner's
  bit); now the bits the words ask for are tested (``local_shapes.who_runs``: everybody, or the owner only).
- heldout16 "Tag the current commit v1.2 as an annotated tag, message: dhow season": a lightweight ``git tag v1.2`` was
  proved by the commit it points at; now an annotated tag and the words' message are facts (``annotated``,
  ``tag_message``); a message the words do not give exactly: no proof.
- heldout14 unpack then delete the tarball, heldout16 count the .log files then delete them, heldout13's folder packed
  from inside it (``tar -C patterns -czf A .``): the fact read what the later step removed, or one reading of two;
  now open (the model's checks decide, as for any undecided proof).

Each proof runs for real (the steps in bash in a temporary workspace, the probe approved by the real guard)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import PROVED, Proofs, settled
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction

GIT = ("git init -q && git config user.email a@b && git config user.name a && git add -A && "
       "git commit -qm start")


def _verdict(task: str, files: dict[str, str], steps: list[str], tmp: Path, setup: str = "") -> str:
    """"yes"/"no" (the proof decided the claim), "open" (a probe ran, undecided: the model's checks decide), or
    "none" (no proof for this run)."""
    tmp.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text)
    if setup:
        subprocess.run(["bash", "-c", setup], cwd=tmp, check=True, capture_output=True, timeout=30)
    history = []
    for command in steps:
        out = subprocess.run(["bash", "-c", command], cwd=tmp, capture_output=True, text=True, timeout=30)
        history.append(Past({"kind": "bash", "command": command}, out.stdout + out.stderr or "(no output)",
                            out.returncode == 0))
    proofs = Proofs()
    proofs.start(task)
    look = proofs.ask(task, history, {"kind": "finish", "success": True, "answer": "done"})
    if look is None:
        return "none"
    assert Guard().review(BashAction(command=look["command"]), GuardContext(workspace=str(tmp))).allowed
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp, capture_output=True, text=True, timeout=30).stdout
    due = proofs.due(task, [*history, Past(look, out, True)])
    assert due is not None
    finish = settled(*due)
    if finish is None:
        return "open"
    assert finish["success"] is (finish["answer"].startswith(PROVED.split("{")[0]))
    return "yes" if finish["success"] else "no"


EVERYBODY = "tide-check.sh has to be executable for everybody — owner, group and others"
SCRIPT = {"tide-check.sh": "#!/bin/sh\necho ok\n"}


@pytest.mark.parametrize(("task", "steps", "want"), [
    (EVERYBODY, ["chmod a+x tide-check.sh"], "yes"),
    (EVERYBODY, ["chmod 755 tide-check.sh"], "yes"),
    (EVERYBODY, ["chmod u+x tide-check.sh"], "no"),                       # the owner only (heldout16's planted one)
    (EVERYBODY, ["chmod 744 tide-check.sh"], "no"),
    (EVERYBODY, ["chmod a+x tide-chek.sh"], "no"),                        # a wrong name: nothing changed
    (EVERYBODY, ["ls -l"], "no"),                                         # claimed without doing
    ("tide-check.sh must be executable by anyone on the box", ["chmod u+x tide-check.sh"], "no"),
    ("tide-check.sh must be executable by anyone on the box", ["chmod +x tide-check.sh"], "yes"),
    ("make tide-check.sh executable", ["chmod u+x tide-check.sh"], "yes"),  # no one named: the bit as before
], ids=["a+x", "755", "u+x", "744", "wrong-name", "not-done", "anyone-u+x", "anyone-+x", "plain"])
def test_execute_bits_for_whom_the_words_ask(task, steps, want, tmp_path):
    assert _verdict(task, dict(SCRIPT), steps, tmp_path / "ws", setup="chmod 644 tide-check.sh") == want


def test_execute_bits_of_a_folders_files_for_everybody(tmp_path):
    task = "Make every .sh file in bin executable for everyone"
    files = {"bin/a.sh": "echo a\n", "bin/b.sh": "echo b\n"}
    assert _verdict(task, files, ["chmod a+x bin/*.sh"], tmp_path / "right") == "yes"
    assert _verdict(task, files, ["chmod u+x bin/*.sh"], tmp_path / "owner") == "no"
    assert _verdict(task, files, ["chmod a+x bin/a.sh && chmod u+x bin/b.sh"], tmp_path / "one") in ("no", "none")


ANNOTATED = "Tag the current commit v1.2 as an annotated tag, message: dhow season"
SHAPE = "Tag the current commit as v1.2 with the message 'dhow season'"


@pytest.mark.parametrize(("task", "steps", "want"), [
    (ANNOTATED, ["git tag -a v1.2 -m 'dhow season'"], "yes"),
    (ANNOTATED, ["git tag -m 'dhow season' v1.2"], "yes"),
    (ANNOTATED, ["git tag v1.2"], "no"),                                  # lightweight (heldout16's planted one)
    (ANNOTATED, ["git tag -a v1.2 -m 'dhow'"], "no"),                     # a wrong message, words of the task
    (ANNOTATED, ["git commit -q --allow-empty -m more && git tag -a v1.2 -m 'dhow season' HEAD~1"], "none"),
    (SHAPE, ["git tag -a v1.2 -m 'dhow season'"], "yes"),
    (SHAPE, ["git tag v1.2"], "no"),
    (SHAPE, ["git tag -a v1.2 -m 'Dhow Season'"], "no"),
    (SHAPE, ["git log --oneline"], "no"),                                 # claimed without doing
    (SHAPE, ["git tag -a v1.3 -m 'dhow season'"], "no"),                  # a wrong name
    ("Tag the current commit as v1.2 with a short message about the season", ["git tag -a v1.2 -m 'x'"], "none"),
    ("tag the current commit as v1.2", ["git tag v1.2"], "yes"),          # no message asked: lightweight is right
], ids=["right", "m-first", "lightweight", "wrong-message", "other-commit", "shape-right", "shape-lightweight",
        "shape-case", "shape-not-done", "shape-wrong-name", "message-not-given", "plain-tag"])
def test_an_annotated_tag_and_its_message(task, steps, want, tmp_path):
    assert _verdict(task, {"log.txt": "one\n"}, steps, tmp_path / "ws", setup=GIT) == want


def test_an_archive_deleted_after_unpacking_is_open_not_disproved(tmp_path):
    task = "unpack seaweed.tar.gz into a new folder seaweed-2026, then delete the tarball"
    setup = "mkdir -p seaweed && echo 'laminaria 40 kg' > seaweed/north.txt && tar czf seaweed.tar.gz seaweed && " \
            "rm -r seaweed"
    unpack = "mkdir seaweed-2026 && tar -xzf seaweed.tar.gz -C seaweed-2026"
    assert _verdict(task, {}, [unpack, "rm seaweed.tar.gz"], tmp_path / "right", setup) in ("open", "none")
    assert _verdict(task, {}, ["tar -xzf seaweed.tar.gz -C seaweed-2026"], tmp_path / "no-folder", setup) in ("no", "none")
    # kept (not asked to delete), unpacked right / elsewhere: proved both ways as before
    keep = "unpack seaweed.tar.gz into seaweed-2026"
    assert _verdict(keep, {}, [unpack], tmp_path / "keep", setup) == "yes"
    assert _verdict(keep, {}, ["mkdir seaweed-2026 && tar -xzf seaweed.tar.gz -C seaweed-2026 && rm -r seaweed-2026/seaweed"],
                    tmp_path / "keep-wrong", setup) in ("no", "none")


def test_a_count_of_files_deleted_after_is_open_and_a_wrong_count_still_fails(tmp_path):
    files = {"server/a.log": "x\n", "server/old/b.log": "y\n", "server/old/c.log": "z\n", "server/app.conf": "k\n"}
    task = "delete every .log file under server (subfolders too, keep everything else) and write how many you " \
           "deleted into removed.txt"
    count = "find server -name '*.log' | wc -l > removed.txt"
    assert _verdict(task, files, [count, "find server -name '*.log' -delete"], tmp_path / "right") in ("open", "none")
    counted = "count the .log files under server, subfolders too, and write the number into removed.txt"
    assert _verdict(counted, files, [count], tmp_path / "count") == "yes"
    assert _verdict(counted, files, [count, "echo 5 > removed.txt"], tmp_path / "wrong") in ("no", "none")
    assert _verdict(counted, files, ["find server -maxdepth 1 -name '*.log' | wc -l > removed.txt"],
                    tmp_path / "shallow") in ("no", "none")


PACK = "Pack the patterns/ folder into knitting.tar.gz, and once the archive is there, delete patterns/ itself."
PATTERNS = {"patterns/hedin-jumper.txt": "a\n", "patterns/marjun-scarf.txt": "b\n"}


@pytest.mark.parametrize(("steps", "want"), [
    (["tar -czf knitting.tar.gz patterns", "rm -r patterns"], ("yes",)),
    (["tar -C patterns -czf knitting.tar.gz . && rm -r patterns"], ("open", "none")),  # the other reading (heldout13)
    (["rm -r patterns"], ("no",)),                                                     # no archive
    (["tar -czf knitting.tar.gz -T /dev/null && rm -r patterns"], ("no", "none")),     # an empty archive
    (["tar -czf knitting.tar.gz patterns"], ("no", "none")),                           # the folder kept
], ids=["right", "from-inside", "no-archive", "empty-archive", "kept"])
def test_a_folder_packed_from_inside_is_open(steps, want, tmp_path):
    assert _verdict(PACK, dict(PATTERNS), steps, tmp_path / "ws") in want


ROSTER = "Create quillwort-roster.txt with the names Vesna, Ambrik and Toller, each on its own line, in that order."
ENV = "create a .env with KOLTUR_PORT=8089 and KOLTUR_MODE=calm, one per line"


def _written(path: str, content: str, task: str, tmp: Path) -> str:
    """The verdict after one ``write_file`` (the model's hand-written file; grounded: each line is the task's)."""
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / path).write_text(content)
    history = [Past({"kind": "write_file", "path": path, "content": content}, f"wrote {path}", True)]
    proofs = Proofs()
    proofs.start(task)
    look = proofs.ask(task, history, {"kind": "finish", "success": True, "answer": "done"})
    if look is None:
        return "none"
    assert Guard().review(BashAction(command=look["command"]), GuardContext(workspace=str(tmp))).allowed
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp, capture_output=True, text=True, timeout=30).stdout
    finish = settled(*proofs.due(task, [*history, Past(look, out, True)]))
    return "open" if finish is None else ("yes" if finish["success"] else "no")


@pytest.mark.parametrize(("task", "path", "content", "want"), [
    (ROSTER, "quillwort-roster.txt", "Vesna\nAmbrik\nToller\n", "yes"),
    (ROSTER, "quillwort-roster.txt", "Vesna\nAmbrik\nToller", "yes"),
    (ROSTER, "quillwort-roster.txt", "Ambrik\nVesna\nToller\n", "no"),             # another order, the order asked
    (ROSTER, "quillwort-roster.txt", "Vesna\nAmbrik\n", "no"),                      # one missing
    (ROSTER, "quillwort-roster.txt", "Vesna\nAmbrik\nToller\nToller\n", "no"),      # extra
    (ROSTER, "quillwort-roster.txt", "Vesna, Ambrik, Toller\n", "none"),            # one line: not grounded line-wise
    (ROSTER, "quillwort-rota.txt", "Vesna\nAmbrik\nToller\n", "no"),                # a wrong name
    (ROSTER, "quillwort-roster.txt", "Vesna\nAmbrik\nTolle\n", "none"),             # a line not the task's: no grounds
    (ENV, ".env", "KOLTUR_PORT=8089\nKOLTUR_MODE=calm\n", "yes"),
    (ENV, ".env", "KOLTUR_MODE=calm\nKOLTUR_PORT=8089\n", "open"),                  # no order said: the other is open
    (ENV, ".env", "KOLTUR_PORT=8089\n", "none"),                                    # one line, in the task: ...
    ("Write a file called oolong.env with two lines, BREW_TEMP=85 and then STEEP_SECONDS=150", "oolong.env",
     "BREW_TEMP=85\nSTEEP_SECONDS=150\n", "yes"),
    ("Write a file called oolong.env with two lines, BREW_TEMP=85 and then STEEP_SECONDS=150", "oolong.env",
     "STEEP_SECONDS=150\nBREW_TEMP=85\n", "no"),
], ids=["right", "no-newline", "order", "missing", "extra", "one-line", "wrong-name", "typo", "env", "env-order",
        "env-one", "then", "then-order"])
def test_a_file_of_the_lines_a_task_lists(task, path, content, want, tmp_path):
    got = _written(path, content, task, tmp_path / "ws")
    assert got == want or (want == "none" and got == "no"), got


def test_a_file_of_listed_lines_claimed_without_writing_it_fails(tmp_path):
    history = [Past({"kind": "bash", "command": "ls"}, "(no output)", True)]
    proofs = Proofs()
    look = proofs.ask(ROSTER, history, {"kind": "finish", "success": True, "answer": "done"})
    assert look is not None
    (tmp_path / "ws").mkdir()
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp_path / "ws", capture_output=True, text=True).stdout
    assert settled(*proofs.due(ROSTER, [*history, Past(look, out, True)]))["success"] is False


@pytest.mark.parametrize("task", [
    "Create a .env file with two lines, PORT=8081 and MODE=staging, and make it readable by its owner only.",
    "Create an executable script named countdown.sh that prints 3, 2 and 1, each on its own line",
    "Create roster.txt listing the names Quinn and Mirela, one per line, Mirela first",  # the lead not the first
    "Write a file called oolong.env with three lines, BREW_TEMP=85 and then STEEP_SECONDS=150",  # the count differs
    "Create notes.txt with the lines buy milk and call mum, one per line",  # items of several words
])
def test_not_a_file_of_listed_lines(task):
    from macrohard.models.local_shapes import _given_lines

    assert _given_lines(task) == ([], [])


def test_a_folder_packed_from_inside_fails_where_the_words_want_the_folder_itself(tmp_path):
    task = "Pack the mashairi folder into mashairi.tar.gz, with the folder itself inside the archive please"
    files = {"mashairi/a.txt": "a\n"}
    assert _verdict(task, dict(files), ["tar -czf mashairi.tar.gz mashairi"], tmp_path / "right") == "yes"
    assert _verdict(task, dict(files), ["tar -C mashairi -czf mashairi.tar.gz ."], tmp_path / "inside") == "no"


def test_a_tags_message_is_not_read_as_a_commits(tmp_path):
    from macrohard.models.local_shapes import facts

    task = "Tag the current commit as v5 with the message 'spring'"
    assert not any("last commit" in f.what for f in facts(task))
    assert _verdict(task, {"log.txt": "one\n"}, ["git tag -a v5 -m spring"], tmp_path / "ws", setup=GIT) == "yes"
    from macrohard.models.local_shapes import _commit

    assert _commit("Edit notes.txt, then commit it with the message 'spring'")[0]
    assert _commit("Tag the current commit as v5, then commit everything with the message 'spring'")[0]


@pytest.mark.parametrize(("step", "want"), [
    ("git reset -q --soft HEAD~1", "yes"),
    ("git reset -q HEAD~1", "yes"),
    ("git reset -q --hard HEAD~1", "no"),   # the changes lost: heldout15's planted wrong answer, judged yes (+0.75)
    ("git log --oneline", "none"),          # claimed without doing: no proof, no yes
], ids=["soft", "mixed", "hard", "not-done"])
def test_an_undone_commit_keeps_its_changes(step, want, tmp_path):
    setup = f"{GIT} && echo two >> log.txt && git commit -qam more"
    assert _verdict("undo my last commit but keep its changes in the files", {"log.txt": "one\n"}, [step],
                    tmp_path / "ws", setup=setup) == want
