"""Pieces the readers share: telling a ``Name:`` prefix from prose, grouping, finishing."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from mendkit.errors import FormatError
from mendkit.model.conversation import Conversation, Turn

_PREFIX = re.compile(r"^\s*([^\s:<>\[\]{}\"][^:<>\[\]{}\"]{0,59}?)\s*:(?:\s+|$)")
_NOT_IN_NAMES = re.compile(r"[,;!?*=/\\|]")
_DIRECTION_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def split_speaker(line: str, *, max_words: int = 4) -> tuple[str, str] | None:
    """Split ``"Name: text"`` into ``("Name", "text")``, or return ``None`` if it has no name.

    A name is at most ``max_words`` words and 60 characters without sentence punctuation, and
    the colon is followed by a space or the end of the line (so ``https://`` and ``10:30`` are
    not names).

    >>> split_speaker("Dr. Ruiz: Where did you just go?")
    ('Dr. Ruiz', 'Where did you just go?')
    >>> split_speaker("and then she said, honestly: whatever") is None
    True
    """
    match = _PREFIX.match(line)
    if match is None:
        return None
    name = clean_name(match.group(1))  # a right-to-left chat copied out starts lines with U+200F
    if not name or len(name.split()) > max_words or _NOT_IN_NAMES.search(name):
        return None
    return name, line[match.end() :].strip()


def clean_name(name: str) -> str:
    """A speaker name without direction marks and surrounding space."""
    return name.strip().strip(_DIRECTION_MARKS).strip()


class Names:
    """Interns speaker names so that thousands of turns share one string per speaker."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        return self._names.setdefault(name, name)


def default_id(name: str) -> str:
    """A conversation id from a source name: the file stem, or ``stdin``."""
    if name.startswith("<"):
        return name.strip("<>")
    path = Path(name)
    return path.stem or path.name or "conversation"


def finish(
    turns: Sequence[Turn], *, source: str, format: str, id: str | None = None, expected: str
) -> Conversation:
    """Wrap the turns in a ``Conversation``; refuse a source that held no turns at all."""
    if not turns:
        raise FormatError(f"no turns found: expected {expected}", source=source)
    return Conversation(
        id=id or default_id(source), turns=tuple(turns), source=source, format=format
    )


def quote(line: str, limit: int = 60) -> str:
    """A line as shown in an error message: stripped, shortened, quoted."""
    text = line.strip()
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def single(conversations: Iterator[Conversation], *, source: str) -> Conversation:
    """The one conversation a source holds; refuse a source that holds several."""
    try:
        first = next(conversations, None)
        if first is None:
            raise FormatError("no conversations found", source=source)
        second = next(conversations, None)
    finally:
        close = getattr(conversations, "close", None)
        if close is not None:
            close()  # a generator holding a file closes it now
    if second is not None:
        raise FormatError(
            f"expected one conversation, found several ({first.id!r}, {second.id!r}, ...); "
            "pass a file holding a single conversation, or analyse them all with "
            "`mend batch FILE --out RESULTS.jsonl` (in Python: mendkit.io.iter_conversations())",
            source=source,
        )
    return first


Group = tuple[str | None, list[Turn]]
"""A conversation id (``None`` when the source gives none) and its turns."""


class Grouper:
    """Splits a stream of turns tagged with conversation ids into conversations.

    Each conversation's turns must be together: an id that comes back after another
    conversation is an error, so a huge file never needs to be held in memory to be grouped.
    """

    def __init__(self, source: str) -> None:
        self._source = source
        self._seen: set[str | None] = set()
        self._current: str | None = None
        self.turns: list[Turn] = []

    def switch(self, conversation_id: str | None, line: int) -> Group | None:
        """Announce the conversation of the next turn; returns the one just finished, if any."""
        if self.turns and conversation_id == self._current:
            return None
        if conversation_id in self._seen:
            raise FormatError(
                f"conversation {conversation_id!r} continues here after other conversations; "
                "expected the turns of each conversation to be together (sort the file by "
                "conversation id)",
                source=self._source, line=line,
            )
        self._seen.add(conversation_id)
        finished = self.close()
        self._current = conversation_id
        return finished

    def close(self) -> Group | None:
        """The conversation being collected, if it has turns; starts a new one."""
        if not self.turns:
            return None
        finished = (self._current, self.turns)
        self.turns = []
        return finished
