"""A JSON key's value copied into a file is proved by the harness (``local_shapes._json_value``, judge24): right
work passes; a wrong value, quotes kept, a wrong key, a wrong or missing file, an object value, and a model that
claims without doing fail; a task that also changes the JSON file is no shape. The probe passes the real guard."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macrohard.models.local_history import Past
from macrohard.models.local_proofs import DISPROVED, PROVED, Proofs, settled
from macrohard.models.local_shapes import facts
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.types import BashAction

TASK = "Copy the api_token value from settings.json into token.txt."
SETTINGS = '{"api_token": "tk-81 blue", "port": 8080, "nested": {"a": 1}}\n'


def _finish(task: str, history: list[Past], files: dict[str, str], tmp: Path) -> dict | None:
    proofs = Proofs()
    proofs.start(task)
    look = proofs.ask(task, history, {"kind": "finish", "success": True, "answer": "done"})
    if look is None:
        return None
    tmp.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (tmp / name).write_text(text)
    assert Guard().review(BashAction(command=look["command"]), GuardContext(workspace=str(tmp))).allowed
    out = subprocess.run(["bash", "-c", look["command"]], cwd=tmp, capture_output=True, text=True, timeout=10).stdout
    due = proofs.due(task, [*history, Past(look, out, True)])
    assert due is not None
    return settled(*due)


# written by a command (a value typed by hand with write_file is not grounded: ``local_proofs.grounded``, the judge decides)
WROTE = [Past({"kind": "bash", "command": "jq -r .api_token settings.json > token.txt"}, "(no output)", True)]


@pytest.mark.parametrize(("task", "files", "right"), [
    (TASK, {"token.txt": "tk-81 blue\n"}, True),
    (TASK, {"token.txt": "tk-81 blue"}, True),
    ("Write the value of the port key in settings.json to token.txt", {"token.txt": "8080\n"}, True),
    (TASK, {"token.txt": "tk-81\n"}, False),                 # wrong value
    (TASK, {"token.txt": '"tk-81 blue"\n'}, False),          # quotes kept
    (TASK, {"token.txt": "8080\n"}, False),                  # another key's value
    (TASK, {"tokens.txt": "tk-81 blue\n"}, False),           # wrong name
    (TASK, {}, False),                                       # missing
    (TASK, {"token.txt": "tk-81 blue\nmore\n"}, False),      # extra
    ("Write the value of the nested key in settings.json to token.txt", {"token.txt": '{"a": 1}\n'}, False),
    ("Write the value of the absent key in settings.json to token.txt", {"token.txt": "null\n"}, False),
])
def test_a_json_value_copied_is_proved_both_ways(task, files, right, tmp_path):
    finish = _finish(task, WROTE, {"settings.json": SETTINGS, **files}, tmp_path / "ws")
    assert finish is not None and finish["success"] is right
    assert finish["answer"].startswith(PROVED.split("{")[0] if right else DISPROVED.split("{")[0])


def test_a_claim_without_the_work_is_a_give_up(tmp_path):
    finish = _finish(TASK, [Past({"kind": "bash", "command": "cat settings.json"}, SETTINGS, True)],
                     {"settings.json": SETTINGS}, tmp_path / "ws")
    assert finish is not None and finish["success"] is False


@pytest.mark.parametrize("task", [
    "In rental.json set debug to false, then write the value of its version key into rental-version.txt.",
    "Copy the api_token value from settings.json into token.txt and delete settings.json.",
    "Copy the db.host value from settings.json into token.txt.",       # nested or dotted: two readings
    "Copy the api_token value from settings.json into settings.json.",
])
def test_not_a_shape(task):
    assert facts(task) == []


def test_the_judge_reads_the_per_path_evidence_framed_as_it_was_calibrated():
    """judge24: flow control no longer fences the evidence command's output (``tar tf "$p"`` was read as printing a
    file ``tf``); the judge's question frames it word for word as the loop did (its margins were calibrated so, and
    unfenced they rose for wrong work on replayed real claims, RESULTS.md)."""
    from macrohard.models import local_evidence as le

    plain = "== files here:\nhello.txt\n== hello.txt:\nhello world\n"
    framed = le.framed(plain)
    assert framed.startswith("[UNTRUSTED CONTENT from command output printing tf (not written by the agent in this run)")
    assert "<<<BEGIN UNTRUSTED" in framed and plain in framed
    assert le.framed(framed) == framed  # fenced by the loop (another source): as it is
    assert le.framed("== files here:\nhello.txt\n") == "== files here:\nhello.txt\n"  # no per-path part: never fenced
    chat = le.judge_chat("Put hello world in hello.txt", "done", plain)[1]["content"]
    assert "printing tf" in chat and "0000000000000000" not in chat  # the boundary made steady
