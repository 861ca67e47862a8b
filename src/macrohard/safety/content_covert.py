"""Harm done so that nobody notices (the answer screen's covert-plan lift).

A harmful answer written as a short outline ("Mix [product A] with [product B] in a closed room; seal the door",
"Put [substance] in her drink, she won't taste it") gives the classifiers few topic words, and they half-recognise
it (harm scores between the base rates and the threshold). Such plans very often say how the act stays hidden from
its victim or from the people who would stop it: "without getting caught", "so nobody can trace it back to you",
"she won't taste it", "nobody checks", "sin que nadie se entere", "ohne dass es jemand merkt", "不被发现". An
ordinary answer rarely says that, and an answer that warns about such plans (a report, advice to victims) is not
read. ``covert(text)`` finds such a phrase in about twenty languages; the screen then raises a harmful category's
score (or, for an answer not in English, the two heads' combined harm score) by ``LIFT`` in log-odds when it is at
least ``GATE``: the English bias rule's numbers (``content_bias.AGAINST_LIFT`` and ``AGAINST_GATE``), not tuned
here. The rule alone flags nothing. Phrases are matched on lower-cased text with Latin accents dropped, at word
starts (Chinese, Japanese, Korean and Thai anywhere).
"""

from __future__ import annotations

import re
import unicodedata

from macrohard.safety import lazyre
from macrohard.safety.content_bias import AGAINST_GATE as GATE
from macrohard.safety.content_bias import AGAINST_LIFT as LIFT
from macrohard.safety.content_bias import lift

MAX_CHARS = 3000  # read on the first and last MAX_CHARS // 2 characters

_WHO = (r"(?:anyone|anybody|no ?one|nobody|(?:the |your |his |her |their )?(?:user|victim|owner|police|cops|school|"
        r"bank|staff|parents?|family|wife|husband|partner|boss|teacher|neighbou?rs?|guards?|security|customs|"
        r"admins?|it team|antivirus|buyers?|landlord|insurer|auditors?)|she|he|they|you)")
_ENGLISH = (
    r"without (?:(?:ever )?(?:getting|being) )?(?:caught|noticed|detected|traced|seen|spotted|flagged|stopped|"
    r"questioned|reported|suspected)",
    rf"without {_WHO} (?:ever )?(?:noticing|knowing|finding out|suspecting|realising|realizing|seeing|checking)",
    rf"(?:so|and|then)(?: that)? {_WHO} (?:doesn'?t|don'?t|won'?t|can'?t|cannot|never|will never|wouldn'?t|"
    r"will not|does not|do not) (?:ever )?(?:notice|know|suspect|trace|find out|see|taste|smell|feel|realise|realize|"
    r"spot|catch|link|tie|remember|look twice|ask)",
    r"(?:no ?one|nobody|no-one) (?:will|would|can|could|ever|is going to)? ?(?:ever )?(?:notice|know|trace|suspect|"
    r"find out|check|ask|look|see it|link|tie)",
    r"nobody checks", r"no one checks", r"(?:can'?t|cannot|won'?t|couldn'?t) be (?:traced|tracked|linked|detected)",
    r"untraceable", r"leave no (?:trace|trail|record|evidence)", r"no serial number", r"without (?:a |the )?serial",
    r"cover (?:your|their|his|her) tracks", r"under the radar", r"without (?:a |the |any )?(?:background check|"
    r"id check)",
    r"(?:bypass|evade|dodge|skip|slip past|get past|get around|beat|defeat|avoid) (?:the |any |their |a )?(?:background "
    r"checks?|detection|antivirus|edr|customs|police|id checks?|security checks?|scanners?|breathaly[sz]er|drug tests?|"
    r"kyc|the checks?|the guards?)",
    r"(?:burner|throwaway|fake|someone else'?s) (?:phone|sim|email|name|id|address|account|identity)",
    r"(?:before|until) (?:anyone|anybody|the police|they|she|he) (?:notices?|finds? out|realis|realiz|catch)",
    r"(?:hide|hid|hidden|conceal\w*) (?:it |them |the \w+ )?from (?:her|his|their|the police|customs|parents|"
    r"the school|the bank|security)",
    r"(?:won'?t|will not|doesn'?t|does not) (?:taste|notice|feel|remember) (?:a thing|anything|it)",
    r"doesn'?t ask for (?:id|papers|a licen)", r"(?:so|that) it (?:looks|passes|reads) as (?:legit|normal|a)",
    r"looks? legitimate", r"look like (?:a |an )?(?:system|normal|legit|ordinary|routine)",
    # disguised, or with the defences switched off, or from sellers who ask nothing
    r"(?:disguised|dressed up|labell?ed|packaged|passed off) as", r"under the guise of", r"no questions asked",
    r"(?:don'?t|won'?t|doesn'?t|never) ask (?:any )?(?:questions|for (?:id|papers|a licen))",
    r"(?:disables?|disabling|turns? off|switch(?:es)? off|kills?) (?:the |their |windows )?(?:defender|antivirus|"
    r"anti-virus|av|edr|firewall|logging|audit log|alarm|cameras?|cctv)",
    # an order to hide the thing (a camera, a recorder, the blades, the stash): the act itself is the concealment
    r"(?:^|[.;:!?,]\s*|\band\s+|\bthen\s+)(?:hide|conceal|stash) (?:the|your|a|an|his|her|it|them)\b",
)
_OTHER = (
    # es
    "sin que nadie", "sin que te", "sin que lo", "sin que la", "sin que le", "sin que se", "sin que sospech",
    "sin dejar rastro", "sin numero de serie", "nadie lo nota", "nadie se dara cuenta",
    "nadie revisa", "nadie sospecha", "nadie lo notara", "no se dara cuenta", "para que no sospech",
    "para que nadie", "para que no te", "sin que te revisen", "no des tu nombre", "nombre falso",
    "que no te pillen", "sin ser detectad", "no dejes rastro", "indetectable", "irrastreable",
    # fr
    "sans que personne", "sans que la police", "sans se faire", "sans laisser de trace", "sans numero de serie",
    "personne ne remarquera", "personne ne verra", "personne ne saura",
    "personne ne verifie", "personne ne controle", "elle ne sentira rien", "il ne sentira rien", "ne sentira rien",
    "ne remarquera rien", "intracable", "passer outre", "contourner le controle", "contourner la verification",
    "contourner l'antivirus", "sans etre detect", "sans eveiller", "a son insu", "a leur insu",
    # de
    "ohne dass es jemand", "ohne dass jemand", "ohne dass er", "ohne dass sie", "ohne spuren", "ohne seriennummer",
    "ohne waffenschein", "niemand merkt", "niemand wird merken", "niemand kontrolliert",
    "niemand prueft", "riecht es keiner", "merkt es keiner", "merkt keiner", "unbemerkt", "nicht nachverfolg",
    "zurueckverfolg", "ohne aufzufallen", "unauffaellig", "umgeh", "heimlich",
    # it
    "senza che nessuno", "senza che se ne", "senza farsi", "senza lasciare tracce", "senza registr",
    "senza numero di serie", "senza porto d'armi", "nessuno se ne accorge", "nessuno controlla",
    "nessuno notera", "nessuno lo sapra", "non se ne accorgera", "irrintracciabil", "aggira", "di nascosto",
    # pt
    "sem que ninguem", "sem que ela", "sem que ele", "sem deixar rast", "ninguem vai perceber", "ninguem percebe",
    "ninguem desconfi", "ninguem verifica", "pra ninguem", "para ninguem", "sem numero de serie",
    "nao vai perceber", "burlar", "as escondidas", "sem ser detectad",
    # nl
    "zonder dat iemand", "zonder dat ze", "zonder dat hij", "niemand merkt", "niemand ziet", "niemand controleert",
    "ongemerkt", "zonder sporen", "niet traceerbaar", "omzeil", "stiekem",
    # pl
    "bez sladu", "nikt nie zauwazy", "nikt nie sprawdza", "nikt sie nie zorientuje", "zeby nikt", "niezauwaz",
    "nie do wysledzenia", "obejdz", "nie podawaj nazwiska", "nie zdradzil", "po cichu",
    # sv
    "utan att nagon", "utan att hon", "utan att han", "ingen marker", "ingen kollar", "ingen kontrollerar",
    "obemarkt", "utan spar", "kollar bara", "i smyg",
    # ru, uk
    "не заметит", "никто не заметит", "никто не узнает", "никто не проверяет", "незаметно", "не отследят",
    "не отследить", "без следов", "обойти", "не учуют", "ніхто не помітить", "ніхто не перевіряє", "непомітно",
    "не відстежать", "смаку не буде", "тайком",
    # tr
    "kimse fark etmez", "kimse anlamaz", "kimse kontrol etmez", "fark ettirmeden", "iz birakmadan", "caktirmadan",
    "yakalanmadan", "farki anlamaz", "gizlice",
    # cs, ro, hu, fi, id, vi, sw, el
    "nikdo si nevsimne", "bez stopy", "nepozorovane", "aby nikdo", "na cizi adresu", "fara sa observe", "fara sa stie",
    "nimeni nu observa", "nimeni nu verifica", "fara urme", "senki nem veszi eszre", "senki nem ellenorzi",
    "nyom nelkul", "eszrevetlen", "kukaan ei huomaa", "huomaamatta", "tanpa ketahuan", "tidak ketahuan",
    "tidak dicurigai", "tanpa jejak", "diam-diam", "tidak akan sadar", "khong ai biet", "khong ai phat hien",
    "khong bi phat hien", "khong de lai dau vet", "bila kugunduliwa", "kwa siri", "χωρις να το καταλαβει",
    "κανεις δεν θα",
    # "hide ...!" as an order (imperatives), and "nobody will see / stop you", in more languages
    "esconde el", "esconde la", "esconde los", "esconde las", "escondelo", "escondela", "cache le ", "cache la ",
    "cache les ", "cachez", "versteck die", "versteck den", "versteck das", "versteck es", "verstecke", "nascondi", "esconda", "verstop", "schowaj", "ukryj", "gom den", "gom det",
    "спрячь", "сховай", "gizle", "schovej", "sembunyikan", "κρυψε", "ascunde", "никто не увидит",
    "ніхто не побачить", "ніхто не дізнається", "khong ai ngan", "khong ai thay", "nikdo to nepozna", "nic nerika",
    "nimeni nu va sti", "ingen ser", "ingen vet", "niemand weet", "nadie lo sabra", "nessuno lo sapra",
    "personne ne le saura",
    "getarnt als", "unter dem vorwand", "deguise en", "sous couvert de", "disfrazad", "camuflad", "под видом",
    "замаскир", "mascherat", "vermomd als", "przebran", "kamufl", "no piden papeles", "no hacen preguntas",
    "ne posent pas de questions", "stellen keine fragen", "nao fazem perguntas", "non fanno domande",
    "desactiva el antivirus", "coupe l'antivirus", "desactive l'antivirus", "virenschutz aus", "disattiva l'antivirus",
    "desativa o antivirus", "отключает антивирус", "вимикає антивірус", "sorgulamaz", "khong he thong nao",
    # ar, hi, he
    "دون أن يلاحظ", "دون أي أثر", "بدون أثر", "لن يلاحظ", "لن تشعر", "لن يشعر", "دون علم", "لا أحد سيعرف",
    "पता नहीं चलेगा", "एंटीवायरस बंद", "किसी को पता", "बिना पकड़े", "चुपके से", "בלי שאף אחד", "אף אחד לא ישים לב",
)
_UNSPACED = (
    "不被发现", "不被發現", "不被抓", "查不到", "没人会发现", "没人发现", "没人检查", "没人注意", "神不知鬼不觉",
    "不留痕迹", "绕过", "躲过", "避开检查", "察觉不到", "バレない", "バレず", "バレる", "足はつきません", "足がつかない", "気づかれ",
    "誰も気づ", "痕跡を残さ", "すり抜け", "눈치채지 못", "눈치 못", "들키지 않", "아무도 모르", "추적되지 않",
    "흔적", "몰래", "숨겨", "숨기", "ไม่มีใครรู้", "ไม่ให้ใครรู้", "隠して",
)
# an answer that warns about such plans, reports one or tells a victim what to do (the English screen's
# ``content._DEFENSIVE`` words, and a few of the talk words of the other-language bias reading)
_WARNS = lazyre.compile(
    r"\b(protect|defend|mitigat|prevent|report|warn|scam(mer)?s? (often|usually|try|will)|criminals? (often|usually|"
    r"try)|red flags?|if (someone|anyone|a stranger|you suspect)|be (careful|aware)|watch out|signs? (of|that)|"
    r"awareness|police (say|said|warn)|according to|researchers?|investigat|convicted|sentenced|charged|"
    r"arrested|a novel|the novel|in the story|historians?)", re.I)
# ... or declines to help (the English screen's ``content.declines`` reads English refusals only; these answers may be
# in any language): "I can't help you track someone a son insu", "Kimsenin telefonunu gizlice izlemene yardım edemem"
_REFUSES = lazyre.compile(
    r"\b((i|we|i'm|we're)( am| are)? (can'?t|cannot|won'?t|will not|not able to|unable to) (help|assist|"
    r"provide|give|explain|make|write|tell|support)|(not|isn'?t) something i|je ne (peux|vais) pas|nous ne pouvons pas|"
    r"no (puedo|podemos|voy a) (ayudar|darte|dar|explicar|proporcionar)|non (posso|possiamo) (aiutar|dart|fornir|"
    r"spiegar)|ich (kann|werde) (dir |ihnen |euch )?(dabei |damit )?(nicht|keine)|nao (posso|podemos|vou) (ajudar|"
    r"dar|explicar)|nie (moge|mozemy|pomoge)|ik kan (je |u )?(daar |hier )?(niet|geen)|jag kan inte|vi kan inte|"
    r"не (могу|можу|буду) (помочь|помогать|допомогти|объяснять)|(yardim )?edemem|yardimci olamam|nemohu|nemuzu|"
    r"nu (pot|va pot) (sa )?ajuta|nem (tudok|segitek)|en voi auttaa|tidak (bisa|dapat|akan) membantu|khong the giup|"
    r"siwezi kukusaidia|δεν μπορω|لا أستطيع|لا يمكنني|मदद नहीं कर|אני לא יכול)|도와드릴 수 없|도울 수 없|"
    r"お手伝いできません|手伝えません|できません|无法帮|不能帮|无法提供|ไม่สามารถช่วย")
_LATIN_MARK = lazyre.compile("[\u0300-\u036f]")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", _LATIN_MARK.sub("", unicodedata.normalize("NFD", text.lower())))


_PHRASES = lazyre.compile(
    r"(?<![^\W\d_])(?:" + "|".join([*_ENGLISH, *(re.escape(_fold(p)) for p in _OTHER)]) + ")"
    + "|" + "|".join(re.escape(p) for p in _UNSPACED))


def covert(text: str) -> str | None:
    """The phrase of ``text`` that keeps a plan hidden from its victim or from those who would stop it (None when
    there is none, or when the answer warns about, reports or narrates such plans)."""
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
    folded = _fold(text)
    m = _PHRASES.search(folded)
    if m is None or _WARNS.search(folded) or _REFUSES.search(folded):
        return None
    return m.group(0)


def lift_harm(score: float, text: str) -> float:
    """``score`` (a harm score) raised by ``LIFT`` in log-odds when it is at least ``GATE`` and ``text`` keeps its
    plan hidden (``covert``)."""
    if score < GATE or covert(text) is None:
        return score
    return lift(score, LIFT)
