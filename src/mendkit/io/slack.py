"""Slack workspace exports: one conversation per channel.

An export folder holds ``users.json``, ``channels.json`` (both optional here) and one folder per
channel with a ``YYYY-MM-DD.json`` file per day, each a list of messages (``user``, ``text``,
``ts``, ``thread_ts``, ``subtype``, ``user_profile``). A single channel folder can be read on its
own, and so can a single day file (:func:`is_day_file`); ``users.json`` is then looked for in the
export above it (the folder above the channel).

What is read:

- **People, not machines.** Join, leave, topic and other non-message subtypes are skipped, and so
  is every message from a bot or an app: a ``bot_message`` subtype, a ``bot_id`` or ``app_id``,
  a user marked ``is_bot`` in ``users.json``, or Slackbot (``USLACKBOT``).
- **Names.** A speaker is named by ``real_name`` (from ``users.json``, else the message's
  ``user_profile``), then ``display_name``, then the user name, then the user id. Slack shows
  display names, but people choose them freely ("Dana (Head of Product)", "sam", an emoji) and
  change them; the real name is the steadier name for following a person through an analysis.
- **Time order.** Turns are in the order their messages were posted (``ts``), thread replies
  included, so that ``start`` never runs backwards and episode timing ("seconds to repair",
  the close after a quiet day) holds. A thread reply keeps its thread in ``reply_to`` (the
  parent's ``ts``, which is the parent turn's ``id``): a reader who wants the thread view can
  group turns by it. A turn's ``id`` is its ``ts``, ``timestamp`` the UTC time, ``start`` the
  seconds since the channel's first message.
- **Text.** Slack markup is turned back into plain text: ``<@U123>`` becomes ``@Name``,
  ``<https://...|label>`` its label, ``<#C1|general>`` ``#general``, ``<!here>`` ``@here``, a
  user group ``<!subteam^S51|@platform-team>`` ``@platform-team``, a date
  ``<!date^1794300000^{date_short}|Nov 15>`` its fallback text ``Nov 15`` (without one, the day:
  ``2026-11-10``), and ``&amp;``, ``&lt;``, ``&gt;`` their characters.
- **Block quotes are someone else's words.** Lines that begin ``>`` (and everything after a
  ``>>>``) quote another message; they are left out of the turn, which holds the poster's own
  words only, so that no label and no evidence span rests on words the poster did not write.
  A message that is nothing but a quote keeps them, each line inside quotation marks
  (“...”), which Mend's rules read as reported words; the crisis check still reads them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mendkit.errors import FormatError, InvalidInputError
from mendkit.io._common import Names, default_id, whole_name
from mendkit.io._records import shown
from mendkit.io._source import TextSource
from mendkit.io._times import epoch_to_iso
from mendkit.io.jsondoc import load_document
from mendkit.model.conversation import Conversation, Turn

DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")
KEPT_SUBTYPES = frozenset({None, "thread_broadcast", "file_share", "me_message"})
SLACKBOT = "USLACKBOT"
_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")
# A quoted line as Slack stores it (``>`` escaped as ``&gt;``; a hand-made export may not escape
# it); ``>>>`` quotes the rest of the message.
_QUOTE = re.compile(r"^[ \t]*(?:&gt;|>)[ \t]?")
_QUOTE_REST = re.compile(r"^[ \t]*(?:&gt;|>){3}[ \t]?")
_DAY_HEAD = 256 * 1024  # how much of a day file is read to tell it is Slack's


class Directory(NamedTuple):
    """What ``users.json`` says: each user's name, and which users are bots."""

    names: dict[str, str]
    bots: frozenset[str]


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


def holds_slack(folder: Path) -> bool:
    """Whether ``folder`` is a Slack export or channel folder by its content too: an export with
    its ``users.json`` or ``channels.json``, or channel folders whose day files hold Slack
    messages (a folder of Mend transcripts named after their dates is not one). For finding
    exports among other files (``mend batch`` over a folder of them)."""
    if is_channel(folder):
        return any(is_day_file(p) for p in sorted(folder.iterdir()) if DAY_FILE.match(p.name))
    if not is_export(folder):
        return False
    if (folder / "users.json").is_file() or (folder / "channels.json").is_file():
        return True
    return any(holds_slack(p) for p in folder.iterdir() if p.is_dir() and is_channel(p))


def is_day_file(path: Path) -> bool:
    """Whether ``path`` is one day of a Slack channel: a ``YYYY-MM-DD.json`` file whose list of
    messages carry Slack's ``ts`` (a Mend JSON document named after a date is not one).

    >>> is_day_file(Path("notes.json"))
    False
    """
    if not DAY_FILE.match(path.name) or not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(_DAY_HEAD).decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        return False
    start = len(head) - len(head.lstrip())
    if not head.startswith("[", start):
        return False
    body = head[start + 1:]
    try:  # the first message is enough (a long day is only read in part)
        first, _ = json.JSONDecoder().raw_decode(body, len(body) - len(body.lstrip()))
    except (ValueError, RecursionError):
        return False
    return isinstance(first, Mapping) and "ts" in first and "speaker" not in first


def read_slack(source: Path) -> Conversation:
    """Read one channel: a channel folder, an export that holds a single channel, or a day file."""
    if is_day_file(source):
        return read_day(source)
    if is_channel(source):
        return read_channel(source, directory(source.parent))
    channels = channel_folders(source)
    if len(channels) != 1:
        listed = ", ".join(p.name for p in channels[:5]) or "none"
        raise InvalidInputError(
            f"expected one channel, found {len(channels)} ({listed}); pass a channel folder "
            f"such as {source / (channels[0].name if channels else 'general')}, or analyse every "
            f"channel with `mend batch {source} --out RESULTS.jsonl` (in Python: "
            "mendkit.io.iter_conversations())",
            source=str(source),
        )
    return read_channel(channels[0], directory(source))


def iter_slack(source: Path) -> Iterator[Conversation]:
    """Yield each channel of an export (or the one channel of a channel folder or day file) with
    messages."""
    if is_day_file(source):
        yield read_day(source)
        return
    if is_channel(source):
        yield read_channel(source, directory(source.parent))
        return
    users = directory(source)
    found = False
    for channel in channel_folders(source):
        conversation = read_channel(channel, users, allow_empty=True)
        if conversation.turns:
            found = True
            yield conversation
    if not found:
        raise FormatError(
            "no messages found in any channel of the Slack export", source=str(source)
        )


def read_day(day: Path) -> Conversation:
    """One day file of a channel, named after the file (as any file is), with the names of
    ``users.json`` in the export above its channel folder (or beside it)."""
    export = day.parent.parent if (day.parent.parent / "users.json").is_file() else day.parent
    messages = _day(day, directory(export), Names())
    turns = _ordered(messages)
    if not turns:
        raise FormatError("no messages found in the day (only joins, bots or empty messages)",
                          source=str(day))
    return Conversation(id=default_id(str(day)), turns=tuple(turns),
                        source=whole_name(str(day)), format="slack")


def channel_folders(folder: Path) -> list[Path]:
    """The channel folders of an export, in ``channels.json``'s order, then by name."""
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


def directory(folder: Path) -> Directory:
    """The people of ``folder/users.json`` (empty where there is none)."""
    users_file = folder / "users.json"
    if not users_file.is_file():
        return Directory({}, frozenset())
    document = _load(users_file)
    names: dict[str, str] = {}
    bots: set[str] = set()
    for user in document if isinstance(document, list) else []:
        if isinstance(user, Mapping) and isinstance(user.get("id"), str):
            profile = _mapping(user.get("profile"))
            if user.get("is_bot") is True:
                bots.add(user["id"])
            name = _first_str(profile.get("real_name"), user.get("real_name"),
                              profile.get("display_name"), user.get("name"))
            if name:
                names[user["id"]] = name
    return Directory(names, frozenset(bots))


def read_channel(
    folder: Path, users: Directory, *, allow_empty: bool = False
) -> Conversation:
    """One channel folder's day files as one conversation, named after the channel."""
    names = Names()
    messages: list[_Message] = []
    for day in sorted(p for p in folder.iterdir() if DAY_FILE.match(p.name)):
        messages += _day(day, users, names)
    turns = _ordered(messages)
    if not turns and not allow_empty:
        raise FormatError("no messages found in the channel (only joins, bots or empty days)",
                          source=str(folder))
    return Conversation(id=whole_name(folder.name), turns=tuple(turns), source=whole_name(str(folder)),
                        format="slack")


def _day(day: Path, users: Directory, names: Names) -> list[_Message]:
    document = _load(day)
    if not isinstance(document, list):
        raise FormatError("expected a list of Slack messages", source=str(day), line=1)
    messages: list[_Message] = []
    for n, raw in enumerate(document):
        message = _message(raw, n, users, names, str(day))
        if message is not None:
            messages.append(message)
    return messages


def _message(
    raw: object, n: int, users: Directory, names: Names, source: str
) -> _Message | None:
    if not isinstance(raw, Mapping):
        raise FormatError(f"expected message {n} to be an object, found {shown(raw)}",
                          source=source)
    if raw.get("subtype") not in KEPT_SUBTYPES or raw.get("type", "message") != "message":
        return None
    user = raw.get("user")
    if raw.get("bot_id") or raw.get("app_id") or (
            isinstance(user, str) and (user == SLACKBOT or user in users.bots)):
        return None  # a bot or an app (one without the ``bot_message`` subtype)
    ts_text = raw.get("ts")
    try:
        ts = float(ts_text)  # type: ignore[arg-type]
        epoch_to_iso(ts)  # "nan", "inf" and "1e20" are numbers but not times
    except (TypeError, ValueError, OverflowError, OSError):
        raise FormatError(f'expected message {n} to have a "ts" such as "1764252192.000200", '
                          f"found {shown(ts_text)}", source=source) from None
    text = _text(raw.get("text"), users.names)
    if not text:
        return None
    profile = _mapping(raw.get("user_profile"))
    speaker = _first_str(users.names.get(user) if isinstance(user, str) else None,
                         profile.get("real_name"), profile.get("display_name"),
                         raw.get("user_name"), user) or "unknown"
    thread = raw.get("thread_ts")
    thread_text = str(thread) if thread is not None and str(thread) != str(ts_text) else None
    return _Message(ts, str(ts_text), thread_text, names(speaker), text)


def _ordered(messages: list[_Message]) -> list[Turn]:
    """The messages as turns in the order they were posted (see the module docstring)."""
    if not messages:
        return []
    origin = min(m.ts for m in messages)
    return [Turn(index=n, speaker=m.speaker, text=m.text, id=m.ts_text, reply_to=m.thread,
                 timestamp=epoch_to_iso(m.ts),
                 start=round(m.ts - origin, 6))  # ts has microseconds: no float noise
            for n, m in enumerate(sorted(messages, key=lambda m: (m.ts, m.ts_text)))]


def _text(value: object, users: Mapping[str, str]) -> str:
    """A message's own words as plain text: block-quoted lines left out (see the module
    docstring), or, for a message that is only a quote, the quoted lines in quotation marks."""
    if not isinstance(value, str):
        return ""
    own: list[str] = []
    quoted: list[str] = []
    rest = False  # after ">>>": every line is quoted
    for line in value.split("\n"):
        if (block := _QUOTE_REST.match(line)) is not None:
            rest = True
            quoted.append(line[block.end():])
        elif rest:
            quoted.append(line)
        elif (single := _QUOTE.match(line)) is not None:
            quoted.append(line[single.end():])
        else:
            own.append(line)
    text = _plain("\n".join(own), users)
    if text or not quoted:
        return text
    lines = (_plain(line, users) for line in quoted)
    return "\n".join(f"\u201c{line}\u201d" for line in lines if line)


def _plain(value: str, users: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        kind, target, label = match.groups()
        if kind == "@":
            return "@" + (label or users.get(target, target)).removeprefix("@")
        if kind == "#":
            return "#" + (label or target).removeprefix("#")
        if kind == "!":
            command, _, rest = target.partition("^")
            if command == "date":  # <!date^1794300000^{date_short}|Nov 15>: a date, not a mention
                return label or _date(rest.partition("^")[0]) or match.group(0)
            return "@" + (label or command).removeprefix("@")  # <!here>, <!subteam^S51|@team>
        return label or target

    return html.unescape(_MARKUP.sub(replace, value)).strip()


def _date(seconds: str) -> str:
    """The day of a ``<!date>`` with no fallback text ("2026-11-10"), or "" when it is no time."""
    try:
        return epoch_to_iso(float(seconds))[:10]
    except (ValueError, OverflowError, OSError):
        return ""


def _load(path: Path) -> Any:
    return load_document(TextSource(path).read_text(), str(path))


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _first_str(*values: object) -> str | None:
    for value in values:
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None
