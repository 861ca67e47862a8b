"""Who sees which money: two members over HTTP on loopback. Each sees its own user account and the accounts
of the runs it started; another member's account is 404 (exactly like a missing one) in the pages and the
JSON API, and is left out of every list; an owner sees every account."""

from __future__ import annotations

from tests.server.conftest import mh

from macrohard.money.ledger import Ledger
from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Run, Task


def test_a_member_sees_its_own_accounts_and_runs_and_nothing_of_another(server):
    tokens = {}
    for name, role in (("alice", "member"), ("bob", "member"), ("vera", "viewer")):
        out = mh("serve", "users", "add", name, "--role", role, home=server.home)
        assert out.returncode == 0, out.stderr
        tokens[name] = out.stdout.strip().splitlines()[-1]
    store = SQLiteStore(server.home / "runs.db")
    run_a = Run(task=Task(text="alice buys"), model="scripted", meta={"user": "alice"})
    store.create_run(run_a)
    ledger = Ledger(server.home / "runs.db")
    for who in ("alice", "bob"):
        ledger.open_account("user", who, "USD")
        ledger.fund(f"user:{who}", 10000)
    ledger.open_account("run", run_a.id, "USD")
    ledger.transfer("user:alice", f"run:{run_a.id}", 777, "USD", memo="alice-secret-memo-4411")
    ledger.open_account("payee", "shop", "USD")
    ledger.transfer("user:bob", "payee:shop", 1250, "USD", kind="payment", memo="bob-secret-memo-9923",
                    run_id="run-bob1", step=1)
    alice, bob, vera = (server.api(tokens[n]) for n in ("alice", "bob", "vera"))

    # each member lists its own accounts only (alice: her user account and her run's)
    assert {a["id"] for a in alice.get("/api/money/accounts").json()} == {"user:alice", f"run:{run_a.id}"}
    assert {a["id"] for a in bob.get("/api/money/accounts").json()} == {"user:bob"}
    assert vera.get("/api/money/accounts").json() == []
    mine = alice.get("/api/money/accounts/user:alice/statement")
    assert mine.status_code == 200 and "alice-secret-memo-4411" in mine.text
    assert alice.get(f"/api/money/accounts/run:{run_a.id}/statement").status_code == 200

    # bob cannot read alice's statement, nor her run's, nor the shop's; same answer as a missing account
    for path in ("user:alice", f"run:{run_a.id}", "payee:shop", "external:funding-USD"):
        for url in (f"/api/money/accounts/{path}/statement", f"/money/{path}"):
            response = bob.get(url)
            assert response.status_code == 404, (url, response.status_code)
            assert "secret-memo" not in response.text
            assert response.status_code == bob.get(url.replace(path, "user:nobody")).status_code
    assert bob.get("/api/money/accounts/user:nobody/statement").json() == {"detail": "no account 'user:nobody'"}
    assert bob.get("/api/money/accounts/user:alice/statement").json() == {"detail": "no account 'user:alice'"}
    page = bob.get("/money")
    assert page.status_code == 200 and "user:alice" not in page.text and run_a.id not in page.text
    assert "payee:shop" not in page.text
    # and alice cannot read bob's (his payment's memo stays his)
    theirs = alice.get("/api/money/accounts/user:bob/statement")
    assert theirs.status_code == 404 and "bob-secret-memo" not in theirs.text
    assert "bob-secret-memo" not in alice.get("/money/user:bob").text
    # a viewer watches runs but not money
    assert vera.get("/api/money/accounts/user:alice/statement").status_code == 404

    # the owner (admin) sees every account
    everything = {a["id"] for a in server.api().get("/api/money/accounts").json()}
    assert {"user:alice", "user:bob", f"run:{run_a.id}", "payee:shop"} <= everything
    assert "bob-secret-memo-9923" in server.api().get("/api/money/accounts/user:bob/statement").text
    ledger.close()
