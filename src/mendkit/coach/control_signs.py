"""Signs in the person's own answers that they are controlling the other person, not setting a
limit or repairing something they did.

A limit says what *I* will do ("I'll leave the room when the shouting starts"). Deciding whom a
partner sees or where they go, tracking where they are, checking their phone, or going silent
until they give in is coercive control, however it is worded ("I set a boundary", "so I know
she's safe"). The README promises that signs of control stop the repair coaching: the coach
writes and approves no message that carries such a demand, says plainly what a limit is, and
points to help for people who want to change how they treat a partner (``content.CONTROL_LINES``).

Only the person's own words count, and only what *they* ask of or do to the other person: "he
won't let me see my friends" is control done to them (the abuse stop's business), never this.
In what happened and what they noticed, the demand must be said as theirs ("I told her she
isn't going", "I'm not okay with her seeing Tom", "keep her location shared"); in the answers
that ask something of the other (the limit, what they will do, their request, their needs, a
draft of their own) a bare order is enough ("Please don't see Tom anymore"). The other person
naming it as control ("she said I was being controlling") is not enough alone: it is reported,
with a demand, as a reason to take it seriously. Deterministic patterns, no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

__all__ = ["ASKING_STEPS", "CONTROLLED", "KINDS", "NAMED", "asks_control", "controlled", "controls",
           "named_as_control", "stop_lines"]

_I: Final = re.IGNORECASE
_OTHER: Final = r"(?:her|him|them|you|u)"
_THEIR: Final = r"(?:her|his|their|your|ur)"
_SUBJECT: Final = r"(?:she|he|they|you|u)"
# People a partner may be kept from: friends, family, a named person.
_PEOPLE: Final = (r"(?:(?:her|his|their|your|ur|that|this)\s+)?(?:(?:best|old|uni|work|school|male"
                  r"|female|girl|guy)\s+)?(?:friends?|mates?|family|sister|brother|mum|mom"
                  r"|mother|dad|father|parents|colleagues?|coworkers?|ex|sibling)s?")
_SEEING: Final = (r"(?:see(?:ing)?|meet(?:ing)?|visit(?:ing)?|go(?:ing)?\s+out\s+with|going\s+out"
                  r"|go(?:ing)?\s+(?:to|out)|hang(?:ing)?\s+out(?:\s+with)?|talk(?:ing)?\s+to"
                  r"|text(?:ing)?|messag(?:e|ing)|spend(?:ing)?\s+time\s+with)"
                  r"(?!\s+(?:me|us|with\s+me|to\s+me)\b)")

# Keeping the other person from people or places, said as mine.
_ISOLATING: Final = (
    # "I'm not okay with her seeing Tom", "I'm not comfortable with you going out without me"
    re.compile(rf"\b(?:not|never)\s+(?:okay|ok|alright|all\s+right|happy|comfortable|fine)\s+with"
               rf"\s+{_OTHER}\s+{_SEEING}\b", _I),
    # "I told Laura she isn't going to her sister's", "I said you can't see him"
    re.compile(rf"\bI\s+(?:told|said\s+to|informed|made\s+it\s+clear\s+to)\s+(?:\w+\s+)?(?:that\s+)?"
               rf"{_SUBJECT}\s+(?:isn'?t|is\s+not|aren'?t|are\s+not|can'?t|cannot|won'?t\s+be"
               rf"|will\s+not\s+be|(?:is|are)(?:n'?t|\s+not)\s+allowed\s+to|(?:has|have)\s+to\s+stop"
               rf"|(?:needs?|has|have)\s+to\s+(?:stop|quit))\s+(?:be\s+)?{_SEEING}\b", _I),
    # "I said she can't go out without me", "I don't let her see her friends"
    re.compile(rf"\bI\s+(?:don'?t|do\s+not|won'?t|will\s+not|never|didn'?t|did\s+not)\s+let\s+"
               rf"{_OTHER}\s+{_SEEING}\b", _I),
    # "I need her to stop seeing her sister", "I told him to stop texting his ex"
    re.compile(rf"\b(?:I\s+(?:need|want|told|asked|made)|I'd\s+like)\s+{_OTHER}\s+to\s+(?:stop|quit|give\s+up)"
               rf"\s+{_SEEING}\b", _I),
    # "respect my boundary about her sister", "my boundary around his friends"
    re.compile(rf"\bboundar(?:y|ies)\s+(?:about|around|with|on|regarding)\s+{_PEOPLE}\b", _I),
    # "without me" about their going out: "going out with her uni friends without me"
    re.compile(r"\b(?:not|never|no\s+more|stop)\b[^.!?]{0,40}\bgo(?:ing|es)?\s+out\b[^.!?]{0,40}"
               r"\bwithout\s+me\b", _I),
)
# The same, as an order to them: only in the answers that ask something of them.
_ISOLATING_ASKED: Final = (
    # "Please don't see Tom anymore", "stop texting your ex", "no more seeing your friends"
    re.compile(rf"\b(?:don'?t|do\s+not|stop|quit|no\s+more|never)\s+{_SEEING}\s+(?!me\b|us\b)"
               rf"(?:\w+[\s']+){{0,3}}?(?:any\s*more|again|without\s+me|behind\s+my\s+back)\b", _I),
    re.compile(rf"\b(?:don'?t|do\s+not|stop|quit|never)\s+{_SEEING}\s+{_PEOPLE}\b", _I),
    re.compile(rf"\b{_SUBJECT}\s+(?:can'?t|cannot|aren'?t|isn'?t|are\s+not|is\s+not|won'?t|will\s+not)"
               rf"\s+(?:be\s+)?{_SEEING}\s+{_PEOPLE}\b", _I),
    re.compile(rf"\b(?:ask|tell|check\s+with)\s+me\s+(?:first\s+)?before\s+{_SUBJECT}\s+{_SEEING}\b",
               _I),
)
# Knowing where they are at all times.
_TRACKING: Final = (
    re.compile(rf"\b(?:keep|leave|have|turn\s+on|switch\s+on|share|sharing)s?\s+{_THEIR}\s+"
               r"(?:live\s+)?location\b", _I),
    re.compile(r"\blocation\s+(?:on|shared|sharing)\s+(?:at\s+all\s+times|all\s+the\s+time|24/7"
               r"|always|so\s+(?:that\s+)?I)\b", _I),
    re.compile(rf"\bso\s+(?:that\s+)?I\s+(?:always\s+|can\s+)?(?:always\s+)?know\s+where\s+{_SUBJECT}"
               r"(?:\s+(?:is|are)|'s|'re)\b", _I),
    re.compile(rf"\b(?:track|tracking|tracked|trace|follow)\s+{_THEIR}\s+(?:location|phone|car"
               r"|movements)\b", _I),
    re.compile(rf"\bI\s+(?:track|tracked|follow(?:ed)?)\s+{_OTHER}\b", _I),
    re.compile(r"\bcheck(?:s|ing)?\s+in\s+with\s+me\s+every\b", _I),
    re.compile(r"\b(?:text|message|answer|call)\s+me\s+back\s+within\b", _I),
)
# Going through their phone, messages or passwords.
_DEVICE: Final = r"(?:phone|messages|texts|emails?|dms|whatsapp|instagram|socials|password|passcode|pin)"
_MONITORING: Final = (
    re.compile(rf"\bI\s+(?:\w+\s+)?(?:check(?:ed)?|go\s+through|went\s+through|look(?:ed)?\s+through"
               rf"|read|search(?:ed)?)\s+{_THEIR}\s+{_DEVICE}\b", _I),
    re.compile(rf"\b(?:all\s+I\s+did\s+was|I\s+only|I\s+just)\s+(?:check|go\s+through|look\s+through"
               rf"|read)\s+{_THEIR}\s+{_DEVICE}\b", _I),
    re.compile(rf"\b(?:give|hand|show)\s+(?:over\s+)?me\s+{_THEIR}\s+{_DEVICE}\b", _I),
    re.compile(rf"\b(?:hand|give)\s+over\s+{_THEIR}\s+{_DEVICE}\b", _I),
    re.compile(rf"\bunlock\s+{_THEIR}\s+phone\s+for\s+me\b", _I),
    re.compile(rf"\b(?:give|hand)\s+(?:over\s+)?{_THEIR}\s+{_DEVICE}\b(?:\s+over)?\s+to\s+me\b", _I),
    re.compile(rf"\b{_SUBJECT}\s+(?:has|have|needs?|must)\s+(?:to\s+)?(?:give|hand|show)\s+(?:over\s+)?"
               rf"me\s+{_THEIR}\s+{_DEVICE}\b", _I),
)
# Silence until they give in: "I'll stop talking to her until she does".
_SILENT: Final = (
    re.compile(rf"\b(?:stop|not\s+be|won'?t\s+be|quit)\s+(?:talking|speaking)\s+to\s+{_OTHER}\s+"
               r"(?:until|unless|till|til)\b", _I),
    re.compile(rf"\b(?:won'?t|will\s+not|not\s+going\s+to|refuse\s+to)\s+(?:talk|speak)\s+to\s+"
               rf"{_OTHER}\s+(?:until|unless|till|til)\b", _I),
    re.compile(r"\b(?:give|giving|gave)\s+(?:her|him|them|you)\s+the\s+silent\s+treatment\b", _I),
)
# The other person naming it as control: in my answers ("she said I was being controlling") or
# their pasted lines ("You can't decide who I see").
_NAMED: Final = (
    re.compile(r"\b(?:said|says|saying|told\s+me|called\s+me|calls\s+me|thinks?|thought|feels?"
               r"|felt(?:\s+like)?|accused\s+me\s+of|accuses\s+me\s+of)\s+(?:that\s+)?(?:I\s+"
               r"(?:was|am|'m|were)\s+(?:being\s+)?|I'm\s+(?:being\s+)?|being\s+)?(?:so\s+|too\s+)?"
               r"(?:controlling|possessive)\b", _I),
    re.compile(r"\bI\s+(?:was|am|'m)\s+(?:being\s+)?controlling\s+(?:her|him|them)\b", _I),
    re.compile(r"\b(?:I|you)\s+(?:don'?t|do\s+not)\s+get\s+to\s+(?:decide|choose|tell)\b", _I),
    re.compile(r"\byou\s+can'?t\s+(?:decide|choose|tell\s+me)\s+(?:who|where|what)\b", _I),
    re.compile(r"\b(?:you'?re|you\s+are)\s+(?:being\s+)?(?:so\s+)?(?:controlling|possessive)\b", _I),
    re.compile(r"\bnot\s+a\s+boundary\b[^.!?]{0,20}\brule\b", _I),
)

KINDS: Final = ("isolating", "tracking", "monitoring", "silence")
_MINE: Final = {"isolating": _ISOLATING, "tracking": _TRACKING, "monitoring": _MONITORING,
                "silence": _SILENT}

# The coach's steps whose answer asks something of the other person or says what I will do to
# them: a bare order there is a demand of mine (``asks_control``).
ASKING_STEPS: Final = frozenset({
    "boundary_limit", "boundary_action", "boundary_why", "message_draft", "responsibility_know",
    "responsibility_draft", "vulnerability_needs", "rebuild_message", "internal_boundary",
    "internal_next_time",
})


def _clean(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


def controls(text: str) -> tuple[str, ...]:
    """The kinds of control (``KINDS``) the person's own words say they exercise over the other.

    >>> controls("I told Laura she isn't going to her sister's on Saturday.")
    ('isolating',)
    >>> controls("she needs to keep her location shared so I know she's safe")
    ('tracking',)
    >>> controls("He won't let me see my friends and checks my phone.")
    ()
    >>> controls("I'm not okay with being shouted at, so I'll leave the room.")
    ()
    """
    said = _clean(text)
    return tuple(kind for kind in KINDS if any(p.search(said) for p in _MINE[kind]))


def asks_control(text: str) -> tuple[str, ...]:
    """``controls`` for an answer that asks something of the other person (the limit, a request,
    a draft): a bare order about whom they see counts too.

    >>> asks_control("Please don't see Tom anymore, and keep your location on.")
    ('isolating', 'tracking')
    >>> asks_control("Please don't talk to me like that again.")
    ()
    >>> asks_control("Please stop commenting on my weight.")
    ()
    """
    said = _clean(text)
    found = set(controls(said))
    if any(p.search(said) for p in _ISOLATING_ASKED):
        found.add("isolating")
    return tuple(kind for kind in KINDS if kind in found)


def named_as_control(texts: Iterable[str]) -> bool:
    """Whether the other person named it as control, as ``texts`` report or quote it.

    >>> named_as_control(["She cried and said I was being controlling."])
    True
    >>> named_as_control(["She said I was being quiet."])
    False
    """
    return any(p.search(_clean(t)) for t in texts for p in _NAMED)


# The steps whose answer is the person's account of what they did or asked: what happened, what
# they noticed, their part, their regret, what they want them to know, their feelings.
_TOLD_STEPS: Final = ("recognise_what", "recognise_noticed", "responsibility_part",
                      "responsibility_regret", "vulnerability_surface", "vulnerability_beneath",
                      "internal_feelings")
# The relationships where deciding whom someone sees is control: a partner, or one not said. A
# parent telling a child they are not going out tonight is not what this is for.
_CONTEXTS: Final = frozenset({"partner", ""})
_MINE_SPEAKERS: Final = frozenset({"me", "i", "myself"})


def _own_lines(pasted: str, other: str) -> list[str]:
    """The person's own lines of pasted "Speaker: text" messages: "Me:", or any speaker not the
    other person (whose name is ``other``, lower case) when theirs are there."""
    lines = [(m.group(1).strip().lower(), m.group(2)) for m in (
        re.match(r"^\s*([^:\n]{1,40}):\s*(.+)$", line) for line in pasted.splitlines()) if m]
    names = {other, *other.split()} - {"", "my", "our"}
    theirs = {speaker for speaker, _ in lines if speaker in names}
    return [text for speaker, text in lines
            if speaker in _MINE_SPEAKERS or (theirs and speaker not in theirs)]


def controlled(answers: dict[str, object], other: str = "", context: str = "") -> tuple[str, ...]:
    """The kinds of control (``KINDS``) the person's answers (a session's, by step) show them
    exercising over the other person (``other``: their name, lower case), in a relationship
    (``context``) where that is control; ``()`` for none.

    >>> controlled({"recognise_what": "I told her she isn't seeing her friends any more."},
    ...            context="partner")
    ('isolating',)
    >>> controlled({"boundary_limit": "Please don't see Tom anymore"}, context="partner")
    ('isolating',)
    >>> controlled({"recognise_what": "He said I can't see my friends any more."})
    ()
    """
    if context not in _CONTEXTS:
        return ()
    found: set[str] = set()
    for step, value in answers.items():
        if not isinstance(value, str) or not value.strip():
            continue
        if step in ASKING_STEPS:
            found.update(asks_control(value))
        elif step in _TOLD_STEPS:
            found.update(controls(value))
        elif step == "recognise_messages":
            for line in _own_lines(value, other):
                found.update(asks_control(line))
    return tuple(kind for kind in KINDS if kind in found)


# A session setting: the kinds of control that ended the session (``CONTROL``), and whether the
# other person named it as control; the ending reads them (``stop_lines``).
CONTROLLED: Final = "controlled"
NAMED: Final = "named_control"

# What each kind of control is, said plainly.
_WHAT: Final = {
    "isolating": "deciding whom a partner sees or where they go",
    "tracking": "needing to know where they are at all times",
    "monitoring": "checking their phone or messages",
    "silence": "going silent until they give in",
}
# The lines said when the session ends for signs of control; ``stop_lines`` fills them in.
CONTROL_OPENING: Final = ("Thank you for being open about this. I'm going to stop here rather than "
                          "help write this message, and I want to say why, plainly.")
CONTROL_HELP: Final = (
    "The feelings underneath, like fear of losing them, jealousy or worry, are real, and you can get "
    "help with them without controlling anyone. If you want to change how you treat a partner, a "
    "doctor or a counsellor can point you to a programme for that. In the UK, the Respect Phoneline "
    "(0808 802 4040) is there for people who want to stop hurting or controlling a partner.")


def stop_lines(kinds: Iterable[str], *, named: bool = False) -> tuple[str, ...]:
    """What the coach says, instead of a message, when the person's answers show control.

    >>> stop_lines(["isolating"])[1][:46]
    'A limit is about what you will do, like "I\\'ll '
    >>> any("Respect Phoneline" in line for line in stop_lines(["tracking"]))
    True
    """
    found = [_WHAT[k] for k in KINDS if k in set(kinds)] or [_WHAT["isolating"]]
    example = "A limit is about what you will do, like \"I'll leave the room if we start shouting\"."
    if len(found) == 1:
        what = f"{found[0][:1].upper()}{found[0][1:]} is not a limit: it is"
    else:
        what = f"These are not limits: {'; '.join(found)}. Each is"
    limit = (f"{example} {what} a way of deciding for another adult, however much worry or love "
             "is behind it.")
    harm = ("That kind of control can hurt the other person and the relationship, and it can be a "
            "form of abuse.")
    if named:
        harm += " When they tell you it feels controlling, that is worth listening to."
    return (CONTROL_OPENING, limit, harm, CONTROL_HELP)
