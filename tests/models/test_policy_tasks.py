"""The training data generator (scripts/policy_tasks.py): reproducible from a seed, every oracle solves
its task through the real loop and passes its check, and no held-out name reaches the data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> Any:
    spec = importlib.util.spec_from_file_location("policy_tasks", ROOT / "scripts" / "policy_tasks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _load()


def test_same_seed_same_tasks_other_seed_other_tasks() -> None:
    assert GEN.generate(30, seed=5) == GEN.generate(30, seed=5)
    assert GEN.generate(30, seed=5) != GEN.generate(30, seed=6)


def test_no_held_out_name_or_word_in_the_data() -> None:
    tasks = GEN.generate(500, seed=11)
    assert GEN.held_out_overlap(tasks) == set()
    banned = GEN.held_out_words()
    assert "kestrel" in banned and "pancakes.md" in banned  # the held-out suite was read
    assert not {s for s in GEN.Draw(1).stems if s in banned}


def test_every_template_has_an_oracle_that_passes_its_check_in_the_real_loop() -> None:
    d = GEN.Draw(3)
    tasks = []
    for i, template in enumerate(GEN.TEMPLATES):
        tasks.append({"id": f"t{i}", **GEN.finished(template(d))})
    observations = GEN.verify(tasks)  # raises when an oracle does not end as expected
    assert len(observations) == len(GEN.TEMPLATES)
    # the task that cannot be done: its command fails in the real sandbox, and the oracle claims no success
    missing = next(t for t, obs in zip(tasks, observations, strict=True) if t.get("expect") is False)
    assert missing["do"][-1] == {"kind": "finish", "answer": missing["do"][-1]["answer"], "success": False}
    assert any("[exit code" in o for o in observations[tasks.index(missing)])


def test_verify_refuses_an_oracle_that_claims_success_on_a_task_that_cannot_be_done() -> None:
    task = GEN.finished(GEN.t_missing(GEN.Draw(4)))
    task["do"][-1] = {"kind": "finish", "answer": "done", "success": True}
    with pytest.raises(RuntimeError, match="does not end as expected"):
        GEN.verify([{"id": "bad", **task}])


def test_trajectories_are_multi_turn_and_some_end_in_an_honest_failure() -> None:
    tasks = GEN.generate(200, seed=9)
    assert any(sum(a["kind"] != "finish" for a in t["do"]) >= 2 for t in tasks)
    failing = [t for t in tasks if t.get("expect") is False]
    assert 10 <= len(failing) <= 40 and all(t["do"][-1]["success"] is False for t in failing)
    assert all(t["do"][-1]["success"] is True for t in tasks if t.get("expect", True))


def test_the_cli_writes_chats_in_the_models_format(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    assert GEN.main(["--n", "12", "--seed", "2", "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 12
    for r in records:
        roles = [m["role"] for m in r["messages"]]
        assert roles[:2] == ["system", "user"] and roles[-1] == "assistant"
        assert json.loads(r["messages"][-1]["content"])["kind"] == "finish"
