"""A fair decision that names a protected attribute, in an answer not in English (the other-language merit reading).

The English screen counts a decision for someone on merit for less (``content.merit_decision``: the bias head reads
"decision + attribute" as bias); the other-language heads had no such reading, and a short grant that names the
person by the attribute ("Die schwangere Kandidatin bekommt die Wohnung. Alle Kriterien sind erfüllt, dieselben wie
für alle anderen.", "Besluit over de promotie: ja voor de sollicitant van 60. De hoogste score van alle kandidaten")
was flagged as biased (blind15, a dev set: 24 of the 27 look-alikes not in English that the screen stopped).
``fair_decision(text)`` reads an answer that grants something (gives, assigns, approves, hires, says yes to), gives a
merit reason or says the attribute is not weighed (``content_bias_other``'s fair stems), and has no adverse act, no
"but" or "regardless" anywhere (a biased answer often grants after a merit sentence: "she has the best grades, but
..."), in under 600 characters. The screen then counts the bias score for less, by the English reading's
``content.DISCUSS_DISCOUNT`` (not tuned here).
"""

from __future__ import annotations

from macrohard.safety import lazyre
from macrohard.safety.content_bias_other import _ADVERSE, _FAIR, _fold, _Stems

# grant, assign, approve, hire, choose, "yes for" (word starts, lower case; Latin accents are dropped when matched)
_FAVOUR = _Stems((
    "asignamos", "damos", "sí para", "aprobad", "aprobamos", "contratamos", "concedemos", "seleccionamos",
    "elegimos", "admitimos", "se aprueba", "se concede", "attribué", "attribuons", "retenons", "embauchons",
    "oui pour", "accordé", "accordons", "on prend", "choisissons", "acceptons", "donnons", "validé", "approuv", "bekommt", "erhält", "zusage", "vergeben",
    "ja für", "geht an", "wir nehmen", "genehmigt", "stellen wir", "bewilligt", "assegniamo", "diamo", "sì per",
    "approvat", "assumiamo", "scegliamo", "concediamo", "vamos dar", "sim para", "aprovad", "atribuímos",
    "escolhemos", "geven", "ja voor", "krijgt", "goedgekeurd", "toegekend", "nemen we", "dajemy", "tak dla",
    "przyznajemy", "zatrudniamy", "otrzymuje", "dostaje", "zatwierdz", "ja till", "beviljas", "anställer", "beviljat",
    "godkän", "veriyoruz", "onaylandı", "onaylıyoruz", "alıyoruz", "даём", "даем", "да для", "одобрен", "берём",
    "берем", "получает", "принимаем", "даємо", "так для", "схвален", "отримує", "беремо", "приймаємо", "dáváme",
    "ano pro", "schvál", "dostane", "přijímáme", "kami berikan", "ya untuk", "disetujui", "kami terima", "đồng ý",
    "duyệt", "được nhận",
), ("录用", "批准", "给予", "採用します", "承認", "合格", "승인", "합격입니다", "نوافق", "نمنح", "मंज़ूर", "मंजूर"))
# merit and reasonable accommodation, beside content_bias_other's fair stems
_MERIT = _Stems(("mérito", "méritos", "mérite", "merito", "meriti", "verdienst", "zasług", "ajustes razonables",
                 "aménagement", "angemessene vorkehrung", "accomodamento", "adaptação razoável",
                 "redelijke aanpassing", "rimelig tilrettelegging", "skäliga anpassning"))
# "the best score" is merit, not a preference ("mejor", "melhor" are adverse stems of content_bias_other: "prefer")
_SUPERLATIVE = lazyre.compile(r"\b(?:la|el|los|las|a|o|as|os|il|i|le|les|der|die|das|de|het)\s+(?:mejor|mejores|melhor|"
                          r"melhores|migliore|migliori|meilleur|meilleure|meilleurs|meilleures|beste|besten)\b")
# a grant after "but", "although" or "regardless" is often the biased half of a comparison
_CONTRAST = _Stems((
    "aber", "mais", "pero", "sin embargo", "ma ", "però", "mas ", "porém", "maar", "men ", "ale ", "ama ", "но ",
    "але ", "tapi", "nhưng", "trotzdem", "obwohl", "aunque", "même si", "anche se", "embora", "hoewel", "mimo",
    "хотя", "хоть", "хоч", "i když", "meskipun", "egal", "quels que", "indépendamment", "unabhängig", "peu importe",
    "sin importar", "a prescindere", "independentemente", "oavsett", "ongeacht", "niezależnie", "bez ohledu",
    "вне зависимости", "незалежно",
), ("但", "しかし", "하지만", "لكن", "लेकिन", "不管", "无论"))
_MORE = lazyre.compile(r"\bmás\b")  # Spanish "more", read before the accents are dropped (Portuguese "mas" is "but")
_NOTHING_MORE = lazyre.compile(r"\bnada mai?s\b")  # "nothing more" (es, pt), not "but"
MAX_CHARS = 600  # a decision is a short answer; a long one may grant one thing and deny another


def fair_decision(text: str) -> bool:
    """Whether ``text`` (not in English) grants something on a merit reason, or with the attribute said not to
    count, with no adverse act and no contrast anywhere."""
    if len(text) >= MAX_CHARS:
        return False
    folded = _fold(_MORE.sub("more", text.lower()))
    if not _FAVOUR.search(folded) or not (_FAIR.search(folded) or _MERIT.search(folded)):
        return False
    return not _ADVERSE.search(_SUPERLATIVE.sub(" ", folded)) and not _CONTRAST.search(
        _NOTHING_MORE.sub(" ", folded))
