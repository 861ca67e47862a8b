from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# A suite started as a background job of a non-interactive shell (`(bash .ci/run &)`, nohup) inherits SIGINT ignored,
# and every program the tests start would inherit that too: the tests that press Ctrl-C on `macrohard chat` or a
# served site would then wait for an interrupt that never comes. Python's own handler here makes children start
# with the default, as from a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The mcp SDK's `stdio_client(server, errlog=sys.stderr)` binds its default errlog when `mcp.client.stdio` is first
# imported. First imported inside an in-process CLI call (tests/cli_in_process.py: CliRunner's sys.stderr has no
# fileno), every later `stdio_client` of that worker failed to start its server ("io.UnsupportedOperation: fileno"):
# test_confinement48c's MCP test after test_confinement44 in one process (rt61, the lead's replay; on f355f7c3 too).
# Imported here, it binds the stderr pytest's capture gives the whole worker.
try:
    import mcp.client.stdio  # noqa: F401
except ImportError:  # (an install without the MCP extra: those tests skip)
    pass

# A pytest-xdist worker starts with COLUMNS=80 and LINES=24 in its environment, which the run that started it did not
# have. The CLI's rich consoles (`cli.common`), made when a test module imports the CLI, then fix their width at 80
# for the whole worker, and the wide COLUMNS a test gives `CliRunner` (tests/cli_in_process.py) is never read: a
# message holding the test's longer tmp path (`…/popen-gw1/…`) wrapped mid-word ("task.ya ml") and 14 assertions on
# it failed under two workers only. A worker takes the terminal size of the run that started it.
_TERM_VARS = ("COLUMNS", "LINES")
if "PYTEST_XDIST_WORKER" in os.environ and "MACROHARD_TEST_TERM" in os.environ:
    for _name, _value in zip(_TERM_VARS, os.environ["MACROHARD_TEST_TERM"].split(","), strict=True):
        if _value:
            os.environ[_name] = _value
        else:
            os.environ.pop(_name, None)
elif "PYTEST_XDIST_WORKER" not in os.environ:
    os.environ["MACROHARD_TEST_TERM"] = ",".join(os.environ.get(name, "") for name in _TERM_VARS)

# Under pytest-xdist the workers share the machine's cores: a llama.cpp model decoding with two threads in one worker
# waits at every token for whichever thread the other worker's work has descheduled (a model test ran past its 600 s
# timeout beside a second worker, 23 s alone). A worker's models decode with one thread (`models.local_load`).
if "PYTEST_XDIST_WORKER" in os.environ:
    os.environ.setdefault("MACROHARD_LLAMA_THREADS", "1")

_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_SIGNAL_HANDLERS = {sig: signal.getsignal(sig) for sig in _SIGNALS}


@pytest.fixture(autouse=True)
def _signal_handlers():
    """Each test starts with the process's own SIGINT, SIGTERM and SIGHUP handlers. `macrohard run` in the test's
    process (tests/cli_in_process.py) ignores all three once its run is over (`cli.closing.watched(then_ignore=True)`:
    right for a process that only prints its summary and exits), and every program a later test of the same process
    started inherited them ignored: Ctrl-C and SIGTERM sent to `macrohard chat`, a run at the guard's question or a
    served site did nothing, and those tests waited out their timeouts (which of them depended on the order the
    tests ran in: under two workers, 4 failed)."""
    yield
    if any(signal.getsignal(sig) is not handler for sig, handler in _SIGNAL_HANDLERS.items()):
        for sig, handler in _SIGNAL_HANDLERS.items():
            try:
                signal.signal(sig, handler)
            except ValueError:  # not the main thread
                break


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own data dir so runs never leak between tests or into the user's."""
    home = tmp_path / "mh-home"
    monkeypatch.setenv("MACROHARD_HOME", str(home))
    # Agent work defaults to local:qwen-1.5b where it is installed (models.default_spec); the tests that use
    # the default model were written for SmolLM2 (seconds, not minutes, on 2 cores), so they stay on `local`.
    # Tests of the split default itself delete this (tests/models/test_default_model.py).
    monkeypatch.setenv("MACROHARD_MODEL", os.environ.get("MACROHARD_MODEL") or "local")
    yield home
    _unmount_left(tmp_path)


def _unmount_left(under: Path) -> list[str]:
    """Detach every mount still at or below ``under``, deepest first; return them.

    A test that kills `macrohard run` together with its mount reaper (tests/reliability/test_recover.py,
    test_signals.py's KILL-REAPER, test_audit_kill.py) leaves the run's disk image, bind and overlay mounted until its
    own `runs recover`; an assertion that failed before that line left them mounted for good, under
    /tmp/pytest-of-USER, and a later pytest's cleanup of old temp folders deleted the files inside them, failed on the
    mount points ("Exception ignored in: ScandirIterator", an error under `filterwarnings = error`) and left a
    `garbage-…` folder with the mounts for every session after (rel45). The tests' own assertions on mounts run
    before this teardown, so none of them is weakened."""
    if not Path("/proc/self/mountinfo").exists():
        return []
    from macrohard.envs.mounts import mount_points, umount

    left = mount_points(under)
    for point in left:
        try:
            umount(point)
        except OSError:  # not ours to detach (not root): the session-start sweep says what is left
            pass
    return left


@pytest.fixture(scope="session")
def _migrated_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty run store made once per session by `SQLiteStore` itself (every migration applied, closed, so its
    write-ahead log is folded back into the file)."""
    from macrohard.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("store-template") / "runs.db"
    SQLiteStore(path).close()
    return path


@pytest.fixture
def store(tmp_path: Path, _migrated_store: Path):
    """A fresh, empty run store of the test's own: a copy of the session's migrated empty store, which the store
    opens as any existing one (its migrations found applied). Migrating a new file takes 30-45 ms of mostly disk
    syncs on this machine against 1-2 ms for the copy, and about 1,500 tests take a store; the migrations
    themselves are tested on new files (tests/spine/test_store.py)."""
    from macrohard.store.sqlite import SQLiteStore

    path = tmp_path / "runs.db"
    shutil.copyfile(_migrated_store, path)
    s = SQLiteStore(path)
    yield s
    s.close()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws


def _session_over(numbered: Path) -> bool:
    """Whether the pytest session that made ``numbered`` (pytest-N, or the garbage-… it was renamed to) has ended:
    pytest writes its pid into ``.lock`` there and removes it at a normal exit."""
    try:
        pid = int((numbered / ".lock").read_text().strip() or 0)
    except (OSError, ValueError):
        return True
    return pid <= 0 or not Path(f"/proc/{pid}").exists()


def stale_test_mounts(root: Path) -> list[str]:
    """Mounts left under ``root`` (pytest-of-USER) by test sessions that are over: killed with their mount reapers
    (a cancelled CI job, the OOM killer), or left by a test whose failure came before its `runs recover`."""
    if not Path("/proc/self/mountinfo").exists() or not root.is_dir():
        return []
    from macrohard.envs.mounts import mount_points

    root = Path(os.path.realpath(root))
    return [point for point in mount_points(root)
            if point != str(root) and _session_over(root / Path(point).relative_to(root).parts[0])]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Before pytest removes its old temp folders (at the first `tmp_path`), detach what dead sessions left mounted
    there, and say so: with the mounts in place that removal deleted the files inside them, failed on the mount points
    and kept a `garbage-…` folder, mounts and all, that every later session tried again (rel45). Sessions still
    running (their `.lock` names a live process: other checkouts' suites on this machine) are not touched."""
    if getattr(config.option, "loadscopereorder", False) and _known_file_seconds():
        # xdist's controller would sort the files again by their number of tests; the order the workers collect
        # (`pytest_collection_modifyitems` below: the longest files first) is the one it hands them out in
        config.option.loadscopereorder = False
    group = _cpu_group()  # the per-file CPU column: every process this one starts (below, speed50b)
    if group is not None:
        _CPU_GROUP.append(group)
    if hasattr(config, "workerinput"):  # an xdist worker: the controller did it
        return
    import tempfile

    from _pytest.tmpdir import get_user  # how pytest names pytest-of-USER

    from macrohard.envs.mounts import mount_points, umount

    if config.option.basetemp:  # removed whole at the start: anything mounted there is left over
        root = Path(config.option.basetemp)
        stale = mount_points(root) if root.is_dir() and Path("/proc/self/mountinfo").exists() else []
    else:
        temproot = Path(os.environ.get("PYTEST_DEBUG_TEMPROOT") or tempfile.gettempdir())
        root = temproot / f"pytest-of-{get_user() or 'unknown'}"
        stale = stale_test_mounts(root)
    if stale:
        failed = []
        for point in stale:
            try:
                umount(point)
            except OSError as exc:
                failed.append(f"{point} ({exc.strerror})")
        sys.stderr.write(f"conftest: detached {len(stale) - len(failed)} mount(s) that ended test sessions left under "
                         f"{root} (a killed run's disk image, bind and overlay)" + (
                             f"; could not detach {', '.join(failed)}: `umount -l` them as root" if failed else "")
                         + "\n")


def pytest_unconfigure(config: pytest.Config) -> None:
    _leave_cpu_group()


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the package's bytecode once, for the Pythons the tests start (`python -m macrohard …`, servers, helpers:
    a few hundred). Where the environment forbids writing bytecode caches (PYTHONDONTWRITEBYTECODE=1, as on the
    machine the suite is timed on) every one of them compiled the whole package from source again, 0.2-0.3 s of CPU
    each; a Python still reads caches it finds, so compiled once here they are read. Where caches may be written,
    Python writes them itself and this does nothing."""
    if not sys.flags.dont_write_bytecode or hasattr(session.config, "workerinput"):  # an xdist worker: done by the controller
        return
    import compileall

    import macrohard

    try:
        compileall.compile_dir(Path(macrohard.__file__).parent, quiet=2)
    except OSError:  # a checkout that cannot be written: the children compile as before
        pass


def pytest_report_header(config: pytest.Config) -> str:
    return f"MACROHARD tests, cpu count {os.cpu_count()}"


def _runs_a_browser(item: pytest.Item) -> bool:
    """Whether a test drives Chromium: it takes the `browser` fixture or its module builds a `BrowserEnvironment`, or
    it plays a held-out suite's browser task (its ``spec``, or a ``task_id`` of the module's suite)."""
    if "browser" in getattr(item, "fixturenames", ()) or hasattr(getattr(item, "module", None), "BrowserEnvironment"):
        return True
    params = getattr(getattr(item, "callspec", None), "params", {})
    if isinstance(params.get("spec"), dict):
        return params["spec"].get("environment") == "browser"
    task = params.get("task_id")
    suites = [v for v in vars(getattr(item, "module", None) or object).values()
              if hasattr(v, "specs") and hasattr(v, "spec")]
    return any(t["id"] == task and t.get("environment") == "browser" for s in suites for t in s.specs)


# the test modules whose browsers share one Playwright driver (`_one_playwright_driver`); speed50b: and the browser
# red-team files whose runs start a browser each on the test's thread (`run_task`, a `Session`): 0.45 s of node each
_SHARED_DRIVER = ("tests/computer/", "tests/models/test_heldout", "tests/safety/test_confinement46b.py",
                  "tests/safety/test_selfapproval42.py")


@pytest.fixture(scope="module", autouse=True)
def _one_playwright_driver(request: pytest.FixtureRequest):
    """A module's browsers share one Playwright driver instead of each starting and stopping its own (a node process:
    0.6 s of CPU to start and stop, about 80 browsers in these modules): `envs.browser` keeps a thread's driver while
    anything holds it, and here the module does while its tests run. Held for one module only: a sync Playwright
    driver in the main thread stops `asyncio.run` there."""
    path = request.path.as_posix()
    named = any(path.endswith(part) for part in _SHARED_DRIVER if part.endswith(".py"))  # run browsers: named so
    if not any(part in path for part in _SHARED_DRIVER) or not named and not any(
            _runs_a_browser(i) for i in request.session.items if getattr(i, "module", None) is request.module):
        yield
        return
    from macrohard.envs.browser import _acquire_driver, _release_driver

    _acquire_driver()
    try:
        yield
    finally:
        _release_driver()


# The suite's budget is 30 minutes on 2 cores: the files that spend it are printed at the end of every run
# (setup, call and teardown summed per file), so the next change knows where the time goes. Beside the wall time, the
# CPU seconds the file's tests spent: on the shared machine the wall time follows the load (llama.cpp's two threads
# wait on each other when either is descheduled), the CPU time much less, so a change measured at one load compares
# with one at another. speed50b: every process this pytest process started counts, the ones it never reaps too
# (Chromium, Playwright's node driver, a sandbox's processes, a daemon re-parented to init): the process is put in a
# cgroup of its own in the v1 `cpuacct` hierarchy, which its descendants are born in and stay in (the sandboxes'
# cgroups are in the memory, pids and freezer hierarchies), and the column is that group's `cpuacct.usage`: one file
# read a test phase, no sampling. Before, it was `os.times()` (this process and the children it reaped): the browser
# files' Chromium was not in it (speed50: test_redteam22_flow 16.6 s counted, 177.5 s spent). Where the hierarchy
# cannot be written (cgroup v2 only, no root), the column is still `os.times()`, a lower bound.
_FILE_SECONDS: dict[str, float] = {}
_FILE_CPU: dict[str, float] = {}
_CPU_MARK = pytest.StashKey[float]()
_CPUACCT = Path("/sys/fs/cgroup/cpuacct")
_CPU_GROUP: list[Path] = []  # this process's own cpuacct group, once made


def _cpu_group() -> Path | None:
    """Move this process into a cpuacct group of its own (its later children are born in it); None where it cannot."""
    try:
        own = next(line.split(":", 2)[2] for line in Path("/proc/self/cgroup").read_text().splitlines()
                   if "cpuacct" in line.split(":", 2)[1].split(","))
        group = _CPUACCT / own.lstrip("/") / f"pytest-cpu-{os.getpid()}"
        _sweep_cpu_groups(group.parent)
        group.mkdir(exist_ok=True)
        (group / "cgroup.procs").write_text(str(os.getpid()))
        float((group / "cpuacct.usage").read_text())
    except (OSError, StopIteration, ValueError):
        return None
    return group


def _sweep_cpu_groups(parent: Path) -> None:
    """Remove the groups of ended pytest processes (and their xdist workers' groups) under ``parent``: a group is
    busy while a process started in it still runs (a browser ending after its session), so it is removed later, here.
    Only empty groups can be removed (rmdir fails on the others): a live session's is never touched."""
    for group in parent.glob("pytest-cpu-*"):
        try:
            os.kill(int(group.name.rsplit("-", 1)[1]), 0)
            continue  # its process still runs
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue
        _remove_cpu_group(group)


def _remove_cpu_group(group: Path) -> None:
    for child in group.glob("pytest-cpu-*"):
        _remove_cpu_group(child)
    try:
        group.rmdir()
    except OSError:  # busy while a process started in it still runs: swept by a later session
        pass


def _leave_cpu_group() -> None:
    """Back to the group this process came from; the group removed once no process of it is left."""
    for group in _CPU_GROUP:
        try:
            (group.parent / "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            continue
        _remove_cpu_group(group)
    _CPU_GROUP.clear()


def _cpu() -> float:
    if _CPU_GROUP:
        try:
            return int((_CPU_GROUP[0] / "cpuacct.usage").read_text()) / 1e9
        except (OSError, ValueError):
            pass
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    item.stash[_CPU_MARK] = _cpu()
    yield


def _cpu_of_phase(item: pytest.Item, report: pytest.TestReport) -> None:
    """The CPU seconds since the last phase's report, carried on the report (a pytest-xdist worker's reports reach
    the run that prints the table with their ``user_properties``)."""
    now = _cpu()
    report.user_properties.append(("cpu_seconds", now - item.stash.get(_CPU_MARK, now)))
    item.stash[_CPU_MARK] = now


# suite61: MACROHARD_TEST_SECONDS_JSON=FILE writes each test's seconds and CPU seconds (setup + call + teardown) there at
# the end of the run, {nodeid: [seconds, cpu]}: the table above by test, for sorting a whole run by CPU or by waiting
_TEST_SECONDS: dict[str, list[float]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    path = report.nodeid.split("::", 1)[0]
    _FILE_SECONDS[path] = _FILE_SECONDS.get(path, 0.0) + report.duration
    cpu = sum(value for name, value in report.user_properties if name == "cpu_seconds")
    _FILE_CPU[path] = _FILE_CPU.get(path, 0.0) + cpu
    if os.environ.get("MACROHARD_TEST_SECONDS_JSON"):
        both = _TEST_SECONDS.setdefault(report.nodeid, [0.0, 0.0])
        both[0] += report.duration
        both[1] += cpu


def _write_test_seconds(config: pytest.Config) -> None:
    out = os.environ.get("MACROHARD_TEST_SECONDS_JSON")
    if out and _TEST_SECONDS and not hasattr(config, "workerinput"):  # the run that got every worker's reports
        import json

        Path(out).write_text(json.dumps(_TEST_SECONDS))


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    _write_test_seconds(config)
    total = sum(_FILE_SECONDS.values())
    if total < 60:  # a targeted run: nothing to budget
        return
    terminalreporter.section("slowest test files (seconds, setup + call + teardown; CPU seconds)")
    for path, seconds in sorted(_FILE_SECONDS.items(), key=lambda kv: -kv[1])[:40]:  # the next 20 grow too
        terminalreporter.write_line(f"{seconds:8.1f}  {100 * seconds / total:4.1f} %  cpu {_FILE_CPU.get(path, 0.0):7.1f}  "
                                    f"{path}")
    terminalreporter.write_line(f"{total:8.1f}  in {len(_FILE_SECONDS)} files, cpu {sum(_FILE_CPU.values()):.1f}")
    folders: dict[str, list[float]] = {}
    for path, seconds in _FILE_SECONDS.items():
        folder = path.rsplit("/", 1)[0] if "/" in path else "."
        sums = folders.setdefault(folder, [0.0, 0.0])
        sums[0] += seconds
        sums[1] += _FILE_CPU.get(path, 0.0)
    terminalreporter.section("seconds per test folder")  # the figures a speed change is compared on, folder by folder
    for folder, (seconds, cpu) in sorted(folders.items(), key=lambda kv: -kv[1][0]):
        terminalreporter.write_line(f"{seconds:8.1f}  {100 * seconds / total:4.1f} %  cpu {cpu:7.1f}  {folder}")


# Under CI every real part is installed (install.sh puts them there), so a test skipped because bubblewrap, Xvfb or
# Chromium looked missing is a failure: a check that failed once under load used to skip a whole red-team file
# silently and the run still passed. Outside CI such a skip stays a skip (a laptop without Xvfb).
_REAL_PART = ("bubblewrap", "bwrap", "xvfb", "xterm", "chromium", "playwright")


def _skip_reason(report: pytest.TestReport) -> str:
    longrepr = report.longrepr
    return str(longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    outcome = yield
    report = outcome.get_result()
    _cpu_of_phase(item, report)
    if report.skipped and os.environ.get("CI") == "true" and not hasattr(report, "wasxfail"):
        reason = _skip_reason(report)
        if any(part in reason.lower() for part in _REAL_PART):
            report.outcome = "failed"
            report.longrepr = (f"skipped under CI ({reason}): CI must run every test that needs a real sandbox, display "
                               "or browser. Run `bash install.sh --no-demo` and check `bwrap --ro-bind / / true`; a "
                               "check that failed only under load is a flaky check to fix, not a skip")


# The order files are handed to pytest-xdist's workers (`scripts/test.sh`: `-n 2 --dist loadfile`, one file to a
# worker at a time, in the order of the collection). By default xdist sorts the files by their number of tests, so a
# long file with few tests (a model's one long answer, a held-out task's solve, a red team's end-to-end runs) could be
# handed out last and leave the other worker idle until it ends. The files measured longest in the last whole run
# (`FILE_SECONDS`, from its "slowest test files" table: a file's seconds in one worker) go first, longest first, and
# the rest follow in xdist's own order (most tests first): the longest-processing-time-first order, which ends the two
# workers closest together. Only the order of whole files changes: each file's tests keep theirs, and every test runs.
FILE_SECONDS = Path(__file__).with_name("file_seconds.json")


def _known_file_seconds() -> dict[str, float]:
    try:
        import json

        return {str(k): float(v) for k, v in json.loads(FILE_SECONDS.read_text()).items()}
    except (OSError, ValueError, AttributeError):  # no table, or not one: xdist's own order
        return {}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    known = _known_file_seconds()
    if not known or not items:
        return
    files: dict[str, list[pytest.Item]] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    order = sorted(files, key=lambda path: (-known.get(path, 0.0), -len(files[path])))  # stable: ties keep theirs
    items[:] = [item for path in order for item in files[path]]
