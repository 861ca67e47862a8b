"""Account names: ``kind:name`` (``user:alice``, ``payee:shop``). Below the ledger, so the guard's money check names a
payee's account as the ledger does without importing the store (spine/test_layers)."""

from __future__ import annotations

from macrohard.money.currency import MoneyError

KINDS = ("user", "division", "run", "payee", "external")


def account_id(kind: str, name: str) -> str:
    if kind not in KINDS:
        raise MoneyError(f"unknown account kind {kind!r}; use one of {', '.join(KINDS)} (e.g. user:alice)")
    if not name or ":" in name or len(name) > 128:
        raise MoneyError(f"account name {name!r} must be 1-128 characters without ':'")
    if kind == "payee":
        # rt51c: one payee, one account: `shop`, `Shop` and `SHOP` are one name to a person (and to the money
        # check's `refused_payees`), so they are one account; as three, `per_payee` counted each apart
        name = name.casefold()
    return f"{kind}:{name}"
