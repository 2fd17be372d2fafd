"""JSON Lines: one turn object per line, optionally tagged with a ``conversation_id``.

Each line is ``{"speaker", "text", "start"?, "conversation_id"?}``; a line may also hold a whole
conversation (``{"id", "turns": [...]}``). Turns of one conversation must be on consecutive
lines. Without ``start``, a ``timestamp`` (ISO 8601 or epoch seconds) gives each turn's start.
The file is streamed: one line is parsed at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from mendkit.errors import FormatError
from mendkit.io._common import Grouper, default_id, single, whole_name
from mendkit.io._records import RecordReader, timed
from mendkit.io._source import TextSource
from mendkit.io.jsondoc import conversation_from_document, load_line
from mendkit.model.conversation import Conversation, Turn

EXPECTED = 'one JSON object per line, such as {"speaker": "Ana", "text": "I waited an hour."}'


def read_jsonl(source: TextSource) -> Conversation:
    """Read a JSON Lines file that holds one conversation."""
    return single(iter_jsonl(source), source=source.name)


def iter_jsonl(source: TextSource) -> Iterator[Conversation]:
    """Yield each conversation of a JSON Lines file, in file order."""
    reader = RecordReader(source.name)
    grouper = Grouper(source.name)
    found = False
    for number, text in source.lines():
        if not text.strip():
            continue
        item = load_line(text, source.name, number, EXPECTED)
        if isinstance(item, Mapping) and isinstance(item.get("turns"), list):
            finished = grouper.close()
            if finished is not None:
                yield _conversation(finished, source.name)
            found = True
            yield conversation_from_document(item, source.name, format="jsonl", line=number)
            continue
        raw_id = item.get("conversation_id") if isinstance(item, Mapping) else None
        finished = grouper.switch(None if raw_id is None else str(raw_id), number)
        if finished is not None:
            yield _conversation(finished, source.name)
        grouper.turns.append(
            reader.turn(item, len(grouper.turns), where=f"the object on line {number}", line=number)
        )
        found = True
    finished = grouper.close()
    if finished is not None:
        yield _conversation(finished, source.name)
    if not found:
        raise FormatError(f"no turns found: expected {EXPECTED}", source=source.name)


def _conversation(group: tuple[str | None, list[Turn]], name: str) -> Conversation:
    conversation_id, turns = group
    return Conversation(
        id=conversation_id or default_id(name), turns=timed(turns), source=whole_name(name),
        format="jsonl",
    )
