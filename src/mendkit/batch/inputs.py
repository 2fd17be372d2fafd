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
  ``speaker``, ``text`` and optionally ``start``, ``end`` and ``timestamp`` columns, read in
  record batches; the driver reads
  the id column to find each conversation's rows and hands them on as Arrow tables (``Rows``).
  A conversation that goes on at the top of the next file of a folder is one conversation.
- A ConvoKit corpus folder (``utterances.jsonl``: its lines are grouped by conversation on the
  driver, and a line that cannot be read fails its conversation only), a Slack export or channel
  folder (one conversation a channel, as ``mend analyze`` reads it), and any other folder
  (every transcript in it, any format ``mend analyze`` reads, one conversation a file, VTT and
  SRT cues by one speaker merged into one turn unless ``merge`` is off, its id the
  one ``mend analyze`` gives it, or its path inside the folder where an earlier file has that id;
  files in hidden folders, and the run's own output, are left out): read on the driver into
  conversations (``Item``). A Slack export (or a lone channel folder) inside such a folder is
  read as Slack (``slack.holds_slack``): one conversation a channel, its id the channel's path
  inside the folder (``acme/general``: channel names repeat across workspaces); a channel that
  cannot be read fails alone, an export whose ``users.json`` or ``channels.json`` cannot be
  read fails as one, and none of its files is read as a transcript.

Rows of one conversation must be together (sorted or grouped by id). A conversation whose rows
are not (an id that comes back after other conversations) fails as a whole, once: a first quick
pass over a JSON Lines, Parquet or ConvoKit input (ids only, nothing kept but the ids that come
back) finds them, so that none is analysed and written cut short; a JSON Lines id given to two
whole conversations (or to one and to rows of turns) is told as an id that appears twice. A null
``conversation_id`` in JSON Lines means the file's default id (its name, as ``mend analyze`` reads
it); an empty one is refused, and a line with one among a conversation's rows fails that
conversation, as a line that is not JSON does. A file of a folder that cannot be read fails under
the id it would have had. The ids met so far are the only thing the driver keeps that grows with
the input (about 100 bytes a conversation).

Where no turn of a JSON Lines or Parquet conversation has a ``start``, its turns' timestamps give
one (``mendkit.io._records.timed``), as ``mend analyze`` reads them.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from mendkit.errors import FormatError, InvalidInputError, MendError
from mendkit.io import iter_conversations, load_conversation, slack
from mendkit.io._common import default_id, whole_name
from mendkit.io._records import RecordReader, timed
from mendkit.io._source import Line, TextSource
from mendkit.io.convokit import UTTERANCES, iter_convokit
from mendkit.io.jsondoc import conversation_from_document, load_line
from mendkit.model import Conversation, Turn

PARQUET_COLUMNS = ("conversation_id", "speaker", "text", "start", "end", "timestamp")
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
    """One conversation's Parquet rows as Arrow tables, one per file it is in (in order),
    parsed by the worker."""

    id: str
    tables: tuple[tuple[str, int, Any], ...]  # (file, 1-based row of the table's first row, table)


Unit = Item | Lines | Span | Rows


def read_units(path: Path, *, spans: bool = False, exclude: tuple[Path, ...] = (),
               encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    """The conversations of ``path`` in input order, as cheaply as the driver can find them.

    ``spans``: a JSON Lines file's conversations come as ``Span``s (for workers that can read
    ``path`` themselves) rather than as their lines. ``exclude``: files and folders of a folder
    of transcripts that are not transcripts (the run's own output). ``encoding``: the
    transcripts' encoding (as ``mend analyze --encoding``; None: UTF-8 or as marked).
    ``merge``: consecutive VTT or SRT cues by the same speaker are one turn (as ``mend analyze
    --merge``, the default), or one turn each."""
    if not path.exists():
        raise InvalidInputError("no such file or folder", source=str(path))
    if path.is_dir():
        if (path / UTTERANCES).is_file():
            return _convokit(path, _convokit_returns(path))
        parts = sorted(path.glob("*.parquet"))
        if parts:
            return _parquet(parts)
        if slack.is_export(path) or slack.is_channel(path):
            return (Item(c.id, c) for c in iter_conversations(path))
        return _folder(path, exclude, encoding, merge)
    if path.suffix == ".parquet":
        return _parquet([path])
    if path.suffix in (".jsonl", ".ndjson"):
        return _jsonl(path, spans=spans, returning=_jsonl_returns(path))
    raise InvalidInputError("expected a .jsonl or .parquet file, a ConvoKit corpus folder or a "
                            "folder of transcripts", source=str(path))


def reads_transcripts(path: Path) -> bool:
    """Whether ``read_units`` reads ``path`` as a folder of transcripts, the one input whose
    turns depend on ``merge`` (JSON Lines and Parquet rows, ConvoKit utterances and Slack
    messages are turns already)."""
    return (path.is_dir() and not (path / UTTERANCES).is_file()
            and not any(path.glob("*.parquet"))
            and not (slack.is_export(path) or slack.is_channel(path)))


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
        return sum(int(table.num_rows) for _, _, table in unit.tables)
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
    if path.is_dir() and not (path / UTTERANCES).is_file():
        parts = sorted(path.glob("*.parquet"))
        if parts:
            return sum(_parquet_ids(p) for p in parts)
        if slack.is_channel(path):
            return 1
        if slack.is_export(path):  # (a channel with no messages is left out of the run)
            return _channel_count(path)
        return sum(_channel_count(p) if p.is_dir() else 1 for p in _folder_entries(path))
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


def _not_together(source: str, where: int, cid: str, back: str | None = None) -> str:
    again = f" (they come back at {back}, after other conversations)" if back else ""
    return (f"{source}:{where}: rows of conversation {cid!r} are not together{again}; the whole "
            "conversation was left out: group or sort the input by conversation id")


def _blank_id(source: str, where: int, cid: str) -> str:
    return f"{source}:{where}: expected a non-empty conversation_id, found {cid!r}"


def _id_again(source: str, where: int, cid: str, back: tuple[str, bool], *, whole: bool) -> str:
    """Why the conversation ``cid`` of a JSON Lines file, met first at line ``where`` (as a whole
    conversation on one line, or as rows of turns), was left out: its id comes back at ``back``."""
    again, again_whole = back
    if not (whole or again_whole):
        return _not_together(source, where, cid, again)
    kinds = {True: "a whole conversation", False: "rows of turns"}
    both = ("each time as a whole conversation" if whole and again_whole
            else f"as {kinds[whole]}, then as {kinds[again_whole]}")
    return (f"{source}:{where}: conversation id {cid!r} appears twice, on line {where} and on "
            f"{again}, {both}; none of it was analysed: give each conversation its own id")


# -- JSON Lines ---------------------------------------------------------------------------------

class _LineGroups:
    """Consecutive lines with one id make a conversation; an id may not come back later."""

    def __init__(self, source: str, stamp: tuple[int, int] | None = None,
                 returning: Mapping[str, tuple[str, bool]] | None = None) -> None:
        self.source = source
        self.stamp = stamp  # set: make ``Span``s of this file (see ``Span``), not ``Lines``
        # Ids found by a first pass to come back later (with where, and whether it came back
        # as a whole conversation on one line): failed whole, once.
        self.returning = returning
        self.returns: dict[str, tuple[str, bool]] = {}  # what this pass finds
        self.skip = False  # the rows being read belong to a conversation already failed
        self.seen: set[str] = set()
        self.current: str | None = None
        self.numbers: list[int] = []
        self.lines: list[bytes] = []
        self.start = self.end = 0  # the byte range of the lines attached so far
        self.error: str | None = None
        self.blank: tuple[int, str] | None = None  # a blank id after the rows: (line, id)

    def line(self, cid: str, number: int, raw: bytes, at: int = 0) -> Iterator[Unit]:
        if not cid.strip() and self.current and self.current.strip():
            # After a conversation's rows: the next line tells whether it is among them.
            if self.blank is None:
                self.blank = (number, cid)
            return
        if self.blank is not None and cid == self.current:
            # Among a conversation's rows, as a line that is not JSON is: it fails that
            # conversation, named as the cause (it may be one of its turns, its id lost).
            where, blank = self.blank
            self.blank = None
            if self.error is None:
                self.error = (f"{_blank_id(self.source, where, blank)}; it is among the rows of "
                              f"conversation {cid!r}, so that conversation was left out (the line "
                              "may be one of its turns): give the line its conversation's id")
        if cid != self.current:
            yield from self.close()
            self.current = cid
            if not cid.strip():
                self.error = _blank_id(self.source, number, cid)
            elif cid in self.seen:
                self.returns.setdefault(cid, (f"line {number}", False))
                self.error = _not_together(self.source, number, cid)
                self.skip = self.returning is not None  # failed with its first rows
            else:
                self.seen.add(cid)
                if self.returning is not None and cid in self.returning:
                    self.error = _id_again(self.source, number, cid, self.returning[cid],
                                           whole=False)
        self.attach(number, raw, at)

    def document(self, item: Item, number: int) -> Iterator[Item]:
        """A whole conversation read from one line: its id may not have been met before."""
        if item.id in self.seen:
            self.returns.setdefault(item.id, (f"line {number}", True))
            if self.returning is None:
                yield Item(item.id, error=_not_together(self.source, number, item.id))
            return  # (else failed where it was first met)
        self.seen.add(item.id)
        if self.returning is not None and item.id in self.returning:
            yield Item(item.id, error=_id_again(self.source, number, item.id,
                                                self.returning[item.id], whole=True))
            return
        yield item

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
        if self.current is not None and not self.skip:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            elif self.numbers and self.stamp is not None:
                yield Span(self.current, self.source, self.numbers[0], len(self.numbers),
                           self.start, self.end - self.start, self.stamp)
            elif self.numbers:
                yield Lines(self.current, self.source, tuple(self.numbers), tuple(self.lines))
        if self.blank is not None:  # between two conversations: an error of its own
            yield Item(self.blank[1], error=_blank_id(self.source, *self.blank))
        self.current, self.numbers, self.lines, self.error = None, [], [], None
        self.skip, self.blank = False, None


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


def _jsonl_returns(path: Path) -> dict[str, tuple[str, bool]]:
    """The ids of a JSON Lines file that come back after other conversations (a first pass)."""
    groups = _LineGroups(str(path), (0, 0))  # (``Span``s: no line is kept)
    for _ in _jsonl_groups(path, groups):
        pass
    return groups.returns


def _jsonl(path: Path, *, spans: bool = False,
           returning: Mapping[str, tuple[str, bool]] | None = None) -> Iterator[Unit]:
    with path.open("rb") as handle:
        stamp = _stamp(handle) if spans else None
    return _jsonl_groups(path, _LineGroups(str(path), stamp, returning))


def _jsonl_groups(path: Path, groups: _LineGroups) -> Iterator[Unit]:
    default = path.stem
    with path.open("rb") as handle:
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
            except (ValueError, RecursionError):  # not UTF-8, not JSON, a number too long
                groups.attach(number, raw, here)
                continue
            if not isinstance(data, Mapping):
                groups.attach(number, raw, here)
                continue
            if isinstance(data.get("turns"), list):
                yield from groups.close()
                yield from groups.document(_document(data, path, number, default), number)
                continue
            cid = data.get("conversation_id")
            yield from groups.line(default if cid is None else str(cid), number, raw, here)
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
    return Item(cid, Conversation(id=cid, turns=conversation.turns, source=whole_name(str(path)),
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
        except (ValueError, RecursionError):  # not JSON, nested too deep, a number too long
            return Item(unit.id, error=_json_fault(text, unit.source, number))
        if not isinstance(data, Mapping):
            return Item(unit.id, error=f"{unit.source}:{number}: expected a JSON object, found "
                        f"{type(data).__name__}")
        try:
            turns.append(reader.turn(data, len(turns), where=f"the object on line {number}",
                                     line=number))
        except MendError as exc:
            return Item(unit.id, error=str(exc))
    return Item(unit.id, Conversation(id=unit.id, turns=timed(turns), source=whole_name(unit.source),
                                      format="batch"))


def _json_fault(text: str, source: str, number: int) -> str:
    """What is wrong with a line that is not readable JSON, in the words ``mend analyze`` uses."""
    try:
        load_line(text, source, number, "a JSON object per line")
    except MendError as exc:
        return str(exc)
    return f"{source}:{number}: expected a JSON object per line"  # (load_line fails as json did)


# -- Parquet ------------------------------------------------------------------------------------

class _RowGroups:
    """Consecutive rows with one id make a conversation (as ``_LineGroups``), across the files
    of a folder too: writers that split sorted data (Spark, pandas) may go on with a
    conversation at the top of the next file."""

    def __init__(self, returning: Mapping[str, str] | None = None, *, scan: bool = False) -> None:
        self.returning = returning  # as ``_LineGroups``
        self.returns: dict[str, str] = {}
        self.scan = scan  # a first pass: ids only, no rows kept, nothing yielded
        self.skip = False
        self.seen: set[str] = set()
        self.open = False
        self.current = ""
        self.pieces: list[tuple[str, int, Any]] = []  # (file, first row, record batch)
        self.error: str | None = None
        self.first_source: dict[str, str] = {}  # (scan) the file each id was first met in

    def rows(self, source: str, cid: str | None, first: int, piece: Any) -> Iterator[Unit]:
        if not self.open or cid != self.current:
            yield from self.close()
            self.open, self.current = True, cid or ""
            if cid is None or not cid.strip():
                found = "none" if cid is None else repr(cid)
                self.error = (f"{source}:{first}: expected a non-empty conversation_id, "
                              f"found {found}")
            elif cid in self.seen:
                self.returns.setdefault(cid, f"row {first}" if source == self.first_source.get(cid, source)
                                        else f"row {first} of {source}")
                self.error = _not_together(source, first, cid)
                self.skip = self.returning is not None  # failed with its first rows
            else:
                self.seen.add(cid)
                if self.scan:
                    self.first_source[cid] = source
                if self.returning is not None and cid in self.returning:
                    self.error = _not_together(source, first, cid, self.returning[cid])
        if self.error is None and not self.scan:
            self.pieces.append((source, first, piece))

    def close(self) -> Iterator[Unit]:
        import pyarrow as pa

        if self.open and not self.skip and not self.scan:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            elif self.pieces:
                tables: list[tuple[str, int, Any]] = []
                for source, first, _ in self.pieces:
                    if not tables or tables[-1][0] != source:
                        batches = [b for s, _, b in self.pieces if s == source]
                        # A copy (``take``) of these rows only: pickling a slice would send the
                        # batch.
                        table = pa.Table.from_batches(batches)
                        tables.append((source, first,
                                       table.take(pa.array(range(table.num_rows)))))
                yield Rows(self.current, tuple(tables))
        self.open, self.current, self.pieces, self.error = False, "", [], None
        self.skip = False


def _parquet(parts: list[Path]) -> Iterator[Unit]:
    # Every file's columns are checked now, from its footer, not when the run reaches it: a
    # corpus Mend cannot read is refused before any output is made.
    for part in parts:
        _open_parquet(part)
    scan = _RowGroups(scan=True)
    for _ in _parquet_rows(parts, scan):
        pass
    return _parquet_rows(parts, _RowGroups(scan.returns))


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


def _parquet_rows(parts: list[Path], groups: _RowGroups) -> Iterator[Unit]:
    for part in parts:
        file = _open_parquet(part)
        names = set(file.schema_arrow.names)
        row = 0  # rows of this file read so far
        columns = (["conversation_id"] if groups.scan
                   else [c for c in PARQUET_COLUMNS if c in names])
        for batch in file.iter_batches(batch_size=8192, columns=columns):
            ids = [None if x is None else str(x) for x in batch.column(0).to_pylist()]
            starts = [0, *(i for i in range(1, len(ids)) if ids[i] != ids[i - 1])]
            for start, end in zip(starts, [*starts[1:], len(ids)], strict=True):
                yield from groups.rows(str(part), ids[start], row + start + 1,
                                       batch.slice(start, end - start))
            row += len(ids)
    yield from groups.close()


def _parse_rows(unit: Rows) -> Item:
    turns: list[Turn] = []
    for source, first_row, table in unit.tables:
        reader = RecordReader(source)
        for n, record in enumerate(table.to_pylist()):
            row = first_row + n
            data = {k: v.isoformat() if isinstance(v, datetime | date) else v
                    for k, v in record.items() if v is not None}  # a Parquet timestamp column
            try:
                turns.append(reader.turn(data, len(turns), where=f"row {row}", line=row))
            except MendError as exc:
                return Item(unit.id, error=str(exc))
    return Item(unit.id, Conversation(id=unit.id, turns=timed(turns),
                                      source=whole_name(unit.tables[0][0]),
                                      format="batch"))


# -- folders ------------------------------------------------------------------------------------

def _convokit_returns(folder: Path) -> dict[str, str]:
    """The conversations of a ConvoKit corpus whose utterances are not together (a first pass)."""
    groups = _UtteranceGroups(TextSource(folder / UTTERANCES).name, scan=True)
    for _ in _convokit(folder, groups=groups):
        pass
    return groups.returns


def _convokit(folder: Path, returning: Mapping[str, str] | None = None, *,
              groups: _UtteranceGroups | None = None) -> Iterator[Unit]:
    """Each conversation of a ConvoKit corpus, read on its own: a line that cannot be read
    fails its conversation (the one its ``conversation_id`` names, else the one before it)."""
    source = TextSource(folder / UTTERANCES)
    groups = groups if groups is not None else _UtteranceGroups(source.name, returning)
    for line in source.lines():
        if line.text.strip():
            yield from groups.line(_utterance_conversation(line.text), line)
    yield from groups.close()


class _UtteranceGroups:
    """Consecutive utterances of one conversation, parsed as ConvoKit's reader parses them."""

    def __init__(self, name: str, returning: Mapping[str, str] | None = None, *,
                 scan: bool = False) -> None:
        self.name = name
        self.returning = returning  # as ``_LineGroups``
        self.returns: dict[str, str] = {}
        self.scan = scan  # a first pass: nothing parsed, nothing yielded
        self.skip = False
        self.seen: set[str] = set()
        self.current: str | None = None
        self.lines: list[Line] = []
        self.error: str | None = None

    def line(self, cid: str | None, line: Line) -> Iterator[Unit]:
        if self.current is None or (cid is not None and cid != self.current):
            yield from self.close()
            self.current = cid if cid is not None else f"{Path(self.name).stem}-{line.number}"
            if self.current in self.seen:
                self.returns.setdefault(self.current, f"line {line.number}")
                self.error = _not_together(self.name, line.number, self.current)
                self.skip = self.returning is not None  # failed with its first lines
            else:
                self.seen.add(self.current)
                if self.returning is not None and self.current in self.returning:
                    self.error = _not_together(self.name, line.number, self.current,
                                               self.returning[self.current])
        if not self.scan:
            self.lines.append(line)

    def close(self) -> Iterator[Unit]:
        if self.current is not None and not self.skip and not self.scan:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            else:
                try:
                    conversations = list(iter_convokit(_SomeLines(self.name, self.lines)))
                except MendError as exc:
                    yield Item(self.current, error=str(exc))
                else:
                    for conversation in conversations:
                        yield Item(conversation.id, conversation)
        self.current, self.lines, self.error = None, [], None
        self.skip = False


class _SomeLines(TextSource):
    """Some lines of a file, already read, offered as that file."""

    def __init__(self, name: str, lines: list[Line]) -> None:
        super().__init__(name)
        self._some = lines

    def lines(self) -> Iterator[Line]:
        return iter(self._some)


def _utterance_conversation(text: str) -> str | None:
    """The conversation an utterance line names (read even from a line of broken JSON)."""
    try:
        item = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or a number too long to read
        match = _ID.search(text.encode("utf-8"))
        if match is None:
            return None
        try:
            found = json.loads(match.group(1))
        except json.JSONDecodeError:
            return None
        return found if isinstance(found, str) and found.strip() else None
    if not isinstance(item, Mapping):
        return None
    cid = item.get("conversation_id", item.get("root"))
    if cid is None or (isinstance(cid, str) and not cid.strip()):
        return None
    return str(cid)


def _folder_entries(folder: Path, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """What a folder of transcripts holds, sorted: its files, and in place of all the files of
    a Slack export (or lone channel folder) inside it, that folder. Nothing hidden, nor in a
    hidden folder (such as ``.git``), nor in ``exclude``."""
    skip = [p.resolve() for p in exclude]
    entries: list[Path] = []
    slack_roots: set[Path] = set()
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if slack_roots and not slack_roots.isdisjoint(path.parents):
            continue
        where = path.resolve()
        if any(where == p or p in where.parents for p in skip):
            continue
        if path.is_dir() and slack.holds_slack(path):
            slack_roots.add(path)
            entries.append(path)
        elif path.is_file():
            entries.append(path)
    return entries


def _channel_count(root: Path) -> int:
    """How many channels a Slack export (or channel folder) holds."""
    return 1 if slack.is_channel(root) else sum(1 for p in root.iterdir() if slack.is_channel(p))


def _folder(folder: Path, exclude: tuple[Path, ...] = (),
            encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    entries = _folder_entries(folder, exclude)
    if not entries:  # refused now, not at the first ``next()``: before any output is made
        raise InvalidInputError("the folder holds no transcripts", source=str(folder))
    return _transcripts(folder, entries, encoding, merge)


def _slack_items(folder: Path, root: Path, seen: set[str]) -> Iterator[Item]:
    """Each channel of a Slack export (or the one of a channel folder) inside ``folder``, under
    its path inside ``folder``; a channel with no messages is left out, as ``mend batch EXPORT``
    leaves it out."""
    lone = slack.is_channel(root)
    try:
        users = slack.directory(root.parent if lone else root)
        channels = [root] if lone else slack.channel_folders(root)
    except MendError as exc:
        yield Item(root.relative_to(folder).as_posix(), error=str(exc))
        return
    found = False
    for channel in channels:
        cid = channel.relative_to(folder).as_posix()
        if cid in seen:
            yield Item(cid, error=f"{channel}: its conversation id {cid!r} is taken by an "
                       "earlier file of the folder")
            continue
        seen.add(cid)
        try:
            conversation = slack.read_channel(channel, users, allow_empty=not lone)
        except MendError as exc:
            found = True
            yield Item(cid, error=str(exc))
            continue
        if conversation.turns:
            found = True
            yield Item(cid, Conversation(id=cid, turns=conversation.turns,
                                         source=conversation.source, format=conversation.format,
                                         speakers=conversation.speakers))
    if not found:
        error = FormatError("no messages found in any channel of the Slack export",
                            source=str(root))
        yield Item(root.relative_to(folder).as_posix(), error=str(error))


def _transcripts(folder: Path, entries: list[Path],
                 encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    """Each file's conversation under the id ``mend analyze`` gives it (the reader's: a JSON
    document's ``id``, else the file's stem), or, where an earlier file of the folder already
    has that id, under its path inside the folder (ids must be unique in a run's output); each
    channel of a Slack export in it (a folder among ``entries``) under its path."""
    seen: set[str] = set()
    for file in entries:
        if file.is_dir():
            yield from _slack_items(folder, file, seen)
            continue
        path = file.relative_to(folder).as_posix()
        try:
            conversation = load_conversation(file, encoding=encoding, merge=merge)
        except MendError as exc:
            # Named as a file read well would be (its stem, else its path), and that id kept for
            # it, so that it keeps its id once it is fixed and the run resumed.
            stem = default_id(str(file))
            cid = stem if stem not in seen else path
            seen.add(cid)
            yield Item(cid, error=str(exc))
            continue
        cid = conversation.id if conversation.id not in seen else path
        if cid in seen:
            yield Item(path, error=f"{file}: its conversation id {conversation.id!r} is taken by "
                       "an earlier file of the folder; give it another \"id\" or file name")
            continue
        seen.add(cid)
        yield Item(cid, Conversation(id=cid, turns=conversation.turns, source=whole_name(str(file)),
                                     format=conversation.format, speakers=conversation.speakers))
