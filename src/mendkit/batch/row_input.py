"""Parquet files and ConvoKit corpora for ``mend batch``: rows and utterances grouped by
conversation on the driver, and Parquet rows made into a conversation on a worker. Part of
:mod:`mendkit.batch.inputs`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from mendkit.batch.units import _ID, PARQUET_COLUMNS, Item, Rows, Unit, _not_together
from mendkit.errors import InvalidInputError, MendError
from mendkit.io._common import whole_name
from mendkit.io._records import RecordReader, timed
from mendkit.io._source import Line, TextSource
from mendkit.io.convokit import UTTERANCES, iter_convokit
from mendkit.model import Conversation, Turn


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
