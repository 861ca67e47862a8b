"""The audit log as people read it (`macrohard audit verify/show`, the web app's audit check): records that are no
audit record passed over (verify names them), and everything read as of one moment. rel47; the chain itself is
``safety/audit.py``'s."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from macrohard.safety.audit import AuditLog, AuditRecord


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
