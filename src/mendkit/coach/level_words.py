"""A feeling word given at the level question ("embarrassed", "fuming"): an answer, not a
mistake. The first time, the coach thanks them and asks once how strong it is; the second time
it takes the word and goes on (round 19: "embarrassed" was met with the same explanation again
and again).
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.replies import flooded, numb, without_number

# A session setting: where the strength of a feeling word was asked (``driver._here``).
ASKED_AT: Final = "level_feeling_asked_at"
_MOST_WORDS: Final = 6
_FEELING: Final = re.compile(
    r"\b(?:embarrass\w*|ashamed|shame\w*|guilty|guilt|humiliat\w*|mortified|awkward|angry"
    r"|anger|mad|furious|fuming|livid|raging|annoyed|irritated|frustrated|upset|hurt|sad"
    r"|sadness|down|low|miserable|heartbroken|devastated|gutted|grief|grieving|lonely|alone"
    r"|scared|afraid|frightened|terrified|anxious|anxiety|nervous|worried|panick\w*|stressed"
    r"|overwhelmed|jealous|resentful|bitter|hopeless|helpless|confused|lost|empty|exhausted"
    r"|tired|drained|defeated|disappointed|betrayed|rejected|unwanted|insecure|embarassed"
    r"|calm|ok|okay|fine|better|relieved|meh)\b", re.IGNORECASE)


def feeling_only(raw: str) -> str:
    """The feeling word ``raw`` answers the level question with, when it is only that (no number,
    nothing of the body, no question), else ``""``.

    >>> feeling_only("embarrassed"), feeling_only("6, embarrassed"), feeling_only("my chest")
    ('embarrassed', '', '')
    """
    text = raw.strip()
    if (not text or re.search(r"\d", text) or text.endswith("?")
            or len(text.split()) > _MOST_WORDS or without_number(text) or numb(text)
            or flooded(text)):
        return ""
    found = _FEELING.search(text)
    return found.group().lower() if found else ""


def ask_strength(word: str) -> str:
    """Said to a feeling word the first time: thanks, and the strength asked once."""
    return (f'Thank you: "{word}" tells me how it feels. How strong is it right now, from 0 '
            "(hardly there) to 10 (so strong it is hard to think)? If a number doesn't fit, "
            "that's fine: answer with the word again, or say what you notice in your body, and "
            "we'll go on.")
