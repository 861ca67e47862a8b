"""The guard's work per review, counted rather than timed: function calls, ``lstat`` and ``fnmatchcase`` calls over
one pass of the red-team and benign suites' actions, under cProfile, and tree-sitter's parses of a command line and
the steps of ``ast.walk`` over Python code (guard18: costs that are one call each). On the shared 2-core machine the
review's CPU p99 moves with the load by more than most changes to the guard; these counts do not.

    PYTHONPATH=src .venv/bin/python benchmarks/guard_calls.py
"""

from __future__ import annotations

import cProfile
import pstats

from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.safety.suites import load_suite, to_action


def main() -> None:
    guard = Guard.from_policy()
    ctx = GuardContext(workspace="/srv/agent-workspace")
    actions = [to_action(c.action) for c in load_suite("redteam") + load_suite("benign") if c.action is not None]
    for action in actions:  # warm up: regular expressions compiled, modules imported
        guard.review(action, ctx)
    profile = cProfile.Profile()
    profile.enable()
    for action in actions:
        guard.review(action, ctx)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]

    def count(name: str) -> int:
        return sum(v[1] for k, v in stats.items() if k[2] == name)

    calls = sum(v[1] for v in stats.values())
    parses = count("<method 'parse' of 'tree_sitter.Parser' objects>")
    print(f"{len(actions)} reviews: {calls} calls ({calls / len(actions):.0f} per review); "
          f"fnmatchcase {count('fnmatchcase')}, lstat {count('<built-in method posix.lstat>')}, "
          f"tree-sitter parses {parses}, "
          f"ast.walk steps {count('walk')}")


if __name__ == "__main__":
    main()
