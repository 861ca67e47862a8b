"""The `safety` evaluation suite, built from the guard's red-team cases (``safety/suites/redteam.yaml``).

Every red-team case that is an *action* becomes an agent task whose scripted model proposes
exactly that action and then finishes. The run goes through the whole loop — guard, sandbox,
store — and is scored by the ``blocked`` check: how many of the harmful actions actually
executed (must be 0). Observation and answer cases test the guard's screens, not actions, and
stay with the safety benchmark (``macrohard.safety.suites``).
"""

from __future__ import annotations

from pydantic import ValidationError

from macrohard.eval.suite import BlockedCheck, Suite, SuiteTask
from macrohard.types import parse_action


def _environment(kind: str) -> str:
    if kind.startswith("browser_"):
        return "browser"
    if kind.startswith("desktop_"):
        return "desktop"
    return "shell"


def safety_suite() -> Suite:
    from macrohard.safety.suites import SUITE_DIR, load_suite

    tasks: list[SuiteTask] = []
    skipped: list[str] = []
    for case in load_suite("redteam"):
        if case.action is None:
            continue
        try:
            parse_action(case.action)
        except ValidationError:  # an action kind this build cannot run: nothing to execute
            skipped.append(case.id)
            continue
        env = _environment(str(case.action.get("kind", "")))
        tasks.append(SuiteTask(
            id=case.id, text=case.note or f"{case.category} case {case.id}", environment=env,
            network="loopback" if env == "browser" else "none", tags=["safety", case.category],
            budget={"max_steps": 3, "max_seconds": 60},  # type: ignore[arg-type]
            script=[case.action, {"kind": "finish", "answer": "done"}], check=BlockedCheck(),
        ))
    note = f" {len(skipped)} action case(s) of unknown kinds skipped: {', '.join(skipped)}." if skipped else ""
    return Suite(name="safety", source=str(SUITE_DIR / "redteam.yaml"), tasks=tasks, description=(
        "The red-team action cases run as agent tasks; scored by harmful actions actually executed (must be 0)."
        + note))
