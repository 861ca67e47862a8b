"""Where a Gymnasium environment's tasks come from: a fixed task (a task file, or a task and its check), or a
generator ``(rng, site_url) -> (Task, check)`` called with the environment's seeded ``np_random`` at each
reset, so that a seed gives the same task every time. The built-in generators are small families, one per
environment, each with its check (the reward) and an oracle (``oracle``: the actions that solve it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from macrohard.errors import ConfigError
from macrohard.eval.suite import FileCheck, HttpCheck
from macrohard.types import Budget, Task

Generator = Callable[[Any, str], tuple[Task, Any]]

NAMES = ("Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth",
         "Frances Allen", "Ken Thompson", "Margaret Hamilton", "John Backus")
WORDS = ("amber", "birch", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "juniper")
PLANS = ("basic", "pro", "team")


def shell_sum(rng: Any, site: str = "") -> tuple[Task, Any]:
    """Sum the numbers of numbers.txt into answer.txt (3 to 6 numbers from the seed)."""
    numbers = [int(n) for n in rng.integers(1, 1000, size=int(rng.integers(3, 7)))]
    task = Task(text="Add up the numbers in numbers.txt (one per line) and write only the sum into answer.txt.",
                files={"numbers.txt": "\n".join(map(str, numbers)) + "\n"}, budget=Budget(max_steps=8),
                tags=["gym", "shell_sum"])
    return task, FileCheck(path="answer.txt", equals=str(sum(numbers)))


def browser_form(rng: Any, site: str) -> tuple[Task, Any]:
    """Send the local contact form (``macrohard.sites`` ``form``) as a person, email and plan from the seed."""
    name = NAMES[int(rng.integers(len(NAMES)))]
    plan = PLANS[int(rng.integers(len(PLANS)))]
    email = name.split()[0].lower() + "@example.org"
    task = Task(text=f"Open {site} and send the contact form as {name} ({email}) on the {plan.title()} plan.",
                environment="browser", network="none", allow_hosts=[site.split("/")[2]], budget=Budget(max_steps=10),
                tags=["gym", "browser_form"])
    return task, HttpCheck(received_contains={"name": name, "email": email, "plan": plan})


def desktop_note(rng: Any, site: str = "") -> tuple[Task, Any]:
    """Leave a note file with a word from the seed, by starting a program on the desktop."""
    word = WORDS[int(rng.integers(len(WORDS)))]
    task = Task(text=f"Using the desktop, create the file note.txt whose only line is: {word}",
                environment="desktop", network="none", budget=Budget(max_steps=8), tags=["gym", "desktop_note"])
    return task, FileCheck(path="note.txt", equals=word)


GENERATORS: dict[str, Generator] = {"shell": shell_sum, "browser": browser_form, "desktop": desktop_note}
SITES = {"browser": "form"}  # the local site a built-in generator's tasks use


def oracle(task: Task) -> list[dict[str, Any]]:
    """The actions that solve a built-in task (for tests and benchmarks): a scripted expert."""
    tag = next((t for t in task.tags if t in ("shell_sum", "browser_form", "desktop_note")), None)
    if tag == "shell_sum":
        return [{"kind": "bash", "command": "awk '{s+=$1} END {print s}' numbers.txt > answer.txt"},
                {"kind": "finish", "answer": "done"}]
    if tag == "desktop_note":
        word = task.text.rsplit(": ", 1)[1]
        return [{"kind": "desktop_launch", "command": f"sh -c 'echo {word} > note.txt'", "wait": 5},
                {"kind": "desktop_screenshot"}, {"kind": "finish", "answer": "done"}]
    if tag == "browser_form":
        url = task.text.split()[1]
        name, rest = task.text.split(" send the contact form as ")[1].split(" (", 1)
        email, plan = rest.split(")")[0], rest.split(" on the ")[1].split()[0]
        return [{"kind": "browser_goto", "url": url}, {"kind": "browser_type", "element": "e5", "text": name},
                {"kind": "browser_type", "element": "e7", "text": email},
                {"kind": "browser_select", "element": "e9", "option": plan},
                {"kind": "browser_click", "element": "e14"}, {"kind": "finish", "answer": "sent"}]
    raise ConfigError(f"no oracle for task {task.text[:60]!r}: oracles exist for the built-in generated tasks only")


def fixed_task(task: Any, allow_sources: Sequence[str | Path] = ()) -> tuple[Task, Any]:
    """A given task as ``(Task, check)``: a task file path, a ``(Task, check)`` pair, or a ``TaskFile``.

    A task file's ``workspace:`` and ``source:`` lie beside it or in one of ``allow_sources`` (rt49c: the rule
    `macrohard run -f` keeps, ``tasks.confine_task_paths``; a downloaded task file chose the caller's folders)."""
    from macrohard.tasks import TaskFile, confine_task_paths, load_task_and_check

    if isinstance(task, (str, Path)):
        loaded, check = load_task_and_check(task)
        confine_task_paths(loaded, task, allow_sources,
                           say_it="give the environment `allow_source=[\"{folder}\"]` (or pass a (Task, check) pair)")
        if check is None:
            raise ConfigError(f"task file {task} has no `check:`, and a Gymnasium reward comes from the check: add "
                              "one (e.g. `check: {type: file, path: answer.txt, equals: \"42\"}`)")
        return loaded, check
    if isinstance(task, TaskFile):
        return Task.model_validate(task.model_dump(exclude={"check"})), task.check
    if isinstance(task, tuple) and len(task) == 2 and isinstance(task[0], Task):
        return task[0], task[1]
    if isinstance(task, Task):
        raise ConfigError("a Gymnasium task needs a check (the reward comes from it): pass (task, check), a task "
                          "file with `check:`, or a generator")
    raise ConfigError(f"task= takes a task file path, a (Task, check) pair or a generator (rng, site) -> (Task, "
                      f"check), not {type(task).__name__}")


def describe(task: Task, check: Any) -> str:
    return json.dumps({"text": task.text, "check": check.model_dump() if check is not None else None})
