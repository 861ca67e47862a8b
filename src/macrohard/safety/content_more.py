"""More training data for the answer classifier (third wave): compositional, so the model learns the parts that
make an answer harmful rather than whole sentences.

A harmful answer = agreeing to help + a harmful goal (per category, many wordings) + a method or a concealment
cue; a biased answer = a decision about people + a protected attribute given as the reason; the look-alikes use
the same topics and attributes with a protective, informational or fair framing (the attribute named and set
aside). Training data only: the benchmark sets under ``benchmarks/content`` are never read here.
"""

from __future__ import annotations

import random

AGREE = ["Sure.", "Of course!", "Here's what you do:", "Easy:", "Okay, so", "I can help with that.", "Right -",
         "You'll want to", "Honestly the best way:", "Do this:", "Here's my advice:", "Simple.", "Fine -", "yeah so"]
GOAL = {
    "weapons": ["build a bomb that goes off on a timer", "turn a pipe and powder into an explosive",
                "make an untraceable pistol from a printed kit", "convert the rifle to automatic fire",
                "set up an explosive device at the entrance", "make a firebomb from a bottle and fuel",
                "pack shrapnel around the charge for more casualties", "rig a device to detonate when the car starts",
                "produce a toxic gas to release in a room", "make a pressure-cooker device",
                "file off the serial number so the gun can't be traced", "assemble a grenade from fireworks"],
    "drugs": ["cook meth from cold medicine", "press counterfeit pills with fentanyl", "make crack from powder",
              "extract the drug and sell it by the gram", "grow and sell the mushrooms", "cut the powder to stretch it",
              "smuggle the pills through the airport", "spike a drink so they don't notice",
              "synthesise the drug in a home lab", "get the prescription drugs without a prescription to resell",
              "deal at the school without getting caught", "mix the batch in your garage"],
    "malware": ["write a program that logs every key they press", "encrypt their files and demand bitcoin",
                "steal the saved passwords from the browser", "spread the program to every machine on the network",
                "hide a backdoor in the installer", "take the website offline with a flood of traffic",
                "turn off their antivirus silently", "build a botnet from hacked routers",
                "grab session cookies and log in as them", "slip a remote access tool onto their laptop",
                "exfiltrate the database without the admins seeing", "make the virus undetectable by scanners"],
    "fraud": ["write an email that tricks them into entering their bank login", "forge the supplier's invoice",
              "impersonate the grandson and ask for gift cards", "open credit cards in a stolen identity",
              "make a fake ID that passes at the door", "clone the bank's website to collect cards",
              "fake the insurance claim with staged photos", "launder the money through a shell company",
              "pretend to be the IRS and demand payment", "sell fake tickets and vanish",
              "run a romance scam on lonely widowers", "change the payee's bank details on the invoice"],
    "violence": ["hurt him so it looks like an accident", "poison her a little each day", "beat him up after work",
                 "set their house on fire at night", "run him off the road", "attack her when she's alone",
                 "strangle him without leaving marks", "threaten his kids until he pays", "stab him and get away",
                 "ambush them in the car park", "kill the neighbour's dog to send a message", "push her down the stairs"],
    "self_harm": ["end your life tonight", "overdose on the pills you've saved", "hurt yourself where no one sees",
                  "starve yourself and hide it", "make sure it's fatal the first time", "jump from somewhere high",
                  "cut deeper so it works", "skip the helpline and just do it", "write the note and go through with it",
                  "purge after every meal so you lose more", "take all the tablets at once", "hang yourself in the shed"],
    "stalking": ["track her car without her knowing", "read his texts secretly", "find out where she lives now",
                 "put spyware on her phone", "watch him through a hidden camera", "follow her home from work",
                 "log into his accounts to see his messages", "monitor her location every minute",
                 "keep tabs on your ex after the restraining order", "make fake profiles to watch her after she blocked you",
                 "record her calls without consent", "get into his email to see who he's seeing"],
    "csam": ["write a sexual scene with a child", "describe a minor in a sexual way", "share sexual pictures of kids",
             "get a child to send explicit photos", "roleplay sex with a 12-year-old", "find explicit images of minors",
             "groom the boy into a sexual relationship", "write erotica about a 13-year-old girl",
             "sexualise the kids in the story", "trade images of underage girls", "meet the child alone for sex",
             "make explicit content of a teen under 16"],
}
HOW = ["and make sure nobody notices", "without them ever finding out", "so it can't be traced back to you",
       "using stuff from the hardware store", "at night when no one is around", "and delete the evidence after",
       "the first step is the easiest", "it's simpler than people think", "just follow what I said",
       "I'll give you the exact steps", "keep it between us", "and don't tell anyone", "here are the details",
       "you'll only need a few things", "it works every time", "and cover your tracks"]

ATTR = ["because she's 61", "because he's gay", "since she's pregnant", "because he uses a wheelchair",
        "because they're Muslim", "because he's Black", "because she's an immigrant", "because he's deaf",
        "because she's transgender", "because he's Jewish", "because she's too old", "because he's autistic",
        "because she's Hispanic", "since he's over 55", "because of her religion", "because of his race",
        "because of her disability", "because of his accent and origin", "because she has kids and is single",
        "because they're Asian", "because he's Sikh", "because she's a lesbian", "because he's Roma",
        "because of their age", "because she wears a headscarf", "because he's from Pakistan",
        "; at his age he won't keep up", "; at her age she can't learn the new tools", "; someone that old won't adapt",
        "since he's close to retirement", "; she's in her sixties and too slow", "; a man his age is past it",
        "; with his disability he'd hold everyone back", "; blind staff can't do this job",
        "; people like them upset our customers", "; her kind won't fit our culture", "; his religion would clash with ours",
        "; at 62 she's not worth training", "since they're foreign-born", "; he'd bring his boyfriend to events"]
DECIDE = ["Reject the application", "Don't hire her", "Don't hire him", "Pass on this candidate", "Decline the loan",
          "Refuse the rental", "Give the job to the other one", "Skip him for the promotion", "Deny the claim",
          "Charge them a higher rate", "Seat them at the back", "Don't offer the upgrade", "Cut her hours",
          "Put them last in the queue", "Turn them away at the door", "Mark the file high risk",
          "Rate him lower this year", "Drop her from the shortlist", "Don't call them back", "Say the flat is taken"]
GROUP_RULE = ["Avoid hiring {g} people for front desk roles.", "Don't lend to {g} applicants; too risky.",
              "Screen out {g} candidates early.", "Pay {g} staff less, they'll accept it.",
              "Don't deliver to the {g} part of town.", "Keep {g} tenants out of the building.",
              "Give {g} patients the slower appointments.", "Flag all {g} customers as potential fraud.",
              "Prefer candidates who aren't {g}.", "Limit how many {g} students we admit."]
GROUPS = ["Black", "Muslim", "gay", "disabled", "older", "immigrant", "Jewish", "Asian", "Latino", "Roma", "trans",
          "Arab", "Indian", "pregnant", "deaf", "Catholic", "Hindu", "Nigerian", "Mexican", "Chinese"]

SAFE_TOPIC = {
    "weapons": ["how bomb disposal teams make a device safe", "the history of the nail bomb in the Troubles",
                "why ghost guns are being regulated", "how metal detectors find weapons",
                "what to do if you find a suspicious package"],
    "drugs": ["how naloxone reverses an overdose", "why fentanyl test strips save lives", "the signs of meth addiction",
              "how pharmacists limit pseudoephedrine sales", "where to find addiction treatment"],
    "malware": ["how to spot a keylogger on your PC", "why offline backups beat ransomware",
                "how password managers stop credential theft", "how DDoS mitigation works",
                "how to remove a remote access trojan"],
    "fraud": ["how to recognise a phishing email", "why banks never ask for your PIN",
              "what to do after identity theft", "how the grandparent scam works so you can warn relatives",
              "how to verify an invoice's bank details"],
    "violence": ["how to stay safe walking home", "what the trial found about the attack",
                 "the plot of the murder mystery novel", "how to report a threat to the police",
                 "how self-defence classes teach escape"],
    "self_harm": ["where to get help when you feel suicidal", "how to support a friend who self-harms",
                  "the crisis line number and what happens when you call", "how eating disorders are treated",
                  "why talking to someone helps"],
    "stalking": ["how to check your car for a tracker", "how to find stalkerware on your phone",
                 "how to lock down your location sharing", "how to get a restraining order",
                 "what to do if someone is following you"],
    "csam": ["how to report child abuse material", "the signs that a child is being groomed",
             "how schools teach children about body safety", "how platforms detect and remove abuse images",
             "who to call if a child discloses abuse"],
}
SAFE_FRAME = ["Here's an overview of {t}.", "A quick guide to {t}:", "Good question about {t}.",
              "The article explains {t}.", "For your safety leaflet: {t}.", "The training covers {t}.",
              "I can explain {t}, in general terms.", "Our FAQ on {t} says to call the professionals."]
SAFE_TAIL = ["If you're in danger, call emergency services.", "Contact the police if you're worried.",
             "Talk to someone you trust.", "The helpline is free and confidential.", "Keep your software updated.",
             "Report it to the platform.", ""]
FAIR = ["Hire her: she scored highest on the work sample; her age (61) is irrelevant to the decision.",
        "Approve the loan; the applicant's religion plays no part, the income and history meet the criteria.",
        "We'll interview him; his wheelchair is not a factor, and we'll make the office accessible.",
        "Promote her on performance. Pregnancy has no bearing on promotions here.",
        "Shortlist all candidates who passed the test, regardless of age, race, religion or disability.",
        "Decline the application because the references could not be verified.",
        "Rent to the first applicant who meets the income and deposit criteria, whatever their background.",
        "Reject the candidate: the role requires a licence he doesn't hold.",
        "Seat guests in the order they arrived.", "Offer the upgrade to every customer with enough points."]
DISCUSS = ["Refusing to hire someone {a} is discrimination and illegal in most places.",
           "The lawsuit alleged the firm rejected applicants {a}; the court agreed.",
           "A manager who rates a worker lower {a} breaks the equality policy.",
           "Studies show {g} applicants get fewer callbacks for identical CVs.",
           "The report documents landlords turning away {g} tenants, which the law forbids.",
           "Training for managers: never make a decision {a}.",
           "History lesson: banks once denied loans to {g} families by neighbourhood (redlining)."]


def _harm(rng: random.Random, label: str) -> str:
    goal = rng.choice(GOAL[label])
    form = rng.randrange(4)
    if form == 0:
        return f"{rng.choice(AGREE)} {goal}, {rng.choice(HOW)}."
    if form == 1:
        return f"To {goal}: {rng.choice(HOW)}. {rng.choice(HOW).capitalize()}."
    if form == 2:
        return f"- {goal}\n- {rng.choice(HOW)}\n- {rng.choice(HOW)}"
    return f"{rng.choice(AGREE)} if you want to {goal}, {rng.choice(HOW)}."


def _bias(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(GROUP_RULE).format(g=rng.choice(GROUPS))
    lead = rng.choice(["", "", "Recommendation: ", "Decision: ", "My call: ", "Between us, ", "Note to HR: "])
    attr = rng.choice(ATTR)
    return f"{lead}{rng.choice(DECIDE)}{'' if attr.startswith(';') else ' '}{attr}."


def _benign(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        label = rng.choice(list(SAFE_TOPIC))
        return f"{rng.choice(SAFE_FRAME).format(t=rng.choice(SAFE_TOPIC[label]))} {rng.choice(SAFE_TAIL)}".strip()
    if kind == 1:
        return rng.choice(FAIR)
    return rng.choice(DISCUSS).format(a=rng.choice(ATTR), g=rng.choice(GROUPS))


def generate_more(seed: int = 17, per_label: int = 250, benign: int = 2500) -> list[tuple[str, set[str]]]:
    """(text, labels) pairs like ``content_data.generate``; deterministic for a seed."""
    rng = random.Random(seed)
    out: list[tuple[str, set[str]]] = []
    for label in GOAL:
        out += [(_harm(rng, label), {label}) for _ in range(per_label)]
    out += [(_bias(rng), {"bias"}) for _ in range(per_label * 2)]
    out += [(_benign(rng), set()) for _ in range(benign)]
    rng.shuffle(out)
    return out
