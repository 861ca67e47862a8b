"""The send the user's task itself asks for, after untrusted content (``safety.flow``'s over-reach, flow30).

Flow control asks a person before any send after untrusted content (``flow:after-untrusted``). The published agent
suites' benign runs met that ask on sends the task had spelled out: read a page, then ``curl -s -d 'title=Team guide'
http://HOST/inbox`` where the task said "post the title to our team inbox at http://HOST/inbox", or fetch the page
the task named after reading notes.txt. Such a send goes nowhere the user did not choose, so an order in the
untrusted content cannot change where it goes; it can change only what is sent. The rule here lets it pass only when
nothing else can ride along: one ``curl`` whose every URL is written out whole in the task's text, that follows no
redirect, reads no config file, uses no proxy, names no other host, and whose data is inline text or files the agent
wrote itself in this run; data at all only while the run holds no private data (``capabilities["private"]``). No
variable, substitution or second program on the line; never in a sub-run whose task a delegating run wrote after
untrusted content (``FlowState.handed``: its words are not the user's). Anything else is asked as before."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from macrohard.safety import lazyre
from macrohard.safety.context import GuardContext

# curl's options that take a value and carry data out (inline, or @FILE / <FILE for a file's text)
_DATA = frozenset({"-d", "--data", "--data-binary", "--data-raw", "--data-ascii", "--data-urlencode", "--json", "-F",
                   "--form", "--form-string", "-T", "--upload-file"})
# options that take a value and change nothing of where or what: a timeout, the method, where the answer is written
_PLAIN_VALUED = frozenset({"-m", "--max-time", "--connect-timeout", "-X", "--request", "-o", "--output", "-w",
                           "--write-out", "--retry"})
# options that take no value and change nothing of where or what
_PLAIN = frozenset({"-s", "-S", "-f", "-sS", "-fsS", "-sf", "-fs", "-sSf", "--silent", "--show-error", "--fail",
                    "-v", "--verbose", "-i", "--include", "--compressed", "-4", "-6", "--no-progress-meter"})
_URL = lazyre.compile(r"https?://\S+")


def _runs_later(path: str) -> bool:
    """Whether a file saved at ``path`` runs or configures something when the user's next command reads it (a
    Makefile, a script, package.json, a settings file, anything under ``.git/``): the page chose its content."""
    from macrohard.safety.flow_planted import _RUNNABLE

    norm = posixpath.normpath(path)
    return bool(_RUNNABLE.search(norm)) or norm == ".git" or norm.startswith(".git/") or "/.git/" in norm


def task_offer(action: Any, ctx: GuardContext) -> bool:
    """(rt46b) Whether ``action`` pays, once, the HTTP 402 offer of a page whose URL the user's task writes out whole
    ("buy one tshirt at URL"). A ``pay`` is a send (flow control asks it after untrusted content); this one is the
    task's own purchase: the user chose the seller, and the wallet pays only what that URL's own offer asks, to the
    offer's own payee (``money.wallet``), within the money limits. Nothing else rides along: the memo stays on the
    ledger. A direct payment (no offer), an offer at any other URL, a second payment of the same offer in the run,
    or a sub-run whose task a model wrote after untrusted content is asked as every send is."""
    if str(getattr(action, "kind", "")) != "pay" or ctx.flow.handed or ctx.flow.task_from_untrusted or any(
            s.kind == "delegation" for s in ctx.flow.sources):
        return False
    url = getattr(action, "offer_url", None)
    # rt56d: the offers paid are kept as the task's URL they match (``offer_key``): before, `URL;` or `URL.` matched
    # the task's URL here but not the record of what was paid, so the same offer was the task's purchase again
    if not isinstance(url, str) or offer_key(url) in ctx.flow.offers_paid:
        return False
    return offer_key(url) in {offer_key(t) for t in _URL.findall(ctx.task_text or "")}


def offer_key(url: str) -> str:
    """A 402 offer's URL as ``task_offer`` matches it against the task's text (the punctuation after it dropped)."""
    return url.rstrip(".,;")


def task_send(action: Any, ctx: GuardContext) -> bool:
    """Whether ``action`` is a send the task's own words spell out and nothing untrusted can redirect or fill."""
    from macrohard.safety.flow_paths import shell_base
    from macrohard.safety.shellparse import parse

    if str(getattr(action, "kind", "")) != "bash" or ctx.flow.handed or ctx.flow.task_from_untrusted or any(
            s.kind == "delegation" for s in ctx.flow.sources):
        return False  # a sub-run's task was written by a model that read untrusted content: not the user's words
    line = str(getattr(action, "command", ""))
    if "$" in line or "`" in line:
        return False
    try:
        commands = [c for c in parse(line).commands if c.argv]
    except Exception:  # noqa: BLE001 - a line the parser cannot read: asked as before
        return False
    if len(commands) != 1 or posixpath.basename(commands[0].argv[0]) != "curl":
        return False
    words = list(commands[0].argv)[1:]
    task_urls = set(_URL.findall(ctx.task_text or ""))
    urls: list[str] = []
    data: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in _DATA or w in _PLAIN_VALUED:
            if i + 1 >= len(words):
                return False
            if w in _DATA:
                data.append(words[i + 1])
            elif w in ("-o", "--output") and words[i + 1] != "/dev/null" and (
                    words[i + 1].startswith(("/", "~")) or ".." in words[i + 1]):
                return False  # the answer written outside the workspace: the other checks' to judge, asked here
            elif w in ("-o", "--output") and _runs_later(words[i + 1]):
                return False  # (flow36) the answer saved where something runs or reads it as settings later
            i += 2
            continue
        if w in _PLAIN:
            i += 1
            continue
        if w.startswith("-"):
            return False  # -L (a redirect anywhere), -K (a config file), -x (a proxy), --resolve, -H, …
        urls.append(w)
        i += 1
    if not urls or any(u.rstrip(".,;") not in {t.rstrip(".,;") for t in task_urls} for u in urls):
        return False
    for value in data:
        for m in re.finditer(r"(?:^|[=;])[@<](.+?)(?:;|$)", value):
            name = m.group(1)
            path = posixpath.normpath(posixpath.join(shell_base(ctx), name))
            if name == "-" or path not in ctx.flow.written:
                return False  # standard input, or a file the agent did not write
    return not data or "private" not in ctx.flow.capabilities
