"""Where ``mend batch`` reads conversations from, streaming, with bad conversations set aside.

Each input yields ``Item``s: a conversation, or the id of one that could not be read and why. The
run records the latter in its errors file and goes on.

- JSON Lines: one turn a line with a ``conversation_id`` (or a whole ``{"id", "turns"}`` a line).
- Parquet: a file, or a folder of ``*.parquet`` files (sorted by name), with ``conversation_id``,
  ``speaker``, ``text`` and optionally ``start`` columns, read in record batches.
- A ConvoKit corpus folder (``utterances.jsonl``).
- Any other folder: every transcript in it (any format ``mend analyze`` reads), one conversation
  a file, its id the path inside the folder.

Rows of one conversation must be together (sorted or grouped by id); rows of an id met again later
are refused with the line or row where it reappeared.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mendkit.errors import InvalidInputError, MendError
from mendkit.io import iter_conversations, load_conversation
from mendkit.io._records import RecordReader
from mendkit.io.jsondoc import conversation_from_document
from mendkit.model import Conversation, Turn

PARQUET_COLUMNS = ("conversation_id", "speaker", "text", "start")
_ID = re.compile(rb'"conversation_id"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\s]+)')


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    conversation: Conversation | None = None
    error: str | None = None


def read_items(path: Path) -> Iterator[Item]:
    """The conversations of ``path`` in input order (see the module docstring)."""
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
        return _jsonl(path)
    raise InvalidInputError("expected a .jsonl or .parquet file, a ConvoKit corpus folder or a "
                            "folder of transcripts", source=str(path))


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


class _Groups:
    """Consecutive rows with one id make a conversation; an id may not come back later."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: set[str] = set()
        self.current: str | None = None
        self.turns: list[Turn] = []
        self.error: str | None = None
        self.reader = RecordReader(source)

    def row(self, cid: str, data: Mapping[str, Any], where: str, line: int) -> Iterator[Item]:
        if cid != self.current:
            yield from self.close()
            if cid in self.seen:
                self.current, self.error = cid, (
                    f"{self.source}:{line}: rows of conversation {cid!r} are not together; "
                    "group or sort the input by conversation id")
                return
            self.current = cid
            self.seen.add(cid)
        if self.error is not None:
            return
        try:
            self.turns.append(self.reader.turn(data, len(self.turns), where=where, line=line))
        except MendError as exc:
            self.error = str(exc)

    def fail(self, message: str) -> None:
        if self.current is not None and self.error is None:
            self.error = message

    def close(self) -> Iterator[Item]:
        if self.current is not None:
            if self.error is not None:
                yield Item(self.current, error=self.error)
            elif self.turns:
                yield Item(self.current, Conversation(id=self.current, turns=tuple(self.turns),
                                                      source=self.source, format="batch"))
        self.current, self.turns, self.error = None, [], None


def _jsonl(path: Path) -> Iterator[Item]:
    groups = _Groups(str(path))
    default = path.stem
    with path.open(encoding="utf-8-sig", errors="strict") as handle:
        number = 0
        while True:
            try:
                text = handle.readline()
            except UnicodeDecodeError as exc:
                raise InvalidInputError(f"not UTF-8 text after line {number}: {exc.reason}",
                                        source=str(path)) from None
            if not text:
                break
            number += 1
            if not text.strip():
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                groups.fail(f"{path}:{number}: expected a JSON object per line, found invalid "
                            f"JSON at column {exc.colno}: {exc.msg}")
                continue
            if not isinstance(data, Mapping):
                groups.fail(f"{path}:{number}: expected a JSON object, found {type(data).__name__}")
                continue
            if isinstance(data.get("turns"), list):
                yield from groups.close()
                cid = str(data.get("id") or f"{default}-{number}")
                try:
                    conversation = conversation_from_document(data, str(path), format="jsonl",
                                                              line=number)
                    yield Item(cid, Conversation(id=cid, turns=conversation.turns,
                                                 source=str(path), format="batch"))
                except MendError as exc:
                    yield Item(cid, error=str(exc))
                continue
            cid = str(data.get("conversation_id", default))
            yield from groups.row(cid, data, f"the object on line {number}", number)
    yield from groups.close()


def _parquet(parts: list[Path]) -> Iterator[Item]:
    import pyarrow.parquet as pq

    for part in parts:
        try:
            file = pq.ParquetFile(part)
        except Exception as exc:  # pyarrow raises its own error types for damaged files
            raise InvalidInputError(f"not a readable Parquet file: {exc}", source=str(part)) from None
        names = set(file.schema_arrow.names)
        missing = {"conversation_id", "speaker", "text"} - names
        if missing:
            raise InvalidInputError(f"expected columns conversation_id, speaker and text; missing "
                                    f"{', '.join(sorted(missing))}", source=str(part))
        groups = _Groups(str(part))
        row = 0
        columns = [c for c in PARQUET_COLUMNS if c in names]
        for batch in file.iter_batches(batch_size=8192, columns=columns):
            for record in batch.to_pylist():
                row += 1
                data = {k: v for k, v in record.items() if v is not None}
                yield from groups.row(str(record["conversation_id"]), data, f"row {row}", row)
        yield from groups.close()


def _convokit(folder: Path) -> Iterator[Item]:
    for conversation in iter_conversations(folder, format="convokit"):
        yield Item(conversation.id, conversation)


def _folder(folder: Path) -> Iterator[Item]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InvalidInputError("the folder holds no transcripts", source=str(folder))
    for file in files:
        cid = file.relative_to(folder).as_posix()
        try:
            conversation = load_conversation(file)
        except MendError as exc:
            yield Item(cid, error=str(exc))
            continue
        yield Item(cid, Conversation(id=cid, turns=conversation.turns, source=str(file),
                                     format=conversation.format, speakers=conversation.speakers))
