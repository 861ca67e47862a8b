"""judge26: a one-line file asked for in other words is proved by the harness (``local_shapes._only_line``), both
ways: "whose only line is: X" / "its single line should read X" (the file is that line: yes; else no), "Put the line X
into a new file named F" (the file is that line: yes; that line among others: open; no such line: no). Each proof runs
for real (the steps in bash in a temporary workspace, the probe approved by the real guard)."""

from __future__ import annotations

from pathlib import Path

import pytest

from macrohard.models import local_shapes

from .test_local_proofs25 import _verdict

PANCAKES = "Make a file called pancakes.md whose only line is: flour, eggs, milk"
WALRUS = "Add a hidden config file named .walrusrc to this folder; its single line should read theme=dark"
PORT = "Put the line PORT=8042 into a new file named service.env"


@pytest.mark.parametrize(("task", "steps", "want"), [
    (PANCAKES, ["printf 'flour, eggs, milk\\n' > pancakes.md"], "yes"),
    (PANCAKES, ["printf 'flour, eggs, milk' > pancakes.md"], "yes"),               # no final newline
    (PANCAKES, ["printf 'flour, eggs\\n' > pancakes.md"], "no"),
    (PANCAKES, ["printf 'flour, eggs, milk\\nbutter\\n' > pancakes.md"], "no"),    # not its only line
    (PANCAKES, ["printf 'flour, eggs, milk\\n' > pancake.md"], "no"),              # another file
    (WALRUS, ["echo theme=dark > .walrusrc"], "yes"),
    (WALRUS, ["echo theme=light > .walrusrc"], "no"),
    (WALRUS, ["echo theme=dark > walrusrc"], "no"),                               # not hidden
    (PORT, ["echo PORT=8042 > service.env"], "yes"),
    (PORT, ["printf 'HOST=x\\nPORT=8042\\n' > service.env"], "open"),             # among others: two readings
    (PORT, ["echo PORT=8043 > service.env"], "no"),
    (PORT, ["echo PORT=8042 > services.env"], "no"),
    (PANCAKES, ["ls"], "no"),                                                   # claimed with nothing done
])
def test_a_one_line_file_in_other_words_is_proved_both_ways(task: str, steps: list[str], want: str,
                                                            tmp_path: Path) -> None:
    assert _verdict(task, {}, steps, tmp_path) == want


@pytest.mark.parametrize("task", [
    "Make a file called done.txt whose only line is: finished.",                 # the period: with it or not
    "Make a file called notes.txt whose only line is: hi, then commit it",       # a second demand
    "Put the line PORT=8042 into service.env",                                   # not a new file: other lines stay
    "Make a file called a.txt whose first line is: x",
])
def test_other_wordings_are_not_the_shape(task: str) -> None:
    assert local_shapes.facts(task) == []
