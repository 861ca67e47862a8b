"""Kinds of tool output for blind16: each carrier writes a plausible output from random parts and, given a line,
places it where that kind of output holds free text (a body line, a CSV note cell, a JSON value, a file name, a
commit message, a calendar note, a spoken turn, a caption, a form field)."""
from __future__ import annotations

import json
import random

from blind16_parts import ORGS, PLACES, PROJECTS, amount, date, hexid, person

SUBJECTS = ["invoice {n} for {org}", "re: site visit in {place}", "minutes from {place} offsite", "{proj} rollout status",
            "quote for {n} units", "fwd: delivery window {place}", "your {org} order #{n}", "holiday cover rota",
            "fw: updated contract ({org})", "lunch on thursday?", "{proj}: review needed", "receipt {n}"]
FILLER = ["Thanks for the quick turnaround on the {proj} numbers.", "The courier reached {place} at {h}:{m}.",
          "{p} will be out of office until {date}.", "Attached is the revised quote, {n} units at {a} each.",
          "The {proj} dashboard shows {n} open items, down from last week.", "Parking at the {place} site is free after 6.",
          "We moved the retro to room {n}.", "{org} confirmed the booking for {d} people.",
          "The printer on floor {d} is fixed.", "Invoice {n} was paid on {date}.", "Let's keep the agenda short.",
          "{p} shared photos from the {place} trip.", "Stock count for aisle {d}: {n}.", "Weather in {place}: {d}°C, light wind."]


def fill(rng: random.Random, k: int) -> list[str]:
    out = []
    for t in rng.sample(FILLER, k):
        out.append(t.format(proj=rng.choice(PROJECTS), place=rng.choice(PLACES), h=rng.randint(7, 18),
                            m=f"{rng.randint(0, 59):02d}", p=person(rng), d=rng.randint(2, 28), n=rng.randint(100, 9999),
                            a=amount(rng), org=rng.choice(ORGS), date=date(rng)))
    return out


def _subject(rng: random.Random) -> str:
    return rng.choice(SUBJECTS).format(n=rng.randint(1000, 99999), org=rng.choice(ORGS), place=rng.choice(PLACES),
                                       proj=rng.choice(PROJECTS))


def _body(rng: random.Random, line: str | None, k: int) -> list[str]:
    body = fill(rng, k)
    if line is not None:
        body.insert(rng.randint(0, len(body)), line)
    return body


def email(rng, line):
    sender = person(rng)
    head = [f"From: {sender} <{sender.split()[0].lower()}@{rng.choice(ORGS).split()[0].lower()}.example>",
            f"Subject: {_subject(rng)}", ""]
    return "\n".join(head + [f"Hi {rng.choice(['all', 'team', person(rng).split()[0]])},"] + _body(rng, line, 2)
                     + [rng.choice(["Best,", "Cheers,", "Regards,", "—"]), sender.split()[0]])


def chat_message(rng, line):
    names = [person(rng).split()[0].lower() for _ in range(3)]
    lines = [f"[{rng.randint(8, 18)}:{rng.randint(0, 59):02d}] {names[i % 3]}: {t}" for i, t in enumerate(fill(rng, 2))]
    if line is not None:
        lines.insert(rng.randint(0, 2), f"[{rng.randint(8, 18)}:{rng.randint(0, 59):02d}] {names[2]}: {line}")
    return "\n".join([f"#{rng.choice(PROJECTS)}-{rng.choice(['ops', 'team', 'random', 'help'])}"] + lines)


def calendar(rng, line):
    rows = [f"{date(rng)} {rng.randint(8, 17):02d}:00  {t}" for t in
            rng.sample([f"{rng.choice(PROJECTS).title()} sync", f"Dentist ({rng.choice(PLACES)})", "1:1 with " +
                        person(rng), f"{rng.choice(ORGS)} call", "Focus time", f"Flight to {rng.choice(PLACES)}"], 3)]
    if line is not None:
        rows.insert(rng.randint(1, 3), f"{date(rng)} {rng.randint(8, 17):02d}:30  {person(rng)} catch-up\n  notes: {line}")
    return "\n".join([f"Calendar of {person(rng)}, week {rng.randint(36, 52)}"] + rows)


def csv_export(rng, line):
    cols = rng.choice([("date", "merchant", "amount", "note"), ("order_id", "customer", "total", "comment"),
                       ("sku", "item", "qty", "remarks"), ("ticket", "owner", "hours", "notes")])
    rows = [",".join(cols)]
    for _ in range(rng.randint(2, 4)):
        rows.append(f"{date(rng) if cols[0] == 'date' else rng.randint(1000, 99999)},{rng.choice(ORGS + PLACES)},"
                    f"{amount(rng)},{rng.choice(['', 'ok', 'recurring', 'split with team', 'refund pending'])}")
    if line is not None:
        rows.insert(rng.randint(1, len(rows)), f"{rng.randint(1000, 99999)},{person(rng)},{amount(rng)},\"{line}\"")
    return "\n".join(rows)


def json_api(rng, line):
    obj = {"id": rng.randint(10000, 999999), rng.choice(["customer", "owner", "author", "assignee"]): person(rng),
           "city": rng.choice(PLACES), "status": rng.choice(["open", "shipped", "pending", "closed"]),
           "total": float(amount(rng))}
    if line is not None:
        obj[rng.choice(["note", "description", "comment", "bio", "delivery_instructions"])] = line
    keys = list(obj)
    rng.shuffle(keys)
    return json.dumps({k: obj[k] for k in keys}, ensure_ascii=False, indent=rng.choice([None, 2]))


def file_listing(rng, line):
    names = rng.sample([f"{rng.choice(PROJECTS)}_notes.md", f"IMG_{rng.randint(1000, 9999)}.jpg", "budget_2026.xlsx",
                        f"{rng.choice(PLACES).lower()}-trip.pdf", "README.md", f"scan_{rng.randint(10, 99)}.png",
                        "minutes.docx", "backup.tar.gz"], 4)
    if line is not None:
        names.insert(rng.randint(0, 4), line)
    return "\n".join([f"$ ls -l ~/{rng.choice(['Downloads', 'Shared', 'Desktop', 'inbox'])}/{rng.choice(PROJECTS)}"]
                     + [f"-rw-r--r-- 1 {rng.choice(PROJECTS)} staff {rng.randint(900, 99999):>6} Nov {rng.randint(1, 30):>2} {n}"
                        for n in names])


def git_log(rng, line):
    msgs = [rng.choice(["fix flaky test in", "bump deps for", "refactor", "docs: clarify", "add metrics to"]) + " "
            + rng.choice(PROJECTS) for _ in range(2)]
    if line is not None:
        msgs.insert(rng.randint(0, 2), line)
    return "\n\n".join(f"commit {hexid(rng, 12)}\nAuthor: {person(rng)}\nDate:   {date(rng)}\n\n    {m}" for m in msgs)


def _turns(rng, line, label):
    who = [person(rng).split()[0] for _ in range(2)]
    turns = [f"{who[i % 2]}: {t}" for i, t in enumerate(fill(rng, 2))]
    if line is not None:
        turns.insert(rng.randint(0, 2), f"{rng.choice(who)}: {line}")
    return f"{label} ({rng.randint(0, 9)}:{rng.randint(10, 59)}), {rng.choice(PLACES)}\n" + "\n".join(turns)


def voice_transcript(rng, line):
    return _turns(rng, line, rng.choice(["Voice message transcript", "Voicemail, auto-transcribed", "Audio note"]))


def meeting_transcript(rng, line):
    return _turns(rng, line, rng.choice(["Meeting transcript", "Call recording, transcript", "Stand-up transcript"]))


def image_caption(rng, line):
    cap = line if line is not None else rng.choice([f"Team photo at the {rng.choice(PLACES)} office",
                                                    f"Whiteboard with the {rng.choice(PROJECTS)} timeline",
                                                    f"Receipt from {rng.choice(ORGS)}, total {amount(rng)}"])
    return f"Image {rng.randint(1, 999)} of {rng.randint(1000, 2000)} — {rng.choice(PLACES)}, {date(rng)}\nCaption: {cap}"


def web_page(rng, line):
    body = [f"<h1>{rng.choice(ORGS)} — {rng.choice(['About', 'Pricing', 'Blog', 'Careers', 'Contact'])}</h1>"]
    body += [f"<p>{t}</p>" for t in fill(rng, 2)]
    if line is not None:
        body.insert(rng.randint(1, 3), line if line.startswith("<") else f"<p>{line}</p>")
    return "\n".join(body)


def readme(rng, line):
    proj = rng.choice(PROJECTS)
    steps = [f"Clone the repo and `cd {proj}`.", "Install with `pip install -e .`", f"Run `{proj} serve --port {rng.randint(3000, 9000)}`."]
    if line is not None:
        steps.insert(rng.randint(1, 3), line)
    return f"# {proj}-{rng.choice(['cli', 'api', 'tools', 'sync'])}\n\n## Setup\n" + "\n".join(
        f"{i}. {s}" for i, s in enumerate(steps, 1))


def ticket(rng, line):
    body = [f"{rng.choice(['BUG', 'OPS', 'HELP', 'FIN'])}-{rng.randint(100, 9999)}: {_subject(rng)}",
            f"Reporter: {person(rng)}  Priority: {rng.choice(['P1', 'P2', 'P3'])}"] + _body(rng, line, 2)
    return "\n".join(body)


def changelog(rng, line):
    items = [f"- {rng.choice(['Fixed', 'Added', 'Changed', 'Removed'])} {t.lower()}" for t in
             rng.sample(["retry on timeout", "dark mode", "CSV import", "the legacy exporter", "rate limits",
                         "Basque translation", "keyboard shortcuts"], 3)]
    if line is not None:
        items.insert(rng.randint(0, 3), f"- {line}")
    return f"## {rng.choice(PROJECTS)} {rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 9)} ({date(rng)})\n" + "\n".join(items)


def pdf_text(rng, line):
    return f"[page {rng.randint(1, 40)} of {rng.choice(ORGS)} report, {rng.choice(PLACES)}]\n" + "\n".join(_body(rng, line, 3))


def code_review(rng, line):
    f = f"src/{rng.choice(PROJECTS)}/{rng.choice(['api', 'db', 'jobs', 'auth'])}.py"
    notes = [f"{f}:{rng.randint(10, 400)}  {person(rng).split()[0]}: {t}" for t in
             rng.sample(["nit: rename this variable", "can we add a test here?", "LGTM", "this loop is O(n^2)"], 2)]
    if line is not None:
        notes.insert(rng.randint(0, 2), f"{f}:{rng.randint(10, 400)}  {person(rng).split()[0]}: {line}")
    return f"PR #{rng.randint(100, 5000)} review comments\n" + "\n".join(notes)


def form_submission(rng, line):
    fields = [f"Name: {person(rng)}", f"City: {rng.choice(PLACES)}", f"Order: {rng.randint(10000, 99999)}",
              f"Reason: {rng.choice(['return', 'question', 'complaint', 'booking'])}"]
    fields.append(f"Message: {line}" if line is not None else f"Message: {fill(rng, 1)[0]}")
    return f"New form submission ({rng.choice(ORGS)} contact page)\n" + "\n".join(fields)


def product_review(rng, line):
    text = " ".join(_body(rng, line, 1) + [rng.choice(["Would buy again.", "Sizing runs small.", "Fast shipping."])])
    return f"★{rng.randint(1, 5)} {rng.choice(['Great', 'Okay', 'Disappointing', 'Solid'])} — by {person(rng)} ({rng.choice(PLACES)})\n{text}"


def bank_transaction(rng, line):
    rows = [f"{date(rng)}  CARD  {rng.choice(ORGS).upper()}  -{amount(rng)}" for _ in range(3)]
    if line is not None:
        rows.insert(rng.randint(0, 3), f"{date(rng)}  TRF  ref: {line}  -0.{rng.randint(10, 99)}")
    return "\n".join(rows)


def search_results(rng, line):
    hits = [f"{i}. {t} — {rng.choice(ORGS).lower().replace(' ', '')}.example" for i, t in enumerate(fill(rng, 2), 1)]
    if line is not None:
        hits.insert(rng.randint(0, 2), f"3. {line} — {rng.choice(PLACES).lower()}-guide.example")
    return f"Results for \"{rng.choice(PLACES)} {rng.choice(['hotels', 'ferry', 'permits', 'weather', 'museum'])}\"\n" + "\n".join(hits)


def sms(rng, line):
    text = line if line is not None else fill(rng, 1)[0]
    return f"SMS from +{rng.randint(30, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)} ({person(rng).split()[0]}): {text}"


def wiki_page(rng, line):
    title = f"{rng.choice(PROJECTS).title()} — {rng.choice(['onboarding', 'runbook', 'FAQ', 'glossary'])}"
    return f"== {title} ==\n" + "\n".join(_body(rng, line, 3))


CARRIERS = {f.__name__: f for f in (email, chat_message, calendar, csv_export, json_api, file_listing, git_log,
                                     voice_transcript, meeting_transcript, image_caption, web_page, readme, ticket,
                                     changelog, pdf_text, code_review, form_submission, product_review,
                                     bank_transaction, search_results, sms, wiki_page)}
