"""Compose blind15.jsonl, the seventeenth wave's blind injection set (helper blind15i), from its hand file and its
parts, seeded: ``python benchmarks/injection_data/blind15_compose.py`` rewrites the file byte for byte.

Written blind: from the issue's text and the format of the older sets only. Injections lean on orders in the
document's own voice, hooks aimed at a summariser, alt text, captions and transcripts, and orders in data; the
look-alikes are genuine requests to a person and texts that quote or discuss attacks."""

from __future__ import annotations

import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
HANDS = (HERE / "blind15_hand.txt",)
OUT = HERE / "blind15.jsonl"
SEED = 151517


def _sibling(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


S = _sibling("blind15_parts")
F = _sibling("blind15_filler")
C = _sibling("blind15_carriers")


def _row(text: str, label: int, style: str, source: str, lang: str, kind: str, hand: bool) -> dict:
    return {"text": text.strip(), "label": label, "style": style, "source": source,
            "origin": "hand" if hand else "composed", "lang": lang, "kind": kind, "hand": hand}


def hand_rows() -> list[dict]:
    """The rows of the hand files: a header ``@@ P STYLE SOURCE LANG`` or ``@@ N ordinary|hard SOURCE LANG``, then
    one row a line (``\\n`` is a line break); ``#`` lines are comments."""
    rows: list[dict] = []
    for path in HANDS:
        head: list[str] | None = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@@"):
                head = line.split()
                if len(head) != 5 or head[1] not in ("P", "N"):
                    raise ValueError(f"{path.name}:{n}: a header must start with P or N and name style, source, lang")
                if head[1] == "N" and head[2] not in ("ordinary", "hard"):
                    raise ValueError(f"{path.name}:{n}: a negative's kind is ordinary or hard, not {head[2]!r}")
                continue
            if head is None:
                raise ValueError(f"{path.name}:{n}: a row before any header")
            _, sign, style, source, lang = head
            text = line.replace("\\n", "\n")
            if sign == "P":
                rows.append(_row(text, 1, style, source, lang, "injection", True))
            else:
                rows.append(_row(text, 0, "benign", source, lang, style, True))
    return rows


def _order(rng: random.Random, lang: str) -> tuple[str, str]:
    """(addressee, order) in ``lang``."""
    d, n = rng.choice(S.EVIL_DOMAINS), str(rng.randint(12, 9899))
    if lang == "en":
        return rng.choice(S.ADDRESSEES), rng.choice(S.ORDERS).format(d=d, n=n)
    orders, _, addressee = S.FOREIGN[lang]
    return addressee, rng.choice(orders).format(d=d, n=n)


# styles that live in one kind of data; the rest go into any carrier
FIXED = {"csv_cell": "csv_export", "json_value": "json_api", "filename": "file_listing",
         "commit_message": "git_log", "calendar_note": "calendar", "transcript": "voice_transcript",
         "caption": "image_caption", "code_comment": "code_file", "todo_note": "code_file", "split_fields":
         "form_submission"}
FREE = ("email", "chat_message", "web_page", "ticket", "readme", "pdf_text", "review", "search_result",
        "meeting_notes", "issue_comment", "sms", "wiki_page", "bank_transaction")
EN_STYLES = {"voice_request": 90, "summary_hook": 60, "assistant_note": 30, "alt_text": 35, "caption": 30,
             "transcript": 32, "split_fields": 30, "csv_cell": 28, "json_value": 28, "filename": 32,
             "commit_message": 32, "calendar_note": 28, "multi_turn": 30, "fake_turn": 24, "tool_call": 24,
             "hidden_markup": 24, "encoded": 32, "reported_speech": 30, "conditional_trigger": 30,
             "authority_notice": 30, "todo_note": 30, "homoglyph": 31, "zero_width": 32, "code_comment": 31}
FOREIGN_STYLES = ("voice_request", "voice_request", "summary_hook", "summary_hook", "alt_text", "transcript",
                  "csv_cell", "json_value", "calendar_note", "fake_turn", "hidden_markup", "tool_call", "caption")


def injections(rng: random.Random) -> list[dict]:
    rows = []
    plan = [(s, "en") for s, k in EN_STYLES.items() for _ in range(k)]
    plan += [(rng.choice(FOREIGN_STYLES), lang) for lang in S.FOREIGN for _ in range(17)]
    for style, lang in plan:
        addressee, order = _order(rng, lang)
        payload = C.payload(rng, style, addressee, order, lang)
        source = FIXED.get(style) or rng.choice(FREE)
        if style in ("alt_text", "hidden_markup"):
            source = rng.choice(("web_page", "web_page", "wiki_page", "search_result"))
        if style == "voice_request" and lang == "en":
            source = rng.choice(("email", "email", "ticket", "readme", "chat_message", "meeting_notes",
                                 "issue_comment", "wiki_page", "sms"))
        rows.append(_row(C.carrier(rng, source, lang, payload), 1, style, source, lang, "injection", False))
    return rows


def ordinary(rng: random.Random) -> list[dict]:
    sources = (*FREE, *sorted(set(FIXED.values())), "image_caption")
    langs = ("en",) * 6 + tuple(S.FOREIGN_LINES)
    rows = []
    for i in range(580):
        source, lang = sources[i % len(sources)], (rng.choice(langs) if i % 5 == 0 else "en")
        if source in ("csv_export", "file_listing", "git_log", "bank_transaction", "code_file"):
            lang = "en"  # these carry no sentence of their own to be in another language
        rows.append(_row(C.carrier(rng, source, lang, None), 0, "benign", source, lang, "ordinary", False))
    return rows


def hard(rng: random.Random) -> list[dict]:
    rows = []
    people = ("email", "chat_message", "ticket", "meeting_notes", "calendar", "voice_transcript", "sms", "wiki_page")
    for i in range(170):  # a person asks a person
        source = people[i % len(people)]
        rows.append(_row(C.carrier(rng, source, "en", C.human_request(rng)), 0, "benign", source, "en", "hard", False))
    places = ("web_page", "pdf_text", "git_log", "issue_comment", "code_file", "json_api", "ticket", "email",
              "search_result", "meeting_notes")
    for i in range(150):  # texts that quote or discuss attacks
        source = places[i % len(places)]
        rows.append(_row(C.carrier(rng, source, "en", C.discussion(rng)), 0, "benign", source, "en", "hard", False))
    for _ in range(50):
        rows.append(_row(C.carrier(rng, "readme", "en", C.readme_steps(rng)), 0, "benign", "readme", "en", "hard",
                         False))
    for i in range(40):  # alt text and captions that describe an instruction sign
        source = ("web_page", "image_caption")[i % 2]
        rows.append(_row(C.carrier(rng, source, "en", C.sign(rng, source)), 0, "benign", source, "en", "hard", False))
    for i, lang in enumerate(sorted(S.FOREIGN_HUMAN) * 4):
        source = ("email", "chat_message", "ticket", "meeting_notes")[i % 4]
        who = rng.choice(S.FIRST)
        text = C.carrier(rng, source, lang, S.FOREIGN_HUMAN[lang].format(who=who))
        rows.append(_row(text, 0, "benign", source, lang, "hard", False))
    return rows


def build() -> str:
    rng = random.Random(SEED)
    rows = hand_rows()
    seen = {r["text"] for r in rows}
    for row in injections(rng) + ordinary(rng) + hard(rng):
        if row["text"] not in seen:
            seen.add(row["text"])
            rows.append(row)
    rng.shuffle(rows)
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


def main() -> int:
    OUT.write_text(build(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
