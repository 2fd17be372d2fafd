"""Writers for JSON, JSON Lines and CSV; each reads back into the same turns.

A destination is a path or an open text stream (such as ``sys.stdout``). ConvoKit corpora are
written by :func:`mendkit.io.convokit.write_convokit`.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from mendkit.model.conversation import Conversation, Turn

Destination = str | os.PathLike[str] | TextIO
CSV_COLUMNS = ("speaker", "text", "start", "end", "timestamp", "id", "reply_to")


def write_json(conversation: Conversation, dest: Destination) -> None:
    """Write ``{"id", "speakers", "turns": [...]}``, the JSON input contract plus an id."""
    speakers: list[Any] = [s.to_dict() if s.name else s.id for s in conversation.speakers]
    document = {
        "id": conversation.id,
        "speakers": speakers,
        "turns": [t.to_dict() for t in conversation.turns],
    }
    with _opened(dest) as fh:
        json.dump(document, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def write_jsonl(conversations: Conversation | Iterable[Conversation], dest: Destination) -> None:
    """Write one turn per line, each tagged with its ``conversation_id``."""
    items = [conversations] if isinstance(conversations, Conversation) else conversations
    with _opened(dest) as fh:
        for conversation in items:
            for turn in conversation.turns:
                record = {"conversation_id": conversation.id, **turn.to_dict()}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(conversation: Conversation, dest: Destination) -> None:
    """Write a header row ``speaker,text,start,end,timestamp,id,reply_to`` and one row per turn."""
    with _opened(dest, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(_csv_row(turn) for turn in conversation.turns)


def _csv_row(turn: Turn) -> list[str]:
    values = (turn.speaker, turn.text, turn.start, turn.end, turn.timestamp, turn.id, turn.reply_to)
    return ["" if v is None else repr(v) if isinstance(v, float) else str(v) for v in values]


@contextmanager
def _opened(dest: Destination, *, newline: str | None = "\n") -> Iterator[TextIO]:
    if isinstance(dest, str | os.PathLike):
        with Path(dest).open("w", encoding="utf-8", newline=newline) as fh:
            yield fh
    else:
        yield dest
