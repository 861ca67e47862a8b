"""The training data generator (scripts/policy_tasks.py): reproducible from a seed, every oracle solves
its task through the real loop and passes its check, and no held-out name reaches the data."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

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
        task = template(d)
        task["do"].append({"kind": "finish", "answer": "done", "success": True})
        tasks.append({"id": f"t{i}", **task})
    observations = GEN.verify(tasks)  # raises when an oracle fails its check
    assert len(observations) == len(GEN.TEMPLATES)


def test_the_cli_writes_chats_in_the_models_format(tmp_path: Path) -> None:
    out = tmp_path / "data.jsonl"
    assert GEN.main(["--n", "12", "--seed", "2", "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 12
    for r in records:
        roles = [m["role"] for m in r["messages"]]
        assert roles[:2] == ["system", "user"] and roles[-1] == "assistant"
        assert json.loads(r["messages"][-1]["content"])["kind"] == "finish"
