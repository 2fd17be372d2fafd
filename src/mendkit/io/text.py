"""Plain text transcripts: one ``Speaker: text`` per line, or a speech-to-text service's export.

Lines without a speaker prefix continue the previous turn (joined with a newline); blank lines
are ignored. A line may start with a clock time, ``[00:01:23] Ana: ...`` or ``00:01:23 Ana: ...``,
or give it after the name as Rev does, ``Ana (00:01:23): ...``; the time becomes the turn's
``start`` in seconds. The text may also come on the lines under the name (``Ana (00:01:23):``).

An Otter.ai export is told from its first line, a name and a time on their own
(``Speaker 1  0:05`` or ``Dana Whitfield  01:02:03``): each such line starts a turn, whose text
is the lines under it, until the next one. In such a file a line counts as a new speaker's only
after a blank line or when it names someone who has already spoken, so that text which ends with
a time ("we said 10:30") stays text; Otter's closing ``Transcribed by https://otter.ai`` is left
out.
"""

from __future__ import annotations

import re

from mendkit.errors import FormatError
from mendkit.io._common import Names, finish, quote, split_speaker
from mendkit.io._source import TextSource
from mendkit.io._times import TIMECODE_PATTERN, parse_timecode
from mendkit.model.conversation import Conversation, Turn

EXPECTED = ("one 'Speaker: text' per line, for example 'Ana: I waited an hour.' (Otter and Rev "
            "exports are read too: 'Ana  0:05' over the text, or 'Ana (00:00:05): text')")

# A one-word-ish name over split_speaker's 60 characters, said as such on the first line.
_LONG_NAME = re.compile(r"^\s*(\S+(?: \S+){0,3}?)\s*:(?:\s|$)")
_TIME_PREFIX = re.compile(
    rf"^\s*(?:\[({TIMECODE_PATTERN})\]|\(({TIMECODE_PATTERN})\)|({TIMECODE_PATTERN}))\s+"
)
# Rev: "Speaker 1 (00:00:05): text" (the name checked as a 'Name:' prefix is).
_TIME_AFTER_NAME = re.compile(rf"^(\s*[^:]*?)\s*\(({TIMECODE_PATTERN})\)\s*(:.*)$")
# Otter: "Speaker 1  00:03:12" alone on its line, the text on the lines below.
_OTTER_HEADER = re.compile(rf"^\s*(\S(?:.*\S)?)\s+({TIMECODE_PATTERN})\s*$")
_OTTER_CREDIT = re.compile(r"^\s*transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai\S*\s*$",
                           re.IGNORECASE)


def split_line(line: str) -> tuple[float | None, str, str] | None:
    """``(start, speaker, text)`` for a line that starts a turn, else ``None``.

    >>> split_line("[00:01:05] Ben: Fine.")
    (65.0, 'Ben', 'Fine.')
    >>> split_line("Speaker 2 (00:00:09): okay")
    (9.0, 'Speaker 2', 'okay')
    """
    start: float | None = None
    rest = line
    match = _TIME_PREFIX.match(line)
    if match is not None:
        start = parse_timecode(next(g for g in match.groups() if g is not None))
        rest = line[match.end() :]
    parts = split_speaker(rest)
    if parts is None and match is None:
        return _time_after_name(line)
    if parts is None:
        return None
    return start, parts[0], parts[1]


def _time_after_name(line: str) -> tuple[float | None, str, str] | None:
    match = _TIME_AFTER_NAME.match(line)
    if match is None:
        return None
    parts = split_speaker(match.group(1) + match.group(3))
    if parts is None:
        return None
    return parse_timecode(match.group(2)), parts[0], parts[1]


def otter_header(line: str) -> tuple[float, str] | None:
    """``(start, speaker)`` for an Otter.ai line that names a speaker and a time, else ``None``.

    >>> otter_header("Speaker 1  0:05")
    (5.0, 'Speaker 1')
    >>> otter_header("see you at 10:30") is None  # a sentence, not a name
    True
    """
    match = _OTTER_HEADER.match(line)
    if match is None:
        return None
    name, start = match.group(1), parse_timecode(match.group(2))
    parts = split_speaker(f"{name}:")  # a name as a 'Name:' prefix would have it
    if start is None or parts is None or parts[0][0].islower():
        return None
    return start, parts[0]


def _new_speaker_in_stride(header: tuple[float, str], start: float | None) -> bool:
    """Whether an Otter line right under the text (no blank line between) names a new speaker:
    its time goes on from the turn before, and its name reads as a name ('Speaker 2', 'Dr. Ana
    Ruiz'), each word capitalised, where a sentence ends in a time ('Meet me at 10:30')."""
    return (start is None or header[0] >= start) and all(
        not word[0].islower() for word in header[1].split())


def read_text(source: TextSource) -> Conversation:
    """Read a plain text transcript, or an Otter.ai or Rev export."""
    names = Names()
    turns: list[Turn] = []
    speaker: str | None = None
    start: float | None = None
    pieces: list[str] = []
    otter = False
    after_blank = True
    spoken: set[str] = set()  # who has spoken (an Otter export's speakers)
    first = (0, "")  # an Otter export's first line

    def close() -> None:
        if speaker is not None:
            turns.append(
                Turn(index=len(turns), speaker=speaker, text="\n".join(pieces).strip(), start=start)
            )

    for number, line in source.lines():
        if not line.strip():
            after_blank = True
            continue
        blank_before, after_blank = after_blank, False
        if speaker is None and split_line(line) is None and otter_header(line) is not None:
            otter, first = True, (number, line)  # the first line tells an Otter export
        if otter:
            header = otter_header(line)
            if header is not None and (blank_before or speaker is None or header[1] in spoken
                                       or _new_speaker_in_stride(header, start)):
                close()
                start, speaker = header[0], names(header[1])
                spoken.add(speaker)
                pieces = []
            elif not turns and not pieces and split_line(line) is not None:
                # 'Call with Sam 10:30' over 'Sam: Hi': a title, not an Otter speaker
                raise _no_speaker(first[1], first[0], source.name)
            elif not _OTTER_CREDIT.match(line):
                pieces.append(line.strip())
            continue
        parsed = split_line(line)
        if parsed is None:
            if speaker is None:
                raise _no_speaker(line, number, source.name)
            pieces.append(line.strip())
            continue
        close()
        start, name, text = parsed
        speaker = names(name)
        pieces = [text] if text else []
    close()
    return finish(turns, source=source.name, format="text", expected=EXPECTED)


def _no_speaker(line: str, number: int, source: str) -> FormatError:
    timed = _TIME_PREFIX.match(line)
    long_name = _LONG_NAME.match(line[timed.end():] if timed else line)
    size = len(long_name.group(1)) if long_name else 0
    found = (f"found a speaker name of {size:,} characters; a name is at most 60"
             if size > 60 else f"found a line without a speaker: {quote(line)}")
    return FormatError(f"expected {EXPECTED}; {found}", source=source, line=number)
