"""Slack workspace exports: one conversation per channel.

An export folder holds optional ``channels.json`` and ``users.json`` and one folder per channel
with a ``YYYY-MM-DD.json`` file per day, each a list of messages (``user``, ``text``, ``ts``,
``thread_ts``, ``subtype``, ``user_profile``). A single channel folder can be read on its own;
``users.json`` is then looked for in the folder above it.

Join, leave, bot and other non-message subtypes are skipped. Messages are ordered by ``ts``;
thread replies (``thread_ts`` differs from ``ts``) come right after their parent, in ``ts`` order,
with ``reply_to`` set to the parent's ``ts``. A turn's ``id`` is its ``ts``, ``timestamp`` the UTC
time, ``start`` the seconds since the channel's first message. Slack markup (``<@U123>``,
``<https://...|label>``, ``&amp;``) is turned back into plain text.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mendkit.errors import FormatError, InvalidInputError
from mendkit.io._common import Names, whole_name
from mendkit.io._records import shown
from mendkit.io._source import TextSource
from mendkit.io._times import epoch_to_iso
from mendkit.io.jsondoc import load_document
from mendkit.model.conversation import Conversation, Turn

DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
KEPT_SUBTYPES = frozenset({None, "thread_broadcast", "file_share", "me_message"})
_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")


class _Message(NamedTuple):
    ts: float
    ts_text: str
    thread: str | None  # the parent's ts, for a reply
    speaker: str
    text: str


def is_channel(folder: Path) -> bool:
    """Whether ``folder`` holds dated Slack day files."""
    return folder.is_dir() and any(DAY_FILE.match(p.name) for p in folder.iterdir())


def is_export(folder: Path) -> bool:
    """Whether ``folder`` is a Slack export (``channels.json``, or channel folders)."""
    if not folder.is_dir():
        return False
    return (folder / "channels.json").is_file() or any(
        is_channel(p) for p in folder.iterdir() if p.is_dir()
    )


def read_slack(folder: Path) -> Conversation:
    """Read one channel: a channel folder, or an export that holds a single channel."""
    if is_channel(folder):
        return _read_channel(folder, _users(folder.parent))
    channels = _channel_folders(folder)
    if len(channels) != 1:
        listed = ", ".join(p.name for p in channels[:5]) or "none"
        raise InvalidInputError(
            f"expected one channel, found {len(channels)} ({listed}); pass a channel folder "
            f"such as {folder / (channels[0].name if channels else 'general')}, or analyse every "
            f"channel with `mend batch {folder} --out RESULTS.jsonl` (in Python: "
            "mendkit.io.iter_conversations())",
            source=str(folder),
        )
    return _read_channel(channels[0], _users(folder))


def iter_slack(folder: Path) -> Iterator[Conversation]:
    """Yield each channel of an export (or the one channel of a channel folder) with messages."""
    if is_channel(folder):
        yield _read_channel(folder, _users(folder.parent))
        return
    users = _users(folder)
    found = False
    for channel in _channel_folders(folder):
        conversation = _read_channel(channel, users, allow_empty=True)
        if conversation.turns:
            found = True
            yield conversation
    if not found:
        raise FormatError(
            "no messages found in any channel of the Slack export", source=str(folder)
        )


def _channel_folders(folder: Path) -> list[Path]:
    listed: list[str] = []
    channels_file = folder / "channels.json"
    if channels_file.is_file():
        document = _load(channels_file)
        if isinstance(document, list):
            listed = [str(c["name"]) for c in document if isinstance(c, Mapping) and "name" in c]
    present = sorted(p.name for p in folder.iterdir() if is_channel(p))
    ordered = [name for name in listed if name in present]
    ordered += [name for name in present if name not in ordered]
    return [folder / name for name in ordered]


def _users(folder: Path) -> dict[str, str]:
    users_file = folder / "users.json"
    if not users_file.is_file():
        return {}
    document = _load(users_file)
    names: dict[str, str] = {}
    for user in document if isinstance(document, list) else []:
        if isinstance(user, Mapping) and isinstance(user.get("id"), str):
            profile = _mapping(user.get("profile"))
            name = _first_str(profile.get("real_name"), user.get("real_name"),
                              profile.get("display_name"), user.get("name"))
            if name:
                names[user["id"]] = name
    return names


def _read_channel(
    folder: Path, users: dict[str, str], *, allow_empty: bool = False
) -> Conversation:
    names = Names()
    messages: list[_Message] = []
    for day in sorted(p for p in folder.iterdir() if DAY_FILE.match(p.name)):
        document = _load(day)
        if not isinstance(document, list):
            raise FormatError("expected a list of Slack messages", source=str(day), line=1)
        for n, raw in enumerate(document):
            message = _message(raw, n, users, names, str(day))
            if message is not None:
                messages.append(message)
    turns = _ordered(messages)
    if not turns and not allow_empty:
        raise FormatError("no messages found in the channel (only joins, bots or empty days)",
                          source=str(folder))
    return Conversation(id=whole_name(folder.name), turns=tuple(turns), source=whole_name(str(folder)),
                        format="slack")


def _message(
    raw: object, n: int, users: dict[str, str], names: Names, source: str
) -> _Message | None:
    if not isinstance(raw, Mapping):
        raise FormatError(f"expected message {n} to be an object, found {shown(raw)}",
                          source=source)
    if raw.get("subtype") not in KEPT_SUBTYPES or raw.get("type", "message") != "message":
        return None
    ts_text = raw.get("ts")
    try:
        ts = float(ts_text)  # type: ignore[arg-type]
        epoch_to_iso(ts)  # "nan", "inf" and "1e20" are numbers but not times
    except (TypeError, ValueError, OverflowError, OSError):
        raise FormatError(f'expected message {n} to have a "ts" such as "1764252192.000200", '
                          f"found {shown(ts_text)}", source=source) from None
    text = _plain(raw.get("text"), users)
    if not text:
        return None
    profile = _mapping(raw.get("user_profile"))
    user = raw.get("user")
    speaker = _first_str(users.get(user) if isinstance(user, str) else None,
                         profile.get("real_name"), profile.get("display_name"),
                         raw.get("user_name"), user) or "unknown"
    thread = raw.get("thread_ts")
    thread_text = str(thread) if thread is not None and str(thread) != str(ts_text) else None
    return _Message(ts, str(ts_text), thread_text, names(speaker), text)


def _ordered(messages: list[_Message]) -> list[Turn]:
    if not messages:
        return []
    replies: dict[str, list[_Message]] = {}
    anchors: dict[str, float] = {}
    for m in messages:
        if m.thread is None:
            anchors[m.ts_text] = m.ts
        else:
            replies.setdefault(m.thread, []).append(m)
            anchors.setdefault(m.thread, _float(m.thread, m.ts))  # a reply whose parent is gone
    by_ts = {m.ts_text: m for m in messages if m.thread is None}
    origin = min(m.ts for m in messages)
    turns: list[Turn] = []
    for anchor in sorted(anchors, key=lambda a: (anchors[a], a)):
        group = [by_ts[anchor]] if anchor in by_ts else []
        group += sorted(replies.get(anchor, ()), key=lambda m: (m.ts, m.ts_text))
        for m in group:
            turns.append(Turn(index=len(turns), speaker=m.speaker, text=m.text, id=m.ts_text,
                              reply_to=m.thread, timestamp=epoch_to_iso(m.ts),
                              start=round(m.ts - origin, 6)))  # ts has microseconds: no float noise
    return turns


def _plain(value: object, users: dict[str, str]) -> str:
    if not isinstance(value, str):
        return ""

    def replace(match: re.Match[str]) -> str:
        kind, target, label = match.groups()
        if kind == "@":
            return "@" + (label or users.get(target, target))
        if kind == "#":
            return "#" + (label or target)
        if kind == "!":
            return "@" + (label or target.split("^")[0])
        return label or target

    return html.unescape(_MARKUP.sub(replace, value)).strip()


def _load(path: Path) -> Any:
    return load_document(TextSource(path).read_text(), str(path))


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _first_str(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _float(text: str, default: float) -> float:
    try:
        value = float(text)
    except ValueError:
        return default
    return value if math.isfinite(value) else default
