"""What ``mend batch`` hands a worker: a conversation read on the driver (``Item``), its raw
JSON Lines (``Lines``), where those lines are (``Span``) or its Parquet rows (``Rows``), with
the checks every reader shares on ids that come back. Part of :mod:`mendkit.batch.inputs`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any, BinaryIO

from mendkit.model import Conversation

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


def _stamp(handle: BinaryIO) -> tuple[int, int]:
    info = os.fstat(handle.fileno())
    return info.st_size, info.st_mtime_ns
