from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from macrohard.models.local import model_path
from macrohard.models.local_cpu import server_command

# The held-out suites' oracle checks: the three newest suites run whole. In the frozen older ones the long tail is
# left to `bash scripts/test.sh -m oracle_full` (marker `oracle_full`), chosen by a hash of the task id so the choice
# never moves: each task's browser checks (Chromium in a sandbox, 3-8 s each) run for one task in three in every
# suite but the two newest; and in suites older than the three newest, the oracle script that solves a shell, file
# or git task through the real loop runs for one task in two (the suite took 30.5 min at load 3-4 with 14 suites).
# In those same suites the planted proofs (a wrong answer claimed, the work faked then given up, another correct way,
# each a scripted run of a task by its ``task_id``: 146 runs in heldout10-14) run for one case in two, chosen by a hash
# of the case's id (rel24). In suites older than the six newest the solves run for one task in four (speed39); a
# command check's "fails untouched", which the solve proves too, runs alone where the solve is left out
# (test_heldout_untouched.py). Every check's "fails untouched" and every impossible task run every time, and the
# three newest suites run whole. suite61: a browser task's solve or give-up (a Chromium run, 2-6 CPU-s; 71 of them
# were 230 of the held-out files' 563 CPU-s) in the suites older than the six newest runs by default for one task of
# each kind only: its site, its check's type and the set of action kinds its script takes (`_browser_kind`), the one
# of the newest suite that the one-in-three sample kept; the others of that kind (the same site, the same actions,
# the same check) go to `-m oracle_full` with the rest. The kind's run is chosen among the tests collected: a run of
# one suite file alone keeps one of each kind of its own.
_SUITE_FILE = re.compile(r"test_heldout(\d*)_suite\.py$")
_ORACLE_SOLVES = "test_script_solves_task_and_check_needs_it"


def _frozen_sampled(item: pytest.Item, newest: int) -> bool:
    found = _SUITE_FILE.search(item.path.name)
    params = getattr(getattr(item, "callspec", None), "params", {})
    spec = params.get("spec")
    if found and isinstance(params.get("task_id"), str):  # a planted proof of a frozen suite
        return int(found.group(1) or 1) <= newest - 3 and zlib.crc32(item.name.encode()) % 2 != 0
    if not found or not isinstance(spec, dict):
        return False
    number, crc = int(found.group(1) or 1), zlib.crc32(spec["id"].encode())
    if "browser" in spec.get("tags", ()):
        return number <= newest - 2 and crc % 3 != 0
    if not item.name.startswith(_ORACLE_SOLVES):
        return False
    # one task in two in the suites older than the three newest, one in four in those older than the six newest (the
    # same hash: the quarter is inside the half); a command check's "fails untouched", part of the solve, then runs
    # alone (test_heldout_untouched.py)
    return (number <= newest - 3 and crc % 2 != 0) or (number <= newest - 6 and crc % 4 != 0)


_BROWSER_RUNS = (_ORACLE_SOLVES, "test_giving_up_passes_and_claiming_success_is_false")


def _browser_kind(item: pytest.Item, newest: int) -> tuple[Any, ...] | None:
    """A frozen browser task's solve or give-up by what it drives: (the test, the site, the check's type, the action
    kinds of its script); None for any other item and for the six newest suites."""
    found = _SUITE_FILE.search(item.path.name)
    spec = getattr(getattr(item, "callspec", None), "params", {}).get("spec")
    if not found or not isinstance(spec, dict) or "browser" not in spec.get("tags", ()) or \
            int(found.group(1) or 1) > newest - 6 or not item.name.startswith(_BROWSER_RUNS):
        return None
    return (item.name.split("[", 1)[0], spec.get("site"), spec["check"]["type"],
            frozenset(step["kind"] for step in spec["script"]))


def _one_browser_run_of_each_kind(items: list[pytest.Item], newest: int) -> list[pytest.Item]:
    """The frozen browser runs left to ``-m oracle_full`` because a newer suite's task of the same kind runs by
    default (`_browser_kind`)."""
    kept: dict[tuple[Any, ...], tuple[int, str]] = {}
    runs = []
    for item in items:
        kind = _browser_kind(item, newest)
        if kind is None or item.get_closest_marker("oracle_full") is not None:
            continue
        found = _SUITE_FILE.search(item.path.name)
        rank = (int(found.group(1) or 1), item.name)  # the newest suite's, then by name: never moves
        runs.append((kind, rank, item))
        kept[kind] = max(kept.get(kind, rank), rank)
    return [item for kind, rank, item in runs if kept[kind] != rank]


def _solves_by_default(items: list[pytest.Item]) -> set[tuple[int, str]]:
    """(suite number, task id) of each oracle solve that runs by default (no ``oracle_full`` mark, from the sample
    above or from its suite file's own marks)."""
    out = set()
    for item in items:
        found = _SUITE_FILE.search(item.path.name)
        spec = getattr(getattr(item, "callspec", None), "params", {}).get("spec")
        if found and isinstance(spec, dict) and item.name.startswith(_ORACLE_SOLVES) and \
                item.get_closest_marker("oracle_full") is None:
            out.add((int(found.group(1) or 1), spec["id"]))
    return out


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    numbers = [int(m.group(1) or 1) for m in (_SUITE_FILE.search(p.name) for p in Path(__file__).parent.iterdir()) if m]
    newest = max(numbers, default=0)
    for item in items:
        if _frozen_sampled(item, newest):
            item.add_marker(pytest.mark.oracle_full)
    for item in _one_browser_run_of_each_kind(items, newest):
        item.add_marker(pytest.mark.oracle_full)
    solved = _solves_by_default(items)
    for item in items:  # a task's "fails untouched" alone, where its solve (which proves it too) runs by default
        params = getattr(getattr(item, "callspec", None), "params", {})
        if item.path.name == "test_heldout_untouched.py" and (params.get("number"), params["spec"]["id"]) in solved:
            item.add_marker(pytest.mark.oracle_full)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def smollm2_path() -> Path:
    return model_path("smollm2")


@pytest.fixture(scope="session")
def llama_server(smollm2_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama.cpp's own OpenAI-compatible server with the bundled SmolLM2, on a free loopback port.

    ``chatml-function-calling`` gives native tool calls (a grammar picks the tool, then its arguments'
    schema); a small context (2,048: the system prompt and tool schemas take ~900 tokens) bounds a reply, since the loop's requests carry no max_tokens."""
    port = _free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [*server_command(smollm2_path), "--model", str(smollm2_path), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "2048", "--chat_format", "chatml-function-calling", "--n_threads",
             os.environ.get("MACROHARD_LLAMA_THREADS") or str(min(2, os.cpu_count() or 1))],
            stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                pytest.fail(f"llama_cpp.server exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
            try:
                if httpx.get(f"{base}/models", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"llama_cpp.server did not answer within 90 s:\n{log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
