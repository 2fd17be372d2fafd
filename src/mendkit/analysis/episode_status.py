"""An episode's status and severity (see :mod:`mendkit.analysis.episodes`, "Severity"): an open
episode closed into the :class:`~mendkit.model.Episode` the analysis reports. "The module
docstring" in the docstrings here means that of :mod:`mendkit.analysis.episodes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mendkit.analysis.episode_state import _HARMFUL_SUBTYPES, _SHUTDOWN_SUBTYPES, _Open
from mendkit.model import Episode, EpisodeStatus, Severity, TurnAnalysis


def _severity(ep: _Open, status: EpisodeStatus) -> Severity:
    """``major`` or ``minor`` (see the module docstring)."""
    rule_subtypes = ep.subtypes
    major = (ep.crisis or bool(rule_subtypes & _HARMFUL_SUBTYPES)
             or (status == "unresolved" and bool(rule_subtypes & _SHUTDOWN_SUBTYPES))
             or len(ep.rupture_turns) >= 4
             or (status == "unresolved" and len(ep.rupture_turns) >= 3))
    return "major" if major else "minor"


def _between(ep: _Open, turns: Mapping[int, TurnAnalysis],
             speakers: Sequence[str]) -> tuple[str, ...]:
    """Who the episode is between: its opener, then those of its people who took part in it (a
    rupture, repair or uptake), in order; while only one has, also the people its rupture was
    aimed at (in a group, the pair at odds; with two speakers, the other one)."""
    took_part = [turns[i].speaker
                 for i in sorted({*ep.rupture_turns, *ep.repair_turns, *ep.reconnect_turns})]
    out = list(dict.fromkeys([ep.opener, *(s for s in took_part
                                           if ep.parties is None or s in ep.parties)]))
    if len(out) < 2:
        aimed = ep.parties if ep.parties is not None else (
            set(speakers) if len(speakers) == 2 else set())
        out.extend(sorted(set(aimed) - set(out)))
    return tuple(out)


def _counted_repair(ep: _Open, turns: Mapping[int, TurnAnalysis]) -> int | None:
    """The repair turn the episode's initiator and time to repair are read from (see the module
    docstring, "The repair that counts"): the first repair by someone who had moved against the
    other beyond a complaint, or the first the other party took up; failing both, the first."""
    for repair in ep.repair_turns:
        if repair in ep.by_movers or _taken_up(ep, repair, turns):
            return repair
    return ep.repair_turns[0] if ep.repair_turns else None


def _taken_up(ep: _Open, repair: int, turns: Mapping[int, TurnAnalysis]) -> bool:
    """Whether the first reconnect after ``repair`` by someone else takes it up: its speaker made
    no rupture between the two (Sam's "whatever" after Jordan's "I felt alone" answers it)."""
    repairer = turns[repair].speaker
    for later in ep.reconnect_turns:
        if later > repair and turns[later].speaker != repairer:
            taker = turns[later].speaker
            return not any(repair < k < later and turns[k].speaker == taker
                           for k in ep.rupture_turns)
    return False


def _close(ep: _Open, turns: Mapping[int, TurnAnalysis],
           speakers: Sequence[str] = ()) -> Episode:
    status: EpisodeStatus = (
        "resolved" if ep.resolved else "attempted" if ep.repair_turns else "unresolved"
    )
    turns_to_repair: int | None = None
    seconds: float | None = None
    first = _counted_repair(ep, turns)
    if first is not None:
        turns_to_repair = first - ep.start
        t0, t1 = turns[ep.start].start, turns[first].start
        if t0 is not None and t1 is not None:
            seconds = round(t1 - t0, 3)
    return Episode(
        start_turn=ep.start,
        end_turn=ep.last,
        labels=tuple(ep.labels),
        severity=_severity(ep, status),
        status=status,
        rupture_turns=tuple(ep.rupture_turns),
        repair_turns=tuple(ep.repair_turns),
        reconnect_turns=tuple(ep.reconnect_turns),
        initiator=turns[first].speaker if first is not None else ep.initiator,
        taken_up=ep.resolved,
        turns_to_repair=turns_to_repair,
        seconds_to_repair=seconds,
        between=_between(ep, turns, speakers),
    )
