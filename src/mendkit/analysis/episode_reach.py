"""Which episode a turn reaches besides the one it is aimed at (:mod:`mendkit.analysis.episodes`:
"Reaching back" and "Groups"): an episode gone quiet that a repair by name or in its thread wakes,
one whose opener's guessed other person a repair by name replaces, an apology by name or in a
thread for a rupture that had no label, the other episodes a "thank you both" takes up, and the
turns a thread reply answers among. "The module docstring" in the docstrings here means that of
:mod:`mendkit.analysis.episodes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Final

from mendkit.analysis.addressing import addressed, named
from mendkit.analysis.episode_state import (
    _FIRST_PERSON,
    _RESPONSIBILITY,
    QUIET_SECONDS,
    _earlier,
    _Open,
    _Read,
    _rule_subtypes,
    _seconds_between,
)
from mendkit.model import TurnAnalysis

_NAMED_REACH: Final = 60  # how many turns back an apology by name looks for its unlabelled rupture


def _context(turns: Sequence[TurnAnalysis], position: int,
             threads: Mapping[int, int]) -> Sequence[TurnAnalysis]:
    """The turns before ``position`` that the turn there answers among: all of them, or, when
    some turns reply in threads, those of its own thread (its parent and the parent's other
    replies), or for a turn in the channel itself, the channel's other turns."""
    before = turns[:position]
    if not threads:
        return before
    parent = threads.get(turns[position].index)
    if parent is None:
        return [t for t in before if t.index not in threads]
    return [t for t in before if t.index == parent or threads.get(t.index) == parent]


def _woken(dormant: Sequence[_Open], live: Sequence[_Open], turn: TurnAnalysis, read: _Read, *,
           speakers: Sequence[str], threads: Mapping[int, int],
           turns: Mapping[int, TurnAnalysis]) -> _Open | None:
    """The episode gone quiet that ``turn`` reaches back to, if any: a repair, or thanks for a
    repair, by one of its people that speaks to another of them by name ("Kofi, I'm sorry. I
    called you out in front of everyone") or replies in the thread its rupture began; None when
    an open episode already holds the speaker and that person (see the module docstring)."""
    if read.crisis or not (read.repairs or read.reconnect):
        return None
    names = addressed(turn, speakers)
    root = threads.get(turn.index)
    for ep in sorted(dormant, key=lambda e: e.last, reverse=True):
        if ep.parties is None or turn.speaker not in ep.parties:
            continue
        if not read.repairs and not ep.repair_turns:
            continue  # thanks with no repair to take up
        if _earlier(turn, turns[ep.start]):
            continue
        others = (names & ep.parties) - {turn.speaker}
        threaded = root is not None and any(
            threads.get(i, i) == root for i in (ep.start, *ep.rupture_turns))
        if not (others or threaded):
            continue
        if others and any(e.parties is not None and turn.speaker in e.parties
                          and others <= e.parties for e in live):
            return None
        return ep
    return None


def _named_by_opener(episodes: Sequence[_Open], turn: TurnAnalysis, speakers: Sequence[str],
                     turns: Mapping[int, TurnAnalysis]) -> _Open | None:
    """In a group, the episode (open, or gone quiet) whose rupture ``turn``'s speaker opened,
    aimed only at the one whose turn it answered, who has taken no part in it since ("Why am I on
    table 9? Is that a joke?" after someone else's "Looks lovely"), when ``turn`` repairs it by
    name to others ("Bea, Gus, I'm sorry. I was being a brat about a table"): those named are its
    other people now."""
    names = set(addressed(turn, speakers)) - {turn.speaker}
    for ep in sorted(episodes, key=lambda e: e.last, reverse=True):
        if (ep.opener != turn.speaker or ep.parties is None or not ep.inferred or not names
                or names & ep.parties or _earlier(turn, turns[ep.start])):
            continue
        took_part = {turns[i].speaker
                     for i in (*ep.rupture_turns, *ep.repair_turns, *ep.reconnect_turns)}
        if took_part == {turn.speaker}:
            ep.parties, ep.guessed = {turn.speaker, *names}, False
            return ep
    return None


def _owned_unlabelled(turn: TurnAnalysis, before: Sequence[TurnAnalysis], read: _Read,
                      speakers: Sequence[str], *, reach: int,
                      threads: Mapping[int, int] | None = None) -> _Open | None:
    """In a group, an episode for an apology by name to someone the speaker shares no open
    episode with ("Sam, I'm sorry I cut you off earlier"), when the rupture it owns had no
    label: from the speaker's last turn to that person (one naming them, or one they answered
    next), within ``reach`` turns; None when there is none or a rule found no apology."""
    if _rule_subtypes(turn, _RESPONSIBILITY) is None or _RESPONSIBILITY not in read.repairs:
        return None
    if not _FIRST_PERSON.search(turn.text):
        return None
    to = addressed(turn, speakers)
    if len(to) != 1:
        return None
    (person,) = to
    parent = (threads or {}).get(turn.index)
    for k in range(len(before) - 1, max(len(before) - 1 - _NAMED_REACH, -1), -1):
        earlier = before[k]
        if earlier.speaker != turn.speaker:
            continue
        if _seconds_between(earlier, turn) > QUIET_SECONDS:
            break
        answered = next((t for t in before[k + 1:] if t.speaker != turn.speaker), None)
        if earlier.index == parent or person in named(earlier, speakers) or (
                len(before) - k <= reach and answered is not None
                and answered.speaker == person):
            return _Open(start=earlier.index, last=earlier.index, opener=turn.speaker,
                         parties={turn.speaker, person})
    return None


def _in_own_thread(turn: TurnAnalysis, before: Sequence[TurnAnalysis], read: _Read, *,
                   speakers: Sequence[str], live: Sequence[_Open],
                   threads: Mapping[int, int]) -> _Open | None:
    """In a group, an episode for an apology by name that replies in the thread of the speaker's
    own message ("@Kofi I'm sorry. I called you out in front of the whole channel" under "@Kofi
    did you run the migration without the dry run again?"), when that message had no label and
    no open episode holds a rupture in the thread: from that message (``_owned_unlabelled``)."""
    parent = threads.get(turn.index)
    if parent is None or read.ruptures or read.crisis or not read.repairs:
        return None
    root = next((t for t in before if t.index == parent), None)
    if root is None or root.speaker != turn.speaker:
        return None
    if any(threads.get(i, i) == parent for ep in live for i in ep.rupture_turns):
        return None  # its rupture is in an open episode: the routing finds it
    return _owned_unlabelled(turn, before, read, speakers, reach=0, threads=threads)


def _answered_repairs(live: Sequence[_Open], current: _Open | None, turn: TurnAnalysis,
                      read: _Read, *, before: Sequence[TurnAnalysis],
                      turns: Mapping[int, TurnAnalysis], named: bool) -> list[_Open]:
    """Besides ``current``, the open episodes whose repair ``turn``'s thanks also takes up when it
    names no one: those of the speaker's where another of its people repaired since the speaker
    last spoke ("That's really kind of you both" after two apologies)."""
    if not read.reconnect or named:
        return []
    since = next((t.index for t in reversed(before) if t.speaker == turn.speaker), -1)
    return [ep for ep in live if ep is not current and ep.parties is not None
            and turn.speaker in ep.parties and ep.repair_turns
            and ep.repair_turns[-1] > since and turns[ep.repair_turns[-1]].speaker != turn.speaker]
