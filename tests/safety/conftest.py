from __future__ import annotations

import pytest
from tests.money.conftest import ledger  # noqa: F401 - the money tests' ledger, for the confinement tests' payments

from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard


@pytest.fixture
def guard() -> Guard:
    return Guard.from_policy()


@pytest.fixture
def ctx(workspace) -> GuardContext:
    return GuardContext(workspace=str(workspace), run_id="")
