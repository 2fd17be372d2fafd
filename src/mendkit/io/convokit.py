"""ConvoKit corpora: reading ``utterances.jsonl`` and writing a minimal corpus folder.

An utterance line has ``id``, ``speaker``, ``conversation_id``, ``reply_to``, ``timestamp``,
``text`` and ``meta``. Utterances of one conversation must be on consecutive lines; inside a
conversation, numeric timestamps give the order (file order otherwise).

Mend writes what ConvoKit has no field for (``start``, ``end``, the ISO ``timestamp``, a missing
turn id) under ``meta["mend"]``, so a corpus written by :func:`write_convokit` reads back into
the same turns. Labels or other per-turn data go into ``meta`` through ``turn_meta``, and
per-conversation data (episodes, safety) into each conversation's ``meta`` through
``conversation_meta``. A conversation read from a ConvoKit corpus is written back with that
corpus's own data: each utterance's ``timestamp`` and ``meta``, its speakers' and conversation's
``meta``, and the corpus's own ``corpus.json`` (its name, say).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mendkit._version import __version__
from mendkit.errors import FormatError
from mendkit.io._common import Grouper, Names, whole_name
from mendkit.io._records import is_number, shown
from mendkit.io._source import TextSource
from mendkit.io._times import epoch_to_iso
from mendkit.io.jsondoc import load_line
from mendkit.model.conversation import Conversation, Turn

UTTERANCES = "utterances.jsonl"
EXPECTED = 'one utterance per line: {"id", "speaker", "conversation_id", "text", ...}'
MEND_KEY = "mend"

TurnMeta = (
    Mapping[int, Mapping[str, Any]] | Callable[[Conversation, Turn], Mapping[str, Any] | None]
)
"""Per-turn ``meta``: a mapping from turn index (one conversation), or a function of the turn."""


class _Utterance(NamedTuple):
    turn: Turn  # index and start are set when the conversation is complete
    epoch: float | None
    from_mend: bool


def iter_convokit(source: TextSource) -> Iterator[Conversation]:
    """Yield each conversation of a ConvoKit ``utterances.jsonl``, streaming it."""
    names = Names()
    grouper = Grouper(source.name)
    pending: list[_Utterance] = []
    conversation_id: str | None = None
    for number, text in source.lines():
        if not text.strip():
            continue
        item = load_line(text, source.name, number, EXPECTED)
        utterance, cid = _utterance(item, number, source.name, names)
        if grouper.switch(cid, number) is not None:
            yield _conversation(conversation_id, pending, source.name)
            pending = []
        conversation_id = cid
        grouper.turns.append(utterance.turn)  # the grouper only tracks ids and order
        pending.append(utterance)
    if pending:
        yield _conversation(conversation_id, pending, source.name)
    else:
        raise FormatError(f"no utterances found: expected {EXPECTED}", source=source.name)


def _utterance(item: object, line: int, name: str, names: Names) -> tuple[_Utterance, str]:
    if not isinstance(item, Mapping):
        raise FormatError(
            f"expected {EXPECTED}; found {shown(item)}", source=name, line=line
        )
    speaker = item.get("speaker", item.get("user"))
    cid = item.get("conversation_id", item.get("root"))
    text = item.get("text")
    for field, value in (("speaker", speaker), ("conversation_id", cid), ("id", item.get("id"))):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise FormatError(f'expected the utterance to have "{field}"; found none',
                              source=name, line=line)
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise FormatError(f'expected the utterance\'s "{field}" to be a string, found '
                              f"{shown(value)}", source=name, line=line)
    if not isinstance(text, str):
        raise FormatError(f'expected the utterance to have a string "text", found {shown(text)}',
                          source=name, line=line)
    meta = item.get("meta")
    mend = meta.get(MEND_KEY) if isinstance(meta, Mapping) else None
    raw_ts = item.get("timestamp")
    epoch = _opt_float(raw_ts)
    try:
        iso = None if epoch is None else epoch_to_iso(epoch)
    except (OverflowError, OSError, ValueError):
        raise FormatError(f'expected the utterance\'s "timestamp" to be epoch seconds (such as '
                          f"1764252192) or an offset in seconds, found {shown(raw_ts)}",
                          source=name, line=line) from None
    reply_to = item.get("reply_to")
    if isinstance(mend, Mapping):
        turn = Turn(
            index=0, speaker=names(str(speaker)), text=text,
            id=_opt_str(mend["id"]) if "id" in mend else str(item["id"]),
            reply_to=_opt_str(reply_to), start=_opt_float(mend.get("start")),
            end=_opt_float(mend.get("end")), timestamp=_opt_str(mend.get("timestamp")),
        )
        return _Utterance(turn, epoch, True), str(cid)
    if epoch is not None:  # large numbers are epoch times; small ones are offsets
        timestamp = iso if epoch > 1e8 else None
    else:
        timestamp = raw_ts if isinstance(raw_ts, str) and raw_ts.strip() else None
    turn = Turn(index=0, speaker=names(str(speaker)), text=text, id=str(item["id"]),
                reply_to=_opt_str(reply_to), timestamp=timestamp)
    return _Utterance(turn, epoch, False), str(cid)


def _conversation(cid: str | None, pending: list[_Utterance], source: str) -> Conversation:
    epochs = [u.epoch for u in pending]
    timed = not any(u.from_mend for u in pending) and all(e is not None for e in epochs)
    if timed:
        pending = sorted(pending, key=lambda u: u.epoch or 0.0)
    origin = min((e for e in epochs if e is not None), default=0.0)
    turns = []
    for i, u in enumerate(pending):
        start = u.turn.start
        if not u.from_mend and u.epoch is not None:
            start = u.epoch - origin
        turns.append(Turn(index=i, speaker=u.turn.speaker, text=u.turn.text, start=start,
                          end=u.turn.end, timestamp=u.turn.timestamp, id=u.turn.id,
                          reply_to=u.turn.reply_to))
    return Conversation(id=cid or "conversation", turns=tuple(turns), source=whole_name(source),
                        format="convokit")


def write_convokit(
    conversations: Conversation | Iterable[Conversation],
    folder: str | Path,
    *,
    turn_meta: TurnMeta | None = None,
    conversation_meta: Callable[[Conversation], Mapping[str, Any] | None] | None = None,
) -> Path:
    """Write a ConvoKit corpus folder (``utterances.jsonl``, ``speakers.json``,
    ``conversations.json``, ``corpus.json``, ``index.json``) and return its path.

    ``turn_meta`` adds per-turn data (labels, scores) to each utterance's ``meta``: a mapping from
    turn index when writing one conversation, or a function ``(conversation, turn) -> dict``.
    ``conversation_meta(conversation)`` adds per-conversation data to the conversation's ``meta``
    (beside the corpus's own, for a conversation read from one). ``corpus.json`` is the corpus's
    own when the conversations were read from a ConvoKit corpus (the first one's, if several),
    else ``{"generator": "mendkit VERSION"}``.
    """
    items = [conversations] if isinstance(conversations, Conversation) else conversations
    if isinstance(turn_meta, Mapping) and not isinstance(conversations, Conversation):
        raise TypeError("turn_meta keyed by turn index needs a single conversation; "
                        "pass a function (conversation, turn) -> dict for several")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    speakers: dict[str, dict[str, Any]] = {}
    conversation_metas: dict[str, Mapping[str, Any]] = {}
    meta_keys: dict[str, str] = {}
    origins: dict[str, _Origin | None] = {}
    with (out / UTTERANCES).open("w", encoding="utf-8", newline="\n") as fh:
        for conversation in items:
            origin = _origin(conversation, out, origins)
            conversation_metas[conversation.id] = {
                **(origin.conversations.get(conversation.id, {}) if origin else {}),
                **((conversation_meta(conversation) or {}) if conversation_meta else {}),
            }
            for speaker in conversation.speakers:
                own = origin.speakers.get(speaker.id, {}) if origin else {}
                speakers.setdefault(
                    speaker.id, {**own, **({"name": speaker.name} if speaker.name else {})}
                )
            originals = origin.utterances(conversation.id) if origin else {}
            for turn in conversation.turns:
                record = _record(conversation, turn, turn_meta, originals)
                for key, value in record["meta"].items():
                    meta_keys.setdefault(key, _type_name(value))
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    _dump(out / "speakers.json", {s: {"meta": m, "vectors": []} for s, m in speakers.items()})
    _dump(out / "conversations.json",
          {c: {"meta": m, "vectors": []} for c, m in conversation_metas.items()})
    corpus = next((o.corpus for o in origins.values() if o is not None and o.corpus is not None),
                  {"generator": f"mendkit {__version__}"})
    _dump(out / "corpus.json", corpus)
    _dump(out / "index.json", {
        "utterances-index": {k: [v] for k, v in meta_keys.items()},
        "speakers-index": _index(speakers.values()),
        "conversations-index": _index(conversation_metas.values()),
        "overall-index": _index([corpus]),
        "version": 1, "vectors": [],
    })
    return out


class _Origin:
    """The ConvoKit corpus some conversations were read from, so that writing them keeps the
    corpus's own data. Its utterances are read forward in step with the conversations written
    (which come in the corpus's order), so a large corpus is never held in memory."""

    def __init__(self, utterances: Path) -> None:
        self.path = utterances
        self.speakers = _metas(utterances.parent / "speakers.json")
        self.conversations = _metas(utterances.parent / "conversations.json")
        self.corpus = _corpus_meta(utterances.parent / "corpus.json")
        self._groups = self._read()

    def utterances(self, conversation_id: str) -> dict[str, Mapping[str, Any]]:
        """The conversation's utterance records by id (none if the corpus no longer has it)."""
        for _ in range(2):
            for cid, records in self._groups:
                if cid == conversation_id:
                    return records
            self._groups = self._read()  # not ahead: look once more from the top
        return {}

    def _read(self) -> Iterator[tuple[str, dict[str, Mapping[str, Any]]]]:
        current: str | None = None
        records: dict[str, Mapping[str, Any]] = {}
        for _, text in TextSource(self.path).lines():
            try:
                item = json.loads(text) if text.strip() else None
            except ValueError:
                continue  # the reader has refused such a line already
            if not isinstance(item, Mapping):
                continue
            cid = str(item.get("conversation_id", item.get("root")))
            if cid != current and current is not None:
                yield current, records
                records = {}
            current = cid
            records[str(item.get("id"))] = item
        if current is not None:
            yield current, records


def _origin(conversation: Conversation, out: Path, origins: dict[str, _Origin | None]
            ) -> _Origin | None:
    """The corpus ``conversation`` was read from, if it was read from one that is still there
    (and is not the corpus being written)."""
    source = conversation.source
    if conversation.format != "convokit" or source is None:
        return None
    if source not in origins:
        path = Path(source)
        same = path.is_file() and (out / UTTERANCES).exists() and path.samefile(out / UTTERANCES)
        origins[source] = _Origin(path) if path.is_file() and not same else None
    return origins[source]


def _metas(path: Path) -> dict[str, Mapping[str, Any]]:
    """``{id: meta}`` from a corpus's ``speakers.json`` or ``conversations.json``."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(document, Mapping):
        return {}
    return {str(k): v["meta"] for k, v in document.items()
            if isinstance(v, Mapping) and isinstance(v.get("meta"), Mapping)}


def _corpus_meta(path: Path) -> Mapping[str, Any] | None:
    """A corpus's own ``corpus.json`` (its meta, such as its name); None if it has none."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, Mapping) else None


def _index(metas: Iterable[Mapping[str, Any]]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for meta in metas:
        for key, value in meta.items():
            index.setdefault(key, [_type_name(value)])
    return index


def _type_name(value: object) -> str:
    return f"<class '{type(value).__name__}'>"


def _record(conversation: Conversation, turn: Turn, turn_meta: TurnMeta | None,
            originals: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    extra: Mapping[str, Any] | None = None
    if isinstance(turn_meta, Mapping):
        extra = turn_meta.get(turn.index)
    elif turn_meta is not None:
        extra = turn_meta(conversation, turn)
    mend: dict[str, Any] = {k: v for k, v in (("start", turn.start), ("end", turn.end),
                                               ("timestamp", turn.timestamp)) if v is not None}
    if turn.id is None:
        mend["id"] = None  # the utterance id below was made up for ConvoKit
    utterance_id = turn.id if turn.id is not None else f"{conversation.id}-{turn.index}"
    original = originals.get(utterance_id, {})  # the same utterance in the corpus read
    own_meta = original.get("meta")
    return {
        "id": utterance_id,
        "conversation_id": conversation.id,
        "speaker": turn.speaker,
        "reply_to": turn.reply_to,
        "timestamp": original.get("timestamp", turn.start),
        "text": turn.text,
        "meta": {**(own_meta if isinstance(own_meta, Mapping) else {}), **(extra or {}),
                 MEND_KEY: mend},
    }


def _dump(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_float(value: object) -> float | None:
    return float(value) if is_number(value) else None  # type: ignore[arg-type]
