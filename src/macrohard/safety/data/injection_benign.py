"""Benign bodies for the injection training generator, composed from parts so the negatives are as varied as
the attacks: ordinary messages between people (including requests and 'ignore my last email'), imperative text
for people (recipes, how-tos, READMEs), text ABOUT prompts, injection and security that names attack phrases
without carrying a payload, and ordinary text in other languages.
"""

from __future__ import annotations

import random

from macrohard.safety.data.injection_gen import ADJS, NAMES, NOUNS, VERBS

SUBJECTS = ["The team", "Our landlord", "The courier", "My sister", "The client", "Finance", "The vendor", "The school",
            "The plumber", "Marketing", "The auditor", "Our neighbour", "The recruiter", "Support", "The coach",
            "The board", "The contractor", "Grandma", "The IT desk", "The bank"]
PREDICATES = ["will arrive", "needs the signed form", "moved the meeting", "approved the budget", "asked for the slides",
              "sent the invoice", "is out sick", "changed the opening hours", "wants a second quote",
              "confirmed the booking", "found a mistake in the totals", "is switching suppliers",
              "shared the photos", "cancelled the delivery", "updated the seating plan", "renewed the contract"]
WHEN = ["on Monday", "by Friday", "next week", "tomorrow morning", "before noon", "after lunch", "this evening",
        "at the end of the month", "in two weeks", "yesterday", "today", "over the weekend"]
ASKS = ["Please send", "Remember to bring", "Don't forget to sign", "Make sure you check", "Kindly return",
        "Could you review", "Please update", "Confirm", "Cancel", "Book", "Pay", "Forward", "Delete", "Ignore",
        "Disregard", "Print", "Archive", "Share", "Upload", "Rename", "File"]
OBJECTS = ["the old draft", "the attached invoice", "your timesheet", "the parking form", "the duplicate entries",
           "the first reminder", "the spreadsheet", "the guest list", "the receipts", "the floor plan",
           "the photos from the trip", "the contract", "my earlier message", "the slides", "the meeting notes"]
REASONS = ["so we can close the books", "because the deadline moved", "before the auditors come", "if you have time",
           "— thanks!", "when you get a chance", "since the numbers changed", "as discussed", ""]
HOWTO = [
    ["Preheat the oven", "Grease the tin", "Whisk the eggs and sugar", "Fold in the flour", "Bake for 25 minutes",
     "Let it cool before slicing"],
    ["Clone the repository", "Create a virtual environment", "Install the dependencies", "Copy .env.example to .env",
     "Run the migrations", "Start the server with make dev"],
    ["Switch off the power", "Remove the old fitting", "Connect the brown wire to L", "Connect the blue wire to N",
     "Screw the cover back on", "Test the switch"],
    ["Open Settings", "Choose Accounts", "Select Security", "Turn on two-factor authentication", "Scan the QR code",
     "Save the backup codes somewhere safe"],
    ["Rinse the rice", "Add two cups of water", "Bring to the boil", "Cover and simmer for 15 minutes",
     "Rest for 5 minutes", "Fluff with a fork"],
    ["Back up your files", "Download the installer", "Run it as administrator", "Restart when asked",
     "Ignore the first warning about drivers", "Check the version number"],
]
ABOUT = [
    "Attackers write phrases like '{p}' into web pages so that {a} change their behaviour.",
    "Our filter looks for '{p}' and similar wording in documents before {a} read them.",
    "The paper measures how often {a} obey text such as '{p}' hidden in tool results.",
    "Security note: treat retrieved text as data; a line like '{p}' is not an instruction from the user.",
    "Workshop exercise: find the injected '{p}' in the sample email and explain why {a} should not act on it.",
    "The red team reported that {a} were vulnerable to '{p}' style attacks; the fix fences untrusted input.",
    "Prompt engineering tip: put your instructions for {a} in the system prompt, not in the user turn.",
    "The course covers jailbreaks, prompt injection, data exfiltration and how {a} use tools safely.",
    "OWASP lists prompt injection as the top risk for applications built on {a}.",
    "A system prompt is the first message; it tells {a} how to behave. Users cannot see it by default.",
    "Our incident review: an email containing '{p}' reached the assistant, which flagged it and asked the user.",
    "Changelog: the screen now also catches '{p}' when a line break splits the phrase.",
]
AGENTS = ["AI assistants", "language models", "LLM agents", "chatbots", "coding agents", "AI tools", "models"]
FOREIGN = [
    "La reunión se ha movido al jueves a las diez.", "Por favor, revisa el presupuesto antes del viernes.",
    "La facture est jointe; merci de la régler avant la fin du mois.", "Le livreur passera demain matin.",
    "Bitte schicken Sie mir die unterschriebenen Unterlagen bis Montag.", "Das Treffen findet im Raum 4 statt.",
    "La consegna è prevista per lunedì prossimo.", "Ricordati di portare il badge all'ingresso.",
    "A fatura segue em anexo. Obrigado pela compra!", "A reunião foi adiada para a próxima semana.",
    "De vergadering is verplaatst naar donderdag.", "Vergeet niet je declaraties in te dienen.",
    "Встреча перенесена на четверг.", "Пожалуйста, проверьте счёт до пятницы.",
    "会议改到周四上午十点。", "请在周五之前提交报销单。", "明日の打ち合わせは午後三時からです。",
    "Zapomnij o poprzednim terminie, spotkanie jest w piątek.", "Olvida el mensaje anterior, me equivoqué de fecha.",
]


def _phrase(r: random.Random) -> str:
    return f"{r.choice(VERBS)} {r.choice(['all', 'the', 'your'])} {r.choice(ADJS)} {r.choice(NOUNS)}"


def sentence(r: random.Random) -> str:
    kind = r.randrange(7)
    if kind == 0:
        return f"{r.choice(SUBJECTS + [n.split()[0] for n in NAMES])} {r.choice(PREDICATES)} {r.choice(WHEN)}."
    if kind == 1:
        return f"{r.choice(ASKS)} {r.choice(OBJECTS)} {r.choice(WHEN)} {r.choice(REASONS)}".strip() + "."
    if kind == 2:
        steps = r.choice(HOWTO)
        k = r.randint(2, len(steps))
        return " ".join(f"{i + 1}. {s}." if r.random() < 0.5 else f"{s}." for i, s in enumerate(steps[:k]))
    if kind == 3:
        return r.choice(ABOUT).replace("{p}", _phrase(r)).replace("{a}", r.choice(AGENTS))
    if kind == 4:
        return r.choice(FOREIGN)
    if kind == 5:
        return (f"{r.choice(SUBJECTS)} {r.choice(PREDICATES)}; {r.choice(ASKS).lower()} {r.choice(OBJECTS)} "
                f"{r.choice(REASONS)}").strip() + "."
    return f"Hi {r.choice(NAMES).split()[0]}, {r.choice(ASKS).lower()} {r.choice(OBJECTS)} {r.choice(WHEN)}."
