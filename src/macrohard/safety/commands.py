"""Shell command analysis (first cut: a short deny list of plainly destructive commands).

The full analysis with a real parser replaces this module's internals; its entry point stays
``check_command(action, ctx) -> Verdict | None``.
"""

from __future__ import annotations

import re
import shlex
from typing import Any

from macrohard.safety.context import GuardContext
from macrohard.types import Decision, Verdict

_DESTRUCTIVE = [
    (re.compile(r"\brm\s+(-[a-zA-Z]*\s+)*(/|/\*|~|\$HOME)(\s|$)"), "deletes the root, home or system directories"),
    (re.compile(r"\bmkfs(\.\w+)?\b"), "formats a file system"),
    (re.compile(r"\bdd\b.*\bof=/dev/"), "writes to a raw device"),
    (re.compile(r":\(\)\s*\{\s*:\|:&\s*\};:"), "is a fork bomb"),
    (re.compile(r"\b(shutdown|reboot|halt|poweroff)\b"), "stops the machine"),
]


def check_command(action: Any, ctx: GuardContext) -> Verdict | None:
    if getattr(action, "kind", None) != "bash":
        return None
    command = action.command
    for pattern, why in _DESTRUCTIVE:
        if pattern.search(command):
            return Verdict(decision=Decision.deny, reason=f"command {why}: {shlex.quote(command)[:200]}", check="commands")
    return None
