"""The README's test command (`bash scripts/test.sh`, what `.ci/run` runs) when a test worker dies.

CI of 72d71975 timed out after 90 minutes: one pytest-xdist worker died in llama.cpp, xdist replaced it, and with
``--dist loadfile`` the dead worker's finished files came back as empty work units, so both workers waited forever at
99 % (pytest-dev/pytest-xdist#1378). The script now runs with ``--max-worker-restart 0``: the run ends at once, failed,
naming the test the worker died in. Before: "replacing crashed worker" (and, sometimes, the hang)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_a_dead_worker_ends_the_run_failed_and_named(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "pytest.ini").write_text("[pytest]\n")
    (suite / "test_a_fine.py").write_text("def test_one():\n    pass\n\n\ndef test_two():\n    pass\n")
    (suite / "test_b_dies.py").write_text("import os\n\n\ndef test_dies():\n    os.abort()\n\n\ndef test_after():\n"
                                          "    pass\n")
    (suite / "test_c_fine.py").write_text("def test_three():\n    pass\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env["MACROHARD_TEST_WORKERS"] = "2"
    try:
        done = subprocess.run(["bash", str(ROOT / "scripts" / "test.sh"), "-c", str(suite / "pytest.ini"),
                               "--rootdir", str(suite), "-p", "no:cacheprovider", "-p", "no:randomly", str(suite)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=400, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the run did not end after a worker died: {(exc.stdout or b'')[-2000:]!r}")
    out = done.stdout + done.stderr
    assert done.returncode not in (0, 5), out[-3000:]
    assert "replacing crashed worker" not in out, out[-3000:]
    assert "crashed and worker restarting disabled" in out, out[-3000:]
    assert "test_b_dies.py::test_dies" in out, out[-3000:]


def test_the_per_test_seconds_file_has_every_tests_seconds_and_cpu_under_two_workers(tmp_path: Path) -> None:
    """`MACROHARD_TEST_SECONDS_JSON` (tests/conftest.py, suite61): the run that got both workers' reports writes every
    test's seconds and CPU seconds; a test that spins shows its CPU, one that sleeps shows its seconds without it."""
    import json
    import shutil

    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copyfile(ROOT / "tests" / "conftest.py", suite / "conftest.py")
    (suite / "pytest.ini").write_text("[pytest]\n")
    (suite / "test_a_spins.py").write_text("import time\n\n\ndef test_spins():\n    end = time.process_time() + 0.3\n"
                                           "    while time.process_time() < end:\n        pass\n")
    (suite / "test_b_sleeps.py").write_text("import time\n\n\ndef test_sleeps():\n    time.sleep(0.3)\n")
    out = tmp_path / "seconds.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update(MACROHARD_TEST_SECONDS_JSON=str(out), PYTHONPATH=os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]))
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "python"), "-m", "pytest", "-c", str(suite / "pytest.ini"),
                           "--rootdir", str(suite), "-p", "no:cacheprovider", "-n", "2", "--dist", "loadfile", str(suite)],
                          cwd=suite, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    seconds = json.loads(out.read_text())
    assert set(seconds) == {"test_a_spins.py::test_spins", "test_b_sleeps.py::test_sleeps"}, seconds
    assert seconds["test_a_spins.py::test_spins"][1] >= 0.25, seconds
    assert seconds["test_b_sleeps.py::test_sleeps"][0] >= 0.3 > seconds["test_b_sleeps.py::test_sleeps"][1], seconds
