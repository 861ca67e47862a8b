"""Applying a coding run's change: only when its gate passed, as a commit on a new branch or a patch file.

``force`` applies a change the gate refused; ``without_tests`` one that had no tests to gate on.
Either is an override, appended to the run's audit chain before anything is written. Never a push.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from macrohard.coding.repo import commit_changes, git, relevant
from macrohard.envs.changes import ChangeStore, patch_bytes, unified_diff
from macrohard.errors import UserError
from macrohard.types import Decision, Run, Verdict


class GateRefused(UserError):
    """The change did not pass the test gate (or had none) and no override was given."""


def refusal(run: Run) -> str | None:
    """Why ``run``'s change may not be applied without an override; None when its gate passed."""
    gate = run.meta.get("gate") or {}
    if gate.get("status") == "passed":
        return None
    if gate.get("status") == "no_tests":
        return (f"run {run.id} had no tests to gate its change on ({gate.get('detection', '')}): apply it with "
                f"`macrohard runs apply {run.id} --without-tests` (recorded), or add a `test:` command in .macrohard.yaml")
    lines = [f"run {run.id}'s change did not pass the test gate: {gate.get('reason', 'no gate recorded')}"]
    for key, title in (("newly_failing", "newly failing"), ("still_failing", "still failing"), ("flaky", "flaky")):
        if gate.get(key):
            lines.append(f"  {title}: " + ", ".join(gate[key][:20]) + (" ..." if len(gate[key]) > 20 else ""))
    lines.append(f"Look at it (`macrohard runs diff {run.id}`); `macrohard runs apply {run.id} --force` applies it anyway "
                 "and records the override in the audit chain.")
    return "\n".join(lines)


def _audit(store: Any, run: Run, kind: str, reason: str, data: dict[str, Any], decision: Decision = Decision.allow,
           by: str = "user") -> None:
    path = getattr(store, "path", None)
    if path is None:
        return
    from macrohard.safety.audit import AuditLog

    AuditLog(path).append(run.id, kind, Verdict(decision=decision, reason=reason, check="coding-gate",
                                                approved_by=by), data)


def commit_message(run: Run) -> str:
    answer = (run.answer or "").strip()
    first = answer.splitlines()[0][:72] if answer else f"macrohard: {run.task.text.splitlines()[0][:60]}"
    gate = run.meta.get("gate") or {}
    body = answer if answer and answer != first else ""
    trailer = f"macrohard run {run.id}; test gate: {gate.get('status', 'none')} ({gate.get('reason', '')})"
    return "\n\n".join(part for part in (first, body, trailer) if part) + "\n"


def runs_later_files(repo: str, base: str, store_dir: ChangeStore, changes: list[Any]) -> list[dict[str, str]]:
    """The change's files that run code on the person's machine later, when they do something ordinary (`make`,
    `cd` with direnv, `git commit`, opening the folder in an editor, `npm install`: ``envs.runs_later``, the list a
    write-back holds back), and links that point outside the repository; each with why. rt46b: a change whose gate
    passed carried a Makefile, an .envrc, a .gitattributes and a link to /etc/passwd into the commit, and apply said
    only "committed 6 file(s)". The gate tested the change with them, so they stay in it; they are shown apart."""
    import posixpath
    import subprocess

    from macrohard.envs.runs_later import named_by_the_tree, runs_later

    found = []
    for change in changes:
        if change.status == "deleted" or change.new is None:
            continue
        if change.new.type == "link":
            target = change.new.target or ""
            inside = posixpath.normpath(posixpath.join(posixpath.dirname(change.path), target))
            if target.startswith("/") or inside == ".." or inside.startswith("../"):
                found.append({"path": change.path, "why": f"a link to {target}, outside the repository"})
            continue
        old = None
        if change.status == "modified":
            shown = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"{base}:{change.path}"],
                                   capture_output=True)
            old = shown.stdout if shown.returncode == 0 else None
        why = runs_later(change.path, old, store_dir.content(change.new, Path(repo), change.path))
        if why:
            found.append({"path": change.path, "why": why})
    by_path = {posixpath.normpath(c.path): c for c in changes}

    def read(rel: str) -> bytes | None:  # the file as the change leaves it: the change's, else the base commit's
        change = by_path.get(posixpath.normpath(rel))
        if change is not None:
            return store_dir.content(change.new, Path(repo), change.path) if change.new is not None and \
                change.new.type == "file" else None
        shown = subprocess.run(["git", "-C", str(repo), "cat-file", "blob", f"{base}:{posixpath.normpath(rel)}"],
                               capture_output=True)
        return shown.stdout if shown.returncode == 0 else None

    listed = {f["path"] for f in found}  # rt53: an in-tree build backend, a Cargo.toml's build script
    found += [{"path": p, "why": why} for p, why in named_by_the_tree(
        [c.path for c in changes if c.status != "deleted" and c.new is not None and c.path not in listed],
        read).items()]
    return found


def apply_coding(run: Run, store: Any, *, force: bool = False, without_tests: bool = False,
                 patch: Path | None = None, branch: str | None = None, author: str | None = None,
                 by: str = "user") -> dict[str, Any]:
    """Apply ``run``'s gated change to its repository (or write it as ``patch``); what was done.

    ``by`` names who approved it in the audit chain (``user`` at the terminal, ``web:NAME`` in the web app)."""
    coding = run.meta["coding"]
    gate = run.meta.get("gate") or {}
    why = refusal(run)
    allowed = why is None or (gate.get("status") == "no_tests" and without_tests) or (gate.get("status") != "no_tests" and force)
    if not allowed:
        raise GateRefused(why or "")
    info = run.meta.get("sandbox") or {}
    store_dir = ChangeStore(info["state_dir"])
    changes = relevant(coding["repo"], store_dir.changes())
    if not changes:
        raise UserError(f"run {run.id} changed nothing in {coding['repo']} (leftovers of test runs aside): nothing to apply")
    parsed_author = None
    if author:
        if "<" not in author or not author.rstrip().endswith(">"):
            raise UserError(f"--author {author!r}: write it as 'Name <email>'")
        name, email = author.rsplit("<", 1)
        parsed_author = (name.strip(), email.rstrip().rstrip(">").strip())
    if why is not None:  # an override: recorded before anything is written
        kind = "no tests" if gate.get("status") == "no_tests" else "gate failed"
        _audit(store, run, "override", f"applied although {kind}: {gate.get('reason', '')}",
               {"kind": "apply_override", "flag": "--without-tests" if kind == "no tests" else "--force",
                "gate_status": gate.get("status"), "newly_failing": gate.get("newly_failing", [])[:50]}, by=by)
    result: dict[str, Any] = {"run": run.id, "repo": coding["repo"], "files": [c.path for c in changes],
                              "override": why is not None,
                              "runs_later": runs_later_files(coding["repo"], coding["head"], store_dir, changes)}
    if patch is not None:
        text = unified_diff(store_dir, Path(coding["repo"]), changes)
        patch.write_bytes(patch_bytes(text))  # a file's bytes that are not UTF-8 as they are (rt49c)
        result["patch"] = str(patch)
    else:
        branch = branch or coding.get("work_branch") or f"macrohard/{run.id}"
        if git(coding["repo"], "cat-file", "-t", coding["head"], check=False) != "commit":
            raise UserError(f"the commit run {run.id} started from ({coding['head'][:12]}) is gone from "
                            f"{coding['repo']}: write the change as a patch with --patch FILE instead")
        sha = commit_changes(coding["repo"], coding["head"], store_dir, changes, branch=branch,
                             message=commit_message(run), author=parsed_author)
        result.update(branch=branch, commit=sha)
    _audit(store, run, "apply", f"applied as {'patch ' + str(patch) if patch else 'commit ' + result['commit'][:12]}",
           {k: v for k, v in result.items() if k != "files"} | {"files": result["files"][:200]}, by=by)
    run.meta.setdefault("applied", []).append({"at": time.time(), "by": by,
                                           **{k: v for k, v in result.items() if k != "run"}})
    store.update_run(run)
    return result
