"""Every command check of every held-out suite fails on the untouched workspace, in the default run. The oracle solve
(`suite_oracle.assert_oracle_sound`, through the real loop) proves it for the tasks it runs; for a task whose solve
is left to ``-m oracle_full`` by the frozen sample (``conftest._frozen_sampled``, or a suite file's own marks), this
module's case proves it alone (the files and setup, then the check: no loop). ``conftest`` gives a case the
``oracle_full`` mark when the solve of its task runs by default, so each task's "fails untouched" runs once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from .suite_oracle import assert_command_check_fails_untouched, has_command_check, heldout_file, load_bench, workspace

_SUITE_FILE = re.compile(r"test_heldout(\d*)_suite\.py$")


def _numbers() -> list[int]:
    """The suites that have a test module here (heldout.yaml is 1)."""
    found = (_SUITE_FILE.search(p.name) for p in Path(__file__).parent.iterdir())
    return sorted(int(m.group(1) or 1) for m in found if m)


def _cases() -> list[Any]:
    bench, cases = load_bench(), []
    for number in _numbers():
        cases += [pytest.param(number, spec, id=f"heldout{number}-{spec['id']}")
                  for spec in bench.load_suite(heldout_file(number)) if has_command_check(spec)]
    return cases


@pytest.mark.parametrize(("number", "spec"), _cases())
def test_a_command_check_fails_untouched(number: int, spec: dict[str, Any], tmp_path: Path) -> None:
    assert_command_check_fails_untouched(spec, workspace(tmp_path))
