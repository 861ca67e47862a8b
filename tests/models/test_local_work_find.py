"""Three more steps read as facts (``models/local_work_find.py``, issue 18, twentieth wave): files of one type removed
from a tree by ``find``, files of one type counted into a file, a file's first or last N lines saved; and ``rm
DIR/*.EXT`` no longer proved where the subfolders still hold that type and the words do not say the folder alone.
The tests are what the words ask for, recomputed; open where the words leave a reading that differs here."""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import decide, probe
from macrohard.models.local_work import work_facts


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


CASES: list[tuple[str, list[str], int]] = [
    ("delete every .tmp file in cliffs/, subfolders included", ["find cliffs -type f -name '*.tmp' -exec rm -f {} \\;"], 1),
    ("clean out the .tmp files under cliffs", ["find cliffs/ -name '*.tmp' -delete"], 1),
    ("How many .jpg files are in photos/? Write the number to jpg-count.txt",
     ["find photos/ -type f -name '*.jpg' | wc -l > jpg-count.txt"], 1),
    ("count the .jpg files in photos (subfolders too) and put the number in n.txt", ["ls photos/*.jpg | wc -l > n.txt"], 1),
    ("Put the last 3 lines of tide.log into recent.txt", ["tail -n 3 tide.log > recent.txt"], 1),
    ("save the first five lines of crew.csv as head.csv", ["head -5 crew.csv > head.csv"], 1),
    ("copy the last three lines of tide.log into recent.txt", ["tail -n 2 tide.log > recent.txt"], 1),  # the words' N
    ("delete the .log files in logs/", ["rm logs/*.log"], 1),
    ("cliffs/ is full of .tmp junk, also down in the subfolders. delete all the .tmp files? The .txt notes stay.",
     ["find cliffs -name '*.tmp' -delete"], 1),  # a keep of another type: kept by construction
    # not read: the folder alone said, another demand, two ends named, a count with no number asked for, a narrowing
    ("delete the .tmp files directly in cliffs/", ["find cliffs -type f -name '*.tmp' -delete"], 0),
    ("delete the .tmp files in cliffs/ and commit", ["find cliffs -type f -name '*.tmp' -delete"], 0),
    ("delete the .tmp files in cliffs/ older than a week", ["find cliffs -type f -name '*.tmp' -delete"], 0),
    ("put the first 3 and the last 3 lines of tide.log into ends.txt", ["tail -n 3 tide.log > ends.txt"], 0),
    ("list the .jpg files in photos/ into list.txt", ["find photos/ -name '*.jpg' | wc -l > list.txt"], 0),
    ("How many .jpg files are in photos/? Write the number to n.txt", ["find photos/ -name '*.png' | wc -l > n.txt"], 0),
    ("keep the last 3 lines of tide.log", ["tail -n 3 tide.log > tide.log"], 0),
    ("delete the .tmp files in cliffs, the .tmp files in keep/ stay", ["find cliffs -name '*.tmp' -delete"], 0),
]


def test_the_new_steps_are_read_only_where_the_words_ask_for_exactly_that() -> None:
    for task, commands, want in CASES:
        got = work_facts(task, _run(*commands))
        assert len(got) == want, (task, [f.what for f in got])


def test_the_new_probes_tell_right_from_wrong_and_open_in_the_sandbox(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: the work, then each probe. Right work "yes"; a count or
    lines that are not the words' "no"; a tree whose subfolders make the words read two ways "open" (None)."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    runs = [  # (task, its commands, the verdict)
        ("delete every .tmp file in cliffs/, subfolders included", "find cliffs -type f -name '*.tmp' -delete", "yes"),
        ("delete the .tmp files in dunes", "find dunes -name '*.tmp' -delete", "yes"),  # no subfolders: one reading
        ("delete the .tmp files in coves", "find coves -name '*.tmp' -delete", None),  # subfolders: two readings
        ("delete the .tmp files in reefs/", "rm reefs/*.tmp", None),  # .tmp left below, the words do not say
        ("delete the .tmp files in bays/ and its subfolders too", "rm bays/*.tmp", "no"),
        ("How many .jpg files are in photos/? Write the number to jpg-count.txt",
         "find photos/ -maxdepth 1 -type f -name '*.jpg' | wc -l > jpg-count.txt", "yes"),
        ("How many .jpg files are in albums/ (subfolders too)? Write the number to a.txt",
         "ls albums/*.jpg | wc -l > a.txt", "no"),
        ("How many .jpg files are in shots/? Write the number to s.txt",
         "find shots/ -type f -name '*.jpg' | wc -l > s.txt", None),  # shots/x.JPG: the case reads two ways
        ("Put the last 3 lines of tide.log into recent.txt", "tail -n 3 tide.log > recent.txt", "yes"),
        ("Put the first 2 lines of tide.log into top.txt", "head -n 3 tide.log > top.txt", "no"),
    ]
    found = [work_facts(t, _run(c)) for t, c, _ in runs]
    assert all(found), [t for (t, _, _), f in zip(runs, found, strict=True) if not f]
    ws = tmp_path / "ws"
    ws.mkdir()
    files = {"cliffs/a.tmp": "x", "cliffs/deep/b.tmp": "x", "cliffs/c.txt": "keep", "dunes/a.tmp": "x", "dunes/b.md": "k",
             "coves/a.tmp": "x", "coves/deep/b.tmp": "x", "reefs/a.tmp": "x", "reefs/deep/b.tmp": "x",
             "bays/a.tmp": "x", "bays/deep/b.tmp": "x", "photos/a.jpg": "", "photos/b.jpg": "", "photos/c.png": "",
             "albums/a.jpg": "", "albums/old/b.jpg": "", "shots/a.jpg": "", "shots/x.JPG": "",
             "tide.log": "1\n2\n3\n4\n5\n"}
    task = Task(text="check the probes", workspace=str(ws), files=files)
    work = " && ".join(c for _, c, _ in runs)
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([{"kind": "bash", "command": work}, looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    verdicts = [decide(f, out)[0] for f, out in zip(found, shown, strict=True)]
    assert verdicts == [v for _, _, v in runs], (verdicts, output)
