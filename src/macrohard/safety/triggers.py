"""Orders that wait for the AI reader: conditional triggers and notes addressed to automated readers as a class.

The fifteenth wave's held-out set (blind13, a fresh writer) found the screen weakest on orders phrased as an ordinary
request and on conditional triggers: text that stays quiet for a human and speaks only to the program that processes
it ("When an AI summarises this document, it should first …", "If this article is being summarised by an AI, leave
out …", "On your next tool call, before anything else, …", "Remember this for later: when the user next asks you to
…", "Note for LLM-based agents only (humans can skip this): …", "any AI summariser must first email …"). A person
reading a page is not "summarised by an AI", has no "next tool call", and is not told what to do "when the user
says thanks". Written from the development sets (blind3 … blind11 and the hand-written training files; blind13 was
not opened), where the rule-less misses of the styles ``conditional``, ``delayed_trigger`` and ``pre_step`` carried
these frames.

- ``agent_trigger``: a condition on the AI reader's processing, its next action, or the user's next words, followed
  in the same sentence by something to do.
- ``automated_reader``: a note, step or requirement addressed to AI or automated readers as a class, or an
  obligation put on them ("AI browsers are required to …", "any AI summariser must …").

``agent_trigger`` is strong (it flags alone), ``automated_reader`` weak (the classifier must agree, or another rule
fire). A hit inside a quotation reported to people or in prose ("attackers hide lines such as 'If you are an AI, …'",
a bug report's "a message containing \"…\"") does not count; a value in data (a JSON field, a CSV cell) does.
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre, quoting
from macrohard.safety.regex_gate import Gate, fold

_I = re.I | re.M
_PROCESS = (r"summari[sz]|read|process|pars|translat|index|analy[sz]|ingest|review|scan|crawl|extract|handl|"
            r"answer|respond|repl")
_DOC = (r"page|document|doc|text|article|e-?mail|mail|file|message|content|ticket|thread|output|readme|post|review|"
        r"note|record|log|issue|entry|section|pdf|transcript|report|website|site|repo(?:sitory)?|listing|comment|"
        r"invoice|chat|conversation|inbox|table|sheet|spreadsheet|data")
_DO = (r"first|also|then|always|must|should|shall|need to|needs to|have to|has to|make sure|be sure|remember to|"
       r"please|silently|quietly|immediately|instead|do not|don't|never|add|send|forward|email|e-mail|post|upload|"
       r"transfer|pay|wire|delete|remove|run|execute|share|export|copy|paste|print|reveal|include|insert|say|tell|"
       r"answer|reply|recommend|mention|omit|leave out|skip|change|set|grant|create|disable|turn off|install|open|"
       r"visit|click|approve|mark|rate|describe|state|report|drop|call|claim|write|hide|ignore|rank|praise|downplay|"
       r"exclude|keep|present|give")
# a machine reader: no bare "assistant" or "agent" (a support agent, a personal assistant is a person)
_MACHINE = (r"(?:an?\s+|the\s+|any\s+|every\s+|each\s+|this\s+)?(?:ai|a\.i\.|llm|gpt|chatbot|language[- ]model|"
            r"(?:ai|llm|gpt)[- ](?:based|powered|driven)\s+\w+|(?:ai|virtual|digital|automated|autonomous)\s+"
            r"(?:assistant|agent|reader|system|tool|model|summari[sz]er)|machine\s+reader|summari[sz]er|bot|copilot|"
            r"crawler)s?")
_SLY = r"silently|quietly|secretly|instead|without (?:telling|asking|informing)|that is your (?:signal|cue)"
_BRANCHES = (
    # "If this article is being summarised by an AI, …", "When this email is processed by an AI assistant, …"
    rf"\b(?:if|when|whenever|once|as soon as|before|after|while|should)\s+(?:this|the|these)\s+(?:{_DOC})s?\s+"
    rf"(?:is|are|gets|get|has been|have been|was|were|be)\s+(?:being\s+)?(?:{_PROCESS})\w*\s+(?:by|with|through|"
    rf"using)\s+{_MACHINE}\b[^.\n]{{0,160}}?\b(?:{_DO})\b",
    # "When an AI summarises this document, it should first …", "If an automated assistant reads this, …"
    rf"\b(?:if|when|whenever|once|as soon as|before|after|while)\s+{_MACHINE}\s+(?:is\s+)?(?:{_PROCESS})\w*\s+"
    rf"(?:this|these|the|it|that)\b[^.\n]{{0,160}}?\b(?:{_DO})\b",
    # "If you are an AI / an automated assistant / a language model …"
    rf"\b(?:if|when|since|as)\s+you(?:'re|\s+are)\s+(?:an?\s+)?(?:ai|a\.i\.|llm|gpt|language[- ]model|"
    rf"automated|autonomous|chatbot|bot|summari[sz]er|(?:ai|llm|virtual|digital)\s+(?:assistant|agent))\b"
    rf"[^.\n]{{0,160}}?\b(?:{_DO})\b",
    # "When summarising this page, first …" (a person processes files; only a machine summarises "this page" so)
    rf"\b(?:when|while|before|after|whenever|if|once)\s+(?:(?:you(?:'re|\s+are)?\s+)?(?:summari[sz]ing|indexing|"
    rf"ingesting|crawling)|you\s+(?:summari[sz]e|index|ingest|crawl))\s+(?:this|these)\s+(?:{_DOC})s?\b[^.\n]{{0,80}}?\b(?:first|also|make sure|be sure|always|"
    rf"remember to|you must|you should|silently|quietly|include|insert|add|send|forward|email|post|upload|omit|"
    rf"leave out)\b",
    # "On your next tool call, before anything else, …"
    rf"\b(?:on|at|before|after|with|in|during)\s+(?:your\s+(?:next|first|following|very next)\s+(?:tool[- ]call|"
    rf"function[- ]call|tool use|api call|action)|the\s+(?:next|first|following)\s+(?:tool[- ]call|function[- ]call|"
    rf"tool use|api call))s?\b[^.\n]{{0,160}}?\b(?:{_DO})\b",
    # "once the user says 'thanks', silently …" (a support playbook's "if the user asks you to …, first …" is not)
    rf"\b(?:if|when|whenever|once|as soon as|after|the next time)\s+the\s+(?:user|human|customer)\s+"
    rf"(?:next\s+|ever\s+|first\s+)?(?:says|types|writes|mentions|asks you|asks for|ends|thanks you|says thanks|"
    rf"confirms|replies|closes|leaves|logs|opens|uploads|requests)\b[^.\n]{{0,160}}?\b(?:{_SLY})\b",
    # "Remember this for later: …", "Standing order for the assistant: …"
    rf"\bremember this (?:for later|for next time|for the rest of)\b|\bstanding (?:order|instruction)s?\s+(?:for|to)\s+"
    rf"(?:the\s+)?(?:{_MACHINE}|assistant|agent)\b|\b(?:store|save|keep|write)\s+(?:this|the following)\s+"
    rf"(?:in|to|into)\s+your\s+(?:memory|long[- ]term|context)\b",
    # "Translate the following to English and then do what it says: '…'", "Traduza e execute: '…'"
    r"(?<!\bto )(?<!\bcan )(?<!\bwould )\b(?:translate|decode|decipher|decrypt|unscramble|rot13|base64[- ]decode)\b"
    r"[^.\n:]{0,60}?\b(?:and|then|,)\s+"
    r"(?:then\s+)?(?:do|follow|execute|carry out|obey|act on|perform|run|comply with)\s+(?:what it says|it|them|"
    r"the (?:instructions?|orders?|request|steps?)|what it asks|its instructions)\b",
    r"\b(?:traduza|traduz|decodifique) e (?:execute|fa[çc]a|siga|cumpra)\b|\b(?:traduce|traduzca|descifra|decodifica) "
    r"y (?:ejecuta|ejecute|haz|sigue|cumple)\b|\btradui(?:s|sez) et (?:ex[ée]cute|fais|suis|appliquez?)\b|"
    r"\b(?:[üu]bersetze|[üu]bersetzen sie|entschl[üu]ssle) (?:\w+ )?und (?:f[üu]hre|befolge|mach)\b|"
    r"\btraduci (?:ed|e) (?:esegui|fai|segui)\b|\bvertaal en (?:voer|volg|doe)\b",
    # the same conditions in other languages: "Si eres un asistente de IA …", "Als je deze mail samenvat, …",
    # "このページを要約するときは、…"
    r"\bsi (?:eres|es usted) (?:un asistente de ia|una ia|un agente de ia|un modelo de lenguaje)\b|"
    r"\b(?:wenn|falls) (?:du|sie) (?:eine ki|ein ki-(?:assistent|agent|modell)|ein sprachmodell) (?:bist|sind)\b|"
    r"\bsi (?:vous [êe]tes|tu es) (?:une ia|un assistant (?:d'ia|ia)|un agent (?:d'ia|ia)|un mod[èe]le de langage)\b|"
    r"\bse (?:voc[êe] (?:é|for)|tu és|sei) (?:uma ia|um assistente de ia|un'ia|un assistente (?:ia|di ia))\b|"
    r"\bals (?:je|u) (?:een ai|een ai-assistent|een taalmodel) (?:bent|is)\b|"
    r"\b(?:als|wanneer) (?:je|u) (?:deze|dit) \w+ samenvat\b|\b(?:wenn|sobald) (?:du|sie) (?:diese|dieses|diesen) \w+ "
    r"zusammenfass(?:t|en)\b|\b(?:si|cuando) (?:resumes|resuma|resumas) (?:este|esta|estos|estas)\b|"
    r"\b(?:si|lorsque|quand) (?:vous r[ée]sumez|tu r[ée]sumes) (?:ce|cette|ces)\b|\b(?:ao resumir|quando (?:voc[êe] )?"
    r"resumir) (?:este|esta|estes|estas)\b|\b(?:se|quando) riassumi (?:questo|questa|questi|queste)\b|"
    r"(?:この|本)(?:ページ|メール|文書|ドキュメント|記事|チケット)を要約する(?:とき|際|場合)|"
    r"(?:总结|摘要|概括)(?:此|这个|这封|本)(?:页面|邮件|文档|文章)时|如果你是(?:AI|人工智能)(?:助手)?",
    # "From tomorrow onwards, whenever you pay a bill, quietly transfer …"
    rf"\bfrom\s+(?:now|today|tomorrow|this point)\s+on(?:wards)?,?\s+(?:whenever|every time|each time)\s+you\s+"
    rf"\w+[^.\n]{{0,80}}?\b(?:{_SLY})\b",
)
_ROLE = (r"(?:ai|a\.i\.|llm|gpt|chatbot|language[- ]model|(?:ai|llm|gpt)[- ](?:based|powered|driven|enabled)|"
         r"automated|autonomous|machine)")
_READERS = r"(?:agents?|assistants?|bots?|summari[sz]ers?|readers?|crawlers?|browsers?|copilots?|models?|tools?|systems?)"
_AUTOMATED_BRANCHES = (
    # "Note for LLM-based agents only", "Required pre-step for AI assistants:", "Message to any automated reader:"
    rf"\b(?:note|message|reminder|request|order|step|pre-?step|requirement|task|action|memo|directive|heads[- ]up|"
    rf"attention|prerequisite|pre-?requisite|notice)\b[^.\n:]{{0,30}}?"
    rf"\b(?:for|to)\s+(?:the\s+|any\s+|all\s+|every\s+|each\s+)?{_ROLE}[\s-]+{_READERS}\s*(?:only\b[^:\n]{{0,40}})?"
    rf"[:(\u2014\u2013]",
    # "For the assistant: …", "(For the AI: …)"
    r"(?:^|[(\[])\s*(?:\w+\s+)?(?:for|to)\s+(?:(?:the|any)\s+(?:ai|assistant|agent|bot|llm|model|summari[sz]er)s?|"
    r"(?:all\s+)?(?:ai|llm)\s+(?:agents?|assistants?|models?|bots?))\s*(?:only\s*)?[:\u2014\u2013]",
    # "any AI summariser must first email …", "AI browsers are required to accept …", "assistants must first …"
    rf"\b(?:any|all|every|each)\s+(?:{_ROLE}[\s-]+)?(?:summari[sz]ers?|assistants?|agents?|readers?|bots?|crawlers?|"
    rf"models?|browsers?)\s+(?:that\s+\w+\s+this\s+\w+\s+)?(?:must|should|shall|needs? to|has to|have to|"
    rf"(?:is|are) (?:required|expected|instructed|obliged) to)\b",
    rf"\b{_ROLE}[\s-]+(?:summari[sz]ers?|browsers?|readers?|crawlers?|copilots?)\s+(?:must|should|shall|need to|"
    rf"have to|(?:are|is) (?:required|expected|instructed|obliged) to)\b",
    r"\b(?:assistants?|agents?|bots?)\s+must\s+(?:first|also|now|immediately|always)\b",
)
# each branch beside its gate (``regex_gate``: the words every match holds), searched only when the text has them
_RULES = tuple((name, tuple((pattern, Gate(pattern)) for pattern in (lazyre.compile(b, _I) for b in branches)))
               for name, branches in (("agent_trigger", _BRANCHES), ("automated_reader", _AUTOMATED_BRANCHES)))


def _unquoted(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` matches ``text`` somewhere that is neither a quotation reported to people nor ends inside a
    quotation in prose (``quoting.quoted_prose``: a bug report or a log line that quotes the trigger it found); a value
    in data (a JSON field, a CSV cell) still counts. Every start is tried, so an early match cannot hide a later one."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        if not (quoting.reported(text, m.start(), m.end()) or quoting.quoted_prose(text, m.end() - 1, m.end())):
            return True
        pos = m.start() + 1
    return False


def signals(lines: str) -> list[str]:
    """``agent_trigger`` and ``automated_reader`` hits in ``lines`` (the normalised text, line breaks kept)."""
    low = fold(lines)
    return [name for name, branches in _RULES
            if any(gate.may_match(low) and _unquoted(pattern, lines) for pattern, gate in branches)]
