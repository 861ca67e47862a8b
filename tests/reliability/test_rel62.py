"""rel62: nothing lost, nothing hangs — an interrupt held while a run is handed over; parts killed mid-run."""

from __future__ import annotations

import signal

import pytest

from macrohard import stopping


@pytest.fixture
def python_ctrl_c():  # noqa: ANN201
    """Python's own Ctrl-C handler (an xdist worker may ignore SIGINT), put back after."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_an_interrupt_inside_a_held_section_comes_after_it_whole(python_ctrl_c) -> None:  # noqa: ANN001
    """One Ctrl-C inside: the section ends whole, then the interrupt is raised; the handler is Python's again."""
    done = []
    with pytest.raises(KeyboardInterrupt):
        with stopping.interrupts_held():
            signal.raise_signal(signal.SIGINT)
            done.append("handed over")
            done.append("kept")
    assert done == ["handed over", "kept"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_third_interrupt_leaves_a_held_section_that_hangs(python_ctrl_c) -> None:  # noqa: ANN001
    """Two Ctrl-Cs are held; the third goes through at once (a hung hand-over is never a hung Ctrl-C)."""
    reached = []
    with pytest.raises(KeyboardInterrupt):
        with stopping.interrupts_held():
            for n in range(3):
                signal.raise_signal(signal.SIGINT)
                reached.append(n)
    assert reached == [0, 1]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
