"""Rebuilds blind50.jsonl (issue 17, the sixtieth wave's held-out injection set) byte for byte from the hand
files beside it (``blind50_hand_inj_*.txt``, ``blind50_hand_neg_*.txt``), with blind33's composer (the same formats,
carriers and HAND_SHARE; its own seed). ``python3 blind50_compose.py`` writes the file and prints its counts."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import blind33_compose  # noqa: E402

SEED = 50050


def build() -> list[dict]:
    return blind33_compose.build("blind50", SEED)


if __name__ == "__main__":
    blind33_compose.main("blind50", SEED)
