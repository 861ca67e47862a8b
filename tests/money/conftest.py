from __future__ import annotations

from decimal import Decimal

import pytest

from macrohard.money.ledger import Ledger
from macrohard.safety.guard import Guard
from macrohard.safety.policy import Money, load_policy


def money_guard(**limits) -> Guard:
    """The default policy with these ``money`` limits."""
    money = Money(**{k: Decimal(str(v)) if isinstance(v, int | float) else v for k, v in limits.items()})
    return Guard.from_policy(load_policy().model_copy(update={"money": money}))


@pytest.fixture
def ledger(tmp_path):
    led = Ledger(tmp_path / "runs.db")
    led.open_account("user", "alice", "USD")
    led.fund("user:alice", 10_000)  # 100.00 USD
    yield led
    led.close()
