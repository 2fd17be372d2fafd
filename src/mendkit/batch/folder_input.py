"""Folders for ``mend batch``: every transcript in a folder, one conversation a file, and Slack
exports inside it, one conversation a channel; read on the driver. Part of
:mod:`mendkit.batch.inputs`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from mendkit.batch.units import Item, Unit
from mendkit.errors import FormatError, InvalidInputError, MendError
from mendkit.io import load_conversation, slack
from mendkit.io._common import default_id, whole_name
from mendkit.model import Conversation


def _folder_entries(folder: Path, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """What a folder of transcripts holds, sorted: its files, and in place of all the files of
    a Slack export (or lone channel folder) inside it, that folder. Nothing hidden, nor in a
    hidden folder (such as ``.git``), nor in ``exclude``."""
    skip = [p.resolve() for p in exclude]
    entries: list[Path] = []
    slack_roots: set[Path] = set()
    for path in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if slack_roots and not slack_roots.isdisjoint(path.parents):
            continue
        where = path.resolve()
        if any(where == p or p in where.parents for p in skip):
            continue
        if path.is_dir() and slack.holds_slack(path):
            slack_roots.add(path)
            entries.append(path)
        elif path.is_file():
            entries.append(path)
    return entries


def _channel_count(root: Path) -> int:
    """How many channels a Slack export (or channel folder) holds."""
    return 1 if slack.is_channel(root) else sum(1 for p in root.iterdir() if slack.is_channel(p))


def _folder(folder: Path, exclude: tuple[Path, ...] = (),
            encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    entries = _folder_entries(folder, exclude)
    if not entries:  # refused now, not at the first ``next()``: before any output is made
        raise InvalidInputError("the folder holds no transcripts", source=str(folder))
    return _transcripts(folder, entries, encoding, merge)


def _slack_items(folder: Path, root: Path, seen: set[str]) -> Iterator[Item]:
    """Each channel of a Slack export (or the one of a channel folder) inside ``folder``, under
    its path inside ``folder``; a channel with no messages is left out, as ``mend batch EXPORT``
    leaves it out."""
    lone = slack.is_channel(root)
    try:
        users = slack.directory(root.parent if lone else root)
        channels = [root] if lone else slack.channel_folders(root)
    except MendError as exc:
        yield Item(root.relative_to(folder).as_posix(), error=str(exc))
        return
    found = False
    for channel in channels:
        cid = channel.relative_to(folder).as_posix()
        if cid in seen:
            yield Item(cid, error=f"{channel}: its conversation id {cid!r} is taken by an "
                       "earlier file of the folder")
            continue
        seen.add(cid)
        try:
            conversation = slack.read_channel(channel, users, allow_empty=not lone)
        except MendError as exc:
            found = True
            yield Item(cid, error=str(exc))
            continue
        if conversation.turns:
            found = True
            yield Item(cid, Conversation(id=cid, turns=conversation.turns,
                                         source=conversation.source, format=conversation.format,
                                         speakers=conversation.speakers))
    if not found:
        error = FormatError("no messages found in any channel of the Slack export",
                            source=str(root))
        yield Item(root.relative_to(folder).as_posix(), error=str(error))


def _transcripts(folder: Path, entries: list[Path],
                 encoding: str | None = None, merge: bool = True) -> Iterator[Unit]:
    """Each file's conversation under the id ``mend analyze`` gives it (the reader's: a JSON
    document's ``id``, else the file's stem), or, where an earlier file of the folder already
    has that id, under its path inside the folder (ids must be unique in a run's output); each
    channel of a Slack export in it (a folder among ``entries``) under its path."""
    seen: set[str] = set()
    for file in entries:
        if file.is_dir():
            yield from _slack_items(folder, file, seen)
            continue
        path = file.relative_to(folder).as_posix()
        try:
            conversation = load_conversation(file, encoding=encoding, merge=merge)
        except MendError as exc:
            # Named as a file read well would be (its stem, else its path), and that id kept for
            # it, so that it keeps its id once it is fixed and the run resumed.
            stem = default_id(str(file))
            cid = stem if stem not in seen else path
            seen.add(cid)
            yield Item(cid, error=str(exc))
            continue
        cid = conversation.id if conversation.id not in seen else path
        if cid in seen:
            yield Item(path, error=f"{file}: its conversation id {conversation.id!r} is taken by "
                       "an earlier file of the folder; give it another \"id\" or file name")
            continue
        seen.add(cid)
        yield Item(cid, Conversation(id=cid, turns=conversation.turns, source=whole_name(str(file)),
                                     format=conversation.format, speakers=conversation.speakers))
