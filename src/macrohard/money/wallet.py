"""A run's wallet: the executor of approved ``pay`` actions and the meter of model spend.

``PayEnvironment`` is an extra environment of a run (``Agent(extra_envs=[...])``): binding to the run puts
its ``Wallet`` on the guard context (so ``safety.money`` can count what was spent), and it executes only
approvals the guard made for it (``envs.admit``). A direct payment is one posted ledger transaction; a
402 offer is paid x402-style (``money.rail``): hold, signed payment, the site's facilitator captures the hold,
and a failed payment voids it. Every transaction carries the run, the step and the audit record of the
approval, and a ``payment`` record with the transaction's id is appended to the run's audit chain.

With ``model_spend`` on (a USD wallet), what the model costs (tokens x price, ``models/prices.py``) is
debited from the same wallet before each step, so one balance is the run's budget.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from macrohard.envs.admit import admit
from macrohard.errors import BudgetExceeded, ConfigError
from macrohard.money.currency import MoneyError, fmt, to_minor
from macrohard.money.ledger import HOLD_TTL_S, Ledger, Transaction, account_id
from macrohard.money.rail import OFFER_HEADER, PAYMENT_HEADER, KeyRing, decode, sign_payment
from macrohard.safety.approval import Approved
from macrohard.safety.context import GuardContext
from macrohard.types import Decision, FinishAction, Observation, PayAction, Run, Verdict

MODEL_PAYEE = "payee:model-provider"


@dataclass
class Wallet:
    """One ledger account that a run pays from."""

    ledger: Ledger
    account: str
    division: str | None = None
    # the runs of one delegation tree paying from this wallet, the root first (shared by their executors): the
    # per-run limit counts them together, so delegating is no way around it
    tree: list[str] = field(default_factory=list)
    currency: str = field(init=False)

    def __post_init__(self) -> None:
        acc = self.ledger.account(self.account)
        self.account, self.currency = acc.id, acc.currency

    def spent(self, *, payee: str, run_id: str, division: str, since: float) -> dict[str, int]:
        spent = self.ledger.spent(self.account, since=since, run_id=run_id, payee=account_id("payee", payee),
                                   division=division)
        if run_id in self.tree and len(self.tree) > 1:
            spent["tree"] = self.ledger.runs_spent(self.account, self.tree)
        # rt58c: what this run (with its delegating and delegated runs) already pays this payee, for ``ask_over``
        spent["run_payee"] = self.ledger.runs_payee_paid(self.account, self.tree if run_id in self.tree else [run_id],
                                                         payee) if run_id else 0
        return spent

    def balance(self) -> str:
        return fmt(self.ledger.account(self.account).available, self.currency)


class PayEnvironment:
    """Executes approved ``pay`` actions of one run from its wallet."""

    kind = "pay"
    action_types = (PayAction, FinishAction)

    def __init__(self, wallet: Wallet, *, keys: KeyRing | None = None, model_spend: bool = False,
                 limits: Any = None, http: Any = None) -> None:
        if model_spend and wallet.currency != "USD":
            raise ConfigError(f"model spend is priced in USD and the wallet {wallet.account} holds {wallet.currency}; "
                              "use a USD wallet or turn model spend off")
        self.wallet = wallet
        self.keys = keys
        # the guard's MoneyCheck: its limits are checked again inside the ledger write (Ledger caps), so runs
        # paying at once cannot together pass a limit that each passed alone; a person's yes lifts them
        self.limits = limits
        self.model_spend = model_spend
        self._http = http
        self.run: Run | None = None
        self.ctx: GuardContext | None = None
        self.workspace = ""

    def bind(self, run: Run, ctx: GuardContext) -> None:
        self.run, self.ctx, self.workspace = run, ctx, ctx.workspace
        ctx.wallet = self.wallet
        if run.id not in self.wallet.tree:
            self.wallet.tree.append(run.id)

    def for_division(self, division: str) -> PayEnvironment:
        """The executor of a delegated sub-run of ``division``: it pays from the same ledger account (so the
        parent's balance shows each payment once), under the same limits, counted as that division's spending;
        its postings carry the sub-run's id and step, and the per-run limit counts the whole delegation tree."""
        wallet = Wallet(self.wallet.ledger, self.wallet.account, division=division, tree=self.wallet.tree)
        return PayEnvironment(wallet, keys=self.keys, model_spend=self.model_spend, limits=self.limits,
                              http=self._http)

    # -- paying ------------------------------------------------------------------------------

    def execute(self, approved: Approved[Any]) -> Observation:
        action, done = admit(self, approved)
        if done is not None:
            return done
        if self.run is None or self.ctx is None:
            raise RuntimeError("PayEnvironment.execute before bind: the agent binds it to its run first")
        self._person_said_yes = bool(approved.verdict.approved_by)
        try:
            if action.offer_url:
                tx, note = self._pay_offer(action)
            else:
                tx, note = self._pay(action), ""
        except MoneyError as exc:
            return Observation(error=True, output=f"not paid: {exc}")
        self._audit(tx)
        return Observation(output=f"Paid {fmt(tx.amount, tx.currency)} to {action.payee} (transaction {tx.id}). "
                                  f"Wallet {self.wallet.account}: {self.wallet.balance()} left.{note}",
                           meta={"transaction": tx.id, "amount": tx.amount, "currency": tx.currency})

    def _links(self, action: PayAction) -> dict[str, Any]:
        assert self.run is not None and self.ctx is not None
        head = self._audit_log().head(self.run.id)
        division = self.ctx.divisions[-1] if self.ctx.divisions else self.wallet.division
        caps = [] if self.limits is None or self._person_said_yes else self.limits.caps(
            self.wallet, payee=action.payee, run_id=self.run.id, division=division or "")
        return {"run_id": self.run.id, "step": self.ctx.step, "audit_seq": head[0] if head else None,
                "division": division, "memo": action.memo, "caps": caps}

    def _pay(self, action: PayAction) -> Transaction:
        amount = to_minor(action.amount, action.currency)
        payee = self.wallet.ledger.open_account("payee", action.payee, action.currency)
        assert self.run is not None and self.ctx is not None
        return self.wallet.ledger.transfer(self.wallet.account, payee.id, amount, action.currency, kind="payment",
                                           key=f"pay:{self.run.id}:{self.ctx.step}", **self._links(action))

    def _pay_offer(self, action: PayAction) -> tuple[Transaction, str]:
        import httpx

        assert self.run is not None and self.ctx is not None and action.offer_url
        if self.keys is None:
            raise MoneyError("this wallet has no signing keys for 402 offers; start the run with a key ring")
        if not reachable(self.run.task, action.offer_url):
            raise MoneyError(f"{action.offer_url} is not a host this run may reach (network {self.run.task.network}, "
                             f"hosts {', '.join(self.run.task.allow_hosts) or 'none'}); the wallet pays only offers "
                             "the run's own environment could open")
        http = self._http or httpx
        first = http.get(action.offer_url, timeout=15)
        if first.status_code != 402 or OFFER_HEADER not in first.headers:
            raise MoneyError(f"{action.offer_url} answered {first.status_code}, not 402 with an offer: nothing to pay")
        offers = [o for o in decode(first.headers[OFFER_HEADER]).get("accepts", []) if isinstance(o, dict)]
        amount = to_minor(action.amount, action.currency)
        wanted = (action.payee, str(amount), action.currency.upper())
        match = next((o for o in offers if (o.get("payTo"), o.get("maxAmountRequired"), o.get("asset")) == wanted), None)
        if match is None:
            asked = "; ".join(f"{o.get('maxAmountRequired')} minor units of {o.get('asset')} to {o.get('payTo')}"
                              for o in offers) or "nothing"
            raise MoneyError(f"the offer at {action.offer_url} asks {asked}, not the approved "
                             f"{fmt(amount, action.currency)} to {action.payee}: nothing paid")
        ttl_s = _offer_ttl(action.offer_url, match.get("maxTimeoutSeconds", 300))
        payee = self.wallet.ledger.open_account("payee", action.payee, action.currency)
        hold = self.wallet.ledger.hold(self.wallet.account, payee.id, amount, action.currency, kind="payment",
                                       key=f"pay:{self.run.id}:{self.ctx.step}", ttl_s=ttl_s, **self._links(action))
        try:
            header = sign_payment(self.keys, payer=self.wallet.account, requirements=match, hold=hold.id)
            second = http.get(action.offer_url, headers={PAYMENT_HEADER: header}, timeout=30)
        except Exception:
            self.wallet.ledger.void(hold.id, "the payment could not be sent")
            raise
        tx = self.wallet.ledger.transaction(hold.id)
        if second.status_code != 200 or tx.status != "posted":
            if tx.status == "pending":
                self.wallet.ledger.void(hold.id, f"the site answered {second.status_code}")
            raise MoneyError(f"{action.offer_url} refused the payment ({second.status_code}): "
                             f"{_text(second.text)[:300]}; the hold was released")
        return tx, f" The site answered: {_text(second.text)[:300]}"

    def _audit_log(self) -> Any:
        from macrohard.safety.audit import AuditLog

        if getattr(self, "_log", None) is None:
            self._log = AuditLog(self.wallet.ledger.path)
        return self._log

    def _audit(self, tx: Transaction) -> None:
        assert self.run is not None and self.ctx is not None
        verdict = Verdict(decision=Decision.allow, check="money",
                          reason=f"paid {fmt(tx.amount, tx.currency)} to {tx.payee} ({tx.status})")
        self._audit_log().append(self.run.id, "payment", verdict, {"kind": "payment", **tx.as_dict()}, self.ctx.step)

    # -- model spend -------------------------------------------------------------------------

    def reserve_model(self, run: Run, bound_usd: float, *, step: int) -> str | None:
        """rt58c: hold the most the model's next call can cost (``models.prices.call_bound_usd``, whole cents rounded
        up) before it is made; its id, or None when nothing is to be held. Before, the wallet was debited after each
        call, the price known only then: a run whose balance was short still made its next call (the provider paid
        for a call the wallet could not cover). A wallet that cannot hold the bound ends the run before the call."""
        if not self.model_spend or bound_usd <= 0:
            return None
        cents = math.ceil(round(bound_usd * 100, 6))
        ledger = self.wallet.ledger
        ledger.open_account("payee", MODEL_PAYEE.split(":", 1)[1], "USD")
        try:
            hold = ledger.hold(self.wallet.account, MODEL_PAYEE, cents, "USD", kind="model",
                               key=f"model-hold:{run.id}:{step}:{secrets.token_hex(4)}",
                               memo=f"model {run.model}: the most its call of step {step} can cost", run_id=run.id,
                               step=step)
        except MoneyError as exc:
            raise BudgetExceeded(f"the wallet {self.wallet.account} cannot pay for the model: its next call may cost "
                                 f"up to {fmt(cents, 'USD')} (its prompt and its longest reply at the model's prices), "
                                 f"held before the call, and {exc}") from exc
        return hold.id

    def charge_model(self, run: Run, hold: str | None = None, *, step: int | None = None) -> None:
        """Debit what the model has cost this run so far (whole cents, rounded up) that is not yet debited; ``hold``,
        the call's reservation, is released in the same write (settled at what the call came to)."""
        if not self.model_spend:
            return
        due = math.ceil(round(run.cost_usd * 100, 6))
        ledger = self.wallet.ledger
        charged = sum(t.amount for t in ledger.run_transactions(run.id) if t.kind == "model" and t.status == "posted")
        if due <= charged:
            if hold is not None:
                ledger.void(hold, "settled")
            return
        ledger.open_account("payee", MODEL_PAYEE.split(":", 1)[1], "USD")
        try:
            head = self._audit_log().head(run.id)  # the run's last audit record before this charge
            ledger.transfer(self.wallet.account, MODEL_PAYEE, due - charged, "USD", kind="model",
                            key=f"model:{run.id}:{due}", memo=f"model {run.model}", run_id=run.id,
                            step=run.steps if step is None else step,
                            audit_seq=head[0] if head else None, release=hold)
        except MoneyError as exc:
            if hold is not None:  # the call came to more than its bound (a server past its own cap) and the rest
                ledger.void(hold, "its call cost more than the wallet holds")  # is short: the run ends on it
            raise BudgetExceeded(f"the wallet {self.wallet.account} cannot pay for the model: {exc}") from exc

    def release_model(self, hold: str) -> None:
        """A reservation whose call made no reply (an error, a timeout, a stop): given back."""
        tx = self.wallet.ledger.transaction(hold)
        if tx.status == "pending":
            self.wallet.ledger.void(hold, "the call made no reply")


def open_wallet(store: Any, account: str, policy: Any = None) -> PayEnvironment:
    """The pay executor for ``account`` in ``store``'s ledger, enforcing ``policy``'s money limits in its writes too;
    signing keys under ``$MACROHARD_HOME/wallet-keys``; a USD wallet pays the model too."""
    from macrohard.safety.money import MoneyCheck
    from macrohard.store.sqlite import default_home

    wallet = Wallet(Ledger(store.path), account)
    return PayEnvironment(wallet, keys=KeyRing(default_home() / "wallet-keys"), model_spend=wallet.currency == "USD",
                          limits=MoneyCheck(policy) if policy is not None else None)


def reachable(task: Any, url: str) -> bool:
    """Whether the run's environment may reach ``url``: the wallet is no way around its network policy."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False
    if task.network == "full":
        return True
    host = parts.hostname.lower()
    if task.network == "loopback" and host in ("127.0.0.1", "localhost", "::1"):
        return True
    port = parts.port or (443 if parts.scheme == "https" else 80)
    here = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    allowed = {str(h).lower() for h in task.allow_hosts}
    if task.network == "none":
        # rt56d: without network the run's environment reaches only the local sites its task declares by port
        # (``envs.browser_sandbox.proxy_rules``); before, any host the task listed (a bare `127.0.0.1`, a shop's name)
        # was paid from the host's network although nothing in the run could open it
        from macrohard.envs.browser_sandbox import is_local_site

        return here in allowed and is_local_site(here)
    return host in allowed or here in allowed


def _offer_ttl(url: str, value: object) -> float:
    """How long the hold of an offer lasts: the offer's ``maxTimeoutSeconds``, at most ``HOLD_TTL_S``. rt56d: it is the
    seller's text; before, "soon" (or a list, or null) was a ValueError out of the wallet that crashed the run, and
    "nan" or "inf" a hold that never expires (its money reserved for ever if the process died before capture)."""
    try:
        ttl = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else math.nan
    except ValueError:
        ttl = math.nan
    if not math.isfinite(ttl) or ttl <= 0:
        raise MoneyError(f"the offer at {url} gives no usable time limit (maxTimeoutSeconds {str(value)[:40]!r}, not "
                         "a positive number of seconds): nothing paid")
    return min(ttl, HOLD_TTL_S)


def _text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|script)[^>]*>.*?</\1>", " ", html)).split())
