"""Loading conversations from any supported source: one entry point that picks the reader.

``load_conversation`` reads exactly one conversation; ``iter_conversations`` streams every
conversation of a multi-conversation input (JSON Lines or CSV with conversation ids, a Slack
export, a ConvoKit corpus) and yields the single one of any other input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from mendkit.errors import InvalidInputError
from mendkit.io import slack
from mendkit.io._common import single
from mendkit.io._source import STDIN_NAME, TextSource, check_encoding
from mendkit.io.convokit import UTTERANCES, iter_convokit
from mendkit.io.csvfile import iter_csv
from mendkit.io.detect import FOLDER_FORMATS, FORMATS, detect_format
from mendkit.io.jsondoc import read_json
from mendkit.io.jsonl import iter_jsonl
from mendkit.io.srt import read_srt
from mendkit.io.text import read_text
from mendkit.io.vtt import read_vtt
from mendkit.io.whatsapp import read_whatsapp
from mendkit.model.conversation import Conversation

_SINGLE: dict[str, Callable[[TextSource], Conversation]] = {
    "text": read_text, "json": read_json, "whatsapp": read_whatsapp,
}
_MULTI: dict[str, Callable[[TextSource], Iterator[Conversation]]] = {
    "jsonl": iter_jsonl, "csv": iter_csv,
}


def load_conversation(
    source: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    merge: bool = True,
) -> Conversation:
    """Read one conversation from a file, a folder (Slack channel, ConvoKit corpus) or ``"-"``.

    ``format`` overrides detection (one of :data:`FORMATS`); ``encoding`` overrides UTF-8 and
    byte-order-mark detection. ``merge`` (VTT, SRT) joins consecutive cues by the same speaker
    into one turn, as captioners cut one person's speech into several cues; ``merge=False``
    keeps one turn per cue.
    Raises :class:`~mendkit.errors.InvalidInputError` (or its ``FormatError``) naming the file
    and line, for input that cannot be read as a conversation.

    >>> load_conversation("session.vtt").turns[0].speaker  # doctest: +SKIP
    'Dana'
    """
    _check_merge(merge)
    fmt, text_source = _prepare(source, format, encoding)
    if fmt == "slack":
        return slack.read_slack(Path(source))
    assert text_source is not None
    return _read_one(fmt, text_source, merge=merge)


def iter_conversations(
    source: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    merge: bool = True,
) -> Iterator[Conversation]:
    """Yield every conversation of ``source``, streaming where the format allows.

    Multi-conversation inputs: JSON Lines or CSV with a ``conversation_id`` (each conversation's
    rows together), a Slack export (one conversation per channel), a ConvoKit corpus. Any other
    input yields its one conversation (``merge`` as in :func:`load_conversation`).
    """
    _check_merge(merge)
    fmt, text_source = _prepare(source, format, encoding)  # errors now, not at the first next()
    if fmt == "slack":
        return slack.iter_slack(Path(source))
    assert text_source is not None
    if fmt == "convokit":
        return iter_convokit(text_source)
    if fmt in _MULTI:
        return _MULTI[fmt](text_source)
    return iter([_read_one(fmt, text_source, merge=merge)])


def _read_one(fmt: str, text_source: TextSource, *, merge: bool) -> Conversation:
    if fmt == "convokit":
        return single(iter_convokit(text_source), source=text_source.name)
    if fmt in ("vtt", "srt"):
        reader = read_vtt if fmt == "vtt" else read_srt
        return reader(text_source, merge=merge)
    if fmt in _MULTI:
        return single(_MULTI[fmt](text_source), source=text_source.name)
    return _SINGLE[fmt](text_source)


def _check_merge(merge: object) -> None:
    if not isinstance(merge, bool):
        raise InvalidInputError(f"expected merge as True or False, got {type(merge).__name__}")


def _prepare(
    source: str | Path, format: str | None, encoding: str | None
) -> tuple[str, TextSource | None]:
    if isinstance(source, os.PathLike):
        source = os.fspath(source)  # a bytes path is refused below, as a bytes string is
    if not isinstance(source, str):
        raise InvalidInputError("expected the path of a conversation (str or os.PathLike), got "
                                f"{type(source).__name__}")
    if encoding is not None and not isinstance(encoding, str):
        raise InvalidInputError("expected the encoding as a str such as 'utf-8', got "
                                f"{type(encoding).__name__}")
    check_encoding(encoding)
    if format is not None and format not in FORMATS:
        raise InvalidInputError(
            f"unknown format {format!r}: expected one of {', '.join(FORMATS)}"
        )
    is_stdin = str(source) == "-"
    path = None if is_stdin else Path(source)
    if path is not None and not _exists(path, str(source)):
        raise InvalidInputError("no such file or folder", source=str(source))
    if path is not None and path.is_dir():
        fmt = format or detect_format(path, "")
        if fmt not in FOLDER_FORMATS:
            raise InvalidInputError(
                f"expected a file for the {fmt} format, found a folder", source=str(source)
            )
        if fmt == "convokit":
            return fmt, TextSource(path / UTTERANCES, encoding=encoding)
        return fmt, None
    if path is not None and format in (None, "slack") and slack.is_day_file(path):
        return "slack", None  # one day of a Slack channel: read with the export's users.json
    if format == "slack" and is_stdin:
        raise InvalidInputError(
            "a Slack export must be a folder; it cannot be read from stdin", source=STDIN_NAME
        )
    if format == "slack":
        raise InvalidInputError("expected a Slack export folder, found a file", source=str(source))
    text_source = TextSource(source, encoding=encoding)
    head = text_source.head()
    if not head.strip():
        raise InvalidInputError(
            "the input is empty: expected a conversation, such as 'Ana: I waited an hour.'",
            source=text_source.name, line=None,
        )
    try:
        fmt = format or detect_format(None if is_stdin else path, head)
    except InvalidInputError:
        text_source.close()
        raise
    return fmt, text_source


def _exists(path: Path, name: str) -> bool:
    """Whether ``path`` exists; a path the system cannot look up (a name too long, a loop of
    links) is an ``InvalidInputError`` naming it, not a bare ``OSError``."""
    try:
        path.stat()  # Path.exists() answers False for a loop of links: say what it is
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        reason = (error.strerror or "cannot be looked up").lower()
        raise InvalidInputError(reason, source=name) from None
    return True
