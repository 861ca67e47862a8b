"""The opt-in ``after_no`` aid: after the model's own "no" on a read-back, one action of its own (a fix of earlier
work or the task's next step), then that "no" stands and the run ends as a give-up (issue 18, agent27).

The acting chat's "no" (``local_verify.py``) is right on wrong work far more often than not: on the published
heldout17 logs (qwen-1.5b, shell tasks that can be done), 35 of 45 "no"s were on work whose check failed, and
heldout17's even half had ten runs whose first work was wrong, the "no" said, and the run ended there (agent26).
With ``MAX_FIXES = 0`` and ``MAX_NEXT = 0`` (the defaults since the eighth and ninth waves) the model may not act
on it. Those caps were set because a fix overwrote right work with guesses, and a next step led to false
successes (heldout6/7). This aid takes one action either way, and then the "no" stands: the run never claims
success after it (a fix or a step taken after its own "no" cannot be confirmed by the same model), so a false success
cannot come from it; only the task's check (a give-up whose work is right passes) or the harness's own tests of
the workspace (``local_proofs.py``) decide. What it may cost: right work judged "no" and then changed.
"""

from __future__ import annotations

from macrohard.models.local_verify import ReadBacks

AID = "after_no"
AFTER_NO = 1  # actions taken per run after the model's "no" (a fix or a next step, counted together)


class OneAfterNo(ReadBacks):
    """``ReadBacks`` with one action after a "no", of either kind; after it the "no" stands (never asked again)."""

    def may_go_on(self, task: str) -> bool:
        return task not in self._stands and self._fixes.get(task, 0) + self._next.get(task, 0) < AFTER_NO

    def take(self, task: str, fix: bool) -> bool:
        if not self.may_go_on(task):
            return False
        memo = self._fixes if fix else self._next
        memo[task] = memo.get(task, 0) + 1
        self._stands.add(task)
        return True

    def settled(self, task: str) -> bool:
        return task in self._stands


__all__ = ["AFTER_NO", "AID", "OneAfterNo"]
