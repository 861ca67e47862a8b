"""The full-text index over described recordings (SQLite FTS5, store migration ``m009``).

``add`` replaces a recording's rows (describing it again re-indexes it); ``search`` takes words
as a person types them (FTS5 syntax is quoted away) and ranks segments by BM25: every word first,
then any word when no segment has them all.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macrohard.errors import UserError
from macrohard.imagine.describe import Timeline


class Hit(BaseModel):
    source: str
    run_id: str | None
    segment: int
    start: float
    end: float
    frame: str
    snippet: str
    caption: str


def add(store: Any, timeline: Timeline, out_dir: str | Path) -> int:
    """Index ``timeline`` (written to ``out_dir``); return how many segments went in."""
    db = store._db()
    folder = Path(out_dir).resolve()
    with db:
        db.execute("DELETE FROM imagine_text WHERE source = ?", (timeline.source,))
        db.execute("INSERT OR REPLACE INTO imagine_timelines VALUES (?, ?, ?, ?, ?)",
                   (timeline.source, timeline.run_id, str(folder), time.time(), timeline.model_dump_json()))
        db.executemany(
            "INSERT INTO imagine_text (text, caption, source, run_id, segment, start, end_, frame) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [("\n".join(t.text for t in s.text) + "\n" + "\n".join(f"{x.action} {x.title} {x.url}" for x in s.steps),
              s.caption, timeline.source, timeline.run_id, s.index, s.start, s.end, str(folder / s.frame))
             for s in timeline.segments])
    return len(timeline.segments)


def _match(query: str, joiner: str) -> str:
    words = re.findall(r"\w+", query)
    if not words:
        raise UserError(f"nothing to search for in {query!r}: give one or more words")
    return f" {joiner} ".join('"' + w.replace('"', "") + '"' for w in words)


def search(store: Any, query: str, *, limit: int = 20, run_id: str | None = None) -> list[Hit]:
    db = store._db()
    rows: list[Any] = []
    for joiner in ("AND", "OR"):
        sql = ("SELECT source, run_id, segment, start, end_, frame, "
               "snippet(imagine_text, 0, '[', ']', '…', 12), caption FROM imagine_text WHERE imagine_text MATCH ?"
               + (" AND run_id = ?" if run_id else "") + " ORDER BY bm25(imagine_text) LIMIT ?")
        args: list[Any] = [_match(query, joiner), *([run_id] if run_id else []), limit]
        rows = db.execute(sql, args).fetchall()
        if rows:
            break
    return [Hit(source=r[0], run_id=r[1], segment=int(r[2]), start=float(r[3]), end=float(r[4]), frame=r[5],
                snippet=" ".join(str(r[6]).split()), caption=r[7]) for r in rows]


def indexed(store: Any) -> list[dict[str, Any]]:
    rows = store._db().execute("SELECT source, run_id, dir, created_at FROM imagine_timelines ORDER BY created_at")
    return [{"source": r[0], "run_id": r[1], "dir": r[2], "created_at": r[3]} for r in rows]
