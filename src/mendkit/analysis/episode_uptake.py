"""Uptake (see :mod:`mendkit.analysis.episodes`: "Uptake" and "Late uptake"): whether a turn's
reconnect label can take a repair up, thanks followed only by a complaint, and the repairer's own
thanks for the other's answer to the repair. "The module docstring" in the docstrings here means
that of :mod:`mendkit.analysis.episodes`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mendkit.analysis.episode_state import (
    _CONFRONTATION,
    _MODEL_SOURCE,
    _SHUTDOWN_SUBTYPES,
    _WITHDRAWAL,
    _in_parties,
    _Open,
    _Read,
    _rule_subtypes,
)
from mendkit.labels import RECONNECT, is_rupture
from mendkit.model import TurnAnalysis

# Reconnect evidence that takes a repair up in so many words ("I forgive you", "thank you for
# saying that", "love you"), as against thanks that may be routine or sarcastic.
_EXPLICIT_RECONNECT = frozenset({"acceptance", "warmth"})


def _thanks_for_reply(ep: _Open, turn: TurnAnalysis, read: _Read,
                      turns: Mapping[int, TurnAnalysis]) -> bool:
    """Whether ``turn``, by the one who last repaired ``ep``, thanks the other for their answer to
    the repair ("Thanks for letting me ring him. I really appreciate it." after "He's much happier
    after talking to you. Tomorrow 10am is fine."): the turn it answers is another party's, after
    the repair, with no rupture in it."""
    if read.answers is None or read.answers <= ep.repair_turns[-1]:
        return False
    reply = turns[read.answers]
    return (reply.speaker != turn.speaker and _in_parties(ep, reply.speaker)
            and not any(is_rupture(label) for label in reply.labels))


def _takes_up(turn: TurnAnalysis, found: Sequence[str]) -> bool:
    """Whether ``turn``'s reconnect label can take a repair up (see the module docstring)."""
    if not found:
        return True
    if _CONFRONTATION in found:  # "I forgive you, but you always do this"
        return False
    if (_rule_subtypes(turn, _WITHDRAWAL) or set()) & _SHUTDOWN_SUBTYPES:
        return False
    # "It's fine, honestly. Forget it.": acceptance a rule read in the very words another rule
    # reads as a denial accepts nothing.
    denials = [(e.start, e.end) for e in turn.evidence if e.label == _WITHDRAWAL
               and e.subtype == "denial" and not e.source.startswith(_MODEL_SOURCE)]
    return any(e.label == RECONNECT and e.subtype in _EXPLICIT_RECONNECT
               and not e.source.startswith(_MODEL_SOURCE)
               and not any(e.start < end and start < e.end for start, end in denials)
               for e in turn.evidence)


def _thanks_then_complaint(turn: TurnAnalysis, found: Sequence[str]) -> bool:
    """Whether a rule found thanks or acceptance in ``turn`` and, after it, only a complaint
    ("Thank you. It's the second time this year."), no criticism, contempt or shutdown."""
    if found != [_CONFRONTATION] or _rule_subtypes(turn, _CONFRONTATION) != {"complaint"}:
        return False
    rule_ev = [e for e in turn.evidence if not e.source.startswith(_MODEL_SOURCE)]
    thanks = [e.start for e in rule_ev if e.label == RECONNECT]
    complaints = [e.start for e in rule_ev if e.label == _CONFRONTATION]
    return bool(thanks) and min(thanks) < min(complaints)
