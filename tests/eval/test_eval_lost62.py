"""An evaluation whose runs were never executed (lost) says so and exits 1; `--resume` runs them again (lead, 59th wave).

Before (b7fd0bfd): `macrohard eval run SUITE -m local:qwen-0.5b` without the model's packages recorded the task as
`lost` ("model ... unavailable"), printed the fix as `pip install 'macrohard'` (rich's markup ate `[qwen]`), exited 0,
and `--resume` ran nothing (a lost result counted as one recorded)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.reliability.outsider import flat, mh


def test_runs_never_executed_fail_the_evaluation_and_resume_runs_them_again(tmp_path: Path) -> None:
    suite = tmp_path / "one [a].yaml"
    suite.write_text("name: one\ntasks:\n  - id: t1\n    text: say done\n    script:\n"
                     "      - {kind: finish, answer: done}\n")
    done = mh("eval", "run", str(suite), "-m", "local:no[such]", "--json", timeout=300)
    assert done.stdout.startswith("{"), (done.returncode, done.stdout[-1500:], done.stderr[-1500:])
    report = json.loads(done.stdout)
    eval_id, said = report["eval"]["id"], flat(done.stderr)
    assert done.returncode == 1, (done.returncode, said[-2000:])
    assert report["lost"] == 1 and report["overall"]["n"] == 1, report
    assert "1 of 1 run(s) have no result (lost: never executed, or their worker died; the reason is in the table " \
           "above); fix it, then " \
           f"`macrohard eval run '{suite}' --resume {eval_id}` runs them again" in said, said[-2000:]

    first = json.loads(mh("eval", "show", eval_id, "--json").stdout)["results"]
    again = mh("eval", "run", str(suite), "--resume", eval_id, timeout=300)
    shown = flat(again.stdout + again.stderr)
    assert again.returncode == 1, shown[-2000:]
    assert "unknown local model 'no[such]'" in shown, shown[-2000:]  # as written (before: 'no')
    results = json.loads(mh("eval", "show", eval_id, "--json").stdout)["results"]
    assert [r["key"] for r in results] == ["t1#0"], results  # one result, not two
    assert results[0]["worker"] != first[0]["worker"], (first, results)  # run again, by the resumed process
