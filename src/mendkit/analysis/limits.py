"""Limits a person sets on contact, as the episodes read them (round 15).

A limit ("Please don't contact me again. I'm blocking your number.", "I don't. Please respect
this.", "I'm asking you to stop calling.") is the speaker's need, not a move to repair: it ends or
keeps away contact. A pause that names its return ("Give me ten minutes to calm down and then we
can talk") is a time-out, which the coach teaches as part of repair, and stays one.

The rules give a limit the ``boundary`` subtype of ``repair.request``; the model gives no subtype,
so a request only the model read is a limit when its words keep contact away (``keeps_away``).

A boundary on how the other treats the speaker ("I'm not going to keep talking while you're
shouting at me", "I'm not okay with being spoken to like that": ``limits_conduct``) is the hurt
person's protection even when it names a return; the episodes do not count it as their repair
(round 18). Calming oneself down ("I'm getting flooded. Give me ten minutes") names no such conduct.
"""

from __future__ import annotations

import re
from typing import Final

# A return named: the pause ends and the talk goes on.
_RETURN: Final = re.compile(
    r"\b(?:come back|be back|get back to (?:you|u|it|this)|back to (?:it|this|you|u)|"
    r"talk (?:later|again|after|tonight|tomorrow|when|then|about (?:it|this) (?:later|tomorrow|"
    r"tonight))|(?:and )?then (?:we|i)\b|pick (?:this|it) (?:back )?up|finish (?:this|it)|"
    r"carry on|try again|when (?:we(?:'re| are)|i(?:'m| am)|you(?:'re| are)|it(?:'s| is)) "
    r"(?:calm|calmer|ready|sober))",
    re.IGNORECASE)
# Contact kept away in so many words: a request to stop getting in touch, a block, no contact.
_KEEPS_AWAY: Final = re.compile(
    r"\b(?:stop|don'?t|do not|never) (?:\w+ ){0,3}?(?:call|ring|text|messag|contact|email|writ|"
    r"reach|visit|com(?:e|ing) (?:round|over))\w*(?: me| out)?\b|\bblock(?:ed|ing)? (?:you|u|your|"
    r"ur)\b|\bno[- ]contact\b|\b(?:in|any) contact (?:any ?more|again)\b|\bplease respect "
    r"(?:that|this|it|my)\b",
    re.IGNORECASE)

# A limit on how the other treats the speaker: not while they shout, swear or drink, not spoken to
# like that, no more shouting.
_ON_CONDUCT: Final = re.compile(
    r"\b(?:while|whilst|when|if|as long as) (?:you(?:'re| are)?|u|ur) (?:\w+ )?(?:shouting|yelling|"
    r"screaming|swearing|raging|drunk|drinking|calling me names|speaking to me like|talking to me "
    r"like)\b|\b(?:spoken|talked|speak|talk|speaking|talking) to (?:me )?like (?:that|this)\b|"
    r"\b(?:please |pls )?(?:don'?t|do not|stop) (?:yell|shout|swear|scream|call(?:ing)? me|"
    r"speak(?:ing)? to me|talk(?:ing)? to me|rais)\w*",
    re.IGNORECASE)


def names_return(text: str) -> bool:
    """Whether ``text`` names a return to the talk: "then we can talk", "I'll come back"."""
    return bool(_RETURN.search(text))


def return_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a return to the talk ("I'll come back in an hour": "come back")."""
    return [m.span() for m in _RETURN.finditer(text)]


def keeps_away(text: str) -> bool:
    """Whether ``text`` keeps contact away in so many words and names no return ("I'm asking you
    to stop calling.", "I'm blocking your number.")."""
    return bool(_KEEPS_AWAY.search(text)) and not names_return(text)


def limits_conduct(text: str) -> bool:
    """Whether ``text`` sets a limit on how the other treats the speaker, with or without a return
    ("I won't talk while you're shouting at me. I'll be back in an hour.")."""
    return bool(_ON_CONDUCT.search(text))
