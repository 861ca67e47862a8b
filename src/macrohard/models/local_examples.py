"""Worked examples for the embedded model: the bank (``local_examples.yaml``) and the few closest
to a task, picked by shared words (tf-idf, file names left out, a few synonyms folded).

A 135M model copies a close, same-format example far better than it follows instructions; which
examples it sees is the strongest lever on its success rate (see benchmarks/RESULTS.md).
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import Any

EXAMPLES_FILE = Path(__file__).with_name("local_examples.yaml")
N_EXAMPLES = 3
# Words that mean the same in a file task, folded so that the example's wording need not match.
_SYNONYMS = {"folder": "directori", "dir": "directori", "directory": "directori", "make": "create",
             "remove": "delete", "erase": "delete", "save": "write", "store": "write", "join": "combine",
             "concatenate": "combine", "merge": "combine", "add": "append", "modify": "change", "edit": "change"}
STOP = frozenset("a an the to in of and with into it its is named file called all that this from".split())


def _words(text: str) -> set[str]:
    """Content words of a task; file names are left out so that what is matched is the kind of task."""
    words = re.findall(r"[\w.*/-]+", text.lower())
    stems = {_stem(w.strip(".?")) for w in words if w not in STOP and not is_path(w)}
    return {_SYNONYMS.get(w, w) for w in stems}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


def is_path(word: str) -> bool:
    return bool(re.search(r"\w\.\w|/", word))


def task_paths(task: str) -> list[str]:
    """File names the task mentions (``notes/today.txt``, ``config.json``), in order."""
    found = [w.strip(".,:;'\"") for w in re.findall(r"[\w./-]+", task) if is_path(w.strip(".,:;'\""))]
    return list(dict.fromkeys(found))


@functools.cache
def load_examples() -> tuple[dict[str, Any], ...]:
    import yaml

    items = yaml.safe_load(EXAMPLES_FILE.read_text())
    out = []
    for item in items:
        if item.get("env") == "browser":
            continue  # whole browser runs: load_browser_examples
        do = item["do"]
        if do["kind"] == "write_file":
            n = do["content"].count("\n") + (0 if do["content"].endswith("\n") else 1)
            result = f"created {do['path']} ({len(do['content'])} characters, {n} lines)"
        else:
            result = item.get("result", "(no output)")
        out.append({"task": item["task"], "do": do, "result": result, "words": _words(item["task"])})
    return tuple(out)


def pick_examples(task: str, kinds: list[str], k: int = N_EXAMPLES) -> list[dict[str, Any]]:
    """The ``k`` examples that share the most words with ``task``, closest last (nearest the task)."""
    words = _words(task)
    examples = load_examples()
    idf = _idf()
    usable = [e for e in examples if e["do"]["kind"] in kinds]

    def score(e: dict[str, Any]) -> float:  # rare shared words count most (tf-idf, cosine-like)
        return sum(idf[w] for w in words & e["words"]) / (len(e["words"]) ** 0.5 or 1.0)

    return list(reversed(sorted(usable, key=score, reverse=True)[:k]))


@functools.cache
def load_browser_examples() -> tuple[dict[str, Any], ...]:
    """The browser runs of the bank: the task and its steps as (action, result as the model reads it)."""
    import yaml

    from macrohard.models.local_browser import short_result

    out = []
    for item in yaml.safe_load(EXAMPLES_FILE.read_text()):
        if item.get("env") != "browser":
            continue
        steps = [(s["do"], s.get("result") or short_result(s["do"], "")) for s in item["steps"]]
        out.append({"task": item["task"], "steps": steps})
    return tuple(out)


@functools.cache
def browser_instruction_words() -> frozenset[str]:
    """The words of the browser examples' tasks (instructions, not values to type)."""
    return frozenset(w.lower().strip(".,") for e in load_browser_examples()
                     for w in re.findall(r"[^\s\"']+", e["task"]))


@functools.cache
def instruction_words() -> frozenset[str]:
    """Every word the examples' tasks use: the vocabulary of instructions, as opposed to names."""
    return frozenset(w.lower() for e in load_examples() for w in re.findall(r"[^\s\"']+", e["task"])
                     if not is_path(w))


@functools.cache
def _idf() -> dict[str, float]:
    examples = load_examples()
    df: dict[str, int] = {}
    for e in examples:
        for w in e["words"]:
            df[w] = df.get(w, 0) + 1
    return {w: math.log((1 + len(examples)) / (1 + n)) + 1.0 for w, n in df.items()}
