"""The public surface is deliberate: these names, no more, no fewer."""

import macrohard

EXPECTED = {
    "Action", "Agent", "Approved", "Budget", "Decision", "Guard", "MacrohardError", "ModelError", "Observation",
    "Run", "RunError", "RunStatus", "SQLiteStore", "Step", "Task", "UserError", "Verdict", "run_task", "__version__",
}


def test_exported_names():
    assert set(macrohard.__all__) == EXPECTED
    for name in macrohard.__all__:
        assert hasattr(macrohard, name)
