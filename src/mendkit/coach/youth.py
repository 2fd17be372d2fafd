"""What a safety stop needs to know about who it speaks to: a young person, someone worried
about another person's safety, pictures that are shared or threatened.

The reading is conservative and simple. A person reads as young only by an age under 18 said
of themselves ("im 15", "I'm only fourteen") or by school words said of their own life ("everyone
in my year", "at school", "year 10"), and never when the same words speak of their own children
or work. An adult in a relationship with them is read only from an age said of the other person
("tyler is 20 and im 15") with words of dating. Crisis signs are about someone else only when the
nearest subject before each sign is another person ("jess sent me a message saying she doesnt
want to be alive"), never "I".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from mendkit.labels import CRISIS
from mendkit.model import TurnAnalysis

_I: Final = re.IGNORECASE
_WORD_AGES: Final = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                     "fifteen": 15, "sixteen": 16, "seventeen": 17}
# What a number after "I'm" may measure instead of an age ("im 15 minutes late").
_NOT_AN_AGE: Final = (r"(?!\s*(?:%|percent|mins?\b|minutes|hours?|hrs?\b|days?|weeks?|months?"
                      r"|pounds|lbs?\b|kg|kilos?|stone|miles|km|quid|dollars|bucks|times|x\b"
                      r"|euros?|feet|foot|ft\b|inches|in\b|cm|k\b|grand|points?))")
_OWN_AGE: Final = re.compile(
    r"\b(?:i'?m|im|i am|i was just|i just turned|i turned)\s+(?:only\s+|just\s+|literally\s+)?"
    rf"(1[0-7]|{'|'.join(_WORD_AGES)})\b(?:\s*(?:years? old|yrs? old|yo|y/o))?{_NOT_AN_AGE}",
    _I)
# School said of one's own days: "at school", "my year", "year 10", "grade 9", "my teacher".
_SCHOOL: Final = re.compile(
    r"\b(?:my|at|in|to|after|before|from|skip(?:ped|ping)?|outside) school\b(?! (?:run|fees?|pick"
    r"|gates?|drop|holidays?|play|uniform|trip))"
    r"|\bschool (?:tomorrow|today|tmrw|2moro)\b"
    r"|\b(?:everyone|people|someone|kids|girls|boys|half|all|the whole|the rest of|anyone) "
    r"(?:\w+ )?(?:in|of) my (?:year|class|grade|form)\b|\bthe whole (?:year|school|class)\b"
    r"|\b(?:in|i'?m in|im in) (?:year (?:[7-9]|1[0-3])|(?:[6-9]|1[0-2])(?:th)? grade"
    r"|grade (?:[6-9]|1[0-2]))\b"
    r"|\b(?:high|middle|secondary|junior high) school\b|\bsixth form\b|\bhomeroom\b|\bgcses?\b"
    r"|\bmy (?:form )?tutor\b|\bmy head of year\b|\bmy (?:maths?|math|english|science|pe) teacher\b",
    _I)
# The same words said by a parent, a teacher or about work: no young person is speaking.
_ADULT_LIFE: Final = re.compile(
    r"\bmy (?:son|daughter|kids?|child|children|boy|girl|students?|pupils?|class i teach|husband"
    r"|wife|boss|manager|colleague|job)\b|\bi teach\b|\bour (?:kids|children|son|daughter)\b",
    _I)
# An age said of someone else: "tyler is 20", "hes 22", "my bf is 19", "he's like 20".
_OTHER_AGE: Final = re.compile(
    r"\b(?:he'?s|hes|he is|she'?s|shes|she is|they'?re|theyre|they are|(?!i\b|im\b)[a-z]+ is)"
    r"\s+(?:like\s+|almost\s+|nearly\s+|already\s+|literally\s+|actually\s+)?"
    rf"(1[89]|[2-9]\d)\b(?:\s*(?:years? old|yrs? old|yo|y/o))?{_NOT_AN_AGE}", _I)
_FAMILY_AGE: Final = re.compile(
    r"\b(?:dad|mum|mom|father|mother|brother|sister|uncle|aunt|auntie|nan|gran|grandma|grandpa"
    r"|teacher|cousin|stepdad|stepmum|stepmom) (?:is|'s)\s+\d", _I)
_DATING: Final = re.compile(
    r"\b(?:boyfriend|girlfriend|bf|gf|dating|date|going out with|relationship|partner|my man"
    r"|seeing (?:him|her)|together|hooking up|sleeping with)\b", _I)


def own_age(text: str) -> int | None:
    """The age under 18 the writer says is theirs ("im 15"), or None.

    >>> own_age("tyler is 20 and im 15"), own_age("im 15 minutes late")
    (15, None)
    """
    found = _OWN_AGE.search(text.replace("\u2019", "'"))
    if found is None:
        return None
    said = found.group(1).lower()
    return _WORD_AGES.get(said) or int(said)


def reads_young(text: str) -> bool:
    """Whether ``text`` plainly tells of a young person (under 18): their own age said, or
    school words said of their own life, and no words of a parent's, teacher's or adult's life.

    >>> reads_young("he said he'd send them to everyone in my year")
    True
    >>> reads_young("my daughter's friends at school were mean to her")
    False
    """
    text = text.replace("\u2019", "'")
    if own_age(text) is not None:
        return True
    return _SCHOOL.search(text) is not None and _ADULT_LIFE.search(text) is None


# An age of 18 or more said of oneself ("I'm 52", "I am 34 years old").
_OWN_ADULT_AGE: Final = re.compile(
    r"\b(?:i'?m|im|i am|i just turned|i turned)\s+(?:nearly\s+|almost\s+|now\s+)?"
    rf"(1[89]|[2-9]\d|1[01]\d)\b(?:\s*(?:years? old|yrs? old|yo|y/o))?{_NOT_AN_AGE}", _I)
# Words only an adult says of their own life: a spouse, their own children or grandchildren,
# retirement or a pension. Not a job, a boss or a partner (a teenager has those too), and not
# caring for a parent: young carers look after parents, some with dementia.
_PLAINLY_ADULT: Final = re.compile(
    r"\bmy (?:husband|wife|hubby|ex-?husband|ex-?wife|grandchild(?:ren)?|grandkids?|grandson"
    r"|granddaughter|pension|mortgage|(?:own )?(?:son|daughter|kids|children))\b"
    r"|\bour (?:kids|children|son|daughter|grandchildren|grandkids)\b|\bi'?m retired\b"
    r"|\bim retired\b|\bi retired\b", _I)


def reads_adult(text: str) -> bool:
    """Whether ``text`` plainly tells of an adult: an age of 18 or more said of oneself, or a
    spouse, one's own children or grandchildren, retirement or a pension, and nothing that reads
    as young (``reads_young``). Then a crisis stop leaves out the line for children and young
    people; when in doubt it is shown.

    >>> reads_adult("I look after Mum and my husband works away")
    True
    >>> reads_adult("I look after my mum, she has dementia")
    False
    >>> reads_adult("im 15 and my dad is 45")
    False
    """
    text = text.replace("\u2019", "'")
    if reads_young(text):
        return False
    return _OWN_ADULT_AGE.search(text) is not None or _PLAINLY_ADULT.search(text) is not None


def adult_with_minor(text: str, *, partner: bool = False) -> int | None:
    """The writer's age when ``text`` tells of an adult (18 or over) in a relationship with
    them while they are under 18 ("tyler is 20 and im 15"), else None. ``partner``: the
    relationship is already known to be a partner's (the coach's context answer).

    >>> adult_with_minor("my bf is 20 and im 15")
    15
    >>> adult_with_minor("im 15 and my dad is 45")
    """
    text = text.replace("\u2019", "'")
    age = own_age(text)
    if age is None or not (partner or _DATING.search(text)):
        return None
    for found in _OTHER_AGE.finditer(text):
        if not _FAMILY_AGE.search(text[max(0, found.start() - 12):found.end()]):
            return age
    return None


# The subject nearest before a sign: who it is about ("saying she doesnt want to be alive").
_SUBJECTS: Final = re.compile(
    r"\b(?P<me>i|i'?m|im|i'?d|i'?ve|ive|i'?ll|myself)\b"
    r"|\b(?P<other>he|she|they|he'?s|hes|she'?s|shes|they'?re|theyre|he'?d|she'?d|they'?d"
    r"|he'?ll|she'?ll|they'?ll|himself|herself|themselves|themself)\b", _I)
# Kinds of sign that speak of the writer's own life when the writer is the one at risk.
_OWN_KINDS: Final = frozenset({"suicide", "self_harm"})
# The weak rule for keeping something secret ("please don't tell", "made me promise not to say").
_SECRET_HINT: Final = "rule:crisis/weak-secret-"
# Words that say a sign was said to the writer ("sending me messages telling me to kys",
# "saying nobody would miss me"): between the other person and the sign, or "me" in the sign.
_TO_ME: Final = re.compile(
    r"\b(?:tell\w*|told|send\w*|sent|messag\w*|text\w*|call\w*|say\w*|said|post\w*"
    r"|comment\w*|dm\w*|dming|writ\w*|wrote|spam\w*|shout\w*|yell\w*)\s+(?:to\s+)?(?:me|u)\b"
    r"|\b(?:at|to) me\b", _I)
_ME_IN_SIGN: Final = re.compile(r"\b(?:me|my|myself)\b", _I)
# The other person's demand for secrecy ("if i tell anyone", "dont tell anyone"): a sign of
# abuse on its own, but, with their own signs, part of a friend's message, not danger to the
# writer.
_SECRECY: Final = re.compile(
    r"\btell\s+(?:any\s?(?:one|body|1)|no\s?(?:one|body)|ppl|people|ur\s+\w+|your\s+\w+)\b"
    r"|\bsecret\b|\bnot to tell\b|\bdon'?t tell\b", _I)


def _nearest_other(text: str, sign_start: int) -> re.Match[str] | None:
    """The subject nearest before ``sign_start`` in its sentence, when it is another person."""
    start = max(text.rfind(".", 0, sign_start), text.rfind("?", 0, sign_start),
                text.rfind("!", 0, sign_start), text.rfind("\n", 0, sign_start)) + 1
    before = list(_SUBJECTS.finditer(text, start, sign_start))
    return before[-1] if before and before[-1].group("other") else None


def said_to_writer(turn: TurnAnalysis) -> bool:
    """Whether a sign of suicide or self-harm in ``turn`` (the writer's own words) was said to
    the writer by someone else ("they keep sending me messages telling me to kys", "saying
    nobody would miss me"): the words are aimed at the writer, who is the one at risk.

    >>> from mendkit.model import Evidence
    >>> text = "they keep telling me to kys"
    >>> sign = Evidence(label=CRISIS, subtype="suicide", start=24, end=27, text="kys",
    ...                 source="rule:crisis/example")
    >>> said_to_writer(TurnAnalysis(index=0, speaker="me", text=text, labels=(CRISIS,),
    ...                             evidence=(sign,)))
    True
    """
    text = turn.text.replace("\u2019", "'")
    for sign in turn.evidence:
        if sign.label != CRISIS or sign.subtype not in _OWN_KINDS:
            continue
        if text[sign.start:sign.end] != sign.text.replace("\u2019", "'"):
            continue
        other = _nearest_other(text, sign.start)
        if other is not None and _TO_ME.search(text, other.end(), sign.end):
            return True
    return False


def about_someone_else(turn: TurnAnalysis) -> bool:
    """Whether every sign of suicide or self-harm in ``turn`` (the writer's own words) is about
    another person: the nearest subject before it in its sentence, or in it, is "she", "he" or
    "they" ("my friend told me he wants to kill himself"), and no sign is of danger to the
    writer but their demand to keep it secret. Any sign said of "I" or "me", or said to the
    writer ("telling me to kys": ``said_to_writer``), is the writer's own."""
    text = turn.text.replace("\u2019", "'")
    found = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    # Round 17: a secrecy hint takes the kind of the sign beside it (``crisis_secret``), so "she
    # made me promise not to tell anyone" after her words of suicide is part of what she said,
    # not a sign of the writer's own ("me" is the one she told).
    signs = [e for e in found if e.subtype in _OWN_KINDS and not (
        e.source.startswith(_SECRET_HINT) and _SECRECY.search(e.text.replace("\u2019", "'")))]
    # Their demand for secrecy beside their own signs is part of what they said, not danger to
    # the writer ("he said if i tell anyone hes never speaking to me again").
    if not signs or any(e.subtype not in _OWN_KINDS and not (
            e.subtype == "abuse_danger" and _SECRECY.search(e.text.replace("\u2019", "'")))
            for e in found):
        return False
    if said_to_writer(turn):
        return False  # "telling me to kys": the writer is the one at risk
    for sign in signs:
        if text[sign.start:sign.end].replace("\u2019", "'") != sign.text.replace("\u2019", "'"):
            return False  # offsets that are not the text's: no telling
        start = max(text.rfind(".", 0, sign.start), text.rfind("?", 0, sign.start),
                    text.rfind("!", 0, sign.start), text.rfind("\n", 0, sign.start)) + 1
        inside = list(_SUBJECTS.finditer(text, sign.start, sign.end))
        before = list(_SUBJECTS.finditer(text, start, sign.start))
        if any(m.group("me") for m in inside) or _ME_IN_SIGN.search(
                text, sign.start, sign.end):
            return False
        if not any(m.group("other") for m in inside) and not (
                before and before[-1].group("other")):
            return False
    return True


# Who a young person can tell, in every stop they may see (the abuse stop's tips, and
# ``content``'s stops for being told to hurt oneself and for a friend at risk): never "a parent",
# and no one in the family ("a relative"): in honour-based abuse or a forced marriage the uncles,
# the cousins or the whole family may be the danger (round 19).
TRUSTED_PEOPLE: Final = "a teacher, a school counsellor, a doctor or a friend's parent"
TRUSTED_ADULT: Final = (f"Tell an adult you trust, today if you can: {TRUSTED_PEOPLE}, or call or "
                        "message a helpline for young people from the list.")
# Tips that fit a threat said face to face, and a phone that was taken, as well as one sent in
# messages (round 19: "screenshot and block them" and "keep your phone with you" were said to a
# girl whose father had threatened her in person and taken her phone).
SCREENSHOTS_TIP: Final = ("If any of it came in messages, keep screenshots somewhere safe, then "
                          "block and report the sender on the app or site.")
CALL_FOR_HELP_TIP: Final = ("Know how you could call for help: a phone you can keep, or a place "
                            "nearby where you could ask to use one.")


def safety_plan(*, young: bool, images: bool, image_service: str = "",
                adult_plan: Iterable[str] = ()) -> tuple[str, ...]:
    """The tips a stop for danger from someone else shows: for a young person, to tell an adult
    they trust, keep screenshots if any of it came in messages, and know how they could call for
    help (not an adult's plan to leave); with ``images`` (pictures shared, threatened or
    demanded), to send no more and where to get them taken down (``image_service``, the
    region's, when there is one); for an adult, ``adult_plan`` first."""
    lines: list[str] = []
    if young:
        # No "tell a parent": a parent or step-parent may be the one hurting them (round 17).
        lines.append(f"{TRUSTED_ADULT} You don't have to sort this out on your own.")
    else:
        lines.extend(adult_plan)
    if images:
        lines.append("Don't send any more pictures or money, even if they push or threaten you.")
        if image_service:
            lines.append(f"{image_service} can help get pictures taken down or stop them being "
                         "shared: it is in the list above.")
    if young or images:
        lines.append(SCREENSHOTS_TIP)
    if young:
        lines.append(CALL_FOR_HELP_TIP)
    return tuple(lines)


def age_gap_line(age: int) -> str:
    """What the abuse stop says first when an adult is in a relationship with the writer at
    ``age`` (the stop's own words go on: it is not your fault).

    >>> age_gap_line(15)[:57]
    'An adult in a relationship with a 15-year-old is not okay'
    """
    return (f"An adult in a relationship with a {age}-year-old is not okay, whatever they say "
            "about it.")


# A parent as the one who acts in the writer's home life: "mam found my messages", "dad said
# i cant", "mum took my phone", "grounded me", "kicked me out".
_AT_HOME: Final = re.compile(
    r"\b(?:my )?(?:mam|mum|mom|mammy|mummy|mommy|ma|dad|da|daddy|stepdad|stepmum|stepmom"
    r"|parents)\s+(?:found|caught|said|says|told me|took my|takes my|grounded|kicked me"
    r"|threw me|wont let|won't let|doesnt let|doesn't let|checks my|read my|went through my)\b"
    r"|\bgrounded me\b", _I)


def reads_young_at_home(text: str, relationship: str) -> bool:
    """Whether ``text`` reads as a young person's, told of a parent at home: the relationship is
    "family" and a parent acts on the writer's home life ("mam found my messages", "dad said i
    cant go"), with no words of a parent's, teacher's or adult's own life (``reads_young``'s
    school and age words are read first).

    >>> reads_young_at_home("mam found my messages with my girlfriend", "family")
    True
    >>> reads_young_at_home("mam found my messages with my girlfriend", "partner")
    False
    >>> reads_young_at_home("my mum said my husband is lazy", "family")
    False
    """
    text = text.replace("\u2019", "'")
    if reads_young(text):
        return True
    return (relationship == "family" and _AT_HOME.search(text) is not None
            and _ADULT_LIFE.search(text) is None)
