"""Verifying a run's audit chain together with its sub-runs' chains.

A parent's chain holds one ``delegation`` record per finished sub-run, naming the child's id and the head of
the child's chain (seq, hash) when it ended. ``verify_tree`` verifies the parent, then each linked child
(recursively), and reports a child whose chain no longer holds that head (rewritten or cut), and a child the
store knows (``parent_id``) that no record of the parent names (its delegation record removed).

A parent that was cut short (killed with SIGKILL, crashed, or stopped by a second interrupt while its sub-runs
ended) never wrote the records of the sub-runs still working: ``cut_short`` says so for such a parent, and those
sub-runs are noted as not linked because it was cut short (``notes``), each still verified on its own, not
reported as a removed record. Before (rel47's left-open, rel48): `audit verify` of a killed company said TAMPERED
for a log nobody had touched. The run's status is not in the chain: a record removed from the end of a cut-short
run's chain (with its head rewritten too) looks the same as one never written, which the note says.
"""

from __future__ import annotations

from collections.abc import Callable

from macrohard.safety.audit import AuditLog, Problem

MAX_TREE = 1000  # runs verified at most (a delegation tree is bounded in depth, this bounds its width)


def verify_tree(log: AuditLog, run_id: str, *, children_of: Callable[[str], list[str]] | None = None,
                cut_short: Callable[[str], str | None] | None = None, notes: dict[str, list[str]] | None = None
                ) -> dict[str, list[Problem]]:
    """Problems per run of the tree under ``run_id`` (an empty list: that chain is intact and linked).
    ``cut_short(run)``: why that run ended before it could link its sub-runs (None: it ended whole); the sub-runs it
    left unlinked go to ``notes[run]`` instead of its problems."""
    report: dict[str, list[Problem]] = {}
    pending = [run_id]
    while pending and len(report) < MAX_TREE:
        current = pending.pop(0)
        if current in report:
            continue
        problems = report[current] = log.verify(current)
        chain_intact = not problems  # a cut-short run whose own chain shows an edit excuses nothing
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
                why = cut_short(current) if cut_short is not None and chain_intact else None
                if why is not None:
                    if notes is not None:
                        notes.setdefault(current, []).append(
                            f"sub-run {child} is not linked into this chain: this run was cut short ({why}) before it "
                            "recorded the sub-run's end; nothing shows an edit (the sub-run's own chain is verified "
                            "on its own)")
                    pending.append(child)
                    continue
                problems.append(Problem(seq=None, what=f"sub-run {child} is not recorded in this run's chain "
                                                       "(its delegation record is missing, or it is still running)"))
                pending.append(child)
    return report
