"""Where ``mend batch`` reads conversations from: a light pass on the driver, parsing on workers.

The driver only finds where each conversation's records are and hands them on as ``Unit``s; the
worker that analyses a conversation also parses it (``realise``), so JSON decoding, field checks
and building turns run in parallel, not on the driver.

- JSON Lines: one turn a line with a ``conversation_id`` (or a whole ``{"id", "turns"}`` a line).
  A line that begins ``{"conversation_id": "...",`` (the usual shape) is grouped by that id
  without being decoded; any other line is decoded on the driver to find its id. A line that is
  not valid JSON belongs to the conversation its leading id names, else to the one before it.
  The unit is the conversation's raw lines (``Lines``), or, when the workers share this machine's
  files (local processes, a local Dask cluster), only where those lines are (``Span``): the
  worker reads them itself, so the records never travel through the driver and the scheduler.
- Parquet: a file, or a folder of ``*.parquet`` files (sorted by name), with ``conversation_id``,
  ``speaker``, ``text`` and optionally ``start`` columns, read in record batches; the driver reads
  the id column to find each conversation's rows and hands them on as an Arrow table (``Rows``).
- A ConvoKit corpus folder (``utterances.jsonl``), and any other folder (every transcript in it,
  any format ``mend analyze`` reads, one conversation a file, its id the one ``mend analyze``
  gives it, or its path inside the folder where an earlier file has that id): read on the driver
  into conversations (``Item``).

Rows of one conversation must be together (sorted or grouped by id); rows of an id met again later
are refused with the line or row where it reappeared. The ids met so far are the only thing the
driver keeps that grows with the input (about 100 bytes a conversation).
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from mendkit.errors import InvalidInputError, MendError
from mendkit.io import iter_conversations, load_conversation
from mendkit.io._records import RecordReader
from mendkit.io.jsondoc import conversation_from_document
from mendkit.model import Conversation, Turn

PARQUET_COLUMNS = ("conversation_id", "speaker", "text", "start")
_ID = re.compile(rb'"conversation_id"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\s]+)')
# A line whose first key is a plain string conversation_id: its id can be read without decoding.
_LEADING_ID = re.compile(rb'\s*\{\s*"conversation_id"\s*:\s*"([^"\\]*)"\s*[,}]')
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, slots=True)
class Item:
    """A conversation ready to analyse, or the id of one that could not be read and why."""

    id: str
    conversation: Conversation | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Lines:
    """One conversation's raw JSON Lines (with their line numbers), parsed by the worker."""

    id: str
    source: str
    numbers: tuple[int, ...]
    lines: tuple[bytes, ...]


@dataclass(frozen=True, slots=True)
class Span:
    """Where one conversation's JSON Lines are in its file; the worker reads and parses them.

    ``stamp`` (the file's size and modification time when the driver read it) tells the worker
    whether the file changed since."""

    id: str
    source: str
    first: int  # the line number of its first line
    count: int  # how many (non-blank) lines it holds
    offset: int
    length: int
    stamp: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Rows:
    """One conversation's Parquet rows as an Arrow table, parsed by the worker."""

    id: str
    source: str
    first_row: int  # the 1-based row number of the table's first row in its file
    table: Any  # pyarrow.Table


Unit = Item | Lines | Span | Rows


def read_units(path: Path, *, spans: bool = False) -> Iterator[Unit]:
    """The conversations of ``path`` in input order, as cheaply as the driver can find them.

    ``spans``: a JSON Lines file's conversations come as ``Span``s (for workers that can read
    ``path`` themselves) rather than as their lines."""
    if not path.exists():
        raise InvalidInputError("no such file or folder", source=str(path))
    if path.is_dir():
        if (path / "utterances.jsonl").is_file():
            return _convokit(path)
        parts = sorted(path.glob("*.parquet"))
        if parts:
            return _parquet(parts)
        return _folder(path)
    if path.suffix == ".parquet":
        return _parquet([path])
    if path.suffix in (".jsonl", ".ndjson"):
        return _jsonl(path, spans=spans)
    raise InvalidInputError("expected a .jsonl or .parquet file, a ConvoKit corpus folder or a "
                            "folder of transcripts", source=str(path))


def read_items(path: Path) -> Iterator[Item]:
    """The conversations of ``path`` in input order, parsed here (see the module docstring)."""
    return (realise(unit) for unit in read_units(path))


def unit_size(unit: Unit) -> int:
    """About how many turns ``unit`` holds (for sizing chunks)."""
    if isinstance(unit, Lines):
        return len(unit.lines)
    if isinstance(unit, Span):
        return unit.count
    if isinstance(unit, Rows):
        return int(unit.table.num_rows)
    return len(unit.conversation.turns) if unit.conversation is not None else 1


def realise(unit: Unit) -> Item:
    """The conversation a unit holds, parsed and checked, or why it could not be read."""
    if isinstance(unit, Lines):
        return _parse_lines(unit)
    if isinstance(unit, Span):
        return _read_span(unit)
    if isinstance(unit, Rows):
        return _parse_rows(unit)
    return unit


def count_conversations(path: Path) -> int | None:
    """How many conversations ``path`` holds (a quick pass for the progress bar), if cheap to tell."""
    if path.is_dir() and not (path / "utterances.jsonl").is_file():
        parts = sorted(path.glob("*.parquet"))
        if not parts:
            return sum(1 for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        return sum(_parquet_ids(p) for p in parts)
    if path.suffix == ".parquet" and path.is_file():
        return _parquet_ids(path)
    if path.suffix in (".jsonl", ".ndjson") and path.is_file():
        count, last = 0, None
        with path.open("rb") as handle:
            for raw in handle:
                key = _ID.search(raw)
                cid = key.group(1) if key else raw  # a whole conversation a line
                if cid != last:
                    count, last = count + 1, cid
        return count
    return None


def _parquet_ids(path: Path) -> int:
    import pyarrow.parquet as pq

    count, last = 0, None
    for batch in pq.ParquetFile(path).iter_batches(batch_size=65536, columns=["conversation_id"]):
        for cid in batch.column(0).to_pylist():
            if cid != last:
                count, last = count + 1, cid
    return count


def _not_together(source: str, where: int, cid: str) -> str:
    return (f"{source}:{where}: rows of conversation {cid!r} are not together; group or sort the "
            "input by conversation id")


# -- JSON Lines ---------------------------------------------------------------------------------

class _LineGroups:
    """Consecutive lines with one id make a conversation; an id may not come back later."""

    def __init__(self, source: str, stamp: tuple[int, int] | None = None) -> None:
        self.source = source
        self.stamp = stamp  # set: make ``Span``s of this file (see ``Span``), not ``Lines``
        self.seen: set[str] = set()
        self.current: str | None = None
        self.numbers: list[int] = []
        self.lines: list[bytes] = []
        self.start = self.end = 0  # the byte range of the lines attached so far
        self.error: str | None = None

    def line(self, cid: str, number: int, raw: bytes, at: int = 0) -> Iterator[Unit]:
        if cid != self.current:
            yield from self.close()
            self.current = cid
            if cid in self.seen:
                self.error = _not_together(self.source, number, cid)
            else:
                self.seen.add(cid)
        self.attach(number, raw, at)

    def attach(self, number: int, raw: bytes, at: int = 0) -> None:
        """A line for the conversation being read, ``raw`` found at byte ``at`` of the file (one
        that could not be parsed goes here too: the worker finds the fault and reports it for
        this conversation)."""
        if self.current is not None and self.error is None:
            if not self.numbers:
                self.start = at
            self.end = at + len(raw)
            self.numbers.append(number)
            if self.stamp is None:
                self.lines.append(raw)

    def close(self) -> Iterator[Unit]:
        if self.current is not None:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            elif self.numbers and self.stamp is not None:
                yield Span(self.current, self.source, self.numbers[0], len(self.numbers),
                           self.start, self.end - self.start, self.stamp)
            elif self.numbers:
                yield Lines(self.current, self.source, tuple(self.numbers), tuple(self.lines))
        self.current, self.numbers, self.lines, self.error = None, [], [], None


def _leading_id(raw: bytes) -> str | None:
    """The id of a line shaped ``{"conversation_id": "plain string", ...}`` with no other
    ``conversation_id`` and no ``turns`` in it, read without decoding the JSON; else None."""
    match = _LEADING_ID.match(raw)
    if match is None or raw.count(b'"conversation_id"') != 1 or b'"turns"' in raw:
        return None
    try:
        return match.group(1).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _jsonl(path: Path, *, spans: bool = False) -> Iterator[Unit]:
    source = str(path)
    default = path.stem
    with path.open("rb") as handle:
        groups = _LineGroups(source, _stamp(handle) if spans else None)
        at = 0  # where the next line starts
        for number, line in enumerate(handle, start=1):
            raw = line[len(_BOM):] if number == 1 and line.startswith(_BOM) else line
            at, here = at + len(line), at + len(line) - len(raw)
            if not raw.strip():
                continue
            cid = _leading_id(raw)
            if cid is not None:
                yield from groups.line(cid, number, raw, here)
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                groups.attach(number, raw, here)
                continue
            if not isinstance(data, Mapping):
                groups.attach(number, raw, here)
                continue
            if isinstance(data.get("turns"), list):
                yield from groups.close()
                yield _document(data, path, number, default)
                continue
            yield from groups.line(str(data.get("conversation_id", default)), number, raw, here)
    yield from groups.close()


def _stamp(handle: BinaryIO) -> tuple[int, int]:
    info = os.fstat(handle.fileno())
    return info.st_size, info.st_mtime_ns


def _read_span(unit: Span) -> Item:
    """A ``Span``'s lines, read from its file here, parsed as ``Lines``."""
    try:
        with open(unit.source, "rb") as handle:
            if _stamp(handle) != unit.stamp:
                return Item(unit.id, error=f"{unit.source}: the file changed while the batch "
                            "was running; run it again")
            handle.seek(unit.offset)
            data = handle.read(unit.length)
    except OSError as exc:
        return Item(unit.id, error=f"{unit.source}: cannot read it here: {exc.strerror}")
    numbers: list[int] = []
    lines: list[bytes] = []
    for number, raw in enumerate(io.BytesIO(data), start=unit.first):
        if raw.strip():
            numbers.append(number)
            lines.append(raw)
    return _parse_lines(Lines(unit.id, unit.source, tuple(numbers), tuple(lines)))


def _document(data: Mapping[str, Any], path: Path, number: int, default: str) -> Item:
    cid = str(data.get("id") or f"{default}-{number}")
    try:
        conversation = conversation_from_document(data, str(path), format="jsonl", line=number)
    except MendError as exc:
        return Item(cid, error=str(exc))
    return Item(cid, Conversation(id=cid, turns=conversation.turns, source=str(path),
                                  format="batch"))


def _parse_lines(unit: Lines) -> Item:
    reader = RecordReader(unit.source)
    turns: list[Turn] = []
    for number, raw in zip(unit.numbers, unit.lines, strict=True):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Item(unit.id, error=f"{unit.source}:{number}: expected UTF-8 text, found a "
                        f"byte that is not ({exc.reason} at byte {exc.start})")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return Item(unit.id, error=f"{unit.source}:{number}: expected a JSON object per "
                        f"line, found invalid JSON at column {exc.colno}: {exc.msg}")
        if not isinstance(data, Mapping):
            return Item(unit.id, error=f"{unit.source}:{number}: expected a JSON object, found "
                        f"{type(data).__name__}")
        try:
            turns.append(reader.turn(data, len(turns), where=f"the object on line {number}",
                                     line=number))
        except MendError as exc:
            return Item(unit.id, error=str(exc))
    return Item(unit.id, Conversation(id=unit.id, turns=tuple(turns), source=unit.source,
                                      format="batch"))


# -- Parquet ------------------------------------------------------------------------------------

class _RowGroups:
    """Consecutive rows of one file with one id make a conversation (as ``_LineGroups``)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: set[str] = set()
        self.current: str | None = None
        self.first = 0
        self.pieces: list[Any] = []
        self.error: str | None = None

    def rows(self, cid: str, first: int, piece: Any) -> Iterator[Unit]:
        if cid != self.current:
            yield from self.close()
            self.current, self.first = cid, first
            if cid in self.seen:
                self.error = _not_together(self.source, first, cid)
            else:
                self.seen.add(cid)
        if self.error is None:
            self.pieces.append(piece)

    def close(self) -> Iterator[Unit]:
        import pyarrow as pa

        if self.current is not None:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            elif self.pieces:
                # A copy (``take``) of these rows only: pickling a slice would send the batch.
                table = pa.Table.from_batches(self.pieces)
                yield Rows(self.current, self.source, self.first,
                           table.take(pa.array(range(table.num_rows))))
        self.current, self.pieces, self.error = None, [], None


def _parquet(parts: list[Path]) -> Iterator[Unit]:
    # Every file's columns are checked now, from its footer, not when the run reaches it: a
    # corpus Mend cannot read is refused before any output is made.
    for part in parts:
        _open_parquet(part)
    return _parquet_rows(parts)


def _open_parquet(part: Path) -> Any:
    """``part`` as a ``pyarrow.parquet.ParquetFile`` that holds the columns Mend needs."""
    import pyarrow.parquet as pq

    try:
        file = pq.ParquetFile(part)
    except Exception as exc:  # pyarrow raises its own error types for damaged files
        raise InvalidInputError(f"not a readable Parquet file: {exc}", source=str(part)) from None
    missing = {"conversation_id", "speaker", "text"} - set(file.schema_arrow.names)
    if missing:
        file.close()
        raise InvalidInputError(f"expected columns conversation_id, speaker and text; missing "
                                f"{', '.join(sorted(missing))}", source=str(part))
    return file


def _parquet_rows(parts: list[Path]) -> Iterator[Unit]:
    for part in parts:
        file = _open_parquet(part)
        names = set(file.schema_arrow.names)
        groups = _RowGroups(str(part))
        row = 0  # rows of this file read so far
        columns = [c for c in PARQUET_COLUMNS if c in names]
        for batch in file.iter_batches(batch_size=8192, columns=columns):
            ids = [str(x) for x in batch.column(0).to_pylist()]
            starts = [0, *(i for i in range(1, len(ids)) if ids[i] != ids[i - 1])]
            for start, end in zip(starts, [*starts[1:], len(ids)], strict=True):
                yield from groups.rows(ids[start], row + start + 1, batch.slice(start, end - start))
            row += len(ids)
        yield from groups.close()


def _parse_rows(unit: Rows) -> Item:
    reader = RecordReader(unit.source)
    turns: list[Turn] = []
    for n, record in enumerate(unit.table.to_pylist()):
        row = unit.first_row + n
        data = {k: v for k, v in record.items() if v is not None}
        try:
            turns.append(reader.turn(data, len(turns), where=f"row {row}", line=row))
        except MendError as exc:
            return Item(unit.id, error=str(exc))
    return Item(unit.id, Conversation(id=unit.id, turns=tuple(turns), source=unit.source,
                                      format="batch"))


# -- folders ------------------------------------------------------------------------------------

def _convokit(folder: Path) -> Iterator[Unit]:
    for conversation in iter_conversations(folder, format="convokit"):
        yield Item(conversation.id, conversation)


def _folder(folder: Path) -> Iterator[Unit]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files:  # refused now, not at the first ``next()``: before any output is made
        raise InvalidInputError("the folder holds no transcripts", source=str(folder))
    return _transcripts(folder, files)


def _transcripts(folder: Path, files: list[Path]) -> Iterator[Unit]:
    """Each file's conversation under the id ``mend analyze`` gives it (the reader's: a JSON
    document's ``id``, else the file's stem), or, where an earlier file of the folder already
    has that id, under its path inside the folder (ids must be unique in a run's output)."""
    seen: set[str] = set()
    for file in files:
        path = file.relative_to(folder).as_posix()
        try:
            conversation = load_conversation(file)
        except MendError as exc:
            yield Item(path, error=str(exc))
            continue
        cid = conversation.id if conversation.id not in seen else path
        if cid in seen:
            yield Item(path, error=f"{file}: its conversation id {conversation.id!r} is taken by "
                       "an earlier file of the folder; give it another \"id\" or file name")
            continue
        seen.add(cid)
        yield Item(cid, Conversation(id=cid, turns=conversation.turns, source=str(file),
                                     format=conversation.format, speakers=conversation.speakers))
