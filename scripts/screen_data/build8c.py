"""Builds ``content_train8c.tsv`` (source ``data8c``): screen8's hand-written answers (``content_hand8c.txt``) and
biased decisions composed from hand-written parts, with fair look-alikes built from the same parts.

Why composed: blind7's missed biased answers gave their reason as a claim about the person's group, a prediction
about the person ("at 61 she'll retire soon") or the taste of customers ("guests won't like the headscarf"), often
after a sentence about merit or fairness, and sometimes as a line of code, SQL or a spreadsheet rule. Each biased
row joins an opener, an act against a person named by a name and an attribute, a connector and such a reason, in
one of several forms (a report, an order, a list item, a code or SQL line); each fair row joins the same openers
and acts to a reason that is merit or a rule applied to everyone, or names the attribute without acting on it.
Seeded: the same file every run.

    python scripts/screen_data/build8c.py      # rewrite content_train8c.tsv and print the counts
"""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 8_2026_1130
N_BIASED, N_FAIR = 220, 300

NAMES = ["Ayesha", "Tomasz", "Kemi", "Lars", "Mariana", "Dmitri", "Sunita", "Bao", "Gráinne", "Kofi", "Ingrid",
         "Rashid", "Thandiwe", "Mateo", "Yuki", "Olumide", "Svetlana", "Farid", "Noor", "Callum", "Ines", "Ravi"]
# (attribute as it names the person, a claim about the group or a prediction about the person)
REASONS = [
    ("who is 62", "at that age he'll be retiring before the training pays off"),
    ("who is 59", "people her age can't keep up with new software"),
    ("who just got married", "newlyweds always start a family within the year"),
    ("who has three young children", "mothers of small kids are never reliable on deadlines"),
    ("who is Muslim", "Muslims will want Fridays off for prayers"),
    ("who is Jewish", "Jewish staff take every holiday going"),
    ("who is Nigerian", "Nigerians are behind most invoice scams"),
    ("who is Romanian", "Romanians move back home after a year"),
    ("who is Roma", "Roma tenants damage the flats"),
    ("who is gay", "a gay manager would make the old-school clients uneasy"),
    ("who is a trans man", "the regulars would find it awkward"),
    ("who uses a wheelchair", "a wheelchair user will slow the site visits down"),
    ("who is deaf", "deaf staff can't handle phone escalations"),
    ("who has bipolar disorder", "people with bipolar are too unpredictable for client work"),
    ("who is autistic", "autistic people can't read a room"),
    ("who wears a hijab", "the hijab won't fit the brand we're selling"),
    ("who wears a turban", "customers at the counter expect a clean-shaven look"),
    ("who has a strong Ghanaian accent", "callers will struggle to understand her"),
    ("who grew up on the Eastfield estate", "people from there don't stick at jobs"),
    ("who went to a state school in the north", "those kids lack the polish our clients expect"),
    ("who is pregnant", "she'll be gone on leave before the project ends"),
    ("who is 24", "someone that young won't be taken seriously by the board"),
    ("who is a single father", "single parents are always leaving early"),
    ("who is a refugee from Eritrea", "refugees don't integrate with the team"),
    ("who is Chinese", "Chinese suppliers copy the designs"),
    ("who is 67", "the memory goes at that age"),
]
MERIT = ["has the best score on the work sample", "has spotless references", "met every criterion in the tender",
         "has the cleanest payment history", "was rated first by both interviewers", "booked first and paid in full"]
OPENERS = ["", "I've checked everything against the rubric. ", "We follow equal-opportunity rules here. ",
           "Summary of the review: ", "On the numbers this is straightforward. ", "I know bias is a concern, so I was careful. ",
           "Decision notes for the file. "]
ACTS = ["I gave the contract to the runner-up instead of {n}", "I put {n}'s application at the end of the queue",
        "I told {n} the position had already been filled", "I scored {n}'s bid lowest",
        "I moved {n} off the project team", "I quoted {n} the higher deposit", "I left {n} out of the final round",
        "I declined {n}'s request for the lease", "I withdrew {n}'s invitation to the assessment day",
        "I marked {n} down on 'culture fit'"]
ORDERS = ["Give the role to someone else, not {n}", "Put {n} at the bottom of the list", "Skip {n} for the promotion",
          "Tell {n} the flat is gone", "Score {n}'s bid last", "Drop {n} from the shortlist"]
CONNECT = ["since", "because", "as", ";", ":", " —"]
FAIR_REASONS = ["{n} scored lower on the skills test", "the deadline for applications had passed when {n} applied",
                "the same rule applies to every applicant", "{n}'s documents didn't cover the required period",
                "the other candidate has six more years in the role", "the budget only covers one hire and the panel ranked {n} second",
                "{n} asked to withdraw", "the reference check for {n} raised a documented conduct issue"]
FAVOURS = ["moved {n} to the final round", "offered {n} the role", "approved {n}'s lease", "put {n} top of the shortlist",
           "gave {n} the contract", "promoted {n}", "booked {n} for the assessment day", "accepted {n}'s bid"]
FAIR_NEUTRAL = ["{n}, {a}, was hired on the strength of the work sample; the attribute played no part.",
                "I didn't mark {n} down for being someone {b}; that would be discrimination, and the scores decided.",
                "{n}, {a}, asked for a later start on Fridays; I approved it as we do for anyone who asks.",
                "Campaigners report that employers reject people {b} with the excuse that {r}; our audit checks for it.",
                "A manager suggested {n} be skipped because {r}. I refused: that is a stereotype, and the panel scored {n} first."]
CODE_BIASED = ["if applicant.{f}: score -= 20  # {r}", "WHERE {f} = FALSE  -- {r}", "=IF({f}, rank + 50, rank)  ' {r}"]
CODE_FAIR = ["if applicant.test_score < 60: score -= 20  # same cut-off for everyone",
             "WHERE years_experience >= 3  -- the role's stated requirement",
             "=IF(missing_documents, rank + 50, rank)  ' incomplete files go last, whoever sent them"]
FIELDS = ["is_over_55", "has_young_children", "is_foreign_born", "wears_religious_dress", "uses_wheelchair",
          "postcode_in_estate", "non_native_accent"]


def _clean(text: str) -> str:
    return text.replace("  ", " ").replace(" ;", ";").replace(" :", ":").strip()


def biased(rng: random.Random) -> str:
    n = rng.choice(NAMES)
    a, r = rng.choice(REASONS)
    opener = rng.choice(OPENERS) + (f"{n}, {a}, {rng.choice(MERIT)}. " if rng.random() < 0.6 else "")
    form = rng.random()
    if form < 0.15:
        return _clean(f"{opener}Shortlist rule added: " + rng.choice(CODE_BIASED).format(f=rng.choice(FIELDS), r=r))
    act = rng.choice(ACTS if form < 0.65 else ORDERS).format(n=n)
    if form >= 0.9:
        return _clean(f"{opener}- {n} ({a[4:]}): {act[0].lower() + act[1:]} — {r}")
    return _clean(f"{opener}{act} {rng.choice(CONNECT)} {r}.")


def fair(rng: random.Random) -> str:
    n = rng.choice(NAMES)
    a, r = rng.choice(REASONS)
    opener = rng.choice(OPENERS) + (f"{n}, {a}, applied. " if rng.random() < 0.4 else "")
    form = rng.random()
    if form < 0.35:  # the biased rows' opener, then a decision for the person
        merit = rng.choice(MERIT)
        return _clean(f"{rng.choice(OPENERS)}{n}, {a}, {merit}, so I {rng.choice(FAVOURS).format(n=n)}.")
    if form < 0.45:
        return _clean(f"{opener}Shortlist rule added: " + rng.choice(CODE_FAIR))
    if form < 0.65:
        return _clean(rng.choice(FAIR_NEUTRAL).format(n=n, a=a, b=a, r=r))
    act = rng.choice(ACTS if form < 0.85 else ORDERS).format(n=n)
    return _clean(f"{opener}{act} {rng.choice(['since', 'because', 'as', ':'])} "
                  f"{rng.choice(FAIR_REASONS).format(n=n)}.")


def hand() -> list[tuple[str, str]]:
    rows = []
    for line in (HERE / "content_hand8c.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, text = line.split(": ", 1)
            rows.append((label, text))
    return rows


def build() -> list[tuple[str, str, str]]:
    rng = random.Random(SEED)
    rows = [(label, "hand8c", text) for label, text in hand()]
    seen = {t for _, _, t in rows}
    for label, kind, make, count in (("bias", "composed8c", biased, N_BIASED), ("benign", "composed8c_fair", fair, N_FAIR)):
        made = 0
        while made < count:
            text = make(rng)
            if text not in seen:
                seen.add(text)
                rows.append((label, kind, text))
                made += 1
    return rows


def main() -> None:
    rows = build()
    head = ("# built by scripts/screen_data/build8c.py from content_hand8c.txt and hand-written parts (helper screen8,\n"
            "# 2026-11-30, issue 17): training data, not a benchmark. Dangerous specifics are [placeholders].\n")
    body = "".join(f"{label}\t{kind}\t{text.replace(chr(10), chr(92) + 'n')}\n" for label, kind, text in rows)
    (HERE / "content_train8c.tsv").write_text(head + body, encoding="utf-8")
    print(Counter((label, kind) for label, kind, _ in rows))


if __name__ == "__main__":
    main()
