"""Whether the other person went quiet (round eighteen): "she went quiet", "he hasn't replied",
"Sam's been distant all week", "the silent treatment". When that is what happened on their side
and nothing says they were upset (cried, got angry, said it hurt), the composer does not say "I
understand why you were upset": no upset was shown, and claiming one guesses at their silence.
It names the quiet instead, without a guess at what it meant (``QUIET_SENTENCE``).

Read from what the person told the coach (what happened, and what they noticed in them), by
deterministic patterns. Withdrawal the person did themselves ("I went quiet") is not theirs.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["QUIET_SENTENCE", "went_quiet"]

QUIET_SENTENCE: Final = ("It makes sense that things went quiet between us, and I'd like to "
                         "hear how it has been for you.")

_I: Final = re.IGNORECASE
# Who "they" are in the person's words: a pronoun, or the name they gave ("Sam", "Sam (she)").
_PRONOUNS: Final = r"(?:he|she|they|you)"
# What they did, after who did it (a few words may come between: "she just went very quiet").
_QUIET: Final = (
    r"(?:went|goes|go|got|gone|going|fell|has been|have been|had been|was|were|is|are|seemed"
    r"|seems|seem|looked|became|been|stayed|kept|has gone|had gone|'s gone|'s been|'d gone"
    r"|'re|'s)\s+(?:\w+\s+){0,2}?(?:quiet|silent|distant|withdrawn|cold|far away|mute|off with me"
    r"|shut down)\b"
    r"|(?:stopped|stops|stop) (?:talking|replying|answering|responding|texting|speaking"
    r"|messaging)\b"
    r"|(?:hasn'?t|haven'?t|didn'?t|won'?t|wouldn'?t|isn'?t|aren'?t|wasn'?t|has not|have not"
    r"|did not|will not|would not|is not|was not)\s+(?:\w+\s+)?(?:replied|answered|responded"
    r"|said (?:a word|anything|much|a thing)|spoken|talking|speaking|texted|messaged|reply"
    r"|answer|respond|say (?:a word|anything|much)|speak|talk)\b"
    r"|(?:shut|closed|clammed) (?:down|up|off)\b|withdrew\b|pulled away\b|stonewall\w*"
    r"|(?:is|are|was|were|been|'s|'re) ignoring me\b|ignored (?:me|my (?:texts|messages|calls))\b"
    r"|walked (?:off|away|out) without (?:a word|saying)"
    r"|left me on read\b|ghosted me\b|gave (?:me )?(?:one-?word|short) (?:answers|replies)")
# Signs they were upset, said of them.
_UPSET: Final = (
    r"(?:\w+\s+){0,3}?(?:upset|angry|cried|cry|crying|in tears|tearful|furious|livid|mad|hurt"
    r"|annoyed|frustrated|irritated|fuming|shouted|yelled|screamed|snapped|stormed|slammed|sobbed"
    r"|sobbing|wept|blew up|lost (?:it|(?:his|her|their) temper)|swore|offended|disappointed"
    r"|fed up|sulk\w*)\b")
# Said of no one in particular: "the silent treatment", "radio silence", "no reply since".
_QUIET_ANYHOW: Final = re.compile(
    r"\b(?:silent treatment|cold shoulder|radio silence|no (?:reply|answer|response)"
    r"|(?:a|the) silence\b|things (?:went|have gone|are|got) (?:\w+ )?(?:quiet|distant|cold))", _I)


def _who(other: str) -> str:
    """The words that name the other person: the pronouns, and the name they were given."""
    name = re.match(r"\s*([A-Za-z][\w'-]*)", other or "")
    names = [re.escape(name.group(1))] if name and name.group(1).lower() not in (
        "he", "she", "they", "my", "the", "a", "an", "our") else []
    return "|".join([_PRONOUNS, *names])


def went_quiet(*texts: str, other: str = "") -> bool:
    """Whether ``texts`` (what happened, what was noticed) tell that the other person went quiet
    or distant, and none tells that they were upset.

    >>> went_quiet("We argued about money and she went quiet.")
    True
    >>> went_quiet("She cried, then went quiet."), went_quiet("I went quiet.")
    (False, False)
    >>> went_quiet("I cancelled again.", "Sam hasn't replied since", other="Sam")
    True
    """
    told = " ".join(t for t in texts if t).replace("\u2019", "'")
    if not told:
        return False
    who = rf"\b(?:{_who(other)})(?:'s|'re)?\s+(?:\w+\s+){{0,2}}?"
    quiet = re.search(who + rf"(?:{_QUIET})", told, _I) or _QUIET_ANYHOW.search(told)
    if quiet is None:
        return False
    return re.search(who + _UPSET, told, _I) is None
