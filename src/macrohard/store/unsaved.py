"""What a run could not write into its store because the store's disk was full: kept elsewhere, added back later.

rel56 kept a refused step in memory until the run's end; a disk still full then lost it (the terminal showed the step,
`runs show` did not have it, the run `crashed` with "no result recorded"). Now the run's last state and the steps the
store refused are written to a file on another file system (``places()``: the session's runtime folder, else
/dev/shm, else the temporary folder; RAM-backed on most machines, so kept until the machine restarts), the person is
told which file, and the next command that looks at the store's runs (``recovery.recover``: `macrohard run`, `runs
list`, `runs show`, `runs recover`) adds them back once there is space, then deletes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from macrohard.types import Run, Step

SUFFIX = ".unsaved.json"


def places() -> list[Path]:
    """Where kept records may go, first choice first (none of them MACROHARD_HOME: that disk is the full one)."""
    uid = os.getuid()
    found: list[Path] = []
    if runtime := os.environ.get("XDG_RUNTIME_DIR"):
        found.append(Path(runtime) / "macrohard" / "unsaved")
    found.append(Path("/dev/shm") / f"macrohard-{uid}" / "unsaved")
    found.append(Path(tempfile.gettempdir()) / f"macrohard-{uid}" / "unsaved")
    return found


def _key(store_path: Any) -> str:
    return hashlib.sha256(str(Path(store_path).resolve()).encode()).hexdigest()[:16]


def keep(store_path: Any, run: Run, steps: list[Step], say: Callable[[Path], str] | None = None) -> Path | None:
    """``run`` as it ended and ``steps`` (those its store refused) in one file outside the store's disk; its path, or
    None where no place took it (then they are lost, as before, and the store's error says why). ``say(file)``: a
    note added to the run's error before it is kept (where it was kept, for `runs show`)."""
    home = Path(store_path).resolve().parent
    for place in places():
        if place.resolve().is_relative_to(home):
            continue
        path = place / f"{_key(store_path)}-{run.id}{SUFFIX}"
        part = path.with_name(path.name + ".part")
        ended = run
        if say is not None:
            note = say(path)
            ended = run.model_copy(update={"error": f"{run.error}; {note}" if run.error else note})
        record = {"store": str(Path(store_path).resolve()), "run": ended.model_dump(mode="json"),
                  "steps": [step.model_dump(mode="json") for step in steps]}
        try:
            place.mkdir(parents=True, exist_ok=True, mode=0o700)
            with open(part, "wb") as fh:
                fh.write(json.dumps(record).encode())
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, path)
            return path
        except OSError:
            part.unlink(missing_ok=True)
    return None


def restore(store: Any) -> list[str]:
    """Add back what runs of ``store`` had kept elsewhere (their steps, then their end); the ids of the runs done. A
    file the store cannot take yet (its disk still full) stays for the next time."""
    path = getattr(store, "path", None)
    if path is None:
        return []
    key, done = _key(path), []
    for place in places():
        try:
            kept = sorted(place.glob(f"{key}-*{SUFFIX}"))
        except OSError:
            continue
        for file in kept:
            try:
                record = json.loads(file.read_bytes())
                if record.get("store") != str(Path(path).resolve()):
                    continue
                run = Run.model_validate(record["run"])
                steps = [Step.model_validate(s) for s in record.get("steps") or []]
            except (OSError, ValueError, KeyError):
                continue
            try:
                have = {step.index for step in store.steps(run.id)}
                for step in steps:
                    if step.index not in have:
                        store.append_step(run.id, step)
                if store.get_run(run.id).status.value == "running":  # not one a later write ended already
                    store.update_run(run)
            except Exception:  # noqa: BLE001 - still full (or locked): kept for the next command
                continue
            file.unlink(missing_ok=True)
            done.append(run.id)
    return done


__all__ = ["SUFFIX", "keep", "places", "restore"]
