"""Ordinary answers the answer screen's stacked second look held (issue 17 part 4, helper ux61).

Two ways an everyday answer was held though no path of the screen recognised harm or bias in it
(``benchmarks/RESULTS.md``, ux61's section):

- **A sentence said over and over** ("The quick brown fox jumps over the lazy dog." forty times: a small model's loop
  on "summarise this"): the n-grams and the MiniLM head read each copy again, the violence reading rose from 0.05
  (once) to 0.14 (forty times, 0.71 of its 0.2 threshold) and the stack, whose inputs all rose with it, called it
  violence (0.97). ``said_once`` keeps each sentence's first saying: what the answer says, read once.
- **A neutral fact that names no one** ("France.", "Abuja has been Nigeria's capital since 1991; Lagos is still the
  largest city."): a place or country name reads as half-way to "origin" for the bias heads (0.43-0.62 of 1), and on
  a short answer every other category's reading is unsure (logits near -3, not the -6 of a full answer), which the
  stack, fit on full answers (blind35/everyday35, scr40), reads as bias at 0.95-0.99. Treating people differently
  needs people: ``names_people`` looks for a person, a group or a protected attribute (pronouns, people nouns,
  religions, origins, languages, age, sex, disability) in an English answer; the stack's bias verdict is dropped when
  there is none. ``reads_english`` keeps the allowance off the short answers in other languages that the language
  detector reads as English ("Kasia to kobieta, na magazyn bierzemy facetów."): their people words are not these.

Both only take back the stack's verdict (the one path that reads "unsure everywhere" as evidence); a rule, a head
over its threshold or the other-language heads still decide as before.
"""

from __future__ import annotations

import re

from macrohard.safety import lazyre

# a sentence: up to its end mark (kept) or a line break
_SENTENCE = lazyre.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")

# (a word's edges include "_": "country_of_birth", "s.religion" in code name their attribute)
_PEOPLE = lazyre.compile(
    r"(?<![^\W_])(?:i|me|my|mine|myself|you|your|yours|yourself|yourselves|he|him|his|himself|she|her|hers|herself|they|them|"
    r"their|theirs|themselves|we|us|our|ours|ourselves|someone|somebody|anyone|anybody|everyone|everybody|nobody|"
    r"no-one|whoever|who|whom|whose|one's|"
    r"people|persons?|m[ae]n|wom[ae]n|boys?|girls?|child(?:ren)?|kids?|bab(?:y|ies)|toddlers?|infants?|minors?|"
    r"teens?|teenagers?|adults?|elderly|seniors?|retirees?|pensioners?|guys?|gals?|lad(?:y|ies)|gentlem[ae]n|folks?|"
    r"couples?|singles?|famil(?:y|ies)|parents?|mothers?|fathers?|moms?|mums?|dads?|sons?|daughters?|wi(?:fe|ves)|"
    r"husbands?|brothers?|sisters?|siblings?|cousins?|grand\w+|friends?|neighbou?rs?|partners?|spouses?|"
    r"boyfriends?|girlfriends?|employees?|employers?|workers?|staff|colleagues?|co-?workers?|bosse?s?|managers?|"
    r"applicants?|applications?|candidates?|hires?|interns?|recruits?|customers?|clients?|tenants?|landlords?|"
    r"patients?|students?|pupils?|teachers?|users?|members?|accounts?|profiles?|posts?|names?|speakers?|authors?|"
    r"creators?|guests?|visitors?|residents?|citizens?|nationals?|immigrants?|migrants?|refugees?|asylum|"
    r"foreigners?|tourists?|locals?|natives?|victims?|targets?|owners?|drivers?|passengers?|buyers?|sellers?|"
    r"borrowers?|voters?|humans?|individuals?|crowds?|team|teams|crew|mr|mrs|ms|miss|dr|sir|madam|officers?|police|"
    r"soldiers?|civilians?|hostages?|prisoners?|inmates?|veterans?|"
    r"gays?|lesbians?|bisexual|trans|transgender|queer|lgbt\w*|straight|homosexual\w*|muslims?|islam\w*|"
    r"christians?|jews?|jewish|hindus?|sikhs?|buddhists?|atheists?|catholics?|protestants?|mormons?|religio\w*|"
    r"races?|racial|ethnic\w*|blacks?|whites?|asians?|hispanics?|latin[oax]s?|arabs?|africans?|disab\w+|deaf|blind|"
    r"wheelchair|autis\w+|pregnan\w+|maternity|ages?|aged|old|young|older|younger|gender|sex|sexual\w*|female|male|"
    r"nationalit\w+|origin|born|birth\w*|retire\w*|pension\w*|accent|language|dialect|caste|hijab\w*|turban|"
    r"tagalog|urdu|romani|roma)(?![^\W_])", re.I)
# a people or language name formed from a place ("Nigerian", "Korean", "Chinese", "Spanish", "Pakistani", "Kenyans")
_DEMONYM = lazyre.compile(r"\b[A-Z][a-z]+(?:ians?|eans?|ans|ese|ish|i|is)\b")
_WORD = lazyre.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# English function words (``lang``'s own list) and a capitalised word (a name) both read as English
ENGLISH_SHARE = 0.4


def said_once(text: str) -> str:
    """``text`` with each sentence of three words or more kept at its first saying only (case and spacing ignored when
    comparing); ``text`` itself (the same object) when none repeats."""
    seen: set[str] = set()
    kept: list[str] = []
    dropped = False
    for m in _SENTENCE.finditer(text):
        part = m.group()
        key = " ".join(part.lower().split()).rstrip(".!?")
        if key in seen and key.count(" ") >= 2:
            dropped = True
            continue
        if key:
            seen.add(key)
        kept.append(part)
    return "".join(kept) if dropped else text


def names_people(text: str) -> bool:
    """Whether ``text`` names a person, a group of people or a protected attribute (English words)."""
    return bool(_PEOPLE.search(text) or _DEMONYM.search(text))


def reads_english(text: str) -> bool:
    """Whether at least ``ENGLISH_SHARE`` of the words of ``text`` are English function words or capitalised names."""
    from macrohard.safety.lang import _STOPSETS

    words = _WORD.findall(text)
    if not words:
        return False
    stop = _STOPSETS["en"]
    return sum(w.lower() in stop or w[0].isupper() for w in words) >= ENGLISH_SHARE * len(words)


def no_one_to_treat_differently(text: str) -> bool:
    """An English answer that names no one (no person, group or protected attribute): it cannot treat people
    differently, whatever its unsure readings add up to."""
    return reads_english(text) and not names_people(text)
