"""The ledger schema on a real PostgreSQL: the SQLite tables as they are, the rules as PL/pgSQL triggers.

Runs when PostgreSQL's server binaries are installed (Debian's postgresql package); a throwaway cluster on a
Unix socket in a temporary directory, driven with psql (no Python driver needed)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from macrohard.money.postgres import SQLITE_ONLY, postgres_ddl, tables
from macrohard.store.migrations import MONEY_DDL

BIN = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
pytestmark = pytest.mark.skipif(not BIN or shutil.which("psql") is None,
                                reason="needs PostgreSQL (apt-get install postgresql)")


def as_server_user(argv: list[str]) -> list[str]:
    # the server refuses to run as root
    runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin") or "runuser"  # root's cron PATH
    return [runuser, "-u", "nobody", "--", *argv] if os.geteuid() == 0 else argv


@pytest.fixture(scope="module")
def pg():
    root = Path(tempfile.mkdtemp(prefix="macrohard-pg-"))  # not under pytest's root-only tmp: the server user reads it
    os.chmod(root, 0o777)
    data, port = root / "data", 50000 + os.getpid() % 10000
    subprocess.run(as_server_user([f"{BIN[-1]}/initdb", "-D", str(data), "-A", "trust", "-U", "pg"]), check=True,
                   capture_output=True, timeout=120)
    subprocess.run(as_server_user([f"{BIN[-1]}/pg_ctl", "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                                   f"-k {root} -p {port} -c listen_addresses=''", "start"]),
                   check=True, capture_output=True, timeout=120)

    def sql(text: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["psql", "-h", str(root), "-p", str(port), "-U", "pg", "-d", "postgres", "-q", "-A",
                               "-t", "-v", "ON_ERROR_STOP=1", "-c", text], capture_output=True, text=True, timeout=60)

    done = sql(postgres_ddl())
    assert done.returncode == 0, done.stderr
    for acc, floor in (("user:alice", 0), ("payee:shop", 0), ("external:funding-USD", None)):
        kind, name = acc.split(":")
        ok = sql(f"INSERT INTO money_accounts VALUES ('{acc}', '{kind}', '{name}', 'USD', "
                 f"{'NULL' if floor is None else floor}, {time.time()})")
        assert ok.returncode == 0, ok.stderr
    yield sql
    subprocess.run(as_server_user([f"{BIN[-1]}/pg_ctl", "-D", str(data), "-m", "immediate", "-w", "stop"]),
                   capture_output=True, timeout=60)
    shutil.rmtree(root, ignore_errors=True)


def tx(tx_id: str, payer: str, payee: str, amount: int, status: str, *, credit: int | None = None,
       currency: str = "USD") -> str:
    credit = amount if credit is None else credit
    return (f"BEGIN; INSERT INTO money_transactions (id, idem_key, fingerprint, kind, status, currency, amount, payer, "
            f"payee, created_at) VALUES ('{tx_id}', '{tx_id}', 'f', 'transfer', 'new', 'USD', {amount}, '{payer}', "
            f"'{payee}', 0); INSERT INTO money_postings (tx_id, account_id, amount, currency) VALUES "
            f"('{tx_id}', '{payer}', {-amount}, '{currency}'), ('{tx_id}', '{payee}', {credit}, 'USD'); "
            f"UPDATE money_transactions SET status = '{status}' WHERE id = '{tx_id}'; COMMIT;")


def balance(sql, acc: str) -> tuple[int, int]:
    out = sql(f"SELECT posted, held FROM money_balances WHERE account_id = '{acc}'").stdout.strip()
    posted, held = out.split("|")
    return int(posted), int(held)


def test_the_tables_are_sqlites_with_one_documented_change():
    sqlite_tables = MONEY_DDL[:MONEY_DDL.index("CREATE TRIGGER")]
    assert tables() == sqlite_tables.replace(*SQLITE_ONLY) and sqlite_tables.count(SQLITE_ONLY[0]) == 1


def test_postgres_keeps_the_ledgers_rules(pg):
    assert pg(tx("fund", "external:funding-USD", "user:alice", 1000, "posted")).returncode == 0
    assert balance(pg, "user:alice") == (1000, 0) and balance(pg, "external:funding-USD") == (-1000, 0)
    refused = pg(tx("u", "user:alice", "payee:shop", 5, "posted", credit=4))
    assert refused.returncode != 0 and "unbalanced" in refused.stderr
    refused = pg(tx("o", "user:alice", "payee:shop", 1001, "posted"))
    assert refused.returncode != 0 and "money_balances" in refused.stderr  # the overdraft CHECK
    refused = pg(tx("c", "user:alice", "payee:shop", 5, "posted", currency="EUR"))
    assert refused.returncode != 0 and "currency mismatch" in refused.stderr
    assert balance(pg, "user:alice") == (1000, 0)

    assert pg(tx("h1", "user:alice", "payee:shop", 600, "pending")).returncode == 0
    assert balance(pg, "user:alice") == (1000, 600) and balance(pg, "payee:shop") == (0, 0)
    refused = pg(tx("h2", "user:alice", "payee:shop", 401, "pending"))
    assert refused.returncode != 0 and "money_balances" in refused.stderr  # the hold counts against available
    assert pg("UPDATE money_transactions SET status = 'posted' WHERE id = 'h1'").returncode == 0
    assert balance(pg, "user:alice") == (400, 0) and balance(pg, "payee:shop") == (600, 0)
    assert pg(tx("h3", "user:alice", "payee:shop", 100, "pending")).returncode == 0
    assert pg("UPDATE money_transactions SET status = 'voided' WHERE id = 'h3'").returncode == 0
    assert balance(pg, "user:alice") == (400, 0)

    for statement, why in (("UPDATE money_postings SET amount = amount * 2", "immutable"),
                           ("DELETE FROM money_postings", "immutable"),
                           ("DELETE FROM money_transactions", "never deleted"),
                           ("UPDATE money_transactions SET amount = 1 WHERE id = 'h1'", "content never changes"),
                           ("UPDATE money_transactions SET status = 'voided' WHERE id = 'h1'", "are final"),
                           ("UPDATE money_balances SET posted = -5 WHERE account_id = 'user:alice'", "money_balances"),
                           ("INSERT INTO money_transactions (id, idem_key, fingerprint, kind, status, currency, amount, "
                            "payer, payee, created_at) VALUES ('x', 'x', 'f', 'transfer', 'posted', 'USD', 1, "
                            "'user:alice', 'payee:shop', 0)", "starts as new")):
        refused = pg(statement)
        assert refused.returncode != 0 and why in refused.stderr, (statement, refused.stderr)
    derived = pg("SELECT COALESCE(SUM(p.amount), 0) FROM money_postings p JOIN money_transactions t ON t.id = p.tx_id "
                 "WHERE t.status = 'posted' AND p.account_id = 'user:alice'").stdout.strip()
    assert int(derived) == balance(pg, "user:alice")[0] == 400
