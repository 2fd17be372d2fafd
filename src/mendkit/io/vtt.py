"""WebVTT transcripts from Zoom (``Name: text`` cues) and Teams (``<v Name>text</v>`` cues).

The file starts with ``WEBVTT``; cue ids are optional; ``NOTE``, ``STYLE`` and ``REGION`` blocks
are skipped. Each cue (or each voice inside a cue) is a turn with the cue's ``start`` and ``end``;
a cue that names no speaker continues the previous turn. ``merge=True`` also joins consecutive
cues by the same speaker into one turn.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator

from mendkit.errors import FormatError
from mendkit.io._common import finish, quote, split_speaker
from mendkit.io._cues import NAMES_HINT, CueTurns, iter_cues
from mendkit.io._source import Line, TextSource
from mendkit.model.conversation import Conversation

EXPECTED = "cues whose text starts with 'Name: ' (Zoom) or '<v Name>' (Teams)"
EXAMPLE = "00:00:01.000 --> 00:00:04.000"

_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]*)>")
_TAG = re.compile(r"</?[^>]*>")
_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")


def read_vtt(source: TextSource, *, merge: bool = False) -> Conversation:
    """Read a Zoom or Teams WebVTT transcript."""
    lines = source.lines()
    first = next(lines, None)
    if first is None or not first.text.lstrip("\ufeff").startswith("WEBVTT"):
        found = quote(first.text) if first is not None else "nothing"
        raise FormatError(
            f"expected 'WEBVTT' on the first line of a WebVTT file, found {found}",
            source=source.name, line=1,
        )
    body: Iterator[Line] = lines
    for line in lines:  # the header block ends at the first blank line (or, sloppily, a cue)
        if "-->" in line.text:
            body = itertools.chain([line], lines)
            break
        if not line.text.strip():
            break
    builder = CueTurns(source=source.name, merge=merge, expected=EXPECTED, hint=NAMES_HINT)
    for cue in iter_cues(body, source=source.name, example=EXAMPLE, skip_block=_skip):
        for line in cue.payload:
            for speaker, text in segments(line.text):
                builder.add(speaker, text, cue, line.number)
    return finish(builder.finish(), source=source.name, format="vtt", expected=EXPECTED)


def segments(text: str) -> list[tuple[str | None, str]]:
    """The ``(speaker or None, text)`` pieces of one cue line.

    >>> segments("<v Dana Whitfield>I did send it.</v>")
    [('Dana Whitfield', 'I did send it.')]
    >>> segments("Sam: You sent it at midnight.")
    [('Sam', 'You sent it at midnight.')]
    """
    voices = list(_VOICE.finditer(text))
    if not voices:
        plain = _plain(text)
        named = split_speaker(plain, max_words=6, cue=True)
        return [named] if named is not None else [(None, plain)]
    out: list[tuple[str | None, str]] = []
    before = _plain(text[: voices[0].start()])
    if before:
        out.append((None, before))
    for n, voice in enumerate(voices):
        stop = voices[n + 1].start() if n + 1 < len(voices) else len(text)
        speaker = html.unescape(voice.group(1)).strip() or None
        out.append((speaker, _plain(text[voice.end() : stop])))
    return out


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text)).strip()


def _skip(first_line: str) -> bool:
    return first_line.strip().split(" ", 1)[0] in _SKIPPED_BLOCKS
