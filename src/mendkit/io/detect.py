"""Choosing a reader: by folder layout, by file name, then by sniffing the first lines.

The extension decides (``.vtt``, ``.srt``, ``.json``, ``.jsonl``, ``.csv``; ``.txt`` is plain text
unless it looks like a WhatsApp export, a WebVTT or an SRT file; ``utterances.jsonl`` is
ConvoKit). Without a telling extension (stdin, ``.log``, none) the content decides: a ``WEBVTT``
header, WhatsApp date lines, SRT cue numbers and arrows, JSON, a CSV header, ``Speaker:`` lines.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mendkit.errors import InvalidInputError
from mendkit.io import slack
from mendkit.io._records import SPEAKER_KEYS, TEXT_KEYS, find_key
from mendkit.io.convokit import UTTERANCES
from mendkit.io.text import day_line, otter_header, split_line
from mendkit.io.whatsapp import HEADER as WHATSAPP_HEADER

FORMATS = ("text", "vtt", "srt", "json", "jsonl", "csv", "whatsapp", "slack", "convokit")
"""The format names :func:`mendkit.io.load_conversation` accepts as ``format=``."""

FOLDER_FORMATS = frozenset({"slack", "convokit"})

_BY_EXTENSION = {
    ".vtt": "vtt", ".webvtt": "vtt", ".srt": "srt", ".json": "json", ".jsonl": "jsonl",
    ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
}
_SRT_TIMING = re.compile(r"^\s*\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")


def detect_format(path: str | Path | None, head_text: str) -> str:
    """The format name of ``path`` (``None`` or ``"-"`` for stdin) whose text starts ``head_text``.

    >>> detect_format("session.vtt", "")
    'vtt'
    >>> detect_format("-", "WEBVTT\\n\\n00:00:01.000 --> 00:00:03.000\\nAna: Hi")
    'vtt'
    >>> detect_format(None, "Ana: You said you'd call.\\nBen: I forgot.")
    'text'
    """
    name = "<stdin>" if path is None or str(path) == "-" else str(path)
    if path is not None and name != "<stdin>":
        p = Path(path)
        if p.is_dir():
            return _folder_format(p)
        if p.name.lower() == UTTERANCES:
            return "convokit"
        suffix = p.suffix.lower()
        if suffix == ".json" and slack.is_day_file(p):  # one day of a Slack channel
            return "slack"
        if suffix in _BY_EXTENSION:
            return _BY_EXTENSION[suffix]
        if suffix == ".txt":
            sniffed = sniff(head_text)
            return sniffed if sniffed in ("whatsapp", "vtt", "srt") else "text"
    sniffed = sniff(head_text)
    if sniffed is None:
        first = next((line.strip() for line in head_text.splitlines() if line.strip()), "")
        raise InvalidInputError(
            "cannot tell the conversation format: expected 'Speaker: text' lines, a WebVTT or SRT "
            f"transcript, JSON, CSV or a WhatsApp export; the first line is {first[:60]!r}. "
            f"Pass --format with one of: {', '.join(FORMATS)}",
            source=name,
        )
    return sniffed


def sniff(head_text: str) -> str | None:
    """The format the first few KiB of text look like, or ``None``."""
    lines = [line for line in head_text.lstrip("\ufeff").splitlines() if line.strip()][:20]
    if not lines:
        return None
    first = lines[0].strip()
    if first.startswith("WEBVTT"):
        return "vtt"
    if WHATSAPP_HEADER.match(lines[0]):  # an export's first line is always a message or notice
        return "whatsapp"
    if first.isdigit() and len(lines) > 1 and _SRT_TIMING.match(lines[1]):
        return "srt"
    if first.startswith(("{", "[")) and split_line(lines[0]) is None:
        return _json_kind(lines)
    if len(lines) > 1 and _looks_like_csv_header(first):
        return "csv"
    if split_line(lines[0]) is not None or otter_header(first) is not None:
        return "text"  # 'Speaker: text' lines, or an Otter.ai export's name-and-time line
    if len(lines) > 1 and day_line(first) is not None and otter_header(lines[1]) is not None:
        return "text"  # a chat copied from a phone: 'Today 10:31' over 'Mum 10:31'

    return None


def _json_kind(lines: list[str]) -> str:
    try:
        first = json.loads(lines[0])
    except (json.JSONDecodeError, RecursionError):
        return "json"  # a document spread over several lines (or one the reader will refuse)
    if not isinstance(first, dict):
        return "json"
    if len(lines) > 1 and lines[1].lstrip().startswith("{"):
        return "jsonl"
    return "json" if "turns" in first else "jsonl"


def _looks_like_csv_header(line: str) -> bool:
    delimiter = max(",;\t", key=line.count)
    if delimiter not in line:
        return False
    cells = [cell.strip().strip('"') for cell in line.split(delimiter)]
    return find_key(cells, SPEAKER_KEYS) is not None and find_key(cells, TEXT_KEYS) is not None


def _folder_format(folder: Path) -> str:
    if (folder / UTTERANCES).is_file():
        return "convokit"
    if slack.is_channel(folder) or slack.is_export(folder):
        return "slack"
    raise InvalidInputError(
        "expected a Slack export (channel folders with YYYY-MM-DD.json files, or channels.json) "
        f"or a ConvoKit corpus (a folder with {UTTERANCES}); found a folder with neither",
        source=str(folder),
    )
