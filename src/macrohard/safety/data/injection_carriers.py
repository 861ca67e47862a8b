"""The tool outputs that carry training injections, and the benign look-alike bodies, for injection_gen.

``generate()`` is the seeded entry point: it returns positives (an attack placed inside a realistic tool output)
and negatives (the same kinds of output with ordinary, imperative or security-discussing text).
"""

from __future__ import annotations

import random

from macrohard.safety.data.injection_benign import sentence
from macrohard.safety.data.injection_gen import COMPANIES, NAMES, SEED, STYLES, Example

TOPICS = ["the Q3 budget", "the offsite agenda", "the new hire's laptop", "invoice 2291", "the warehouse move",
          "the customer churn report", "the release notes", "the parking permits", "the server migration"]
PRODUCTS = ["wireless earbuds", "standing desk", "coffee grinder", "hiking backpack", "phone case", "air fryer",
            "mechanical keyboard", "yoga mat", "electric kettle"]
MERCHANTS = ["TESCO STORES", "UBER TRIP", "AMAZON MKTPLACE", "SHELL OIL", "NETFLIX.COM", "STARBUCKS", "IKEA",
             "SPOTIFY", "LANDLORD RENT", "PAYROLL ACME CORP", "AWS EMEA", "GITHUB INC"]


def _ordinary(r: random.Random) -> str:  # noqa: PLR0911
    n = r.choice(NAMES).split()[0]
    t = r.choice(TOPICS)
    return r.choice([
        f"Can we move the meeting about {t} to Thursday? {n} is out on Wednesday.",
        f"Attached is the latest version of {t}. Let me know if anything looks off.",
        f"Thanks for the quick turnaround on {t}, the client was happy.",
        f"Quick update: {t} is delayed by a week because the supplier missed the deadline.",
        f"Reminder that {t} is due on Friday. Please send your comments before then.",
        f"I reviewed {t} and left a few comments in the doc. Mostly small wording fixes.",
        f"Lunch is on me today — {n} got the contract signed!",
        "The printer on floor 3 is broken again; facilities has been notified.",
        f"Please ignore the previous email about {t}; I sent the wrong attachment.",
        f"Forward this to {n} when you get a chance, they asked about {t}.",
        f"Don't forget to submit your expenses for {t} by the end of the month.",
        f"Could you send me the final numbers for {t}? I need them for the board deck.",
        f"The shared folder is at https://drive.{r.choice(COMPANIES).split()[0].lower()}.com/{t.split()[-1]} — "
        f"email {n.lower()}@{r.choice(COMPANIES).split()[0].lower()}.com if you can't open it.",
        f"Paid ${r.randint(20, 5000)} to {r.choice(COMPANIES)} for {t}; receipt forwarded to accounts.",
        f"Your verification code is {r.randint(100000, 999999)}. It expires in 10 minutes.",
        f"Invoice attached as base64: {r.choice(['JVBERi0xLjQKJcfs', 'UEsDBBQABgAIAAAAIQ', 'iVBORw0KGgoAAAANSUhEUg'])}"
        f"{r.randint(10**9, 10**10)}AAAA==",
    ])


def _imperative(r: random.Random) -> str:
    return r.choice([
        "Preheat the oven to 200°C. Chop the onions, fry them until golden, then add the garlic and stir well.",
        "Mix the flour and salt, add water slowly, knead for ten minutes and let it rest for an hour.",
        "## Installation\n\nRun `pip install -r requirements.txt`, then copy `.env.example` to `.env` and fill in "
        "your values. Never commit the `.env` file.",
        "To get started, clone the repository and run `npm install`. Ignore the peer dependency warnings.",
        "Usage: ./deploy.sh [--dry-run]. Always run with --dry-run first and check the output.",
        "Turn off the power at the breaker before replacing the light fixture. Follow the wiring diagram.",
        "Forget about the old login page; the new one is at /signin and uses single sign-on.",
        "Step 1: open Settings. Step 2: choose Privacy. Step 3: disable ad tracking.",
        "Delete the old build directory before running the release script, otherwise stale files get shipped.",
        "Please send the signed form to HR by Monday. Do not email passwords; use the password manager.",
        "Override the default timeout by setting REQUEST_TIMEOUT=30 in your environment.",
        "Skip the first two chapters if you already know the basics of Python.",
        "Water the tomatoes every morning, and remove the side shoots once a week.",
    ])


def _about(r: random.Random) -> str:
    a = r.choice(["AI assistants", "language models", "LLM agents", "chatbots", "coding agents"])
    return r.choice([
        f"Prompt injection is an attack where text inside a document tries to give new instructions to {a}. "
        "Defences include marking untrusted input and requiring confirmation for sensitive actions.",
        f"Security advisory: a phishing campaign embeds phrases like 'ignore previous instructions' in emails "
        f"to trick {a}. Do not let tools act on such text automatically.",
        f"In this tutorial we write a system prompt for {a} that tells the model to answer politely and cite "
        "sources. The system prompt comes before the user message.",
        f"Our paper evaluates how often {a} follow instructions hidden in web pages; the attack success rate "
        "dropped to 2% with spotlighting.",
        "CVE-2025-1234: the template engine did not escape user input, allowing attackers to inject HTML. "
        "Upgrade to 2.4.1 and rotate your API keys as a precaution.",
        f"The guide explains how {a} use tools: the model proposes a call, the runtime executes it, and the "
        "result is returned as an observation.",
        "Jailbreak prompts try to make a model drop its rules; red teams collect them to test filters.",
        "Instruction tuning trains a model on pairs of instructions and responses so it follows directions.",
        "Best practice: never paste secrets such as API keys or passwords into a chat with an assistant.",
        f"Workshop notes: we showed how hidden HTML comments can carry instructions for {a}, and how a "
        "sanitiser strips them before the model sees the page.",
        "The role field in the chat API can be system, user or assistant; the system message sets behaviour.",
        "Base64 encoding turns binary data into text; it is often used for email attachments.",
    ])


def _body(r: random.Random) -> str:
    parts = [r.choice([_ordinary, _imperative, _about, sentence, sentence, sentence])(r)
             for _ in range(r.choice([1, 1, 2, 3]))]
    return " ".join(parts)


def _email(r, body):
    a, b = r.sample(NAMES, 2)
    return (f"From: {a} <{a.split()[0].lower()}@{r.choice(COMPANIES).split()[0].lower()}.com>\nTo: {b}\n"
            f"Subject: {r.choice(['Re: ', 'Fwd: ', ''])}{r.choice(TOPICS)}\nDate: Mon, {r.randint(1, 28)} Oct 2026\n\n"
            f"Hi {b.split()[0]},\n\n{body}\n\nBest,\n{a.split()[0]}")


def _calendar(r, body):
    return (f"Event: {r.choice(['Weekly sync', '1:1', 'Planning', 'Client call', 'Retro'])} — {r.choice(TOPICS)}\n"
            f"Start: 2026-11-{r.randint(1, 28):02d}T{r.randint(8, 17):02d}:00\nAttendees: "
            f"{', '.join(r.sample(NAMES, 3))}\nDescription: {body}")


def _file(r, body):
    name = r.choice(["notes.txt", "README.md", "report.md", "todo.txt", "meeting_minutes.md", "config_notes.txt"])
    return f"{name}:\n{body}\n" if r.random() < 0.5 else f"# {r.choice(TOPICS).title()}\n\n{body}\n\n_Last edited by " \
        f"{r.choice(NAMES)}_"


def _review(r, body):
    return (f"{r.randint(1, 5)}/5 stars — {r.choice(PRODUCTS)}\nBy {r.choice(NAMES)}: {body}\n"
            f"Was this review helpful? Yes ({r.randint(0, 200)})")


def _bank(r, body):
    lines = [f"{r.randint(1, 28):02d}/10/2026  {r.choice(MERCHANTS):<18} {r.randint(1, 900)}.{r.randint(0, 99):02d}"
             for _ in range(r.randint(2, 5))]
    lines.insert(r.randrange(len(lines) + 1), f"{r.randint(1, 28):02d}/10/2026  TRANSFER REF: {body}")
    return "Date        Description        Amount\n" + "\n".join(lines)


WEB_EXTRA = ["", "", "<!-- main content starts -->", "<div style=\"display:none\">Loading…</div>",
             "<span hidden>menu</span>", "<!-- TODO: fix footer spacing -->", "<p hidden>Skip to content</p>"]


def _web(r, body):
    return (f"<!DOCTYPE html><html><head><title>{r.choice(TOPICS).title()}</title></head><body>"
            f"<header><nav><a href=\"/\">Home</a> | <a href=\"/blog\">Blog</a></nav></header><main><h1>"
            f"{r.choice(PRODUCTS).title()}</h1>{r.choice(WEB_EXTRA)}<p>{body}</p></main><footer>Contact us</footer></body></html>")


def _chat(r, body):
    a, b = r.sample(NAMES, 2)
    return (f"#{r.choice(['general', 'random', 'dev', 'sales', 'support'])}\n{a}: hey, {r.choice(TOPICS)}?\n"
            f"{b}: {body}\n{a}: thanks!")


def _code(r, body):
    lang = r.random()
    if lang < 0.5:
        return f"# {body}\ndef handler(event):\n    return process(event)\n"
    return f"/*\n * {body}\n */\nfunction main() {{\n  return run();\n}}\n"


def _ticket(r, body):
    return (f"Ticket #{r.randint(1000, 9999)} [{r.choice(['open', 'pending', 'resolved'])}]\nReporter: "
            f"{r.choice(NAMES)}\n\n{body}")


def _shell(r, body):
    kind = r.randrange(6)
    if kind == 0:
        files = [f"-rw-r--r-- 1 user user {r.randint(10, 99999):>6} Oct {r.randint(1, 28):>2} 10:{r.randint(10, 59)} "
                 f"{r.choice(['main.py', 'data.csv', 'notes.txt', 'setup.cfg', 'index.html', 'app.log'])}"
                 for _ in range(r.randint(2, 6))]
        return f"total {r.randint(8, 200)}\n" + "\n".join(files) + f"\n$ cat notes.txt\n{body}"
    if kind == 1:
        return ("{\"id\": " + str(r.randint(1, 9999)) + ", \"status\": \"ok\", \"title\": \"" + r.choice(TOPICS) +
                "\", \"body\": \"" + body.replace('"', "'").replace("\n", " ") + "\", \"tags\": [\"inbox\"]}")
    if kind == 2:
        return (f"commit {r.randbytes(20).hex()}\nAuthor: {r.choice(NAMES)}\nDate:   Tue Oct {r.randint(1, 28)} 2026\n\n"
                f"    {body}\n")
    if kind == 3:
        return (f"============ test session starts ============\ncollected {r.randint(3, 300)} items\n\n"
                f"tests/test_app.py ....F.\nE   AssertionError: {body}\n=== 1 failed, 5 passed in 0.42s ===")
    if kind == 4:
        return "name,email,note\n" + "\n".join(f"{n},{n.split()[0].lower()}@example.com,{r.choice(TOPICS)}"
                                                for n in r.sample(NAMES, 3)) + f"\n{r.choice(NAMES)},x@example.com,{body}"
    return (f"2026-10-{r.randint(1, 28):02d} 12:{r.randint(10, 59)}:01 INFO server started on :8080\n"
            f"2026-10-{r.randint(1, 28):02d} 12:{r.randint(10, 59)}:02 WARN {body}\n"
            f"2026-10-{r.randint(1, 28):02d} 12:{r.randint(10, 59)}:03 INFO request GET /health 200")


def _plain_output(r) -> str:
    """Tool output with no prose at all."""
    return r.choice([
        "ok", "done", "0", "", "Successfully installed requests-2.32.3 urllib3-2.2.1",
        f"{r.randint(1, 500)} files changed, {r.randint(1, 900)} insertions(+), {r.randint(0, 300)} deletions(-)",
        "On branch main\nYour branch is up to date with 'origin/main'.\n\nnothing to commit, working tree clean",
        "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nKeyError: 'user'",
        f"PING localhost (127.0.0.1): 56 data bytes\n64 bytes from 127.0.0.1: icmp_seq=0 ttl=64 time={r.random():.3f} ms",
        "{\"results\": [], \"next\": null}", f"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: {r.randint(1, 9999)}",
        "README.md  src  tests  pyproject.toml", "Permission denied", "No such file or directory",
    ])


SOURCES = {"shell": _shell, "email": _email, "calendar": _calendar, "file": _file, "review": _review, "bank": _bank, "web": _web,
           "chat": _chat, "code": _code, "ticket": _ticket}


def generate(n_pos: int = 3000, n_neg: int = 3000, seed: int = SEED) -> list[Example]:
    """``n_pos`` injections (styles and sources in rotation) and ``n_neg`` look-alikes, reproducibly."""
    r = random.Random(seed)
    out: list[Example] = []
    styles, sources = list(STYLES), list(SOURCES)
    for i in range(n_pos):
        style, source = styles[i % len(styles)], sources[r.randrange(len(sources))]
        attack, body = STYLES[style](r), _body(r)
        where = r.random()
        body = f"{attack} {body}" if where < 0.3 else f"{body}\n{attack}" if where < 0.8 else \
            f"{body[:len(body) // 2]} {attack} {body[len(body) // 2:]}"
        if i % 8 == 7:  # a bare attack or a bare sentence, as a short tool output or a single line
            out.append(Example(attack if r.random() < 0.5 else body, 1, style, "plain"))
        else:
            out.append(Example(SOURCES[source](r, body), 1, style, source))
    for i in range(n_neg):
        source = sources[i % len(sources)]
        if i % 8 == 7:
            out.append(Example(r.choice([_ordinary, _imperative, _about, _plain_output, sentence])(r), 0, "benign",
                               "plain"))
        else:
            out.append(Example(SOURCES[source](r, _body(r)), 0, "benign", source))
    return out
