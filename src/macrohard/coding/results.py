"""Per-test results from a test run: pytest's JUnit XML, or the runner's verbose output.

Each result maps a test id to ``passed``, ``failed`` (errors included) or ``skipped``. A runner
whose output names no test (``make test``, ``npm test`` with an unknown framework, a run that timed
out or crashed before reporting) is one pseudo-test, ``(suite)``, passed exactly when the command
exited 0 — exit code and counts, nothing finer is claimed.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import BinaryIO

SUITE = "(suite)"
_UNITTEST = re.compile(r"^(\w+) \(([\w.]+)\)(?:\n.*?)?\s\.\.\.\s(ok|FAIL|ERROR|skipped|expected failure|unexpected success)",
                       re.M)
_GO = re.compile(r"^\s*--- (PASS|FAIL|SKIP): (\S+)", re.M)
_CARGO = re.compile(r"^test (\S+) \.\.\. (ok|FAILED|ignored)", re.M)
_COUNTS = re.compile(r"(\d+) (passed|failed|errors?|skipped|xfailed|xpassed)")


def from_junit(path: Path | BinaryIO) -> dict[str, str] | None:
    """Results from a JUnit XML file (or its bytes, open); None when there is none or it cannot be read."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    out: dict[str, str] = {}
    for case in root.iter("testcase"):
        name = f"{case.get('classname') or ''}::{case.get('name') or ''}".lstrip(":")
        kinds = {child.tag for child in case}
        if kinds & {"failure", "error"}:
            status = "failed"
        elif "skipped" in kinds:
            status = "skipped"
        else:
            status = "passed"
        if out.get(name) == "failed":  # a test that errored in teardown after passing: failed
            continue
        out[name] = status
    return out


def from_output(runner: str, output: str) -> dict[str, str]:
    """Results read from a runner's verbose output; empty when it names no test."""
    out: dict[str, str] = {}
    if runner == "unittest":
        for name, where, verdict in _UNITTEST.findall(output):
            test_id = where if where.endswith(f".{name}") else f"{where}.{name}"
            out[test_id] = {"ok": "passed", "skipped": "skipped", "expected failure": "passed"}.get(verdict, "failed")
    elif runner == "go":
        for verdict, name in _GO.findall(output):
            out[name] = {"PASS": "passed", "SKIP": "skipped"}.get(verdict, "failed")
    elif runner == "cargo":
        for name, verdict in _CARGO.findall(output):
            out[name] = {"ok": "passed", "ignored": "skipped"}.get(verdict, "failed")
    return out


def counts(results: dict[str, str]) -> dict[str, int]:
    return {k: sum(v == k for v in results.values()) for k in ("passed", "failed", "skipped")}


def summary_counts(output: str) -> dict[str, int]:
    """Counts from a summary line ("3 passed, 1 failed"), for runners read by exit code only."""
    found: dict[str, int] = {}
    for number, word in _COUNTS.findall(output[-4000:]):
        found[word.rstrip("s") if word.startswith("error") else word] = int(number)
    return found
