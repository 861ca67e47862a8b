"""Right work the harness failed to claim (issue 18, agent22): heldout15's even half had 11 passes of 15 unclaimed, 7 of
them right work of a possible task that the model itself judged "not done". The harness's own tests now read more of
those tasks' words: a column added up by its header, a word's occurrences counted, the lines that mention a word, a
column pulled out of a CSV file, files counted "in its subfolders", a merge "into the branch I'm on", a commit whose
message is written out unquoted in a new repository, a move of one type where "the pictures stay", empty files cleared
"in its subfolders too". Each fact is tested in the real sandbox: yes on right work, no on wrong work and on the
untouched workspace, open where the task's words read two ways that differ here."""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import decide, probe
from macrohard.models.local_shapes import facts
from macrohard.models.local_work import work_facts


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


# (task, the facts its words give: each a prefix of one fact's wording; [] = no shape)
WORDS: list[tuple[str, list[str]]] = [
    ("add up the sacos column of cosecha.csv and write the total to sacos-total.txt",
     ["sacos-total.txt holds the sum of the sacos column of cosecha.csv"]),
    ("What's the total of the kilos column in harvest.csv? Put it in kilos.txt.",
     ["kilos.txt holds the sum of the kilos column of harvest.csv"]),
    ("What's the total of the kg column in catch.csv? Just the number into catch-total.txt.",
     ["catch-total.txt holds the sum of the kg column of catch.csv"]),
    ("How many times does the word curanto come up in fiesta.txt? Put the number in curanto-count.txt.",
     ["curanto-count.txt holds the number of the times curanto occurs in fiesta.txt"]),
    ("how many times does storm appear in weather.log? write it to n.txt",
     ["n.txt holds the number of the times storm occurs in weather.log"]),
    ("Grab every line of molino.log that mentions an error (however it's capitalised) and put them in errores.txt",
     ["errores.txt holds the lines of molino.log that mention error"]),
    ("pull the second column of pesca.csv into especies.txt, without the header",
     ["especies.txt holds column 2 of pesca.csv without its header"]),
    ("How many files are there in cartas/, counting the ones in its subfolders? Just the number, in cartas-total.txt.",
     ["cartas-total.txt holds the number of the files in cartas/"]),
    # a qualifier with no demand word narrows what the harness would compute over the whole file: no shape
    ("add up the sacos column of cosecha.csv for the Monday rows and write the total to t.txt", []),
    ("pull the second column of pesca.csv into especies.txt, without the header, for the boats from Ancud", []),
    ("Please add up the sacos column of cosecha.csv and write the total to sacos-total.txt.",
     ["sacos-total.txt holds the sum of the sacos column of cosecha.csv"]),
    # the header neither left out nor kept in words: the two readings always differ, no shape
    ("pull the second column of pesca.csv into especies.txt", []),
    # another demand beside the sum (a sort, a second file): not proved
    ("add up the sacos column of cosecha.csv, write the total to t.txt and sort cosecha.csv by it", []),
    ("add up the sacos column of cosecha.csv and write the total to t.txt and the average to a.txt", []),
]

# (task, the run's commands, the facts its steps give)
STEPS: list[tuple[str, list[str], list[str]]] = [
    ("Merge feature-chapalele into the branch I'm on, then delete feature-chapalele, it's done.",
     ["git merge feature-chapalele && git branch -d feature-chapalele"],
     ["feature-chapalele was merged into the current branch", "the branch feature-chapalele is deleted",
      "nothing is left uncommitted"]),
    ("Merge harbour-lights into the main branch and delete harbour-lights afterwards.",
     ["git checkout main && git merge harbour-lights && git branch -d harbour-lights"],
     ["harbour-lights was merged into main", "the current branch is main", "the branch harbour-lights is deleted",
      "nothing is left uncommitted"]),
    ("turn this folder into a git repository and commit everything in it, message: first mingas",
     ["git init && git add . && git commit -m 'first mingas'"],
     ["the last commit's message is 'first mingas'", "nothing is left uncommitted"]),
    # the message committed is not the one the words give: not proved
    ("turn this folder into a git repository and commit everything in it, message: first mingas",
     ["git init && git add . && git commit -m 'first commit'"], []),
    ("could you move the poems (the .txt files) from bandeja into the poemas folder? the pictures stay where they are",
     ["mv bandeja/*.txt poemas/"], ["no .txt file is left in bandeja/", "poemas/ holds .txt files"]),
    # pictures moved where the pictures are to stay: the keep is not kept by construction
    ("move the .jpg files from bandeja into fotos, the pictures stay where they are", ["mv bandeja/*.jpg fotos/"], []),
    ("Clear out the empty files in cajas/, its subfolders too. Anything with something in it stays.",
     ["find cajas/ -type f -empty -exec rm -f {} \\;"], ["no empty file is left in cajas/"]),
    ("what's inside paquete.tar.gz? list its contents into paquete-contenido.txt, without unpacking it",
     ["tar -tf paquete.tar.gz > paquete-contenido.txt"], ["paquete-contenido.txt holds the list of what is in paquete"]),
    ("list what's in paquete.tar.gz into l.txt and unpack it", ["tar -tzf paquete.tar.gz > l.txt"], []),
    ("undo my last commit but keep its changes in the files", ["git reset HEAD~1"],
     ["the last commit is undone", "the files still hold the undone commit's changes"]),
    # the words throw the changes away: not this shape
    ("undo my last commit and throw its changes away", ["git reset HEAD~1"], []),
    # the reset threw them away where the words keep them: the same facts, which then fail (judge25: no proof sent it
    # to the fresh judge, who said yes to heldout15's planted `git reset --hard HEAD~1`; test_local_proofs25)
    ("undo my last commit but keep its changes in the files", ["git reset --hard HEAD~1"],
     ["the last commit is undone", "the files still hold the undone commit's changes"]),
    # only the top level asked for: a find that goes down is not that
    ("Clear out the empty files directly in cajas/, not in its subfolders.",
     ["find cajas/ -type f -empty -exec rm -f {} \\;"], []),
]


def test_the_new_shapes_are_read_from_the_words_only_where_nothing_else_is_asked() -> None:
    for task, want in WORDS:
        got = [f.what for f in facts(task)]
        assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want, strict=True)), (task, got)


def test_the_steps_give_facts_for_the_wordings_heldout15_left_unclaimed() -> None:
    for task, commands, want in STEPS:
        got = [f.what for f in work_facts(task, _run(*commands))]
        assert len(got) == len(want) and all(g.startswith(w) for g, w in zip(got, want, strict=True)), (task, got)


def test_the_new_facts_tell_right_from_wrong_in_the_sandbox(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: the work (right for some files, wrong for others, absent for
    some), then every probe as the harness writes it. A column that is not there (heldout10's karrantza, heldout15's
    naiman: impossible tasks) is "no", so a give-up stays one; a count whose readings differ ("cat" inside "catalog")
    is open."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    cases = [  # (task, the verdict wanted)
        ("add up the sacos column of cosecha.csv and write the total to sum-right.txt", "yes"),
        ("add up the sacos column of cosecha.csv and write the total to sum-wrong.txt", "no"),
        ("add up the sacos column of cosecha.csv and write the total to sum-missing.txt", "no"),
        ("add up the price column of cosecha.csv and write the total to sum-right.txt", "no"),  # no such column
        ("add up the dia column of cosecha.csv and write the total to sum-right.txt", "no"),  # not numbers
        ("How many times does the word curanto come up in fiesta.txt? Put the number in n-right.txt.", "yes"),
        ("How many times does the word curanto come up in fiesta.txt? Put the number in n-lines.txt.", "no"),
        ("How many times does the word cat come up in pets.txt? Put the number in n-cat.txt.", None),  # catalog
        ("Grab every line of molino.log that mentions an error (however it's capitalised) and put them in e-right.txt",
         "yes"),
        ("Grab every line of molino.log that mentions an error (however it's capitalised) and put them in e-some.txt",
         "no"),
        ("Grab every line of molino.log that mentions an error and put them in e-some.txt", None),  # case not said
        ("pull the second column of pesca.csv into col-right.txt, without the header", "yes"),
        ("pull the second column of pesca.csv into col-head.txt, without the header", "no"),
        ("pull the second column of pesca.csv into col-head.txt, with the header", "yes"),
        ("How many files are there in cartas/, counting the ones in its subfolders? Just the number, in files.txt.",
         "yes"),
        # no such source: a 0 or an empty file is no answer to check (the task cannot be done)
        ("How many times does the word curanto come up in nada.txt? Put the number in zero.txt.", "no"),
        ("Grab every line of nada.log that mentions an error (however it's capitalised) and put them in empty.txt", "no"),
        ("pull the second column of nada.csv into empty.txt, without the header", "no"),
    ]
    found = [facts(t) for t, _ in cases]
    assert all(found), [t for (t, _), f in zip(cases, found, strict=True) if not f]
    ws = tmp_path / "ws"
    ws.mkdir()
    task = Task(text="check the probes", workspace=str(ws), files={
        "cosecha.csv": "dia,sacos\nlunes,12\nmartes,30\nmiercoles,7\njueves,101\n",
        "sum-right.txt": "150\n", "sum-wrong.txt": "149\n",
        "fiesta.txt": "curanto at noon and curanto again at six\nno curanto on Monday\nmilcao\n",
        "n-right.txt": "3\n", "n-lines.txt": "2\n", "pets.txt": "cat\ncatalog\n", "n-cat.txt": "2\n",
        "molino.log": "ok\nERROR one\nerror two\nfine\n", "e-right.txt": "ERROR one\nerror two\n", "e-some.txt": "error two\n",
        "pesca.csv": "dia,especie\n1,merluza\n2,congrio\n", "col-right.txt": "merluza\ncongrio\n",
        "col-head.txt": "especie\nmerluza\ncongrio\n",
        "cartas/a.txt": "a\n", "cartas/viejas/b.txt": "b\n", "files.txt": "2\n", "zero.txt": "0\n", "empty.txt": "",
    })
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    assert len(shown) == len(found), [(s.action, s.verdict, s.observation) for s in store.steps(run.id)][-2:]
    verdicts = [decide(f, out)[0] for f, out in zip(found, shown, strict=True)]
    assert verdicts == [want for _, want in cases], verdicts


def test_an_undone_commit_and_a_listing_in_the_sandbox(tmp_path: Any, store: Any) -> None:
    """A commit undone by ``git reset HEAD~1`` (its new file untracked now, its edit unstaged): yes; undone with
    ``--hard``: no (the changes are gone); a listing of the archive: yes, one that left a name out: no."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    undo = work_facts("undo my last commit but keep its changes in the files", _run("git reset HEAD~1"))
    listing = work_facts("list what's in pack.tar.gz into l.txt", _run("tar -tzf pack.tar.gz > l.txt"))
    verdicts = []
    for reset, listed in (("git reset HEAD~1", "tar -tzf pack.tar.gz > l.txt"),
                          ("git reset --hard HEAD~1", "tar -tzf pack.tar.gz | head -n 1 > l.txt")):
        ws = tmp_path / f"ws{len(verdicts)}"
        ws.mkdir()
        task = Task(text="check the probes", workspace=str(ws), files={"muelle.txt": "one\n", "box/a.txt": "a\n",
                                                                       "box/b.txt": "b\n"},
                    setup=["git init -q -b main && git add -A && git commit -qm start && tar -czf pack.tar.gz box && "
                           "echo two >> muelle.txt && echo new > nuevo.txt && git add -A && git commit -qm second"])
        looks = {"kind": "bash", "command": f"echo '==0'; {probe(undo)['command']}; echo '==1'; {probe(listing)['command']}"}
        run = run_task(task, model=ScriptedModel([{"kind": "bash", "command": f"{reset} && {listed}"}, looks]),
                       store=store)
        output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
        shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
        verdicts.append([decide(f, out)[0] for f, out in zip((undo, listing), shown, strict=True)])
    assert verdicts == [["yes", "yes"], ["no", "no"]], verdicts
