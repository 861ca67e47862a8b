"""The money check: a ``pay`` action is reviewed against the wallet and the policy's ``money`` limits.

Per run, per day, per payee (a day) and per division (a day), counted from the ledger (what was paid and
what is held), plus the payment itself. A payee the policy refuses is denied; past a limit the payment
becomes ``over_limit`` (ask by default); a new payee (never paid from this wallet, not in ``payees``) or an
amount over ``ask_over`` is asked about, counting what the run (with its delegations) already paid that payee. The ledger still refuses anything the wallet cannot cover.

The wallet comes from the run (``ctx.wallet``, set by the pay executor when it binds to the run); a run
without one cannot pay. Amounts are compared in integer minor units.
"""

from __future__ import annotations

import fnmatch
from decimal import Decimal
from typing import Any

from macrohard.money.accounts import account_id
from macrohard.money.currency import EXPONENTS, MoneyError, check_currency, fmt, to_minor
from macrohard.safety.budget import start_of_day
from macrohard.safety.context import GuardContext
from macrohard.safety.policy import Money, Policy
from macrohard.types import Decision, Verdict


def _deny(reason: str) -> Verdict:
    return Verdict(decision=Decision.deny, reason=reason, check="money")


class MoneyCheck:
    """Reviews ``pay`` actions; anything else passes (None)."""

    def __init__(self, policy: Policy) -> None:
        self.money: Money = policy.money
        self._limits: dict[str, dict[str, int | None]] = {}  # per currency, in minor units

    def limits(self, currency: str) -> dict[str, int | None]:
        if currency not in self._limits:
            m = self.money

            def minor(value: Decimal | None) -> int | None:
                return None if value is None else int(value.scaleb(EXPONENTS[currency]))

            self._limits[currency] = {"run": minor(m.per_run), "day": minor(m.per_day), "payee_day": minor(m.per_payee),
                                      "ask_over": minor(m.ask_over),
                                      **{f"division:{d}": minor(v) for d, v in m.per_division.items()}}
        return self._limits[currency]

    def __call__(self, action: Any, ctx: GuardContext) -> Verdict | None:
        if getattr(action, "kind", None) != "pay":
            return None
        wallet = ctx.wallet
        if wallet is None:
            return _deny("this run has no wallet to pay from; start it with a wallet (`macrohard run --wallet "
                         "ACCOUNT`, `macrohard money accounts` lists them)")
        try:
            currency = check_currency(action.currency)
            amount = to_minor(action.amount, currency)
        except MoneyError as exc:
            return _deny(str(exc))
        if currency != wallet.currency:
            return _deny(f"currency mismatch: the wallet {wallet.account} holds {wallet.currency}, the payment is in "
                         f"{currency}; pay in {wallet.currency}")
        payee = action.payee
        # rt50c: a name differing only in case is the same name to a person (`Evil-Corp` of `refused_payees:
        # [evil-*]` was paid, or asked as a new payee); the allow-list `payees` stays exact (the stricter reading)
        if any(fnmatch.fnmatchcase(payee.casefold(), g.casefold()) for g in self.money.refused_payees):
            return _deny(f"the policy refuses payments to {payee!r} (money.refused_payees); do not pay them")
        if currency != self.money.currency.upper():
            return _deny(f"the policy's money limits are in {self.money.currency}, the wallet in {currency}; set "
                         "money.currency in the policy to the wallet's currency")
        division = ctx.divisions[-1] if ctx.divisions else (wallet.division or "")
        spent = wallet.spent(payee=payee, run_id=ctx.run_id, division=division, since=start_of_day())
        limits = self.limits(currency)
        run_used, run_who = ((spent["tree"], "this run with its delegating and delegated runs") if "tree" in spent
                             else (spent["run"], "this run"))
        checks = [("run", run_who, run_used), ("day", "this wallet today", spent["day"]),
                  ("payee_day", f"{payee} today", spent["payee_day"])]
        if division and f"division:{division}" in limits:
            checks.append((f"division:{division}", f"the {division} division today", spent["division_day"]))
        for key, who, used in checks:
            limit = limits[key]
            if limit is not None and used + amount > limit:
                return Verdict(decision=self.money.over_limit, check="money:limit",
                               reason=f"paying {fmt(amount, currency)} to {payee} would take {who} to "
                                      f"{fmt(used + amount, currency)}, past its limit of {fmt(limit, currency)}")
        asks = []
        known = spent["payee_paid_before"] > 0 or any(fnmatch.fnmatchcase(payee, g) for g in self.money.payees)
        if not known and self.money.new_payee is not Decision.allow:
            if self.money.new_payee is Decision.deny:
                return _deny(f"{payee!r} was never paid from {wallet.account} and the policy pays only known payees")
            asks.append(f"{payee!r} is a new payee (never paid from {wallet.account})")
        ask_over = limits["ask_over"]
        # rt58c: split payments to one payee count together within the run (and its delegations). Before, `ask_over`
        # was per payment: 9 + 9 + 9 to one shop under `ask_over: 10` was never asked (only the run limit stopped it)
        before = spent.get("run_payee", 0)
        if ask_over is not None and amount > ask_over:
            asks.append(f"{fmt(amount, currency)} is over the {fmt(ask_over, currency)} asked about")
        elif ask_over is not None and before + amount > ask_over:
            asks.append(f"with {fmt(before, currency)} already paid to {payee} by {run_who}, it makes "
                        f"{fmt(before + amount, currency)}, over the {fmt(ask_over, currency)} asked about")
        if asks:
            return Verdict(decision=Decision.ask, check="money:ask",
                           reason=f"pay {fmt(amount, currency)} to {payee}: {'; '.join(asks)}")
        return None

    def caps(self, wallet: Any, *, payee: str, run_id: str, division: str) -> list[tuple[str, int, int, str]]:
        """The limits as ledger caps, for the executor to check again inside its write (``Ledger.transfer(caps=)``):
        concurrent runs that each passed this review cannot together pass a limit."""
        if wallet.currency != self.money.currency.upper():
            return []
        limits, day = self.limits(wallet.currency), int(start_of_day() // 86400)
        wanted = [("run", f"run:{run_id}" if run_id else "", -1, "this run"), ("day", "all", day, "this wallet today"),
                  ("payee_day", account_id("payee", payee), day, f"{payee} today"),
                  (f"division:{division}", f"division:{division}" if division else "", day,
                   f"the {division} division today")]
        return [(scope, d, limits[key], label) for key, scope, d, label in wanted
                if scope and limits.get(key) is not None]  # type: ignore[misc]
