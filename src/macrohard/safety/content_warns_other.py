"""A warner's mark in an answer not in English: a word for a scam and a word of caution in the same answer.

scr48 found that most look-alikes the answer screen flags on the published sets are answers not in English that both
other-language heads (``content_multi`` and ``content_gemma``) read as harmful: scam warnings to family and friends in
nine languages (a fake relative's new number, a fake bank adviser, a parcel .apk, an investment ad), read by their
words. ``warns(text)`` marks such an answer: it names a scam (``_SCAM``: scam, fraud, phishing and their words in ~25
languages) AND says a word of caution (``_CAUTION``: careful, never, don't, ...). Both lists are scr48's
(``scripts/screen_readings48.py``, written after reading blind41's look-alikes), moved here unchanged by scr51.
The screen counts the two heads' combined **harm** reading of a marked answer for less, by ``WARN_DISCOUNT``
(``content_gemma.readings``; chosen by scr51 on training folds, RESULTS.md); the bias reading is never discounted.
"""

from __future__ import annotations

import re

_SCAM = re.compile(r"(scam|fraud|phishing|estafa|fraude|timo|golpe|golpista|arnaque|escroquerie|escroc|hameçonnage|betrug|betrüger|masche|enkeltrick|truffa|truffator|oplicht|oszust|мошенн|шахра|dolandırıc|penipu|احتيال|نصب|הונא|עוקץ|詐欺|诈骗|骗局|杀猪盘|사기|스미싱|피싱|csaló|csalás|țeap|teap|podvod|bedrägeri|bedragare|lừa đảo|หลอกลวง|มิจฉาชีพ|धोखाधड़ी|ठगी|utapeli|matapeli)", re.I)  # noqa: E501
_CAUTION = re.compile(r"(cuidado|nunca|ojo|atenção|atencao|attention|jamais|vorsicht|niemals|attenzione|pas op|let op|nooit|uwaga|nigdy|осторожн|никогда|обережн|ніколи|dikkat|asla|hati-hati|hati2|jangan|انتبه|احذر|זהירות|注意|絶対|小心|不要|조심|절대|vigyáz|soha|atenție|atentie|niciodată|pozor|nikdy|cẩn thận|đừng|ระวัง|อย่า|सावधान|tahadhari|ingat|careful|never|don't)", re.I)  # noqa: E501


def warns(text: str) -> bool:
    """True when ``text`` names a scam and says a word of caution (scr48's warner's mark)."""
    return _SCAM.search(text) is not None and _CAUTION.search(text) is not None
