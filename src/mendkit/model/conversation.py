"""The input side of the domain: who spoke, what they said, and when."""

from __future__ import annotations

import math
import numbers
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

    def __post_init__(self) -> None:
        # Spaces around a name are not part of it: a turn's speaker is kept the same way, so
        # the two always match (one person is never listed under two names).
        if not isinstance(self.id, str) or not self.id.strip():
            shown = repr(self.id) if isinstance(self.id, str) else _a(self.id)
            raise InvalidInputError(f"expected a speaker's id to be a name, got {shown}")
        if self.id != self.id.strip():
            object.__setattr__(self, "id", self.id.strip())
        if self.name is not None and not isinstance(self.name, str):
            raise InvalidInputError(f"expected speaker {self.id!r}'s name as a str or None, got "
                                    f"{_a(self.name)}")

    @property
    def display_name(self) -> str:
        return self.name or self.id

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Speaker:
        f = Fields(data, "a speaker")
        if not isinstance(f["id"], str):
            raise f._wrong("id", "a str", f["id"])
        return cls(id=f["id"], name=f.optional_str("name"))


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
        index: object = self.index
        if (isinstance(index, bool) or not isinstance(index, numbers.Integral)
                or int(index) < 0):
            raise InvalidInputError(f"expected a turn's index as an int of 0 or more, got "
                                    f"{index!r}")
        # NumPy's integers become a plain int, so that to_dict() is always JSON.
        object.__setattr__(self, "index", int(index))
        for what in ("speaker", "text"):
            value = getattr(self, what)
            if not isinstance(value, str):
                raise InvalidInputError(f"expected turn {self.index}'s {what} as a str, got "
                                        f"{type(value).__name__}")
        if not self.speaker.strip():  # as from_dict and from_turns refuse it
            raise InvalidInputError(f"expected turn {self.index}'s speaker to be a name, got "
                                    f"{self.speaker!r}")
        if self.speaker != self.speaker.strip():  # as Speaker keeps it, and from_dict reads it
            object.__setattr__(self, "speaker", self.speaker.strip())
        for what in ("start", "end"):
            seconds: object = getattr(self, what)
            if seconds is None:
                continue
            if isinstance(seconds, bool) or not isinstance(seconds, numbers.Real):
                raise InvalidInputError(f"expected turn {self.index}'s {what} to be a number of "
                                        f"seconds, got {type(seconds).__name__}")
            # A plain float, so that to_dict() is always JSON (NumPy's numbers included); NaN
            # or infinity would pass through the engine and come out as JSON no parser reads.
            plain = _plain_seconds(seconds)
            if not math.isfinite(plain):
                raise InvalidInputError(f"expected turn {self.index}'s {what} to be a finite "
                                        f"number of seconds, got {seconds!r}")
            object.__setattr__(self, what, plain)
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidInputError(f"expected turn {self.index}'s end ({self.end}) to be at or "
                                    f"after its start ({self.start})")

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
class Leave:
    """Someone leaving a group chat, as its export records it ("Nadia left"): who, and the index
    of the last turn before it (-1 when no one had spoken yet). It is no turn: no one said it."""

    speaker: str
    after_turn: int

    def __post_init__(self) -> None:
        if not isinstance(self.speaker, str) or not self.speaker.strip():
            raise InvalidInputError("expected a leave with a non-empty speaker")
        if type(self.after_turn) is not int or self.after_turn < -1:
            raise InvalidInputError(f'expected a leave with "after_turn" as a whole number of '
                                    f"-1 or more, got {self.after_turn!r}")

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker, "after_turn": self.after_turn}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Leave:
        f = Fields(data, "a leave")
        return cls(speaker=str(f["speaker"]), after_turn=f.whole("after_turn"))


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversation:
    """A conversation: an ordered tuple of turns. ``source`` and ``format`` say where it came from;
    ``left``, who left a group chat and when, where its export says so."""

    id: str
    turns: tuple[Turn, ...]
    source: str | None = None
    format: str | None = None
    speakers: tuple[Speaker, ...] = field(default=())
    left: tuple[Leave, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.id, str):  # to_dict() must be JSON, and read back the same
            raise InvalidInputError(f"expected the conversation's id as a str, got "
                                    f"{_a(self.id)}")
        turns: object = self.turns  # a list, too, from a caller without a type checker
        if not isinstance(turns, tuple):
            object.__setattr__(self, "turns",
                               tuple(_items(turns, "turns as a tuple of Turn objects")))
        odd = next((i for i, turn in enumerate(self.turns) if not isinstance(turn, Turn)), None)
        if odd is not None:
            hint = (" (use Conversation.from_turns for (speaker, text) pairs)"
                    if isinstance(self.turns[odd], (tuple, list)) else "")
            raise InvalidInputError(f"expected Turn objects; the item at position {odd} is "
                                    f"{_a(self.turns[odd])}{hint}")
        # The engine and the episodes find a turn by its index, so it must be its position.
        wrong = next((i for i, turn in enumerate(self.turns)
                      if type(turn.index) is not int or turn.index != i), None)
        if wrong is not None:
            raise InvalidInputError(
                f"expected turn indices 0 to {len(self.turns) - 1} in order; the turn at position "
                f"{wrong} has index {self.turns[wrong].index!r} (Conversation.from_turns numbers "
                "turns for you)")
        speakers = tuple(_items(self.speakers, "speakers as a tuple of Speaker objects"))
        if not all(isinstance(s, Speaker) for s in speakers):
            raise InvalidInputError("expected speakers as Speaker objects")
        # One person is never listed under two names, nor one name twice.
        known: set[str] = set()
        for s in speakers:
            if s.id in known:
                raise InvalidInputError(f'expected each speaker listed once in speakers; '
                                        f'"{s.id}" is listed twice', source=self.source)
            known.add(s.id)
        # Everyone who speaks is a speaker, listed or not: the analysis counts them all.
        for turn in self.turns:
            if turn.speaker not in known:
                known.add(turn.speaker)
                speakers += (Speaker(id=turn.speaker),)
        if speakers != self.speakers:
            object.__setattr__(self, "speakers", speakers)
        left = tuple(_items(self.left, "left as a tuple of Leave objects"))
        if not all(isinstance(leave, Leave) for leave in left):
            raise InvalidInputError("expected left as Leave objects")
        if left != self.left:
            object.__setattr__(self, "left", left)

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
        for i, item in enumerate(_items(turns, "an iterable of (speaker, text) pairs or turns")):
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
        if self.left:
            out["left"] = [leave.to_dict() for leave in self.left]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Conversation:
        f = Fields(data, "a conversation")
        raw_turns = f.get("turns")
        if not isinstance(raw_turns, list):
            raise InvalidInputError('expected an object with a "turns" list')
        turns = tuple(Turn.from_dict(t, index=i) for i, t in enumerate(raw_turns))
        speakers = tuple(
            Speaker(id=s) if isinstance(s, str) else Speaker.from_dict(s)
            for s in f.items("speakers")
        )
        raw_id = f.optional_str("id")
        return cls(
            id="conversation" if raw_id is None else raw_id,
            turns=turns,
            source=_optional_str(data.get("source")),
            format=_optional_str(data.get("format")),
            speakers=speakers,
            left=tuple(Leave.from_dict(leave) for leave in f.items("left")),
        )


def _pair(item: object, i: int) -> tuple[str, str]:
    expected = "expected (speaker, text) pairs or turns"
    if not isinstance(item, (tuple, list)):
        raise InvalidInputError(f"{expected}; item {i} is {_a(item)}")
    if len(item) != 2:
        raise InvalidInputError(f"{expected}; item {i} has {len(item)} "
                                f"value{'' if len(item) == 1 else 's'}")
    speaker, text = item
    if isinstance(speaker, str) and not speaker.strip():
        raise InvalidInputError(f"{expected}; item {i} has an empty speaker")
    return speaker, text  # Turn checks that both are str


def _a(value: object) -> str:
    """What ``value`` is, in words: ``an int``, ``a str``, ``None``."""
    if value is None:
        return "None"
    kind = type(value).__name__
    return f"{'an' if kind[:1].lower() in 'aeiou' else 'a'} {kind}"


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


def _plain_seconds(value: numbers.Real) -> float:
    """``value`` as a plain ``float``; an int too large for one is infinite."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _items(value: object, expected: str) -> Iterable[Any]:
    """``value`` as an iterable (not a str, bytes or mapping), or an ``InvalidInputError``."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInputError(f"expected {expected}, got {type(value).__name__}")
    return value


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)
