"""Clock times in transcripts: ``01:02:03.500``, ``02:03,250``, ``83.5`` seconds, epoch stamps."""

from __future__ import annotations

import math
import re
from datetime import UTC, datetime

_TIMECODE = re.compile(r"^(?:(\d{1,3}):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,9}))?$")

TIMECODE_PATTERN = r"(?:\d{1,3}:)?[0-5]?\d:[0-5]\d(?:[.,]\d{1,9})?"
"""A regular expression fragment matching what :func:`parse_timecode` accepts."""


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
    hours, minutes, seconds, fraction = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)
    return total + (int(fraction) / 10 ** len(fraction) if fraction else 0.0)


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
