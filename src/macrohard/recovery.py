"""Runs whose process died: mark them ``crashed``, keep their files, remove their mounts; and ``gc``.

A run records its owner (pid, the pid's start time, boot id) in ``run.meta["owner"]`` and in its
sandbox's state directory. A run still ``running`` whose owner is gone was killed (``kill -9``, a
crash, a power cut): ``recover`` marks it ``crashed`` and salvages its workspace (``envs/salvage``),
so ``runs diff``/``runs apply`` work afterwards. A run that ended but whose close was cut short (a
second Ctrl-C) has its change set recorded the same way. ``run_task`` calls ``recover`` at every
start, so a dead run is repaired the next time macrohard runs; ``macrohard runs recover`` does it
on demand. ``collect`` lists (and removes) what finished runs leave behind.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macrohard.envs.mounts import owner_alive, read_owner, unmount_all
from macrohard.envs.salvage import (
    INDEXED,
    OPEN_MARKS,
    WRITING_BACK,
    Salvaged,
    disk_bytes,
    leftovers,
    lower_of,
    mark_closed,
    remove,
    salvage,
    settled,
)
from macrohard.errors import DiskFull, NotFound, UserError
from macrohard.fatal import told
from macrohard.store.sqlite import default_home
from macrohard.types import Run, RunStatus


@dataclass
class Recovered:
    run_id: str
    status: str  # after recovery
    was: str
    salvaged: Salvaged | None = None


def said(item: Recovered) -> str:
    """The line that tells a person what recovery did to one run: its mounts detached, where its steps and its files
    are, what to run next. Before (rel45's left-open, rel46): the next `macrohard run` said only "run X was left running
    by a process that died: now crashed", not that the dead run's disk image, bind and overlay were detached nor where
    its files were."""
    parts = [f"run {item.run_id} was left {item.was} by a process that died: now {item.status}"]
    salvaged = item.salvaged
    if salvaged is not None and salvaged.unmounted:
        parts.append(f"its sandbox's {len(salvaged.unmounted)} mount(s) were detached (nothing of it is mounted now)")
    parts.append(f"the steps it finished are kept (`macrohard runs show {item.run_id}`)")
    if salvaged is not None and (salvaged.recorded or salvaged.changes):
        changed = ", ".join(f"{n} {kind}" for kind, n in (salvaged.changes or {}).items() if n) or "no change"
        parts.append(f"its files ({changed}) are kept in {salvaged.state}: `macrohard runs diff {item.run_id}` shows "
                     f"them, `macrohard runs apply {item.run_id}` writes them into its workspace")
    elif salvaged is not None and salvaged.note:
        parts.append(f"its files: {salvaged.note}")
    return "; ".join(parts)


@dataclass
class Leftover:
    run_id: str
    what: str
    path: Path
    bytes: int
    state: str = field(default="")  # the run's status, or "not in the store"


def sandboxes(home: Path | None = None) -> Path:
    return (home or default_home()) / "sandboxes"


def _state_of(run: Run, home: Path | None) -> Path | None:
    info = run.meta.get("sandbox") or {}
    state = Path(info["state_dir"]) if info.get("state_dir") else sandboxes(home) / run.id
    return state if state.is_dir() else None


def _dead(run: Run, state: Path | None) -> bool | None:
    alive = owner_alive(run.meta.get("owner"))
    if alive is None and state is not None:
        alive = owner_alive(read_owner(state))
    return None if alive is None else not alive


def dead(run: Run, home: Path | None = None) -> bool | None:
    """Whether the process that runs ``run`` is gone (its owner recorded in the run or in its sandbox's state
    directory); None when no owner was recorded (cannot tell)."""
    return _dead(run, _state_of(run, home))


def _candidates(store: Any, home: Path | None, *, every: bool = False) -> list[Run]:
    """Runs still marked running, and runs whose state directory has no recorded change set (or was cut short while
    writing it back). The state directories looked at are the open ones (``sandboxes/.open``, salvage.mark_open), not
    every folder under ``sandboxes/`` (speed50b: 0.67 s at every start with 4,512 finished runs); all of them when
    ``every`` (``macrohard runs recover``) or the first time a data dir from before the marks is recovered."""
    found = {r.id: r for r in store.list_runs(limit=1_000_000, status=RunStatus.running.value)}
    root = sandboxes(home)
    if not root.is_dir():
        return list(found.values())
    marks = root / OPEN_MARKS
    indexed = (marks / INDEXED).exists()
    if every or not indexed:
        names = [state.name for state in root.iterdir() if not state.name.startswith(".")]
    else:
        names = [mark.name for mark in marks.iterdir() if not mark.name.startswith(".")]
    for name in names:
        state = root / name
        if name in found:
            continue
        if not _open(state, marks / name, marking=not indexed):
            continue
        try:
            found[name] = store.get_run(name)
        except NotFound:
            continue
    if not indexed:
        try:
            marks.mkdir(exist_ok=True)
            (marks / INDEXED).touch()  # every open sandbox is marked now: the next start reads the marks only
        except OSError:
            pass
    return list(found.values())


def _open(state: Path, mark: Path, *, marking: bool) -> bool:
    """Whether ``state`` may need recovery (its change set unrecorded, or cut short while written back). A mark that
    cannot need it any more is dropped (its folder gone or done, and its owner not running: a live close may be
    between recording its change set and marking its write-back); ``marking``: the open ones are marked."""
    if not state.is_dir():
        _drop(mark)
        return False
    if settled(state) or not (state / "owner.json").exists():
        if not marking and mark.exists() and owner_alive(read_owner(state) or _record(mark)) is not True:
            _drop(mark)
        return False
    if marking and not mark.exists():
        try:
            mark.parent.mkdir(exist_ok=True)
            mark.write_text(json.dumps(read_owner(state) or {}))
        except OSError:  # a data dir that cannot be written: not indexed, read whole again next time
            pass
    return True


def _drop(mark: Path) -> None:
    try:
        mark.unlink(missing_ok=True)
    except OSError:  # a data dir that cannot be written: the mark is looked at again next time
        pass


def _record(mark: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(mark.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def recover(store: Any, run_id: str | None = None, *, home: Path | None = None,
            progress: Callable[[int, int, int], None] | None = None, every: bool = False) -> list[Recovered]:
    """Repair dead runs (all of them, or ``run_id``); return what was done.

    A run whose owner is alive is never touched. A run with no recorded owner (made before
    owners were recorded) is repaired only when named.
    """
    from macrohard.store.unsaved import restore

    restore(store)  # rel57: what a full disk made a run keep elsewhere, added back first (its end is not a crash)
    if run_id is not None:
        run = store.get_run(run_id)
        dead = _dead(run, _state_of(run, home))
        if dead is False:
            owner = run.meta.get("owner") or read_owner(_state_of(run, home) or Path("/nonexistent")) or {}
            raise UserError(f"run {run.id} is still running (process {owner.get('pid')}); stop it with Ctrl-C or "
                            f"`kill {owner.get('pid')}` first, then recover it")
        runs = [run]
    else:
        runs = [r for r in _candidates(store, home, every=every) if _dead(r, _state_of(r, home))]
    done = []
    for run in runs:
        done.append(_repair(store, run, home, progress))
    return done


def _repair(store: Any, run: Run, home: Path | None, progress: Callable[[int, int, int], None] | None) -> Recovered:
    was = run.status.value
    state = _state_of(run, home)
    info = dict(run.meta.get("sandbox") or {})
    salvaged = None
    if state is not None:
        lower = Path(info["lower"]) if info.get("lower") else lower_of(state)
        salvaged = salvage(state, lower, progress)
        if salvaged.changes is not None:
            info["changes"] = salvaged.changes
        info.update({"state_dir": str(state), "recovered_at": time.time(), "recovery_note": salvaged.note})
        if lower is not None:
            info.setdefault("lower", str(lower))
        info.pop("close_interrupted", None)
        run.meta["sandbox"] = info
    pid = (run.meta.get("owner") or {}).get("pid", "?")
    if run.status is RunStatus.running:
        run.status = RunStatus.crashed
        run.finished_at = run.finished_at or time.time()
        fatal = told(home or default_home(), run.meta.get("owner"))  # rel39: a SIGBUS was "killed" before
        cut = _under_way(store, run)
        run.error = (f"the process that ran it (pid {pid}) " + (fatal if fatal else "ended without closing the run "
                     "(killed, or the machine stopped)") + "; the steps it finished are kept"
                     + (f"; {cut} was under way (approved, in the audit chain) and has no result recorded" if cut
                        else "")
                     + (f"; its files were recorded: `macrohard runs diff {run.id}` shows them, `macrohard runs apply "
                        f"{run.id}` keeps them" if salvaged and (salvaged.recorded or salvaged.changes) else ""))
    partly = state is not None and (state / WRITING_BACK).exists()
    if info.get("commit_on_close") and info.get("committed_files") is None and not info.get("commit_error"):
        info["commit_error"] = ("the process ended while it wrote the changes back: a part of them may be there"
                                if partly else "the run ended before its changes were written back")
        if run.status is RunStatus.succeeded:
            run.status = RunStatus.failed
            run.error = (f"the changes were only partly written back into {info.get('lower')} (the process ended "
                         f"while writing them); they are all kept: `macrohard runs apply {run.id}` writes them"
                         if partly else
                         f"the changes were never written back into {info.get('lower')} (the process ended first); "
                         f"they are kept: `macrohard runs apply {run.id}`")
    if partly:
        (state / WRITING_BACK).unlink(missing_ok=True)
    store.update_run(run)
    if state is not None:
        mark_closed(state)  # its change set recorded now: out of the index of open sandboxes
    return Recovered(run_id=run.id, status=run.status.value, was=was, salvaged=salvaged)


def _under_way(store: Any, run: Run) -> str:
    """The step a dead run was executing, for people ("step 2 (bash `sleep 30`)"): an action the audit chain holds
    as allowed or approved past the steps the store recorded; "" when there is none. rel51: a run killed mid-step was
    said to keep "the steps it finished", and nothing said that one more had been approved and was under way (what
    it did to the files is in its change set, its output nowhere)."""
    from macrohard.safety.audit import AuditLog

    try:
        records = AuditLog(store.path).records(run.id)
    except Exception:  # (the store's own errors, a damaged record): the message goes without it
        return ""
    taken = [r for r in records if r.step > run.steps and r.action and r.kind in ("verdict", "approval")
             and r.verdict.get("decision") == "allow"]
    if not taken:
        return ""
    last = taken[-1]
    kind = str(last.action.get("kind", "action")) if last.action else "action"
    what = next((last.action.get(k) for k in ("command", "path", "url") if last.action and last.action.get(k)), "")
    text = " ".join(str(what).split())
    return f"step {last.step} ({kind}" + (f" `{text[:60]}{'…' if len(text) > 60 else ''}`" if text else "") + ")"


def collect(store: Any, *, home: Path | None = None, change_sets: bool = False, dry_run: bool = True,
            progress: Callable[[int, int, int], None] | None = None) -> list[Leftover]:
    """What finished runs leave in the data dir; removed unless ``dry_run``.

    A dead run is recovered first (its change set recorded), so gc never loses a change set it
    does not mean to. Live runs, and runs whose owner cannot be told, are left alone.
    """
    root = sandboxes(home)
    found: list[Leftover] = []
    if not root.is_dir():
        return found
    for state in sorted(root.iterdir()):
        if state.name.startswith(".") or not state.is_dir():
            continue
        try:
            run: Run | None = store.get_run(state.name)
        except NotFound:
            run = None
        alive = owner_alive(read_owner(state))
        if alive or (run is not None and run.status is RunStatus.running and alive is None):
            continue
        if run is None:
            if (state / "changes.json").exists() and not change_sets:
                # rel51: its recorded change set is kept, as a known run's is (a store replaced, its damaged file
                # moved aside: the only copy of what the run changed); the rest of the folder goes
                found += [Leftover(state.name, f"{what} of a run not in the store", path, size, "not in the store")
                          for what, path, size in leftovers(state)]
            else:
                found.append(Leftover(state.name, "state of a run not in the store", state, disk_bytes(state),
                                      "not in the store"))
        else:
            if not dry_run and not (state / "changes.json").exists():
                try:
                    _repair(store, run, home, progress)
                except DiskFull:  # no room to record its change set (a full disk, rel51): kept for `runs recover`
                    continue
            found += [Leftover(run.id, what, path, size, run.status.value)
                      for what, path, size in leftovers(state, change_set=change_sets)]
    if not dry_run:
        for item in found:
            unmount_all(item.path)  # never delete through a mount left behind
            remove(item.path)
    return found
