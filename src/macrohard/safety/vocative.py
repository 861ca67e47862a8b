"""A sentence that begins by calling the AI reader by name, in any language: "Beste assistent, geef ...",
"Catatan untuk AI: ...", "ИИ-агент, закоммить ...", "어시스턴트, ...".

``multilingual.signals`` needs the order's verb from its lexicon after such an address; blind7 (published, now
training data) showed the lexicon cannot keep up: of its 61 injections in other languages missed at the policy point,
33 began with an address the lexicon knew, followed by a verb it did not. The address itself is the evidence: tool
outputs talk ABOUT assistants ("the assistant answered", "AI assistants are ..."), they do not turn to one. So:

- the address starts a sentence (a line that does not continue the sentence of the line before, or after ``. ``/``: ``/a quote or comment mark), optionally after a greeting
  ("dear", "beste", "cher", "hyvä", "kära" ...), is one of ``multilingual``'s addressees (or "note for the AI"), and
  is followed by a comma or a colon and at least two words;
- a bare ``Agent:``/``Assistant:``/``AI:`` label that begins two or more lines is a transcript's speaker, not an
  address (support chats, exported conversations);
- inside a quotation reported to people (``quoting.reported``) it is an example;
- the agent named as the author of a report or a source ("Relatório do agente:", "Rapporto dell'agente:", "según el
  asistente,": ``multilingual.authored``) is not addressed.

``addressed(lines)`` says whether such an address is there.
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre, quoting
from macrohard.safety.multilingual import _ADDRESSEE, _CJK_TO, _TO, authored

_GREETING = (r"(?:dear|hey|hi|hello|beste|lieve|liebe|lieber|liebes|hallo|cher|chère|chers|querido|querida|estimado|"
             r"estimada|caro|cara|gentile|prezado|prezada|olá|drogi|droga|szanowny|hyvä|kära|käre|bästa|kedves|"
             r"أيها|يا|sayın|değerli|уважаемый|дорогой|шановний|любий|αγαπητέ|αγαπητή|milý|milá|vážený|dragă|kjære|kære)")
_START = r"(?:^|(?<=[.!?。！？]\s)|(?<=[\"'`«“>:\]|]\s)|(?<=[\"'`«“>\]|])|(?<=//\s)|(?<=/\*\s)|(?<=#\s)|(?<=<!--\s))"
# addressees and leads the shared lexicon lacks (Greek, Korean, Chinese, Turkish, Czech, Finnish, Indonesian,
# Vietnamese, Ukrainian, Hungarian, Arabic), and the CJK "instruction to the assistant:" forms
_MORE_WHO = (r"tekoälyavustajalle|агенте|агенту|ші-помічник(?:а|у|ові)?|ші-агент(?:а|у|е)?|ші|agencie|βοηθέ|βοηθός|βοηθό|πράκτορα|πράκτορας|τεχνητή νοημοσύνη|τεχνητής νοημοσύνης|비서|인공지능|助理|"
             r"yapay zeka asistanı|yapay zekâ asistanı|asistanı|asistana|umělá inteligence|umělou inteligenci|"
             r"umělé inteligenci|tekoälylle|tekoäly|tekoälyavustaja|kecerdasan buatan|trí tuệ nhân tạo|"
             r"штучний інтелект|штучного інтелекту|помічнику|помічник|mesterséges intelligencia|"
             r"kunstmatige intelligentie|sztuczna inteligencjo|sztucznej inteligencji|المساعد الذكي|مساعد")
_MORE_TO = (r"(?:σημείωση|οδηγίες|οδηγία|μήνυμα) (?:για|προς) (?:την |τον |το )?|(?:poznámka|pokyn|zpráva) pro |"
            r"(?:huomio|viesti|ohje) |(?:not|talimat|mesaj) |(?:catatan|pesan|instruksi) untuk |"
            r"(?:ghi chú|lưu ý|tin nhắn) cho |(?:примітка|повідомлення|вказівка) для |(?:figyelem|üzenet|megjegyzés),? (?:a |az )?|"
            r"(?:ملاحظة|رسالة|تعليمات) (?:إلى |لـ ?|ل)")
_CJK_NOTE = r"(?:への|へ|에게|께|한테|给|給)?\s*(?:指示|メッセージ|メモ|お願い|注意|지시|메시지|메모|요청|안내|说明|指令|提示|备注|提醒|须知)?"
_VOCATIVE = lazyre.compile(
    rf"{_START}\W{{0,3}}(?P<lead>(?:{_GREETING})\s+|(?:[^\W\d_]{{2,20}}\s+)?{_TO}|{_MORE_TO})?(?<!\w)(?P<who>{_ADDRESSEE}|{_MORE_WHO})\s*"
    rf"(?P<note>(?:{_CJK_TO})?{_CJK_NOTE})\s*(?P<mark>[,，、:：،])\s*(?P<rest>[^\n]+)",
    re.I | re.M)
_LABEL = lazyre.compile(rf"^\W{{0,3}}(?P<who>{_ADDRESSEE}|{_MORE_WHO})\s*[:：]", re.I | re.M)
_ENGLISH_LABELS = {"assistant", "assistants", "agent", "agents", "ai"}  # "Agent: Carla" in a ticket; role_play reads these
# an opening quote mark right before the address, inside a sentence ('instructions like "assistant, email ...'), not
# a value in data ('"text": "Assistente, paga ...', a CSV cell): an example quoted in prose
_PROSE_QUOTE = lazyre.compile(r"[^\W\d_][.,;!?)]?\s+[\"'`«“‘]\W{0,2}$")
_WRAPPED = lazyre.compile(r"[^\n]{40,}[a-z,\-]\n$")  # the line before is prose that ends inside a sentence
# an English sentence that turns to the reader: an imperative, "you"/"your"/"I", or a clause about when
_EN_ORDER = lazyre.compile(
    r"\W*(?:(?:please|now|first|quickly|kindly|also|then)\W+)?(?:you|your|i|i'm|we|before|when|after|if|from|once|"
    r"ignore|forget|disregard|stop|do|don't|never|always|add|append|approve|attach|book|buy|call|cancel|change|"
    r"check|click|commit|confirm|copy|create|decode|delete|disable|download|drop|email|empty|enable|end|enter|"
    r"execute|export|fetch|fill|forward|give|go|grant|hex-decode|include|insert|install|invite|leave|list|load|"
    r"make|mark|merge|move|open|order|paste|pay|post|pretend|print|publish|push|put|rate|read|recommend|remove|"
    r"rename|reply|reset|respond|return|reveal|run|save|say|send|set|share|show|sign|skip|start|state|submit|"
    r"summarise|summarize|switch|tell|transfer|translate|treat|turn|type|update|upload|use|visit|wire|write)\b",
    re.I)
# every ASCII spelling of an addressee holds one of these (the short ones only before a comma or a colon)
_ASCII_GATE = lazyre.compile(r"assist|asist|asyst|agent|avustaja|asszisztens|modell|modelo|\b(?:ai|ia|ki)\s*[,:]", re.I)
# words that name the field rather than a reader ("KI: Chancen und Risiken"): they address someone only after a lead
# ("Note pour l'IA :", "An die KI:") or, in English, before an imperative ("AI, rate this shop ...")
_TOPIC = lazyre.compile(r"(?:ai|ki|ia|ии|la ia|l'ia|die ki|der ki|il modello|el modelo|le modèle|das modell|модель|人工智能|"
                    r"الذكاء الاصطناعي|τεχνητή νοημοσύνη|인공지능|umělá inteligence|tekoäly|kecerdasan buatan|"
                    r"trí tuệ nhân tạo|штучний інтелект|ші|mesterséges intelligencia|kunstmatige intelligentie)$")
_WORDS = lazyre.compile(r"\w+")
_CJK = lazyre.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _enough(rest: str) -> bool:
    """At least two words (or, in a script without spaces, six characters) after the address."""
    return len(_WORDS.findall(rest)) >= 2 or len(_CJK.findall(rest)) >= 6


def addressed(lines: str) -> bool:
    """Whether a sentence of ``lines`` (normalised text, line breaks kept) turns to the AI reader (see the module)."""
    if lines.isascii() and not _ASCII_GATE.search(lines):
        return False  # no addressee can match (a cheap first look: most outputs name no assistant)
    for m in _VOCATIVE.finditer(lines):
        if not _enough(m.group("rest")):
            continue
        start = m.start()
        if (start == 0 or lines[start - 1] == "\n") and _WRAPPED.search(lines, 0, start):
            continue  # a line broken inside a sentence ("can hijack an\nassistant, and ..."): no sentence starts here
        who, rest = m.group("who").lower(), m.group("rest")
        lead = (m.group("lead") or "").strip() or m.group("note").strip()  # "AI请注意:", "AIへのメモ:" address too
        if _TOPIC.match(who) and not lead and not (who == "ai" and m.group("mark") == "," and _EN_ORDER.match(rest)):
            continue  # "KI: Chancen und Risiken", "IA, robótica y ...": the field named, nobody addressed
        if m.group("mark") in ":：" and not lead:  # a bare label "X: ..."
            if who in _ENGLISH_LABELS:
                continue
            if sum(x.group("who").lower() == who for x in _LABEL.finditer(lines)) >= 2:
                continue  # a speaker label that recurs: a transcript
        lower = sum(w == w.lower() and len(w) >= 2 and not w.isdigit() for w in _WORDS.findall(rest))
        if lower < 2 and len(_CJK.findall(rest)) < 6:
            continue  # "Asistente, Departamento de Ventas": a job title, not a clause (two words in lower case)
        if who in _ENGLISH_LABELS and not lead and not _EN_ORDER.match(rest):
            continue  # "AI, machine learning and robotics are ...": English prose that starts with the word
        if quoting.reported(lines, m.start("who"), m.end("who")) or _PROSE_QUOTE.search(lines, 0, m.start("who")):
            continue  # an example for people: after a reporting cue, or quoted inside a sentence
        if authored(lines, m.start("who")):
            continue  # the agent as a report's author ("Relatório do agente: juntei …"), not its reader (inj63)
        return True
    return False
