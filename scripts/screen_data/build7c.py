"""Builds ``content_train7c.tsv`` (source ``data7c``): screen7's hand-written answers (``content_hand7c.txt``) and
biased decisions composed from hand-written parts, with fair look-alikes built from the same parts.

Why composed: the answer screen missed biased decisions that come in two parts (a sentence about merit, or about
bias itself, then a decision against a person for a protected attribute) and decisions in domains the data lacked
(policing, moderation, insurance, schools, clinics). Each biased row joins an opener (merit, fairness talk, a
summary line, nothing) and a decision against a group, in one of several orders and voices (an order, a report
of what was done, a list item, a policy); each fair row joins the same openers to a decision that names the
attribute but does not act on it, an accommodation, or a discussion. Seeded: the same file every run.

    python scripts/screen_data/build7c.py      # rewrite content_train7c.tsv and print the counts
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 7_2026_1130

GROUPS = ["Muslim", "Jewish", "Black", "Roma", "Nigerian", "Pakistani", "Mexican", "Polish", "Somali", "Chinese",
          "Indian", "Arab", "Haitian", "Sikh", "Hindu", "Catholic", "atheist", "gay", "lesbian", "transgender",
          "bisexual", "pregnant", "disabled", "deaf", "blind", "autistic", "wheelchair-using", "63-year-old",
          "older", "single-mother", "immigrant", "refugee", "Indigenous", "Dalit", "Kurdish", "Ukrainian",
          "Filipino", "Vietnamese", "HIV-positive", "dyslexic", "epileptic", "Turkish", "Eritrean", "Afghan"]
PEOPLE = ["applicant", "candidate", "tenant", "family", "customer", "patient", "student", "borrower", "driver",
          "employee", "volunteer", "guest", "passenger", "claimant", "member"]
# decisions against the person; {p} is "the <group> <person>", {ps} the plural "<group> <people>"
AGAINST = [
    "put {p}'s file at the bottom of the pile", "leave {p} off the shortlist", "drop {p} from the interview round",
    "tell {p} the slot is already taken", "give {p} the last appointment of the day", "quote {p} a higher deposit",
    "send {p} to the back of the queue", "flag {p} for an extra identity check", "skip {p} this round",
    "decline {p} without a second look", "offer {p} the smaller room at the back", "hold {p}'s application until the others are done",
    "ask {ps} for two extra references", "charge {ps} the higher rate", "filter out {ps} before scoring",
    "route {ps} to the slower queue", "move {ps} to the end of the waiting list", "stop {ps} at the door on busy nights",
    "keep {ps} out of the front-desk roles", "mark {ps} as high risk", "give {ps} lower limits",
    "search {ps} more often", "seat {ps} away from the window", "place {ps} in the lower set",
    "assign {ps} the night shifts", "reject {ps} from the pilot programme", "hide the ad from {ps}",
    "rank {ps} below the others", "cap the offer for {ps} at the minimum", "turn {ps} away politely",
]
OPENERS = [
    "All three finalists met the bar on the technical test.", "Both files show the same income and credit score.",
    "Everyone was scored against the same rubric.", "I know it would look discriminatory on paper, but",
    "Some people would call this bias; I'd call it experience.", "Fairness matters here, of course.",
    "Their references are fine and the paperwork is complete.", "Legally we aren't supposed to consider this, however",
    "The panel agreed the scores were close.", "On merit the two are level.", "Diversity is one of our values.",
    "The study says such rules are unfair, but", "Critics will complain, so keep it quiet:",
    "Summary of the review:", "Done.", "Here's my recommendation.", "I checked the queue.", "Quick update:",
    "The data from the last audit was inconclusive.", "We welcome everyone, as our policy says.",
]
REASONS = ["", "", " Customers are more comfortable that way.", " It's simpler for the team.",
           " It keeps things smooth.", " That's just how it works out in practice.", " Less hassle for us.",
           " I've updated the tracker.", " Let me know if you want this applied everywhere."]
FORMS = ["{o} {D}.{r}", "{D}, even though {m}.{r}", "{o} I {did}.{r}", "{o}\n- {D}\n- everyone else: as normal",
         "Decision: {d}. {m_cap}.{r}", "{m_cap}. Still, {d}.{r}", "Policy from today: {d}.{r}",
         "{o} Recommendation: {d}.{r}", "I {did}, since {m}.{r}"]
MERITS = ["the scores were identical", "their experience is strong", "the references are good",
          "nobody complained about their work", "they passed every check", "the file is complete"]
DID = {"put": "put", "leave": "left", "drop": "dropped", "tell": "told", "give": "gave", "quote": "quoted",
       "send": "sent", "flag": "flagged", "skip": "skipped", "decline": "declined", "offer": "offered",
       "hold": "held", "ask": "asked", "charge": "charged", "filter": "filtered", "route": "routed",
       "move": "moved", "stop": "stopped", "keep": "kept", "mark": "marked", "search": "searched", "seat": "seated",
       "place": "placed", "assign": "assigned", "reject": "rejected", "hide": "hid", "rank": "ranked",
       "cap": "capped", "turn": "turned"}
# fair rows: the same openers, a decision that names the attribute but does not act on it, an accommodation, a report
FAIR = [
    "shortlist {p}; the work sample was the best we saw", "approve {p}'s application on the verified income",
    "book the step-free room for {p}, as requested", "give {p} the same offer as everyone else",
    "invite {p} to the final interview; the attribute played no part", "keep {p} on the list in the usual order",
    "schedule {p}'s prayer break alongside the other breaks", "send {p} the standard contract",
    "offer {p} the flat, first complete application", "treat {ps} exactly like every other applicant",
    "score {ps} on the rubric only, names hidden", "don't ask {ps} for anything extra",
    "never filter out {ps}; that would be unlawful", "hire {p}: highest score on the skills test",
]
DISCUSS = [
    "An audit found that lenders quietly {d_verb} more often than others; the regulator fined two banks.",
    "Campaigners say some landlords {d_verb}. Our process is checked by a second reviewer to avoid that.",
    "The training module explains why rules that {d_verb} are discrimination, with three real cases.",
    "Research on hiring shows reviewers {d_verb} even when the CVs are identical; blind review reduces it.",
]


def _phrase(rng: random.Random) -> tuple[str, str]:
    g, n = rng.choice(GROUPS), rng.choice(PEOPLE)
    plural = {"family": "families", "person": "people"}.get(n, n + "s")
    return f"the {g} {n}", f"{g} {plural}"


def biased(rng: random.Random) -> str:
    p, ps = _phrase(rng)
    d = rng.choice(AGAINST).format(p=p, ps=ps)
    verb, rest = d.split(" ", 1)
    return rng.choice(FORMS).format(o=rng.choice(OPENERS), D=d[0].upper() + d[1:], d=d, did=f"{DID[verb]} {rest}",
                                    m=rng.choice(MERITS), m_cap=rng.choice(MERITS).capitalize(),
                                    r=rng.choice(REASONS)).replace("  ", " ").strip()


def fair(rng: random.Random) -> str:
    p, ps = _phrase(rng)
    if rng.random() < 0.25:
        d = rng.choice(AGAINST).format(p=p, ps=ps)
        verb, rest = d.split(" ", 1)
        return rng.choice(DISCUSS).format(d_verb=f"{verb} {rest}".replace(" the ", " ", 1))
    d = rng.choice(FAIR).format(p=p, ps=ps)
    form = rng.choice(["{o} {D}.", "Decision: {d}.", "{o} Recommendation: {d}.", "{D}, since {m}.",
                       "{o}\n- {D}\n- the rest: as normal"])
    return form.format(o=rng.choice(OPENERS[:3] + OPENERS[4:7] + OPENERS[8:11] + OPENERS[13:]),
                       D=d[0].upper() + d[1:], d=d, m=rng.choice(MERITS))


def hand() -> list[tuple[str, str]]:
    rows = []
    for line in (HERE / "content_hand7c.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split(": ", 1)
            rows.append((label, text))
    return rows


def build() -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    rows = [(label, "hand7c", text) for label, text in hand()]
    rows += [("bias", "comp7c", biased(rng)) for _ in range(260)]
    rows += [("benign", "comp7c", fair(rng)) for _ in range(200)]
    return rows


def main() -> None:
    rows = build()
    out = HERE / "content_train7c.tsv"
    head = ("# built by scripts/screen_data/build7c.py from content_hand7c.txt and hand-written parts (helper screen7,\n"
            "# 2026-11-30, issue 17): training data, not a benchmark. Dangerous specifics are [placeholders].\n")
    out.write_text(head + "".join(f"{label}\t{kind}\t{text.replace(chr(10), chr(92) + 'n')}\n"
                                  for label, kind, text in rows), encoding="utf-8")
    print(f"wrote {out}: {dict(Counter(label for label, _, _ in rows))}")


if __name__ == "__main__":
    main()
