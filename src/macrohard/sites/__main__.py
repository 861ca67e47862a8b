"""Serve one of the local test sites until Ctrl-C: ``python -m macrohard.sites form --port 8000``."""

from __future__ import annotations

import argparse
import contextlib
import json
import threading

from macrohard.sites import serve
from macrohard.sites.pages import SITES


def main() -> None:
    ap = argparse.ArgumentParser(prog="python -m macrohard.sites", description=__doc__)
    ap.add_argument("name", choices=sorted(SITES), help="which site")
    ap.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0: any free port)")
    args = ap.parse_args()
    with contextlib.ExitStack() as stack:
        state = {}
        if args.name == "shop":  # its payments settle through a facilitator on the run store's ledger
            from macrohard.money.ledger import Ledger
            from macrohard.money.rail import KeyRing, serve_facilitator
            from macrohard.store.sqlite import default_home

            ledger = Ledger(default_home() / "runs.db")
            state["facilitator"] = stack.enter_context(serve_facilitator(ledger, KeyRing(default_home() / "wallet-keys")))
            print(f"facilitator at {state['facilitator']}, settling on {ledger.path}", flush=True)
        site = stack.enter_context(serve(args.name, port=args.port, state=state))
        print(f"serving {args.name} at {site.url} (127.0.0.1 only); Ctrl-C to stop", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
        print("received:", json.dumps(site.received, indent=2))


if __name__ == "__main__":
    main()
