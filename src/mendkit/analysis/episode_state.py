"""What episodes are found with (:mod:`mendkit.analysis.episodes`): an episode while it is open
(``_Open``), what one turn brings to it (``_Read``), the labels and subtypes the rules name, and
the readings of a turn's rule-found evidence that the other parts share. "The module docstring" in
the docstrings here means that of :mod:`mendkit.analysis.episodes`, which says how episodes are
found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from mendkit.labels import is_rupture
from mendkit.model import TurnAnalysis

_HARMFUL_SUBTYPES = frozenset({"contempt", "hostility"})
_SHUTDOWN_SUBTYPES = frozenset({"stonewalling", "giving_up"})
_CONTEXT_WITHDRAWAL = frozenset({"minimal_response", "topic_shift"})
_WITHDRAWAL = "rupture.withdrawal"
_RESPONSIBILITY = "repair.responsibility"
_INVALIDATION = "rupture.invalidation"
_CONFRONTATION = "rupture.confrontation"
_FEELING = "repair.feeling"

_ANSWER_REACH = 4  # how many of the others' turns since the speaker last spoke a move answers

_MODEL_SOURCE = "model:"  # how a label only the classifier gave marks its evidence


@dataclass
class _Open:
    start: int
    last: int
    opener: str
    parties: set[str] | None  # None: no one to aim at yet, so anyone may repair
    guessed: bool = False  # a group's: its other party is only the one the opener spoke after
    # a group's: its other party is the one the opener's unnamed rupture answered, not named
    inferred: bool = False
    aimed: set[str] = field(default_factory=set)  # whom its last repair spoke to by name
    rupture_turns: list[int] = field(default_factory=list)
    repair_turns: list[int] = field(default_factory=list)
    reconnect_turns: list[int] = field(default_factory=list)
    labels: dict[str, None] = field(default_factory=dict)
    subtypes: set[str] = field(default_factory=set)
    initiator: str | None = None
    # who moved against the other beyond a complaint, as a rule read it (the one who ruptured)
    movers: set[str] = field(default_factory=set)
    by_movers: set[int] = field(default_factory=set)  # repair turns by one of ``movers`` then
    resolved: bool = False
    crisis: bool = False
    stopped: bool = False  # danger between its people: no repair or uptake counts from then on
    against: set[str] = field(default_factory=set)  # moved against the other beyond a complaint
    owing: set[str] = field(default_factory=set)  # must repair before their uptake resolves it
    # who met each person's repair or concern with contempt: they owe once that person gives in
    scorned: dict[str, set[str]] = field(default_factory=dict)
    hurt: set[str] = field(default_factory=set)  # raised a hurt or a need, in it or just before
    attacked: set[str] = field(default_factory=set)  # moved against beyond a complaint or defence
    # who blamed each person after their hurt: they owe once that person apologises for nothing
    blamed: dict[str, set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Read:
    """What one turn brings to an episode."""
    ruptures: list[str]
    repairs: list[str]
    reconnect: bool
    crisis: bool
    danger: bool = False  # a crisis sign of danger between people: a threat, abuse
    against: bool = False  # a move against the other beyond a rule's complaint
    dismisses: str | None = None  # whose raised concern it dismisses ("Relax, it was a joke")
    scorns: str | None = None  # whose repair or concern it meets with contempt or hostility
    gives_in: bool = False  # a rule found it giving in (appeasing, giving up, "Forget it.")
    owns: bool = False  # a repair here owns or acknowledges, after any move against in it
    # thanks, then a complaint a rule found: "Thank you. Yeah. It felt like the third time this
    # month." It takes up the repair it answers (``answers``), and no other.
    thanks_then_complaint: bool = False
    answers: int | None = None  # the index of the last turn by someone else before it
    limit: bool = False  # a limit on contact, its only repair label (not a repair attempt)
    # a boundary on how the other treats the speaker that names its return, its only repair
    # label: a repair attempt unless its speaker is the one who was hurt (``_hurt_partys_limit``)
    pause: bool = False
    hurts: bool = False  # it raises a hurt or a need (not a complaint)
    blames: bool = False  # a rule found it moving against beyond a complaint or a defence
    attacks: bool = False  # it moves against beyond a complaint or a defence (the model's too)
    gives_way: bool = False  # its apology owns no act of the speaker's (``appeasement``)


def _owns_after_rupture(turn: TurnAnalysis) -> bool:
    """Whether a rule found ownership in ``turn`` after the end of its first rule-found rupture:
    "God, you're so annoying. Sorry, that was uncalled for." """
    rule_ev = [e for e in turn.evidence if not e.source.startswith(_MODEL_SOURCE)]
    rupture_ends = [e.end for e in rule_ev if is_rupture(e.label)]
    return bool(rupture_ends) and any(
        e.label == _RESPONSIBILITY and e.start >= min(rupture_ends) for e in rule_ev)


def _moves_against(turn: TurnAnalysis, read: _Read) -> bool:
    """Whether a rule read ``turn`` moving against the other beyond a complaint: an invalidation
    or a confrontation other than a complaint (not the model alone: it reads many a hurt person's
    "that's not what I'm saying" as invalidation)."""
    return (_INVALIDATION in read.ruptures and bool(_rule_subtypes(turn, _INVALIDATION))) or (
        _CONFRONTATION in read.ruptures
        and bool((_rule_subtypes(turn, _CONFRONTATION) or set()) - {"complaint"}))


def _hurt_partys_limit(ep: _Open, speaker: str, read: _Read,
                       turns: Mapping[int, TurnAnalysis]) -> bool:
    """Whether ``read`` is a time-out (``_Read.pause``) by one of ``ep``'s people who made none of
    its ruptures, which others made: the hurt person's protection, not their repair (round 18:
    "I'm not going to keep talking while you're shouting at me. I'll be back in an hour." after a
    tirade). The one who ruptured still owes the repair."""
    if not read.pause or not _in_parties(ep, speaker):
        return False
    ruptured = {turns[i].speaker for i in ep.rupture_turns if i in turns}
    return bool(ruptured) and speaker not in ruptured


def _in_parties(ep: _Open, speaker: str) -> bool:
    return ep.parties is None or speaker in ep.parties


def _rule_subtypes(turn: TurnAnalysis, label: str) -> set[str | None] | None:
    """The subtypes rules gave ``label`` on ``turn``, or None when no rule found it."""
    found = {e.subtype for e in turn.evidence
             if e.label == label and not e.source.startswith(_MODEL_SOURCE)}
    return found or None


QUIET_SECONDS = 86_400.0  # a day with nothing added closes an episode

# Ownership in the first person ("im sorry", "I shouldn't have", "that's on me"), as against a
# parent's "Leo, that was unkind" about someone else's words.
_FIRST_PERSON: Final = re.compile(r"\b(?:i|i'?m|im|me|my|we|us|our)\b", re.IGNORECASE)


def _earlier(turn: TurnAnalysis, than: TurnAnalysis) -> bool:
    """Whether ``turn`` was sent before ``than``, as far as their times say."""
    return turn.start is not None and than.start is not None and turn.start < than.start


def _seconds_between(first: TurnAnalysis, then: TurnAnalysis) -> float:
    """Seconds from ``first`` to ``then``; 0 when either has no time."""
    if first.start is None or then.start is None:
        return 0.0
    return then.start - first.start
