"""The runs list's search and a member's runs among many (helper ux52). Before: the list read the newest 200-255
runs and filtered those, so a search for an older run said "no runs match", and a member whose runs were older than
the newest 255 of everyone's saw none of them."""

from __future__ import annotations

import time

from macrohard.store.sqlite import SQLiteStore
from macrohard.types import Run, RunStatus, Task


def _many(home, n: int, *, user: str = "owner", first: str | None = None) -> list[Run]:
    store = SQLiteStore(home / "runs.db")
    now = time.time()
    made = []
    for i in range(n):
        text = first if (i == 0 and first) else f"everyday task {i:03d}"
        run = Run(task=Task(text=text), model="scripted:x", status=RunStatus.succeeded, created_at=now - 10_000 + i,
                  finished_at=now - 10_000 + i + 1, meta={"user": "alice" if i < 3 else user})
        store.create_run(run)
        made.append(run)
    store.close()
    return made


def test_a_search_finds_an_old_run_among_many(server):
    made = _many(server.home, 400, first="the needle in the haystack")
    api = server.api()
    found = api.get("/api/runs", params={"q": "needle"}).json()
    assert [r["id"] for r in found] == [made[0].id]
    page = api.get("/runs", params={"q": "needle"})
    assert made[0].id in page.text and "no runs" not in page.text
    # a member sees their own runs, however many of others' are newer
    from tests.server.conftest import mh

    added = mh("serve", "users", "add", "alice", "--role", "member", home=server.home)
    token = next(w for w in added.stdout.split() if len(w) > 30)
    mine = server.api(token).get("/api/runs").json()
    assert sorted(r["id"] for r in mine) == sorted(r.id for r in made[:3])
