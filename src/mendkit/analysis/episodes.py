"""Rupture episodes: a rupture, the ruptures that follow it, repair attempts and reconnection.

A pure function of the per-turn analyses. An episode opens at a rupture turn. Later ruptures join it;
a repair attempt (any ``repair.*`` label) makes it ``attempted`` and names the initiator; a
``reconnect`` turn by someone other than the repairer after that makes it ``resolved``. A rupture
after resolution opens a new episode; an episode with no activity for ``quiet_turns`` turns closes.

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
        repairs = [x for x in turn.labels if is_repair(x)]
        reconnect = RECONNECT in turn.labels
        if current is not None and turn.index - current.last > quiet_turns:
            done.append(_close(current, by_index))
            current = None
        if ruptures and (current is None or (current.resolved and not repairs)):
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
