"""Timed cues, shared by the WebVTT and SRT readers.

A cue is an optional id or number line, a timing line ``00:00:01.000 --> 00:00:04.000`` and one
or more lines of text; cues are separated by blank lines. :func:`iter_cues` streams cues out of
numbered lines; :class:`CueTurns` turns ``(speaker, text)`` segments of cues into turns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from mendkit.errors import FormatError
from mendkit.io._common import Names, quote
from mendkit.io._cue_joins import TURN_GAP, joined, writes_full_stops
from mendkit.io._source import Line
from mendkit.io._times import TIMECODE_PATTERN, parse_timecode
from mendkit.model.conversation import Turn

NAMES_HINT = (
    ". Without names Mend cannot tell who said what: add each speaker's name at the start of "
    "their cues ('Ana: I waited an hour.'); with WhisperX, transcribe with --diarize, and its "
    "'[SPEAKER_00]: ...' cues are read as named"
)
_TIMING = re.compile(rf"^\s*({TIMECODE_PATTERN})\s*-->\s*({TIMECODE_PATTERN})(?:\s+.*)?$")
# A line that starts with a clock time and holds a second one: a timing line with its arrow
# mistyped ("->", "—>", none at all), not a cue id, nor the cue's text.
_TIMING_LIKE = re.compile(rf"^\s*{TIMECODE_PATTERN}\b.*\d:[0-5]\d")


class Cue(NamedTuple):
    """A cue's timing (in seconds), the line number of its timing line, and its text lines."""

    line: int
    start: float
    end: float
    payload: list[Line]


def iter_cues(
    lines: Iterable[Line], *, source: str, example: str, skip_block: Callable[[str], bool]
) -> Iterator[Cue]:
    """Yield the cues in ``lines``. A timing line with no text at the end of input is an error.

    ``example`` is a well-formed timing line for error messages; ``skip_block`` says whether a
    block (by its first line) is not a cue, such as a WebVTT ``NOTE``.
    """
    block: list[Line] = []
    last: Cue | None = None
    for line in lines:
        if line.text.strip():
            block.append(line)
            continue
        for last in _block_cues(block, source, example, skip_block):
            yield last
        block = []
    for last in _block_cues(block, source, example, skip_block):
        yield last
    if last is not None and not last.payload:
        raise FormatError(
            "the last cue has a timing line but no text: the file looks truncated "
            "(expected the cue's text after its timing line)",
            source=source, line=last.line,
        )


def _block_cues(
    block: list[Line], source: str, example: str, skip_block: Callable[[str], bool]
) -> Iterator[Cue]:
    if not block or skip_block(block[0].text):
        return
    arrows = [i for i, line in enumerate(block) if "-->" in line.text]
    if not arrows or arrows[0] > 1:
        mistyped = next((line for line in block[:2] if _TIMING_LIKE.match(line.text)), None)
        if mistyped is not None:
            raise FormatError(
                f"expected a cue timing line like {example!r}, found a malformed timing line "
                f"{quote(mistyped.text)}",
                source=source, line=mistyped.number,
            )
        bad = block[0] if len(block) == 1 else block[1]  # block[0] may be a cue id
        raise FormatError(
            f"expected a cue timing line like {example!r}, found {quote(bad.text)}",
            source=source, line=bad.number,
        )
    for n, i in enumerate(arrows):
        stop = arrows[n + 1] if n + 1 < len(arrows) else len(block)
        payload = block[i + 1 : stop]
        if n + 1 < len(arrows) and payload and payload[-1].text.strip().isdigit():
            payload = payload[:-1]  # the next cue's number, in a file without blank lines
        yield _timed(block[i], payload, source, example)


def _timed(line: Line, payload: list[Line], source: str, example: str) -> Cue:
    match = _TIMING.match(line.text)
    start = parse_timecode(match.group(1)) if match else None
    end = parse_timecode(match.group(2)) if match else None
    if start is None or end is None:
        raise FormatError(
            f"expected a cue timing line like {example!r}, found {quote(line.text)}",
            source=source, line=line.number,
        )
    if end < start:
        raise FormatError(
            f"expected the cue to end after it starts, found {quote(line.text)}",
            source=source, line=line.number,
        )
    return Cue(line.number, start, end, payload)


@dataclass(slots=True)
class _Pending:
    speaker: str
    start: float
    end: float
    cue_line: int  # the timing line of the cue the last words came from
    cues: list[list[str]] = field(default_factory=list)  # the words of each cue, line by line


class CueTurns:
    """Collects cue segments into turns.

    A segment without a speaker continues the previous turn. With ``merge=True`` consecutive
    segments by the same speaker also join one turn (a speaker's uninterrupted stretch, which
    captioners cut into cues), starting when its first cue starts and ending when its last one
    ends; otherwise each named segment is a turn. A cue that starts more than
    :data:`~mendkit.io._cue_joins.TURN_GAP` seconds after the turn's last cue ended starts a new
    turn by the same speaker, merged or not. How the cues' words join is
    :func:`~mendkit.io._cue_joins.joined`'s.
    """

    def __init__(self, *, source: str, merge: bool, expected: str, hint: str = "") -> None:
        self._source = source
        self._merge = merge
        self._expected = expected
        self._hint = hint
        self._names = Names()
        self._pending: _Pending | None = None
        self._done: list[_Pending] = []
        self._cue_ends: dict[int, str] = {}  # each cue's last words, by its timing line

    def add(self, speaker: str | None, text: str, cue: Cue, line: int, *,
            hint: str = "") -> None:
        """Add one segment of ``cue`` (from line ``line``); ``hint`` is said in the error when
        the first cue names no speaker, where the caller knows more than ``hint=`` in
        ``__init__`` said."""
        pending = self._pending
        if pending is None and speaker is None:
            raise FormatError(
                f"expected the first cue to name its speaker ({self._expected}); "
                f"found {quote(text)}{hint or self._hint}",
                source=self._source, line=line,
            )
        if text:
            self._cue_ends[cue.line] = text
        paused = pending is not None and cue.start - pending.end > TURN_GAP
        if pending is not None and not paused and (
                speaker is None or (self._merge and pending.speaker == speaker)):
            if text:
                if pending.cue_line != cue.line or not pending.cues:
                    pending.cues.append([])
                pending.cues[-1].append(text)
            pending.cue_line = cue.line
            pending.end = max(pending.end, cue.end)
            return
        name = pending.speaker if speaker is None and pending is not None else self._names(speaker or "")
        self._flush()
        self._pending = _Pending(name, cue.start, cue.end, cue.line, [[text]] if text else [])

    def finish(self) -> list[Turn]:
        self._flush()
        full_stops = writes_full_stops(list(self._cue_ends.values()))
        return [
            Turn(
                index=index, speaker=pending.speaker,
                text=joined([" ".join(words) for words in pending.cues], full_stops=full_stops),
                start=pending.start, end=pending.end,
            )
            for index, pending in enumerate(self._done)
        ]

    def _flush(self) -> None:
        if self._pending is not None:
            self._done.append(self._pending)
        self._pending = None
