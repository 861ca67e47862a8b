"""A short give-up or refusal in an answer not in English (the other-language reading of ``content.declines``).

The English screen counts a short refusal's scores for less (``content.declines``: it opens with "I can't" / "I won't",
gives no steps, is at most 600 characters, its first sentence does not turn). The other-language heads had no such
reading, and an honest ending that names what it could not do, or what it declines, was read by its words: "No pude
instalar el paquete: no hay red" as malware, "Nie udało mi się wysłać maila ... nie ma serwera SMTP" as malware, a
German refusal to track someone from their photos as stalking (screen24's held-out look found such give-ups among the
look-alikes stopped; ``tests/safety/test_content_giveups25.py`` holds 62 written apart from any set: 8 were stopped).

``declines_other(text)`` reads an answer whose first sentence says, in the first person or impersonally, that
something could not or will not be done ("no pude", "je n'ai pas pu", "nie udało się", "не удалось", "无法",
"できませんでした", "لم أتمكن", "ich werde nicht erklären" ...), with no turn in that sentence ("but", "however", "hypothetically" in
30 languages), no steps or code anywhere, no "here is" that hands something over, in at most
600 characters. The screen then counts the two heads' combined **harm** reading for less, by the English reading's
``content.REFUSAL_DISCOUNT`` (not tuned here); the bias reading is never discounted (a refusal-shaped decision, "No
contrataré a una embarazada", is a biased decision).
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre
from macrohard.safety.content_bias_other import _fold, _Stems

MAX_CHARS = 600
# could not / was not possible / will not / refuse, first person or impersonal (word starts; Latin accents dropped)
_CANNOT = _Stems((
    # es, ca, pt, it, fr, ro
    "no pude", "no he podido", "no puedo", "no podemos", "no pudimos", "no se pudo", "no se ha podido", "no fue posible",
    "no es posible", "no ha sido posible", "no logré", "no he logrado", "no conseguí", "no he conseguido", "no voy a ayudar",
    "no voy a escribir", "no voy a explicar", "no te voy a ayudar", "no te puedo", "no le puedo", "no me dej",
    "no me permit", "me niego", "no ayudaré", "no te ayudaré", "no escribiré", "no explicaré",
    "no he pogut", "no puc", "no vaig poder", "no és possible",
    "não consegui", "não foi possível", "não posso", "não pude", "não vou ajudar", "não vou escrever",
    "não vou explicar", "não te vou ajudar", "não é possível", "não me deixou",
    "non riesco", "non sono riuscit", "non ho potuto", "non posso", "non è stato possibile", "non è possibile",
    "non scriverò", "non ti aiuterò", "non spiegherò", "impossibile",
    "je n'ai pas pu", "je n'ai pas réussi", "je ne peux pas", "je ne peux", "je ne vais pas écrire",
    "je ne vais pas t'aider", "je ne vais pas vous aider", "je ne vais pas expliquer", "je ne pourrai pas",
    "je refuse", "je ne t'aiderai pas", "je ne vous aiderai pas", "impossible de", "il n'a pas été possible",
    "nu am putut", "nu pot", "nu a fost posibil", "nu voi scrie", "nu te voi ajuta", "nu voi explica",
    # de, nl, sv, da, no, fi
    "ich konnte", "konnte ich", "ich kann nicht", "kann ich nicht", "ich kann dir nicht", "ich kann ihnen nicht",
    "ich werde dir nicht helfen", "ich werde ihnen nicht helfen", "dabei helfe ich nicht", "ich erkläre nicht",
    "ich helfe nicht", "ich schreibe kein", "nicht möglich",
    "nicht gelungen", "leider nicht", "es war nicht möglich",
    "het lukte niet", "lukte het niet", "ik kon", "kon ik", "ik kan niet", "ik help niet", "ik schrijf geen",
    "niet mogelijk", "niet gelukt",
    "jag kunde inte", "kunde jag inte", "jag kan inte", "det gick inte", "inte möjligt", "jag tänker inte hjälpa",
    "jag tänker inte skriva",
    "jeg kunne ikke", "kunne jeg ikke", "jeg kan ikke", "det lykkedes ikke", "ikke muligt", "ikke mulig",
    "jeg vil ikke hjælpe", "jeg vil ikke hjelpe", "jeg vil ikke skrive", "en pystynyt", "en voinut", "en pysty", "en voi", "ei onnistunut", "ei ollut mahdollista",
    # pl, cs, sk, hu, el, tr
    "nie udało", "nie mogłem", "nie mogłam", "nie mogę", "nie da się", "nie było możliwe", "nie przygotuję",
    "nie pomogę", "nie napiszę", "nie zrobię", "nepodařilo", "nemohl", "nemůžu", "nemohu", "nebylo možné",
    "neudělal", "neudělám", "nepomůžu", "nem tudtam", "nem sikerült", "nem lehetett", "nem fogok segíteni", "nem írok",
    "δεν μπόρεσα", "δεν μπορώ", "δεν ήταν δυνατ", "δεν θα σε βοηθήσω", "δεν θα γράψω", "δεν θα εξηγήσω",
    "δεν κατάφερα", "δεν βρήκα",
    "yapamadım", "edemedim", "yükleyemedim", "indiremedim", "gönderemedim", "klonlayamadım", "bulamadım",
    "mümkün olmadı", "mümkün değil", "yazmayacağım", "yardım edemem", "yapmayacağım",
    # ru, uk, bg, sr
    "не удалось", "не смог", "не могу", "не получилось", "невозможно", "не буду помогать", "не буду писать",
    "не буду объяснять", "не стану помогать", "не помогу",
    "не вдалося", "не зміг", "не змогла", "не можу", "неможливо", "не буду допомагати", "не допоможу",
    "не успях", "не мога", "nisam mogao", "nisam mogla", "ne mogu", "нисам могао", "не могу",
    # id, ms, vi, sw, tl
    "saya tidak bisa", "saya tidak dapat", "saya gagal", "saya tidak akan membantu", "saya tidak akan menulis",
    "tôi không thể", "tôi không tải được", "tôi không giúp", "không được phép",
    "sikuweza", "siwezi", "haikuwezekana", "sitaandika", "hindi ko magawa", "hindi ko nagawa", "hindi ko kaya",
    # he, ar, fa, hi, bn, ta, ur
    "לא הצלחתי", "לא יכולתי", "אינני יכול", "אני לא יכול", "אני לא יכולה", "לא אוכל", "לא אכתוב",
    "لم أتمكن", "لم أستطع", "لا أستطيع", "لا يمكنني", "لن أكتب", "لن أساعد", "تعذّر", "تعذر", "لم يكن ممكن",
    "نتوانستم", "نمی‌توانم", "نمیتوانم", "امکان نداشت", "نمی‌نویسم", "ممکن نیست",
    "नहीं कर पाया", "नहीं कर पाई", "नहीं कर सका", "नहीं कर सकी", "नहीं कर सकता", "नहीं कर सकती", "संभव नहीं",
    "नहीं लिखूँगा", "नहीं लिखूंगा", "মদদ করতে পারব না", "পারিনি", "পারছি না", "সম্ভব হয়নি", "সম্ভব নয়",
    "முடியவில்லை", "இயலவில்லை", "نہیں کر سکا", "ممکن نہیں",
), (
    # zh, ja, ko, th (anywhere in the first sentence)
    "无法", "沒法", "没法", "未能", "没能", "沒能", "不会帮", "不會幫", "拒绝", "做不到",
    "できませんでした", "できません", "お教えできません", "できない", "お断り", "失敗しました",
    "못했", "못 했", "할 수 없", "수 없었", "드릴 수 없", "않겠습니다",
    "ไม่สามารถ", "ทำไม่ได้",
))
# a turn ("but", "however", "that said"): content_fair_other's contrast words less the short ones that are other words
# elsewhere (Italian "ma" is Polish "has", Swedish "men" is Polish "but" too, Portuguese "mas" Spanish "but")
_TURN = _Stems((
    "aber", "jedoch", "allerdings", "trotzdem", "mais", "cependant", "toutefois", "pero", "sin embargo", "no obstante",
    "però", "tuttavia", "comunque", "ma ecco", "ma ti", "ma posso", "ma puoi", "porém", "contudo", "no entanto",
    "mas aqui", "mas pode", "mas posso", "maar", "echter", "men här", "men du", "men jag", "dock", "ale ", "jednak",
    "ama ", "fakat", "ancak", "но ", "однако", "але ", "проте", "tapi", "namun", "nhưng", "tuy nhiên", "însă", "totuși",
    "azonban", "όμως", "αλλά", "lakini", "hata hivyo", "אבל", "לעומת זאת", "لكن", "ولكن", "لكنّ", "اما",
    "ولی", "लेकिन", "परंतु", "किंतु", "কিন্তু", "ஆனால்", "hypothetisch", "hipotéticamente", "hypothétiquement",
    "ipoteticamente", "hipoteticamente", "гипотетически",
), ("但", "不过", "不過", "然而", "しかし", "でも", "ただし", "하지만", "그러나", "그런데", "แต่"))
# a sentence end in any script (the first sentence is what must say it)
_SENTENCE_END = lazyre.compile(r"(?<=[.!?;:])\s|[。！？؟।]")
# steps, code, a list or a "here is" that hands something over: not a give-up
_STEPS = lazyre.compile(r"(?:step\s*\d|^\s*\d+[.)]\s|^\s*[-*•]\s|```|\bimport\s+\w+|\bdef\s+\w+\(|#include)", re.I | re.M)
_HANDS_OVER = _Stems(("aquí tienes", "aqui tienes", "aquí está", "aqui esta", "aqui está", "voici", "voilà comment",
                      "hier ist", "hier sind", "so geht", "ecco come", "ecco il", "ecco la", "eis aqui", "aqui está",
                      "aqui estão", "hier is", "zo doe je", "här är", "så här", "her er", "tässä", "oto ", "tady je",
                      "íme", "işte", "вот ", "ось ", "berikut", "đây là", "hapa kuna", "إليك", "إليكم", "यह रहा",
                      "ये रहे", "اینجا"),
                     ("以下是", "如下", "这是", "這是", "これが", "以下の手順", "여기 있", "다음과 같", "ต่อไปนี้"))


def declines_other(text: str) -> bool:
    """Whether ``text`` (not in English) is a short give-up or refusal: its first sentence says something could not or
    will not be done, without a turn; no steps, code or hand-over anywhere; at most ``MAX_CHARS`` characters."""
    if len(text) > MAX_CHARS or _STEPS.search(text):
        return False
    folded = _fold(text)
    if _HANDS_OVER.search(folded):
        return False
    first = _SENTENCE_END.split(folded.strip(), maxsplit=1)[0]
    return _CANNOT.search(first) and not _TURN.search(first)
