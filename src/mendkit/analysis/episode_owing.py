"""Who must repair (see :mod:`mendkit.analysis.episodes`, "Who must repair" and "Giving way is not
the blamer's repair"): what a turn does in answer to the turns before it (whose concern or repair
it dismisses or meets with contempt, whether its repair owns its part), who raises a concern, and
who owes a repair before their uptake resolves an episode. "The module docstring" in the
docstrings here means that of :mod:`mendkit.analysis.episodes`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mendkit.analysis.episode_state import (
    _ANSWER_REACH,
    _CONFRONTATION,
    _FEELING,
    _HARMFUL_SUBTYPES,
    _INVALIDATION,
    _RESPONSIBILITY,
    _WITHDRAWAL,
    _in_parties,
    _Open,
    _owns_after_rupture,
    _Read,
    _rule_subtypes,
)
from mendkit.model import TurnAnalysis

# Dismissals of the other's feeling (not a defence of what one did).
_DISMISSING_SUBTYPES = frozenset({"minimizing", "dismissing", "condescension", "non_apology"})
_NEEDS = frozenset({"request", "boundary"})  # requests that raise a concern, unlike promises
_REPAIRING_LABELS = frozenset({_RESPONSIBILITY, "repair.validate"})  # a turn that raises none
_OWNING_LABELS = frozenset({_RESPONSIBILITY, "repair.validate", "repair.acknowledge"})

# Giving in to the other after contempt for one's repair: the fawning the cycle of abuse runs on.
_GIVING_IN_SUBTYPES = frozenset({"appeasing", "giving_up", "minimal_response"})


def _in_answer(turns: Sequence[TurnAnalysis], reads: Sequence[_Read]) -> list[_Read]:
    """``reads`` with what each turn does in answer to the turns before it (see the module
    docstring): whose repair or raised concern it meets with contempt, hostility or a dismissal,
    whether its repair owns or acknowledges, and no repair in a disclosed feeling right after
    the speaker's own crisis talk ("I'm not okay fam" after "I've been thinking about ending it")."""
    out: list[_Read] = []
    distressed: set[str] = set()  # speakers whose last turn was crisis talk, or distress after it
    for position, (turn, plain) in enumerate(zip(turns, reads, strict=True)):
        read = plain
        if read.crisis:
            distressed.add(turn.speaker)
        elif turn.speaker in distressed and read.repairs == [_FEELING]:
            read = replace(read, repairs=[])
        else:
            distressed.discard(turn.speaker)
        harms = bool((_rule_subtypes(turn, _CONFRONTATION) or set()) & _HARMFUL_SUBTYPES)
        dismisses = bool((_rule_subtypes(turn, _INVALIDATION) or set()) & _DISMISSING_SUBTYPES)
        dismissed = _answered(position, turns, reads, repairs=False) if dismisses else None
        scorned = _answered(position, turns, reads, repairs=True) if harms else None
        owns = bool(set(read.repairs) & _OWNING_LABELS) and (
            not (harms or dismisses) or _owns_after_rupture(turn))
        answers = next((t.index for t in reversed(turns[:position])
                        if t.speaker != turn.speaker), None)
        out.append(replace(
            read, answers=answers, against=read.danger or _against(turn, read),
            dismisses=dismissed,
            scorns=scorned, owns=owns,
            gives_in=bool((_rule_subtypes(turn, _WITHDRAWAL) or set()) & _GIVING_IN_SUBTYPES)))
    return out


def _answered(position: int, turns: Sequence[TurnAnalysis], reads: Sequence[_Read], *,
              repairs: bool) -> str | None:
    """Whose raised concern (or, with ``repairs``, repair) the turn at ``position`` answers: the
    speaker of the turn before it by someone else (past at most ``_ANSWER_REACH`` of its own), when
    one of their last ``_ANSWER_REACH`` turns before it raises a concern or repairs. A concern here
    is a complaint too, unless ``repairs``: contempt in answer to a complaint is a quarrel's
    escalation, not an attack on a raised hurt."""
    speaker, last = turns[position].speaker, position
    while last and turns[last - 1].speaker == speaker:  # the speaker's own lines before it
        last -= 1
        if position - last > _ANSWER_REACH:
            return None
    other = turns[last - 1].speaker if last else None
    for k in range(last - 1, max(last - 1 - _ANSWER_REACH, -1), -1):
        if turns[k].speaker != other:
            break
        if (_raises_concern(turns[k], complaints=not repairs)
                or (repairs and reads[k].repairs and not reads[k].crisis)):
            return other
    return None


def _against(turn: TurnAnalysis, read: _Read) -> bool:
    """Whether ``turn`` moves against the other beyond a complaint a rule found (criticism,
    contempt, hostility, pressure, rejection, an invalidation; the model's too)."""
    if _INVALIDATION in read.ruptures:
        return True
    return _CONFRONTATION in read.ruptures and (
        bool((_rule_subtypes(turn, _CONFRONTATION) or {None}) - {"complaint"}))


def _raises_concern(turn: TurnAnalysis, *, complaints: bool) -> bool:
    """Whether ``turn`` raises a concern: a disclosed hurt, a need, a limit (or, with
    ``complaints``, a complaint), in a turn that does not repair ("It's fine, these things
    happen" after "I'm sorry I talked over you, I feel awful" is no dismissal of a concern). A
    need is a request a rule found, not a promise ("I will correct it"). Without ``complaints``, a
    turn where a rule found a move against the other raises none: contempt in answer to a
    complaint is a quarrel's escalation, not a one-sided attack on a raised hurt."""
    if _REPAIRING_LABELS & set(turn.labels) or "commitment" in turn.subtypes("repair.request"):
        return False
    if not complaints and _rule_subtypes(turn, _CONFRONTATION) is not None:
        return False
    return (_FEELING in turn.labels or bool(set(turn.subtypes("repair.request")) & _NEEDS)
            or "complaint" in (_rule_subtypes(turn, _CONFRONTATION) or set()))


def _owes(ep: _Open, speaker: str, read: _Read) -> None:
    """Who must repair before their uptake resolves ``ep``, after ``speaker``'s rupture turn: one
    who dismissed a concern raised by someone who had not moved against them (beyond a
    complaint), or met their repair or concern with contempt or hostility and saw them give in."""
    if read.dismisses is not None and read.dismisses not in ep.against and _in_parties(
            ep, read.dismisses):
        ep.owing.add(speaker)
    if read.scorns is not None and read.scorns not in ep.against and _in_parties(
            ep, read.scorns):
        ep.scorned.setdefault(read.scorns, set()).add(speaker)
    if read.gives_in:
        ep.owing.update(ep.scorned.pop(speaker, set()))
    if read.against:
        ep.against.add(speaker)
    if read.attacks:
        ep.attacked.add(speaker)
    if read.blames:
        for hurt in ep.hurt - ep.attacked - {speaker}:
            if _in_parties(ep, hurt):
                ep.blamed.setdefault(hurt, set()).add(speaker)
