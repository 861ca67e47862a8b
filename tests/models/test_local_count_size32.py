"""Two steps read as facts (issue 18, agent32), each from a right heldout20 run that gave up on its own "no".
(1) Files counted by size into a file (``local_work_find.count_sized``, issue 18, agent32): ``find DIR -type f -size +Nc
| wc -l > F`` where the words ask how many files are bigger (or smaller) than N bytes. heldout20's castelsardo run did
this right and gave up on its own "no". The test recounts with the words' size and direction, never the command's;
a KB (1000 or 1024?), a kind of file ("log files", ".txt files"), or another narrowing is not read.
(2) ``chmod MODE FILE`` where the words spell the mode out (``r--r--r--``, "mode 640"): the file has exactly the words'
mode (lanusei). A mode given only in prose ("read-only", "owner only") reads more than one way and is not read."""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import decide, probe
from macrohard.models.local_work import work_facts


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


BIG = "find bins -type f -size +1024c | wc -l > n.txt"
CASES: list[tuple[str, str, int]] = [
    ("how many files in bins are bigger than 1024 bytes? put just the number in n.txt", BIG, 1),
    ("Count the files in bins larger than 1024 bytes, at any depth, and save the number to n.txt", BIG, 1),
    ("number of files in bins smaller than 600 bytes -> n.txt", "find bins -type f -size -600c | wc -l > n.txt", 1),
    ("how many files in bins are bigger than 1024 bytes? write it in n.txt", "find bins -size +1k | wc -l > n.txt", 1),
    # not read: a unit that reads two ways, a kind of file, another narrowing, another demand, no count asked
    ("how many files in bins are bigger than 1 KB? put just the number in n.txt", BIG, 0),
    ("how many .bin files in bins are bigger than 1024 bytes? number in n.txt", BIG, 0),
    ("how many log files in bins are bigger than 1024 bytes? number in n.txt", BIG, 0),
    ("how many files in bins are bigger than 1024 bytes and older than a week? number in n.txt", BIG, 0),
    ("how many files in bins are bigger than 1024 bytes? number in n.txt, then delete them", BIG, 0),
    ("list the files in bins bigger than 1024 bytes into n.txt", BIG, 0),
    ("how many files in bins are bigger than 1024 bytes directly in it, and in its subfolders? n.txt", BIG, 0),
]


def test_a_size_count_is_read_only_where_the_words_ask_for_exactly_that() -> None:
    for task, command, want in CASES:
        got = work_facts(task, _run(command))
        assert len(got) == want, (task, [f.what for f in got])


def test_the_probe_recounts_with_the_words_size_in_the_sandbox(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: right counts "yes"; the command's own wrong size or
    direction, or the folder itself counted, "no"; subfolders that change the count where the words do not say "open"."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    ask = "how many files in {d} are bigger than 1024 bytes? put just the number in {o}"
    runs = [  # (task, its command, the verdict)
        (ask.format(d="bins", o="a.txt"), "find bins -type f -size +1024c | wc -l > a.txt", "yes"),
        (ask.format(d="bins", o="b.txt"), "find bins -type f -size +1023c | wc -l > b.txt", "no"),  # 1024 itself counted
        (ask.format(d="bins", o="c.txt"), "find bins -type f -size -1024c | wc -l > c.txt", "no"),  # the other way
        (ask.format(d="bins", o="d.txt"), "find bins -size +1024c | wc -l > d.txt", "no"),  # the folder bins/ itself counted (4096 bytes)
        (ask.format(d="tree", o="e.txt"), "find tree -type f -size +1024c | wc -l > e.txt", None),  # depth reads two ways
        (ask.format(d="tree", o="f.txt") + ", subfolders included", "find tree -type f -size +1024c | wc -l > f.txt", "yes"),
        ("how many files in bins are smaller than 1024 bytes? number in g.txt",
         "find bins -type f -size -1024c | wc -l > g.txt", "yes"),
    ]
    found = [work_facts(t, _run(c)) for t, c, _ in runs]
    assert all(found), [t for (t, _, _), f in zip(runs, found, strict=True) if not f]
    ws = tmp_path / "ws"
    ws.mkdir()
    files = {"bins/small.bin": "x" * 500, "bins/exact.bin": "x" * 1024, "bins/over.bin": "x" * 1025,
             "bins/big.bin": "x" * 3000, "tree/top.bin": "x" * 2000, "tree/sub/deep.bin": "x" * 2000}
    task = Task(text="check the probes", workspace=str(ws), files=files)
    work = " && ".join(c for _, c, _ in runs)
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([{"kind": "bash", "command": work}, looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    verdicts = [decide(f, out)[0] for f, out in zip(found, shown, strict=True)]
    assert verdicts == [v for _, _, v in runs], (verdicts, output)


MODE_CASES: list[tuple[str, str, list[str]]] = [
    ("make statuto.txt read-only for everybody (r--r--r--)", "chmod 444 statuto.txt", ["statuto.txt has mode 444"]),
    ("make statuto.txt read-only for everybody (r--r--r--)", "chmod a-w statuto.txt", ["statuto.txt has mode 444"]),
    ("set report.pdf to mode 640", "chmod 640 report.pdf", ["report.pdf has mode 640"]),
    ("set the permissions of key.pem to 600", "chmod 0600 key.pem", ["key.pem has mode 600"]),
    ("set the permissions of key.pem to 600", "chmod 644 key.pem", ["key.pem has mode 600"]),  # the words' mode, tested
    # not read: the mode in prose only, another demand, a narrowing, two modes, a recursive chmod
    ("make statuto.txt read-only for everybody", "chmod 444 statuto.txt", []),
    ("set the permissions of key.pem to 600 and delete old.pem", "chmod 600 key.pem", []),
    ("make statuto.txt rw-r--r-- but not the others", "chmod 644 statuto.txt", []),
    ("a.txt gets rw-r--r-- and b.txt gets r--------", "chmod 644 a.txt", []),
    ("set the permissions of docs to 750", "chmod -R 750 docs", []),
]


def test_a_mode_is_read_only_where_the_words_spell_it_out() -> None:
    for task, command, want in MODE_CASES:
        assert [f.what for f in work_facts(task, _run(command))] == want, (task, command)


def test_the_mode_probe_tells_right_from_wrong(tmp_path: Any, store: Any) -> None:
    """In the real sandbox: the words' mode "yes", another mode (write taken from the owner only) "no"."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    runs = [("make a.txt read-only for everybody (r--r--r--)", "chmod 444 a.txt", "yes"),
            ("make b.txt read-only for everybody (r--r--r--)", "chmod u-w b.txt", "no"),
            ("set c.txt to mode 640", "chmod 640 c.txt", "yes")]
    found = [work_facts(t, _run(c)) for t, c, _ in runs]
    assert all(found)
    ws = tmp_path / "ws"
    ws.mkdir()
    task = Task(text="check the probes", workspace=str(ws), files={"a.txt": "1\n", "b.txt": "2\n", "c.txt": "3\n"})
    work = "chmod 664 a.txt b.txt c.txt && " + " && ".join(c for _, c, _ in runs)
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([{"kind": "bash", "command": work}, looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    assert [decide(f, out)[0] for f, out in zip(found, shown, strict=True)] == [v for _, _, v in runs], output
