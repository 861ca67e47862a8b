"""A claim resting on a file that holds only the task's *example* of the form does not stand
(``models/local_grounds.example_copied``; twenty-fifth wave: "today's date … formatted like 2026-12-31" answered with
the example's date by ``write_file``, and the fresh judge said yes). The check only ever turns a claim into a
give-up; a value worked out by a command, or a value the words also name as the content, stands as before."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from macrohard.models.local_grounds import example_copied, examples, unfounded
from macrohard.models.local_history import Past

DATE = "write today's date into stamp.txt, formatted like 2030-01-15 (year-month-day), nothing else in the file"


def _wrote(path: str, content: str) -> Past:
    return Past({"kind": "write_file", "path": path, "content": content}, f"created {path} (10 characters, 1 lines)", True)


@pytest.mark.parametrize(("task", "shown"), [
    (DATE, {"2030-01-15"}),
    ('Put the version of the newest tag (e.g. "v1.2.0") in VERSION', {"v1.2.0"}),
    ("Save the number of rows to n.txt in the format 12 (digits only)", {"12"}),
    ("Note the hostname, for example `web-01`, in host.txt", {"web-01"}),
    ("write hello into a.txt", set()),
    # a value the words also give as the content is not only an example
    ("Write 2030-01-15 into d.txt, formatted like 2030-01-15", set()),
])
def test_the_examples_the_words_give(task: str, shown: set[str]) -> None:
    assert examples(task) == shown


def test_a_file_holding_the_example_has_no_grounds() -> None:
    for content in ("2030-01-15", "2030-01-15\n", "'2030-01-15'"):
        why = unfounded([_wrote("stamp.txt", content)], DATE)
        assert "the example of the form" in why and "2030-01-15" in why


def test_work_that_is_not_the_example_stands() -> None:
    assert example_copied([_wrote("stamp.txt", "2031-07-04")], DATE) == ""
    ran = Past({"kind": "bash", "command": "date +%F > stamp.txt"}, "(no output)", True)
    assert unfounded([ran], DATE) == ""
    failed = Past({"kind": "write_file", "path": "stamp.txt", "content": "2030-01-15"}, "refused", False)
    assert example_copied([failed], DATE) == ""


def test_no_published_solution_writes_its_task_s_example() -> None:
    """The published suites' oracle scripts: none writes by hand a file holding its task's example (so no right run
    of theirs loses its claim to this check)."""
    root = Path(__file__).resolve().parents[2] / "benchmarks"
    sealed = {"heldout17.yaml", "heldout18.yaml", "heldout19.yaml", "heldout20.yaml", "heldout21.yaml",
              "heldout22.yaml", "heldout23.yaml", "heldout24.yaml", "heldout25.yaml", "heldout26.yaml",
              "heldout27.yaml", "heldout28.yaml"}
    seen = 0
    for suite in sorted((root / "heldout").glob("heldout*.yaml")) + [root / "tiny_tasks" / "tasks.yaml"]:
        if suite.name in sealed or not suite.exists():
            continue
        data = yaml.safe_load(suite.read_text())
        for task in data["tasks"] if isinstance(data, dict) else data:
            history = [_wrote(str(s.get("path", "")), str(s.get("content", ""))) for s in task.get("script", [])
                       if s.get("kind") == "write_file"]
            seen += bool(examples(task["text"]))
            assert example_copied(history, task["text"]) == "", task["id"]
    assert seen >= 1  # the published suites do give examples
