"""`macrohard money`: accounts, fund, transfer, statement and limits, as tables and as JSON; bad input named."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from macrohard.cli import app
from macrohard.money.currency import AmountError, CurrencyError
from macrohard.money.ledger import IdempotencyConflict, InsufficientFunds


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("MACROHARD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MACROHARD_POLICY", raising=False)
    runner = CliRunner()

    def call(*args: str):
        result = runner.invoke(app, ["money", *args])
        if not args[-1] == "--json":
            result.text = " ".join(result.output.split())  # rich wraps lines at 80 columns
        return result

    return call


def test_fund_transfer_statement_accounts(cli):
    assert "funded user:alice with 50.00 USD" in cli("fund", "user:alice", "50").text
    moved = cli("transfer", "user:alice", "payee:shop", "12.50", "--memo", "socks")
    assert moved.exit_code == 0 and "37.50 USD available" in moved.text
    accounts = json.loads(cli("accounts", "--json").output)
    by_id = {a["id"]: a for a in accounts}
    assert by_id["user:alice"]["available"] == 3750 and by_id["payee:shop"]["posted"] == 1250
    assert by_id["external:funding-USD"]["overdraft"] is None
    table = cli("accounts").text
    assert "user:alice" in table and "37.50 USD" in table
    statement = json.loads(cli("statement", "user:alice", "--json").output)
    assert [t["effect"] for t in statement["transactions"]] == [-1250, 5000]
    assert statement["transactions"][0]["memo"] == "socks"
    assert "socks" in cli("statement", "user:alice").text


def test_limits_show_the_policy(cli):
    data = json.loads(cli("limits", "--json").output)
    assert data["per_run"] == "20" and data["ask_over"] == "10" and data["new_payee"] == "ask"
    assert "per_run" in cli("limits").text


@pytest.mark.parametrize("args,error,text", [
    (("transfer", "user:alice", "payee:shop", "100"), InsufficientFunds, "insufficient funds"),
    (("transfer", "user:alice", "payee:shop", "--", "-1"), AmountError, "must be positive"),
    (("transfer", "user:alice", "payee:shop", "0"), AmountError, "must be positive"),
    (("fund", "user:alice", "1", "--currency", "EUR"), CurrencyError, "holds USD, not EUR"),
    (("fund", "user:bob", "1", "--currency", "XYZ"), CurrencyError, "unknown currency 'XYZ'"),
    (("fund", "user:alice", "2", "--key", "k1"), IdempotencyConflict, "already used"),
])
def test_bad_input_names_the_fix_and_changes_nothing(cli, args, error, text):
    cli("fund", "user:alice", "50")
    cli("fund", "user:alice", "1", "--key", "k1")
    result = cli(*args)
    assert isinstance(result.exception, error) and text in str(result.exception)
    assert json.loads(cli("statement", "user:alice", "--json").output)["account"]["available"] == 5100
