"""`macrohard money`: wallets and the ledger: accounts, funding, transfers, statements and the spending limits."""

from __future__ import annotations

import time
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from macrohard.cli.common import console, open_store, print_json

app = typer.Typer(no_args_is_help=True, help="Wallets and the ledger: accounts, funding, transfers, statements, limits.")

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
# a payment without --key that repeats one made this long ago or less is refused as a likely retry (rel48)
REPEAT_WINDOW_S = 24 * 3600.0


def _ledger():  # type: ignore[no-untyped-def]
    from macrohard.money.ledger import Ledger

    ledger = Ledger(open_store().path)
    ledger.expire_holds()  # holds past their time (a payer that crashed mid-payment) give their money back
    return ledger


def _amount(account_currency: str, amount: str) -> int:
    from macrohard.money.currency import to_minor

    return to_minor(amount, account_currency)


@app.command("accounts")
def accounts(as_json: Json = False) -> None:
    """List the accounts with their balances (posted, held by pending payments, available)."""
    from macrohard.money.currency import fmt

    accs = _ledger().accounts()
    if as_json:
        print_json([a.as_dict() for a in accs])
        return
    if not accs:
        console.print("No accounts yet. `macrohard money fund user:NAME AMOUNT --currency USD` opens one.")
        return
    table = Table("account", "currency", "posted", "held", "available", "overdraft")
    for a in accs:
        table.add_row(escape(a.id), a.currency, fmt(a.posted, a.currency), fmt(a.held, a.currency),
                      fmt(a.available, a.currency),
                      "unlimited" if a.min_balance is None else fmt(-a.min_balance, a.currency))
    console.print(table)


@app.command("fund")
def fund(
    account: Annotated[str, typer.Argument(help="The account to fund, KIND:NAME (user:alice, division:ops); opened "
                                                "if new.")],
    amount: Annotated[str, typer.Argument(help="How much, in major units (12.50).")],
    currency: Annotated[str | None, typer.Option(help="ISO 4217 code of a new account (default USD); an existing "
                                                     "account must match it.")] = None,
    key: Annotated[str | None, typer.Option(help="Idempotency key: the same key funds once. Without one, the same "
                                                 "funding again within a day is refused as a likely retry.")] = None,
    as_json: Json = False,
) -> None:
    """Add money to an account from the outside world (the ledger records it as a balanced transfer)."""
    from macrohard.errors import NotFound
    from macrohard.money.currency import fmt
    from macrohard.money.ledger import parse_account

    ledger = _ledger()
    ref = parse_account(account)
    try:
        acc = ledger.account(ref)
    except NotFound:
        kind, name = ref.split(":", 1)
        _amount(currency or "USD", amount)  # ux56: an amount refused opens no account (`fund user:x abc` opened it)
        acc = ledger.open_account(kind, name, currency or "USD")
    if currency is not None:
        ledger.open_account(acc.kind, acc.name, currency)  # refuses a currency the account does not hold
    tx = ledger.fund(acc.id, _amount(acc.currency, amount), key=key, repeat_window_s=REPEAT_WINDOW_S)
    acc = ledger.account(acc.id)
    if as_json:
        print_json({"transaction": tx.as_dict(), "account": acc.as_dict()})
        return
    console.print(f"funded {acc.id} with {fmt(tx.amount, tx.currency)} (transaction {tx.id}); "
                  f"available {fmt(acc.available, acc.currency)}")


@app.command("transfer")
def transfer(
    payer: Annotated[str, typer.Argument(help="From, KIND:NAME.")],
    payee: Annotated[str, typer.Argument(help="To, KIND:NAME (a payee:NAME is opened if new).")],
    amount: Annotated[str, typer.Argument(help="How much, in major units of the payer's currency (12.50).")],
    memo: Annotated[str, typer.Option(help="What it is for.")] = "",
    key: Annotated[str | None, typer.Option(help="Idempotency key: the same key moves money once. Without one, the "
                                                 "same transfer again within a day is refused as a likely retry "
                                                 "(its reply lost); a key of its own pays it again.")] = None,
    as_json: Json = False,
) -> None:
    """Move money between two accounts of the same currency (refused if the payer would overdraw)."""
    from macrohard.errors import NotFound
    from macrohard.money.currency import fmt
    from macrohard.money.ledger import parse_account

    ledger = _ledger()
    src = ledger.account(payer)
    dst = parse_account(payee)
    try:
        ledger.account(dst)
    except NotFound:
        if not dst.startswith("payee:"):
            raise
        ledger.open_account("payee", dst.split(":", 1)[1], src.currency)
    tx = ledger.transfer(src.id, dst, _amount(src.currency, amount), src.currency, key=key, memo=memo,
                         repeat_window_s=REPEAT_WINDOW_S)
    if as_json:
        print_json(tx.as_dict())
        return
    console.print(f"moved {fmt(tx.amount, tx.currency)} from {tx.payer} to {tx.payee} (transaction {tx.id}); "
                  f"{tx.payer} has {fmt(ledger.account(tx.payer).available, tx.currency)} available")


@app.command("statement")
def statement(
    account: Annotated[str, typer.Argument(help="KIND:NAME (user:alice).")],
    limit: Annotated[int, typer.Option(help="Most transactions to show, newest first.")] = 50,
    as_json: Json = False,
) -> None:
    """An account's transactions, newest first: amount, status, counterparty and the run, step and audit record."""
    from macrohard.money.currency import fmt

    ledger = _ledger()
    acc = ledger.account(account)
    rows = ledger.statement(acc.id, limit=limit)
    if as_json:
        print_json({"account": acc.as_dict(), "transactions": [{**t.as_dict(), "effect": e} for t, e in rows]})
        return
    console.print(f"[bold]{escape(acc.id)}[/]: posted {fmt(acc.posted, acc.currency)}, held {fmt(acc.held, acc.currency)},"
                  f" available {fmt(acc.available, acc.currency)}")
    table = Table("when (UTC)", "amount", "status", "kind", "counterparty", "memo", "run / step / audit", "id")
    for t, effect in rows:
        other = t.payee if effect < 0 else t.payer
        link = f"{t.run_id[:12]} / {t.step} / {t.audit_seq}" if t.run_id else ""
        colour = "red" if effect < 0 else "green"
        table.add_row(time.strftime("%m-%d %H:%M", time.gmtime(t.created_at)),
                      f"[{colour}]{fmt(effect, t.currency)}[/]", t.status, t.kind, escape(other), escape(t.memo[:40]),
                      link, t.id[:8])
    console.print(table)


@app.command("limits")
def limits(as_json: Json = False) -> None:
    """The spending limits of the policy in force (`money:` in the policy file) and today's spending per wallet."""
    from macrohard.safety.budget import start_of_day
    from macrohard.safety.policy import load_policy

    policy = load_policy()
    m = policy.money
    data = {k: (str(v) if v is not None else None) for k, v in
            (("per_run", m.per_run), ("per_day", m.per_day), ("per_payee", m.per_payee), ("ask_over", m.ask_over))}
    data |= {"currency": m.currency, "per_division": {k: str(v) for k, v in m.per_division.items()},
             "over_limit": m.over_limit.value, "new_payee": m.new_payee.value, "payees": m.payees,
             "refused_payees": m.refused_payees, "policy": policy.source}
    ledger = _ledger()
    since = start_of_day()
    spent = {a.id: ledger.spent(a.id, since=since)["day"] for a in ledger.accounts() if a.kind in ("user", "division", "run")}
    if as_json:
        print_json({**data, "spent_today": spent})
        return
    table = Table("limit", "value")
    for key in ("currency", "per_run", "per_day", "per_payee", "ask_over", "over_limit", "new_payee"):
        table.add_row(key, "no limit" if data[key] is None else str(data[key]))
    for name, value in data["per_division"].items():
        table.add_row(f"per_division.{name}", value)
    table.add_row("payees (no ask)", ", ".join(m.payees) or "-")
    table.add_row("refused payees", ", ".join(m.refused_payees) or "-")
    console.print(table)
    console.print(f"policy: {escape(policy.source)}")
    if spent:
        from macrohard.money.currency import fmt

        for acc, amount in spent.items():
            console.print(f"paid today (UTC) from {escape(acc)}: {fmt(amount, ledger.account(acc).currency)}")
