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
from typing import Any, Literal

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

    def split(self, name: Split) -> Corpus:
        return Corpus(
            conversations=tuple(c for c in self.conversations if c.split == name),
            crisis=tuple(c for c in self.crisis if c.split == name),
            pairs=tuple(p for p in self.pairs if p.split == name),
        )


def find_corpus(start: Path | None = None) -> Path:
    """The corpus folder: ``data/corpus`` in the current directory or one above it."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data" / "corpus"
        if (candidate / "GUIDE.md").is_file():
            return candidate
    raise InvalidInputError(
        "could not find Mend's labelled corpus (data/corpus); run from a checkout of the "
        "repository or pass --corpus PATH"
    )


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
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


def _conversation(record: dict[str, Any], path: Path, number: int) -> GoldConversation:
    turns: list[Turn] = []
    labels: list[frozenset[str]] = []
    for i, raw in enumerate(record["turns"]):
        turns.append(Turn(index=i, speaker=raw["speaker"], text=raw["text"],
                          start=raw.get("start")))
        gold = frozenset(x["label"] for x in raw.get("labels", ()))
        for item in raw.get("labels", ()):
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
        episodes=tuple(GoldEpisode(e["start_turn"], e["status"], e.get("severity", "minor"))
                       for e in record.get("episodes", ())),
    )


def _conversation_files(folder: Path) -> list[Path]:
    """The conversation files of ``test/`` or ``train/``: all but the crisis and pair files."""
    return sorted(p for p in folder.glob("*.jsonl") if not p.name.startswith(("crisis", "pairs")))


def load_corpus(root: Path | None = None) -> Corpus:
    """Load every conversation, crisis message and repair pair under ``root``."""
    root = root or find_corpus()
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
    crisis = [
        CrisisItem(id=r["id"], text=r["text"], crisis=bool(r["crisis"]), kind=r["kind"],
                   split=r["split"])
        for path in crisis_files
        for _, r in _records(path)
    ]
    pairs = [
        Pair(id=r["id"], setting=r.get("setting", ""), better=r["better"], worse=r["worse"],
             split=r["split"])
        for path in [root / "pairs.jsonl", *sorted(train.glob("pairs*.jsonl"))]
        for _, r in _records(path)
    ]
    return Corpus(tuple(conversations), tuple(crisis), tuple(pairs))
