"""32 processes spending from one wallet never overdraw it; kill -9 mid-payment leaves a ledger that recovers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macrohard.money.ledger import InsufficientFunds, Ledger

WORKERS = 32
TRIES = 8
PRICE = 7
FUNDS = 1000


def spender(path: str, worker: int, out: multiprocessing.Queue) -> None:
    ledger = Ledger(path)
    paid = 0
    for i in range(TRIES):
        try:
            if i % 2:
                tx = ledger.hold("user:wallet", "payee:shop", PRICE, "USD", key=f"w{worker}-{i}")
                ledger.capture(tx.id)
            else:
                ledger.transfer("user:wallet", "payee:shop", PRICE, "USD", key=f"w{worker}-{i}", kind="payment")
            paid += PRICE
        except InsufficientFunds:
            pass
    ledger.close()
    out.put(paid)


@pytest.mark.timeout(300)
def test_32_processes_never_overdraw_one_wallet(tmp_path):
    path = str(tmp_path / "runs.db")
    ledger = Ledger(path)
    ledger.open_account("user", "wallet", "USD")
    ledger.open_account("payee", "shop", "USD")
    ledger.fund("user:wallet", FUNDS)
    ctx = multiprocessing.get_context("fork")  # each child opens its own connection
    out = ctx.Queue()
    procs = [ctx.Process(target=spender, args=(path, w, out)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    paid = [out.get(timeout=240) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert WORKERS * TRIES * PRICE > FUNDS  # they wanted more than there was
    wallet, shop = ledger.account("user:wallet"), ledger.account("payee:shop")
    assert sum(paid) == shop.posted == FUNDS - wallet.posted
    assert wallet.available >= 0 and wallet.held == 0
    assert wallet.available < PRICE  # and what could be spent, was
    assert ledger.check() == []


CRASHER = """
import sys, time
from macrohard.money.ledger import Ledger
ledger = Ledger(sys.argv[1])
mode = sys.argv[2]
i = 0
while True:
    tx = ledger.hold("user:wallet", "payee:shop", 3, "USD", key=f"c{i}", ttl_s=60)
    if mode == "between":
        print("held", tx.id, flush=True)
        time.sleep(3600)   # killed here: between the hold and its capture
    ledger.capture(tx.id)
    i += 1
    if i == 5:
        print("running", flush=True)
"""


def crash(path: str, mode: str, delay: float = 0.0) -> str:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2] / "src")}
    proc = subprocess.Popen([sys.executable, "-c", CRASHER, path, mode], stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return line


@pytest.mark.timeout(300)
def test_kill_9_between_hold_and_capture_recovers(tmp_path):
    path = str(tmp_path / "runs.db")
    now = [time.time()]
    ledger = Ledger(path, clock=lambda: now[0])
    ledger.open_account("user", "wallet", "USD")
    ledger.open_account("payee", "shop", "USD")
    ledger.fund("user:wallet", 100)
    line = crash(path, "between")
    assert line.startswith("held ")
    hold_id = line.split()[1]
    assert ledger.check() == []  # no half entries: the hold is whole, pending
    wallet = ledger.account("user:wallet")
    assert (wallet.posted, wallet.held) == (100, 3) and ledger.transaction(hold_id).status == "pending"
    assert ledger.expire_holds() == []  # not yet expired: a live hold stays
    now[0] = ledger.transaction(hold_id).expires_at + 1
    assert ledger.expire_holds() == [hold_id]  # recovery: the hold expires, the money is back
    wallet = ledger.account("user:wallet")
    assert (wallet.posted, wallet.held) == (100, 0) and ledger.account("payee:shop").posted == 0
    assert ledger.check() == []


@pytest.mark.timeout(300)
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2])
def test_kill_9_at_a_random_moment_of_a_payment_loop(tmp_path, delay):
    path = str(tmp_path / "runs.db")
    now = [time.time()]
    ledger = Ledger(path, clock=lambda: now[0])
    ledger.open_account("user", "wallet", "USD")
    ledger.open_account("payee", "shop", "USD")
    ledger.fund("user:wallet", 100_000)
    assert crash(path, "loop", delay).startswith("running")
    import sqlite3

    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ledger.check() == []
    wallet, shop = ledger.account("user:wallet"), ledger.account("payee:shop")
    captured = sum(1 for t, _ in ledger.statement("payee:shop", limit=100_000) if t.status == "posted")
    assert shop.posted == 3 * captured and wallet.posted == 100_000 - shop.posted
    assert wallet.held in (0, 3)  # at most the one payment in flight, held whole
    now[0] += 3600  # past the expiry of any hold the child made (its own clock ran on meanwhile)
    ledger.expire_holds()
    assert ledger.account("user:wallet").held == 0
    assert ledger.account("user:wallet").available == 100_000 - shop.posted and ledger.check() == []
