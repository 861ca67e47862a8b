"""A recorded demo run: a scripted agent buys a T-shirt on the checkout site, then its replay.

    python -m macrohard.sites.demo [OUT_DIR]

The script is planned first by reading each page's snapshot (element ids depend on the page),
then replayed by a ``ScriptedModel`` through the real loop (guard, store, recording) against a
fresh server on the same port. Writes ``replay.mp4`` and ``contact_sheet.png`` into OUT_DIR
(the README's contact sheet comes from here).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from macrohard.envs.browser import BrowserEnvironment, element_id
from macrohard.envs.leftovers import owned_tempdir
from macrohard.replay import Replay, render
from macrohard.runner import run_task
from macrohard.safety.context import GuardContext
from macrohard.safety.guard import Guard
from macrohard.sites import serve
from macrohard.store.sqlite import SQLiteStore
from macrohard.testing import ScriptedModel
from macrohard.types import Task, parse_action

TASK = "Buy one T-shirt in the shop, ship it to Ada Lovelace, 12 Analytical Row, London, and pay by invoice."


def plan(url: str, workspace: str) -> list[dict[str, Any]]:
    """Walk the checkout once, reading ids from each snapshot; return the actions taken."""
    guard, ctx = Guard(), GuardContext(workspace=workspace, environment="browser", network="loopback")
    env = BrowserEnvironment(workspace, frames=False)
    env.start()
    actions: list[dict[str, Any]] = []

    def do(action: dict[str, Any]) -> str:
        actions.append(action)
        act = parse_action(action)
        approved = guard.authorize(act, ctx, env=env).approved
        assert approved is not None, f"the guard refused {action}"
        return env.execute(approved).output

    try:
        snap = do({"kind": "browser_goto", "url": url})
        snap = do({"kind": "browser_click", "element": element_id(snap, "button", "Add T-shirt to cart")})
        snap = do({"kind": "browser_click", "element": element_id(snap, "link", "Proceed to checkout")})
        for field, value in (("Name", "Ada Lovelace"), ("Address", "12 Analytical Row"), ("City", "London")):
            do({"kind": "browser_type", "element": element_id(snap, "textbox", field), "text": value})
        snap = do({"kind": "browser_click", "element": element_id(snap, "button", "Continue to payment")})
        do({"kind": "browser_select", "element": element_id(snap, "combobox", "Payment method"), "option": "Invoice"})
        snap = do({"kind": "browser_click", "element": element_id(snap, "button", "Review order")})
        do({"kind": "browser_screenshot"})
        actions.append({"kind": "browser_click", "element": element_id(snap, "button", "Place order")})
    finally:
        env.close()
    actions.append({"kind": "finish", "answer": "Ordered one T-shirt for Ada Lovelace, London, paid by invoice."})
    return actions


def main(out_dir: str) -> Replay:
    with owned_tempdir("macrohard-demo-") as tmp:
        with serve("checkout") as site:
            actions = plan(site.url, tmp)
            port = int(site.url.rsplit(":", 1)[1].strip("/"))
        with serve("checkout", port=port) as site:  # fresh state, same URLs as planned
            store = SQLiteStore(Path(tmp) / "runs.db")
            run = run_task(Task(text=TASK, environment="browser", workspace=tmp),
                           model=ScriptedModel(actions, name="scripted"), store=store)
            if not site.received:
                raise RuntimeError(f"the demo run placed no order (status {run.status.value}): {run.error}")
            result = render(store, run.id, out_dir)
            store.close()
    print(f"order {site.received[0]['order_id']} placed; video {result.video}; contact sheet {result.contact_sheet}")
    return result


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo-replay")
