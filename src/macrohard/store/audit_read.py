"""The audit log as people read it (`macrohard audit verify/show`, the web app's audit check): records that are no
audit record passed over (verify names them), and everything read as of one moment. rel47; the chain itself is
``safety/audit.py``'s."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from macrohard.safety.audit import AuditLog, AuditRecord, Problem, genesis, outcome_seal


class ReadLog(AuditLog):
    """The audit log as the two commands read it (rel47).

    ``records`` passes over a record whose body is no audit record at all (edited into text that is not JSON, or JSON
    of something else): ``verify`` names it as edited, and a listing shows it as unreadable. Before, ``records``
    raised pydantic's ValidationError, so `audit verify` and `audit show` of exactly such a tampered log ended in a
    traceback. ``snapshot`` reads everything in one read transaction: a live run's records and chain head are read
    as of one moment (before, an append between the two reads could make a live, intact chain look cut at its end).
    """

    def records(self, run_id: str) -> list[AuditRecord]:
        out = []
        for body, h in self._db().execute("SELECT body, hash FROM audit WHERE run_id=? ORDER BY rowid", (run_id,)):
            try:
                rec = AuditRecord.model_validate_json(body)
            except ValueError:  # named by verify; shown as unreadable by `audit show`
                continue
            rec.hash = h
            out.append(rec)
        return out

    def unreadable(self, run_id: str) -> list[int]:
        """The seq of each stored record whose body is not an audit record."""
        bad = []
        for seq, body in self._db().execute("SELECT seq, body FROM audit WHERE run_id=? ORDER BY rowid", (run_id,)):
            try:
                AuditRecord.model_validate_json(body)
            except ValueError:
                bad.append(int(seq))
        return bad

    def count(self, run_id: str) -> int:
        return int(self._db().execute("SELECT COUNT(*) FROM audit WHERE run_id=?", (run_id,)).fetchone()[0])

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        db = self._db()
        db.execute("BEGIN")  # deferred: the first read fixes the snapshot (WAL), no lock is taken from writers
        try:
            yield
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")

    def outcome_problems(self, run_id: str, status: str, column: str, created_at: float) -> tuple[list[Problem], str]:
        """Whether the run's status in the store (``status``: its record's; ``column``: the listing's) is the outcome
        sealed onto its chain when it ended (rel49): the problems (an edit), and a note for a run that ended before
        outcomes were sealed (its status is then not verified by the chain). A running run has none yet."""
        if status == "running" and column == "running":
            return [], ""
        row = self._db().execute("SELECT status, seq, head, seal FROM audit_outcomes WHERE run_id=?",
                                 (run_id,)).fetchone()
        if row is None:
            return [Problem(seq=None, what=f"the run's outcome seal is missing (removed): its status ({status}) was "
                                           "sealed onto its chain when it ended, and the seal is gone")], ""
        if not row[3]:  # the migration's mark: a run already in the store when outcomes began to be sealed
            since = self._db().execute("SELECT applied_at FROM _migrations WHERE name='m010_audit_outcomes'").fetchone()
            if since is not None and created_at > float(since[0]) + 1:
                return [Problem(seq=None, what=f"the run's outcome seal was emptied: the run began after outcomes were "
                                               f"sealed onto chains, so its status ({status}) was sealed when it "
                                               "ended")], ""
            return [], (f"this run ended before macrohard sealed a run's outcome onto its chain: its status ({status}) "
                        "is not verified by the chain (its records are)")
        sealed, seq, head, seal = str(row[0]), int(row[1]), str(row[2]), str(row[3])
        problems = []
        if seal != outcome_seal(head, run_id, sealed):
            problems.append(Problem(seq=None, what=f"the outcome sealed onto the chain ({sealed}) does not match its "
                                                   "seal (edited)"))
        held = genesis(run_id) if seq == 0 else next(
            (h for (h,) in self._db().execute("SELECT hash FROM audit WHERE run_id=? AND seq=?", (run_id, seq))), None)
        if held != head:
            problems.append(Problem(seq=seq, what=f"the outcome was sealed on record {seq}, which the chain no longer "
                                                  "holds as it was (rewritten or cut)"))
        for what, value in (("status", status), ("listed status", column)):
            if value != sealed:
                problems.append(Problem(seq=None, what=f"the run's {what} in the store is {value!r}, but the outcome "
                                                       f"sealed onto its chain when it ended is {sealed!r}: the status "
                                                       "was edited after the run ended"))
        return problems, ""
