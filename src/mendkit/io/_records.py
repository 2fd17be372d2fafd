"""Turns from JSON-like records (JSON, JSONL and CSV rows), with errors that say where.

Field names are matched case-insensitively with a few common aliases: ``speaker`` (``name``,
``author``, ``user``, ``sender``) and ``text`` (``message``, ``utterance``, ``content``). Times
are seconds or ``HH:MM:SS`` strings; a ``timestamp`` is an ISO 8601 date-time (``2026-03-01T18:30``
or the basic ``20260301``) or epoch seconds (a JSON number, or a CSV value that is not a date).
Where no turn has a ``start``, :func:`timed` derives one from the timestamps.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from mendkit._unicode import has_lone_surrogate
from mendkit.errors import FormatError
from mendkit.io._common import Names
from mendkit.io._reactions import reaction_text
from mendkit.io._times import epoch_to_iso, parse_seconds, timecode_problem
from mendkit.model.conversation import Turn

SPEAKER_KEYS = ("speaker", "name", "author", "user", "sender")
TEXT_KEYS = ("text", "message", "utterance", "content")


def find_key(keys: Mapping[str, Any] | list[str], wanted: tuple[str, ...]) -> str | None:
    """The first key of ``keys`` that matches one of ``wanted``, ignoring case, and spaces,
    ``_`` and ``-`` alike (``Start Time`` is ``start_time``)."""
    by_name: dict[str, object] = {}
    for key in keys:
        by_name.setdefault(_normal_key(str(key)), key)
    for name in wanted:
        found = by_name.get(_normal_key(name))
        if found is not None:
            return str(found)
    return None


def _normal_key(key: str) -> str:
    return "".join(key.replace("_", " ").replace("-", " ").lower().split())


class RecordReader:
    """Builds turns from records; remembers where it is reading for error messages."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.names = Names()

    def turn(self, data: object, index: int, *, where: str, line: int | None = None) -> Turn:
        if not isinstance(data, Mapping):
            raise self._error(f"expected {where} to be an object with speaker and text, "
                              f"found {_kind(data)}", line)
        speaker_key, text_key = find_key(data, SPEAKER_KEYS), find_key(data, TEXT_KEYS)
        speaker = data.get(speaker_key) if speaker_key else None
        text = data.get(text_key) if text_key else None
        if not isinstance(speaker, str) or not speaker.strip():
            raise self._error(f'expected {where} to have a non-empty string "speaker", '
                              f"found {_kind(speaker)}", line)
        if not isinstance(text, str):
            raise self._error(
                f'expected {where} to have a string "text", found {_kind(text)}', line
            )
        for field, value in (("speaker", speaker), ("text", text)):
            if has_lone_surrogate(value):  # a record parsed by a caller that did not check
                raise self._error(f'expected the "{field}" of {where} to be whole characters; '
                                  'found half of one (a lone surrogate escape such as "\\ud83d")',
                                  line)
        start = self.seconds(data.get("start"), _field(where, "start"), line)
        end = self.seconds(data.get("end"), _field(where, "end"), line)
        if start is not None and end is not None and end < start:
            raise self._error(f"expected {_field(where, 'end')} ({end:g}) to be at or after "
                              f"its start ({start:g})", line)
        return Turn(
            index=index,
            speaker=self.names(speaker.strip()),
            # Whisper starts each segment's text with a space; a tapback is its emoji, not the
            # words it quotes
            text=reaction_text(text.strip()),
            start=start,
            end=end,
            timestamp=self.timestamp(data.get("timestamp"), _field(where, "timestamp"), line),
            id=_optional_str(data.get("id")),
            reply_to=_optional_str(data.get("reply_to")),
        )

    def seconds(self, value: object, where: str, line: int | None) -> float | None:
        if value is None or value == "":
            return None
        problem = None
        if isinstance(value, str):
            parsed = parse_seconds(value)
            if parsed is not None:
                return parsed
            problem = timecode_problem(value)
        elif is_number(value) and float(value) >= 0:  # type: ignore[arg-type]
            return float(value)  # type: ignore[arg-type]
        raise self._error(
            f"expected {where} to be seconds (a number such as 83.5) or a time such as "
            f"'00:01:23', '60:12' or '1:02:03.5', found {_shown(value)}"
            + (f" ({problem})" if problem else ""), line,
        )

    def timestamp(self, value: object, where: str, line: int | None) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        if is_number(value):
            try:
                return epoch_to_iso(float(value))  # type: ignore[arg-type]
            except (OverflowError, OSError, ValueError):
                pass
        raise self._error(f"expected {where} to be an ISO date-time or epoch seconds, "
                          f"found {_shown(value)}", line)

    def _error(self, message: str, line: int | None) -> FormatError:
        return FormatError(message, source=self.source, line=line)


def _field(where: str, name: str) -> str:
    """How a message names the field ``name`` of the record ``where`` names: a JSON path goes
    on (``turns[0].start``); a line's object is ``"start" on line 3``; a row is ``"start" in
    row 5`` (or ``"start" in the row``)."""
    if " " not in where:
        return f"{where}.{name}"
    if where.startswith("the object on "):
        return f'"{name}" {where.removeprefix("the object ")}'
    return f'"{name}" in {where}'


def timed(turns: Sequence[Turn]) -> tuple[Turn, ...]:
    """The turns, each with a ``start`` (seconds from the earliest turn) taken from its
    ``timestamp`` (ISO 8601 or epoch seconds), as the chat export readers give them; unchanged
    when any turn has its own ``start``, or when local times are mixed with times in a zone."""
    if any(t.start is not None for t in turns):
        return tuple(turns)
    instants = [_instant(t.timestamp) for t in turns]
    known = [i for i in instants if i is not None]
    if not known or len({i.tzinfo is None for i in known}) > 1:
        return tuple(turns)
    origin = min(known)
    return tuple(
        turn if instant is None else replace(turn, start=(instant - origin).total_seconds())
        for turn, instant in zip(turns, instants, strict=True)
    )


def _instant(timestamp: str | None) -> datetime | None:
    """The time ``timestamp`` names: ISO 8601 first, so that a basic date (``20260301``) is that
    day and not 20,260,301 seconds after 1970; else epoch seconds, as a CSV has them."""
    if timestamp is None:
        return None
    try:
        return datetime.fromisoformat(timestamp.strip())
    except ValueError:
        pass
    try:
        return datetime.fromtimestamp(float(timestamp), UTC)
    except (OverflowError, OSError, ValueError):
        return None


def shown(value: object, limit: int = 60) -> str:
    """A value read from JSON as an error message shows it, in JSON's spelling (``null``,
    ``true``, an object or a list by its kind) rather than Python's; a long one is cut short.

    >>> shown(None), shown(True), shown({"name": "a"}), shown("00:01")
    ('null', 'true', 'an object', "'00:01'")
    """
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_shown = shown


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {value[:40]!r}"
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(type(value), shown(value))


def is_number(value: object) -> bool:
    """Whether ``value`` is a JSON number that is a finite float (not a bool, not an integer
    too big for a float)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int above the float range (1e309 written out)
        return False


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
