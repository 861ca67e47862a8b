"""The local rail: 402 offers, signed payments, the facilitator's checks, and holds released on failure."""

from __future__ import annotations

import httpx
import pytest

from macrohard.money.currency import MoneyError
from macrohard.money.rail import (
    OFFER_HEADER,
    PAYMENT_HEADER,
    Facilitator,
    KeyRing,
    decode,
    encode,
    serve_facilitator,
    sign_payment,
)
from macrohard.money.wallet import PayEnvironment, Wallet
from macrohard.safety.context import GuardContext
from macrohard.sites import serve
from macrohard.types import PayAction, Run, Task

from .conftest import money_guard


@pytest.fixture
def shop(ledger, tmp_path):
    keys = KeyRing(tmp_path / "keys")
    with serve_facilitator(ledger, keys) as fac, serve("shop", state={"facilitator": fac}) as site:
        yield site, keys


def offer_of(url):
    resp = httpx.get(url)
    assert resp.status_code == 402
    return decode(resp.headers[OFFER_HEADER])["accepts"][0]


def paying_env(ledger, keys, tmp_path, allow):
    env = PayEnvironment(Wallet(ledger, "user:alice"), keys=keys)
    ctx = GuardContext(workspace=str(tmp_path), run_id="r1")
    env.bind(Run(id="r1", model="m", task=Task(text="t", allow_hosts=allow)), ctx)
    return env, ctx


def test_the_offer_names_amount_payee_and_asset(shop):
    site, _ = shop
    req = offer_of(site.url + "item/mug")
    assert (req["maxAmountRequired"], req["payTo"], req["asset"], req["scheme"]) == ("800", "shop", "USD", "exact")


def test_forged_or_mismatched_payments_are_refused_and_nothing_moves(shop, ledger, tmp_path):
    site, keys = shop
    url = site.url + "item/mug"
    req = offer_of(url)
    ledger.open_account("payee", "shop", "USD")
    hold = ledger.hold("user:alice", "payee:shop", 800, "USD")
    good = sign_payment(keys, payer="user:alice", requirements=req, hold=hold.id)
    forged = decode(good)
    forged["payload"]["amount"] = "1"  # changed after signing
    for header in (encode(forged), sign_payment(KeyRing(tmp_path / "other"), payer="user:alice", requirements=req,
                                                hold=hold.id)):
        resp = httpx.get(url, headers={PAYMENT_HEADER: header})
        assert resp.status_code == 402 and "bad signature" in resp.text
    cheap = sign_payment(keys, payer="user:alice", requirements={**req, "maxAmountRequired": "1"}, hold=hold.id)
    resp = httpx.get(url, headers={PAYMENT_HEADER: cheap})
    assert resp.status_code == 402 and "the offer asks" in resp.text
    assert ledger.transaction(hold.id).status == "pending" and site.received == []
    unknown = sign_payment(keys, payer="user:alice", requirements=req, hold="no-such-hold")
    resp = httpx.get(url, headers={PAYMENT_HEADER: unknown})
    assert resp.status_code == 402 and "no transaction" in resp.text
    resp = httpx.get(url, headers={PAYMENT_HEADER: good})
    assert resp.status_code == 200 and ledger.transaction(hold.id).status == "posted"
    fac = Facilitator(ledger, keys)
    assert fac.settle(good, req)["transaction"] == hold.id  # a replay settles nothing new
    assert ledger.account("user:alice").available == 10_000 - 800 and ledger.check() == []


def test_the_wallet_pays_only_the_approved_offer_and_only_reachable_hosts(shop, ledger, tmp_path):
    site, keys = shop
    url = site.url + "item/mug"
    guard = money_guard(payees=["shop"])
    env, ctx = paying_env(ledger, keys, tmp_path, allow=[])
    action = PayAction(payee="shop", amount="8", currency="USD", offer_url=url)
    obs = env.execute(guard.authorize(action, ctx, env=env).approved)
    assert obs.error and "not a host this run may reach" in obs.output
    env, ctx = paying_env(ledger, keys, tmp_path, allow=[site.url.split("/")[2]])
    wrong = PayAction(payee="shop", amount="7", currency="USD", offer_url=url)
    obs = env.execute(guard.authorize(wrong, ctx, env=env).approved)
    assert obs.error and "asks 800 minor units of USD to shop, not the approved 7.00 USD" in obs.output
    assert ledger.account("user:alice").available == 10_000
    # (rt56d) a fresh run: the refusal above showed the seller's offer, which is untrusted content now, so this run's
    # next payment would be asked (flow control); this test is about what the wallet pays
    env, ctx = paying_env(ledger, keys, tmp_path, allow=[site.url.split("/")[2]])
    obs = env.execute(guard.authorize(action, ctx, env=env).approved)
    assert not obs.error and "Paid 8.00 USD to shop" in obs.output and site.received[0]["amount"] == 800


def test_a_refused_settlement_releases_the_hold(ledger, tmp_path):
    keys = KeyRing(tmp_path / "keys")
    with serve("shop", state={"facilitator": "http://127.0.0.1:9"}) as site:  # nothing listens there
        env, ctx = paying_env(ledger, keys, tmp_path, allow=[site.url.split("/")[2]])
        action = PayAction(payee="shop", amount="8", currency="USD", offer_url=site.url + "item/mug")
        obs = env.execute(money_guard(payees=["shop"]).authorize(action, ctx, env=env).approved)
    assert obs.error and "refused the payment (402)" in obs.output and "hold was released" in obs.output
    [tx] = ledger.run_transactions("r1")
    assert tx.status == "voided" and ledger.account("user:alice").available == 10_000


def test_unknown_payer_key(ledger, tmp_path):
    with pytest.raises(MoneyError, match="no signing key for user:bob"):
        KeyRing(tmp_path / "k").key("user:bob")
