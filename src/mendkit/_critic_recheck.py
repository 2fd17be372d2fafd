"""The fresh check of a rewrite: what must not come back, read by the rules alone and, for a
dig, by the model too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from mendkit._critic_apology import leaves_too_much
from mendkit._critic_care import beside_limits, limits, own_past_words
from mendkit._critic_issues import VALIDATING_NEVER_RE, YOU_ALWAYS_RE, find_issues
from mendkit._critic_messages import _MESSAGES
from mendkit.analysis.pipeline import analyze_turn, analyze_with_probabilities
from mendkit.model import Conversation

if TYPE_CHECKING:
    from mendkit.models.personal import PersonalHeads


# A fresh check of a rewrite: the kinds that must not come back, whatever the draft had. A fair
# complaint ("when you left the party") may stay.
_MUST_NOT_RETURN: Final = frozenset({
    "contempt", "hostility", "criticism", "always_never", "non_apology", "sorry_but",
    "defensiveness", "minimizing", "dismissing", "condescension", "pressure", "blaming_feeling",
    "withdrawal", "rejection"})
# What a rewrite must not say though the rules may not flag it: the passive "sorry you were
# embarrassed" (clinical reference, section 5) and a brush-off ("Do what you want").
_PASSIVE_SORRY_RE: Final = re.compile(
    r"\b(?:sorry|apologi[sz]e)\s+(?:that\s+)?(?:you|u)(?:['\u2019]re|\s+(?:were|are|got|feel|felt"
    r"|took|take|thought|think))\b", re.IGNORECASE)
_BRUSH_OFF_RE: Final = re.compile(
    r"\b(?:do|say|think) (?:what|whatever) you (?:want|like)\b|\bsuit yourself\b"
    r"|\bi (?:don['\u2019]?t|do not) care\b|\bwho cares\b", re.IGNORECASE)


def _still_flagged(rewrite: str, kinds: set[str]) -> bool:
    """Whether a fresh check of ``rewrite`` (rules alone) still finds an issue of one of the
    draft's ``kinds`` other than a fair complaint, one that must go from any rewrite, words
    that blame or brush off that the rules may miss ("you never", "sorry you were"), or, for too
    much apology, a put-down or a sentence said twice."""
    if _PASSIVE_SORRY_RE.search(rewrite) or _BRUSH_OFF_RE.search(rewrite):
        return True
    if "over_apology" in kinds and leaves_too_much(rewrite):
        return True  # one put-down or repeat is not flagged afresh, but is still too much
    if any(not VALIDATING_NEVER_RE.match(rewrite, m.end())
           and not own_past_words(rewrite, m.start()) for m in YOU_ALWAYS_RE.finditer(rewrite)):
        return True
    # The rules alone on the rewrite as a message of its own: the turn that
    # ``analyze_with_probabilities(..., mode="rules")`` gives, without the language check,
    # episodes and safety summary of a whole analysis that this reads nothing of.
    turn = Conversation.from_turns([("me", rewrite)], id="check").turns[-1]
    _, _, held = find_issues(analyze_turn(turn.index, turn.speaker, turn.text, start=turn.start),
                             _MESSAGES)
    _, _, held = beside_limits([], [], held, limits(rewrite))
    again = {i.kind for i in held}
    return bool(again & _MUST_NOT_RETURN or (again & kinds) - {"complaint"})


# The kinds of a draft whose rewrite full mode also reads with the model: what is left of a dig
# may still be one, in words no rule names ("Here comes the genius. Careful everyone, he might
# explain it to us again."), round sixteen.
_CONFRONTING: Final = frozenset({"contempt", "hostility", "criticism", "always_never"})


def _model_confronts(rewrite: str, context: Sequence[str],
                     personal: PersonalHeads | None) -> bool:
    """Whether full mode reads ``rewrite``, as an answer to ``context``, as confrontation."""
    n = len(context)
    speakers = ["them" if (n - i) % 2 else "me" for i in range(n)]
    conversation = Conversation.from_turns(
        [*zip(speakers, context, strict=True), ("me", rewrite)], id="check")
    analysis, _ = analyze_with_probabilities(conversation, mode="full", personal=personal)
    return "rupture.confrontation" in analysis.turns[-1].labels
