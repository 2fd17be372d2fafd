"""JSON documents: ``{"turns": [{"speaker", "text", "start"?}]}`` or a top-level list of turns.

This is the input half of Mend's JSON contract (DESIGN.md). An ``id`` and a ``speakers`` list
are read when present, so the output of :func:`mendkit.io.write_json` (and of
``mend analyze --json``) reads back. The document is loaded whole.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from mendkit.errors import FormatError
from mendkit.io._common import default_id
from mendkit.io._records import RecordReader
from mendkit.io._source import TextSource
from mendkit.model.conversation import Conversation, Speaker

EXPECTED = 'an object {"turns": [{"speaker": ..., "text": ...}, ...]} or a list of such turns'


def read_json(source: TextSource) -> Conversation:
    """Read a JSON conversation document."""
    document = load_document(source.read_text(), source.name, hint_jsonl=True)
    return conversation_from_document(document, source.name, format="json")


def load_document(text: str, name: str, *, hint_jsonl: bool = False) -> Any:
    """Parse JSON, turning a syntax error into a FormatError at its line and column."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ""
        if hint_jsonl and exc.msg == "Extra data":
            hint = (
                " (one JSON object per line is JSON Lines: name the file .jsonl or pass "
                "--format jsonl)"
            )
        raise FormatError(
            f"expected valid JSON, found an error at column {exc.colno}: {exc.msg}{hint}",
            source=name, line=exc.lineno,
        ) from None
    except RecursionError:
        raise FormatError(
            "expected valid JSON, found nesting too deep to read", source=name
        ) from None


def load_line(text: str, name: str, line: int, expected: str) -> Any:
    """One JSON value on one line of a JSON Lines file; an error names the line (and column)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"expected {expected}; found invalid JSON at column {exc.colno}: {exc.msg}",
            source=name, line=line,
        ) from None
    except RecursionError:
        raise FormatError(f"expected {expected}; found JSON nested too deep to read",
                          source=name, line=line) from None


def conversation_from_document(
    document: object, name: str, *, format: str, line: int | None = None, where: str = ""
) -> Conversation:
    """A conversation from a parsed document (an object with ``turns``, or a list of turns)."""
    conversation_id: str | None = None
    speakers: tuple[Speaker, ...] = ()
    if isinstance(document, Mapping):
        raw_turns = document.get("turns")
        if not isinstance(raw_turns, list):
            keys = ", ".join(repr(k) for k in list(document)[:6]) or "none"
            raise FormatError(
                f'expected {where or "the document"} to be {EXPECTED}; found an object without '
                f'a "turns" list (keys: {keys})',
                source=name, line=line,
            )
        if document.get("id") is not None:
            conversation_id = str(document["id"])
        speakers = _speakers(document.get("speakers"), name, line)
    elif isinstance(document, list):
        raw_turns = document
    else:
        raise FormatError(
            f"expected {EXPECTED}; found {type(document).__name__}", source=name, line=line
        )
    reader = RecordReader(name)
    prefix = f"{where}." if where else ""
    turns = tuple(
        reader.turn(item, i, where=f"{prefix}turns[{i}]", line=line)
        for i, item in enumerate(raw_turns)
    )
    if not turns:
        raise FormatError(f"no turns found: expected {EXPECTED}", source=name, line=line)
    named = {s.id for s in speakers}
    if not named.issuperset(t.speaker for t in turns):
        speakers = ()  # an incomplete list would hide speakers: derive them from the turns
    return Conversation(
        id=conversation_id or default_id(name), turns=turns, source=name, format=format,
        speakers=speakers,
    )


def _speakers(value: object, name: str, line: int | None) -> tuple[Speaker, ...]:
    if value is None:
        return ()
    out: list[Speaker] = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, str):
                out.append(Speaker(id=item))
            elif isinstance(item, Mapping) and isinstance(item.get("id"), str):
                display = item.get("name")
                out.append(
                    Speaker(id=item["id"], name=display if isinstance(display, str) else None)
                )
            else:
                break
        else:
            return tuple(out)
    raise FormatError(
        'expected "speakers" to be a list of names or of {"id", "name"} objects', source=name,
        line=line,
    )
