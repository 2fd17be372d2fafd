"""What someone keeps from the person: medication, a mobility aid, food or care, held back.

A carer or partner who hides a walker, locks away insulin, or will not bring a wheelchair until
the person apologises is controlling them through what they need to live and move: danger from
them, never a rupture to repair by saying sorry (round 19, tester t3: "Tom wouldn't bring my
wheelchair in from the car until I apologised to his mum, and he keeps my pain meds until I'm
grateful enough"). The crisis rules find the plainest forms in any message
(``crisis/care-withheld-*``); in an answer to the coach about the person a repair is for, hiding,
withholding, locking away or keeping back is enough on its own, and not giving or bringing it is
when it waits on the person giving in or comes as punishment. Kept for safety is not this ("she
locks my tablets away so I don't take too many", "the nurse keeps my insulin in the fridge").
Deterministic patterns, no model.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["withholds_care"]

# What a person may need from someone else to live, move, hear, see or eat.
_NEED: Final = (
    r"(?:(?:\w+ )?(?:meds|medication|medicine|tablets|pills|painkillers|pain relief|insulin"
    r"|inhaler|injections?|morphine|patches|oxygen)|(?:electric )?(?:wheel ?chair|chair|walker"
    r"|walking frame|zimmer|crutches|walking stick|stick|cane|scooter|hoist|hearing aids?|glasses"
    r"|catheter)|food|meals?|water)")
# Hidden, withheld, locked away, taken away or kept back: enough on its own.
_HIDDEN: Final = re.compile(
    r"(?<!\bi )(?<!\bwe )\b(?:hides|hid|hiding|hidden|withholds|withheld|withholding|confiscat\w*"
    r"|(?:locks?|locked|locking|takes?|took|taking|puts?|putting) (?:away|up)"
    rf"|(?:keeps?|kept|keeping|holds?|held|holding) back) (?:the batteries out of )?my {_NEED}\b"
    rf"|(?<!\bi )(?<!\bwe )\b(?:keeps?|kept|keeping|takes?|took|taking|locks?|locked) my {_NEED}"
    r"\b[^.?!]{0,30}?\b(?:away )?from me\b"
    rf"|(?<!\bi )(?<!\bwe )\b(?:locks?|locked|locking|takes?|took|taking) my {_NEED} away\b",
    re.IGNORECASE)
# Not given, brought or let have, or kept, until the person gives in, or as punishment.
_ON_TERMS: Final = re.compile(
    r"(?<!\bi )(?<!\bwe )\b(?:won'?t|wouldn'?t|will not|would not|refuses? to|refused to"
    r"|doesn'?t|didn'?t|never|keeps?|kept|keeping|takes?|took|taking) (?:let me (?:have|use|take)"
    r" |give me |bring (?:me )?|hand me |pass me |get me |fetch (?:me )?|charge |return )?"
    rf"(?:back )?(?:my|me my|me (?:any|some)) {_NEED}\b[^.?!]{{0,50}}?\b(?:(?:until|till|til"
    r"|unless) (?:i|i'?ve|i'?m|ive|im)\b|(?:when|once|if) i (?:start|learn|say sorry|apologi[sz]\w*"
    r"|beg|behave|do what|am grateful|'m grateful|earn)|to (?:punish|teach) me\b|as (?:a )?"
    r"punishment\b|so (?:that )?i (?:can'?t|couldn'?t|cannot) (?:leave|go|get|move|escape|call))",
    re.IGNORECASE)
# Kept for safety, or by those who prescribe and give it: not this.
_FOR_SAFETY: Final = re.compile(
    r"\b(?:so (?:that )?i (?:don'?t|won'?t|can'?t) (?:take too many|overdose|od|double)"
    r"|for my (?:own )?safety|(?:to )?keep me safe|out of reach|dosette|blister|pharmac\w*"
    r"|chemist|gp|doctor|nurse|hospital|ward|consultant|fridge|dog|cat|toddler|kids?)\b",
    re.IGNORECASE)


def withholds_care(text: str) -> bool:
    """Whether ``text``, an answer about the other person, says they keep from the writer
    medication, a mobility aid or food: hidden, withheld, locked away, or not given until the
    writer gives in.

    >>> withholds_care("She hides my walker when she's cross.")
    True
    >>> withholds_care("Tom wouldn't bring my wheelchair in from the car until I apologised.")
    True
    >>> withholds_care("She locks my tablets away so I don't take too many.")
    False
    >>> withholds_care("I hid my pills from the dog.")
    False
    >>> withholds_care("He wouldn't bring my coffee until I was dressed.")
    False
    """
    said = text.replace("\u2019", "'")
    if _FOR_SAFETY.search(said):
        return False
    return bool(_HIDDEN.search(said) or _ON_TERMS.search(said))
