"""agent24 (issue 18, twenty-fourth wave): right work the 1.5B model did and then did not claim, proved by the
harness's own tests. Counted on heldout16's published runs (both halves, start and end of their waves): of 19 right
runs of possible tasks that ended unclaimed, 7 ended on the acting chat's own "no" after its read-back, 7 on the
fresh judge's "no", 4 on the model's own give-up after a refused write, 1 on a give-up that read the task's FAIL as
its own. Seven of them were of a shape the harness reads but in words it did not: each reading below is tested both
ways on real files (right work "yes"; wrong work "no"; words that narrow the demand: no proof)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import grounded
from macrohard.models.local_shapes import facts
from macrohard.models.local_work import work_facts

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_EDITOR": "true", "GIT_CONFIG_GLOBAL": "/dev/null"}


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


def _sh(script: str, cwd: Path) -> int:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=GIT_ENV, capture_output=True).returncode


def _all_hold(found: list[Any], cwd: Path) -> bool:
    return bool(found) and all(_sh(f.test, cwd) == 0 for f in found)


def test_a_column_total_asked_as_whats(tmp_path: Path) -> None:
    task = "whats the total of the kg column in mavuno.csv? write it to kg-total.txt"
    found = facts(task)
    assert [f.what for f in found] == ["kg-total.txt holds the sum of the kg column of mavuno.csv"]
    assert facts("whats the total of the kg column in mavuno.csv for Monday? write it to kg-total.txt") == []
    (tmp_path / "mavuno.csv").write_text("zao,kg\nkarafuu,200\nmpunga,300\n")
    got = {}
    for answer in ("500\n", "499\n", "2\n"):
        (tmp_path / "kg-total.txt").write_text(answer)
        got[answer] = _all_hold(found, tmp_path)
    assert got == {"500\n": True, "499\n": False, "2\n": False}


def test_lines_with_a_word_said_before_the_files(tmp_path: Path) -> None:
    task = ("copy every line that has warning in it (upper or lower case, doesn't matter) from gati.log into "
            "maonyo.txt")
    found = facts(task)
    assert [f.what for f in found] == ["maonyo.txt holds the lines of gati.log that mention warning"]
    assert facts("copy every line that has warning in it from gati.log into maonyo.txt, but only from today") == []
    (tmp_path / "gati.log").write_text("WARNING one\ninfo two\nwarning three\nWarning four\n")
    cases = {"WARNING one\nwarning three\nWarning four\n": True, "warning three\n": False,
             "WARNING one\ninfo two\nwarning three\nWarning four\n": False, "": False}
    for text, want in cases.items():
        (tmp_path / "maonyo.txt").write_text(text)
        assert _all_hold(found, tmp_path) is want, text


def test_a_script_run_with_a_variable_set_and_its_output_saved() -> None:
    task = "run report.sh with MSIMU=kaskazi set in its environment, and save its output to msimu.txt"
    assert [f.what for f in facts(task)] == ["report.sh is there and msimu.txt holds output"]
    assert grounded(task, _run("MSIMU=kaskazi ./report.sh > msimu.txt"))
    assert grounded(task, _run("MSIMU=kaskazi bash report.sh > msimu.txt"))
    assert not grounded(task, _run("./report.sh > msimu.txt"))  # the variable not set
    assert not grounded(task, _run("MSIMU=kusi ./report.sh > msimu.txt"))
    assert not grounded(task, _run("echo season: kaskazi > msimu.txt"))


WETE = "tangazo.txt says Mkoani everywhere but it should say Wete. Replace all of them (some lines have it more than once)."


def test_a_replacement_said_as_should_say(tmp_path: Path) -> None:
    found = work_facts(WETE, _run("sed -i 's/Mkoani/Wete/g' tangazo.txt"))
    assert [f.what for f in found] == ["tangazo.txt says 'Wete'", "'Wete' stands as whole words in tangazo.txt",
                                       "tangazo.txt no longer says 'Mkoani'"]
    assert work_facts("tangazo.txt says Mkoani but it should say Wete, only on the first line",
                      _run("sed -i 's/Mkoani/Wete/g' tangazo.txt")) == []
    cases = {"Wete gate 2, Wete Wete\nboats from Wete\n": True, "Wete gate 2, Mkoani Mkoani\nboats from Wete\n": False,
             "Wetende gate 2\n": False}
    for text, want in cases.items():
        (tmp_path / "tangazo.txt").write_text(text)
        assert _all_hold(found, tmp_path) is want, text


def _repo(root: Path, *files: str) -> None:
    root.mkdir()
    for name in files:
        (root / name).write_text(f"{name}\n")


def test_a_first_commit_of_both_files(tmp_path: Path) -> None:
    task = "turn this folder into a git repo and commit both files with the message: first draft of the clove map"
    run = _run("git init . && git add . && git commit -m 'first draft of the clove map'")
    found = work_facts(task, run)
    assert [f.what for f in found] == ["the last commit's message is 'first draft of the clove map'",
                                       "nothing is left uncommitted", "the last commit holds two files"]
    assert work_facts("turn this folder into a git repo and commit karafuu.md with the message: first draft", _run(
        "git init . && git add . && git commit -m 'first draft'")) == []  # `git add .` where one file is named
    setups = {
        "right": ("git init -q . && git add . && git commit -qm 'first draft of the clove map'", ("a.md", "b.txt")),
        "a third file": ("git init -q . && git add . && git commit -qm 'first draft of the clove map'",
                         ("a.md", "b.txt", "c.tmp")),
        "one left out": ("git init -q . && git add a.md && git commit -qm 'first draft of the clove map'", ("a.md", "b.txt")),
        "another message": ("git init -q . && git add . && git commit -qm 'first draft'", ("a.md", "b.txt")),
    }
    got = {}
    for name, (setup, files) in setups.items():
        root = tmp_path / name.replace(" ", "-")
        _repo(root, *files)
        assert _sh(setup, root) == 0
        got[name] = _all_hold(found, root)
    assert got == {"right": True, "a third file": False, "one left out": False, "another message": False}


FORODHANI = ("my last commit message has a typo (spcies). make it read: add fish species list. Don't add a new commit, "
             "just fix that one")


def test_a_commit_message_fixed_by_amend(tmp_path: Path) -> None:
    for command in ("git commit --amend --message='add fish species list'", "git commit --amend -m 'add fish species list'"):
        found = work_facts(FORODHANI, _run(command))
        assert [f.what for f in found] == ["the last commit's message is 'add fish species list'",
                                           "no commit was added (the last commit replaced the one before)"], command
    assert work_facts(FORODHANI, _run("git commit --amend -m 'add fish list'")) == []  # not the task's message
    assert work_facts("add fish species list to samaki.txt and commit it", _run(
        "git commit --amend -m 'add fish species list'")) == []
    found = work_facts(FORODHANI, _run("git commit --amend -m 'add fish species list'"))
    setups = {
        "right": "git commit -q --amend -m 'add fish species list'",
        "a new commit": "git commit -q --allow-empty -m 'add fish species list'",
        "untouched": "true",
    }
    got = {}
    for name, setup in setups.items():
        root = tmp_path / name.replace(" ", "-")
        _repo(root, "samaki.txt")
        assert _sh("git init -q . && git add . && git commit -qm start && echo kolekole >> samaki.txt && "
                   "git commit -qam 'add fish spcies list'", root) == 0
        assert _sh(setup, root) == 0
        got[name] = _all_hold(found, root)
    assert got == {"right": True, "a new commit": False, "untouched": False}


def test_a_revert_of_the_last_commit(tmp_path: Path) -> None:
    task = "Revert the last commit, with a new commit that undoes it. Don't rewrite the history, it's already shared."
    found = work_facts(task, _run("git revert HEAD"))
    assert [f.what for f in found] == ["the last commit brings the files back to before the commit it reverts",
                                       "the last commit is git's revert of the one before it", "nothing is left uncommitted"]
    assert work_facts("Revert the commit that added sukari, with a new commit", _run("git revert HEAD")) == []
    assert work_facts(task, _run("git revert HEAD~1")) == []
    setups = {
        "right": "git revert --no-edit HEAD",
        "an older one reverted": "git revert --no-edit HEAD~1",
        "reset instead": "git reset -q --hard HEAD~1",
        "by hand": "git checkout -q HEAD~1 -- bei.txt && git commit -qm 'undo'",
    }
    got = {}
    for name, setup in setups.items():
        root = tmp_path / name.replace(" ", "-")
        _repo(root, "bei.txt")
        assert _sh("git init -q . && git add . && git commit -qm one && echo 'chai 10' > chai.txt && git add . && "
                   "git commit -qm two && echo 'sukari 4000' > bei.txt && git commit -qam three", root) == 0
        assert _sh(setup, root) == 0, name
        got[name] = _all_hold(found, root)
    assert got == {"right": True, "an older one reverted": False, "reset instead": False, "by hand": False}


def test_an_unstage_that_keeps_another_file_staged(tmp_path: Path) -> None:
    task = "oops, I staged siri.env by accident. Unstage it but leave orodha.txt staged — and don't delete siri.env"
    for command in ("git reset HEAD -- siri.env", "git restore --staged siri.env"):
        assert [f.what for f in work_facts(task, _run(command))] == ["siri.env is there and not staged",
                                                                     "orodha.txt is still staged"], command
    assert work_facts(task, _run("git reset HEAD -- orodha.txt")) == []  # the file the words keep staged
    found = work_facts(task, _run("git reset HEAD -- siri.env"))
    setups = {"right": "git reset -q HEAD -- siri.env", "both unstaged": "git reset -q", "deleted": "git rm -q --cached "
              "siri.env && rm siri.env", "untouched": "true"}
    got = {}
    for name, setup in setups.items():
        root = tmp_path / name.replace(" ", "-")
        _repo(root, "README")
        assert _sh("git init -q . && git add . && git commit -qm start && echo a > orodha.txt && echo TOKEN=x > siri.env "
                   "&& git add orodha.txt siri.env", root) == 0
        assert _sh(setup, root) == 0, name
        got[name] = _all_hold(found, root)
    assert got == {"right": True, "both unstaged": False, "deleted": False, "untouched": False}


def test_a_copy_into_a_new_folder_under_a_new_name(tmp_path: Path) -> None:
    task = ("Make the folder archive/2026 and put a copy of notes/mwezi.txt in there, named november.txt. Keep the "
            "original where it is.")
    found = work_facts(task, _run("mkdir -p archive/2026 && cp notes/mwezi.txt archive/2026/november.txt"))
    assert [f.what for f in found] == ["archive/2026/ is a folder", "archive/2026/november.txt holds a copy of notes/mwezi.txt"]
    assert work_facts(task, _run("mkdir -p archive/2026 && cp notes/mwezi.txt archive/2026/mwezi.txt")) == []
    assert work_facts(task, _run("mkdir -p archive/2026 && cp notes/mwezi.txt archive/november.txt")) == []
    setups = {"right": "mkdir -p archive/2026 && cp notes/mwezi.txt archive/2026/november.txt",
              "moved": "mkdir -p archive/2026 && mv notes/mwezi.txt archive/2026/november.txt",
              "another text": "mkdir -p archive/2026 && echo hi > archive/2026/november.txt",
              "elsewhere": "mkdir -p archive/2026 && cp notes/mwezi.txt november.txt"}
    got = {}
    for name, setup in setups.items():
        root = tmp_path / name.replace(" ", "-")
        (root / "notes").mkdir(parents=True)
        (root / "notes" / "mwezi.txt").write_text("14 boats out\n")
        assert _sh(setup, root) == 0, name
        got[name] = _all_hold(found, root)
    assert got == {"right": True, "moved": False, "another text": False, "elsewhere": False}


def test_no_write_while_only_refusals_followed_a_refused_write() -> None:
    """heldout16's takaungu: a command refused for a classic mistake, the refusal's text written into a file (refused),
    the command again (refused), the write again (refused): the write stays off while only refusals came after it."""
    from macrohard.models.local_copies import refused_write_last

    command = Past({"kind": "bash", "command": "sha256sum ramani.bin > ramani.sha256"},
                   "Format error: command refused: sha256sum ramani.bin > ... saves the file name with the result", False)
    write = Past({"kind": "write_file", "path": "ramani.sha256", "content": "Format error: command refused"},
                 "Format error: write_file refused: it copies the harness's words ('Format error:')", False)
    failed = Past({"kind": "bash", "command": "sha256sum ramani"}, "sha256sum: ramani: No such file\n[exit code 1]", False)
    worked = Past({"kind": "bash", "command": "ls"}, "ramani.bin", True)
    assert refused_write_last([command, write]) and refused_write_last([command, write, command])
    assert refused_write_last([worked, write, command, command])
    assert not refused_write_last([command]) and not refused_write_last([write, failed])
    assert not refused_write_last([write, worked]) and not refused_write_last([write, worked, command])
