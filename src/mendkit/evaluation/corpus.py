"""Reading Mend's hand-labelled corpus (``data/corpus``; see its GUIDE.md and DATASHEET.md).

Conversations live in ``conversations/*.jsonl`` (dev and test) and ``train/*.jsonl`` (train);
crisis messages in ``crisis.jsonl`` (dev and test), ``test/crisis*.jsonl`` (test, from 6 December
2026) and ``train/crisis*.jsonl``; repair pairs in ``pairs.jsonl`` (dev
and test) and ``train/pairs*.jsonl`` (train).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from mendkit.errors import InvalidInputError
from mendkit.labels import TAXONOMY
from mendkit.model import Conversation, Turn

Split = Literal["train", "dev", "test"]


@dataclass(frozen=True, slots=True)
class GoldEpisode:
    start_turn: int
    status: str
    severity: str


@dataclass(frozen=True, slots=True)
class GoldConversation:
    conversation: Conversation
    setting: str
    split: str
    labels: tuple[frozenset[str], ...]
    episodes: tuple[GoldEpisode, ...]


@dataclass(frozen=True, slots=True)
class CrisisItem:
    id: str
    text: str
    crisis: bool
    kind: str
    split: str


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    setting: str
    better: str
    worse: str
    split: str


@dataclass(frozen=True, slots=True)
class Corpus:
    conversations: tuple[GoldConversation, ...]
    crisis: tuple[CrisisItem, ...]
    pairs: tuple[Pair, ...]
    root: Path | None = None  # the folder it was read from, for messages

    def split(self, name: Split) -> Corpus:
        return Corpus(
            conversations=tuple(c for c in self.conversations if c.split == name),
            crisis=tuple(c for c in self.crisis if c.split == name),
            pairs=tuple(p for p in self.pairs if p.split == name),
            root=self.root,
        )


def find_corpus(start: Path | None = None) -> Path:
    """The corpus folder: ``data/corpus`` in the current directory or one above it, else in the
    checkout Mend itself runs from (an install from the repository, ``pip install -e``)."""
    here = (start or Path.cwd()).resolve()
    checkout = Path(__file__).resolve().parents[3]  # src/mendkit/evaluation/corpus.py
    for folder in (here, *here.parents, checkout):
        candidate = folder / "data" / "corpus"
        if (candidate / "GUIDE.md").is_file():
            return candidate
    raise InvalidInputError(
        "could not find Mend's labelled corpus (data/corpus); run from a checkout of the "
        "repository or pass --corpus PATH"
    )


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInputError(f"expected UTF-8 text, found a byte that is not "
                                        f"({exc.reason} at byte {exc.start})", source=str(path),
                                        line=number) from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInputError(f"not valid JSON: {exc.msg}", source=str(path),
                                        line=number) from None
            if not isinstance(record, dict):
                raise InvalidInputError("expected a JSON object", source=str(path), line=number)
            yield number, record


_KINDS = {str: "a string", bool: "true or false", list: "a list", dict: "an object",
          int: "a whole number"}


def _need(record: dict[str, Any], fields: dict[str, type], path: Path, number: int,
          where: str = "") -> None:
    """Refuse a record without one of ``fields`` or with one of another type, saying which."""
    for name, kind in fields.items():
        value = record.get(name)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            found = "none" if value is None else f"{json.dumps(value)[:40]}"
            raise InvalidInputError(f'expected {where}"{name}": {_KINDS[kind]}, found {found}',
                                    source=str(path), line=number)


# The values GUIDE.md allows.
_SPLITS: Final = ("train", "dev", "test")
_STATUSES: Final = ("resolved", "attempted", "unresolved")
_SEVERITIES: Final = ("minor", "major")
_CRISIS_KINDS: Final = ("suicide", "self_harm", "harm_to_others", "abuse_danger")
_OTHER_KINDS: Final = ("idiom", "neutral_distress", "neutral")


def _one_of(record: dict[str, Any], name: str, allowed: tuple[str, ...], path: Path,
            number: int, *, listed: bool = False) -> None:
    """Refuse ``record[name]`` (a string already) unless it is one of ``allowed``."""
    value = record[name]
    if value not in allowed:
        words = (f"one of {', '.join(allowed)}" if listed else
                 f"{', '.join(allowed[:-1])} or {allowed[-1]}")
        raise InvalidInputError(f'expected "{name}": {words}, found {json.dumps(value)[:40]}',
                                source=str(path), line=number)


def _listed(value: object, what: str, path: Path, number: int) -> list[Any]:
    """``value`` (a field that may be left out, read as ``()``) as a list, or a clear refusal."""
    if value == ():
        return []
    if not isinstance(value, list):
        found = "null" if value is None else json.dumps(value)[:40]
        raise InvalidInputError(f"expected {what} to be a list, found {found}",
                                source=str(path), line=number)
    return value


def _conversation(record: dict[str, Any], path: Path, number: int) -> GoldConversation:
    _need(record, {"id": str, "split": str, "turns": list}, path, number)
    _one_of(record, "split", _SPLITS, path, number)
    turns: list[Turn] = []
    labels: list[frozenset[str]] = []
    for i, raw in enumerate(record["turns"]):
        if not isinstance(raw, dict):
            raise InvalidInputError(f"expected turn {i} to be an object, found "
                                    f"{json.dumps(raw)[:40]}", source=str(path), line=number)
        _need(raw, {"speaker": str, "text": str}, path, number, f"turn {i} to have ")
        items = _listed(raw.get("labels", ()), f"the labels of turn {i}", path, number)
        for item in items:
            if not isinstance(item, dict):
                raise InvalidInputError(f'expected the labels of turn {i} to be objects such as '
                                        f'{{"label": "rupture.withdrawal", "subtype": "..."}}, '
                                        f"found {json.dumps(item)[:40]}", source=str(path),
                                        line=number)
            _need(item, {"label": str}, path, number, f"each label of turn {i} to have ")
        turns.append(Turn(index=i, speaker=raw["speaker"], text=raw["text"],
                          start=raw.get("start")))
        gold = frozenset(x["label"] for x in items)
        for item in items:
            if item.get("subtype") not in TAXONOMY.get(item["label"], ()):
                raise InvalidInputError(
                    f"turn {i}: unknown label/subtype {item['label']}/{item.get('subtype')}",
                    source=str(path), line=number)
        labels.append(gold)
    return GoldConversation(
        conversation=Conversation(id=record["id"], turns=tuple(turns), source=str(path)),
        setting=record.get("setting", ""),
        split=record["split"],
        labels=tuple(labels),
        episodes=tuple(_episode(e, len(turns), path, number)
                       for e in _listed(record.get("episodes", ()), '"episodes"', path, number)),
    )


def _episode(episode: object, turns: int, path: Path, number: int) -> GoldEpisode:
    if not isinstance(episode, dict):
        raise InvalidInputError(f"expected each episode to be an object, found "
                                f"{json.dumps(episode)[:40]}", source=str(path), line=number)
    _need(episode, {"start_turn": int, "status": str}, path, number, "each episode to have ")
    if not 0 <= episode["start_turn"] < turns:
        raise InvalidInputError(f"episode start_turn {episode['start_turn']} is "
                                + ("negative" if episode["start_turn"] < 0 else
                                   f"past the last turn ({turns - 1})"),
                                source=str(path), line=number)
    _one_of(episode, "status", _STATUSES, path, number)
    if "severity" in episode:
        _need(episode, {"severity": str}, path, number, "each episode to have ")
        _one_of(episode, "severity", _SEVERITIES, path, number)
    return GoldEpisode(episode["start_turn"], episode["status"],
                       episode.get("severity", "minor"))


def _crisis(record: dict[str, Any], path: Path, number: int) -> CrisisItem:
    _need(record, {"id": str, "text": str, "crisis": bool, "kind": str, "split": str},
          path, number)
    _one_of(record, "split", _SPLITS, path, number)
    _one_of(record, "kind", _CRISIS_KINDS + _OTHER_KINDS, path, number, listed=True)
    return CrisisItem(id=record["id"], text=record["text"], crisis=record["crisis"],
                      kind=record["kind"], split=record["split"])


def _pair(record: dict[str, Any], path: Path, number: int) -> Pair:
    _need(record, {"id": str, "better": str, "worse": str, "split": str}, path, number)
    _one_of(record, "split", _SPLITS, path, number)
    return Pair(id=record["id"], setting=record.get("setting", ""), better=record["better"],
                worse=record["worse"], split=record["split"])


def _conversation_files(folder: Path) -> list[Path]:
    """The conversation files of ``test/`` or ``train/``: all but the crisis and pair files."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith(("crisis", "pairs")))


def load_corpus(root: Path | None = None) -> Corpus:
    """Load every conversation, crisis message and repair pair under ``root``."""
    root = root or find_corpus()
    if not root.is_dir():
        raise InvalidInputError(("is a file; expected" if root.exists() else "no such folder; "
                                 "expected") + " the labelled corpus folder (with crisis.jsonl, "
                                "pairs.jsonl and conversations/)", source=str(root))
    train, test = root / "train", root / "test"
    conversation_files = [*sorted((root / "conversations").glob("*.jsonl")),
                          *_conversation_files(test), *_conversation_files(train)]
    conversations = [
        _conversation(record, path, number)
        for path in conversation_files
        for number, record in _records(path)
    ]
    crisis_files = [root / "crisis.jsonl", *sorted(test.glob("crisis*.jsonl")),
                    *sorted(train.glob("crisis*.jsonl"))]
    crisis = [_crisis(r, path, number) for path in crisis_files
              for number, r in _records(path)]
    pairs = [_pair(r, path, number)
             for path in [root / "pairs.jsonl", *sorted(train.glob("pairs*.jsonl"))]
             for number, r in _records(path)]
    for what, files in (("conversation", conversation_files), ("crisis message", crisis_files),
                        ("pair", [root / "pairs.jsonl", *sorted(train.glob("pairs*.jsonl"))])):
        _no_duplicate_ids(what, files)
    return Corpus(tuple(conversations), tuple(crisis), tuple(pairs), root=root)


def _no_duplicate_ids(what: str, files: list[Path]) -> None:
    """Refuse an id used twice among the ``files`` of one kind (read already, so valid)."""
    first: dict[str, tuple[Path, int]] = {}
    for path in files:
        for number, record in _records(path):
            seen = first.setdefault(record["id"], (path, number))
            if seen != (path, number):
                where = f"line {seen[1]}" + ("" if seen[0] == path else f" of {seen[0]}")
                raise InvalidInputError(f'duplicate {what} id "{record["id"]}" (first on '
                                        f"{where})", source=str(path), line=number)
