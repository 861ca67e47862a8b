"""The answer screen's fraud reader: what a scam answer IS by its structure, not by its topic's words.

A scam answer is a message that impersonates a party (a bank, a carrier, the tax office, a son, a boss, support),
presses (today, blocked, a fee, a fine) and asks (a code, a card, a payment, a gift card, a click), wrapped in the
operator's moves (send it at night, target the old, post from other accounts, keep them on the line, block the number
once they pay). A warning about phishing quotes the same message but its frame speaks to the one who gets it (never
share, hang up, report it); a bank's real notice asks for nothing; a refusal declines. The n-gram head reads English
words only and the other-language heads read topic: both score the warning and the scam alike (scr56: blind48's
missed fraud answers read ~0.01 in every head).

So the reader splits an answer into the QUOTED message (text in quotation marks of any script, or after a label
"SMS:", "Script:", "Betreff:" ...) and the FRAME (the rest), hashes each part's words and character 3-grams into its
own namespace (the same word weighs differently in the message and in the operator's frame), adds a few
language-general cues (a link or domain, an amount, a code or card asked for, a gift card, a list of reviews, the
frame's operator and warning moves), and scores fraud against benign with one logistic regression
(``scripts/train_content_fraud.py``, fit on the published blind35–47 and everyday35–47 answers). ``score(text)``:
the probability; the screen flags fraud where it reaches the file's threshold (or the caller's ``fraud_structure``)
and nothing else flagged the answer. Cost: one pass of the answer's words (memoised per word) and a gather-sum,
no model call.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zlib
from functools import lru_cache
from pathlib import Path

import numpy as np

from macrohard.safety import lazyre

MODEL_PATH = Path(__file__).with_name("data") / "content_fraud.npz"
DIM = 1 << 17
MAX_CHARS = 6000
MIN_FEATURES = 24
THRESHOLD_KEY = "fraud_structure"  # the caller's threshold for this reader (``screen_text``'s thresholds)

_WORD = lazyre.compile(r"\w+")
# quotation pairs of many scripts; the straight ones only around 12+ characters (an apostrophe is no quote)
_QUOTED = lazyre.compile(
    r"“([^”]{8,1500})”|«([^»]{8,1500})»|„([^“”]{8,1500})[“”]|「([^」]{4,1500})」|『([^』]{4,1500})』|"
    r"‘([^’]{12,1500})’|‹([^›]{8,1500})›|\"([^\"\n]{12,1500})\"|(?<![\w])'([^'\n]{12,1500})'(?![\w])|"
    r"```(.{1,1500}?)```", re.S)  # bounded: a quote mark never closed costs 1,500 characters at most
# a label that opens the message itself ("SMS:", "Script:", "Subject:", "Nachricht:", "话术：" ...): the line after it
_LABEL = lazyre.compile(
    r"^[ \t]*[*_#-]*[ \t]*(?:sms|text|message|text message|e-?mail|mail|script|template|subject|body|post|ad|"
    r"listing|review|dm|whatsapp|opener|caller|you|pitch|invoice|mensaje|mensagem|texto|asunto|assunto|guion|"
    r"roteiro|nachricht|betreff|vorlage|messaggio|testo|oggetto|copione|objet|modèle|texte|wiadomość|treść|"
    r"temat|скрипт|текст|сообщение|тема|шаблон|bericht|onderwerp|tekst|meddelande|besked|viesti|mesaj|metin|"
    r"konu|pesan|teks|ujumbe|tin nhắn|kịch bản|nội dung|ข้อความ|สคริปต์|話術|话术|短信|文案|台本|メール|件名|文面|"
    r"문자|대본|메시지|제목|رسالة|نص|الرسالة|संदेश|मैसेज|স্ক্রিপ্ট|বার্তা|מסר|הודעה|μήνυμα|κείμενο)"
    r"[ \t]*(?:\d+[ \t]*)?[:：][ \t]*([^\n]{12,})", re.I | re.M)  # no \s*: a run of blank lines was cubic

_CUES = {
    "link": r"https?://|www\.|\bbit\.ly\b|\b[\w-]{2,}\.(?:com|net|org|info|xyz|top|link|site|online|app|io|co|"
            r"ru|cn|in|br|de|fr|it|es|pl|tr|id|vn|th|example|support|help|secure|shop|club|live|me|cc)\b",
    "money": r"[$€£¥₹₽₺₩฿₦₱]\s?\d|(?<![\d.,])\d[\d.,]{0,15}\s?(?:usd|eur|gbp|tl|r\$|rs\.?|inr|kr|zł|zl|pln|czk|kč|rub|руб|"
             r"yuan|元|円|万|원|บาท|rp|vnd|đ|naira|ksh|tsh|dinar|درهم|ريال|روپے|টাকা|рублей|lei|ft|huf)\b",
    "code": r"\b(?:otp|pin|cvv|cvc|2fa|one[- ]time|verification code|security code|passcode|password|login|"
            r"credentials|card number|card details|iban|sort code|seed phrase|recovery phrase|код|пароль|"
            r"código|contraseña|senha|codice|passwort|kennwort|tan|mot de passe|kod|hasło|şifre|kode|"
            r"mã|รหัส)\b|验证码|密码|暗証番号|認証コード|인증번호|비밀번호|رمز|ओटीपी|पासवर्ड",
    "gift": r"gift ?cards?|itunes|google play card|steam (?:card|wallet)|apple (?:gift )?card|tarjetas? regalo|"
            r"cartões? presente|carte cadeau|geschenkkarte|gutschein|buoni regalo|подарочн|礼品卡|ギフトカード|기프트카드",
    "urgent": r"\b(?:today|tonight|within (?:24|48|\d+) ?h|immediately|urgent\w*|suspend\w*|locked|blocked|frozen|"
              r"expire\w*|final notice|last (?:chance|warning)|overdue|penalt\w+|fine|heute|sofort|dringend|gesperrt|"
              r"hoy|urgente|inmediat\w+|bloquead\w+|oggi|subito|bloccat\w+|aujourd'hui|immédiatement|bloqué\w*|"
              r"dzisiaj|natychmiast|zablokowan\w+|bugün|acil|engellen\w+|hari ini|segera|diblokir|hôm nay|ngay|"
              r"срочно|сегодня|заблокир\w+|немедленно|штраф)\b|立即|今天|冻结|今日中|至急|停止|오늘|즉시|정지|"
              r"ภายในวันนี้|ระงับ|اليوم|فورا|حظر|आज|तुरंत|ब्लॉक",
    "reviews": r"\b\d{1,3}\s*(?:\w+\s+){0,3}(?:reviews?|reseñas|avis|recensioni|bewertungen|rezensionen|opinie|"
               r"recenzj\w+|avaliações|отзыв\w*|yorum\w*|ulasan|đánh giá|recensies|arvostel\w+|anmeldelser|"
               r"recensioner)\b|(?<!\d)\d{1,4}\s*(?:条|個|개)\s*(?:好评|评价|レビュー|리뷰)|five[- ]star|5[- ]star|★★★★★|"
               r"cinco estrellas|cinq étoiles|cinque stelle|fünf sterne|5 yıldız|5 sao|пять звёзд|五星",
    "operator": r"\b(?:target (?:the |older |elderly |retire\w* |widow\w* |people |users )?|send (?:it|them|this|"
                r"the (?:sms|texts?|messages?|e-?mails?))\s+(?:at|in|on|when|between|after|before|to)|"
                r"post (?:them|these|it|each)|from (?:different|separate|other|several|multiple) (?:accounts|"
                r"phones|devices|numbers|ip)|spoof\w*|burner|mules?|drain|cash (?:it )?out|once (?:they|she|he) "
                r"(?:pay|paid|click|enter|install|send)|after (?:they|she|he) (?:pay|paid|click|enter|install)|"
                r"if (?:she|he|they) (?:ask|hesitat|doubt|call)|keep (?:them|her|him) on the (?:line|phone)|"
                r"don'?t let (?:them|her|him) hang up|block (?:the|their|her|his) number|victims?|marks?|"
                r"don'?t (?:mention|tell)|never mention|look (?:real|legit)|credible|rotate)\b",
    "warn": r"\b(?:never (?:ask|share|give|send|click|pay)|will never|do not (?:click|share|reply|pay|open|call)|"
            r"don'?t (?:click|share|reply|pay|open)|if you (?:receive|get|got|were sent)|hang up|report (?:it|this|"
            r"them|the)|red flags?|warning signs?|giveaways?|this is a scam|is a scam|scammers?|fraudsters?|"
            r"phishing (?:simulation|test|training|awareness)|be careful|stay safe|protect yourself|"
            r"call your bank|official (?:number|app|website)|nunca (?:pide|solicita|pedirá|pede)|no (?:hagas|haga) clic|"
            r"es una estafa|estafadores|golpistas|é golpe|non (?:cliccare|condividere)|è una truffa|truffatori|"
            r"ne (?:cliquez|communiquez|partagez) (?:pas|jamais)|arnaque|escroc\w*|niemals|klicken sie nicht|"
            r"betrüger|nigdy nie|oszuści|oszustwo|asla|dolandırıcı\w*|jangan|penipu\w*|đừng|lừa đảo|"
            r"никогда не|не (?:переходите|сообщайте|называйте)|мошенник\w*|nooit|oplichters|aldrig|bedragare|"
            r"svindler\w*|huijar\w*)\b|不要|诈骗|骗子|絶対に|詐欺|사기|절대|احتيال|لا تشارك|ठगी|धोखाधड़ी|मत",
}
_CUE_RES = {name: lazyre.compile(pattern, re.I) for name, pattern in _CUES.items()}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def parts(text: str) -> tuple[str, str]:
    """(quoted, frame): the message(s) the answer quotes or labels, and the rest."""
    spans: list[tuple[int, int]] = []
    quoted: list[str] = []
    for pattern in (_QUOTED, _LABEL):
        for m in pattern.finditer(text):
            g = next((i for i in range(1, (m.lastindex or 0) + 1) if m.group(i)), None)
            if g is None:
                continue
            a, b = m.span(g)
            if any(a < y and x < b for x, y in spans):
                continue
            spans.append((a, b))
            quoted.append(m.group(g))
    frame, last = [], 0
    for a, b in sorted(spans):
        frame.append(text[last:a])
        last = b
    frame.append(text[last:])
    return "\n".join(quoted), " ".join(frame)


def _hash(key: str) -> int:
    return zlib.crc32(key.encode()) & (DIM - 1)


@lru_cache(maxsize=1 << 15)
def _word_ids(ns: str, w: str) -> tuple[int, ...]:
    """A word's keys in namespace ``ns``: itself and, for a long word or a run of a script without spaces, its
    character 3-grams."""
    keys = [f"{ns}w {w}"]
    if len(w) > 7 or not w.isascii():
        padded = f"<{w}>"
        keys += [f"{ns}c {padded[i:i + 3]}" for i in range(max(1, len(padded) - 2))]
    return tuple(map(_hash, keys))


def cues(quoted: str, frame: str) -> list[str]:
    """The language-general cues that fire, each named by where it fired ("q:" the message, "f:" the frame)."""
    out = [f"{where}:{name}" for where, part in (("q", quoted), ("f", frame)) if part
           for name, pattern in _CUE_RES.items() if pattern.search(part)]
    out.append("quoted" if quoted else "unquoted")
    return out


def features(text: str) -> np.ndarray:
    """The answer's sorted distinct hashed feature indices."""
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    quoted, frame = parts(text)
    ids: set[int] = set()
    for ns, part in (("q", quoted.lower()), ("f", frame.lower())):
        words = _WORD.findall(part)
        for w in set(words):
            ids.update(_word_ids(ns, w))
        ids.update(_hash(f"{ns}b {a} {b}") for a, b in zip(words, words[1:], strict=False))
    fired = cues(quoted, frame)
    ids.update(_hash(f"cue {c}") for c in fired)
    ids.update(_hash(f"cue2 {a}&{b}") for i, a in enumerate(fired) for b in fired[i + 1:])
    idx = np.fromiter(ids, dtype=np.int64, count=len(ids))
    idx.sort()
    return idx


def value(n: int) -> float:
    """Each feature's value in an answer with ``n`` features (binary, L2-normalised, at least MIN_FEATURES)."""
    return 1.0 / math.sqrt(max(n, MIN_FEATURES))


class FraudReader:
    """Weights over the hashed features, an intercept, the threshold, and how they were fit (``meta``)."""

    def __init__(self, weights: np.ndarray, intercept: float, threshold: float, meta: dict[str, float]):
        self.weights, self.intercept, self.threshold, self.meta = weights, intercept, threshold, meta

    def score(self, text: str) -> float:
        idx = features(text)
        z = self.intercept + (float(self.weights[idx].sum()) * value(idx.size) if idx.size else 0.0)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))

    def save(self, path: Path) -> None:
        nz = np.flatnonzero(self.weights)
        np.savez_compressed(path, index=nz.astype(np.int32), values=self.weights[nz].astype(np.float16),
                            intercept=np.float64(self.intercept), threshold=np.float64(self.threshold),
                            meta_keys=np.array(sorted(self.meta)),
                            meta_values=np.array([self.meta[k] for k in sorted(self.meta)], dtype=np.float64))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> FraudReader:
        with np.load(path, allow_pickle=False) as z:
            weights = np.zeros(DIM, dtype=np.float32)
            weights[z["index"]] = z["values"].astype(np.float32)
            meta = {str(k): float(v) for k, v in zip(z["meta_keys"], z["meta_values"], strict=True)}
            return cls(weights, float(z["intercept"]), float(z["threshold"]), meta)


@lru_cache(maxsize=1)
def shipped() -> FraudReader | None:
    """The packaged reader, or None when its file is absent (the screen then decides as without it)."""
    return FraudReader.load() if MODEL_PATH.is_file() else None
