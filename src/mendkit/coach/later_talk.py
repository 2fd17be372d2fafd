"""When the other person cannot talk now (round nineteen, tester t2): a partner at sea, on a
night shift, across time zones. "Not now" at the openness question keeps the message, to be
ready for when they can next talk, and the follow-up asks when that will be; the follow-up's day
is read from a number of days or a day's name ("Saturday", "tomorrow"), never from a clock time
("7am"), and a time in someone else's time zone ("her time") is asked about, not guessed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Final

from mendkit.coach.machine import State
from mendkit.coach.session import Session

# The openness answer "not now"; and the session setting that says the talk is for later.
NOT_NOW: Final = "not now"
LATER: Final = "talk_later"
# "not now", "not yet", "later", "when he's back", "next call": open to it, but later.
_LATER_RE: Final = re.compile(
    r"\bnot (?:now|yet|right now|at the moment|till|until)\b|\b(?:later|next (?:call|time (?:we|they"
    r"|he|she) (?:talk|speak|call))|when (?:he|she|they|we)(?:['\u2019]s|['\u2019]re| is| are)?"
    r" (?:back|home|can|next|gets?|get|has|have|is back)|once (?:he|she|they)(?:['\u2019]s|['\u2019]re"
    r"| is| are)? (?:back|home)|can['\u2019]?t (?:reach|call|contact|get hold of) (?:him|her|them))\b",
    re.IGNORECASE)
_NOT_AT_ALL_RE: Final = re.compile(r"\b(?:never|not at all|not ever|no way)\b", re.IGNORECASE)

# Said when the answer is "not now": what happens instead of the talk, and the follow-up.
NOT_NOW_NOTE: Final = ("Then you can get a message ready now, for when you can next talk; Mend "
                       "never sends anything. At the end, say when that will be, and Mend will "
                       "ask you how it went after it.")
# The follow-up's question when the talk is later: when they can next talk.
FOLLOW_UP_LATER: Final = ("When can you next talk with them? Mend will ask how it went after "
                          "that. Say a day, like Saturday, or a number of days (default 3).")


def later(raw: str) -> bool:
    """Whether an openness answer says they are open, but not now ("not now", "not yet",
    "when he's back", "next call").

    >>> later("not now"), later("when he's back"), later("no"), later("not now, not ever")
    (True, True, False, False)
    """
    return bool(_LATER_RE.search(raw)) and not _NOT_AT_ALL_RE.search(raw)


def talk_later(session: Session) -> bool:
    """Whether the person said the talk is for later (the openness answer "not now")."""
    return bool(session.settings.get(LATER))


def prompt_for(session: Session, prompt: str) -> str:
    """``prompt`` at ``session``'s step, or the follow-up's question for a talk that is later."""
    if session.state is State.REBUILD_FOLLOW_UP and talk_later(session):
        return FOLLOW_UP_LATER
    return prompt


# Said when a follow-up answer gives a time in someone else's time zone.
OTHER_ZONE: Final = ("Mend reads days in your own time zone and cannot know theirs: which day is "
                     "that where you are?")
FOLLOW_UP_EXPECTED: Final = ("Please answer with a day, like Saturday or tomorrow, or a number of "
                             "days from 0 to 60.")
_ZONE_RE: Final = re.compile(
    r"\b(?:(?:her|his|their|them|its|your|the other|local|ship|base)(?:['’]s)? time"
    r"|time ?zones?|utc|gmt|zulu)\b", re.IGNORECASE)
_ZONE_NAME_RE: Final = re.compile(r"\b(?:[A-Z]{1,3}[SD]T|CET|EET|WET|IST|JST|HKT|SGT)\b")
_DAY_NAMES: Final = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY_RE: Final = re.compile(
    r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|es|nes|rs|urs|r|ur|t|urday|nesday|sday)?\b",
    re.IGNORECASE)
_CLOCK_RE: Final = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?|o['\u2019]?clock|h\b)"
                              r"|\b\d{1,2}[:.]\d{2}\b", re.IGNORECASE)
_WORD_DAYS: Final = {"today": 0, "tonight": 0, "this evening": 0, "this afternoon": 0,
                     "tomorrow": 1, "a couple of days": 2, "couple of days": 2, "a few days": 3,
                     "next week": 7, "a week": 7, "one week": 7, "a fortnight": 14,
                     "two weeks": 14, "2 weeks": 14}


def follow_up_days(raw: str, now: datetime) -> tuple[int | None, str]:
    """How many days from ``now`` (local) the follow-up answer ``raw`` asks for, and a note when
    it gives none (or a time in another time zone, which is asked about).

    >>> now = datetime(2026, 12, 8, 0, 10)  # a Tuesday
    >>> follow_up_days("Saturday", now)[0], follow_up_days("in 5 days", now)[0]
    (4, 5)
    >>> follow_up_days("when she can next call, Saturday 7am her time", now)[0] is None
    True
    >>> follow_up_days("7am", now)[0] is None
    True
    """
    low = raw.lower().replace("\u2019", "'").strip()
    if _ZONE_RE.search(low) or _ZONE_NAME_RE.search(raw):
        return None, OTHER_ZONE
    without_clock = _CLOCK_RE.sub(" ", low)
    if found := _WEEKDAY_RE.search(without_clock):
        wanted = _DAY_NAMES.index(found.group(1).lower())
        return (wanted - now.weekday()) % 7 or 7, ""
    if number := re.search(r"(?<![\w:.])-?\d+(?![\w:.])", without_clock):
        value = int(number.group(0))
        weeks = re.match(r"\s*(?:weeks?|wks?)\b", without_clock[number.end():])
        value *= 7 if weeks else 1
        return (value, "") if 0 <= value <= 60 else (None, FOLLOW_UP_EXPECTED)
    for words, days in sorted(_WORD_DAYS.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{words}\b", without_clock):
            return days, ""
    return None, FOLLOW_UP_EXPECTED
