"""CSV tables with a header row: ``speaker,text[,start]``.

Header names are matched case-insensitively; ``name``/``author`` also name the speaker column
and ``message``/``utterance`` the text column. ``start`` and ``end`` are seconds or ``HH:MM:SS``;
without a ``start`` column, a ``timestamp`` column (ISO 8601 or epoch seconds) gives each start.
The delimiter (comma, semicolon or tab) is taken from the header row, or from a first line
``sep=;`` as Excel writes it. A ``conversation_id``
column splits the table into conversations. Rows are streamed.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator

from mendkit.errors import FormatError
from mendkit.io._common import Grouper, default_id, single, whole_name
from mendkit.io._records import SPEAKER_KEYS, TEXT_KEYS, RecordReader, find_key, timed
from mendkit.io._source import Line, TextSource
from mendkit.model.conversation import Conversation, Turn

EXPECTED = (
    "a header row with a speaker column (speaker, name or author) and a text column "
    "(text, message or utterance), then one row per turn"
)
# The longest field read (characters): the csv module's default, 131,072, is one long message.
FIELD_LIMIT = 64 * 1024 * 1024
_OPTIONAL = {
    "start": ("start", "start_time", "time"),
    "end": ("end", "end_time"),
    "timestamp": ("timestamp", "datetime"),
    "id": ("id",),
    "reply_to": ("reply_to",),
    "conversation_id": ("conversation_id",),
}


def read_csv(source: TextSource) -> Conversation:
    """Read a CSV file that holds one conversation."""
    return single(iter_csv(source), source=source.name)


def iter_csv(source: TextSource) -> Iterator[Conversation]:
    """Yield each conversation of a CSV file (one unless it has a conversation_id column)."""
    lines = (line for line in source.lines() if line.text.strip())
    header_line = next(lines, None)
    if header_line is None:
        raise FormatError(f"no rows found: expected {EXPECTED}", source=source.name)
    delimiter = max(",;\t", key=header_line.text.count)
    excel_sep = header_line.text.strip().lower()
    if excel_sep.startswith("sep=") and len(excel_sep) == 5:  # Excel's "sep=;" names it
        delimiter = header_line.text.strip()[4]
        header_line = next(lines, None)
        if header_line is None:
            raise FormatError(f"no rows found: expected {EXPECTED}", source=source.name)
    numbers = [header_line.number]
    consumed: list[Line] = []  # the lines of the row being read
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)  # one long message is a long field, not a broken file
    rows = _checked(csv.reader(_tracked(itertools.chain([header_line], lines), numbers, consumed),
                               delimiter=delimiter), numbers, source.name)
    header = next(rows)
    consumed.clear()
    columns = _columns(header, source.name, header_line.number)
    reader = RecordReader(source.name)
    grouper = Grouper(source.name)
    last_row: list[Line] = []
    for row in rows:
        last_row = consumed[:]
        consumed.clear()
        number = numbers[0]
        if not any(cell.strip() for cell in row):
            continue
        record = _record(row, header, columns, name=source.name, line=number, delim=delimiter)
        cid = record.pop("conversation_id", None) or None
        finished = grouper.switch(cid, number)
        if finished is not None:
            yield _conversation(finished, source.name)
        grouper.turns.append(reader.turn(record, len(grouper.turns), where="the row", line=number))
    _check_closed(last_row, source.name)
    finished = grouper.close()
    if finished is None:
        raise FormatError(f"no turns found: expected {EXPECTED}", source=source.name)
    yield _conversation(finished, source.name)


def _check_closed(row: list[Line], name: str) -> None:
    """The last row must not be a quoted field left open: the csv module reads such a field to
    the end of the file, so every later row would silently become part of one message."""
    if len(row) > 1 and sum(line.text.count('"') for line in row) % 2:
        raise FormatError(
            'expected a closing quote (") for the field opened on this line; without it '
            + ("the line after it" if len(row) == 2 else f"the {len(row) - 1:,} lines after it")
            + " would be read as part of one message",
            source=name, line=row[0].number,
        )


def _checked(rows: Iterator[list[str]], numbers: list[int], name: str) -> Iterator[list[str]]:
    """The csv module's rows, its own errors (a field over the limit) as a FormatError at the
    line it had reached."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise FormatError(f"expected {EXPECTED}; the CSV could not be read here: {exc}",
                              source=name, line=numbers[0]) from None
        yield row


def _tracked(lines: Iterator[Line], numbers: list[int], consumed: list[Line]) -> Iterator[str]:
    """Feed csv the lines (with endings, for quoted newlines), noting the last line number read
    and the lines of the current row."""
    for line in lines:
        numbers[0] = line.number
        consumed.append(line)
        yield line.text + "\n"


def _columns(header: list[str], name: str, line: int) -> dict[str, int]:
    speaker, text = find_key(header, SPEAKER_KEYS), find_key(header, TEXT_KEYS)
    if speaker is None or text is None:
        found = ", ".join(repr(h) for h in header) or "nothing"
        raise FormatError(f"expected {EXPECTED}; found the columns {found}", source=name, line=line)
    columns = {"speaker": header.index(speaker), "text": header.index(text)}
    for key, aliases in _OPTIONAL.items():
        found_key = find_key(header, aliases)
        if found_key is not None:
            columns[key] = header.index(found_key)
    return columns


def _record(
    row: list[str], header: list[str], columns: dict[str, int], *, name: str, line: int, delim: str
) -> dict[str, str]:
    text_col = columns["text"]
    if len(row) > len(header) and text_col == len(header) - 1:
        row = [*row[:text_col], delim.join(row[text_col:])]  # an unquoted delimiter in the text
    if len(row) != len(header):
        raise FormatError(
            f"expected {len(header)} fields as in the header row, found {len(row)} "
            "(quote fields that contain the delimiter)",
            source=name, line=line,
        )
    return {
        key: row[i] if key == "text" else row[i].strip()
        for key, i in columns.items()
        if key in ("speaker", "text") or row[i].strip()
    }


def _conversation(group: tuple[str | None, list[Turn]], name: str) -> Conversation:
    conversation_id, turns = group
    return Conversation(
        id=conversation_id or default_id(name), turns=timed(turns), source=whole_name(name),
        format="csv",
    )
