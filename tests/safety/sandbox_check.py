"""Whether bubblewrap makes a sandbox here: asked once per test process, three tries (a single `bwrap … true` under
heavy load failed once and skipped a whole red-team file; under CI such a skip now fails, tests/conftest.py)."""
from __future__ import annotations

import functools
import subprocess
import time


@functools.cache
def bwrap_works() -> bool:
    for attempt in range(3):
        try:
            if subprocess.run(["bwrap", "--ro-bind", "/", "/", "true"], capture_output=True, timeout=30).returncode == 0:
                return True
        except (OSError, subprocess.TimeoutExpired):
            pass
        time.sleep(0.5 * (attempt + 1))
    return False
