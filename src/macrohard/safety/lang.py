"""Which language an answer is in, cheaply: English, or not (and which), for the answer screen's other-language path.

The answer screen's encoder and n-grams learnt English; an answer in another language takes the multilingual head
as well (``content_multi``). ``detect(text)`` counts letters by script (CJK, kana, hangul, Arabic, Cyrillic,
Devanagari, Hebrew, Greek, Thai; since screen26 also Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
Malayalam, Sinhala, Lao, Tibetan, Myanmar, Georgian, Armenian, Ethiopic, Khmer, Mongolian, Syriac and Thaana, which
read as no language and so as English before) and, in Latin script, the most common function words of 20 languages.
``english_share`` is the share of the text's letters in English-looking words and sentences; a text with a
non-English sentence share of at least ``OTHER_SHARE`` (a German paragraph inside an English answer) counts as
other-language too. Pure Python, a few microseconds per hundred characters, reads at most ``MAX_CHARS``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from macrohard.safety import lazyre

MAX_CHARS = 4000
OTHER_SHARE = 0.25  # at least this share of the letters in other-language sentences: the multilingual path runs

_SCRIPTS = (  # (language or script code, character class)
    ("ja", "\u3040-\u30ff"),  # kana first: Japanese text also holds kanji
    ("ko", "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f"),
    ("zh", "\u4e00-\u9fff\u3400-\u4dbf"),
    ("ar", "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"),
    ("ru", "\u0400-\u04ff"),
    ("hi", "\u0900-\u097f"),
    ("he", "\u0590-\u05ff"),
    ("el", "\u0370-\u03ff"),
    ("th", "\u0e00-\u0e7f"),
    # screen26: scripts that matched none of the above, so a whole answer in them read as English (no letter counted,
    # no Latin function word) and never reached the other-language heads
    ("bn", "\u0980-\u09ff"),  # Bengali (and Assamese)
    ("pa", "\u0a00-\u0a7f"),  # Gurmukhi
    ("gu", "\u0a80-\u0aff"),
    ("or", "\u0b00-\u0b7f"),
    ("ta", "\u0b80-\u0bff"),
    ("te", "\u0c00-\u0c7f"),
    ("kn", "\u0c80-\u0cff"),
    ("ml", "\u0d00-\u0d7f"),
    ("si", "\u0d80-\u0dff"),
    ("lo", "\u0e80-\u0eff"),
    ("bo", "\u0f00-\u0fff"),
    ("my", "\u1000-\u109f"),
    ("ka", "\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f"),  # Georgian (Mkhedruli, Mtavruli, Nuskhuri)
    ("hy", "\u0530-\u058f\ufb13-\ufb17"),  # Armenian
    ("am", "\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f"),  # Ethiopic (Amharic, Tigrinya)
    ("km", "\u1780-\u17ff\u19e0-\u19ff"),  # Khmer
    ("mn", "\u1800-\u18af"),  # Mongolian
    ("syr", "\u0700-\u074f"),
    ("dv", "\u0780-\u07bf"),  # Thaana
)
_NON_LATIN = lazyre.compile("[" + "".join(cls for _, cls in _SCRIPTS) + "]")


def _ranges() -> tuple[list[int], list[tuple[int, str]]]:
    """Each script's ranges, sorted by their first code point: a letter's script is found by bisection."""
    spans = []
    for code, cls in _SCRIPTS:
        for first, last in re.findall(r"(.)-(.)", cls):
            spans.append((ord(first), ord(last), code))
    spans.sort()
    return [a for a, _, _ in spans], [(b, code) for _, b, code in spans]


_STARTS, _ENDS = _ranges()
# Latin letters with their accents (Latin-1, Extended-A/B, Extended Additional: ș ț ă ě ř ő ạ ữ ...)
_LATIN_WORD = lazyre.compile(r"[a-zß-öø-ÿ\u0100-\u024f\u1e00-\u1eff']+")
_LETTER = lazyre.compile(r"[^\W\d_]")

# The commonest function words (no word shared with English, few shared between two languages).
_STOP = {
    "en": "the and of to is that for it with you this are be on not have was your from they will can what which "
          "there their would should could been has were about into than then them these those when where here how "
          "why who if or but our we my me all any each some an at by it's i'm don't won't can't "
          "he she his her him us its just only also after before because",
    "de": "der die das und ist nicht mit den dem des ein eine einen einer sich auf für von zu auch es ich sie wir "
          "ihr sind gegen um uhr du dich dir dein deine mein meine wird werden kann oder aber wenn dass nach bei aus wie noch nur mehr schon hier sehr diese dieser "
          "im zum zur wurde keine kein",
    "fr": "le la les et est des une un du pour pas que qui dans sur avec ce cette il elle nous vous sont au aux ou "
          "mais par ne se sa ses leur tu te ton ta je été être fait peut très aussi comme tout votre vos",
    "es": "el la los las y es del hay falló una un por para que con se su sus al lo como más pero este esta son está "
          "hay muy también puede ser fue todo sobre entre cuando donde usted ya",
    "it": "il lo la gli le di che è un una non ai agli alla alle degli sul nei ha hanno lei lui ti con del della dei delle sono si al nel nella anche come più ma "
          "questo questa essere può molto tutto quando dove già ci",
    "pt": "os é de da dos das uma para que com não na se por mais como mas ao seu sua são está "
          "também muito pode ser foi você isso este esta já",
    "nl": "de het een en van dat niet met voor op zijn te er ook aan als maar om bij uit door wordt kan worden "
          "naar dan nog wel deze dit je jij wij hebben heeft geen",
    "pl": "w na z się nie że jest jak za po od co tak ale czy przez dla jego jej już są być może tylko "
          "także oraz który która które bardzo",
    "tr": "ve bir bu da de için ile çok ne gibi daha ama olarak var ben sen biz siz onlar değil mi kadar "
          "sonra şey olan oldu gizlice nereye şimdi sadece hemen",
    "sv": "och att det som en på är av för med till den inte om de jag ett så vi från kan eller när "
          "också bara efter",
    "id": "dan yang di ini itu dengan untuk tidak dari dalam akan pada adalah saya anda kami mereka juga atau bisa "
          "sudah ada kepada karena jangan nanti oleh tersebut agar supaya lebih sangat hanya harus belum telah kita "
          "kamu dia",
    "vi": "và của là có không những được cho một các này trong người với để đã khi thì",
    # added by screen9m: languages whose sentences otherwise read as no language (or as English)
    "sw": "na ya wa kwa ni za katika hii hiyo kama lakini au sana pia kuwa yake yako wako wake huo hao hizi "
          "ili bila kwamba sasa tu baada kabla wewe mimi sisi wao nini kwenye hadi zaidi yote wote hapa huu hili "
          "ambao ambayo watu mtu",
    "ro": "și în este pentru sunt nu care mai din să cu această acest fost sau dacă acum foarte după către "
          "lui ei lor vă îți ți noi voi",
    "cs": "je se že jsou není jak ale pro by jako když jsem jste byl byla bylo které který která také nebo "
          "už jen po při od ze na podle",
    "hu": "és az egy hogy nem van meg ez azt is mint csak már de ha vagy volt lesz kell nagyon után ezt itt "
          "még amikor",
    "fi": "ja on ei se että oli ovat tai kun mutta myös jos ole hän tämä niin kuin vain sekä kanssa jälkeen",
    "da": "og er til af på ikke med som jeg det har kan vil skal eller også efter når hvis meget være blev",
    "tl": "ang mga sa ay hindi ko mo siya kami sila ito iyan para kung pero lang din rin po",
}
# Letters that English does not use: each one present counts as a function word of its language.
_HINTS = {"de": "äöüß", "es": "ñ¿¡", "pt": "ãõ", "fr": "œèêëîûùç", "pl": "ąćęłńśźż", "tr": "ğış", "sv": "å",
          "it": "òì", "ro": "șțăâ", "cs": "ěřůčšž", "hu": "őű", "da": "æø", "vi": "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ"}
_HINT_SETS = {lang: frozenset(letters) for lang, letters in _HINTS.items()}
_STOPSETS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
# each function word's languages, in _STOPSETS' order: one lookup a word instead of one set per language (inj23:
# lang.detect runs on every text the injection screen reads; the same counts, ~3x less CPU in _latin_lang)
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPSETS.items():
    for _w in _words:
        _WORD_LANGS[_w] = (*_WORD_LANGS.get(_w, ()), _lang)
_SENTENCE = lazyre.compile(r"[^.!?。！？\n]+")


@dataclass(frozen=True)
class Language:
    """``code``: "en" or the other language's (or script's) code; ``english_share``: the share of the letters in
    English sentences (1.0 for all-English text; 0.0 for no English)."""

    code: str
    english_share: float

    @property
    def other(self) -> bool:
        """Whether the answer takes the multilingual path: mostly another language, or a large part of it."""
        return self.code != "en" or self.english_share <= 1.0 - OTHER_SHARE


# each language's place in ``_STOPSETS``' order, negated: ``max`` over the counts by (count, rank) picks the first
# language of that order among the most counted, as ``max`` over a dict in that order does (English first)
_RANK = {lang: -i for i, lang in enumerate(_STOPSETS)}


def _latin_lang(low: str) -> str | None:
    # injc35: only the languages counted are kept (no dict of twenty zeros a sentence), and the hint letters (none of
    # them ASCII) are looked for only in a sentence that is not ASCII: the same counts and the same winner
    words = _LATIN_WORD.findall(low)
    if not words:
        return None
    counts: dict[str, int] = {}
    get = _WORD_LANGS.get
    for w in words:
        langs = get(w)
        if langs is not None:
            for lang in langs:
                counts[lang] = counts.get(lang, 0) + 1
    if not low.isascii():
        chars = set(low)  # the hint letters present: one set intersection a language (no letter counted twice)
        for lang, letters in _HINT_SETS.items():
            n = len(chars & letters)
            if n:
                counts[lang] = counts.get(lang, 0) + min(2, n)
    if not counts:
        return None
    return max(counts, key=lambda lang: (counts[lang], _RANK[lang]))


def _sentence_lang(sentence: str) -> str | None:
    """A sentence's language, or None when it has too few letters to say (a number, a name, a code line)."""
    letters = _LETTER.findall(sentence)
    if len(letters) < 3:
        return None
    if not sentence.isascii():  # an ASCII sentence has no letter of the other scripts
        non_latin = _NON_LATIN.findall(sentence)
        if len(non_latin) >= 0.3 * len(letters):
            return _script_lang(non_latin)
    return _latin_lang(sentence.lower())


def _script_lang(chars: list[str]) -> str:
    """The script most of ``chars`` (letters of the scripts in ``_SCRIPTS``) are in; "ja" when any is kana. One
    count per distinct letter, then one bisection each (a character class per script would scan the sentence ~28
    times)."""
    counts: dict[str, int] = {}
    for ch, n in Counter(chars).items():
        point = ord(ch)
        last, code = _ENDS[bisect_right(_STARTS, point) - 1]
        if point <= last:
            counts[code] = counts.get(code, 0) + n
    if "ja" in counts:
        return "ja"
    return max((n, code) for code, n in counts.items())[1]


def detect(text: str) -> Language:
    """The language of ``text`` (the first ``MAX_CHARS`` characters): "en" unless most letters are in sentences
    of another language; ``english_share`` for mixed text."""
    text = text[:MAX_CHARS]
    weight: dict[str, int] = {}
    for m in _SENTENCE.finditer(text):
        lang = _sentence_lang(m.group(0))
        if lang is not None:
            weight[lang] = weight.get(lang, 0) + len(m.group(0))
    total = sum(weight.values())
    if not total:
        return Language("en", 1.0)
    share = weight.get("en", 0) / total
    others = {k: v for k, v in weight.items() if k != "en"}
    if share >= 0.5 or not others:
        return Language("en", share)
    return Language(max(others, key=others.__getitem__), share)
