"""JSON Lines for ``mend batch``: grouping a file's lines by conversation on the driver, and
parsing them (or reading a ``Span`` of them) on a worker. Part of :mod:`mendkit.batch.inputs`.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mendkit.batch.units import (
    _BOM,
    _LEADING_ID,
    Item,
    Lines,
    Span,
    Unit,
    _blank_id,
    _id_again,
    _not_together,
    _stamp,
)
from mendkit.errors import MendError
from mendkit.io._common import whole_name
from mendkit.io._records import RecordReader, timed
from mendkit.io.jsondoc import conversation_from_document, load_line
from mendkit.model import Conversation, Turn


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
