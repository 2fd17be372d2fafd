"""The input side of the domain: who spoke, what they said, and when."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mendkit.errors import InvalidInputError
from mendkit.model._fields import Fields


@dataclass(frozen=True, slots=True, kw_only=True)
class Speaker:
    """A participant. ``id`` is the name as written in the source."""

    id: str
    name: str | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        f = Fields(data, "a speaker")
        return cls(id=str(f["id"]), name=f.get("name"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Turn:
    """One turn (a message or an utterance).

    ``start``/``end`` are seconds from the start of the conversation when the format has times;
    ``timestamp`` is the absolute time (ISO 8601) when the format has one (chat exports).
    """

    index: int
    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    timestamp: str | None = None
    id: str | None = None
    reply_to: str | None = None

    def __post_init__(self) -> None:
        # Checked here, where a turn is made, not deep in the engine as a stray TypeError.
        for what in ("speaker", "text"):
            value = getattr(self, what)
            if not isinstance(value, str):
                raise InvalidInputError(f"expected turn {self.index}'s {what} as a str, got "
                                        f"{type(value).__name__}")
        for what in ("start", "end"):
            # NaN or infinity would pass through the engine and come out as JSON no parser reads.
            seconds = getattr(self, what)
            if seconds is not None and not _finite(seconds):
                raise InvalidInputError(f"expected turn {self.index}'s {what} to be a finite "
                                        f"number of seconds, got {seconds!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"index": self.index, "speaker": self.speaker, "text": self.text}
        for key in ("start", "end", "timestamp", "id", "reply_to"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, index: int | None = None) -> Turn:
        if not isinstance(data, Mapping):
            raise InvalidInputError(f"expected a turn object, got {type(data).__name__}")
        speaker, text = data.get("speaker"), data.get("text")
        if not isinstance(speaker, str) or not speaker.strip():
            raise InvalidInputError('expected a turn with a non-empty string "speaker"')
        if not isinstance(text, str):
            raise InvalidInputError('expected a turn with a string "text"')
        raw_index = data.get("index", index if index is not None else 0)
        try:
            number = int(raw_index)
        except (TypeError, ValueError):
            raise InvalidInputError(f'expected "index" to be a whole number, got {raw_index!r}'
                                    ) from None
        return cls(
            index=number,
            speaker=speaker.strip(),
            text=text,
            start=_optional_seconds(data.get("start"), "start"),
            end=_optional_seconds(data.get("end"), "end"),
            timestamp=_optional_str(data.get("timestamp")),
            id=_optional_str(data.get("id")),
            reply_to=_optional_str(data.get("reply_to")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversation:
    """A conversation: an ordered tuple of turns. ``source`` and ``format`` say where it came from."""

    id: str
    turns: tuple[Turn, ...]
    source: str | None = None
    format: str | None = None
    speakers: tuple[Speaker, ...] = field(default=())

    def __post_init__(self) -> None:
        # The engine and the episodes find a turn by its index, so it must be its position.
        wrong = next((i for i, turn in enumerate(self.turns) if turn.index != i), None)
        if wrong is not None:
            raise InvalidInputError(
                f"expected turn indices 0 to {len(self.turns) - 1} in order; the turn at position "
                f"{wrong} has index {self.turns[wrong].index} (Conversation.from_turns numbers "
                "turns for you)")
        if not self.speakers:
            seen: dict[str, None] = {}
            for turn in self.turns:
                seen.setdefault(turn.speaker, None)
            object.__setattr__(self, "speakers", tuple(Speaker(id=s) for s in seen))

    @classmethod
    def from_turns(
        cls,
        turns: Iterable[tuple[str, str] | Turn],
        *,
        id: str = "conversation",
        source: str | None = None,
        format: str | None = None,
    ) -> Conversation:
        """Build a conversation from ``(speaker, text)`` pairs or turns, renumbering them.

        An item that is not a pair or a ``Turn``, or a pair whose speaker is empty, raises
        ``InvalidInputError`` (as ``Turn.from_dict`` does).

        >>> Conversation.from_turns([("Ana", "Fine."), ("Ben", "Fine?")]).turns[1].index
        1
        """
        built: list[Turn] = []
        for i, item in enumerate(turns):
            if isinstance(item, Turn):
                built.append(_renumber(item, i))
            else:
                speaker, text = _pair(item, i)
                built.append(Turn(index=i, speaker=speaker, text=text))
        return cls(id=id, turns=tuple(built), source=source, format=format)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            # A speaker with a display name is written whole; the rest stay plain ids.
            "speakers": [s.to_dict() if s.name else s.id for s in self.speakers],
            "turns": [t.to_dict() for t in self.turns],
        }
        if self.source is not None:
            out["source"] = self.source
        if self.format is not None:
            out["format"] = self.format
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Conversation:
        raw_turns = data.get("turns")
        if not isinstance(raw_turns, list):
            raise InvalidInputError('expected an object with a "turns" list')
        turns = tuple(Turn.from_dict(t, index=i) for i, t in enumerate(raw_turns))
        speakers = tuple(
            Speaker(id=s) if isinstance(s, str) else Speaker.from_dict(s)
            for s in data.get("speakers") or ()
        )
        return cls(
            id=str(data.get("id") or "conversation"),
            turns=turns,
            source=_optional_str(data.get("source")),
            format=_optional_str(data.get("format")),
            speakers=speakers,
        )


def _pair(item: object, i: int) -> tuple[str, str]:
    expected = "expected (speaker, text) pairs or turns"
    if not isinstance(item, (tuple, list)):
        raise InvalidInputError(f"{expected}; item {i} is a {type(item).__name__}")
    if len(item) != 2:
        raise InvalidInputError(f"{expected}; item {i} has {len(item)} "
                                f"value{'' if len(item) == 1 else 's'}")
    speaker, text = item
    if isinstance(speaker, str) and not speaker.strip():
        raise InvalidInputError(f"{expected}; item {i} has an empty speaker")
    return speaker, text  # Turn checks that both are str


def _renumber(turn: Turn, index: int) -> Turn:
    if turn.index == index:
        return turn
    return Turn(
        index=index, speaker=turn.speaker, text=turn.text, start=turn.start, end=turn.end,
        timestamp=turn.timestamp, id=turn.id, reply_to=turn.reply_to,
    )


def _optional_seconds(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InvalidInputError(f'expected "{name}" to be a number of seconds, got {value!r}')
    try:
        seconds = float(value)
    except OverflowError:  # an int too large for a float
        seconds = math.inf
    if not math.isfinite(seconds):
        raise InvalidInputError(f'expected "{name}" to be a finite number of seconds, '
                                f"got {value!r}")
    return seconds


def _finite(value: object) -> bool:
    """Whether a number is finite (NumPy's numbers included); other values are not judged here."""
    try:
        return math.isfinite(value)  # type: ignore[arg-type]
    except (TypeError, OverflowError):  # not a number, or an int too large for a float
        return True


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
