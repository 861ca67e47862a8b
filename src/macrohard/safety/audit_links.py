"""Verifying a run's audit chain together with its sub-runs' chains.

A parent's chain holds one ``delegation`` record per finished sub-run, naming the child's id and the head of
the child's chain (seq, hash) when it ended. ``verify_tree`` verifies the parent, then each linked child
(recursively), and reports a child whose chain no longer holds that head (rewritten or cut), and a child the
store knows (``parent_id``) that no record of the parent names (its delegation record removed).
"""

from __future__ import annotations

from collections.abc import Callable

from macrohard.safety.audit import AuditLog, Problem

MAX_TREE = 1000  # runs verified at most (a delegation tree is bounded in depth, this bounds its width)


def verify_tree(log: AuditLog, run_id: str, *, children_of: Callable[[str], list[str]] | None = None
                ) -> dict[str, list[Problem]]:
    """Problems per run of the tree under ``run_id`` (an empty list: that chain is intact and linked)."""
    report: dict[str, list[Problem]] = {}
    pending = [run_id]
    while pending and len(report) < MAX_TREE:
        current = pending.pop(0)
        if current in report:
            continue
        problems = report[current] = log.verify(current)
        linked: list[str] = []
        for rec in log.records(current):
            if rec.kind != "delegation" or not rec.action or not rec.action.get("child_id"):
                continue
            child = str(rec.action["child_id"])
            linked.append(child)
            seq, head = rec.action.get("child_head_seq"), rec.action.get("child_head_hash")
            if seq and not any(r.seq == seq and r.hash == head for r in log.records(child)):
                problems.append(Problem(seq=rec.seq, what=f"sub-run {child}'s chain no longer holds the head recorded "
                                                          f"here (record {seq}): its log was rewritten or cut"))
            pending.append(child)
        for child in children_of(current) if children_of is not None else []:
            if child not in linked:
                problems.append(Problem(seq=None, what=f"sub-run {child} is not recorded in this run's chain "
                                                       "(its delegation record is missing, or it is still running)"))
                pending.append(child)
    return report
