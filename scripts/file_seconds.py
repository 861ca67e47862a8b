"""Write tests/file_seconds.json from a whole run's log: the "slowest test files" table that tests/conftest.py prints
at the end of every run (a file's seconds, setup + call + teardown). The conftest hands those files to the xdist
workers first, longest first. Run after a whole-suite run whose order should guide the next:

    python scripts/file_seconds.py SUITE.log        # writes tests/file_seconds.json
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

_ROW = re.compile(r"^\s*(\d+(?:\.\d+)?)\s+\d+(?:\.\d+)?\s+%\s+cpu\s+\d+(?:\.\d+)?\s+(tests/\S+\.py)\s*$")


def main(log: str) -> None:
    text = Path(log).read_text(errors="replace")
    if "slowest test files" not in text:
        sys.exit(f"{log} has no 'slowest test files' table: give the log of a whole run (it prints at the end)")
    table = text.rsplit("slowest test files", 1)[1].split("seconds per test folder", 1)[0]
    seconds = {m.group(2): float(m.group(1)) for m in map(_ROW.match, table.splitlines()) if m}
    out = Path(__file__).resolve().parent.parent / "tests" / "file_seconds.json"
    out.write_text(json.dumps(dict(sorted(seconds.items(), key=lambda kv: -kv[1])), indent=1) + "\n")
    print(f"{len(seconds)} files written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/file_seconds.py SUITE.log")
    main(sys.argv[1])
