"""Times and counts as a person reads them, the same in the terminal and on the web pages."""

from __future__ import annotations


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
