"""Clock times in transcripts: ``01:02:03.500``, ``02:03,250``, ``60:12`` (minutes past the hour),
``83.5`` seconds, epoch stamps."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

# ``H:MM:SS`` keeps its minutes under 60; ``MM:SS`` alone may run past the hour (``60:12``, as a
# recorder that counts only minutes writes 1 h 0 min 12 s).
_TIMECODE = re.compile(r"^(?:(\d{1,3}):([0-5]?\d)|(\d{1,4})):([0-5]\d)(?:[.,](\d{1,9}))?$")

TIMECODE_PATTERN = r"(?:\d{1,3}:[0-5]?\d|\d{1,4}):[0-5]\d(?:[.,]\d{1,9})?"
"""A regular expression fragment matching what :func:`parse_timecode` accepts."""

# What looks like a timecode whether or not it is one ("12:75"): for saying what is wrong with it.
_TIME_LIKE = re.compile(r"^(\d{1,4}):(\d{1,4})(?::(\d{1,4}))?(?:[.,]\d+)?$")


def parse_timecode(value: str) -> float | None:
    """Seconds in ``[H:]MM:SS[.fff]`` (a comma also works as the decimal mark), or ``None``.

    >>> parse_timecode("01:02:03.5")
    3723.5
    >>> parse_timecode("02:03,250")
    123.25
    """
    match = _TIMECODE.match(value.strip())
    if match is None:
        return None
    hours, minutes, only_minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes or only_minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


def timecode_problem(value: str) -> str | None:
    """What is wrong with ``value`` as a timecode, when it looks like one and is not one; else
    ``None`` (a valid timecode, or something that is no time at all).

    >>> timecode_problem("12:75")
    "'12:75' is not a time: its seconds (75) run past 59"
    >>> timecode_problem("60:12") is None, timecode_problem("soon") is None
    (True, True)
    """
    text = value.strip()
    match = _TIME_LIKE.match(text)
    if match is None or parse_timecode(text) is not None:
        return None
    _, second, third = match.groups()
    if third is None:
        what, number = "seconds", second
    elif int(second) > 59:
        what, number = "minutes", second
    else:
        what, number = "seconds", third
    if int(number) > 59:
        return f"'{text}' is not a time: its {what} ({int(number)}) run past 59"
    return (f"'{text}' is not a time: write minutes and seconds as MM:SS (01:05, or "
            "60:12 past the hour) or hours, minutes and seconds as H:MM:SS (1:02:03.5)")



def parse_seconds(value: str) -> float | None:
    """Seconds given either as a number (``83.5``) or as a timecode (``00:01:23.5``)."""
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        return parse_timecode(text)
    return number if math.isfinite(number) and number >= 0 else None


def epoch_to_iso(seconds: float) -> str:
    """An epoch time as an ISO 8601 string in UTC.

    >>> epoch_to_iso(0)
    '1970-01-01T00:00:00+00:00'
    """
    return datetime.fromtimestamp(seconds, UTC).isoformat()


# --- Clock times and days in chats copied from a phone ------------------------------------------

AMPM_PATTERN = r"[AaPp]\.?[ \t\u00a0\u202f]?[Mm]\.?(?![\w])"
"""The ``am``/``pm`` after a 12-hour clock time (iOS puts a narrow no-break space before it)."""

_CLOCK = re.compile(r"^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$")


def parse_clock(value: str, half: str | None = None) -> float | None:
    """Seconds since midnight of a clock time ``H:MM`` or ``HH:MM[:SS]``, or ``None``.

    ``half`` is the ``am``/``pm`` of a 12-hour time.

    >>> parse_clock("23:58"), parse_clock("12:03", "pm"), parse_clock("12:03", "AM")
    (86280.0, 43380.0, 180.0)
    >>> parse_clock("25:10") is None
    True
    """
    match = _CLOCK.match(value.strip())
    if match is None:
        return None
    hours = int(match.group(1))
    if half:
        if not 1 <= hours <= 12:
            return None
        hours = hours % 12 + (12 if half.lstrip()[0] in "Pp" else 0)
    elif hours > 23:
        return None
    return float(hours * 3600 + int(match.group(2)) * 60 + int(match.group(3) or 0))


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_FORMS = r"mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|" \
                 r"sat(?:urday)?|sun(?:day)?"
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_FORMS = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
               r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DATE = (rf"\d{{1,2}}{_ORDINAL}\s+(?:{_MONTH_FORMS})\.?(?:,?\s+\d{{4}})?"
         rf"|(?:{_MONTH_FORMS})\.?\s+\d{{1,2}}{_ORDINAL}(?:,?\s+\d{{4}})?")
DAY_PATTERN = rf"(?:today|yesterday|(?:{_WEEKDAY_FORMS})\.?(?:,?\s+(?:{_DATE}))?|{_DATE})"
"""A day as a phone shows it over a chat: ``Today``, ``Yesterday``, ``Mon``, ``Monday 3 November``,
``3 Nov 2026`` or ``November 3`` (English; matched without regard to case)."""

DayKey = tuple[str, int]
"""A day read by :func:`parse_day`: ``("relative", -1)`` for yesterday, ``("weekday", 0)`` for a
Monday, ``("date", n)`` for a date with its year and ``("month-day", n)`` for one without (``n``
counts days, a year-less date placed in 2000)."""

_DAY = re.compile(rf"^(?:{DAY_PATTERN})$", re.IGNORECASE)
_DATE_PARTS = re.compile(rf"(\d{{1,2}}){_ORDINAL}\s+({_MONTH_FORMS})|({_MONTH_FORMS})\.?\s+"
                         rf"(\d{{1,2}}){_ORDINAL}", re.IGNORECASE)
_YEAR = re.compile(r"\b(\d{4})$")


def parse_day(value: str) -> DayKey | None:
    """The day a phone's ``Today``, ``Mon`` or ``3 Nov`` stands for, or ``None``.

    >>> parse_day("Yesterday"), parse_day("Tue"), parse_day("Mon, 3 Nov") == parse_day("Nov 3rd")
    (('relative', -1), ('weekday', 1), True)
    """
    text = " ".join(value.split())
    if not _DAY.match(text):
        return None
    lower = text.lower()
    if lower in ("today", "yesterday"):
        return ("relative", 0 if lower == "today" else -1)
    date = _DATE_PARTS.search(text)
    if date is None:
        return ("weekday", _WEEKDAYS.index(next(d for d in _WEEKDAYS if d.startswith(lower[:3]))))
    day, month = (date.group(1), date.group(2)) if date.group(1) else (date.group(4), date.group(3))
    year = _YEAR.search(text)
    try:
        when = datetime(int(year.group(1)) if year else 2000,
                        _MONTHS.index(month.lower()[:3]) + 1, int(day))
    except ValueError:
        return None
    return ("date" if year else "month-day", when.toordinal())


def days_between(before: DayKey, after: DayKey) -> int:
    """Whole days from one day label to a later, different one (at least one where the two
    cannot be compared, as ``Mon`` and ``Today``).

    >>> days_between(("relative", -1), ("relative", 0)), days_between(("weekday", 5), ("weekday", 0))
    (1, 2)
    """
    if before[0] != after[0]:
        return 1
    if before[0] == "weekday":
        return (after[1] - before[1]) % 7 or 7
    days = after[1] - before[1]
    if before[0] == "month-day" and days < 0:  # a year-less date past New Year
        days += 365
    return days
