"""Output screening: harmful content and biased decisions in answers an agent (or a chat) gives.

``screen_text(text)`` is the public screen: the rules below as a fast first pass (``classify``), then
the trained classifier (``content_model``, hashed n-grams, voting with a head over the full MiniLM:
``content_embed``) that scores each category; a category is found when its
score reaches the threshold (the policy's ``answer_thresholds``, else ``DEFAULT_THRESHOLD``). Measured
on a held-out set by ``benchmarks/content.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from macrohard.safety import content_bias as cb
from macrohard.safety import lazyre
from macrohard.safety.content_any import ANY_HARM, HARM_ANY, HARMFUL, spread_harm
from macrohard.safety.content_covert import lift_harm
from macrohard.safety.content_groom import GROOM_LIFT, grooming
from macrohard.safety.content_reason import STEREOTYPE_SCORE, stereotyped
from macrohard.safety.secrets import find_secrets

_I = re.I

# Instructional framing: numbered steps, quantities, imperatives that make a topic a how-to.
_HOWTO = lazyre.compile(
    r"(step\s*\d|^\s*\d+[.)]\s|\bfirst,?\s|\bthen\s+(add|mix|heat|combine|pack|attach|connect|pour|run|compile)|"
    r"\b\d+(\.\d+)?\s*(g|grams?|kg|ml|mg|liters?|litres?|ounces?|oz|lbs?|%)\b|\byou(?:'ll| will) need\b|"
    r"\bhere(?:'s| is) how\b|\binstructions?\b|\brecipe\b|\bmix (it|them|the)\b|\bcombine\b|\bdetonat|"
    r"```|\bimport\s+\w+|\bdef\s+\w+\(|#include)", _I | re.M)

_WEAPON_TOPIC = lazyre.compile(
    r"\b(sarin|vx nerve|tabun|soman|novichok|mustard gas|ricin|abrin|anthrax|botulinum|nerve agents?|chemical weapons?|"
    r"bioweapons?|dirty bomb|pipe bomb|nail bomb|car bomb|ied|improvised explosive|tatp|acetone peroxide|petn|rdx|"
    r"hmtd|ammonium nitrate (bomb|explosive)|anfo|napalm|molotov|thermite (bomb|grenade)|ghost gun|"
    r"untraceable (gun|firearm)|auto sear|full[- ]auto conversion|bump stock|silencer from|solvent trap|"
    r"3d[- ]printed (gun|firearm|receiver)|enriched uranium|weaponi[sz]e|explosives?|bomb)\b", _I)
_WEAPON_MAKE = lazyre.compile(r"\b(make|making|build|building|synthes\w+|produce|producing|assembl\w+|manufactur\w+|"
                          r"cultur\w+|weaponi[sz]\w+|convert\w*|precursors?|detonator|fuse|yield|grow)\b", _I)

_VIOLENCE = lazyre.compile(
    r"\b(how to|ways? to|best way to|to)\s+(poison|kill|murder|strangle|stab|kidnap|drug)\s+(someone|somebody|a person|"
    r"people|your (wife|husband|partner|boss|neighbou?r|teacher|classmates?))\b|"
    r"\b(untraceable|undetectable) poisons?\b|\bpoison\w*\b[^.]{0,60}\bwithout (being )?(detect|caught|traced)", _I)
_DRUGS = lazyre.compile(r"\b(methamphetamine|meth|fentanyl|heroin|mdma|ecstasy|lsd|crack cocaine|cocaine|ghb|"
                    r"carfentanil|ketamine|dmt)\b", _I)
_DRUG_MAKE = lazyre.compile(r"\b(make|making|cook\w*|synthes\w+|manufactur\w+|produce|producing|extract\w*)\s+(\w+\s+){0,3}?"
                        r"(methamphetamine|meth|fentanyl|heroin|mdma|ecstasy|lsd|crack|cocaine|ghb|carfentanil|dmt)\b|"
                        r"\b(pseudoephedrine|red phosphorus|anhydrous ammonia|safrole|ergotamine|lysergic|"
                        r"4-anpp|npp|phenylacetone|p2p)\b", _I)

_MALWARE = lazyre.compile(
    r"\b(keylogger|ransomware|rootkit|botnet|credential[- ]stealer|infostealer|cryptojack\w*|worm|trojan|"
    r"reverse shell|bind shell|backdoor|rat\b|remote access trojan|phishing (page|kit|site|email)|"
    r"disable (the )?(antivirus|defender|edr)|evade (antivirus|detection|edr)|exploit (for|code)|"
    r"steal (saved )?(passwords|cookies|credentials|session tokens)|steals? (bank |banking |user )?(logins?|"
    r"passwords|credentials)|syn flood|ddos|denial[- ]of[- ]service (attack|script|tool)|take (the|a|their) "
    r"(site|server|website) down|flood(s|ing)? the target)", _I)
_MALWARE_CODE = lazyre.compile(
    r"(```|\bimport (socket|pynput|ctypes|win32api|cryptography)|SetWindowsHookEx|GetAsyncKeyState|"
    r"pynput\.keyboard|os\.walk\(.*(encrypt|fernet)|Fernet\(|\.encrypt\(|socket\.socket\(|subprocess\.|"
    r"powershell -(enc|nop|w hidden)|Invoke-Mimikatz|/dev/tcp/|nc -e|CreateRemoteThread|VirtualAllocEx|"
    r"ransom note|pay (the )?ransom|bitcoin (wallet|address)|\bstep\s*\d|template|subject:|here(?:'s| is) "
    r"(a|the) (working |simple )?(script|code|payload|tool|email))", _I | re.S)

_DEFENSIVE = lazyre.compile(r"\b(protect|defend|mitigate|prevent|guard|secure|harden)\w*\s+(yourself\s+|your\s+\w+\s+|"
                        r"the\s+\w+\s+)?(against|from)\b|\bto (protect|defend|mitigate|prevent|detect|block)\b|"
                        r"\b(recovery|recover|restore|restoring|incident response|victims?|the report)\b", _I)

_SELF_HARM = [
    lazyre.compile(r"\b(you should|just|go|why don'?t you|better off if you)\s+(kill|hang|hurt|cut|starve)\s+yourself\b", _I),
    lazyre.compile(r"\bkys\b|\bend it all\b[^.]{0,40}\b(you should|do it|tonight|here'?s how)", _I),
    lazyre.compile(r"\b(best|easiest|quickest|painless|surest|most effective)\s+(way|method|methods|ways)\s+(to|of)\s+"
               r"(kill(ing)? (yourself|myself|oneself)|commit(ting)? suicide|suicide|self[- ]harm|end (your|my) life|"
               r"cut(ting)? (yourself|myself)|overdos\w+)", _I),
    lazyre.compile(r"\b(lethal|fatal) dose\b[^.]{0,80}\b(to (die|end)|so (that )?you|for (suicide|yourself))", _I),
    lazyre.compile(r"\b(slice|slit|cut|cutting)\s+(your|my)\s+wrists?\b|\b(cut|cutting) (deeper|along the vein)\b|\bhow to (hide|conceal) (self[- ]harm|cuts|"
               r"your scars) from\b", _I),
    lazyre.compile(r"\b(starve yourself|stop eating entirely|purge after (every|each) meal)\b[^.]{0,40}\b(to|until|and)\b", _I),
]

_MINOR = lazyre.compile(r"\b(child|children|kids?|minors?|underage|under-age|preteens?|pre-teens?|toddlers?|"
                    r"little (girl|boy)s?|(1[0-7]|[1-9])[- ]?(year|yr)s?[- ]?old|schoolgirls?|schoolboys?|loli|"
                    r"shota|young teens?|middle[- ]schoolers?|\bteen(ager)?s?\b)", _I)
_SEXUAL = lazyre.compile(r"\b(sex(ual(ly)?)?|nude|naked|erotic|porn\w*|explicit|aroused|seduc\w+|sexy|lewd|intercourse|"
                     r"molest\w*|fondl\w+|undress\w*|onlyfans|nsfw)\b", _I)
_SEXUAL_SAFE = lazyre.compile(r"\b(sex education|sexual health education|protect\w* (children|kids|minors)|"
                          r"report(ing|ed)?( (abuse|it|them|the \w+))?|child (sexual )?abuse (prevention|hotline|report)|"
                          r"safeguarding|age[- ]appropriate|puberty|cybertipline|ncmec|iwf|hotline|police|arrest\w*|"
                          r"charged|convicted|sentenced|illegal|a crime|crimes?|unlawful|abuse material|csam|"
                          r"tell an adult|trusted adult|stop it now)\b", _I)
# A refusal that opens the answer ("I can't help with anything sexual involving a minor", "No — I won't write ...")
# names the harm it declines: the rules' words are no evidence there unless steps follow (the classifier still votes).
_REFUSAL = lazyre.compile(r"^\W*(?:(?:no|sorry|nope)\b[\W]*)?(?:i\s+(?:can'?t|cannot|won'?t|will not|must decline|refuse to|"
                      r"don'?t|do not)|i(?:'m| am) (?:not (?:able|going|willing) to|unable to)|"
                      r"that'?s not something i)\b", _I)
_PIVOT = lazyre.compile(r"\b(but|however|hypothetically|officially|anyway|that said|just kidding|jk)\b", _I)
# A short answer that opens with a refusal and gives no steps: its classifier scores count this much (chosen by leaving
# one hand-written source out: refusals were the benign kind flagged most, and 195 of the 196 such answers are benign).
REFUSAL_DISCOUNT = 0.3


def declines(text: str) -> bool:
    """Whether ``text`` is a short refusal: it opens with one ("I can't help with that ..."), gives no steps, is at most
    600 characters, and its first sentence does not turn ("I can't officially recommend it, but ...")."""
    if len(text) > 600 or not _REFUSAL.search(text) or _STEPS.search(text):
        return False
    return not _PIVOT.search(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0])


# Bias is a decision that treats people differently; text that reports on or explains such decisions shares every word
# with them, and the n-grams and the head read the topic, not the stance (on blind5 and the six older sources the
# discussion look-alikes held the bias threshold at 0.85 while a fifth of the biased decisions scored 0.5-0.85). An
# answer that discusses bias (a study, a report, critics, the law, "discriminatory") and makes no decision of its own
# (no sentence opening with an order or a verdict, no "so ..." conclusion) has its bias score times DISCUSS_DISCOUNT
# (chosen by leaving one hand-written source out, ``scripts/train_content_embed.py --cv``).
DISCUSS_DISCOUNT = 0.5
_DISCUSSES = lazyre.compile(
    r"\b(stud(y|ies)|research(ers)?|surveys?|reports?|audits?|articles?|papers?|exhibits?|historians?|campaigners?|"
    r"critics?|advocates?|activists?|unions?|tenant groups|regulators?|courts?|judges?|the law|lawsuits?|"
    r"discriminat\w+|illegal|unlawful|prohibited|outlawed|ruled|stereotyp\w+|prejudice\w*|bias(es|ed)?|redlining|"
    r"examples? of|a classic example|coded (way|language)|(even )?when nobody intends)\b", _I)
_DECIDES = lazyre.compile(
    r"(?:^|[.!?;:]\s+|\bso\s+|\btherefore\s+|\bthen\s+)(?:please\s+|just\s+)?(reject|decline|deny|refuse|skip|"
    r"exclude|filter|screen|don'?t|do not|never|only|pay|charge|give|move|put|assign|rank|score|mark|grade|cap|limit|"
    r"flag|block|route|seat|set|offer|tell|keep|downgrade|triage|recommend\w*|decision|verdict|our policy|"
    r"we('ll| will| won'?t| are not| do not| don'?t| should)|i'?d|i would|have security|approve|hire|promote|rent|"
    r"let|send|remove|lower|raise|sort|cut|drop|ban|bar|pass|choose|select|steer|quote|label|avoid|make|ask|assume|"
    r"start|show|prefer|pick|favou?r|treat|require|bump|shortlist|discard|ignore|turn down|transfer|demote|fire)\b|"
    r"\bshould (only )?(be|get|go|not|never|say|answer)\b|\b(drop|keep|pass|reject)\b\s*[—-]", _I | re.M)


# ... nor one it reports having made ("Campaigners say landlords exclude Nigerian applicants. I have excluded the
# couple from Nigeria": the lead's attack on the discount, kept as a test)
_DECIDED = lazyre.compile(
    r"\b(i|we)(\s*'ve|\s+have|\s+had|\s*'d)?\s+(already\s+|just\s+|also\s+)?(excluded|rejected|declined|denied|"
    r"refused|removed|skipped|filtered|screened|dropped|marked|flagged|moved|put|placed|ranked|scored|downgraded|"
    r"shortlisted|hired|approved|chose|chosen|picked|selected|passed over|turned down|limited|capped|charged|offered|"
    r"gave|given|assigned|sent|routed|blocked|banned|barred|fired|demoted|left out|kept|sorted|cut|lowered|raised)\b", _I)


def discusses_bias(text: str) -> bool:
    """Whether ``text`` talks about biased decisions (reports, explains, quotes them) without making one."""
    return bool(_DISCUSSES.search(text)) and not _DECIDES.search(text) and not _DECIDED.search(text)


# The other half of the bias look-alikes: a fair decision names the person by the attribute ("go with the 59-year-old
# candidate because of her certification") and the head reads "decision + protected attribute" as bias (on blind4's
# out-of-fold scores most benign answers over the bias threshold were these). A decision whose reason is merit
# (a score, income, experience, a rubric) and that gives no attribute as its reason and no stereotype counts less too.
_MERIT = lazyre.compile(
    r"\b(certificat\w+|qualifi\w+|experience|years in the role|work sample|test scores?|highest (test |exam )?score|"
    r"interview score|rubric|references?|verified income|income|credit (history|score|check)|debt-to-income|grades?|"
    r"grade average|portfolio|performance (review|record|scores?)|track record|seniority|licen[cs]e|documented|"
    r"same (rubric|criteria|test|terms|price|questions)|reviewed by a second|first (applicant|come)|waiting list|"
    r"scored (higher|highest|best)|skills? test|written feedback|(exam|test|assessment) results)\b", _I)
_ATTRIBUTE_REASON = lazyre.compile(
    r"\b(because|since|as|given|due to)\b[^.;]{0,25}\b(age|religion|race|sex|gender|disability|accent|name|origin|"
    r"nationality|pregnan\w+|orientation|ethnicity|skin|faith|headscarf|hijab|turban|wheelchair|kids|children)\b|"
    r"\b(age|religion|race|sex|gender|disability|pregnancy|orientation|gender identity|ethnicity|nationality|origin)"
    r"\s+is\s+the\s+reason|\bit'?s about (age|sex|race|religion|gender)|\b(customers|clients|parents|guests|"
    r"visitors|residents|users)\s+(prefer|expect|find|won'?t|wouldn'?t|will|might|may|don'?t|dislike)|"
    r"\b(won'?t|doesn'?t|don'?t|wouldn'?t|not) fit\b|\bfit (our|the) (image|team|look|brand|culture)|\byou know how|"
    r"\bthose people|\bpeople like (that|them|her|him)|\bthey (always|tend|usually|often|never|all)\b|"
    r"\btoo (old|young)\b|\bslow\w* (the team |us |things )?down|\b(a )?(risk|hassle|burden|liability)\b|"
    r"\bjust in case\b|\bregardless\b|\beven though\b|\bskip\b|\bonly\b|\bexclud\w+|\breject\w*|\bdecline\w*|"
    r"\bdeny|\brefus\w+|\bnot\b|\bno\b|\bless\b|\blower\b|\bhigher\b|\bextra\b|\b(young|old)er\b|\bprett\w+|"
    r"\bfit in\b|\bawkward|\bcheaper|\bbottom\b|\bdown\b|\bstrict\w*|\blenient\w*|\bwhatever\b|\bby default\b|"
    r"\btraditional|\bmostly\b|\benergy\b|\b(won|don|wouldn|can)'?t\b|\bsame cv\b", _I)
_FAVOURS = lazyre.compile(r"(?:^|[.:;]\s+|\bdecision\b[^:]{0,30}:\s*)(approve|go with|hire|promote|choose|select|offer|give|"
                      r"accept|award|book|grant|shortlist(ed)?|invite|(say )?yes to)\b", _I | re.M)
# A decision that says the attribute is not weighed ("we don't weigh age, faith or origin", "the attribute played no
# part") names it as no reason: that clause is not read for one (its "don't" and "no" read as exclusions).
_ATTRIBUTE_NOUN = (r"(?:(?:his|her|their|the|an?|any|applicants?'?|candidates?'?)\s+)?(?:attributes?(?: in the file)?|age|faith|"
                   r"religion|origin|nationality|ethnicity|race|colou?r|disability|disabilities|sex|gender(?: identity)?|"
                   r"orientation|pregnancy|family status|marital status|accent|name|background|skin|headscarf)")
_NOT_WEIGHED = lazyre.compile(
    rf"\b(we|i)\s+(don'?t|do not|did not|didn'?t|never)\s+(weigh|consider|count|look at|take into account|factor in|"
    rf"score|ask about)\s+{_ATTRIBUTE_NOUN}((,\s*|,?\s+(or|and|nor)\s+){_ATTRIBUTE_NOUN})*\b|"
    rf"\b{_ATTRIBUTE_NOUN}((,\s*|,?\s+(or|and|nor)\s+){_ATTRIBUTE_NOUN})*\s+(play(s|ed)?|had|has|have) no (part|role|"
    rf"bearing)\b", _I)
_BECAUSE_MERIT = lazyre.compile(r"\b(because of|because|since|based on|on the basis of|due to|for|given)\b[^.;]{0,40}$", _I)


def merit_decision(text: str) -> bool:
    """Whether ``text`` decides for someone on merit (a score, income, experience, a rubric) and gives no protected
    attribute as its reason, no stereotype and no exclusion."""
    if len(text) > 600 or not _FAVOURS.search(text) or cb.against_clause(text):
        return False
    if _ATTRIBUTE_REASON.search(_NOT_WEIGHED.sub(" ", text)):
        return False
    return any(_BECAUSE_MERIT.search(text, 0, m.start()) for m in _MERIT.finditer(text))


_STEPS = lazyre.compile(r"(step\s*\d|^\s*\d+[.)]\s|```|\bhere(?:'s| is) how\b|\bfirst,? (?:get|buy|take|mix|open))", _I | re.M)

_GROUPS = (r"(jews?|jewish people|muslims?|christians?|hindus?|sikhs?|buddhists?|atheists?|black people|blacks|"
           r"white people|whites|asians?|africans?|arabs?|mexicans?|latinos?|latinas?|hispanics?|immigrants?|"
           r"refugees?|migrants?|gays?|gay people|lesbians?|trans people|transgender people|queer people|women|"
           r"girls|men|old people|the elderly|elderly people|boomers|disabled people|the disabled|autistic people|"
           r"chinese( people)?|indians?|russians?|roma|gypsies|poor people|fat people|blondes|southerners|"
           r"foreigners|native americans|indigenous people|irish|italians?|germans?|french|americans?|nigerians?|"
           r"pakistanis?|koreans?|japanese|filipinos?|catholics?|mormons?|people from [A-Z]\w+|"
           r"(?:white|black|brown|asian|gay|trans|muslim|jewish|christian|hindu|old|young|poor|fat) (?:men|women|folks|guys))")
# every group-based rule (_DEHUMANISE, _BIAS) needs one of these words: a cheap first look, on lower-cased text
_GROUPISH = lazyre.compile(rf"({_GROUPS.lower()}|too old|over \d\d|(fe)?male|young|white|woman|girl|black|"
                       r"native speakers|candidates under)")
_DEHUMANISE = lazyre.compile(
    rf"\b{_GROUPS}\s+(are|is)\s+(just\s+|all\s+|nothing but\s+)?(vermin|animals|subhuman|parasites?|cockroaches|"
    rf"rats|a (disease|cancer|plague)|savages|filth|trash|garbage|not (real )?(people|human))\b|"
    rf"\b(exterminate|eradicate|gas|kill|deport|purge|wipe out|get rid of)\s+(all\s+)?(the\s+)?{_GROUPS}\b|"
    rf"\b{_GROUPS}\s+(should|must|need to|deserve to)\s+(die|be (killed|exterminated|gassed|eradicated|"
    rf"wiped out|sterili[sz]ed|deported|locked up))\b|"
    rf"\b{_GROUPS}\s+(secretly\s+)?(control|run|own|rule)\s+(the\s+)?(banks?|media|world|government|money|hollywood)\b|"
    rf"\b{_GROUPS}\s+are\s+(all\s+|just\s+)?(useless|a burden|evil|the enemy|ruining|destroying|inferior|a plague|"
    rf"invaders|not welcome|less than human)\b", _I)
_HARASS = lazyre.compile(
    r"\bgo (die|kill yourself|hang yourself)\b|\byou('re| are)\s+(so\s+|such an?\s+)?(ugly|stupid|fat|"
    r"disgusting|retarded|idiot|moron|loser|freak)\b[^.]{0,40}\b(die|kill|hate|nobody|everyone|loser|go)\b|"
    r"\b(i|we)('ll| will| am going to|'m going to| are going to)\s+(find|hunt|kill|hurt|rape|beat|dox|"
    r"destroy)\s+(you|your|him|her|them)\b|\byou('re| are)\s+(a |an )?(worthless|pathetic|disgusting|"
    r"subhuman|waste of (space|oxygen)|piece of (shit|garbage|trash))\b|\bnobody (would|will) (miss|care "
    r"about) you\b|\beveryone hates you\b|\b(here is|here's) (his|her|their) (home )?address\b[^.]{0,60}"
    r"\b(go|visit|make (him|her|them) pay)", _I)

_BIAS = lazyre.compile(
    rf"\b(all|most|typical|those|these)?\s*{_GROUPS}\s+(are|is)\s+(all\s+|just\s+|always\s+|naturally\s+|inherently\s+|"
    rf"genetically\s+|typically\s+|simply\s+|usually\s+|basically\s+)?(lazy|stupid|dumb|greedy|violent|criminals?|"
    rf"terrorists?|thieves|dishonest|untrustworthy|inferior|less intelligent|unintelligent|bad at (math|maths|"
    rf"science|coding|programming|engineering|driving|leading|leadership|technology)|too emotional|hysterical|"
    rf"irrational|incompetent|dirty|cheap|good at (math|maths) because|better suited to (housework|the kitchen)|"
    rf"not (smart|capable|suited|fit) (enough )?(to|for))\b|"
    rf"\b{_GROUPS}\s+(can'?t|cannot|shouldn'?t|should not|don'?t know how to|are unable to|will never)\s+"
    rf"(code|program|drive|lead|do (math|maths|science)|be (trusted|engineers|leaders|managers|ceos|scientists)|"
    rf"handle (stress|pressure|technology)|learn (new )?(technology|to code))\b|"
    rf"\b(hire|promote|prefer|choose|pick)\s+(only\s+)?(men|young people|white (people|candidates)|"
    rf"native speakers|christians|candidates under \d+)\b[^.]{{0,60}}\b(because|since|as)\b|"
    rf"\b(men|women|whites|blacks|asians)\s+are\s+(naturally|inherently|genetically)\s+(better|worse|smarter|superior)|"
    rf"\b(too old|over \d{{2}}) to (learn|code|adapt|be hired)\b|"
    rf"\b{_GROUPS}\s+are\s+(all\s+)?(scammers|liars|rapists|cheaters|frauds|lazy|unreliable|stupid)\b|"
    rf"\b(nurses|engineers|doctors|ceos|pilots|programmers|developers|secretaries|leaders|managers|teachers)\s+"
    rf"should\s+(only\s+)?be\s+(men|women|male|female|young|white)\b|"
    rf"\b(men|women)\s+(aren'?t|are not|can'?t be|cannot be)\s+(caring|logical|technical|smart|rational|good leaders|"
    rf"good engineers|nurturing)\b|"
    rf"\bas an? (woman|girl|immigrant|black (man|woman)|asian)[^.]{{0,20}}\b(she|he|they) (is|are|will be) "
    rf"(naturally|probably|obviously) (worse|bad|less|weaker|emotional)", _I)

_NEGATED = lazyre.compile(r"\b(it is (a )?(myth|false|wrong|untrue|a stereotype)|stereotype\w*|myth|not true that|"
                      r"there is no evidence|misconception|prejudice\w*|the claim that|it's wrong to say|debunk\w*|"
                      r"discriminat\w+|unlawful|illegal|(doesn'?t|does not|don'?t|do not) support|bias(ed)?|"
                      r"quote[sd]?|the phrase|comments? like|example of|critics|people (still )?say)\b", _I)


def classify(text: str) -> dict[str, str]:
    """Content categories found in ``text`` with a short reason each (empty when the text is fine)."""
    found: dict[str, str] = {}
    howto = bool(_HOWTO.search(text))
    if (m := _WEAPON_TOPIC.search(text)) and howto and _WEAPON_MAKE.search(text):
        found["weapons"] = f"explains how to make or use a weapon ({m.group(0)})"
    if m := _VIOLENCE.search(text):
        found["weapons"] = f"explains how to hurt or kill people ({m.group(0)[:40]})"
    if (m := _DRUGS.search(text)) and _DRUG_MAKE.search(text):
        found["drugs"] = f"explains how to make illegal drugs ({m.group(0)})"
    defensive = _DEFENSIVE.search(text) and "```" not in text
    if (m := _MALWARE.search(text)) and _MALWARE_CODE.search(text) and not defensive:
        found["malware"] = f"gives working malware or intrusion instructions ({m.group(0)})"
    for pattern in _SELF_HARM:
        if m := pattern.search(text):
            found["self_harm"] = f"encourages or explains self-harm ({m.group(0)[:40]})"
            break
    for m in _SEXUAL.finditer(text):
        window = text[max(0, m.start() - 120): m.end() + 120]
        if _MINOR.search(window) and not _SEXUAL_SAFE.search(window):
            found["csam"] = "sexual content involving minors"
            break
    groupish = _GROUPISH.search(text.lower()) is not None
    if groupish and (m := _DEHUMANISE.search(text)):
        found["hate"] = f"dehumanises or calls for violence against a group ({m.group(0)[:50]})"
    if m := _HARASS.search(text):
        found["harassment"] = f"threatens or harasses a person ({m.group(0)[:50]})"
    if (groupish and (m := _BIAS.search(text)) and not _NEGATED.search(text[max(0, m.start() - 80): m.end() + 40])
            and not _OPEN_QUOTE.search(text[max(0, m.start() - 3):m.start()])):  # a quoted stereotype is mentioned
        found["bias"] = f"stereotypes a group of people ({m.group(0).strip()[:60]})"
    if found and _REFUSAL.search(text) and not _STEPS.search(text) and not _PIVOT.search(text[:200]):
        found.clear()
    if find_secrets(text):
        found["secret"] = "contains a secret (key, token or password)"
    return found


DEFAULT_THRESHOLD = 0.5
END_CHARS = 600  # in an answer longer than content_model.MAX_CHARS, the sentences of each end are also scored alone
# The drug rules fire on drug information (a quarter of the dev set's drug look-alikes): their hit counts only when
# the classifier gives the category at least RULE_AGREE. So does a bias rule hit whose every match is quoted.
RULES_NEED_MODEL = ("drugs",)
RULE_AGREE = 0.15
_OPEN_QUOTE = lazyre.compile("[\"'\u2018\u201c]\\s*$")
_CLOSE_QUOTE = lazyre.compile("\\s*[\"'\u2019\u201d]")


def _only_quoted(pattern: re.Pattern[str], text: str) -> bool:
    """Whether every match of ``pattern`` in ``text`` stands inside quotation marks."""
    spans = [m.span() for m in pattern.finditer(text)]
    return bool(spans) and all(_OPEN_QUOTE.search(text[max(0, a - 3):a]) and _CLOSE_QUOTE.match(text, b)
                               for a, b in spans)
_MODEL_REASONS = {
    "weapons": "reads as help to build, get or use a weapon or explosive",
    "drugs": "reads as help to make or deal illegal drugs",
    "malware": "reads as help to build or spread malware (keylogger, ransomware, spyware)",
    "fraud": "reads as a scam, phishing or fraud plan",
    "violence": "reads as a plan or encouragement to hurt someone",
    "self_harm": "encourages or explains self-harm",
    "stalking": "reads as help to track, spy on or stalk a person",
    "csam": "sexual content involving minors",
    "bias": "treats people differently by a protected attribute (age, disability, orientation, race, religion, sex, origin)",
}


@dataclass(frozen=True)
class ContentVerdict:
    """What the screen found: ``found`` maps each category at or over its threshold to a reason."""

    found: dict[str, str]
    scores: dict[str, float] = field(default_factory=dict)
    truncated: bool = False  # the classifier saw only the start and the end of a very long text

    @property
    def flagged(self) -> bool:
        return bool(self.found)


def screen_text(text: str, thresholds: dict[str, float] | None = None) -> ContentVerdict:
    """Screen ``text`` (an answer, a chat reply): rules first, then the classifier's score per category."""
    from macrohard.safety.content_embed import read  # numpy only when something is screened
    from macrohard.safety.content_model import MAX_CHARS, shipped
    from macrohard.safety.content_multi import lift_bias
    from macrohard.safety.content_multi import screen_read as screen_other_language
    from macrohard.safety.content_neutral import no_one_to_treat_differently, said_once
    from macrohard.safety.content_stack import GATE as STACK_GATE
    from macrohard.safety.content_stack import OTHER_LANGUAGE as STACK_OTHER_LANGUAGE
    from macrohard.safety.content_stack import STACKED, strongest
    from macrohard.safety.content_stack import features as stack_features
    from macrohard.safety.content_stack import shipped as shipped_stack
    from macrohard.safety.lang import detect

    if (once := said_once(text)) is not text:  # a sentence said over and over is read once (content_neutral)
        verdict = screen_text(once, thresholds)
        found = dict(verdict.found)
        if "secret" not in found and find_secrets(text):
            found["secret"] = "contains a secret (key, token or password)"
        return ContentVerdict(found=found, scores=verdict.scores, truncated=len(text) > MAX_CHARS)
    # the rules read what the classifier reads (the first and last 3,000 characters of a longer text: said in
    # ``truncated``), so a huge answer stays within the latency budget; secrets are looked for everywhere
    sample = text if len(text) <= MAX_CHARS else text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
    found = classify(sample)
    language = detect(sample)  # once: it costs a few ms on a long answer (the other-language heads reuse it)
    other = language.other
    if sample is not text and "secret" not in found and find_secrets(text):
        found["secret"] = "contains a secret (key, token or password)"
    ngram = shipped().scores(text)
    if len(text) > MAX_CHARS:  # a huge answer's ends are also read sentence by sentence: pages of prose dilute a
        # harmful ending (or opening) in the whole text's n-grams, and the head's last window mixes it with the prose
        ends = text[:END_CHARS] + "\n" + text[-END_CHARS:]
        for part in (p for p in re.split(r"(?<=[.!?])\s+|\n", ends) if len(p.strip()) > 20):
            ngram = {c: max(s, e) for (c, s), e in zip(ngram.items(), shipped().scores(part).values(), strict=True)}
    for category in RULES_NEED_MODEL:  # the drug rules alone flag drug facts: evidence only
        if category in found and ngram.get(category, 1.0) < RULE_AGREE:
            del found[category]
    if "bias" in found and ngram.get("bias", 1.0) < RULE_AGREE and _only_quoted(_BIAS, sample):
        del found["bias"]  # a stereotype in quotation marks is mentioned (to discuss it), not applied
    # the full MiniLM's head votes with the n-grams (content_embed); without its encoder, the n-grams alone (warned)
    scores = read(sample, ngram, other=other)
    if declines(text):  # a short refusal names the harm it declines: its scores count less (the rules already agree)
        scores = {category: score * REFUSAL_DISCOUNT for category, score in scores.items()}
    if not declines(text) and (top := max(HARMFUL, key=lambda c: scores.get(c, 0.0))) in scores:
        # a half-recognised harmful plan that says how it stays hidden (content_covert)
        scores[top] = lift_harm(scores[top], sample)
    if "csam" in scores and not declines(text) and grooming(sample):  # steps to get a child alone (content_groom)
        scores["csam"] = cb.lift(scores["csam"], GROOM_LIFT)
    if "bias" in scores and not declines(text) and stereotyped(sample) is not None:
        # an act against someone whose reason is a claim about their group or others' taste (content_reason)
        scores["bias"] = max(scores["bias"], STEREOTYPE_SCORE)
    elif "bias" in scores and (discusses_bias(sample) or merit_decision(sample)):  # not a biased decision: counts less
        scores["bias"] *= DISCUSS_DISCOUNT
    elif "bias" in scores and not declines(text) and (clause := cb.against_clause(sample)) is not None:
        # a clause acts against a protected group: read alone (a decision after a merit sentence or talk of bias
        # scores low when pooled with it), and a half-recognised decision is lifted (content_bias)
        if clause.strip() != sample.strip():
            scores["bias"] = max(scores["bias"], read(clause, shipped().scores(clause), "bias", other)["bias"])
        if cb.gives_attribute_reason(clause):
            scores["bias"] = cb.lift(scores["bias"], cb.REASON_LIFT)
        elif scores["bias"] >= cb.AGAINST_GATE:
            scores["bias"] = cb.lift(scores["bias"], cb.AGAINST_LIFT)
    elif "bias" in scores and not declines(text):
        # a short answer in another language that lang.detect reads as English ("Inga romer i butiken.", one function
        # word each: "On prend l'homme ...") never reaches the other-language heads: the other-language clause
        # reading lifts the English score by the same numbers (content_bias_other)
        scores["bias"] = lift_bias(scores["bias"], sample)
    for category, score in scores.items():
        limit = (thresholds or {}).get(category, DEFAULT_THRESHOLD)
        if score >= limit and category not in found:
            found[category] = f"{_MODEL_REASONS.get(category, category)} (score {score:.2f})"
    spread = None if any(c in found for c in HARMFUL) else spread_harm(
        scores, (thresholds or {}).get(ANY_HARM, HARM_ANY), len(sample.split()))
    if spread and not other:
        # several harmful categories half-recognised: the answer is likely harmful in one of them (content_any; in
        # English only: the English models' scores spread thin over every category on other languages)
        found[spread[0]] = f"{_MODEL_REASONS[spread[0]]} (combined harmful score {spread[1]:.2f} over the categories)"
    # an answer in another language (or a large part of it) is read by the multilingual head too (content_multi,
    # helper screen8m); English answers never reach it
    other_found, combined = screen_other_language(sample, language)
    for category, reason in other_found.items():
        found.setdefault(category, reason)
    if not found and (stack := shipped_stack()) is not None and (
            not other or (STACK_OTHER_LANGUAGE and combined is not None)):
        # the readings together: an answer several paths half-recognise (content_stack, scr40), when one of them is
        # at least half-way to its threshold
        from macrohard.safety import content_gemma

        category, ratio = strongest(scores, {c: (thresholds or {}).get(c, DEFAULT_THRESHOLD) for c in scores},
                                    combined, content_gemma.limits())
        if ratio >= STACK_GATE and not (category == "bias" and not other and no_one_to_treat_differently(sample)):
            # an English answer that names no one is not read as bias by the stack (content_neutral)
            p = stack.probability(stack_features(scores, other, combined))
            if p >= (thresholds or {}).get(STACKED, stack.threshold):
                found[category] = f"{_MODEL_REASONS[category]} (the screen's readings together, {p:.2f})"
    return ContentVerdict(found=found, scores=scores, truncated=len(text) > MAX_CHARS)
