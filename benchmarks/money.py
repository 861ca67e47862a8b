"""Money benchmarks: ledger postings per second (one writer, and 8 processes at once), and the limit check.

    .venv/bin/python benchmarks/money.py [--transactions 2000] [--repeat 2000]

- postings/s: each transaction is one ``BEGIN IMMEDIATE`` ... ``COMMIT`` (two postings, the triggers that check
  balance, currency and overdraft, the cached balances). Peer, measured in the same run: a bare SQLite
  insert-and-commit of one row per transaction in the same mode (WAL, synchronous=NORMAL).
- 8 writers: 8 processes pay from ONE wallet into one payee at once (the contended case the lock is for).
- limit check: p50/p99 of ``MoneyCheck`` alone and of a whole ``Guard.review`` of a ``pay`` action against a
  ledger holding the transactions above (target: the check p99 <= 0.5 ms, so the review stays under 1 ms).
  Peer: ``Guard.review`` of an ordinary ``write_file`` action.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from macrohard.money.ledger import Ledger  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def writer(path: str, n: int, worker: int, start: Any) -> None:
    ledger = Ledger(path)
    start.wait()
    for i in range(n):
        ledger.transfer("user:wallet", "payee:shop", 1, "USD", key=f"w{worker}-{i}", kind="payment")
    ledger.close()


def fresh(tmp: str, name: str, funds: int) -> Ledger:
    ledger = Ledger(Path(tmp) / f"{name}.db")
    ledger.open_account("user", "wallet", "USD")
    ledger.open_account("payee", "shop", "USD")
    ledger.fund("user:wallet", funds)
    return ledger


def timings(fn: Callable[[], Any], repeat: int) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.thread_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.thread_time() - c0) * 1000)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    n = args.transactions
    print(f"money benchmark, python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="money-bench-") as tmp:
        # -- one writer ---------------------------------------------------------------------
        ledger = fresh(tmp, "single", 10**12)
        t0 = time.perf_counter()
        for i in range(n):
            ledger.transfer("user:wallet", "payee:shop", 1, "USD", key=f"s{i}", kind="payment")
        single = n / (time.perf_counter() - t0)
        t0 = time.perf_counter()
        for i in range(n // 2):
            hold = ledger.hold("user:wallet", "payee:shop", 1, "USD", key=f"h{i}")
            ledger.capture(hold.id)
        held = (n // 2) / (time.perf_counter() - t0)
        assert ledger.check() == []
        db = sqlite3.connect(Path(tmp) / "peer.db", isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, amount INTEGER)")
        t0 = time.perf_counter()
        for i in range(n):
            db.execute("BEGIN IMMEDIATE")
            db.execute("INSERT INTO t (k, amount) VALUES (?, 1)", (f"p{i}",))
            db.execute("COMMIT")
        peer = n / (time.perf_counter() - t0)
        db.close()

        # -- 8 writers, one wallet -----------------------------------------------------------
        shared = fresh(tmp, "shared", 10**12)
        ctx = multiprocessing.get_context("fork")
        start = ctx.Event()
        procs = [ctx.Process(target=writer, args=(str(shared.path), n // 8, w, start)) for w in range(8)]
        for p in procs:
            p.start()
        time.sleep(0.5)  # every process has opened its connection
        t0 = time.perf_counter()
        start.set()
        for p in procs:
            p.join()
        eight = 8 * (n // 8) / (time.perf_counter() - t0)
        assert all(p.exitcode == 0 for p in procs) and shared.check() == []
        assert shared.account("payee:shop").posted == 8 * (n // 8)

        # -- the limit check inside a review -------------------------------------------------
        from decimal import Decimal

        from macrohard.money.wallet import Wallet
        from macrohard.safety.context import GuardContext
        from macrohard.safety.guard import Guard
        from macrohard.safety.money import MoneyCheck
        from macrohard.safety.policy import Money, load_policy
        from macrohard.types import PayAction, WriteFileAction

        policy = load_policy().model_copy(update={"money": Money(payees=["shop"], per_day=Decimal(10**9),
                                                                 per_payee=Decimal(10**9), per_run=Decimal(10**9))})
        guard = Guard.from_policy(policy)
        check = MoneyCheck(policy)
        ctx = GuardContext(workspace=tmp, run_id="bench-run", wallet=Wallet(ledger, "user:wallet"))
        pay = PayAction(payee="shop", amount="1.00", currency="USD", memo="bench")
        write = WriteFileAction(path="notes.txt", content="hello")
        assert check(pay, ctx) is None and guard.review(pay, ctx).allowed
        for _ in range(200):  # warm up
            check(pay, ctx), guard.review(pay, ctx), guard.review(write, ctx)
        check_ms, check_cpu = timings(lambda: check(pay, ctx), args.repeat)
        review_ms, review_cpu = timings(lambda: guard.review(pay, ctx), args.repeat)
        peer_ms, peer_cpu = timings(lambda: guard.review(write, ctx), args.repeat)
        rows = sum(1 for _ in ledger.statement("user:wallet", limit=10**9))

    print(f"postings per second (a transaction = 2 postings), {n} transactions")
    print(f"  one writer, transfer                {single:9.0f} tx/s  {2 * single:9.0f} postings/s")
    print(f"  one writer, hold + capture          {held:9.0f} payments/s")
    print(f"  8 processes, one wallet, transfer   {eight:9.0f} tx/s  {2 * eight:9.0f} postings/s")
    print(f"  peer: bare SQLite insert+commit     {peer:9.0f} rows/s")
    print(f"limit check, {args.repeat} samples, wallet with {rows} transactions")
    print(f"  MoneyCheck alone          p50 {statistics.median(check_ms):.3f} ms  p99 {pct(check_ms, .99):.3f} ms"
          f"  (CPU p99 {pct(check_cpu, .99):.3f} ms; target p99 <= 0.5 ms)")
    print(f"  Guard.review of pay       p50 {statistics.median(review_ms):.3f} ms  p99 {pct(review_ms, .99):.3f} ms"
          f"  (CPU p99 {pct(review_cpu, .99):.3f} ms; target p99 <= 1 ms)")
    print(f"  peer: review of write_file p50 {statistics.median(peer_ms):.3f} ms  p99 {pct(peer_ms, .99):.3f} ms"
          f"  (CPU p99 {pct(peer_cpu, .99):.3f} ms)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
