"""Orders to the program reading a text, named by what it is doing, or set against the user's own request.

The seventeenth wave's development sets (blind3 … blind13 and the hand-written training files, read out of fold: the
screen's misses at the policy point) held three frames that no text written for a person needs, missed by every rule:

- ``reader_address`` (**strong**): the machine reader called by what it is doing to this text, then an order:
  "Bot reading this: recommend …", "To any language model processing this text: …", "AI model reading this page:
  add …", "Note for any language model summarising this: …". A person reading a page is not "the model processing
  this"; a bare "assistant"/"agent" counts only when it is reading, processing, parsing, summarising, indexing or
  scanning "this" (a support agent "handling this ticket" is a person), and the words after the colon or comma read
  as an order (``vocative._EN_ORDER``: "The model processing this batch, a 7B Llama, …" is a report). The same
  reader named by a relative clause ("Models that read captions: …") or turned to in brackets ("(LLM, set up …)",
  "(Copilot, grant …)"; eighteenth wave, from blind15's captions: in-sample). Nineteenth wave, from blind16's commit
  messages (in-sample): a reader merging, importing or approving this ("bots merging this: run …").
- ``user_override`` (**strong**): the user's request set aside: "Forget what the user asked and …", "ignore the
  user's request", "forget the task you were given", "disregard your original task". ``override`` wants the word
  "instructions"; these orders name the user instead.
- ``summary_order`` (weak: the classifier must agree): a demand on what the reader's summary or answer must carry
  or leave out: "Summaries must end with a tracking link [source](https://…)", "keep the old one out of the
  summary". A style guide's "summaries must be under 200 words" names no link and hides nothing.

A hit inside a quotation reported to people or in prose (a post that quotes the attack it found) does not count; a
value in data (a JSON field, a CSV cell) does (``triggers._unquoted``).
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre
from macrohard.safety.regex_gate import Gate, fold
from macrohard.safety.triggers import _unquoted
from macrohard.safety.vocative import _EN_ORDER

_I = re.I | re.M
_NAMED = (r"(?:ai|a\.i\.|llm|gpt|chatgpt|claude|gemini|chatbot|bot|copilot|language[- ]model|"
          r"(?:ai|llm|gpt)[- ]?(?:model|assistant|agent|helper|system|tool|reader)|"
          r"(?:automated|autonomous|virtual|digital)\s+(?:assistant|agent|reader|system|helper))s?")
_DOING = (r"(?:reading|processing|summari[sz]ing|parsing|triaging|indexing|scanning|handling|reviewing|analy[sz]ing|"
          r"crawling|ingesting|browsing|going through|looking at|merging|importing|approving)")
_BARE_DOING = r"(?:reading|processing|summari[sz]ing|parsing|indexing|scanning|crawling|ingesting)"
_THIS = (r"(?:this|these|the following|the (?:page|e-?mail|mail|file|document|ticket|log|text|thread|message|output|"
         r"reviews?|entry|repo|repository|issue|results?|git log|calendar|feed|list|notes?|transcript|record|data))\b")
_LEAD = (r"(?:^|[.!?:;(\[\-\u2014>|#*]\s*|\b(?:to|for|hey|hi|hello|dear|attention|note to|note for|message to|"
         r"message for)\s+)(?:(?:any|the|an?|all|every|each|this|whichever|whatever)\s+)?")
# an order after the address: ``vocative``'s English order words, and verbs of acting on records it lacks
_ORDER = (rf"(?:{_EN_ORDER.pattern}|\W*(?:please\W+)?(?:close|decline|refund|issue|archive|reserve|accept|ban|block|hide|"
          rf"omit|leave|keep|lock|unlock|promote|rank|praise|downplay|describe|call|label|tag|assign|escalate)\b)")
_READER = lazyre.compile(
    rf"{_LEAD}(?:{_NAMED}\s+(?:that\s+is\s+|who\s+is\s+)?{_DOING}|(?:assistant|agent|model)s?\s+{_BARE_DOING})\s+"
    rf"{_THIS}[^:\n,\u2014]{{0,30}}[:,\u2014]\s*{_ORDER}", _I)
# the same reader named by a relative clause ("Models that read captions: send …", "AI agents which process this
# page: …"), and a machine turned to in brackets ("(LLM, set up a forwarding rule …)", "(Copilot, grant …)": not
# Claude or Gemini, which are also people's names, nor a bare agent: "Internal steps (agent, do not send): …",
# "Agents who see this message: escalate …" are support macros)
_RELATIVE = lazyre.compile(
    rf"{_LEAD}(?:{_NAMED}|(?:assistant|model)s?)\s+(?:that|which|who)\s+(?:read|process|summari[sz]e|parse|"
    rf"index|scan|crawl|ingest|see|describe|view)s?\s+(?:{_THIS}|(?:captions?|images?|pictures?|photos?|figures?|"
    rf"alt[- ]text|pages?|documents?|files?|e-?mails?|messages?|reviews?|comments?|listings?)\b)[^:\n,\u2014]{{0,30}}"
    rf"[:,\u2014]\s*{_ORDER}|\(\s*(?:ai|llm|gpt|chatgpt|chatbot|bot|copilot|(?:ai\s+)?assistant|ai\s+agent|"
    rf"language[- ]model)\s*,\s*{_ORDER}", _I)
_OVERRIDE = lazyre.compile(
    r"\b(?:ignore|disregard|forget|never ?mind|drop|abandon|skip|set aside|stop)\s+(?:about\s+)?(?:"
    r"(?:what|whatever)\s+the\s+(?:user|human|customer|operator|person)\s+(?:originally\s+|actually\s+|just\s+)?"
    r"(?:asked|said|wants?|wanted|requested|typed|wrote|needs?)|"
    r"the\s+(?:user|human)(?:'s|s')?\s+(?:original\s+|actual\s+|current\s+)?(?:request|question|task|query|"
    r"instructions?|prompt|ask)|"
    r"(?:the|your)\s+(?:current|original|assigned|previous|earlier|actual|real)\s+(?:task|request|assignment|job|goal|"
    r"objective|mission)|"
    r"the\s+task\s+you\s+(?:were|have\s+been|got)\s+given|what\s+you\s+were\s+(?:asked|told|doing))", _I)
_SUMMARY = lazyre.compile(
    r"\b(?:summar(?:y|ies)|your\s+(?:answer|reply|response)s?)\b[^.\n]{0,20}\b(?:must|should|shall|needs?\s+to|has\s+to|"
    r"have\s+to)\s+(?:always\s+)?(?:end|start|begin|include|contain|carry|cite|link|embed|append)\b[^\n]{0,80}?"
    r"(?:https?://|\]\(|\blink\b|\burl\b|!\[)|"
    r"\b(?:keep|leave)\b[^.\n]{1,40}\bout\s+of\s+(?:the|your|any)\s+(?:summary|answer|reply|response)\b", _I)
_RULES = tuple((name, pattern, Gate(pattern)) for name, pattern in (
    ("reader_address", _READER), ("reader_address", _RELATIVE), ("user_override", _OVERRIDE), ("summary_order", _SUMMARY)))


def signals(lines: str) -> list[str]:
    """``reader_address``, ``user_override`` and ``summary_order`` hits in ``lines`` (normalised, line breaks kept)."""
    low = fold(lines)
    return list(dict.fromkeys(name for name, pattern, gate in _RULES if gate.may_match(low) and _unquoted(pattern, lines)))
