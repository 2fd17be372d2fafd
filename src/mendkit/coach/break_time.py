"""When a break ends, from how people say it: a length ("45 minutes", "an hour and a half",
"14 hours") or a time to come back ("8pm", "at 19:30", "until 9am tomorrow", "tomorrow morning").

A break is at least 20 minutes and under a day (DESIGN, the coach's regulate step: the body takes
about 20 minutes to calm down after flooding, and a talk left for a day or more can feel dropped).
Times are read in the person's local time zone, the one the clock given is in. An answer outside
those limits is refused with the reason, in words (``BreakTime.refused``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Final

from mendkit.coach.replies import break_minutes, said_length

# How each thing this module says begins (a page shows these lines as notes).
SAYS: Final = ("A break ", 'I took "')
SHORTEST: Final = 20  # minutes
LONGEST: Final = 24 * 60 - 1  # minutes: under a day

# What a part of the day means as a time to come back, said back to the person ("read_as").
_PARTS_OF_DAY: Final = {"morning": time(9), "afternoon": time(14), "evening": time(19),
                        "tonight": time(20), "night": time(20), "noon": time(12),
                        "midday": time(12), "lunchtime": time(12)}
_CLOCK: Final = re.compile(
    r"(?:\b(?P<word>at|until|till|til|by|around|about)\s+)?\b(?P<hour>\d{1,2})"
    r"(?:\s*[:.]\s*(?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?|o'?clock)?(?![\w:])",
    re.IGNORECASE)
_PART_OF_DAY: Final = re.compile(
    r"\b(?:(?P<when>tomorrow|this)\s+)?(?P<part>morning|afternoon|evening|night|tonight|noon"
    r"|midday|lunchtime)\b", re.IGNORECASE)
_TOMORROW: Final = re.compile(r"\btomorrow\b", re.IGNORECASE)
# After midnight and before this, "tomorrow morning" still means the morning after the night
# the person has not yet slept (said at 00:10, about 8 hours away, not a day and more).
_SMALL_HOURS_END: Final = time(5)
# From this time on, a morning said with no day ("in the morning") is tomorrow's.
_EVENING: Final = time(18)
_NOON: Final = time(12)
_DAYS: Final = re.compile(r"\b(?:days?|weeks?|months?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class BreakTime:
    """A return time read from an answer: ``back`` (aware, local) when it can be a break,
    otherwise ``refused`` says why in plain words; ``read_as`` says how a part of the day, or a
    time that may be morning or evening, was read ("tomorrow morning" as "09:00 tomorrow",
    "9:30" as "21:30")."""

    back: datetime | None = None
    refused: str = ""
    read_as: str = ""


def break_end(text: str, now: datetime) -> BreakTime | None:
    """The end of a break ``text`` asks for, begun at ``now`` (an aware local time); None when
    the answer gives no length and no time.

    >>> now = datetime(2025, 12, 6, 21, 0).astimezone()
    >>> f"{break_end('until 9am tomorrow', now).back:%d %H:%M}"
    '07 09:00'
    >>> break_end('at 22:00 tomorrow', now).refused[:23]
    'A break is under a day:'
    >>> break_end('9:30', now).read_as
    'I took "9:30" as 21:30.'
    """
    low = text.lower().replace("\u2019", "'")
    tomorrow = bool(_TOMORROW.search(low))
    clock = _clock(low)
    read_as = ""
    small_hours = tomorrow and now.time() < _SMALL_HOURS_END  # "tomorrow" is today, said back
    if clock is None and (part := _PART_OF_DAY.search(low)):
        clock = (_PARTS_OF_DAY[part.group("part").lower()], True)
        read_as = part.group(0)
        if tomorrow and now.time() < _SMALL_HOURS_END and clock[0] > now.time():
            tomorrow = False  # "tomorrow morning" said after midnight: this coming morning
        elif not tomorrow and part.group("when") is None and clock[0] < _NOON \
                and now.time() >= _EVENING:
            tomorrow = True  # "in the morning" said late in the evening: tomorrow's
        if not tomorrow and datetime.combine(now.date(), clock[0], tzinfo=now.tzinfo) <= now:
            return BreakTime(refused="A break needs a time still to come: it is "
                                     f'{now:%H:%M} now, so "{read_as}" has already begun. '
                                     "Please say how long, like 45 minutes, or a time on the "
                                     "clock, like 22:30.")
    if clock is None and _DAYS.search(low):
        return BreakTime(refused=_too_long(now))
    if clock is not None:
        at, exact = clock
        if tomorrow and not read_as and now.time() < _SMALL_HOURS_END:
            tomorrow = False  # "tomorrow at 8" said at 00:10: this coming 08:00, said back
            read_as = _said_clock(low)
        back = _next(now, at, tomorrow=tomorrow, exact=exact)
        if (length := said_length(low)) is not None and not read_as and (
                agreed := _agreed(now, at, length, exact=exact)) != back:
            if agreed is None:  # "an hour ... at 9" that are not the same time: which is meant
                return BreakTime(refused=_TWO_TIMES.format(length=_length(length),
                                                           said=_said_clock(low)))
            back = agreed  # "an hour, back at 9" said at 20:00: 21:00, as the length says
        if not exact and not read_as and (said := _said_clock(low)):
            read_as = said  # "9:30" may be morning or evening: say which was taken
        if read_as:
            day = _day(back, now) or (" today" if small_hours else "")
            read_as = f'I took "{read_as}" as {back:%H:%M}{day}.'
        return _checked(now, back, read_as)
    minutes = break_minutes(low)
    if minutes is None:
        return None
    if minutes < SHORTEST:
        return BreakTime(refused=f"{_TOO_SOON} {minutes} minutes is less than that.")
    if minutes > LONGEST:
        return BreakTime(refused=_too_long(now))
    back = now + timedelta(minutes=minutes)
    if back.second or back.microsecond:  # to the minute, rounded up: at least that long
        back = back.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return BreakTime(back=back)


# Said when an answer gives a length and a clock time that are not the same time.
_TWO_TIMES: Final = ('You gave a length ({length}) and a time ("{said}"), and they are not the '
                     'same time. Please answer with just one of them, like "{length}" or "at '
                     '{said}".')
# How near a clock time must be to the end of a length said with it to be the same time.
_SAME_TIME: Final = timedelta(minutes=15)


def _agreed(now: datetime, at: time, length: int, *, exact: bool) -> datetime | None:
    """The reading of the clock time ``at`` (morning or evening, today or tomorrow) that ends
    within a quarter of an hour of a break of ``length`` minutes begun at ``now``, or None."""
    target = now + timedelta(minutes=length)
    options = [at] if exact or at.hour >= 12 else [at, time(at.hour + 12, at.minute)]
    for day in (now.date(), now.date() + timedelta(days=1)):
        for option in options:
            when = datetime.combine(day, option, tzinfo=now.tzinfo)
            if abs(when - target) <= _SAME_TIME:
                return when
    return None


def _length(minutes: int) -> str:
    """"45 minutes", "an hour", "2 hours", "1 hour 30 minutes"."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} minutes"
    said = "an hour" if hours == 1 and not rest else f"{hours} hour{'s' if hours > 1 else ''}"
    return f"{said} {rest} minutes" if rest else said


_TOO_SOON: Final = ("A break needs at least 20 minutes: it takes about that long for your body "
                    "to calm down after flooding.")


def _too_long(now: datetime) -> str:
    latest = now + timedelta(minutes=LONGEST)
    return ("A break is under a day: after longer than that, the talk can start to feel "
            "dropped, to them and to you. The latest you can come back is "
            f"{latest:%H:%M}{_day(latest, now)}.")


def _checked(now: datetime, back: datetime, read_as: str) -> BreakTime:
    minutes = (back - now).total_seconds() / 60
    if minutes < SHORTEST:
        return BreakTime(refused=f"{_TOO_SOON} {back:%H:%M}{_day(back, now)} is only "
                                 f"{max(0, math.floor(minutes))} minutes from now.",
                         read_as=read_as)
    if minutes > LONGEST:
        return BreakTime(refused=_too_long(now), read_as=read_as)
    return BreakTime(back=back, read_as=read_as)


def _clock(low: str) -> tuple[time, bool] | None:
    """A clock time in ``low`` ("8pm", "at 19:30", "until 9"), and whether it says am or pm or
    is a 24-hour time (else 9 may be 09:00 or 21:00); None when it has none. A bare number
    ("30") is a length, not a time."""
    for found in _CLOCK.finditer(low):
        hour, minute = int(found.group("hour")), int(found.group("minute") or 0)
        half = (found.group("half") or "").replace(".", "")
        if not (found.group("word") or found.group("minute") or half):
            continue
        if re.match(r"\s*(?:min|hour|hr|h\b)", low[found.end():]) and not half:
            continue  # "until 20 minutes": a length
        if half.startswith(("am", "pm")):
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if half == "pm" else 0)
            return time(hour, minute), True
        if hour > 23 or minute > 59:
            continue
        return time(hour, minute), hour == 0 or hour > 12 or len(found.group("hour")) == 2
    return None


def _said_clock(low: str) -> str:
    """The clock time as it was written in ``low`` ("9:30", "9 o'clock"), without "at" or
    "until", for saying back which of morning or evening it was taken as."""
    for found in _CLOCK.finditer(low):
        if found.group("word") or found.group("minute") or found.group("half"):
            return found.group(0)[found.start("hour") - found.start():].strip()
    return ""


def _next(now: datetime, at: time, *, tomorrow: bool, exact: bool) -> datetime:
    """The first time ``at`` comes after ``now`` (tomorrow's, with ``tomorrow``); a time that
    may be morning or evening ("until 9") is the first of the two that comes."""
    options = [at] if exact or at.hour >= 12 else [at, time(at.hour + 12, at.minute)]
    days = [now.date() + timedelta(days=1)] if tomorrow else [
        now.date(), now.date() + timedelta(days=1)]
    times = sorted(datetime.combine(day, t, tzinfo=now.tzinfo) for day in days for t in options)
    if tomorrow:
        return times[0]
    # A time that may be morning or evening is the first that leaves time for a break ("9:15"
    # said at 21:00 is tomorrow morning's); one that is plain is the next one to come.
    soonest = now + timedelta(minutes=0 if len(options) == 1 else SHORTEST)
    return next(t for t in times if t > soonest)


def _day(when: datetime, now: datetime) -> str:
    return ("" if when.date() == now.date() else " tomorrow"
            if when.date() == now.date() + timedelta(days=1) else f" on {when:%d %b}")
