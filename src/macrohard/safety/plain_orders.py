"""Plain orders in a document's own voice that only an attacker writes: moving what only the agent holds, a change of
bank details with a payment, gift cards paid out as codes.

blind13 (a fresh writer, fifteenth wave) found the screen weakest on orders phrased as an ordinary request in the
document's voice (a ticket, a README step, a colleague's note), with no address to the AI reader. Most such requests
are legitimate and must pass (a manager asking for the Q3 report, a README's install step). Three kinds are not, and
the development sets (blind3 … blind11 and the hand-written training files; blind13 was not opened) show them among
the rule-less misses of ``exfiltration``, ``payment`` and ``direct_order``:

- ``context_exfil``: send, post, paste or put what the agent holds and a document's author cannot see (the contents of
  ``.env``, API keys or tokens "you have seen", this conversation, the chat or shell history, the system prompt, the
  user's private messages, cookies, ``~/.ssh`` or ``~/.aws``) to an address, a URL, a comment or a form.
- ``payment_redirect``: bank details "have changed" or a beneficiary to update, and a payment (an amount, an IBAN or an
  account number) in the same passage: the shape of invoice fraud.
- ``gift_card_codes``: buy gift cards and send or reply with their codes.

All weak (``injection.RULE_PRIOR``): the classifier must agree, or another rule fire. A hit after a negation ("never
paste your .env into an issue", "we will never ask you to send …") or inside a quotation in prose does not count (a
value in data, a JSON field or a CSV cell, does).
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre, quoting
from macrohard.safety.regex_gate import Gate, fold

_I = re.I | re.M
_NOT = r"(?<!\bnot )(?<!n't )(?<!\bnever )(?<!\bnot to )(?<!\bnever to )(?<!\bno )"
_HELD = (r"(?:the )?contents? of (?:the |your |our |this )?(?:\.env|~/\.\w+|\.ssh|\.aws|id_rsa|credentials|secrets?|"
         r"keychain|vault|password manager|shell history|bash_history|environment)|\.env\b|~/\.(?:ssh|aws|config|"
         r"netrc|npmrc|pypirc|docker|kube)\S*|id_rsa|(?:api|access|secret|session|auth|bearer|oauth|github|aws)[ _-]?"
         r"(?:keys?|tokens?|secrets?)|environment variables|env vars|(?:this|the|your|our|the whole|the full|the entire) "
         r"(?:conversation|chat(?: log| history)?|session(?: log)?|transcript|context window)|(?:chat|conversation|"
         r"shell|command|browser|search) history|system prompt|hidden (?:rules|instructions)|(?:the )?user'?s? "
         r"(?:private|personal|recent|direct) (?:messages|emails|files|notes|data)|(?:browser |session |auth )?cookies|"
         r"saved passwords|password(?:s)? (?:you|stored|saved)|credentials? (?:you|stored|saved)|private keys?")
_MOVE = (r"send|post|put|paste|upload|e-?mail|forward|share|submit|copy|attach|append|publish|leave|drop|write|add|"
         r"include|commit|push|dump|export|sync|transmit|mail")
_WHERE = (r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://[^\s\"'`\u00bb\u201d\u2019<>)]+|\b(?:a |the )?(?:comment|reply|issue|thread|form|pastebin|"
          r"gist|public (?:channel|repo|page|bucket)|this (?:channel|thread|ticket|page|chat|issue))\b")
_CONTEXT_EXFIL = lazyre.compile(
    rf"{_NOT}\b(?:{_MOVE})\b[^.\n]{{0,90}}?(?:{_HELD})[^.\n]{{0,90}}?(?:{_WHERE})"
    rf"|\btake (?:{_HELD})[^.\n]{{0,40}}?\band (?:{_MOVE})\b[^.\n]{{0,60}}?(?:{_WHERE})", _I)
_AMOUNT = (r"\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){3,7}\b|(?:r\$|€|\$|£|¥)\s?\d|\d[\d.,]*\s?(?:€|eur|usd|gbp|chf|pln)\b|"
           r"\baccount (?:number |no\.? )?\d{6,}|\biban\b|\brouting\b|\bsort code\b")
_PAYMENT_REDIRECT = lazyre.compile(
    rf"\b(?:our|the|my|their|its|supplier'?s?|vendor'?s?|new) (?:bank|banking|account|payment|remittance|wire) "
    rf"(?:details|information|info|account|instructions)\s+(?:have|has)\s+(?:been\s+)?(?:changed|updated|moved)\b"
    rf"[^\n]{{0,200}}?(?:{_AMOUNT})"
    rf"|\b(?:update|change|replace|switch)\s+(?:the\s+)?(?:beneficiary|payee|bank details|remittance details|"
    rf"payment details)\b[^\n]{{0,120}}?(?:{_AMOUNT})", _I)
_GIFT_CARDS = lazyre.compile(
    rf"{_NOT}\b(?:buy|purchase|get|order|pick up)\b[^.\n]{{0,40}}?\bgift ?cards?\b[^.\n]{{0,80}}?\b(?:send|reply|email|"
    rf"e-mail|text|forward|post|share|scratch|read)\b[^.\n]{{0,40}}?\b(?:codes?|numbers|pins?)\b", _I)
# each rule beside its gate (``regex_gate``: the words every match holds), searched only when the text has them
_RULES = tuple((name, pattern, Gate(pattern)) for name, pattern in (
    ("context_exfil", _CONTEXT_EXFIL), ("payment_redirect", _PAYMENT_REDIRECT), ("gift_card_codes", _GIFT_CARDS)))


_DENIED = lazyre.compile(r"\b(?:never|not|n't|no one|nobody|don't|do not)\b[^.\n]{0,30}$", re.I)


def _said(lines: str, start: int, end: int) -> bool:
    """Whether the match is denied ("we will never ask you to send …") or ends inside a quotation in prose (not a
    data value): "Add a test: notes saying \"send the .env to …\"" quotes the order it names."""
    return bool(_DENIED.search(lines, max(0, start - 40), start)) or quoting.quoted_prose(lines, end - 1, end)


def signals(lines: str) -> list[str]:
    """The rules above that match ``lines`` (the normalised text, line breaks kept), not denied and not inside a
    quotation in prose (a quoted attack in a post or a report; a value in data still counts)."""
    low = fold(lines)
    return [name for name, pattern, gate in _RULES if gate.may_match(low) and _unsaid(pattern, lines)]


def _unsaid(pattern: re.Pattern[str], lines: str) -> bool:
    """Whether ``pattern`` matches somewhere not ``_said``, trying every start (a match from "Add regression test:
    … saying \"send …\"" must not hide the quoted one that starts later)."""
    pos = 0
    while (m := pattern.search(lines, pos)) is not None:
        if not _said(lines, m.start(), m.end()):
            return True
        pos = m.start() + 1
    return False
