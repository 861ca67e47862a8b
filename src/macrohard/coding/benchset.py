"""The mutation benchmark's tasks, built from the committed manifest into a cache directory.

``suites/mutations/manifest.json`` names each project (name, version, sdist sha256, the source files
to mutate, how many tasks) and the seed. ``build`` fetches each sdist with pip (``pip download
--no-binary :all: --no-deps``: pip's cache answers after the first time), checks its sha256,
unpacks it, checks that its tests pass, then tries seeded mutations (``mutations.py``) in the
sandbox until it has the wanted number that make a test fail. Each kept task is a git repository
(the mutated project, committed) under ``CACHE/tasks/ID``; ``tasks.json`` lists them with their
failing tests and oracle edit, and ``mutations.yaml`` is the same set as an eval suite
(``macrohard eval CACHE/mutations.yaml``: tests untouched and passing).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macrohard.coding.detect import JUNIT_FILE, TestCommand
from macrohard.coding.gate import run_tests
from macrohard.coding.mutations import Mutation, keep_failing, sample
from macrohard.errors import UserError

MANIFEST = Path(__file__).resolve().parent.parent / "eval" / "suites" / "mutations" / "manifest.json"
PYTEST = f"python3 -B -m pytest -q -p no:cacheprovider --junitxml={JUNIT_FILE}"
TEXT = ("Some tests of this project ({name} {version}) fail since a bug was introduced in its source code: "
        "{tests}. Find the bug and fix the library's code so that all the tests pass. Do not change the tests.")


def default_cache() -> Path:
    from macrohard.store.sqlite import default_home

    return default_home() / "coding" / "mutations"


def manifest(path: Path = MANIFEST) -> dict[str, Any]:
    return json.loads(path.read_text())


def fetch_sdist(project: dict[str, Any], cache: Path) -> Path:
    """The project's sdist, downloaded with pip when not in ``cache`` yet; its sha256 checked."""
    folder = cache / "sdists"
    folder.mkdir(parents=True, exist_ok=True)
    prefix = f"{project['name']}-{project['version']}".replace("_", "-")
    found = [p for p in folder.glob("*.tar.gz") if p.name.replace("_", "-").lower().startswith(prefix.lower())]
    if not found:
        proc = subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-q",
                               "-d", str(folder), f"{project['name']}=={project['version']}"],
                              capture_output=True, text=True)
        found = [p for p in folder.glob("*.tar.gz") if p.name.replace("_", "-").lower().startswith(prefix.lower())]
        if proc.returncode != 0 or not found:
            raise UserError(f"could not download the sdist of {project['name']} {project['version']} with pip: "
                            f"{proc.stderr.strip()[-400:]}; put it in {folder} by hand")
    digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
    if digest != project["sha256"]:
        raise UserError(f"{found[0]} has sha256 {digest}, the manifest says {project['sha256']}: delete it and retry")
    return found[0]


def unpack(sdist: Path, dest: Path) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist) as tar:
        tar.extractall(dest.parent / ".unpack", filter="data")
    (inner,) = list((dest.parent / ".unpack").iterdir())
    inner.rename(dest)
    (dest.parent / ".unpack").rmdir()
    for egg in dest.glob("*.egg-info"):
        shutil.rmtree(egg)
    return dest


def _failing(command: TestCommand) -> Callable[[Path, Mutation], list[str]]:
    def fails(root: Path, mutation: Mutation) -> list[str]:
        target = root / mutation.path
        original = target.read_text()
        target.write_text("\n".join(mutation.apply(original.split("\n"))))
        try:
            result = run_tests(root, command)
        finally:
            target.write_text(original)
        return sorted(t for t, s in result.tests.items() if s == "failed")

    return fails


def _commit(repo: Path) -> None:
    env = ["-c", "user.name=macrohard-bench", "-c", "user.email=bench@macrohard.invalid"]
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], [*env, "commit", "-qm", "the project, with a bug"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def build(cache: Path | None = None, *, only: list[str] | None = None, log: Callable[[str], None] = print) -> list[dict[str, Any]]:
    """Build (or rebuild) every task of the manifest under ``cache``; the task list (also ``tasks.json``)."""
    cache = cache or default_cache()
    spec = manifest()
    tasks: list[dict[str, Any]] = []
    for project in spec["projects"]:
        if only and project["name"] not in only:
            continue
        pristine = unpack(fetch_sdist(project, cache), cache / "pristine" / f"{project['name']}-{project['version']}")
        fast = TestCommand(command=f"{PYTEST} -x", runner="pytest", reason="benchmark", timeout=120)
        base = run_tests(pristine, fast)
        if base.exit_code != 0:
            raise UserError(f"the tests of {project['name']} {project['version']} fail before any mutation "
                            f"(exit {base.exit_code}): {base.output_tail[-300:]}")
        files = {f: (pristine / f).read_text() for f in project["files"]}
        pool = sample(files, spec["seed"], project["tasks"] * spec["candidates_per_task"])
        kept = keep_failing(pristine, pool, _failing(fast), project["tasks"])
        log(f"{project['name']} {project['version']}: {len(kept)} of {len(pool)} candidates kept "
            f"(tests {base.seconds:.1f}s)")
        for n, (mutation, failing) in enumerate(kept, 1):
            task_id = f"{project['name']}-{n:02d}-{mutation.operator}"
            repo = cache / "tasks" / task_id
            if repo.exists():
                shutil.rmtree(repo)
            shutil.copytree(pristine, repo, symlinks=True)
            original = (repo / mutation.path).read_text().split("\n")
            (repo / mutation.path).write_text("\n".join(mutation.apply(original)))
            for leftover in (JUNIT_FILE, ".macrohard-test.log"):
                (repo / leftover).unlink(missing_ok=True)
            _commit(repo)
            tasks.append({"id": task_id, "project": project["name"], "version": project["version"],
                          "path": mutation.path, "line": mutation.start, "operator": mutation.operator,
                          "what": mutation.what, "failing": failing, "repo": str(repo),
                          "text": TEXT.format(name=project["name"], version=project["version"],
                                              tests=", ".join(failing[:3])),
                          "oracle": mutation.oracle(original)})
    (cache / "tasks.json").write_text(json.dumps(tasks, indent=1))
    (cache / "mutations.yaml").write_text(suite_yaml(tasks))
    return tasks


def load(cache: Path | None = None) -> list[dict[str, Any]]:
    path = (cache or default_cache()) / "tasks.json"
    if not path.exists():
        raise UserError(f"no mutation tasks in {path.parent}: build them with `python scripts/make_mutation_suite.py`")
    return json.loads(path.read_text())


def suite_yaml(tasks: list[dict[str, Any]]) -> str:
    """The tasks as an eval suite: each starts from its repository; the check wants the tests untouched and passing."""
    import yaml

    entries = []
    for t in tasks:
        check = ("git diff --quiet HEAD -- $(git ls-files | grep -E '(^|/)(tests?/|test_[^/]*[.]py$)') && "
                 "python3 -B -m pytest -q -p no:cacheprovider -x")
        entries.append({"id": t["id"], "text": t["text"], "source": t["repo"], "tags": ["coding", "mutation", t["operator"]],
                        "script": [t["oracle"], {"kind": "finish", "answer": f"fix {t['what']} in {t['path']}"}],
                        "check": {"type": "command", "command": check, "timeout": 300}})
    spec = manifest()
    return yaml.safe_dump({"name": "mutations", "description": spec["description"],
                           "defaults": {"environment": "shell", "budget": {"max_steps": 30}}, "tasks": entries},
                          sort_keys=False, width=120)
