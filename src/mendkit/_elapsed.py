"""Times, counts and lists of people as a person reads them, the same in the terminal and on
the web pages."""

from __future__ import annotations

from collections.abc import Sequence


def people(names: Sequence[str]) -> str:
    """Who an episode is between, in words: "Dita and Eli", "Carl, Bea and Gus"; "" for fewer
    than two."""
    if len(names) < 2:
        return ""
    return f"{', '.join(names[:-1])} and {names[-1]}"


def count(n: int, word: str) -> str:
    """``1 turn``, ``2 turns``, ``12,000 turns``: a count with its noun."""
    if n == 1:
        return f"{n:,} {word}"
    return f"{n:,} {word[:-1]}ies" if word.endswith("y") and word[-2:-1] not in "aeiou" else (
        f"{n:,} {word}s")


def elapsed(seconds: float) -> str:
    """A time to repair as a person reads it: "45 s", "12 min", "10 h 30 min", "3 days 2 h"."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    minutes = s // 60
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{count(days, 'day')} {hours} h" if hours else count(days, "day")


def repair_time(hours: float) -> str:
    """A time to repair over weeks and months, as a person reads it: minutes under an hour,
    hours under two days, then days; "about" when the figure was rounded.

    >>> repair_time(0.75), repair_time(12.25), repair_time(839.776), repair_time(72)
    ('45 minutes', 'about 12 hours', 'about 35 days', '3 days')
    """
    if hours * 60 < 1:
        return "under a minute"
    if hours < 1:
        minutes = hours * 60
        shown, unit, exact = int(minutes + 0.5), "minute", minutes == int(minutes + 0.5)
    elif hours < 48:
        shown, unit, exact = int(hours + 0.5), "hour", hours == int(hours + 0.5)
    else:
        days = hours / 24
        shown, unit, exact = int(days + 0.5), "day", days == int(days + 0.5)
    return ("" if exact else "about ") + count(shown, unit)
