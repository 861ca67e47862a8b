"""One reader of "a value the task shows as an example" (``models/local_shown.shown``, twenty-sixth wave): the cues
and values both former readers took (``local_work_grep``'s bare "like" before a path, ``local_grounds``' quoted values
and its rule that a value named twice is no example), the words that read no example, and both users reading the same.
"""

from __future__ import annotations

import pytest

from macrohard.models.local_grounds import example_copied, examples
from macrohard.models.local_history import Past
from macrohard.models.local_shown import shown
from macrohard.models.local_work import work_facts


@pytest.mark.parametrize(("task", "want"), [
    # local_work_grep's readings: a bare "like" (or e.g., such as, for example) before a path
    ("List the files under src/ that contain FIXME, sorted, into fixme.txt (paths like src/x/y.py).", {"src/x/y.py"}),
    ("Write their paths like src/x.py, one per line, to fixme.txt", {"src/x.py"}),
    ("Write its name (just the name, e.g. kirje.txt) into herring-file.txt.", {"kirje.txt"}),
    ("the version, such as 1.2.3, into v.txt", {"1.2.3"}),
    # local_grounds' readings: quoted values and the cues of a format
    ("paths like 'src/x.py' into out.txt", {"src/x.py"}),
    ('Put the version of the newest tag (e.g. "v1.2.0") in VERSION', {"v1.2.0"}),
    ("Save the number of rows to n.txt in the format 12 (digits only)", {"12"}),
    ("Note the hostname, for example `web-01`, in host.txt", {"web-01"}),
    ("today's date into stamp.txt, formatted like 2030-01-15 (year-month-day)", {"2030-01-15"}),
    ("a tag like v1.2.0 in t.txt", {"v1.2.0"}),
    # no example: the value named elsewhere too, a wish, a phrase, a plain word, a word that only holds the letters
    ("Write 2030-01-15 into d.txt, formatted like 2030-01-15", set()),
    ("for example 1.0 becomes v1.0", set()),
    ("I'd like palette.txt here to be a symlink", set()),
    ("we would like 2.0 in v.txt", set()),
    ("Words that merely contain cat (like catalog) stay", set()),
    ("do it like this: 1.2", set()),
    ("in the format that sha256sum -c can verify", set()),
    ("flour, eggs, milk", set()),
    ("it is likely 3.4, unlike v1.0", set()),
    ("write hello into a.txt", set()),
])
def test_the_one_reader(task: str, want: set[str]) -> None:
    assert shown(task) == want
    assert examples(task) == want  # local_grounds reads through it


def test_both_users_read_the_same_example() -> None:
    task = "Which file in media/ is the largest? Write only its file name (like clip.mov) into largest-clip.txt."
    wrote = Past({"kind": "write_file", "path": "largest-clip.txt", "content": "clip.mov"}, "created largest-clip.txt", True)
    assert "the example of the form" in example_copied([wrote], task)  # a bare "like": once not read by local_grounds
    quoted = "List the paths of the files under src/ that contain FIXME, one per line, sorted, into fixme.txt ('src/x.py')."
    step = [Past({"kind": "bash", "command": "grep -rl FIXME src | sort > fixme.txt"}, "", True)]
    assert work_facts(quoted.replace("('src/x.py')", "(paths like 'src/x.py')"), step)  # a quoted example path set aside
    assert work_facts(quoted, step) == []  # a path named without a cue is a file the run never touched: no proof
