"""Compose ``blind14.jsonl`` (sixteenth wave's blind injection set, written blind by helper blind14i) from the
hand-written files and the seeded composers beside this file: ``python blind14_compose.py`` rewrites the set, and
``build()`` returns the same text byte for byte (the test checks it).

Hand files: ``@@ P STYLE SOURCE LANG`` (injections) or ``@@ N KIND SOURCE LANG`` (``ordinary`` or ``hard``) headers,
then one row per line (``\\n`` in a line is a line break); ``#`` lines are comments."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import blind14_hard as H  # noqa: E402
import blind14_styles as S  # noqa: E402
from blind14_filler import data_ordinary, lines  # noqa: E402
from blind14_foreign import LANGS  # noqa: E402
from blind14_parts import EVIL_MAIL, EVIL_URL, SOURCES, carrier, goals  # noqa: E402

HANDS = (HERE / "blind14_hand.txt", HERE / "blind14_hand_negatives.txt")
OUT = HERE / "blind14.jsonl"
SEED = 1414
# styles that only make sense in some outputs (a setup step, a link with a title)
PLACES = {"readme_step": ("readme", "wiki_page", "code_comment", "issue_comment", "shell_output", "ticket"),
          "markdown_link": ("web_page", "email", "wiki_page", "readme", "issue_comment", "ticket")}
FOREIGN_SOURCES = ("email", "chat_message", "sms", "ticket", "calendar", "meeting_notes", "form_submission")


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str, hand: bool) -> dict:
    return {"text": text.strip(), "label": label, "style": style, "source": source,
            "origin": "hand" if hand else "composed", "lang": lang, "kind": kind, "hand": hand}


def hand_rows() -> list[dict]:
    rows: list[dict] = []
    for path in HANDS:
        head = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@@"):
                parts = line[2:].split()
                if len(parts) != 4 or parts[0] not in ("P", "N"):
                    raise ValueError(f"{path.name}:{n}: a header must start with P or N and name 3 fields: {line!r}")
                if parts[0] == "N" and parts[1] not in ("ordinary", "hard"):
                    raise ValueError(f"{path.name}:{n}: a negative's kind is ordinary or hard, not {parts[1]!r}")
                head = parts
                continue
            if head is None:
                raise ValueError(f"{path.name}:{n}: a row before any header")
            text = line.replace("\\n", "\n")
            if head[0] == "P":
                rows.append(_row(text, 1, head[1], head[2], head[3], "injection", True))
            else:
                rows.append(_row(text, 0, "benign", head[2], head[3], head[1], True))
    return rows


def _injections(rng: random.Random) -> list[dict]:
    rows = []
    for i, style in enumerate(S.INLINE):
        for j in range(38):
            pool = PLACES.get(style, SOURCES)
            source = pool[(i * 7 + j) % len(pool)]
            rows.append(_row(S.compose_inline(style, source, rng, goals(rng)), 1, style, source, "en", "injection", False))
    for style, make in S.WHOLE.items():
        for _ in range(34):
            text, source = make(rng, goals(rng))
            rows.append(_row(text, 1, style, source, "en", "injection", False))
    for lang, spec in LANGS.items():
        for k, (style, template) in enumerate(spec["styles"].items()):
            for j in range(4):
                g = rng.choice(spec["goals"]).format(m=rng.choice(EVIL_MAIL), u=f"{rng.choice(EVIL_URL)}/{rng.randint(10, 9999)}")
                body = rng.sample(spec["ordinary"], rng.randint(1, 2))
                body.insert(rng.randint(0, len(body)), template.format(g=g))
                source = FOREIGN_SOURCES[(k * 4 + j) % len(FOREIGN_SOURCES)]
                rows.append(_row(carrier(source, rng, body), 1, style, source, lang, "injection", False))
    return rows


def _negatives(rng: random.Random) -> list[dict]:
    rows = []
    for source in SOURCES:
        for _ in range(30):
            rows.append(_row(carrier(source, rng, lines(source, rng, rng.randint(1, 4))), 0, "benign", source, "en",
                             "ordinary", False))
    for source in ("csv_export", "json_api", "git_log", "file_listing"):
        for _ in range(15):
            rows.append(_row(data_ordinary(rng, source), 0, "benign", source, "en", "ordinary", False))
    for lang, spec in LANGS.items():
        for j in range(5):
            source = FOREIGN_SOURCES[(j + len(lang)) % len(FOREIGN_SOURCES)]
            rows.append(_row(carrier(source, rng, rng.sample(spec["ordinary"], rng.randint(1, 3))), 0, "benign", source,
                             lang, "ordinary", False))
        for j in range(3):
            g = rng.choice(spec["goals"]).format(m=rng.choice(EVIL_MAIL), u=rng.choice(EVIL_URL))
            source = ("email", "chat_message", "meeting_notes")[j]
            body = [rng.choice(spec["hard"]).format(q=g)] + rng.sample(spec["ordinary"], 1)
            rows.append(_row(carrier(source, rng, body), 0, "benign", source, lang, "hard", False))
    for make in H.ALL:
        for _ in range(33):
            text, source = make(rng)
            rows.append(_row(text, 0, "benign", source, "en", "hard", False))
    return rows


def build() -> str:
    rng = random.Random(SEED)
    rows = hand_rows() + _injections(rng) + _negatives(rng)
    seen: set[str] = set()
    unique = [r for r in rows if not (r["text"] in seen or seen.add(r["text"]))]
    rng.shuffle(unique)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in unique)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT} ({sum(1 for _ in OUT.open(encoding='utf-8'))} rows)")
