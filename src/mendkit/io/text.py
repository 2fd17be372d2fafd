"""Plain text transcripts: one ``Speaker: text`` per line.

Lines without a speaker prefix continue the previous turn (joined with a newline); blank lines
are ignored. A line may start with a clock time, ``[00:01:23] Ana: ...`` or ``00:01:23 Ana: ...``,
which becomes the turn's ``start`` in seconds.
"""

from __future__ import annotations

import re

from mendkit.errors import FormatError
from mendkit.io._common import Names, finish, quote, split_speaker
from mendkit.io._source import TextSource
from mendkit.io._times import TIMECODE_PATTERN, parse_timecode
from mendkit.model.conversation import Conversation, Turn

EXPECTED = "one 'Speaker: text' per line, for example 'Ana: I waited an hour.'"

# A one-word-ish name over split_speaker's 60 characters, said as such on the first line.
_LONG_NAME = re.compile(r"^\s*(\S+(?: \S+){0,3}?)\s*:(?:\s|$)")
_TIME_PREFIX = re.compile(
    rf"^\s*(?:\[({TIMECODE_PATTERN})\]|\(({TIMECODE_PATTERN})\)|({TIMECODE_PATTERN}))\s+"
)


def split_line(line: str) -> tuple[float | None, str, str] | None:
    """``(start, speaker, text)`` for a line that starts a turn, else ``None``.

    >>> split_line("[00:01:05] Ben: Fine.")
    (65.0, 'Ben', 'Fine.')
    """
    start: float | None = None
    rest = line
    match = _TIME_PREFIX.match(line)
    if match is not None:
        start = parse_timecode(next(g for g in match.groups() if g is not None))
        rest = line[match.end() :]
    parts = split_speaker(rest)
    if parts is None:
        return None
    return start, parts[0], parts[1]


def read_text(source: TextSource) -> Conversation:
    """Read a plain text transcript."""
    names = Names()
    turns: list[Turn] = []
    speaker: str | None = None
    start: float | None = None
    pieces: list[str] = []

    def close() -> None:
        if speaker is not None:
            turns.append(
                Turn(index=len(turns), speaker=speaker, text="\n".join(pieces).strip(), start=start)
            )

    for number, line in source.lines():
        if not line.strip():
            continue
        parsed = split_line(line)
        if parsed is None:
            if speaker is None:
                timed = _TIME_PREFIX.match(line)
                long_name = _LONG_NAME.match(line[timed.end():] if timed else line)
                size = len(long_name.group(1)) if long_name else 0
                found = (f"found a speaker name of {size:,} characters; a name is at most 60"
                         if size > 60 else f"found a line without a speaker: {quote(line)}")
                raise FormatError(f"expected {EXPECTED}; {found}",
                                  source=source.name, line=number)
            pieces.append(line.strip())
            continue
        close()
        start, name, text = parsed
        speaker = names(name)
        pieces = [text] if text else []
    close()
    return finish(turns, source=source.name, format="text", expected=EXPECTED)
