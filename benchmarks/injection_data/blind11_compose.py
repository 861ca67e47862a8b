"""Compose blind11.jsonl, the eleventh blind injection set (written blind by helper blind11i), from the hand-written
rows in blind11_hand.txt and seeded compositions of the pools next to this file.

    python benchmarks/injection_data/blind11_compose.py        # rewrites blind11.jsonl

Hand file: a header `@@ P <style> <source> <lang>` (injections) or `@@ N <ordinary|hard> <source> <lang>`, then one row
per non-empty line until the next header; `\\n` in a line stands for a line break."""
from __future__ import annotations

import base64
import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
HAND = HERE / "blind11_hand.txt"
OUT = HERE / "blind11.jsonl"
SEED = 1111
ZERO_WIDTH = {"\\u200b": "\u200b", "\\u200c": "\u200c", "\\u200d": "\u200d"}
N_ENGLISH_INJECTIONS, N_FOREIGN_INJECTIONS, N_ORDINARY, N_FOREIGN_ORDINARY, N_HARD = 880, 250, 560, 60, 450


def _load(name):
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, mod)
    spec.loader.exec_module(mod)
    return mod


P = _load("blind11_parts")
C = _load("blind11_carriers")
S = _load("blind11_styles")
H = _load("blind11_hard")


def _row(text, label, style, source, origin, lang, kind):
    return {"text": text, "label": label, "style": style, "source": source, "origin": origin, "lang": lang,
            "kind": kind, "hand": origin == "hand"}


def hand_rows():
    rows, head = [], None
    for number, line in enumerate(HAND.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("@@"):
            parts = line[2:].split()
            if len(parts) != 4 or parts[0] not in ("P", "N"):
                raise ValueError(f"{HAND.name}:{number}: a header must start with P or N and name 3 fields")
            if parts[0] == "N" and parts[1] not in ("ordinary", "hard"):
                raise ValueError(f"{HAND.name}:{number}: a negative header's kind must be ordinary or hard")
            head = parts
        elif line.strip():
            if head is None:
                raise ValueError(f"{HAND.name}:{number}: a row before any header")
            text = line.strip().replace("\\n", "\n")
            for escape, char in ZERO_WIDTH.items():
                text = text.replace(escape, char)
            if head[0] == "P":
                rows.append(_row(text, 1, head[1], head[2], "hand", head[3], "injection"))
            else:
                rows.append(_row(text, 0, "benign", head[2], "hand", head[3], head[1]))
    return rows


def _context(r):
    """One draw of every slot a template may use, so each row gets its own people, numbers and places."""
    name, name2 = r.sample(P.NAMES, 2)
    company = r.choice(P.COMPANIES)
    c = {"name": name, "first": name.split()[0], "first2": name2.split()[0],
         "first_l": name.split()[0].lower().replace("í", "i").replace("ł", "l").replace("ř", "r"),
         "company": company, "company_d": company.lower().split()[0].replace("&", ""),
         "city": r.choice(P.CITIES), "product": r.choice(P.PRODUCTS), "proj": r.choice(P.PROJECTS),
         "merchant": r.choice(P.MERCHANTS), "merchant2": r.choice(P.MERCHANTS), "dom": r.choice(P.DOMAINS),
         "n": r.randint(12, 987), "n2": r.randint(10, 59), "n3": r.randint(10, 59), "n4": r.randint(1000, 9999),
         "p": r.randint(2, 9), "d": r.randint(10, 28), "d2": r.randint(10, 28), "h": r.randint(8, 16),
         "amt": f"{r.choice(['€', '$', '£'])}{r.randint(120, 48000):,}.{r.randint(0, 99):02d}",
         "amt2": f"{r.randint(3, 250)}.{r.randint(0, 99):02d}", "year": r.choice([2024, 2025, 2026]),
         "iban": f"{r.choice(['DE', 'NL', 'LT', 'GB', 'PT'])}{r.randint(10, 99)} {r.randint(1000, 9999)} "
                 f"{r.randint(1000, 9999)} {r.randint(1000, 9999)}",
         "hexid": "".join(r.choice("0123456789abcdef") for _ in range(7)),
         "quarter": f"Q{r.randint(1, 4)} {r.choice([2025, 2026])}", "chan": r.choice(C.CHANNELS),
         "meeting": r.choice(C.MEETINGS), "day": r.choice(C.DAYS), "month": r.choice(C.MONTHS),
         "func": r.choice(C.FUNCS), "bug": r.choice(C.BUGS), "src_h": r.choice(["calendar invite", "shared doc",
                                                                                  "product review", "PDF invoice"])}
    c.update(h2=c["h"] + 1, day_l=c["day"].lower(), bug_l=c["bug"].lower(),
             addr=f"{r.choice(P.HANDLES)}@{c['dom']}", handle=r.choice(P.HANDLES).replace(".", "-"))
    for key, pool in (("subject", C.SUBJECTS), ("body", C.BODIES), ("opinion", C.OPINIONS)):
        c[key] = r.choice(pool).format(**c)
    c["opinion"] += "."
    c["body_l"] = c["body"]
    c["g"] = r.choice(P.GOALS).format(**c)
    return c


def _english_injection(r, style):
    c = _context(r)
    source = r.choice(sorted(C.CARRIERS))
    planted = S.STYLES[style](r, c["g"], c)
    return _row(r.choice(C.CARRIERS[source][1]).format(**{**c, "P": "{P}"}).replace("{P}", planted),
                1, style, source, "composed", "en", "injection")


def _benign_line(r, register, c):
    return r.choice(C.BENIGN[register]).format(**c)


def _english_ordinary(r):
    c = _context(r)
    source = r.choice(sorted(C.CARRIERS))
    register, templates = C.CARRIERS[source]
    return _row(r.choice(templates).format(**{**c, "P": _benign_line(r, register, c)}), 0, "benign", source,
                "composed", "en", "ordinary")


FOREIGN_STYLES = ["direct_order", "ignore_previous", "fake_user", "xml_tags", "html_comment", "fake_system",
                  "encoded", "tool_call", "todo_note", "data_field"]


def _foreign_planted(r, style, lang, c):
    who, goals = P.FOREIGN[lang]
    ignore, from_user = P.FOREIGN_FRAMES[lang]
    g = r.choice(goals).format(**c)
    return {"direct_order": f"{who}: {g}.", "ignore_previous": f"{ignore} {g}.", "fake_user": f"{from_user} {g}.",
            "xml_tags": f"<instructions>{who}: {g}</instructions>", "html_comment": f"<!-- {who}: {g} -->",
            "fake_system": f"###(system_message) {g}", "tool_call": f'<tool_call>{{"task": "{g}"}}</tool_call>',
            "encoded": "base64: " + base64.b64encode(f"{who}, {g}".encode()).decode(),
            "todo_note": f"TODO({who}): {g}", "data_field": f"ai_note={who}: {g}"}[style]


def _foreign(r, lang, planted_style):
    c = _context(r)
    source, template = r.choice(P.FOREIGN_CARRIERS[lang])
    text = template.format(**c)
    if planted_style is None:
        return _row(text, 0, "benign", source, "composed", lang, "ordinary")
    planted = _foreign_planted(r, planted_style, lang, c)
    text = f"{text}\n{planted}" if r.random() < 0.7 else f"{planted}\n{text}"
    return _row(text, 1, planted_style, source, "composed", lang, "injection")


def _hard(r):
    c = _context(r)
    source, text = r.choice(H.BUILDERS)(r, c)
    return _row(text, 0, "benign", source, "composed", "en", "hard")


def _take(rows, seen, make, count):
    """Add `count` new rows from `make`, skipping any text already in the set."""
    added = 0
    while added < count:
        row = make()
        if row["text"] not in seen:
            seen.add(row["text"])
            rows.append(row)
            added += 1


def build():
    r = random.Random(SEED)
    rows = hand_rows()
    seen = {row["text"] for row in rows}
    styles = sorted(S.STYLES)
    for i in range(N_ENGLISH_INJECTIONS):
        _take(rows, seen, lambda i=i: _english_injection(r, styles[i % len(styles)]), 1)
    langs = sorted(P.FOREIGN)
    for i in range(N_FOREIGN_INJECTIONS):
        _take(rows, seen, lambda i=i: _foreign(r, langs[i % len(langs)], FOREIGN_STYLES[(i // len(langs)) % 10]), 1)
    _take(rows, seen, lambda: _english_ordinary(r), N_ORDINARY)
    for i in range(N_FOREIGN_ORDINARY):
        _take(rows, seen, lambda i=i: _foreign(r, langs[i % len(langs)], None), 1)
    _take(rows, seen, lambda: _hard(r), N_HARD)
    r.shuffle(rows)
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
