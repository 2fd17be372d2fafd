"""Plain text transcripts: one ``Speaker: text`` per line, or a speech-to-text service's export,
or a chat copied from a phone.

Lines without a speaker prefix continue the previous turn (joined with a newline); blank lines
are ignored. A line may start with a time, ``[00:01:23] Ana: ...`` or ``00:01:23 Ana: ...``,
or give it after the name as Rev does, ``Ana (00:01:23): ...``; the time becomes the turn's
``start`` in seconds. The text may also come on the lines under the name (``Ana (00:01:23):``).

An Otter.ai export is told from its first line, a name and a time on their own
(``Speaker 1  0:05`` or ``Dana Whitfield  01:02:03``): each such line starts a turn, whose text
is the lines under it, until the next one. In such a file a line counts as a new speaker's only
after a blank line or when it names someone who has already spoken, so that text which ends with
a time ("we said 10:30") stays text; Otter's closing ``Transcribed by https://otter.ai`` is left
out. A chat copied from a phone often has the same layout (``Mum 10:31`` over the text, or
``Mum • 10:31 AM``, ``Mum Yesterday 23:58``), with lines of its own for the day (``Today``,
``Mon 10:31``, ``3 November 2026``) and for receipts.

Receipts (``Read``, ``Read 10:42``, ``Seen at 10:42``, ``Delivered``, ``Sent``, ``Edited``) are
not said by anyone and are left out; a bare ``Sent`` or ``Read`` is a receipt only under some
text, where it cannot be the whole message. A deleted message (``This message was deleted``)
leaves its turn, with no text. ``Note:``, ``PS:``, ``Edit:``, ``Btw:`` and the like at the start
of a line go on with the message above (a ``Name:`` that is such a word is a speaker only where
the file has it speak more than once, answering others, as a bot's ``Update:`` would).

A time is a media offset (minutes and seconds into a recording, as Otter, Rev and subtitles give
it) unless the file reads as a chat, which is decided from all of its times together:

- times with seconds or a fraction (``0:01:23``, ``1:05.5``), or minutes past 23 (``45:10``),
  are a recording's;
- times with ``am``/``pm`` or a day, or a file with receipts, are a chat's;
- otherwise every time is ``M:SS`` or ``H:MM``, and the file is a recording's when its times start
  at the beginning of one (``0:05``), or start within its first two minutes (``1:05``), never go
  back and run on to ten minutes or more (``1:05``, ``1:40``, ``12:03``: 65, 100 and 723
  seconds): as clock times they would be a chat from the small hours into the morning (or from
  one in the afternoon into the night) that never once went back. Any other such file (``10:42``,
  ``10:58``; ``1:15``, ``1:20``, ``1:42``) is read as a chat, as it always was.
A chat's times are clock times: ``start`` counts the seconds since the first message, going on
past midnight (``23:58`` then ``00:03`` is five minutes) and over the days its day lines name;
a time a little earlier than the one before it counts as no time, as in a WhatsApp export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from mendkit.errors import FormatError
from mendkit.io._common import Names, finish, quote, split_speaker
from mendkit.io._reactions import reaction_text
from mendkit.io._source import TextSource
from mendkit.io._times import (
    AMPM_PATTERN,
    DAY_PATTERN,
    TIMECODE_PATTERN,
    DayKey,
    days_between,
    parse_clock,
    parse_day,
    parse_timecode,
    timecode_problem,
)
from mendkit.model.conversation import Conversation, Turn

EXPECTED = ("one 'Speaker: text' per line, for example 'Ana: I waited an hour.' (Otter and Rev "
            "exports are read too: 'Ana  0:05' over the text, or 'Ana (00:00:05): text')")

# A one-word-ish name over split_speaker's 60 characters, said as such on the first line.
_LONG_NAME = re.compile(r"^\s*(\S+(?: \S+){0,3}?)\s*:(?:\s|$)")
_STAMP = rf"{TIMECODE_PATTERN}(?:\s*{AMPM_PATTERN})?"  # '00:01:23', '10:31 PM'
_STAMP_PARTS = re.compile(rf"^({TIMECODE_PATTERN})(?:\s*({AMPM_PATTERN}))?$")
_TIME_PREFIX = re.compile(rf"^\s*(?:\[({_STAMP})\]|\(({_STAMP})\)|({_STAMP}))\s+")
# A bracketed time at the start of a line that is no time ("[12:75] Ben: hi"): an error, not text.
_TIME_LIKE_PREFIX = re.compile(r"^\s*[\[(](\d{1,4}:\d{1,4}(?::\d{1,4})?(?:[.,]\d+)?)[\])]\s")
# Rev: "Speaker 1 (00:00:05): text" (the name checked as a 'Name:' prefix is).
_TIME_AFTER_NAME = re.compile(rf"^(\s*[^:]*?)\s*\(({_STAMP})\)\s*(:.*)$")
# Otter: "Speaker 1  00:03:12" alone on its line, the text on the lines below; a phone's chat:
# "Mum 10:31", "Mum \u00b7 10:31 AM", "Mum Yesterday 23:58".
_HEADER = re.compile(
    rf"^\s*(\S(?:.*?\S)?)(?:\s*[,\u00b7\u2022|\u2013-]\s*|\s+)"
    rf"(?:({DAY_PATTERN})\s*,?\s+(?:at\s+)?)?({TIMECODE_PATTERN})(?:\s*({AMPM_PATTERN}))?\s*$",
    re.IGNORECASE,
)
_HEADER_ENDS = frozenset("0123456789mM.")  # a time, or its am/pm
_OTTER_CREDIT = re.compile(r"^\s*transcribed by\s+(?:https?://)?(?:www\.)?otter\.ai\S*\s*$",
                           re.IGNORECASE)
_CLOCK_STAMP = rf"\d{{1,2}}:\d{{2}}(?:\s*{AMPM_PATTERN})?"
# A phone's line for the day of the messages under it: "Today", "Mon 10:31", "Yesterday at 23:58".
_DAY_LINE = re.compile(
    rf"^\s*({DAY_PATTERN})(?:\s*,?\s+(?:at\s+)?({TIMECODE_PATTERN})(?:\s*({AMPM_PATTERN}))?)?\s*$",
    re.IGNORECASE,
)
_RECEIPT_WORDS = r"read|seen|delivered|sent|edited|not delivered"
# A receipt as a word alone ("Read", "(edited)"), or with only a day or a reader ("Read
# Yesterday", "Seen by Mum"): under some text only, since a message may be just that word.
_BARE_RECEIPT = re.compile(
    rf"^\s*\(?(?:{_RECEIPT_WORDS})\)?\.?(?:\s+by\s+(?!(?:{DAY_PATTERN})\b)[^\W\d_][\w'.\-]*"
    rf"(?:\s+[^\W\d_][\w'.\-]*){{0,2}})?(?:\s*,?\s*(?:on\s+)?(?:{DAY_PATTERN}))?\s*$",
    re.IGNORECASE,
)
# A receipt with a time ("Read 10:42", "Seen at 10:42", "Read by Mum Yesterday 23:02"): never text.
_RECEIPT = re.compile(
    rf"^\s*(?:{_RECEIPT_WORDS})(?:\s+by\s+(?!(?:{DAY_PATTERN})\b)[^\W\d_][\w'.\-]*"
    rf"(?:\s+[^\W\d_][\w'.\-]*){{0,2}})?(?:\s*,?\s*(?:on\s+)?(?:{DAY_PATTERN}))?\s*,?\s*"
    rf"(?:at\s+)?{_CLOCK_STAMP}\s*$",
    re.IGNORECASE,
)
# What a phone shows in place of a message taken back; the turn stays, without these words.
_DELETED = re.compile(
    r"^\s*(?:[Tt]his message (?:was|has been) (?:deleted|removed|unsent)|[Yy]ou deleted this "
    r"message|[Mm]essage (?:deleted|unsent|removed)|(?:You|[^\W\d_a-z][\w'.\-]*"
    r"(?: [^\W\d_a-z][\w'.\-]*)?) unsent a message)\.?\s*$"
)
_HOUR, _HALF_DAY = 3_600.0, 43_200.0
# ``M:SS`` times that start within this many seconds and run on to ``_RUN_ON`` or later, never
# going back, are a recording's (``_a_recording_from_its_start``).
_NEAR_THE_START, _RUN_ON = 120.0, 600.0
# Words that open a note inside a message ("Note: ...", "PS: ...", "Edit: ...").
_ASIDES = frozenset({"note", "notes", "ps", "pps", "edit", "edited", "update", "also", "btw", "nb",
                     "fyi", "addendum", "sidenote"})


def _aside_key(name: str) -> str:
    return "".join(name.lower().replace(".", "").split())


class _When(NamedTuple):
    """A turn's time as written: the time, a 12-hour time's am/pm, the day a phone showed."""

    time: str
    half: str | None = None
    day: DayKey | None = None


def _stamp(text: str) -> _When:
    match = _STAMP_PARTS.match(text.strip())
    return _When(match.group(1), match.group(2)) if match else _When(text.strip())


def _offset(when: _When | None) -> float | None:
    return None if when is None else parse_timecode(when.time)


def _split(line: str) -> tuple[_When | None, str, str] | None:
    when: _When | None = None
    rest = line
    match = _TIME_PREFIX.match(line)
    if match is not None:
        when = _stamp(next(g for g in match.groups() if g is not None))
        rest = line[match.end() :]
    parts = split_speaker(rest)
    if parts is None and match is None:
        return _time_after_name(line)
    if parts is None:
        return None
    return when, parts[0], parts[1]


def split_line(line: str) -> tuple[float | None, str, str] | None:
    """``(start, speaker, text)`` for a line that starts a turn, else ``None``; ``start`` is the
    time read as an offset (see :func:`read_text` for when a file's times are clock times).

    >>> split_line("[00:01:05] Ben: Fine.")
    (65.0, 'Ben', 'Fine.')
    >>> split_line("Speaker 2 (00:00:09): okay")
    (9.0, 'Speaker 2', 'okay')
    """
    parsed = _split(line)
    return None if parsed is None else (_offset(parsed[0]), parsed[1], parsed[2])


def _time_after_name(line: str) -> tuple[_When | None, str, str] | None:
    match = _TIME_AFTER_NAME.match(line)
    if match is None:
        return None
    parts = split_speaker(match.group(1) + match.group(3))
    if parts is None:
        return None
    return _stamp(match.group(2)), parts[0], parts[1]


def _header(line: str) -> tuple[_When, str] | None:
    """``(when, speaker)`` for a line that names a speaker and a time and nothing else."""
    if line.rstrip()[-1:] not in _HEADER_ENDS or _DAY_LINE.match(line) or _RECEIPT.match(line):
        return None
    match = _HEADER.match(line)
    if match is None or parse_timecode(match.group(3)) is None:
        return None
    name = match.group(1)
    parts = split_speaker(f"{name}:")  # a name as a 'Name:' prefix would have it
    if parts is None or parts[1] or parts[0][0].islower():
        return None
    day = parse_day(match.group(2)) if match.group(2) else None
    return _When(match.group(3), match.group(4), day), parts[0]


def otter_header(line: str) -> tuple[float, str] | None:
    """``(start, speaker)`` for a line that names a speaker and a time (an Otter.ai export's, or
    a phone chat's), else ``None``; ``start`` is the time read as an offset.

    >>> otter_header("Speaker 1  0:05")
    (5.0, 'Speaker 1')
    >>> otter_header("see you at 10:30") is None  # a sentence, not a name
    True
    """
    header = _header(line)
    if header is None:
        return None
    start = _offset(header[0])
    return None if start is None else (start, header[1])


def day_line(line: str) -> DayKey | None:
    """The day a phone's line over its messages shows (``Today``, ``Mon 10:31``), else ``None``.
    A line that may be a message as well (``Yesterday``) is one only over a speaker's line.

    >>> day_line("Yesterday at 23:58")
    ('relative', -1)
    """
    match = _DAY_LINE.match(line)
    return None if match is None else parse_day(match.group(1))


def _new_speaker_in_stride(when: _When, name: str, last: _When | None) -> bool:
    """Whether an Otter line right under the text (no blank line between) names a new speaker:
    its time goes on from the turn before, and its name reads as a name ('Speaker 2', 'Dr. Ana
    Ruiz'), each word capitalised, where a sentence ends in a time ('Meet me at 10:30')."""
    before, now = _order(last), _order(when)
    return (before is None or (now is not None and now >= before)) and all(
        not word[0].islower() for word in name.split())


def _order(when: _When | None) -> float | None:
    """A value to compare two times of one file by (a 12-hour time on the 24-hour clock)."""
    if when is None:
        return None
    return parse_clock(when.time, when.half) if when.half else parse_timecode(when.time)


def _is_receipt(line: str, has_text: bool) -> bool:
    """Whether a line is a phone's receipt ('Read 10:42'); a phone writes it with a capital."""
    word = line.strip()
    if not (word[:1].isupper() or word.startswith("(edited)")):
        return False
    if _BARE_RECEIPT.match(word):
        return has_text
    return bool(_RECEIPT.match(word))


@dataclass(slots=True)
class _Entry:
    """A turn being read: who, when, the lines of its text, and the line it started on."""

    speaker: str
    when: _When | None
    pieces: list[str] = field(default_factory=list)
    line: str = ""  # the 'Name: text' line that opened it, for a 'Note:' put back in its message
    on_line: int = 0  # how many of the pieces that line holds


def _lines_ahead(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str, bool, str | None]]:
    """Each non-blank line with whether a blank line came before it and the next non-blank line."""
    held: tuple[int, str, bool] | None = None
    blank = True
    for number, line in lines:
        if not line.strip():
            blank = True
            continue
        if held is not None:
            yield (*held, line)
        held, blank = (number, line, blank), False
    if held is not None:
        yield (*held, None)


def read_text(source: TextSource) -> Conversation:
    """Read a plain text transcript, an Otter.ai or Rev export, or a chat copied from a phone."""
    names = Names()
    entries: list[_Entry] = []
    current: _Entry | None = None
    otter = False
    receipts = False  # a receipt tells a chat
    day: DayKey | None = None  # the day the phone's last day line showed
    spoken: set[str] = set()  # who has spoken (an Otter export's speakers)
    first = (0, "")  # an Otter export's first line

    def has_text() -> bool:
        return current is not None and any(current.pieces)

    def open_turn(entry: _Entry) -> _Entry:
        entries.append(entry)
        return entry

    for number, line, blank_before, following in _lines_ahead(source.lines()):
        if current is None and not otter and _split(line) is None:
            if _header(line) is not None:
                otter, first = True, (number, line)  # the first line tells an Otter export
            elif following is not None and day_line(line) and _header(following) is not None:
                otter, first = True, (number, line)  # a phone's day line over a chat
        if current is not None and _is_receipt(line, has_text()):
            receipts = True
            continue
        if current is not None and _DELETED.match(line):
            continue  # the turn stays, without the words the phone put in its place
        if otter:
            shown = day_line(line)
            if (shown is not None and (current is None or has_text()) and following is not None
                    and _header(following) is not None):
                day = shown
                continue
            header = _header(line)
            if header is not None and (blank_before or current is None or header[1] in spoken
                                       or _new_speaker_in_stride(header[0], header[1],
                                                                 current.when)):
                when, name = header
                current = open_turn(_Entry(names(name), when._replace(day=when.day or day)))
                spoken.add(current.speaker)
            elif current is None or (len(entries) == 1 and not current.pieces
                                     and _is_title_over(line)):
                # 'Call with Sam 10:30' over 'Sam: Hi': a title, not an Otter speaker
                raise _no_speaker(first[1], first[0], source.name)
            elif not _OTTER_CREDIT.match(line):
                current.pieces.append(line.strip())
            continue
        _check_time_prefix(line, number, source.name)
        parsed = _split(line)
        if parsed is None:
            if current is None:
                raise _no_speaker(line, number, source.name)
            current.pieces.append(line.strip())
            continue
        stamp, name, text = parsed
        current = open_turn(_Entry(names(name), stamp, line=line.strip()))
        if text and not _DELETED.match(text):
            current.pieces.append(text)
            current.on_line = 1
    if not otter:
        entries = _asides_put_back(entries)
    starts = _starts([entry.when for entry in entries], receipts=receipts)
    turns: list[Turn] = []
    for entry, start in zip(entries, starts, strict=True):
        written = "\n".join(entry.pieces).strip()
        text = reaction_text(written)  # a tapback is its emoji, not the words it quotes
        if written and not text:
            continue  # a reaction taken back
        turns.append(Turn(index=len(turns), speaker=entry.speaker, text=text, start=start))
    return finish(turns, source=source.name, format="text", expected=EXPECTED)


def _is_title_over(line: str) -> bool:
    """Whether a 'Name: text' line right under the first name-and-time line shows that line to be
    a title ('Call with Sam 10:30' over 'Sam: Hi'); 'PS: ...' under 'Mum 10:31' is a message."""
    parsed = _split(line)
    return parsed is not None and _aside_key(parsed[1]) not in _ASIDES


def _asides_put_back(entries: list[_Entry]) -> list[_Entry]:
    """The turns with each 'Note: ...' that opened a turn put back in the message above it.

    A 'Name:' that is such a word names a speaker only where it speaks more than once and its
    turns answer others: after different people, or between two turns of one other person."""
    by_word: dict[str, list[int]] = {}
    for i, entry in enumerate(entries):
        if entry.when is None and _aside_key(entry.speaker) in _ASIDES:
            by_word.setdefault(_aside_key(entry.speaker), []).append(i)
    put_back: set[int] = set()
    for places in by_word.values():
        after = {entries[i - 1].speaker for i in places if i > 0}
        between = sum(1 for i in places if 0 < i < len(entries) - 1
                      and entries[i - 1].speaker == entries[i + 1].speaker)
        if len(places) < 2 or (len(after) < 2 and 2 * between < len(places)):
            put_back.update(i for i in places if i > 0)
    if not put_back:
        return entries
    kept: list[_Entry] = []
    for i, entry in enumerate(entries):
        if i in put_back:
            kept[-1].pieces.extend([entry.line, *entry.pieces[entry.on_line:]])
        else:
            kept.append(entry)
    return kept


def _starts(whens: list[_When | None], *, receipts: bool) -> list[float | None]:
    """Each turn's ``start``: a media offset, or seconds since the first message of a chat."""
    timed = [when for when in whens if when is not None]
    if not timed or not _reads_as_clock(timed, receipts=receipts):
        return [_offset(when) for when in whens]
    # A phone set to 12 hours whose am/pm was not copied: 12:40 then 1:05 is 25 minutes.
    twelve_hour = all(when.half is None and int(when.time.split(":")[0]) <= 12 for when in timed)
    starts: list[float | None] = []
    origin: float | None = None
    previous: float | None = None
    stepped_back = 0.0  # seconds the clock went back by (a step back counts as no time)
    days = 0.0
    label: DayKey | None = None
    for when in whens:
        of_day = None if when is None else parse_clock(when.time, when.half)
        if when is None or of_day is None:
            starts.append(None)
            continue
        new_day = when.day is not None and label is not None and when.day != label
        if new_day and label is not None and when.day is not None:
            days = float(int(days) + days_between(label, when.day))
        label = when.day or label
        moment = days * 2 * _HALF_DAY + of_day
        if previous is not None and moment < previous and not new_day:
            if twelve_hour and previous - moment > _HOUR:  # past noon or midnight
                days, moment = days + 0.5, moment + _HALF_DAY
            elif previous - moment > _HALF_DAY:  # past midnight
                days, moment = days + 1, moment + 2 * _HALF_DAY
        if previous is not None and moment < previous:
            stepped_back += previous - moment
        origin = moment if origin is None else origin
        previous = moment
        starts.append(moment - origin + stepped_back)
    return starts


def _reads_as_clock(whens: list[_When], *, receipts: bool) -> bool:
    """Whether a file's times are times of day (a chat) rather than offsets into a recording."""
    if any(when.half or when.day for when in whens):
        return True
    fields = [when.time.split(":") for when in whens]
    if any(len(parts) != 2 or not parts[1].isdigit() or int(parts[0]) > 23 for parts in fields):
        return False  # seconds, fractions or minutes past 23: a recording's
    if receipts:
        return True
    return int(fields[0][0]) >= 1 and not _a_recording_from_its_start(whens)


def _a_recording_from_its_start(whens: list[_When]) -> bool:
    """Whether ``M:SS`` times read as a recording's from near its start: the first within two
    minutes, none earlier than the one before, the last ten minutes in or later (see the module
    docstring)."""
    offsets = [parse_timecode(when.time) for when in whens]
    if any(offset is None for offset in offsets):
        return False
    seconds = [offset for offset in offsets if offset is not None]
    return (seconds[0] < _NEAR_THE_START and seconds[-1] >= _RUN_ON
            and all(later >= earlier for earlier, later in pairwise(seconds)))


def _check_time_prefix(line: str, number: int, source: str) -> None:
    """Raise ``FormatError`` for a line that opens with a bracketed time that is none
    (``[12:75]``): read as text, it would fold a turn into the one before without a word."""
    match = _TIME_LIKE_PREFIX.match(line)
    problem = None if match is None else timecode_problem(match.group(1))
    if problem is not None:
        raise FormatError(f"expected a time such as [01:05], [60:12] or [1:02:03.5] at the start "
                          f"of the line; {problem}", source=source, line=number)


def _no_speaker(line: str, number: int, source: str) -> FormatError:
    timed = _TIME_PREFIX.match(line)
    long_name = _LONG_NAME.match(line[timed.end():] if timed else line)
    size = len(long_name.group(1)) if long_name else 0
    found = (f"found a speaker name of {size:,} characters; a name is at most 60"
             if size > 60 else f"found a line without a speaker: {quote(line)}")
    return FormatError(f"expected {EXPECTED}; {found}", source=source, line=number)
