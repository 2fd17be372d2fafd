"""Turns from JSON-like records (JSON, JSONL and CSV rows), with errors that say where.

Field names are matched case-insensitively with a few common aliases: ``speaker`` (``name``,
``author``, ``user``, ``sender``) and ``text`` (``message``, ``utterance``, ``content``). Times
are seconds or ``HH:MM:SS`` strings; a numeric ``timestamp`` is an epoch time.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from mendkit.errors import FormatError
from mendkit.io._common import Names
from mendkit.io._times import epoch_to_iso, parse_seconds
from mendkit.model.conversation import Turn

SPEAKER_KEYS = ("speaker", "name", "author", "user", "sender")
TEXT_KEYS = ("text", "message", "utterance", "content")


def find_key(keys: Mapping[str, Any] | list[str], wanted: tuple[str, ...]) -> str | None:
    """The first key of ``keys`` that matches one of ``wanted``, ignoring case and spaces."""
    by_name = {str(k).strip().lower(): k for k in keys}
    for name in wanted:
        if name in by_name:
            return str(by_name[name])
    return None


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
        return Turn(
            index=index,
            speaker=self.names(speaker.strip()),
            text=text,
            start=self.seconds(data.get("start"), f"{where}.start", line),
            end=self.seconds(data.get("end"), f"{where}.end", line),
            timestamp=self.timestamp(data.get("timestamp"), f"{where}.timestamp", line),
            id=_optional_str(data.get("id")),
            reply_to=_optional_str(data.get("reply_to")),
        )

    def seconds(self, value: object, where: str, line: int | None) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            parsed = parse_seconds(value)
            if parsed is not None:
                return parsed
        elif _is_number(value) and float(value) >= 0:  # type: ignore[arg-type]
            return float(value)  # type: ignore[arg-type]
        raise self._error(
            f"expected {where} to be seconds (a number such as 83.5) or a time such as "
            f"'00:01:23', found {value!r}", line,
        )

    def timestamp(self, value: object, where: str, line: int | None) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return value
        if _is_number(value):
            try:
                return epoch_to_iso(float(value))  # type: ignore[arg-type]
            except (OverflowError, OSError, ValueError):
                pass
        raise self._error(f"expected {where} to be an ISO date-time or epoch seconds, "
                          f"found {value!r}", line)

    def _error(self, message: str, line: int | None) -> FormatError:
        return FormatError(message, source=self.source, line=line)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"the string {value[:40]!r}"
    return {dict: "an object", list: "a list", bool: "a boolean"}.get(type(value), f"{value!r}")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
