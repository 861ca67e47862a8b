"""The test gate: the repository's tests before the agent starts and after it finishes, compared.

Both runs are in a fresh bubblewrap sandbox (``envs/oneshot.py``: no network, the sandbox's limits)
over a plain export of the committed tree — after the agent, that tree plus the run's recorded
change set, exactly what ``runs apply`` would commit. A run that passes the time limit is stopped
and counted as failing. When the after-run disagrees with the baseline on a test, it is run once
more; a test whose result differs between the two is reported flaky (and not counted as passing).

A change passes when every test that passed before still passes, the targeted tests (named by the
user, else the baseline's failing ones) now pass, and it touches more than test files. The
baseline is cached by the repository's tree hash and the command: an unchanged repository is not
tested twice.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from macrohard.coding.detect import JUNIT_FILE, TestCommand
from macrohard.coding.results import SUITE, counts, from_junit, from_output, summary_counts

LOG_FILE = ".macrohard-test.log"
TIME_FILE = ".macrohard-test.time"
# what a test's output says when the sandbox gave it no network (lower case; looked for only after a failure)
_NETWORK = ("network is unreachable", "temporary failure in name resolution", "name or service not known",
            "could not resolve host", "getaddrinfo failed", "no address associated with hostname",
            "failed to establish a new connection")
_TEST_PATH = re.compile(r"(^|/)(tests?|testing|__tests__|spec)/|(^|/)(test_[^/]*\.py|[^/]*_test\.(py|go)|conftest\.py|"
                        r"[^/]*\.(test|spec)\.[jt]sx?)$")


class TestRun(BaseModel):
    """One run of the test command: the evidence kept in the audit chain."""

    __test__ = False  # not a pytest test class

    command: str
    runner: str
    exit_code: int | None
    timed_out: bool = False
    seconds: float = Field(default=0.0, description="Wall time of the run, the sandbox's start included.")
    test_seconds: float = Field(default=0.0, description="Time the test command itself ran, inside the sandbox.")
    tests: dict[str, str] = Field(default_factory=dict, description="test id -> passed, failed or skipped")
    counts: dict[str, int] = Field(default_factory=dict)
    output_sha256: str = ""
    output_tail: str = ""
    network_note: str = ""
    cached: bool = False


class GateReport(BaseModel):
    """What the gate decided and why."""

    status: str = Field(description="passed, failed, or no_tests (nothing to gate on: apply needs --without-tests)")
    reason: str
    detection: str = ""
    baseline: TestRun | None = None
    after: TestRun | None = None
    rerun: TestRun | None = None
    targeted: list[str] = Field(default_factory=list)
    newly_passing: list[str] = Field(default_factory=list)
    newly_failing: list[str] = Field(default_factory=list)
    still_failing: list[str] = Field(default_factory=list)
    flaky: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list)
    tests_only: bool = False
    judges: list[str] = Field(default_factory=list, description="Changed paths that decide what the tests report "
                                                                  "(existing tests, conftest.py, pytest's settings).")
    seconds: float = Field(default=0.0, description="Wall time of the whole gate (the test runs included).")

    @property
    def passed(self) -> bool:
        return self.status == "passed"


def is_test_path(path: str) -> bool:
    return bool(_TEST_PATH.search(path))


# files that decide what the test run reports, wherever they are and whether the change adds or edits them: pytest's
# hooks (a conftest.py can turn every failure into a pass), its settings, Python's start-up hooks, the gate's command
_JUDGE_FILE = re.compile(r"(^|/)(conftest\.py|pytest\.ini|\.pytest\.ini|\.macrohard\.ya?ml|sitecustomize\.py|"
                         r"usercustomize\.py|[^/]*\.pth)$")
# settings files that configure pytest only when they hold its section
_PYTEST_SECTION = {"pyproject.toml": "[tool.pytest", "setup.cfg": "[tool:pytest]", "tox.ini": "[pytest]"}


def edited_judges(tree: Path, changes: Sequence[Any], command: str = "") -> list[str]:
    """(rt56d) The paths of ``changes`` that change what judges the change rather than what is judged: a test file the
    repository already had (edited or deleted), pytest's hooks and settings, the file a ``make``/``nox``/``tox``
    command reads. Before, a change that rewrote the targeted test's assertion (or added a conftest.py hook that
    reports every test passed) and touched one line of code passed the gate."""
    out = []
    for change in changes:
        path, status = str(change.path), str(change.status)
        name = path.rsplit("/", 1)[-1]
        section = _PYTEST_SECTION.get(name)
        hit = bool(_JUDGE_FILE.search(path)) or status != "added" and is_test_path(path)
        if section and not hit:
            text = own_file(tree / path) or b""
            hit = section.encode() in text or status == "deleted"
        if not hit and name in ("Makefile", "makefile", "GNUmakefile", "noxfile.py", "tox.ini"):
            hit = bool(re.search(r"\b(make|nox|tox)\b", command))
        if hit:
            out.append(path)
    return out


def run_tests(tree: Path, command: TestCommand, *, limits: Any = None) -> TestRun:
    """Run ``command`` over ``tree`` in a fresh sandbox (no network) and read its per-test results."""
    from macrohard.envs.oneshot import run_sandboxed

    for leftover in (JUNIT_FILE, LOG_FILE, TIME_FILE):
        (tree / leftover).unlink(missing_ok=True)
    start = time.monotonic()
    # bash's own clock ($EPOCHREALTIME): no process started to stamp the times
    timed = (f"s=$EPOCHREALTIME; ( {command.command}\n) > {LOG_FILE} 2>&1; rc=$?; "
             f"echo \"$s $EPOCHREALTIME\" > {TIME_FILE}; exit $rc")
    result = run_sandboxed(timed, str(tree), network="none", limits=limits, timeout=command.timeout)
    seconds = time.monotonic() - start
    try:
        began, ended = (float(x.replace(",", ".")) for x in (own_file(tree / TIME_FILE) or b"").decode().split())
        test_seconds = ended - began
    except (UnicodeDecodeError, ValueError):  # stopped before it could say: all of it counts as the tests'
        test_seconds = seconds
    logged = own_file(tree / LOG_FILE)
    output = logged.decode(errors="replace") if logged is not None else result.output
    junit = own_file(tree / JUNIT_FILE) if command.runner == "pytest" else None
    tests = (from_junit(io.BytesIO(junit)) if junit is not None else None) or from_output(command.runner, output)
    if result.timed_out or result.exit_code is None or not tests:
        ok = result.exit_code == 0 and not result.timed_out and "\nRan 0 tests" not in output  # nothing ran: no pass
        tests = {**({} if result.timed_out else tests), SUITE: "passed" if ok else "failed"}
    found = counts(tests) if SUITE not in tests else {**summary_counts(output), **counts(tests)}
    note = ""
    failed = result.exit_code != 0 or any(status == "failed" for status in tests.values())
    lowered = output.lower() if failed else ""  # str.find on one lowered copy: a regex with re.I took 0.1-0.2 s a MB
    if failed and any(needle in lowered for needle in _NETWORK):
        note = ("the tests seem to need the network, which the sandbox does not give them: those fail here "
                "(mark them to be skipped offline, or name an offline command in .macrohard.yaml)")
    tail = output[-2000:]
    if result.timed_out:
        tail += f"\n[stopped after {command.timeout:g}s: the test run timed out and counts as failing]"
    return TestRun(command=command.command, runner=command.runner, exit_code=result.exit_code,
                   timed_out=result.timed_out, seconds=round(seconds, 3), test_seconds=round(test_seconds, 3), tests=tests, counts=found,
                   output_sha256=hashlib.sha256(output.encode()).hexdigest(), output_tail=tail, network_note=note)


def own_file(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file of the tree itself; None otherwise.

    rt49b: the test run (the agent's conftest.py, nobody's reviewed action) may replace its log with a link to any file
    of the person's (`~/.ssh/id_rsa`): read on the host through the link, it became the gate's output, shown and
    stored. A link is not followed (O_NOFOLLOW), and a FIFO or a device is not read (O_NONBLOCK, then not regular)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            return fh.read()
    finally:
        os.close(fd)


def cache_key(tree_hash: str, command: TestCommand) -> str:
    return hashlib.sha256(f"{tree_hash}\n{command.command}\n{command.runner}\n{command.timeout}".encode()).hexdigest()


def cached(tree_hash: str, command: TestCommand, cache_dir: Path | None) -> TestRun | None:
    """The before-run of the tree ``tree_hash`` under ``command`` from the cache; None when it is not there."""
    path = cache_dir / f"{cache_key(tree_hash, command)}.json" if cache_dir is not None else None
    if path is not None and path.exists():
        try:
            return TestRun.model_validate_json(path.read_text()).model_copy(update={"cached": True})
        except ValueError:
            path.unlink(missing_ok=True)
    return None


def baseline(tree: Path, tree_hash: str, command: TestCommand, cache_dir: Path | None, *, limits: Any = None) -> TestRun:
    """The before-run of ``tree`` (whose git tree hash is ``tree_hash``), from the cache when it is there."""
    path = cache_dir / f"{cache_key(tree_hash, command)}.json" if cache_dir is not None else None
    found = cached(tree_hash, command, cache_dir)
    if found is not None:
        return found
    run = run_tests(tree, command, limits=limits)
    if path is not None and not run.timed_out:  # a timeout may be the machine's load: measured again next time
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(run.model_dump_json())
        tmp.replace(path)
    return run


def _matches(test_id: str, patterns: Sequence[str]) -> bool:
    return any(p == test_id or p in test_id for p in patterns)


def compare(before: TestRun, after: TestRun, *, targets: Sequence[str] = (), changed: Sequence[str] = (),
            rerun: TestRun | None = None, detection: str = "", judges: Sequence[str] = ()) -> GateReport:
    """The gate's decision from the two runs (and the after-run's rerun, when there was one)."""
    flaky = sorted(t for t in (rerun.tests if rerun else {}) if rerun and rerun.tests[t] != after.tests.get(t))
    now = dict(after.tests)
    for test in flaky:  # passing only sometimes: not passing
        now[test] = "failed"
    was = before.tests
    for test, status in was.items():  # a module that failed to collect, now collected: its tests decide
        inner = [s for t, s in now.items() if t.startswith((f"{test}::", f"{test}."))] if test not in now else []
        if status == "failed" and inner:
            now[test] = "passed" if all(s != "failed" for s in inner) else "failed"
    newly_passing = sorted(t for t, s in now.items() if s == "passed" and was.get(t) != "passed")
    newly_failing = sorted(t for t, s in was.items() if s == "passed" and now.get(t) != "passed")
    newly_failing += sorted(t for t, s in now.items() if s == "failed" and t not in was)
    still_failing = sorted(t for t, s in was.items() if s == "failed" and now.get(t) != "passed")
    if targets:
        targeted = sorted({t for t in {**was, **now} if _matches(t, targets)})
    else:
        targeted = sorted(t for t, s in was.items() if s == "failed")
    missed = [t for t in targeted if now.get(t) != "passed"]
    tests_only = bool(changed) and all(is_test_path(p) for p in changed)
    if not changed:
        status, reason = "failed", "the agent changed nothing"
    elif targets and not targeted:
        status, reason = "failed", f"no test matches the targeted name(s) {', '.join(targets)}"
    elif newly_failing:
        status, reason = "failed", f"{len(newly_failing)} test(s) that passed before fail now: {', '.join(newly_failing[:5])}"
    elif missed:
        status, reason = "failed", f"{len(missed)} targeted test(s) still fail: {', '.join(missed[:5])}"
    elif tests_only:
        status, reason = "failed", "the change touches only test files: the tests were made to pass, not the code"
    elif judges:
        status, reason = "failed", (f"the change edits what judges it ({', '.join(list(judges)[:5])}): the gate cannot "
                                    "tell a fix from a weakened test; read the diff, and apply it with --force if it "
                                    "is right")
    else:
        status, reason = "passed", (f"every test that passed before still passes; {len(targeted)} targeted test(s) "
                                    f"now pass ({len(newly_passing)} newly passing)")
    if flaky:
        reason += f"; flaky (differed between two runs): {', '.join(flaky[:5])}"
    if after.timed_out:
        reason += f"; the test run timed out after {after.seconds:.0f}s"
    return GateReport(status=status, reason=reason, detection=detection, baseline=before, after=after, rerun=rerun,
                      targeted=targeted, newly_passing=newly_passing, newly_failing=newly_failing,
                      still_failing=still_failing, flaky=flaky, changed=list(changed), tests_only=tests_only,
                      judges=list(judges))


def judge(tree: Path, before: TestRun, command: TestCommand, *, targets: Sequence[str] = (),
          changed: Sequence[str] = (), limits: Any = None, detection: str = "", judges: Sequence[str] = ()) -> GateReport:
    """Run the tests over ``tree`` (the change applied), rerun once on disagreement, and decide."""
    after = run_tests(tree, command, limits=limits)
    rerun = None
    disagree = any(s == "passed" and after.tests.get(t) != "passed" for t, s in before.tests.items())
    if disagree and not after.timed_out:
        rerun = run_tests(tree, command, limits=limits)
    return compare(before, after, targets=targets, changed=changed, rerun=rerun, detection=detection, judges=judges)


def evidence(report: GateReport) -> dict[str, Any]:
    """What goes into the audit chain: commands, exit codes, counts, output digests — no test output."""
    def one(run: TestRun | None) -> dict[str, Any] | None:
        if run is None:
            return None
        return {"command": run.command, "exit_code": run.exit_code, "timed_out": run.timed_out, "counts": run.counts,
                "seconds": run.seconds, "output_sha256": run.output_sha256, "cached": run.cached,
                "tests_sha256": hashlib.sha256(json.dumps(run.tests, sort_keys=True).encode()).hexdigest()}

    return {"kind": "test_gate", "status": report.status, "detection": report.detection,
            "baseline": one(report.baseline), "after": one(report.after), "rerun": one(report.rerun),
            "newly_failing": report.newly_failing[:50], "newly_passing": report.newly_passing[:50],
            "still_failing": report.still_failing[:50], "flaky": report.flaky, "tests_only": report.tests_only,
            "changed": report.changed[:200]}


def scratch(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def drop(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
