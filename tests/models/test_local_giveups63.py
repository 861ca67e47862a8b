"""comp63: a give-up right after grep matched nothing (exit code 1), or right after the command read the task's own
answer file before anything wrote it, is put back to the model once with the shell fact (``local_giveups.remedy``);
read on real bash output. Dev: heldout26's savinja and trbovlje, heldout27's nacala (main 1e4dd857)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from macrohard.models.local_giveups import ANSWER_FILE_NOTE, GREP_NOTE, command_only, remedy
from macrohard.models.local_history import Past

GIVE_UP = {"kind": "finish", "success": False, "answer": "The task cannot be done"}


def _bash(command: str, cwd: Path) -> Past:
    done = subprocess.run(["bash", "-c", command], cwd=cwd, capture_output=True, text=True)
    output = (done.stdout + done.stderr) or "(no output)"
    if done.returncode:
        output += f"\n[exit code {done.returncode}]"
    return Past({"kind": "bash", "command": command}, output, done.returncode == 0)


def test_a_give_up_after_grep_matched_nothing_is_asked_once_more(tmp_path: Path) -> None:
    (tmp_path / "people.json").write_text('{"people": [{"name": "Ana", "active": true}, {"name": "Bo", "active": false}]}\n')
    task = 'people.json has a "people" list. how many of them are active ("active": true)? → active.txt'
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "gone").symlink_to("nowhere")
    for command in ("grep -c 'active: true' people.json", "cat people.json | grep 'active: true'",
                    "grep 'active: true' people.json > active.txt",
                    "find links/ -type l -exec ls -l {} \\; | grep 'no such file'", 'grep -c "a|b; c" people.json'):
        failed = _bash(command, tmp_path)
        asked: set = set()
        note = remedy(GIVE_UP, [failed], task, asked)
        assert note == GREP_NOTE and command_only(note), (command, failed.result)
        assert remedy(GIVE_UP, [failed], task, asked) == ""  # once only
    # grep's other failures, a list whose status is not grep's alone, a grep that printed lines, a claim: it stands
    for command in ("grep -c x missing.json", "grep -c 'active: true' people.json || true; false",
                    "grep -c '\\(' people.json", "grep name people.json && false"):
        failed = _bash(command, tmp_path)
        assert not failed.ok and remedy(GIVE_UP, [failed], task, set()) == "", command
    failed = _bash("grep -c 'active: true' people.json", tmp_path)
    assert remedy({"kind": "finish", "success": True, "answer": "0"}, [failed], task, set()) == ""


def test_a_give_up_after_reading_the_answer_file_before_writing_it_is_asked_once_more(tmp_path: Path) -> None:
    (tmp_path / "probe.sh").write_text("#!/bin/sh\necho out\necho 'warn: a' >&2\n")
    task = ("./probe.sh writes some lines to standard output and some to standard error. how many lines does it write "
            "to standard error? number → err-count.txt")
    failed = _bash("grep -c '^' err-count.txt", tmp_path)
    asked: set = set()
    note = remedy(GIVE_UP, [failed], task, asked)
    assert note == ANSWER_FILE_NOTE.format(file="err-count.txt", inputs="./probe.sh") and command_only(note)
    assert remedy(GIVE_UP, [failed], task, asked) == ""
    for words in ("Count the lines of errors.log and write the number into err-count.txt",
                  "Save the count of stderr lines to err-count.txt, please"):
        said = remedy(GIVE_UP, [failed], words, set())
        assert said.startswith("err-count.txt is the file the task asks you to write the answer into"), words
    # an input the task names that is missing (no reason the model made up), or a file the task does not name: stands
    missing = _bash("wc -l < err-input.txt", tmp_path)
    assert remedy(GIVE_UP, [missing], "Count the lines of err-input.txt → n.txt", set()) == ""
    assert remedy(GIVE_UP, [failed], "How many lines does ./probe.sh write to standard error? Tell me.", set()) == ""
    # written once already (then it is not "before anything wrote it"): stands
    wrote = Past({"kind": "write_file", "path": "err-count.txt", "content": "1\n"}, "wrote err-count.txt", True)
    assert remedy(GIVE_UP, [wrote, failed], task, set()) == ""
