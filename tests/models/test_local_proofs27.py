"""judge27: the commonest demands of right work that still reached the fresh judge (judge26's count: git work, a
computed value in a file), proved by the harness (``local_shapes._git_value``, ``_value_in``, ``_restore``,
``_branch``), both ways: right work proved, planted wrong work refused, a reading the words leave open left to the
judge. Each proof runs for real (the steps in bash in a temporary workspace, the probe approved by the real guard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.models import local_shapes

from .test_local_proofs25 import _verdict

ID = "git -c user.name='Ana Ruiz' -c user.email=ana@example.org"
REPO = (f"git init -q -b main && git add . && {ID} commit -qm 'first notes' && echo b >> a.txt && "
        f"git -c user.name='Bo Lind' -c user.email=bo@example.org commit -qam 'second: more notes'")
FILES = {"a.txt": "a\n", "b.txt": "b\n"}

AUTHOR = "Who made the most recent commit in this repo? Write the author's name (not the email) into last-author.txt."
FIRST = "Who made the very first commit in this repo? Write the author's name into first.txt."
SUBJECT = "Put the subject line of the most recent commit into last-subject.txt"
MESSAGE = "Write the message of the most recent git commit into lastmsg.txt"
BRANCH = "Which branch is checked out right now? Write its name to branch.txt."
HASH = "Write the abbreviated, 7-character hash of the current commit into tip-hash.txt"
COUNT = "How many commits does this repo have on its current branch? put the number in commit-count.txt"


@pytest.mark.parametrize(("task", "steps", "want"), [
    (AUTHOR, ["git log -1 --format=%an > last-author.txt"], "yes"),
    (AUTHOR, ["printf 'Bo Lind' > last-author.txt"], "yes"),                      # no final newline
    (AUTHOR, ["git log -1 --format='%an <%ae>' > last-author.txt"], "no"),        # the email too
    (AUTHOR, ["git log --reverse --format=%an | head -1 > last-author.txt"], "no"),  # the first commit's
    (AUTHOR, ["git log -1 --format=%an > author.txt"], "no"),                     # another file
    (AUTHOR, ["git log -1"], "no"),                                               # claimed with nothing written
    (AUTHOR, [f"git log -1 --format=%an > last-author.txt && git add last-author.txt && {ID} commit -qm x"], "open"),
    (FIRST, ["git log --reverse --format=%an | head -n 1 > first.txt"], "yes"),
    (FIRST, ["git log -1 --format=%an > first.txt"], "no"),
    (SUBJECT, ["git log -1 --format=%s > last-subject.txt"], "yes"),
    (SUBJECT, ["git log -1 --format=%B > last-subject.txt"], "yes"),              # no body: the same text
    (SUBJECT, ["git log -1 --oneline > last-subject.txt"], "no"),                 # the hash in front
    (MESSAGE, ["git log -1 --format=%s > lastmsg.txt"], "yes"),
    (MESSAGE, ["echo 'first notes' > lastmsg.txt"], "no"),
    (BRANCH, ["git branch --show-current > branch.txt"], "yes"),
    (BRANCH, ["git branch > branch.txt"], "no"),                                  # "* main"
    (HASH, ["git rev-parse --short=7 HEAD > tip-hash.txt"], "yes"),
    (HASH, ["git rev-parse HEAD > tip-hash.txt"], "no"),                          # the full hash
    (COUNT, ["git rev-list --count HEAD > commit-count.txt"], "yes"),
    (COUNT, ["echo 1 > commit-count.txt"], "no"),
])
def test_a_git_value_in_the_answer_file_is_proved_both_ways(task: str, steps: list[str], want: str,
                                                            tmp_path: Path) -> None:
    assert _verdict(task, FILES, steps, tmp_path, setup=REPO) == want


def test_a_message_with_a_body_reads_two_ways(tmp_path: Path) -> None:
    setup = f"git init -q -b main && git add . && {ID} commit -qm 'subject here' -m 'and a body'"
    assert _verdict(MESSAGE, FILES, ["git log -1 --format=%s > lastmsg.txt"], tmp_path, setup=setup) == "open"


SUM = "Add up the numbers in amounts.txt (one per line) and write the total to grand-total.txt"
PER_LINE = "gauge.txt has one number per line. Write their sum to readings-sum.txt."
LINES = "how many lines does ossaby.csv have, header included? save the number in ossaby-lines.txt"
ROWS = "How many data rows, not counting the header, does fleet.csv have? Save the number in rows.txt"
DISTINCT = "How many different names are in visitors.txt? Some people visited more than once. Write the number into distinct.txt."
DIRECT = "How many .csv files sit directly in exports/ (not in its subfolders)? Put only the number in csv-count.txt."
DEEP = "How many .csv files are there under exports/ (subfolders included)? Put the number in csv-count.txt"
NUMS = {"amounts.txt": "12\n7.5\n\n-2\n", "gauge.txt": "3\n4\n"}
CSV = {"ossaby.csv": "h\n1\n2\n", "fleet.csv": "id\n1\n2\n3\n"}
NAMES = {"visitors.txt": "Ana\nBo\nAna\nCe\n"}
TREE = {"exports/a.csv": "", "exports/b.csv": "", "exports/c.txt": "", "exports/old/d.csv": ""}


@pytest.mark.parametrize(("task", "files", "steps", "want"), [
    (SUM, NUMS, ["awk '{s+=$1} END {print s}' amounts.txt > grand-total.txt"], "yes"),
    (SUM, NUMS, ["echo 17.50 > grand-total.txt"], "yes"),                         # the same number
    (SUM, NUMS, ["echo 21.5 > grand-total.txt"], "no"),
    (SUM, {"amounts.txt": "12\nn/a\n"}, ["grep -v n/a amounts.txt > grand-total.txt"], "open"),  # no sum: open
    (PER_LINE, NUMS, ["paste -sd+ gauge.txt | bc > readings-sum.txt"], "yes"),
    (PER_LINE, NUMS, ["wc -l < gauge.txt > readings-sum.txt"], "no"),
    (LINES, CSV, ["wc -l < ossaby.csv > ossaby-lines.txt"], "yes"),
    (LINES, CSV, ["echo 2 > ossaby-lines.txt"], "no"),                            # without the header
    (LINES, {"ossaby.csv": "h\n1\n2"}, ["echo 3 > ossaby-lines.txt"], "open"),    # no final newline: wc -l says 2
    (ROWS, CSV, ["tail -n +2 fleet.csv | wc -l > rows.txt"], "yes"),
    (ROWS, CSV, ["wc -l < fleet.csv > rows.txt"], "no"),
    (DISTINCT, NAMES, ["sort -u visitors.txt | wc -l > distinct.txt"], "yes"),
    (DISTINCT, NAMES, ["wc -l < visitors.txt > distinct.txt"], "no"),
    (DISTINCT, {"visitors.txt": "Ana\nana\nBo\n"}, ["echo 3 > distinct.txt"], "open"),  # case: two readings
    (DIRECT, TREE, ["find exports -maxdepth 1 -name '*.csv' | wc -l > csv-count.txt"], "yes"),
    (DIRECT, TREE, ["find exports -name '*.csv' | wc -l > csv-count.txt"], "no"),   # the subfolder's too
    (DEEP, TREE, ["find exports -name '*.csv' | wc -l > csv-count.txt"], "yes"),
    (DEEP, TREE, ["ls exports/*.csv | wc -l > csv-count.txt"], "no"),
    (DIRECT, {**TREE, "exports/.x.csv": ""}, ["find exports -maxdepth 1 -name '*.csv' | wc -l > csv-count.txt"], "open"),  # hidden: ls, find differ
    (SUM, NUMS, ["ls"], "no"),
])
def test_a_computed_number_in_the_answer_file_is_proved_both_ways(task: str, files: dict[str, str], steps: list[str],
                                                                  want: str, tmp_path: Path) -> None:
    assert _verdict(task, files, steps, tmp_path) == want


DIRTY = (f"git init -q -b main && git add . && {ID} commit -qm one && echo broken > almanac.txt && "
         "echo 'high 06:10' >> tides.txt")
DISCARD = ("I messed up almanac.txt. Throw away my uncommitted changes to that file only — my edits to tides.txt "
           "must stay.")
PUT_BACK = "I messed up almanac.txt. Put it back the way it was in the last commit."
OTHER = "I messed up almanac.txt. throw away my uncommitted changes to it (only that file, I still need my other edits)"
GIT_FILES = {"almanac.txt": "jan\n", "tides.txt": "low 01:00\n"}


@pytest.mark.parametrize(("task", "steps", "want"), [
    (DISCARD, ["git checkout -- almanac.txt"], "yes"),
    (DISCARD, ["git restore almanac.txt"], "yes"),
    (DISCARD, ["git checkout -- ."], "no"),                                       # tides.txt's edits lost
    (DISCARD, ["git stash"], "no"),
    (DISCARD, ["git status"], "no"),                                              # nothing done
    (DISCARD, ["git add almanac.txt"], "no"),                                     # staged, not thrown away
    (PUT_BACK, ["git checkout HEAD -- almanac.txt"], "yes"),
    (PUT_BACK, ["rm almanac.txt"], "no"),
    (OTHER, ["git checkout -- almanac.txt"], "yes"),
    (OTHER, ["git reset -q --hard"], "no"),                                       # the other edits lost
])
def test_uncommitted_changes_thrown_away_are_proved_both_ways(task: str, steps: list[str], want: str,
                                                              tmp_path: Path) -> None:
    assert _verdict(task, GIT_FILES, steps, tmp_path, setup=DIRTY) == want


NEW = "Create a git branch called feature-login; you do not need to switch to it"
SWITCH = "create a git branch feature/lanterns from main and switch to it"
SWITCH_NEW = "Switch the repository to a new branch named hotfix-42"
RENAME = "Rename the git branch wip to kestrel-sync, then switch to it."
TWO = (f"git init -q -b main && git add . && {ID} commit -qm one && git branch wip && echo 2 >> a.txt && "
       f"{ID} commit -qam two")


@pytest.mark.parametrize(("task", "steps", "want"), [
    (NEW, ["git branch feature-login"], "yes"),
    (NEW, ["git switch -q -c feature-login"], "yes"),
    (NEW, ["git branch feature_login"], "no"),
    (NEW, ["git branch feature-login wip"], "no"),                                # not at the commit checked out
    (SWITCH, ["git switch -q -c feature/lanterns main"], "yes"),
    (SWITCH, ["git branch feature/lanterns"], "no"),                              # not switched to
    (SWITCH_NEW, ["git checkout -q -b hotfix-42"], "yes"),
    (SWITCH_NEW, ["git branch hotfix-42"], "no"),
    (RENAME, ["git branch -m wip kestrel-sync && git switch -q kestrel-sync"], "yes"),
    (RENAME, ["git branch -m wip kestrel-sync"], "no"),                           # not switched to
    (RENAME, ["git branch kestrel-sync wip && git switch -q kestrel-sync"], "no"),  # wip is still there
])
def test_a_branch_made_switched_or_renamed_is_proved_both_ways(task: str, steps: list[str], want: str,
                                                               tmp_path: Path) -> None:
    assert _verdict(task, FILES, steps, tmp_path, setup=TWO) == want


@pytest.mark.parametrize("task", [
    "Who made the most recent commit in this repo? Write the author's name into author.txt and commit it.",
    "Who made the most recent commit? Write the name and the email into author.txt.",
    "Add up the numbers in amounts.txt that are positive and write the total to total.txt",
    "How many different IPs are in access.log? The first field. Write the number into ips.txt.",
    "How many .csv files are in exports/? Put the number in n.txt",                # directly or at any depth: unsaid
    "I messed up a.txt. Throw away my uncommitted changes to it and commit b.txt.",
    "I messed up a.txt. Throw away my uncommitted changes to it. c.txt is new.",   # another file the words don't keep
    "Create a git branch called x",                                               # switched to or not: unsaid
    "Rename the branch master to trunk, then commit the new file h.txt on it with the message 'Add h'.",
])
def test_other_wordings_are_not_the_shape(task: str) -> None:
    assert local_shapes.facts(task) == []


def _by_hand(task: str, files: dict[str, str], path: str, content: str, tmp: Path, setup: str = "") -> str:
    """The verdict after a run that looked (``ls``, ``git log -1``) and wrote the answer file by hand (``write_file``)."""
    import subprocess

    from macrohard.models.local_history import Past
    from macrohard.models.local_proofs import Proofs, settled

    for name, text in files.items():
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text(text)
    if setup:
        subprocess.run(["bash", "-c", setup], cwd=tmp, check=True, capture_output=True, timeout=30)
    (tmp / path).write_text(content)
    look = "git log -1" if setup else "ls"  # a git task: a step ran git (else local_grounds.unfounded)
    history = [Past({"kind": "bash", "command": look}, "\n".join(files), True),
               Past({"kind": "write_file", "path": path, "content": content}, f"created {path}", True)]
    proofs = Proofs()
    look = proofs.ask(task, history, {"kind": "finish", "success": True, "answer": "done"})
    if look is None:
        return "none"
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp, capture_output=True, text=True, timeout=30).stdout
    finish = settled(*proofs.due(task, [*history, Past(look, out, True)]))  # type: ignore[misc]
    return "open" if finish is None else "yes" if finish["success"] else "no"


@pytest.mark.parametrize(("task", "files", "path", "content", "setup", "want"), [
    # a value the harness recomputes stands however it was written (heldout10's planted other way: "4" by hand)
    (DISTINCT, {"visitors.txt": "Ana\nBo\nAna\nCe\nDi\n"}, "distinct.txt", "4", "", "yes"),
    (DISTINCT, {"visitors.txt": "Ana\nBo\nAna\nCe\nDi\n"}, "distinct.txt", "5", "", "no"),
    (PER_LINE, {"gauge.txt": "20\n30\n"}, "readings-sum.txt", "50", "", "yes"),
    (SUM, {"amounts.txt": "90\n5\n"}, "grand-total.txt", "95.0", "", "yes"),   # heldout6's "95.0", a float
    (SUM, {"amounts.txt": "90\n5\n"}, "grand-total.txt", "96", "", "no"),
    (AUTHOR, FILES, "last-author.txt", "Bo Lind\n", REPO, "yes"),
    (AUTHOR, FILES, "last-author.txt", "Ana Ruiz\n", REPO, "no"),
])
def test_a_recomputed_value_written_by_hand_is_proved_both_ways(task: str, files: dict[str, str], path: str,
                                                                content: str, setup: str, want: str,
                                                                tmp_path: Path) -> None:
    assert _by_hand(task, files, path, content, tmp_path, setup) == want
