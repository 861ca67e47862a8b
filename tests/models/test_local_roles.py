"""The task's words read by their roles (``models/local_roles.py``, issue 18, nineteenth wave): a symptom ("won't
run"), a purpose ("so I can run it"), a position ("a last line"), what is to be kept ("but keep my edits") are not
demands, so a right run whose steps answer every demand is proved; a second demand, a keep that asks for something
new, a narrowing word left over still stop it. And the steps read since (a push, a merge, empty files removed, a
value changed that the task gives in words) tested right and wrong in the real sandbox."""

from __future__ import annotations

import re
from typing import Any

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import decide, probe
from macrohard.models.local_shapes import OPEN
from macrohard.models.local_work import work_facts


def _run(*commands: str) -> list[Past]:
    return [Past({"kind": "bash", "command": c}, "", True) for c in commands]


# (task, the run's commands, how many facts: 0 = nothing proved)
CASES: list[tuple[str, list[str], int]] = [
    # words that are not demands: set aside, the run proved
    ("rename surf.txt to surf-2026.txt, then add a last line to it: waves 3m, offshore wind",
     ["mv surf.txt surf-2026.txt && echo 'waves 3m, offshore wind' >> surf-2026.txt"], 3),
    ("scripts/count.sh won't run, it says permission denied. fix it so I can run it directly", ["chmod +x scripts/count.sh"], 1),
    ("I staged bridge.txt by accident. unstage it but keep my edits in the file", ["git reset HEAD bridge.txt"], 1),
    ("push main to origin please, Enora is waiting for it", ["git push origin main"], 1),
    ("hey, can you merge the fest branch into main? should be no conflicts", ["git merge fest"], 3),
    ("Merge the snow branch into main.", ["git checkout main && git merge snow"], 3),
    ("some of the files in stones/ are empty (zero bytes). get rid of those, keep the ones that have something in them",
     ["find stones/ -type f -empty -exec rm {} \\;"], 1),
    ("Soazig needs prices.txt sorted from cheapest to dearest, saved as sorted.txt (the original stays as it is).",
     ["sort -n prices.txt > sorted.txt"], 2),
    ("in departures.txt every mention of pier 3 should now say pier 5. Some lines mention it twice.",
     ["sed -i 's/pier 3/pier 5/g' departures.txt"], 3),
    ("Before you touch it, save a copy of mill.conf as mill.conf.old. Then bump the line speed in mill.conf from 40 "
     "to 55, nothing else should change.", ["cp mill.conf mill.conf.old", "sed -i 's/speed 40/speed 55/' mill.conf"], 5),
    ("In service.yaml, change the value of the timeout key to 30.", ["sed -i 's/timeout: 10/timeout: 30/' service.yaml"], 4),
    ("Merge the branch glossary into the branch that is currently checked out", ["git merge -q --no-edit glossary"], 2),
    ("delete the old-nets branch, it was merged ages ago. stay on main.", ["git branch -d old-nets"], 2),
    ("Merge the branch lamp into main (stay on main).", ["git merge lamp"], 3),
    ("Create a folder papers and move every PDF from inbox/ into it. Whatever isn't a PDF stays in inbox.",
     ["mkdir papers && mv inbox/*.pdf papers/"], 3),
    ("Create a new git branch called survey and switch to it.", ["git checkout -q -b survey"], 2),
    ("add lentils as a new last line to list.txt", ["echo lentils >> list.txt"], 2),
    ("append 'arch 4 painted' to bridge.log (as its own last line)", ["echo 'arch 4 painted' >> bridge.log"], 2),
    ("append 'arch 4 painted' to bridge.log as its own line", ["echo 'arch 4 painted' >> bridge.log"], 2),
    # the start point checkout -b takes by itself; files the words keep out of a commit, tested (twentieth wave)
    ("Start a new branch called survey from where we are now and switch to it.", ["git checkout -b survey"], 2),
    ("commit only quay.txt, message 'new quay hours'. notes.txt is not ready, leave it uncommitted.",
     ["git add quay.txt && git commit -m 'new quay hours'"], 4),
    ("Delete every .tmp file in work/, but nothing else.", ["rm work/*.tmp"], 1),
    ("Copy the whole templates folder to templates-2027 (keep the original as it is).", ["cp -r templates templates-2027"], 1),
    # a second demand the steps did not answer: not proved
    ("Before you touch it, save a copy of mill.conf as mill.conf.old. Then bump the line speed in mill.conf from 40 "
     "to 55.", ["cp mill.conf mill.conf.old"], 0),
    ("merge the fest branch into main and delete it", ["git merge fest"], 0),
    ("merge the fest branch into main, then push main to origin", ["git merge fest"], 0),
    ("push main to origin and tag it v2", ["git push origin main"], 0),
    ("push main to origin", ["git push -f origin main"], 0),
    ("delete the old-nets branch", ["git branch -D old-nets"], 0),
    ("delete the old-nets branch and switch to main", ["git branch -d old-nets"], 0),
    ("add lentils to list.txt", ["echo lentils > list.txt"], 0),
    ("append 'arch 4 painted' to the first line of bridge.log", ["echo 'arch 4 painted' >> bridge.log"], 0),
    ("make a branch survey off main and switch to it", ["git checkout -b survey"], 0),
    ("commit only quay.txt, message 'new quay hours'. notes.txt is not ready, leave it uncommitted.",
     ["git add quay.txt notes.txt && git commit -m 'new quay hours'"], 0),
    ("commit quay.txt, message 'new quay hours'. quay.txt is not ready", ["git add quay.txt && git commit -m 'new quay hours'"], 0),
    ("push main to origin", ["git push origin dev"], 0),
    # a keep that asks for something new, a but that narrows, a purpose that is not a person using it
    ("rename a.txt to b.txt but keep a copy of a.txt", ["mv a.txt b.txt"], 0),
    ("rename a.txt to b.txt but not on Sundays", ["mv a.txt b.txt"], 0),
    ("fix rates.txt so the totals add up: change 40 to 55", ["sed -i 's/40/55/' rates.txt"], 0),
    # a keep of a part of what the steps changed, a branch to stay on where no step is git's
    ("delete the .log files in logs/, keep the ones from this week", ["rm logs/*.log"], 0),
    ("delete the .log files in logs/ but don't delete the newest one", ["rm logs/*.log"], 0),
    ("make a branch called spike, stay on main", ["git checkout -b spike"], 0),
    # empty files: folders or only the top level named, or a step that removes folders too
    ("remove the empty files and folders in stones/", ["find stones/ -type f -empty -delete"], 0),
    ("remove the empty files directly in stones/", ["find stones/ -type f -empty -delete"], 0),
    ("remove the empty files in stones/", ["find stones/ -empty -delete"], 0),
    # a value changed: the new value not the task's, nothing tying the line to the task's words, a regex
    ("in mill.conf bump the speed from 40 to 55", ["sed -i 's/speed 40/speed 60/' mill.conf"], 0),
    ("in mill.conf bump the speed from 40 to 55", ["sed -i 's/width 40/width 55/' mill.conf"], 0),
    ("in mill.conf set the speed to 55", ["sed -i 's/speed.*/speed 55/' mill.conf"], 0),
    # a part of a file in the copy's own clause is still not a copy of the file
    ("copy the lines of a.txt that mention ferry into b.txt", ["cp a.txt b.txt"], 0),
]


def test_words_read_by_their_roles_prove_only_runs_that_answer_every_demand() -> None:
    for task, commands, want in CASES:
        got = work_facts(task, _run(*commands))
        assert len(got) == want, (task, [f.what for f in got])
    # a copy whose source a later step changed ("keep a copy, then change 2025 to 2026 in it"): open, not "no"
    copy = work_facts("keep a copy of site/ as site-old/, then in site/top.html change 2025 to 2026",
                      _run("cp -r site site-old", "sed -i 's/2025/2026/' site/top.html"))
    assert copy[0].test == f"exit {OPEN}" and len(copy) == 5, copy


def test_the_new_steps_probes_tell_right_from_wrong_in_the_sandbox(tmp_path: Any, store: Any) -> None:
    """One run in the real sandbox under the default guard: a merge, empty files removed, values changed in words, a
    push to a local remote; then each probe. Right work "yes"; empty files left below, a second line changed by a
    key-less replacement, a value glued to a longer number, a push to a remote that is not there: "no"."""
    from macrohard.runner import run_task
    from macrohard.testing import ScriptedModel
    from macrohard.types import Task

    runs = [  # (task, its commands, the verdict)
        ("merge the fest branch into main", "git merge fest", "yes"),
        ("remove the empty files in stones/", "find stones/ -type f -empty -delete", "yes"),
        ("remove the empty files in pebbles/", "find pebbles/ -maxdepth 1 -type f -empty -delete", "no"),
        ("in mill.conf bump the speed from 40 to 55", "sed -i 's/speed 40/speed 55/' mill.conf", "yes"),
        ("in rates.txt bump the rate from 40 to 55", "sed -i 's/40/55/' rates.txt", "no"),  # two lines changed
        ("in big.conf bump the speed from 40 to 55", "sed -i 's/speed 40/speed 55/' big.conf", "no"),  # speed 400
        ("push main to origin", "git push origin main", "yes"),
        ("push main to backup", "git push backup main", "no"),  # no such remote
    ]
    found = [work_facts(t, _run(c.replace(" -maxdepth 1", ""))) for t, c, _ in runs]
    assert all(found), [t for (t, _, _), f in zip(runs, found, strict=True) if not f]
    work = " && ".join(c if "push" not in c else "git commit -qam later && " + c for _, c, _ in runs if "backup" not in c)
    ws = tmp_path / "ws"
    ws.mkdir()
    task = Task(text="check the probes", workspace=str(ws),
                files={"mill.conf": "speed 40\nwidth 40\n", "rates.txt": "rate 40\nfee 40\n", "big.conf": "speed 400\n",
                       "stones/a.txt": "", "stones/sub/b.txt": "", "stones/c.txt": "3 stones\n", "pebbles/d.txt": "",
                       "pebbles/deep/e.txt": ""},
                setup=["git init -q -b main && git add -A && git commit -qm start && git init -q --bare remote.git "
                       "&& git remote add origin remote.git && git checkout -qb fest && echo f > fest.txt && "
                       "git add fest.txt && git commit -qm fest && git checkout -q main"])
    looks = {"kind": "bash", "command": "; ".join(f"echo '=={k}'; {probe(f)['command']}" for k, f in enumerate(found))}
    run = run_task(task, model=ScriptedModel([{"kind": "bash", "command": work}, looks]), store=store)
    output = [s.observation.output for s in store.steps(run.id) if s.action is not None and s.action.kind == "bash"][-1]
    shown = re.split(r"^==\d+$", output, flags=re.M)[1:]
    verdicts = [decide(f, out)[0] for f, out in zip(found, shown, strict=True)]
    assert verdicts == [v for _, _, v in runs], (verdicts, output)
