"""A decision against people for a protected attribute, found clause by clause (the answer screen's bias lift).

The bias classifier scores the whole answer, so a decision that follows a sentence about merit or about bias
itself ("Choose Anna on her qualifications. Drop the gay applicant from the interview round.") is pooled with the
fair-sounding part and scores low (the lead's attacks on the eighth wave). ``against_group(text)`` reads each
sentence or clause alone: one that names a protected attribute (religion, origin, race, sex, orientation,
gender identity, disability, age, family status, a name or an accent) beside an adverse act (reject, exclude,
filter out, flag, put on hold, charge more, move to the bottom, "don't hire"...), with no negation before the act
("never filter out disabled applicants" is not one). ``content.screen_text`` then raises the bias score's
log-odds by ``AGAINST_LIFT`` when the classifier already gives bias at least ``AGAINST_GATE``: the rule alone flags
nothing, it only lifts a decision the classifier half-recognised. Both numbers were chosen on the out-of-fold
scores of the nine older sources (``scripts/train_content_embed.py --cv``), not on blind6.
"""

from __future__ import annotations

import math
import re

from macrohard.safety import lazyre

AGAINST_LIFT = 1.5
AGAINST_GATE = 0.2
REASON_LIFT = 3.0  # the attribute given as the act's reason ("because of her name"): lifted more, with no gate

_GROUP = lazyre.compile(
    r"\b(muslims?|islamic|jew(s|ish)?|black|african|roma|gypsies|gypsy|travellers?|sinti|arabs?|arabic|asian|chinese|"
    r"indian|pakistani|nigerian|mexican|latinos?|latinas?|hispanic|immigrants?|migrants?|refugees?|asylum[- ]seek\w*|"
    r"foreign(ers?|[- ]sounding|[- ]born)?|non-(eu|native|white|citizens?)|nationals|nationality|accents?|"
    r"polish|somali|haitian|sikhs?|hindus?|catholics?|christians?|atheists?|mormons?|orthodox|kurdish|kurds|turkish|"
    r"syrian|afghan|eritrean|ukrainian|russian|filipino|vietnamese|korean|dalits?|indigenous|aboriginal|"
    r"native american|gay|lesbian|bisexual|queer|lgbt\w*|trans(gender)?|same[- ]sex|non-binary|women|woman|female|"
    r"girls?|mothers?|mums?|moms?|pregnan\w+|maternity|married|single (mothers?|parents?)|(young )?children|kids|"
    r"disabled|disabilit\w+|wheelchairs?|guide dogs?|deaf|blind|autis\w+|dyslexi\w+|epilep\w+|hiv|mental (illness|health)|"
    r"older|elderly|over [4-7]\d|\d\d[- ]year[- ]olds?|aged? [4-7]\d|pensioners?|retirees?|headscar(f|ves)|hijabs?|turbans?|"
    r"kippah|yarmulke|veil(s|ed)?|prayers?|ramadan|surnames?|(first |last |foreign |arabic |african )?names?|skin|"
    r"native (english |german |french |spanish |dutch )?speakers?|sign[- ]language( interpreters?)?|interpreters?|nigeria|pakistan|mexico|syria|afghanistan|somalia|morocco|africa|the middle east|central asia|"
    r"eastern europe|the balkans|romania|the council estate)\b", re.I)
_ADVERSE = lazyre.compile(
    # decision forms (screen19): "no for the …", a pretext ("tell them it's already let"), "pass on her", "send him
    # home", "cut … from the squad", checks on papers; the lookaheads leave the person to the group search after
    r"\b(no for (the|a|an)|say no to (the|a|an)|hold off|send\w* (him|her|them) (away|home)|"
    r"pass on(?= (him|her|them)\b| (the|this|that) (\w+ ){0,3}(applicant|candidate|tenant|guy|man|woman|lady|one)\b)|"
    r"cut\w*(?= (\w+ ){0,3}from (the )?(squad|team|list|shortlist|roster|rota|programme|program))|"
    r"(immigration|id|papers|visa|residency) checks?|(tell|say)\w*(?= [^.;]{0,40}\b(it'?s|is|was|we'?re|we are) "
    r"(already )?(gone|taken|let|rented|filled|booked|full|fully booked|no longer available))|"
    r"reject\w*|declin\w+|deny|denied|refus\w+|exclud\w+|filter(s|ing)? out|filtered|filtering|drop\w*|remov\w+|skip\w*|strike|struck|"
    r"ban|banned|bar|barred|block\w*|hide|hid|hidden|flag\w*|turn\w* away|steer\w*|push\w* down|bottom|end of|"
    r"back of|last|lower\w*|higher|extra|double|more often|follow\w*|keep an eye|on hold|wait(ing)?[- ]?list|"
    r"deprioriti\w+|downgrad\w+|charg\w+ more|cap\w*|pass\w* over|off (the|my|our) (list|shortlist|rota|roster)|"
    r"avoid\w*|out of|away from|stop and search|search\w*|later|fewer|less|separate|segregat\w+|auto-hide|"
    r"screen\w* out|weed\w* out|eliminat\w+|penali[sz]\w+|surcharge|fir(e|ed|ing)|lay\w* off|let go|"
    r"(would|will) need|needs? (time off|breaks|leave|accommodation|adjustments)|clos(e|ed|ing)|archiv\w+|"
    r"shelv\w+|binned|evict\w*|notice|without|who (don'?t|do not) (need|have|wear|use)|with no|only (hire|shortlist|rent to|accept|invite|promote|serve|admit|consider|interview|pick|"
    r"choose|select))\b", re.I)
# "because of her name": the attribute given as the reason for the act; such a clause needs no gate
_REASON = lazyre.compile(r"\b(because of|because|due to|on account of|given|for)\s+(his|her|their|the)\s+(\w+\s+)?"
                     r"(name|surname|age|religion|faith|accent|race|skin|colou?r|nationality|origin|background|"
                     r"disability|pregnancy|sexuality|orientation|gender|sex|headscarf|hijab|turban|wheelchair|kids|"
                     r"children|family plans)\b", re.I)
# "don't hire / never rent to / not invite": a favour withheld is an adverse act
_FAVOUR_WITHHELD = lazyre.compile(
    r"\b(don'?t|do not|never|not|no need to|won'?t|shouldn'?t)\s+(\w+\s+){0,2}?(hire|rent|let|approve|offer|invite|"
    r"promote|accept|shortlist|serve|admit|insure|lend|book|interview|employ|seat|give)\b", re.I)
_NEGATION = lazyre.compile(r"\b(don'?t|do not|never|not|no|nobody|no one|without|regardless|illegal|unlawful|"
                       r"discriminat\w*|wrong|against the law|shouldn'?t|must not|cannot|can'?t|won'?t|instead of|"
                       r"rather than|avoid|(it|that|this|which|the \w+) would( be)?|reason|asked( me| us)? to|"
                       r"wants?( me| us)? to|wanted( me| us)? to|requested|request to|told (me|us) to)\b", re.I)
# ... unless the answer says it complied ("the client asked us to reject them, so I did")
_COMPLIED = lazyre.compile(r"\b((so|and) (i|we) did|(i|we)(\s*'ve| have) done (it|that|so)|done as (asked|requested)|"
                       r"as (requested|asked|instructed)|i did it|which i did)\b", re.I)
# ... but "don't hesitate to reject", "never forget to flag" order the act
_URGED = lazyre.compile(r"\b(hesitate|forget|worry|bother|wait|delay|be afraid|think twice|feel bad)\b[^.;]{0,12}$", re.I)
# "The gay applicant? Drop him.": the act names the person by a pronoun, the attribute is in the clause before
_PRONOUN = lazyre.compile(r"\b(him|her|them|they|their|his|hers|those|these|that one|this one)\b", re.I)
# an accommodation is not an adverse act ("give pregnant employees extra breaks", "lower the counter so wheelchair
# users can reach it"), unless an adverse act follows it ("so staff can refuse it politely")
_BENEFIT = lazyre.compile(
    r"\b(so (that )?(they|she|he|staff|the \w+|\w+ users|\w+ customers|\w+ guests) can|to help (them|her|him)|"
    r"accessib\w+|ramps?|step-free|interpreters?|large print|if (they|she|he) (asks?|requests?|wants?|needs?)|"
    r"on request|as (they|she|he) (asked|requested)|extra (time|breaks?|help|support|space|seating|rest|chairs?)|"
    r"easier for (them|her|him))\b", re.I)
_LACKS = lazyre.compile(r"\b(without|who (don'?t|do not) (need|have|wear|use)|with no|no need for)\b[^.;]{0,30}$", re.I)
_CLAUSES = lazyre.compile(r"(?<=[.!?;:])\s+|\n")


def _accommodates(clause: str, benefit: re.Match[str]) -> bool:
    """Whether ``benefit`` is an accommodation: no adverse act just before it ("who don't need an interpreter") and
    none after it that is not itself the benefit ("extra time, then reject her")."""
    if _ADVERSE.search(clause[max(0, benefit.start() - 25): benefit.start()]) or _LACKS.search(clause, 0, benefit.start()):
        return False
    after = _ADVERSE.search(clause, benefit.end())
    return after is None or _BENEFIT.match(clause, after.start()) is not None


def _near(clause: str, at: int, reach: int = 120) -> str:
    """At most ``reach`` characters either side of ``at``: a clause with no full stop in a long answer is read
    around its act only (the screen scores the clause again: its cost stays bounded)."""
    return clause if len(clause) <= 2 * reach else clause[max(0, at - reach): at + reach]


def against_clause(text: str) -> str | None:
    """The first sentence or clause of ``text`` that takes an adverse act against someone named by a protected
    attribute (the attribute within 60 characters after the act or 40 before it, no negation just before it)."""
    clauses = [c for c in _CLAUSES.split(text) if c.strip()]
    for i, clause in enumerate(clauses):
        named = _GROUP.search(clause) is not None
        prior = i > 0 and _GROUP.search(clauses[i - 1]) is not None and _PRONOUN.search(clause) is not None
        if not named and not prior:
            continue
        if any(_accommodates(clause, b) for b in _BENEFIT.finditer(clause)):
            continue
        if named and _FAVOUR_WITHHELD.search(clause) and not _URGED.search(clause, 0, _FAVOUR_WITHHELD.search(clause).end()):
            return _near(clause, _FAVOUR_WITHHELD.search(clause).start())
        lead = clauses[i - 1] + " " if i > 0 and clauses[i - 1].rstrip().endswith(":") else ""  # "Reason: ..."
        for m in _ADVERSE.finditer(clause):
            before = (lead + clause[:m.start()])[-(40 + len(lead)):]
            if _NEGATION.search(before) and not _URGED.search(before) and not _COMPLIED.search(clause):
                continue
            if _GROUP.search(clause, m.end(), m.end() + 60) or _GROUP.search(before):
                return _near(clause, m.start())
            if prior and _PRONOUN.search(clause, m.end(), m.end() + 30):
                return _near(clauses[i - 1], len(clauses[i - 1])) + " " + _near(clause, m.start())
    return None


def against_group(text: str) -> bool:
    """Whether a sentence or clause of ``text`` acts against someone for a protected attribute."""
    return against_clause(text) is not None


def lift(score: float, by: float) -> float:
    """``score`` with its log-odds raised by ``by``."""
    score = min(max(score, 1e-6), 1 - 1e-6)
    return 1.0 / (1.0 + math.exp(-(math.log(score / (1 - score)) + by)))


def gives_attribute_reason(clause: str) -> bool:
    """Whether ``clause`` gives a protected attribute as the reason ("because of her name")."""
    return _REASON.search(clause) is not None
