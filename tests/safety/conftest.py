from __future__ import annotations

import pytest

from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard


@pytest.fixture
def guard() -> Guard:
    return Guard.from_policy()


@pytest.fixture
def ctx(workspace) -> GuardContext:
    return GuardContext(workspace=str(workspace), run_id="")
