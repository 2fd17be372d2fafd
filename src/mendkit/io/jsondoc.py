"""JSON documents: ``{"turns": [{"speaker", "text", "start"?}]}`` or a top-level list of turns.

This is the input half of Mend's JSON contract (DESIGN.md). An ``id`` and a ``speakers`` list
are read when present, so the output of :func:`mendkit.io.write_json` (and of
``mend analyze --json``) reads back. The document is loaded whole.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from typing import Any

from mendkit._unicode import has_lone_surrogate
from mendkit.errors import FormatError
from mendkit.io._common import default_id, whole_name
from mendkit.io._records import RecordReader, timed
from mendkit.io._source import TextSource
from mendkit.model.conversation import Conversation, Speaker

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
# A lone half: a high one not followed by a low one, or a low one not after a high one. An
# escaped backslash before "u" ("\\\\ud83d") is text, not an escape: an even run of backslashes.
_LONE_ESCAPE = re.compile(
    r"(?<!\\)(?:\\\\)*(\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<![\\]u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})"
)
_LONG_NUMBER = f"a number too long to read (more than {sys.get_int_max_str_digits()} digits)"

EXPECTED = 'an object {"turns": [{"speaker": ..., "text": ...}, ...]} or a list of such turns'


def read_json(source: TextSource) -> Conversation:
    """Read a JSON conversation document."""
    document = load_document(source.read_text(), source.name, hint_jsonl=True)
    return conversation_from_document(document, source.name, format="json")


def load_document(text: str, name: str, *, hint_jsonl: bool = False) -> Any:
    """Parse JSON, turning a syntax error into a FormatError at its line and column."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ""
        if hint_jsonl and exc.msg == "Extra data":
            hint = (
                " (one JSON object per line is JSON Lines: name the file .jsonl or pass "
                "--format jsonl)"
            )
        raise FormatError(
            f"expected valid JSON, found an error{_syntax(exc)}{hint}",
            source=name, line=exc.lineno,
        ) from None
    except RecursionError:
        raise FormatError(
            "expected valid JSON, found nesting too deep to read", source=name
        ) from None
    except ValueError:  # an integer too long to convert (sys.get_int_max_str_digits())
        raise FormatError(f"expected valid JSON, found {_LONG_NUMBER}", source=name,
                          line=_line_of(text, _long_number(text))) from None
    _check_whole(document, text, name, line=None)
    return document


def load_line(text: str, name: str, line: int, expected: str) -> Any:
    """One JSON value on one line of a JSON Lines file; an error names the line (and column).

    ``text`` may still end with its line ending: it is dropped first, so that an error at the end
    of the line is placed on the line itself, not at column 1 of the next."""
    text = text.rstrip("\r\n")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"expected {expected}; found invalid JSON{_syntax(exc)}",
            source=name, line=line,
        ) from None
    except RecursionError:
        raise FormatError(f"expected {expected}; found JSON nested too deep to read",
                          source=name, line=line) from None
    except ValueError:  # an integer too long to convert (sys.get_int_max_str_digits())
        raise FormatError(f"expected {expected}; found {_LONG_NUMBER}", source=name,
                          line=line) from None
    _check_whole(value, text, name, line=line)
    return value


def _syntax(exc: json.JSONDecodeError) -> str:
    """Where and what a JSON syntax error is, in a finished phrase: Python's message for some
    errors ends on "at", its position given apart ("Unterminated string starting at")."""
    if exc.msg.endswith(" at"):
        return f": {exc.msg} column {exc.colno}"
    return f" at column {exc.colno}: {exc.msg}"


def _check_whole(value: object, text: str, name: str, *, line: int | None) -> None:
    """Refuse half a character: JSON can escape one half of a surrogate pair (``"\\ud83d"``, as
    when an emoji is cut in two), which Python reads into a string that cannot be encoded."""
    if _SURROGATE_ESCAPE.search(text) is None or not has_lone_surrogate(value):
        return  # the cheap test first: only a \\uD800-\\uDFFF escape can make half a character
    escape = _LONE_ESCAPE.search(text)
    found = f'a lone "{escape.group(1)}" escape' if escape else "a lone surrogate escape"
    if line is None and escape is not None:
        line = _line_of(text, escape.start(1))
    where = _where_half(value) or "the text"
    if not where.startswith("the ") and not any(c in where for c in ".["):
        where = f'"{where}"'  # a field of a JSON Lines record: "text"
    raise FormatError(
        f"expected {where} to be whole characters; found half of one ({found})",
        source=name, line=line,
    )


def _where_half(value: object, path: str = "") -> str | None:
    """Where in ``value`` the first half character is: ``turns[1].text``, ``"text"``."""
    items: list[tuple[object, object]]
    if isinstance(value, Mapping):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return None
    for key, item in items:
        if isinstance(key, str) and has_lone_surrogate(key):
            return f"the keys of {path}" if path else "the keys"
        here = f"{path}[{key}]" if isinstance(key, int) else f"{path}.{key}" if path else str(key)
        if isinstance(item, str) and has_lone_surrogate(item):
            return here
        found = _where_half(item, here)
        if found is not None:
            return found
    return None


def _long_number(text: str) -> int:
    match = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", text)
    return match.start() if match else 0


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def conversation_from_document(
    document: object, name: str, *, format: str, line: int | None = None, where: str = ""
) -> Conversation:
    """A conversation from a parsed document (an object with ``turns``, or a list of turns)."""
    conversation_id: str | None = None
    speakers: tuple[Speaker, ...] = ()
    if isinstance(document, Mapping):
        raw_turns = document.get("turns")
        if "turns" in document and not isinstance(raw_turns, list):
            raise FormatError(
                f'expected "turns" to be a list of turns {{"speaker": ..., "text": ...}}; found '
                f'"turns" as {_as(raw_turns)}',
                source=name, line=line,
            )
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
        if raw_turns and _slack_message(raw_turns[0]):
            raise FormatError(
                "this looks like one day of a Slack export (a list of Slack messages with "
                '"ts"), which is read from its file: pass the day file itself (named like '
                "2026-11-03.json), its channel folder or the whole export folder",
                source=name, line=line,
            )
    else:
        raise FormatError(f"expected {EXPECTED}; found {_as(document)}", source=name, line=line)
    reader = RecordReader(name)
    prefix = f"{where}." if where else ""
    turns = timed([
        reader.turn(item, i, where=f"{prefix}turns[{i}]", line=line)
        for i, item in enumerate(raw_turns)
    ])
    if not turns:
        raise FormatError(f"no turns found: expected {EXPECTED}", source=name, line=line)
    named = {s.id for s in speakers}
    if not named.issuperset(t.speaker for t in turns):
        speakers = ()  # an incomplete list would hide speakers: derive them from the turns
    return Conversation(
        id=conversation_id or default_id(name), turns=turns, source=whole_name(name), format=format,
        speakers=speakers,
    )


def _slack_message(item: object) -> bool:
    """Whether a list's first item is a Slack message (``ts``, and no Mend ``speaker``)."""
    return (isinstance(item, Mapping) and isinstance(item.get("ts"), str)
            and "speaker" not in item and "text" in item)


def _as(value: object) -> str:
    """What a JSON value is, in words: ``an object ({})``, ``a string ("hi")``, ``null``."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > 40:
        text = text[:39] + "…"
    if value is None or isinstance(value, bool):
        return text
    kind = ("an object" if isinstance(value, Mapping) else "a list" if isinstance(value, list)
            else "a string" if isinstance(value, str) else "a number")
    return f"{kind} ({text})"


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
