"""The output side of the domain: evidence, per-turn analyses, episodes and the whole analysis.

Everything here is a frozen value. ``to_dict()`` gives the public JSON contract (DESIGN.md,
``mend analyze --json``); ``from_dict()`` reads it back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

from mendkit.errors import InvalidInputError
from mendkit.model._fields import Fields
from mendkit.model.conversation import Leave

EpisodeStatus = Literal["resolved", "attempted", "unresolved"]
Severity = Literal["minor", "major"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """A span of a turn's text that supports a label, and what found it (a rule id or a model).

    Every ``from_dict`` here raises ``InvalidInputError`` naming a missing or wrong key.
    """

    label: str
    subtype: str | None
    start: int
    end: int
    text: str
    source: str
    score: float = 1.0

    def __post_init__(self) -> None:
        _check_span("evidence", ("start", self.start), ("end", self.end))

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "subtype": self.subtype, "start": self.start, "end": self.end,
            "text": self.text, "source": self.source, "score": round(self.score, 4),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Evidence:
        f = Fields(data, "evidence")
        return cls(
            label=str(f["label"]), subtype=f.optional_str("subtype"), start=f.whole("start"),
            end=f.whole("end"), text=str(f["text"]), source=str(f["source"]),
            score=f.number("score", 1.0),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnAnalysis:
    """What Mend found in one turn.

    A label is on when a rule fired for it, or when the model's score passed its threshold and no
    rule has evidence against it (the model never overrides such evidence). So a label can be on
    with a score under the threshold, and off with one above it. ``scores`` holds the labels
    scoring at least 0.01, and every label that is on.

    Not hashable: ``scores`` is a dict.
    """

    __hash__ = None  # type: ignore[assignment]

    index: int
    speaker: str
    text: str
    labels: tuple[str, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)
    evidence: tuple[Evidence, ...] = ()
    start: float | None = None

    def subtypes(self, label: str) -> tuple[str, ...]:
        """The distinct subtypes the evidence gives for ``label``, in order of appearance."""
        seen: dict[str, None] = {}
        for ev in self.evidence:
            if ev.label == label and ev.subtype:
                seen.setdefault(ev.subtype, None)
        return tuple(seen)

    def model_only(self, label: str) -> bool:
        """Whether only the learned model gave ``label``: there is evidence for it, and none of
        it comes from a rule or from the turns around it (a rule's source starts with ``rule:``,
        a crisis sign read from the turns around it ``context:``, the model's ``model:``)."""
        sources = [ev.source for ev in self.evidence if ev.label == label]
        return bool(sources) and not any(source.startswith(("rule:", "context:"))
                                         for source in sources)

    def to_dict(self) -> dict[str, Any]:
        """The turn as in ``mend analyze --json``; scores are rounded to 4 decimal places."""
        out: dict[str, Any] = {
            "index": self.index, "speaker": self.speaker, "text": self.text,
            "labels": list(self.labels),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.start is not None:
            out["start"] = self.start
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TurnAnalysis:
        f = Fields(data, "a turn analysis")
        return cls(
            index=f.whole("index"), speaker=str(f["speaker"]), text=str(f["text"]),
            labels=f.strings("labels"), scores=f.numbers("scores"),
            evidence=tuple(Evidence.from_dict(e) for e in f.items("evidence")),
            start=f.optional_number("start"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Episode:
    """A rupture and what followed it: later ruptures, repair attempts and reconnection.

    ``status`` is ``resolved`` when a repair attempt was followed by reconnection from another
    speaker, ``attempted`` when repair was tried without uptake, ``unresolved`` with no repair.
    ``between`` names who it is between: the one whose rupture opened it first, then the others
    in it (in a group, the pair at odds); empty, and left out of ``to_dict``, when that is not
    known (an analysis written before Mend named them). ``left`` holds those of them who left
    the group chat while it was open or just after (``Conversation.left``).
    """

    start_turn: int
    end_turn: int
    labels: tuple[str, ...]
    severity: Severity
    status: EpisodeStatus
    rupture_turns: tuple[int, ...]
    repair_turns: tuple[int, ...] = ()
    reconnect_turns: tuple[int, ...] = ()
    initiator: str | None = None
    taken_up: bool = False
    turns_to_repair: int | None = None
    seconds_to_repair: float | None = None
    between: tuple[str, ...] = ()
    left: tuple[Leave, ...] = ()

    def __post_init__(self) -> None:
        _check_span("an episode", ("start_turn", self.start_turn), ("end_turn", self.end_turn))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start_turn": self.start_turn, "end_turn": self.end_turn, "labels": list(self.labels),
            "severity": self.severity, "status": self.status,
            "rupture_turns": list(self.rupture_turns), "repair_turns": list(self.repair_turns),
            "reconnect_turns": list(self.reconnect_turns), "initiator": self.initiator,
            "taken_up": self.taken_up, "turns_to_repair": self.turns_to_repair,
            "seconds_to_repair": self.seconds_to_repair,
        }
        if self.between:  # left out of an episode read from an analysis written before it
            out["between"] = list(self.between)
        if self.left:  # only where a group chat's export says someone left
            out["left"] = [leave.to_dict() for leave in self.left]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Episode:
        f = Fields(data, "an episode")
        start_turn, end_turn = f.whole("start_turn"), f.whole("end_turn")
        for key, allowed in (("severity", get_args(Severity)), ("status", get_args(EpisodeStatus))):
            if f[key] not in allowed:
                raise InvalidInputError(f'expected an episode with "{key}" one of '
                                        f"{', '.join(allowed)}, got {f[key]!r}")
        return cls(
            start_turn=start_turn, end_turn=end_turn,
            labels=f.strings("labels"), severity=f["severity"],
            status=f["status"], rupture_turns=f.wholes("rupture_turns"),
            repair_turns=f.wholes("repair_turns"),
            reconnect_turns=f.wholes("reconnect_turns"),
            initiator=f.optional_str("initiator"), taken_up=f.flag("taken_up", False),
            turns_to_repair=f.optional_whole("turns_to_repair"),
            seconds_to_repair=f.optional_number("seconds_to_repair"),
            between=f.strings("between"),
            left=tuple(Leave.from_dict(leave) for leave in f.items("left")),
        )


def _check_span(what: str, start: tuple[str, object], end: tuple[str, object]) -> None:
    """A span's two ends, each named by its key: whole numbers, from 0, the end not before the
    start (a backwards span would point at text or turns that are not there)."""
    (start_key, first), (end_key, last) = start, end
    for key, value, least, named in ((start_key, first, 0, "0 or more"),
                                     (end_key, last, first, f'at least "{start_key}" ({first})')):
        if (isinstance(value, bool) or not isinstance(value, int)
                or (isinstance(least, int) and value < least)):
            raise InvalidInputError(f'expected {what} with "{key}" as a whole number of {named}, '
                                    f"got {value!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Resource:
    """A place to get help now: a name, how to reach it, and where it applies."""

    name: str
    contact: str
    region: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "contact": self.contact, "region": self.region,
                "note": self.note}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Resource:
        f = Fields(data, "a resource")
        return cls(name=str(f["name"]), contact=str(f["contact"]),
                   region=str(f["region"]), note=str(f.get("note", "")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Safety:
    """Crisis signals found, and the resources to show when there are any.

    ``in_context`` is for ``mendkit.check``: the signals were in the message being answered (the
    context), not only in the message checked. ``to_dict`` writes it only when true, so an
    analysis's ``safety`` object keeps its contract.
    """

    crisis: bool
    turns: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    message: str = ""
    resources: tuple[Resource, ...] = ()
    in_context: bool = False

    def to_dict(self) -> dict[str, Any]:
        out = {"crisis": self.crisis, "turns": list(self.turns), "kinds": list(self.kinds),
               "message": self.message, "resources": [r.to_dict() for r in self.resources]}
        if self.in_context:
            out["in_context"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Safety:
        f = Fields(data, "a safety summary")
        return cls(crisis=f.flag("crisis"), turns=f.wholes("turns"),
                   kinds=f.strings("kinds"), message=str(f.get("message", "")),
                   resources=tuple(Resource.from_dict(r) for r in f.items("resources")),
                   in_context=f.flag("in_context", False))


@dataclass(frozen=True, slots=True, kw_only=True)
class Analysis:
    """The result of ``mendkit.analyze``: every turn, the episodes, a summary and safety.

    Not hashable: its turns hold dicts of scores.
    """

    __hash__ = None  # type: ignore[assignment]

    mend_version: str
    mode: str
    conversation_id: str
    speakers: tuple[str, ...]
    turns: tuple[TurnAnalysis, ...]
    episodes: tuple[Episode, ...]
    safety: Safety
    source: str | None = None

    @property
    def summary(self) -> dict[str, Any]:
        label_counts: dict[str, int] = {}
        by_speaker: dict[str, dict[str, int]] = {s: {} for s in self.speakers}
        for turn in self.turns:
            for label in turn.labels:
                label_counts[label] = label_counts.get(label, 0) + 1
                per = by_speaker.setdefault(turn.speaker, {})
                per[label] = per.get(label, 0) + 1
        statuses = {"resolved": 0, "attempted": 0, "unresolved": 0}
        for ep in self.episodes:
            statuses[ep.status] += 1
        return {
            "turns": len(self.turns),
            "labels": dict(sorted(label_counts.items())),
            "rupture_turns": sum(1 for t in self.turns
                                 if any(x.startswith("rupture.") for x in t.labels)),
            "repair_turns": sum(1 for t in self.turns
                                if any(x.startswith("repair.") for x in t.labels)),
            "episodes": len(self.episodes),
            "episode_status": statuses,
            "by_speaker": by_speaker,
        }

    def to_dict(self) -> dict[str, Any]:
        """The ``mend analyze --json`` object (DESIGN.md's contract).

        Scores are rounded to 4 decimal places, so ``Analysis.from_dict(a.to_dict())`` holds the
        rounded scores and is not equal to ``a``; the dict itself is stable:
        ``Analysis.from_dict(d).to_dict() == d``.
        """
        conversation: dict[str, Any] = {"id": self.conversation_id, "speakers": list(self.speakers)}
        if self.source is not None:
            conversation["source"] = self.source
        return {
            "mend_version": self.mend_version,
            "mode": self.mode,
            "conversation": conversation,
            "turns": [t.to_dict() for t in self.turns],
            "episodes": [e.to_dict() for e in self.episodes],
            "summary": self.summary,
            "safety": self.safety.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Analysis:
        f = Fields(data, "an analysis")
        mend_version = str(f["mend_version"])
        conv = Fields(f["conversation"], '"conversation"')
        return cls(
            mend_version=mend_version, mode=str(f.get("mode", "rules")),
            conversation_id=str(conv["id"]), speakers=tuple(conv.items("speakers")),
            turns=tuple(TurnAnalysis.from_dict(t) for t in f.items("turns", required=True)),
            episodes=tuple(Episode.from_dict(e) for e in f.items("episodes", required=True)),
            safety=Safety.from_dict(f["safety"]), source=conv.get("source"),
        )
