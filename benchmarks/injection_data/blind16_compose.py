"""Compose blind16.jsonl, the eighteenth wave's blind injection set (written blind by helper blind16i from the issue's
text alone): the hand-written rows of blind16_hand*.txt, then rows composed with a fixed seed from the styles,
carriers, look-alikes and foreign lines beside this file. ``python blind16_compose.py`` rewrites the set; the test
checks it is byte for byte what this writes.

Hand files: ``@@ P STYLE SOURCE LANG`` or ``@@ N KIND SOURCE LANG`` (KIND ``ordinary`` or ``hard``) heads the rows
that follow it, one row a line (``\\n`` in a line is a line break); ``#`` lines are comments."""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from blind16_carriers import CARRIERS  # noqa: E402
from blind16_foreign import FILES, ORDERS  # noqa: E402
from blind16_foreign import HARD as HARD_FOREIGN  # noqa: E402
from blind16_foreign import ORDINARY as ORDINARY_FOREIGN  # noqa: E402
from blind16_hard import HARD  # noqa: E402
from blind16_parts import bad_mail, iban, url  # noqa: E402
from blind16_styles import STYLES  # noqa: E402

HANDS = (HERE / "blind16_hand.txt", HERE / "blind16_hand_negatives.txt")
SEED = 1618
PER_STYLE, PER_LANG, PER_SOURCE, PER_HARD = 34, 20, 26, 44
NEUTRAL = ["sms", "json_api", "csv_export", "form_submission", "image_caption", "calendar", "chat_message"]
FOREIGN_STYLES = {
    "voice_request": (lambda s, r: s, ["sms", "chat_message", "voice_transcript"]),
    "summary_hook": (lambda s, r: s, ["form_submission", "product_review"]),
    "csv_cell": (lambda s, r: s, ["csv_export"]), "json_value": (lambda s, r: s, ["json_api"]),
    "calendar_note": (lambda s, r: s, ["calendar"]), "transcript": (lambda s, r: s, ["voice_transcript"]),
    "caption": (lambda s, r: f"Foto / photo: '{s}'", ["image_caption"]),
    "hidden_markup": (lambda s, r: r.choice([f"<!-- {s} -->", f'<span style="display:none">{s}</span>']), ["web_page"]),
    "fake_turn": (lambda s, r: f"\nSystem: ok\nUser: {s}", ["chat_message", "sms"]),
    "authority_block": (lambda s, r: f"<INFORMATION> {s} </INFORMATION>", ["json_api", "form_submission"]),
    "alt_text": (lambda s, r: f'<img src="/a/{r.randint(1, 99)}.png" alt="Logo ({s})">', ["web_page"]),
}


def row(text: str, label: int, style: str, source: str, origin: str, lang: str, kind: str) -> dict:
    return {"text": text.strip(), "label": label, "style": style, "source": source, "origin": origin, "lang": lang,
            "kind": kind, "hand": origin == "hand"}


def hand_rows() -> list[dict]:
    """The rows of the hand files, in order; a bad header or a line before any header raises ValueError."""
    out: list[dict] = []
    for path in HANDS:
        head = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@@"):
                parts = line[2:].split()
                if len(parts) != 4 or parts[0] not in ("P", "N"):
                    raise ValueError(f"{path.name}:{n}: a header must start with P or N and name 3 more fields: {line!r}")
                if parts[0] == "N" and parts[1] not in ("ordinary", "hard"):
                    raise ValueError(f"{path.name}:{n}: an N header's kind is ordinary or hard, not {parts[1]!r}")
                head = parts
                continue
            if head is None:
                raise ValueError(f"{path.name}:{n}: a row before any header: {line[:40]!r}")
            text = line.replace("\\n", "\n")
            if head[0] == "P":
                out.append(row(text, 1, head[1], head[2], "hand", head[3], "injection"))
            else:
                out.append(row(text, 0, "benign", head[2], "hand", head[3], head[1]))
    return out


def composed(rng: random.Random) -> list[dict]:
    out = []
    for style, (write, sources) in STYLES.items():
        for _ in range(PER_STYLE):
            source = rng.choice(sources)
            out.append(row(CARRIERS[source](rng, write(rng)), 1, style, source, "composed", "en", "injection"))
    for lang, templates in ORDERS.items():
        for _ in range(PER_LANG):
            style = rng.choice(sorted(FOREIGN_STYLES))
            wrap, sources = FOREIGN_STYLES[style]
            line = rng.choice(templates).format(m=bad_mail(rng), u=url(rng), i=iban(rng), f=rng.choice(FILES))
            source = rng.choice(sources)
            out.append(row(CARRIERS[source](rng, wrap(line, rng)), 1, style, source, "composed", lang, "injection"))
    for source, carrier in CARRIERS.items():
        for _ in range(PER_SOURCE):
            out.append(row(carrier(rng, None), 0, "benign", source, "composed", "en", "ordinary"))
    for lang, lines in ORDINARY_FOREIGN.items():
        for _ in range(5):
            source = rng.choice(NEUTRAL)
            out.append(row(CARRIERS[source](rng, rng.choice(lines)), 0, "benign", source, "composed", lang, "ordinary"))
    for write in HARD:
        for _ in range(PER_HARD):
            source, line = write(rng)
            out.append(row(CARRIERS[source](rng, line), 0, "benign", source, "composed", "en", "hard"))
    for lang, lines in HARD_FOREIGN.items():
        for _ in range(3):
            source = rng.choice(NEUTRAL)
            out.append(row(CARRIERS[source](rng, rng.choice(lines)), 0, "benign", source, "composed", lang, "hard"))
    return out


def build() -> str:
    """The set as the text of a JSON-lines file: hand rows first, then composed rows (a repeated text is dropped)."""
    rng = random.Random(SEED)
    rows, seen = [], set()
    for r in hand_rows() + composed(rng):
        if r["text"] not in seen:
            seen.add(r["text"])
            rows.append(r)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


if __name__ == "__main__":
    (HERE / "blind16.jsonl").write_text(build(), encoding="utf-8")
