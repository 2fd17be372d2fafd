"""Apologies that own no act of the speaker's, as the episodes read them (round 15).

After being blamed for raising a hurt ("That never happened. You're remembering it wrong"), a
person may apologise for the other's feeling ("I'm sorry. I didn't mean to make you feel
attacked.") or blame themselves ("Maybe. I'm sorry. I don't know what's wrong with me."). Mend
cannot know the backstory, but such an apology owns nothing the speaker did: it gives way. An
apology that names an act ("I'm sorry I shouted", "I shouldn't have gone through your phone") is
not read here.
"""

from __future__ import annotations

import re
from typing import Final

# Sorry for the other's feeling, not for an act: "I didn't mean to make you feel attacked",
# "sorry you're upset", "sorry if I upset you".
_FOR_THEIR_FEELING: Final = re.compile(
    r"\b(?:make|made|making) (?:you|u) (?:feel|upset|angry|mad|cross)\b|"
    r"\b(?:sorry|apologi[sz]e)\b[^.?!]{0,20}?\b(?:that |if )?(?:you|u)(?:'re| are| were| r| feel|"
    r" felt| got)\b|\bsorry (?:if|that) i upset (?:you|u)\b",
    re.IGNORECASE)
# Blaming oneself as a person, not an act: "I don't know what's wrong with me", "I'm so stupid",
# "I always ruin everything", "I'm overreacting".
_SELF_BLAME: Final = re.compile(
    r"\bwhat(?:'s| is) wrong with me\b|\bi(?:'m| am|m) (?:so |such an? |just )*(?:stupid|useless|"
    r"an idiot|crazy|paranoid|pathetic|hopeless|a mess|too sensitive|overreacting|over-reacting)\b|"
    r"\bi (?:always )?(?:ruin|mess up|spoil) everything\b|\bi(?:'m| am|m) (?:always )?"
    r"(?:imagining|making) (?:things|it) up\b|\bi overreacted\b",
    re.IGNORECASE)
# A bare apology: the span the rule read is "sorry" and nothing it owns.
_BARE: Final = re.compile(
    r"^\W*(?:i'?m |i am |im )?(?:so |really |very |truly )*(?:sorry|sry|soz)\W*$", re.IGNORECASE)


def owns_no_act(text: str, apology_spans: list[str]) -> bool:
    """Whether an apology in ``text`` (the spans a rule read as an apology: ``apology_spans``)
    owns no act of the speaker's: it is for the other's feeling, blames the speaker as a person,
    or is a bare "I'm sorry."."""
    if _FOR_THEIR_FEELING.search(text) or _SELF_BLAME.search(text):
        return True
    return bool(apology_spans) and all(_BARE.match(span) for span in apology_spans)
