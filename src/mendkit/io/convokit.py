"""ConvoKit corpora: reading ``utterances.jsonl`` and writing a minimal corpus folder.

An utterance line has ``id``, ``speaker``, ``conversation_id``, ``reply_to``, ``timestamp``,
``text`` and ``meta``. Utterances of one conversation must be on consecutive lines; inside a
conversation, numeric timestamps give the order (file order otherwise).

Mend writes what ConvoKit has no field for (``start``, ``end``, the ISO ``timestamp``, a missing
turn id) under ``meta["mend"]``, so a corpus written by :func:`write_convokit` reads back into
the same turns. Labels or other per-turn data go into ``meta`` through ``turn_meta``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mendkit._version import __version__
from mendkit.errors import FormatError
from mendkit.io._common import Grouper, Names
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
            f"expected {EXPECTED}; found {type(item).__name__}", source=name, line=line
        )
    speaker = item.get("speaker", item.get("user"))
    cid = item.get("conversation_id", item.get("root"))
    text = item.get("text")
    for field, value in (("speaker", speaker), ("conversation_id", cid), ("id", item.get("id"))):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise FormatError(f'expected the utterance to have "{field}"; found none',
                              source=name, line=line)
    if not isinstance(text, str):
        raise FormatError(f'expected the utterance to have a string "text", found {text!r}',
                          source=name, line=line)
    meta = item.get("meta")
    mend = meta.get(MEND_KEY) if isinstance(meta, Mapping) else None
    raw_ts = item.get("timestamp")
    epoch = _opt_float(raw_ts)
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
        timestamp = epoch_to_iso(epoch) if epoch > 1e8 else None
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
    return Conversation(id=cid or "conversation", turns=tuple(turns), source=source,
                        format="convokit")


def write_convokit(
    conversations: Conversation | Iterable[Conversation],
    folder: str | Path,
    *,
    turn_meta: TurnMeta | None = None,
) -> Path:
    """Write a ConvoKit corpus folder (``utterances.jsonl``, ``speakers.json``,
    ``conversations.json``, ``corpus.json``, ``index.json``) and return its path.

    ``turn_meta`` adds per-turn data (labels, scores) to each utterance's ``meta``: a mapping from
    turn index when writing one conversation, or a function ``(conversation, turn) -> dict``.
    """
    items = [conversations] if isinstance(conversations, Conversation) else conversations
    if isinstance(turn_meta, Mapping) and not isinstance(conversations, Conversation):
        raise TypeError("turn_meta keyed by turn index needs a single conversation; "
                        "pass a function (conversation, turn) -> dict for several")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    speakers: dict[str, dict[str, Any]] = {}
    conversation_ids: dict[str, None] = {}
    meta_keys: dict[str, str] = {}
    with (out / UTTERANCES).open("w", encoding="utf-8", newline="\n") as fh:
        for conversation in items:
            conversation_ids[conversation.id] = None
            for speaker in conversation.speakers:
                speakers.setdefault(speaker.id, {"name": speaker.name} if speaker.name else {})
            for turn in conversation.turns:
                record = _record(conversation, turn, turn_meta)
                for key, value in record["meta"].items():
                    meta_keys.setdefault(key, f"<class '{type(value).__name__}'>")
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    _dump(out / "speakers.json", {s: {"meta": m, "vectors": []} for s, m in speakers.items()})
    _dump(out / "conversations.json", {c: {"meta": {}, "vectors": []} for c in conversation_ids})
    _dump(out / "corpus.json", {"generator": f"mendkit {__version__}"})
    _dump(out / "index.json", {
        "utterances-index": {k: [v] for k, v in meta_keys.items()},
        "speakers-index": {"name": ["<class 'str'>"]} if any(speakers.values()) else {},
        "conversations-index": {}, "overall-index": {"generator": ["<class 'str'>"]},
        "version": 1, "vectors": [],
    })
    return out


def _record(conversation: Conversation, turn: Turn, turn_meta: TurnMeta | None) -> dict[str, Any]:
    extra: Mapping[str, Any] | None = None
    if isinstance(turn_meta, Mapping):
        extra = turn_meta.get(turn.index)
    elif turn_meta is not None:
        extra = turn_meta(conversation, turn)
    mend: dict[str, Any] = {k: v for k, v in (("start", turn.start), ("end", turn.end),
                                               ("timestamp", turn.timestamp)) if v is not None}
    if turn.id is None:
        mend["id"] = None  # the utterance id below was made up for ConvoKit
    return {
        "id": turn.id if turn.id is not None else f"{conversation.id}-{turn.index}",
        "conversation_id": conversation.id,
        "speaker": turn.speaker,
        "reply_to": turn.reply_to,
        "timestamp": turn.start,
        "text": turn.text,
        "meta": {**(extra or {}), MEND_KEY: mend},
    }


def _dump(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _opt_str(value: object) -> str | None:
    return None if value is None else str(value)


def _opt_float(value: object) -> float | None:
    return float(value) if _is_number(value) else None  # type: ignore[arg-type]
