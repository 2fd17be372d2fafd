"""Rupture episodes: a rupture, the ruptures that follow it, repair attempts and reconnection.

A pure function of the per-turn analyses. An episode opens at a rupture turn. Later ruptures join it;
a repair attempt (any ``repair.*`` label) makes it ``attempted`` and names the initiator; a
``reconnect`` turn by someone other than the repairer after that makes it ``resolved``. A rupture
after resolution opens a new episode, unless its turn also repairs or takes a repair up; an episode
with no activity for ``quiet_turns`` turns closes.

A turn that carries a rupture label is a rupture turn. Whether it can also repair or take a repair
up depends on ruptures the rules found, with a span a person can check; a rupture label only the
model gave ("no rule matched") takes nothing away: "sorry i was such a jerk earlier" is an apology
the rules found, even if the model also reads it as invalidation.

- Repair. A turn where a rule found ownership (``repair.responsibility``: an apology or an
  admission) is a repair attempt, whatever else a rule read in it, unless a rule read the apology
  as a non-apology: rules often read one clause of a good apology as defensive ("Sorry. I didn't
  mean that, I was stressed and I took it out on you."). Otherwise a turn whose rule-found rupture
  moves against the other (confrontation, invalidation) is not a repair attempt: "It feels like
  I'm always the one making the effort" is a complaint that also reads as a feeling, and contempt
  the model also scores as validation is still contempt; nor is one whose rule-found rupture moves
  away (withdrawal): "Sorry to bother you, I'll fix it" after harsh criticism only appeases. A
  turn that is not a repair attempt neither starts the repair nor times it.
- Uptake. A rule-found confrontation cancels a reconnect on the same turn ("I forgive you, but you
  always do this"), and so does a rule-found shutdown (stonewalling, giving up). A milder
  rule-found rupture (invalidation, a minimal response, a denial) cancels only a weak reconnect,
  such as a plain "thanks": "Thanks. Whatever." is a brush-off, but "Okay. I forgive you.", "It's
  fine, these things happen. Love you." and "Whatever, it's okay. Love you." take the repair up,
  because a rule found explicit acceptance or warmth in them.

The labels such a turn carries stay on it, with their evidence, and its ruptures join the episode.

Turn order need not be time order (a Slack thread's replies follow their parent), so when both
turns have a ``start``, a repair sent before the rupture does not count as its repair, nor a
reconnect sent before the repair as its uptake: time to repair is never negative.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from mendkit.labels import RECONNECT, is_repair, is_rupture
from mendkit.model import Episode, EpisodeStatus, Severity, TurnAnalysis

_MAJOR_SUBTYPES = frozenset({"contempt", "hostility", "stonewalling", "giving_up"})
_WITHDRAWAL = "rupture.withdrawal"
_RESPONSIBILITY = "repair.responsibility"
_INVALIDATION = "rupture.invalidation"
_CONFRONTATION = "rupture.confrontation"
_MODEL_SOURCE = "model:"  # how a label only the classifier gave marks its evidence
# Reconnect evidence that takes a repair up in so many words ("I forgive you", "thank you for
# saying that", "love you"), as against thanks that may be routine or sarcastic.
_EXPLICIT_RECONNECT = frozenset({"acceptance", "warmth"})


@dataclass
class _Open:
    start: int
    last: int
    rupture_turns: list[int] = field(default_factory=list)
    repair_turns: list[int] = field(default_factory=list)
    reconnect_turns: list[int] = field(default_factory=list)
    labels: dict[str, None] = field(default_factory=dict)
    subtypes: set[str] = field(default_factory=set)
    rupturers: set[str] = field(default_factory=set)
    initiator: str | None = None
    resolved: bool = False


def find_episodes(turns: Sequence[TurnAnalysis], *, quiet_turns: int = 8) -> tuple[Episode, ...]:
    """Group ``turns`` into episodes (see the module docstring)."""
    # Episodes name turns by their index; a caller's turns need not be numbered from 0.
    by_index = {turn.index: turn for turn in turns}
    done: list[Episode] = []
    current: _Open | None = None
    for turn in turns:
        if not turn.labels:  # most turns: only the quiet spell can close the open episode
            if current is not None and turn.index - current.last > quiet_turns:
                done.append(_close(current, by_index))
                current = None
            continue
        ruptures = [x for x in turn.labels if is_rupture(x)]
        found = _rule_found_ruptures(turn, ruptures)
        repairs = [x for x in turn.labels if is_repair(x)] if _attempts_repair(turn, found) else []
        reconnect = RECONNECT in turn.labels and _takes_up(turn, found)
        if current is not None and turn.index - current.last > quiet_turns:
            done.append(_close(current, by_index))
            current = None
        # A rupture after resolution opens a new episode, unless this turn repairs or takes up.
        if ruptures and (current is None or (current.resolved and not repairs and not reconnect)):
            if current is not None:
                done.append(_close(current, by_index))
            current = _Open(start=turn.index, last=turn.index)
        if current is None:
            continue
        touched = False
        if ruptures:
            current.rupture_turns.append(turn.index)
            current.rupturers.add(turn.speaker)
            for label in ruptures:
                current.labels.setdefault(label, None)
                current.subtypes.update(turn.subtypes(label))
            touched = True
        # Uptake is judged against repairs made before this turn, then this turn's repair counts.
        if (reconnect and current.repair_turns
                and turn.speaker != _last_repairer(current, by_index)
                and not _earlier(turn, by_index[current.repair_turns[-1]])):
            current.reconnect_turns.append(turn.index)
            current.resolved = True
            touched = True
        if repairs and turn.index != current.start and not _earlier(turn, by_index[current.start]):
            current.repair_turns.append(turn.index)
            if current.initiator is None:
                current.initiator = turn.speaker
            touched = True
        if touched:
            current.last = turn.index
    if current is not None:
        done.append(_close(current, by_index))
    return tuple(done)


def _rule_found_ruptures(turn: TurnAnalysis, ruptures: Sequence[str]) -> list[str]:
    """The rupture labels among ``ruptures`` that a rule found on ``turn`` (not the model alone)."""
    return [label for label in ruptures if _rule_subtypes(turn, label) is not None]


def _rule_subtypes(turn: TurnAnalysis, label: str) -> set[str | None] | None:
    """The subtypes rules gave ``label`` on ``turn``, or None when no rule found it."""
    found = {e.subtype for e in turn.evidence
             if e.label == label and not e.source.startswith(_MODEL_SOURCE)}
    return found or None


def _attempts_repair(turn: TurnAnalysis, found: Sequence[str]) -> bool:
    """Whether ``turn``'s repair labels make it a repair attempt (see the module docstring). An
    apology or admission a rule found is one even beside a rule's rupture, unless a rule read the
    apology itself as a non-apology: rules often read one clause of a good apology as defensive
    ("Sorry. I didn't mean that, I took it out on you.")."""
    if not found:
        return True
    owned = _rule_subtypes(turn, _RESPONSIBILITY) is not None
    if owned and "non_apology" not in (_rule_subtypes(turn, _INVALIDATION) or set()):
        return True
    if any(label != _WITHDRAWAL for label in found):
        return False
    return owned


def _takes_up(turn: TurnAnalysis, found: Sequence[str]) -> bool:
    """Whether ``turn``'s reconnect label can take a repair up (see the module docstring)."""
    if not found:
        return True
    if _CONFRONTATION in found:  # "I forgive you, but you always do this"
        return False
    if (_rule_subtypes(turn, _WITHDRAWAL) or set()) & _MAJOR_SUBTYPES:
        return False
    return bool((_rule_subtypes(turn, RECONNECT) or set()) & _EXPLICIT_RECONNECT)


def _earlier(turn: TurnAnalysis, than: TurnAnalysis) -> bool:
    """Whether ``turn`` was sent before ``than``, as far as their times say."""
    return turn.start is not None and than.start is not None and turn.start < than.start


def _last_repairer(ep: _Open, turns: Mapping[int, TurnAnalysis]) -> str | None:
    return turns[ep.repair_turns[-1]].speaker if ep.repair_turns else None


def _close(ep: _Open, turns: Mapping[int, TurnAnalysis]) -> Episode:
    status: EpisodeStatus = (
        "resolved" if ep.resolved else "attempted" if ep.repair_turns else "unresolved"
    )
    severity: Severity = (
        "major"
        if ep.subtypes & _MAJOR_SUBTYPES or len(ep.rupture_turns) >= 4
        or (status == "unresolved" and len(ep.rupture_turns) >= 3)
        else "minor"
    )
    turns_to_repair: int | None = None
    seconds: float | None = None
    if ep.repair_turns:
        first = ep.repair_turns[0]
        turns_to_repair = first - ep.start
        t0, t1 = turns[ep.start].start, turns[first].start
        if t0 is not None and t1 is not None:
            seconds = round(t1 - t0, 3)
    return Episode(
        start_turn=ep.start,
        end_turn=ep.last,
        labels=tuple(ep.labels),
        severity=severity,
        status=status,
        rupture_turns=tuple(ep.rupture_turns),
        repair_turns=tuple(ep.repair_turns),
        reconnect_turns=tuple(ep.reconnect_turns),
        initiator=ep.initiator,
        taken_up=ep.resolved,
        turns_to_repair=turns_to_repair,
        seconds_to_repair=seconds,
    )
