"""Facts keyed on what the run did (``models/local_work*.py``, issue 18): each step that changed something is read
(``cp``, ``mv``, ``chmod``, ``sort > F``, ``sed -i``, git, a count into a file, ...), and a proof is offered only when
the task names what it touched, asks for it in words, and asks for nothing else; the facts test what the words say,
not what the command chose (a sort's direction, a count's filter)."""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import Proofs, decide, probe
from macrohard.models.local_work import work_facts


def _run(*commands: str, ok: bool = True) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", ok) for c in commands]


# (task, the run's commands, the facts offered: each a prefix of one fact's wording; [] = nothing proved)
CASES: list[tuple[str, list[str], list[str]]] = [
    ("duplicate the church/ folder as church-2026/, with everything in it (subfolders too)",
     ["cp -r church/ church-2026/", "ls"], ["church-2026 holds a copy of church"]),
    ("restore boathouse/stock.txt from its backup boathouse/stock.txt.bak please",
     ["cp boathouse/stock.txt.bak boathouse/stock.txt"], ["boathouse/stock.txt holds a copy"]),
    ("sort catch-kg.txt from heaviest to lightest (they're numbers) into catch-sorted.txt",
     ["sort -nr catch-kg.txt > catch-sorted.txt", "cat catch-sorted.txt"],
     ["catch-sorted.txt holds the lines of catch-kg.txt", "catch-sorted.txt is sorted from largest to smallest"]),
    ("Put the names in crew.txt in alphabetical order, into crew-sorted.txt",
     ["sort crew.txt > crew-sorted.txt"], ["crew-sorted.txt holds the lines", "crew-sorted.txt is sorted alphabetically"]),
    ("make a new branch ferry-times and switch to it", ["git checkout -b ferry-times"],
     ["the branch ferry-times exists", "the current branch is ferry-times"]),
    ("Merge the harbour-lights branch into main, then delete the branch since it's done.",
     ["git checkout main && git merge harbour-lights && git branch -d harbour-lights"],
     ["harbour-lights was merged into main", "the current branch is main", "the branch harbour-lights is deleted",
      "nothing is left uncommitted"]),
    ("Create a folder papers and move every PDF from inbox/ into it. Whatever isn't a PDF stays in inbox.",
     ["mkdir papers && find inbox/ -type f -name '*.pdf' -exec mv {} papers/ \\;", "ls"],
     ["papers/ is a folder", "no .pdf file is left in inbox/", "papers/ holds .pdf files"]),
    ("move every .jpg out of inbox/ into a new folder photos/ and leave the other files in inbox",
     ["mv inbox/*.jpg photos/", "mkdir -p photos", "mv inbox/*.jpg photos/"],
     ["no .jpg file is left in inbox/", "photos/ holds .jpg files", "photos/ is a folder"]),
    ("The folder drafts/ should be called published/ from now on. Please rename it.", ["mv drafts published"],
     ["drafts is now published"]),
    ("The party moved: replace every 'Saturday' with 'Sunday' in invitation.txt (edit the file itself).",
     ["sed -i 's/Saturday/Sunday/g' invitation.txt"],
     ["invitation.txt says 'Sunday'", "invitation.txt no longer says 'Saturday'"]),
    ("ugh, I deleted tea-ledger.txt by accident. Can you get it back from the last commit?",
     ["git checkout HEAD -- tea-ledger.txt", "cat tea-ledger.txt"], ["tea-ledger.txt is back as in the last commit"]),
    ("unzip maps.zip into maps/ please", ["unzip maps.zip -d maps"], ["every file of maps.zip is in maps/"]),
    ("count the lines in weather.log that mention storm, in any capitalisation, and write the count to storm.txt",
     ["grep -i storm weather.log | wc -l > storm.txt"], ["storm.txt holds the number of the lines of weather.log that"]),
    ("This folder isn't under version control yet. Make it a git repository and commit potato.txt with the message "
     "'prices for 2026'.", ["git init . && git add potato.txt && git commit -m 'prices for 2026'"],
     ["the last commit's message is 'prices for 2026'", "potato.txt is committed"]),
    ("Unstage salary.csv (don't delete it) and commit notes.txt with the message 'meeting notes'.",
     ["git reset HEAD salary.csv && git add notes.txt && git commit -m 'meeting notes'"], []),  # added after: not read
    ("Unstage salary.csv (don't delete it) and commit notes.txt with the message 'meeting notes'.",
     ["git reset HEAD salary.csv", "git commit -m 'meeting notes'"], []),  # notes.txt: no step names it
    ("Unstage salary.csv (don't delete it), then commit with the message 'meeting notes'.",
     ["git reset HEAD salary.csv && git commit -m 'meeting notes'"],
     ["salary.csv is there and not staged", "the last commit's message is 'meeting notes'"]),
    ("Pack the beach folder into beach.tar.gz and then remove the folder itself, we only keep the archive.",
     ["tar -czvf beach.tar.gz beach && rm -rf beach"], ["beach.tar.gz holds beach/'s files", "beach is gone"]),
    ("add the line 'ferry at 9' to the end of notes.txt", ["echo 'ferry at 9' >> notes.txt"],
     ["the last line of notes.txt is 'ferry at 9'", "notes.txt kept lines before it"]),
    ("run-me.sh won't start: it needs to be executable", ["chmod +x run-me.sh"], ["run-me.sh is executable"]),
    # the words do not say which order: the order is open (neither yes nor no)
    ("sort prices.txt into prices-sorted.txt", ["sort -n prices.txt > prices-sorted.txt"],
     ["prices-sorted.txt holds the lines", "prices-sorted.txt is in the order asked"]),
    # a part of a file, not the file: not a copy
    ("Copy the api_token value from settings.json into token.txt.", ["cp settings.json token.txt"], []),
    # the task moves, the run copied (and the other way round)
    ("move report.pdf into done/", ["cp report.pdf done/"], []),
    ("copy report.pdf into done/", ["mv report.pdf done/"], []),
    # every file moved where the task wants one type
    ("move every .jpg out of inbox/ into photos/", ["mv inbox/* photos/"], []),
    # a demand no step answers: another file named, a push, a narrowing word, a count of occurrences
    ("sort a.txt from largest to smallest into b.txt and put how many there are in n.txt", ["sort -nr a.txt > b.txt"], []),
    ("make a new branch ferry and switch to it, then push it", ["git checkout -b ferry"], []),
    ("delete the .log files in logs/ that are older than a week", ["rm logs/*.log"], []),
    ("how many times does storm appear in weather.log? write it to n.txt", ["grep -c storm weather.log > n.txt"], []),
    ("sort the numbers in a.txt, largest first, without duplicates, into b.txt", ["sort -nr a.txt > b.txt"], []),
    # a line added where the run wrote the file over
    ("add the line 'ferry at 9' to the end of notes.txt", ["echo 'ferry at 9' > notes.txt"], []),
    # a step no shape reads, a failed step of none, a file written by hand, a subshell: nothing proved
    ("sort a.txt from largest to smallest into b.txt", ["sort -nr a.txt > b.txt", "rm a.txt"], []),
    ("sort a.txt from largest to smallest into b.txt", ["python3 -c 'print(1)' > b.txt", "sort -nr a.txt > b.txt"], []),
    ("sort a.txt from largest to smallest into b.txt", ["sort -nr a.txt > b.txt || true"], []),
    ("replace 'cat' with 'dog' in pets.txt", ["sed -i 's/cow/dog/g' pets.txt"], []),
    # only read: nothing done, nothing proved
    ("restore tea.txt from the last commit", ["cat tea.txt", "git status"], []),
]


def test_what_the_run_did_becomes_facts_only_where_the_task_asks_for_exactly_that() -> None:
    for task, commands, want in CASES:
        got = [f.what for f in work_facts(task, _run(*commands))]
        assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want, strict=True)), (task, got)
    history = [Past({"kind": "write_file", "path": "b.txt", "content": "3\n2\n"}, "created", True)]
    assert work_facts("sort a.txt from largest to smallest into b.txt", history) == []
    # a failed step of a shape the task asks for is no fact, and its later success is
    steps = _run("mv inbox/*.jpg photos/", ok=False) + _run("mkdir photos && mv inbox/*.jpg photos/")
    assert len(work_facts("move every .jpg out of inbox/ into a new folder photos/", steps)) == 3


def test_the_probe_offered_from_the_work_runs_in_the_sandbox_and_tells_right_from_wrong(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: the work (right for some tasks, wrong for others), then
    each task's probe as the harness writes it. A sort in the other direction, a count of every line where the task
    counts lines that mention a word, a copy changed after: "no"; a sort of words whose case decides the order: open."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    runs = [  # (task, its commands): each proved from its own steps
        ("sort nums.txt from largest to smallest into down.txt", "sort -nr nums.txt > down.txt"),
        ("sort nums.txt from smallest to largest into up.txt", "sort -nr nums.txt > up.txt"),
        ("count the lines in log.txt that mention ferry and write the count to n.txt", "wc -l < log.txt > n.txt"),
        ("count the lines in log.txt that mention storm, in any case, and write the count to m.txt",
         "grep -ci storm log.txt > m.txt"),
        ("duplicate the crew/ folder as crew-2/", "cp -r crew/ crew-2/"),
        ("make a copy of names.txt called names-copy.txt", "cp names.txt names-copy.txt"),
        ("Put the lines of names.txt in alphabetical order, into abc.txt", "sort names.txt > abc.txt"),
        ("make a new branch ferry and switch to it", "git checkout -b ferry"),
    ]
    found = [work_facts(t, _run(c)) for t, c in runs]
    assert all(found), [t for (t, _), f in zip(runs, found, strict=True) if not f]
    work = [{"kind": "bash", "command": " && ".join(c for _, c in runs) + " && echo changed >> names-copy.txt"}]
    ws = tmp_path / "ws"
    ws.mkdir()
    task = Task(text="check the probes", workspace=str(ws),
                files={"nums.txt": "5\n12\n7\n", "log.txt": "Storm at 6\nstorm again\ncalm ferry\n", "crew/a.txt": "Ann\n",
                       "crew/sub/b.txt": "Bo\n", "names.txt": "bob\nAnn\nalice\n"},
                setup=["git init -q -b main && git add -A && git commit -qm start"])
    # every task's probe as the harness writes it, in one step (each after a line of its own to split the output)
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([*work, looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    verdicts = [decide(f, out)[0] for f, out in zip(found, shown, strict=True)]
    assert verdicts == ["yes", "no", "no", "yes", "yes", "no", None, "yes"], shown


def test_the_harness_asks_the_work_s_facts_when_the_words_are_of_no_shape() -> None:
    proofs = Proofs()
    task = "sort catch.txt from heaviest to lightest (they're numbers) into sorted.txt"
    look = proofs.ask(task, _run("sort -nr catch.txt > sorted.txt"), {"kind": "finish", "success": False, "answer": "?"})
    assert look is not None and look["kind"] == "bash" and "sorted.txt | LC_ALL=C sort -c -s -n -r" in look["command"]
    assert proofs.ask(task, _run("sort -nr catch.txt > sorted.txt"), {"kind": "finish"}) is None  # once a run
