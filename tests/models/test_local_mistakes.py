"""Two more classic shell mistakes refused as format errors (``models/local_mistakes.py``, issue 18, sixteenth
wave; heldout12 dev): ``sed -i ... > OUT`` (sed -i prints nothing, so OUT is left empty) and a data file the task
names run as a command (``shout.txt | tr ...``: "command not found", whose text the model then wrote into the
task's file)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("command", "task", "why"), [
    ("sed -i '/^#/d' steppe.conf > steppe-clean.conf", "Write steppe.conf without comments to steppe-clean.conf",
     "sed -i prints nothing"),
    ("sed -i.bak 's/a/b/' x.txt > y.txt", "Replace a with b, into y.txt", "sed -i prints nothing"),
    ("shout.txt | tr '[:lower:]' '[:upper:]' > shout-upper.txt", "make an all-caps copy of shout.txt named "
     "shout-upper.txt", "shout.txt is run as a command"),
    # the right ways
    ("sed '/^#/d' steppe.conf > steppe-clean.conf", "Write steppe.conf without comments to steppe-clean.conf", ""),
    ("sed -i '/^$/d' poem.txt", "Remove the empty lines from poem.txt (in place).", ""),
    ("sed -i 's/a/b/' x.txt 2>/dev/null", "Replace a with b in x.txt", ""),
    ("sed -i 's/a/b/' x.txt > /dev/null", "Replace a with b in x.txt", ""),
    ("sed -i 's/a/b/' x.txt >&2", "Replace a with b in x.txt", ""),
    ("./cave.sh > out.txt", "Run ./cave.sh and save its output in out.txt", ""),
    ("deploy.sh > out.txt", "Run deploy.sh and save its output in out.txt", ""),
    ("cat shout.txt | tr a-z A-Z > up.txt", "make an all-caps copy of shout.txt named up.txt", ""),
    ("python3.11 tally.py > out.txt", "Run tally.py with python3.11 and save its output in out.txt", ""),
])
def test_two_more_classic_shell_mistakes_are_refused(command: str, task: str, why: str) -> None:
    from macrohard.models.local_mistakes import refused as mistake

    found, hint = mistake({"kind": "bash", "command": command}, task)
    assert (why in found) if why else found == ""
    assert bool(hint) == bool(why)
