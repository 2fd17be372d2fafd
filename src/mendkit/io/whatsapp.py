"""WhatsApp chat exports ("Export chat" without media), from iOS and Android.

iOS lines look like ``[27/11/2026, 14:03:12] Name: text`` and Android lines like
``27/11/2026, 14:03 - Name: text``; both also come with 12-hour times (``2:03 PM``), two-digit
years and month-first dates. Lines that do not start with a date continue the previous message
(joined with newlines). System lines (no ``Name:``; text before the colon that cannot be a name:
a quote left open, system wording or more than six words; or, on iOS, text that WhatsApp wrote
after a left-to-right mark), media placeholders and deleted messages are skipped; a system line
saying that someone who speaks in the chat left the group ("Nadia left") is kept as the
conversation's ``left``, after the message before it: no turn, as no one said it.
Whether dates are day-first or month-first is decided once for the whole file: a first field
above 12 anywhere means day-first, a second field above 12 means month-first. Where every field is
12 or less, the order in which consecutive dates step forward by less is taken ("3/4/26" then
"3/5/26" is March 4 to March 5, one day, not April 3 to May 3); where that does not decide either
(one date only), a file whose times are all 12-hour with AM/PM and whose years have two digits is
read month-first, as a US phone writes it, and any other file day-first.

Each turn keeps ``timestamp`` (ISO 8601, local time as exported) and ``start`` (seconds since the
first message). The file is streamed line by line.

The export's order is the order the messages were sent in, but its times are local clock times
with no offset: when the clocks go back (a daylight-saving change, or a phone's clock set right),
a message can show an earlier time than the one before it. Its ``start`` is then that of the
message before it (the step back counts as no time), and later messages are measured on from
there, so ``start`` never goes back and never goes below zero.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import NamedTuple

from mendkit.errors import FormatError
from mendkit.io._common import Names, clean_name, finish, quote
from mendkit.io._reactions import reaction_text
from mendkit.io._source import TextSource
from mendkit.model.conversation import Conversation, Leave, Turn

EXPECTED = (
    "WhatsApp lines such as '[27/11/2026, 14:03:12] Ana: text' or '27/11/2026, 14:03 - Ana: text'"
)

_MARKS = "[\u200e\u200f\u202a-\u202e\u2066-\u2069]*"
_DATE = r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})"
_TIME = r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[\s\u202f\u00a0]*([AaPp])\.?\s?[Mm]\.?)?"
HEADER = re.compile(
    rf"^{_MARKS}(?:\[{_DATE},?\s+{_TIME}\]\s?|{_DATE},?\s+{_TIME}\s[-–]\s){_MARKS}"
)
"""A line that starts a WhatsApp message (iOS with brackets, or Android with a dash)."""

_SKIPPED_TEXTS = re.compile(
    r"^(?:<Media omitted>|<attached: .*>|(?:image|video|audio|sticker|GIF|document|Contact card) "
    r"omitted|This message was deleted\.?|You deleted this message\.?|null|"
    r"Messages and calls are end-to-end encrypted.*|Missed (?:voice|video) call.*|"
    # The same placeholders from phones set to Spanish, French, German, Portuguese, Italian or
    # Dutch: media left out ("<Multimedia omitido>") and deleted messages.
    r"<(?:Multimedia omitido|M\u00e9dias omis|Medien ausgeschlossen|M\u00eddia oculta|"
    r"Arquivo de m\u00eddia oculto|Media omessi|Media weggelaten)>|"
    r"Se elimin\u00f3 este mensaje\.?|Eliminaste este mensaje\.?|"
    r"Ce message a \u00e9t\u00e9 supprim\u00e9\.?|Vous avez supprim\u00e9 ce message\.?|"
    r"Diese Nachricht wurde gel\u00f6scht\.?|Du hast diese Nachricht gel\u00f6scht\.?|"
    r"Mensagem apagada\.?|Voc\u00ea apagou esta mensagem\.?|"
    r"Questo messaggio \u00e8 stato eliminato\.?|Hai eliminato questo messaggio\.?|"
    r"Dit bericht is verwijderd\.?|Je hebt dit bericht verwijderd\.?|"
    "\u0414\u0430\u043d\u043d\u043e\u0435 \u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435 "
    "\u0443\u0434\u0430\u043b\u0435\u043d\u043e\\.?|"  # Russian: "This message was deleted"
    r"Bu mesaj silindi\.?|Pesan ini telah dihapus\.?|"
    # Any other phone language: a message that is only "<...>" of two to six words, as WhatsApp
    # writes a left-out photo or file ("<Medya dahil edilmedi>"); a person's "<3" or "<sigh>" stays.
    r"<[^\W\d_]+(?: [^\W\d_]+){1,5}>)$",
    re.IGNORECASE,
)
_QUOTES = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb]")
_SYSTEM_WORDING = re.compile(
    r"\b(?:changed (?:the subject|the group|this group)|created group|changed their phone)\b",
    re.IGNORECASE,
)
_MAX_NAME_WORDS = 6
_EDITED = re.compile(r"\s*\u200e?<This message was edited>$")
# iOS writes the text of what WhatsApp itself generates after a left-to-right mark: in a group,
# "[date] Family: \u200eAna added Ben" is a system line, not a message by "Family". A shared
# location or a poll is generated the same way, but for a person, so it is kept.
_GENERATED = "\u200e"
# WhatsApp's line when a member leaves a group: "Nadia left" (English exports).
_LEFT = re.compile(r"^(.{1,80}?) left$")
_KEPT_GENERATED = re.compile(r"^(?:Location|POLL):", re.IGNORECASE)


class _Message(NamedTuple):
    line: int
    first: int  # the first date field: day or month until the whole file has been seen
    second: int
    year: int
    seconds_of_day: int
    speaker: str
    text: str


def read_whatsapp(source: TextSource) -> Conversation:
    """Read a WhatsApp chat export (iOS or Android)."""
    names = Names()
    messages: list[_Message] = []
    year_first = False
    us_style = True  # every header so far has a 12-hour time and a two-digit year
    max_first = max_second = 0
    current: tuple[int, tuple[int, int, int, int], str] | None = None  # line, date, speaker
    pieces: list[str] = []
    started = False
    left: list[Leave] = []  # "Nadia left": who left the group, and after which message

    def close() -> None:
        if current is None:
            return
        text = reaction_text(_EDITED.sub("", "\n".join(pieces).rstrip()))
        if text and not _SKIPPED_TEXTS.match(text.strip("\u200e\u200f ")):
            line, (a, b, year, seconds), speaker = current
            messages.append(_Message(line, a, b, year, seconds, speaker, text))

    for number, line in source.lines():
        match = HEADER.match(line)
        if match is None:
            if current is not None:
                pieces.append(line)
            elif not started and line.strip():
                raise FormatError(
                    f"expected {EXPECTED}; found {quote(line)}", source=source.name, line=number
                )
            continue  # blank lines at the top, or the rest of a skipped system message
        started = True
        close()
        current, pieces = None, []
        rest = line[match.end() :]
        name, sep, text = rest.partition(": ")
        if not sep:
            name, sep, text = rest.partition(":") if rest.endswith(":") else ("", "", "")
        if not sep or not _is_name(clean_name(name)):
            # a system line: "Ana added Ben", 'Ana changed the subject to "Re: x"', "Ana left"
            _leave(rest, len(messages), names, left)
            continue
        if text.startswith(_GENERATED):
            if not _KEPT_GENERATED.match(text.lstrip(_GENERATED)):
                _leave(text, len(messages), names, left)
                continue  # an iOS group's system line, under the group's name
            text = text.lstrip(_GENERATED)
        date, seconds = _parse(match, source.name, number)
        us_style = us_style and _us_style(match)
        year_first = year_first or date[0] > 31
        if not year_first:
            max_first, max_second = max(max_first, date[0]), max(max_second, date[1])
        current = (number, (*date, seconds), names(clean_name(name).lstrip("~").strip()))
        pieces = [text]
    close()
    day_first = year_first or max_first > 12 or (
        max_second <= 12 and _day_first_by_steps(messages, us_style=us_style)
    )
    turns = _turns(messages, day_first=day_first, year_first=year_first, source=source.name)
    return finish(turns, source=source.name, format="whatsapp", expected=EXPECTED,
                  left=[leave for leave in left if leave.speaker in {t.speaker for t in turns}])


def _leave(line: str, sent: int, names: Names, left: list[Leave]) -> None:
    """Keep a system line that says someone left the group ("Nadia left"), after the ``sent``
    messages so far, when it names someone (not "You")."""
    match = _LEFT.match(line.strip("\u200e\u200f ").rstrip())
    if match and match.group(1).strip() != "You":
        left.append(Leave(speaker=names(clean_name(match.group(1)).lstrip("~").strip()),
                          after_turn=sent - 1))


def _is_name(name: str) -> bool:
    """Whether the text before ": " can be a contact's name: a system line such as
    'Ana created group "Re: weekend"' has a colon too, but a name has at most six words, no
    system wording and no quote left open (a nickname in quotes, 'Robert "Bob" Smith', is a
    name)."""
    return (
        bool(name) and len(name.split()) <= _MAX_NAME_WORDS
        and len(_QUOTES.findall(name)) % 2 == 0 and not _SYSTEM_WORDING.search(name)
    )


def _us_style(match: re.Match[str]) -> bool:
    """Whether a header has a 12-hour time (AM/PM) and a two-digit year, as US phones write."""
    g = match.groups()
    fields = g[0:7] if g[0] is not None else g[7:14]
    return fields[6] is not None and fields[2] is not None and len(fields[2]) == 2


def _day_first_by_steps(messages: list[_Message], *, us_style: bool) -> bool:
    """For a file whose date fields are all 12 or less: day-first unless reading it month-first
    makes consecutive dates step by fewer days in all (see the module docstring)."""
    steps = {True: 0, False: 0}
    for day_first in steps:
        previous: int | None = None
        for m in messages:
            day, month = (m.first, m.second) if day_first else (m.second, m.first)
            try:
                ordinal = datetime(m.year, month, day).toordinal()
            except ValueError:
                steps[day_first] = -1  # cannot be read this way; the other order is taken
                break
            if previous is not None:
                steps[day_first] += abs(ordinal - previous)
            previous = ordinal
    if steps[True] < 0 or steps[False] < 0:
        return steps[True] >= 0
    if steps[True] != steps[False]:
        return steps[True] < steps[False]
    return not us_style


def _parse(match: re.Match[str], name: str, line: int) -> tuple[tuple[int, int, int], int]:
    g = match.groups()
    fields = g[0:7] if g[0] is not None else g[7:14]
    a, b, year, hour, minute, second, half = (value or "" for value in fields)
    h = int(hour)
    for value, unit in ((minute, "minutes"), (second, "seconds")):
        if value and int(value) > 59:
            raise FormatError(f"expected {unit} from 00 to 59, found {value}", source=name,
                              line=line)
    if half:
        if not 1 <= h <= 12:
            raise FormatError(f"expected an hour from 1 to 12 before AM/PM, found {hour}",
                              source=name, line=line)
        h = h % 12 + (12 if half in "Pp" else 0)
    seconds = h * 3600 + int(minute) * 60 + int(second or "0")
    y = int(year) if len(year) != 2 else 2000 + int(year)
    if len(a) == 4:  # year first: 2026-11-27
        return (int(a), int(b), int(year)), seconds
    return (int(a), int(b), y), seconds


def _turns(
    messages: list[_Message], *, day_first: bool, year_first: bool, source: str
) -> list[Turn]:
    turns: list[Turn] = []
    origin: datetime | None = None
    previous: datetime | None = None
    stepped_back = 0.0  # seconds the clock has gone back so far (see the module docstring)
    messages.reverse()  # pop from the end, so the records are freed as the turns are built
    while messages:
        m = messages.pop()
        if year_first:
            year, month, day = m.first, m.second, m.year
        else:
            day, month = (m.first, m.second) if day_first else (m.second, m.first)
            year = m.year
        try:
            when = datetime(year, month, day, m.seconds_of_day // 3600, m.seconds_of_day // 60 % 60,
                            m.seconds_of_day % 60)
        except ValueError as exc:
            order = "year-month-day" if year_first else "day/month" if day_first else "month/day"
            raise FormatError(
                f"expected a valid date and time (read as {order}), found one that is not: {exc}",
                source=source, line=m.line,
            ) from None
        origin = origin or when
        if previous is not None and when < previous:
            stepped_back += (previous - when).total_seconds()
        previous = when
        turns.append(
            Turn(index=len(turns), speaker=m.speaker, text=m.text, timestamp=when.isoformat(),
                 start=(when - origin).total_seconds() + stepped_back)
        )
    return turns
