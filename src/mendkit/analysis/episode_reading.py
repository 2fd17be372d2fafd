"""What one turn brings to an episode (:mod:`mendkit.analysis.episodes`): its ruptures, the repairs
that count as a repair attempt, its uptake, a crisis sign (or distress going on after one), a
limit on contact, and a bystander's soft aside. "The module docstring" in the docstrings here
means that of :mod:`mendkit.analysis.episodes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from mendkit.analysis.appeasement import owns_no_act
from mendkit.analysis.episode_owing import _raises_concern
from mendkit.analysis.episode_state import (
    _CONFRONTATION,
    _CONTEXT_WITHDRAWAL,
    _INVALIDATION,
    _MODEL_SOURCE,
    _RESPONSIBILITY,
    _WITHDRAWAL,
    _Read,
    _rule_subtypes,
)
from mendkit.analysis.episode_uptake import _takes_up, _thanks_then_complaint
from mendkit.analysis.limits import keeps_away, limits_conduct, names_return, return_spans
from mendkit.analysis.safety import assess, from_context
from mendkit.labels import CRISIS, RECONNECT, is_repair, is_rupture
from mendkit.model import TurnAnalysis

# Crisis kinds that are danger between people, and so a rupture of their own.
_DANGER_KINDS: Final = frozenset({"abuse_danger", "harm_to_others"})


def _soft(turn: TurnAnalysis, read: _Read) -> bool:
    """Whether ``turn``'s only rupture is a withdrawal a bystander's aside often carries: one
    read from context ("ok", "lol", a change of topic) or one only the model gave."""
    if read.crisis or read.ruptures != [_WITHDRAWAL]:
        return False
    return (turn.model_only(_WITHDRAWAL)
            or (_rule_subtypes(turn, _WITHDRAWAL) or set()) <= _CONTEXT_WITHDRAWAL)


def _unsure(turn: TurnAnalysis, read: _Read) -> bool:
    """Whether only the model read ``turn``'s ruptures, and it repairs nothing: too unsure to
    open a bystander's own episode ("someone pick something from this decade pls" beside two
    others' quarrel)."""
    return (not read.crisis and bool(read.ruptures) and not read.repairs
            and all(turn.model_only(label) for label in read.ruptures))


# The words of a reaction to what others said ("lol ok", "haha ok", "lol", "noted", "wow"): a
# bystander's such line, or an emoji alone ("👍", "👀"), answers the room, not a person.
_REACTION_WORDS: Final = re.compile(
    r"(?:l+o+l+|lmf?a+o+|ha(?:ha)+h?|he(?:he)+|hah|ok+|okay|k+|kk|sure|fine|wow|rip|oof|yikes|"
    r"awkward|noted|right|yep|yeah|ya|nice|cool|omg|welp|h+m+|ah|oh|mhm|aw+|ugh|same|fair|ty|"
    r"thx|y|n|no|yes)", re.IGNORECASE)
_MOST_REACTION_WORDS: Final = 3


def _reaction(turn: TurnAnalysis, read: _Read) -> bool:
    """Whether ``turn`` is only a reaction (``_REACTION_WORDS``, or emoji and marks alone) with a
    rupture label and no repair, crisis or uptake: "lol ok", "haha ok", "👍"."""
    if read.crisis or not read.ruptures or read.repairs or read.reconnect:
        return False
    words = re.findall(r"[^\W_]+(?:'[^\W_]+)?", turn.text)
    return len(words) <= _MOST_REACTION_WORDS and all(
        _REACTION_WORDS.fullmatch(word) for word in words)


def _going_on(turns: Sequence[TurnAnalysis]) -> frozenset[int]:
    """The turns no crisis rule read that ``safety`` counts as going on with a crisis sign just
    before them ("no I mean it. it's been like that for weeks.")."""
    return frozenset(assess(turns).turns) - {t.index for t in turns
                                             if CRISIS in t.labels and not from_context(t)}


def _read(turn: TurnAnalysis, *, going_on: bool = False) -> _Read:
    """What ``turn`` brings; ``going_on``: it goes on with a crisis sign (``_going_on``)."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.source.startswith("rule:")]
    crisis = (CRISIS in turn.labels and bool(signs)) or going_on
    # The person telling of a crisis is not moving against the one they tell: a rupture only
    # the model gave such a turn does not count (a rule's does).
    ruptures = [x for x in turn.labels
                if is_rupture(x) and not (crisis and turn.model_only(x))]
    found = _rule_found_ruptures(turn, ruptures)
    repairs = [x for x in turn.labels if is_repair(x)] if _attempts_repair(turn, found) else []
    limit = bool(repairs) and _limits(turn, repairs)
    pause = bool(repairs) and not limit and _boundary(turn, repairs)
    reconnect = RECONNECT in turn.labels and _takes_up(turn, found)
    moves = {label: (_rule_subtypes(turn, label) or set()) - {"complaint", "defensiveness"}
             for label in (_CONFRONTATION, _INVALIDATION)}
    blames = any(moves.values())
    apologies = [e for e in turn.evidence if e.label == _RESPONSIBILITY
                 and not e.source.startswith(_MODEL_SOURCE)]
    return _Read(ruptures, [] if limit else repairs, reconnect, crisis,
                 crisis and any(e.subtype in _DANGER_KINDS for e in signs),
                 thanks_then_complaint=(RECONNECT in turn.labels and not reconnect
                                        and _thanks_then_complaint(turn, found)),
                 limit=limit, pause=pause, hurts=_raises_concern(turn, complaints=False),
                 blames=blames,
                 attacks=blames or any(turn.model_only(label) for label in ruptures
                                       if label in moves),
                 gives_way=bool(apologies) and all(e.subtype == "apology" for e in apologies)
                 and owns_no_act(turn.text, [e.text for e in apologies]))


def _limits(turn: TurnAnalysis, repairs: Sequence[str]) -> bool:
    """Whether ``turn``'s only repair label is a limit on contact with no return named (see
    ``limits``): a rule's boundary, or a request only the model read whose words keep contact
    away ("I'm asking you to stop calling.")."""
    if list(repairs) != ["repair.request"]:
        return False
    found = _rule_subtypes(turn, "repair.request")
    if found is None:
        return keeps_away(turn.text)
    return found == {"boundary"} and not names_return(turn.text)


def _boundary(turn: TurnAnalysis, repairs: Sequence[str]) -> bool:
    """Whether ``turn``'s only repair label is a boundary on how the other treats the speaker
    (``limits.limits_conduct``): a rule's boundary (its return, "I'll come back in an hour", may
    also read as a commitment), or a request only the model read."""
    if list(repairs) != ["repair.request"] or not limits_conduct(turn.text):
        return False
    found = _rule_subtypes(turn, "repair.request")
    if found is None:
        return True
    returns = return_spans(turn.text)
    promises = [e for e in turn.evidence if e.label == "repair.request"
                and e.subtype == "commitment" and not e.source.startswith(_MODEL_SOURCE)]
    return "boundary" in found and found <= {"boundary", "commitment"} and all(
        any(e.start < end and start < e.end for start, end in returns) for e in promises)


def _rule_found_ruptures(turn: TurnAnalysis, ruptures: Sequence[str]) -> list[str]:
    """The rupture labels among ``ruptures`` that a rule found on ``turn`` (not the model alone)."""
    return [label for label in ruptures if _rule_subtypes(turn, label) is not None]


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
