"""The statement page: a payment made by a run is shown with its amount and links to its run, step and audit record."""

from __future__ import annotations

from macrohard.money.ledger import Ledger


def test_statement_page_links_each_posting_to_its_run_step_and_audit(server):
    ledger = Ledger(server.home / "runs.db")
    ledger.open_account("user", "alice", "USD")
    ledger.open_account("payee", "shop", "USD")
    ledger.fund("user:alice", 5000)
    tx = ledger.transfer("user:alice", "payee:shop", 1250, "USD", kind="payment", memo="one T-shirt",
                         run_id="run-abc123", step=2, audit_seq=4)
    api = server.api()
    accounts = {a["id"]: a for a in api.get("/api/money/accounts").json()}
    assert accounts["user:alice"]["available"] == 3750
    page = api.get("/money/user:alice")
    assert page.status_code == 200
    html = page.text
    assert "Statement of user:alice" in html and "available 37.50 USD" in html
    assert "-12.50 USD" in html and "one T-shirt" in html and tx.id in html
    assert 'href="/runs/run-abc123"' in html and 'href="/api/runs/run-abc123/audit">#4' in html
    assert api.get("/money").status_code == 200 and 'href="/money/payee:shop"' in api.get("/money").text
    assert api.get("/money/user:nobody").status_code == 404
    data = api.get("/api/money/accounts/user:alice/statement").json()
    assert data["transactions"][0]["step"] == 2 and data["transactions"][0]["audit_seq"] == 4
    assert server.api(token="wrong").get("/api/money/accounts").status_code == 401
    ledger.close()
