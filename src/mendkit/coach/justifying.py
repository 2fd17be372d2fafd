"""Answers that justify what the person did or deny it was wrong ("but I was just protecting our
marriage", "I didn't do anything wrong", "she overreacted").

The composer adds "I understand why you were upset." to a repair draft whose answers say nothing
of the other's side: that sentence speaks for the person. After a justification or a denial it
would make a defensive message sound validating, so the draft asks to hear their side instead
(``composer.compose``; the coach says it added that sentence, as it does for any other).
Deterministic patterns, no model.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["justifies"]

_I: Final = re.IGNORECASE
_JUSTIFYING: Final = (
    # "..., but I was just protecting our marriage", "but I only did it because I care"
    re.compile(r"\bbut\s+(?:I\s+(?:was|am|'m)\s+(?:just|only|simply|merely)|I\s+(?:just|only)"
               r"\s+(?:wanted|meant|did\s+it|said\s+it|tried)|I\s+(?:had|needed)\s+to\b"
               r"|I\s+did\s+it\s+(?:for|because)|it\s+was\s+(?:for\s+(?:her|his|their|your|our)"
               r"|because\s+I\s+(?:care|love))|(?:she|he|they|you)\s+(?:started|asked\s+for|deserved)"
               r"|I\s+(?:was|am)\s+right)\b", _I),
    re.compile(r"\bI\s+was\s+(?:just|only)\s+(?:protecting|looking\s+out|trying\s+to\s+(?:protect"
               r"|keep|look\s+after))\b", _I),
    # Denial: "I didn't do anything wrong", "it wasn't my fault", "I have nothing to apologise for"
    re.compile(r"\bI\s+(?:didn'?t|did\s+not|haven'?t|have\s+not)\s+(?:do(?:ne)?|say|said)\s+"
               r"(?:anything|nothing)\s+wrong\b", _I),
    re.compile(r"\b(?:it\s+)?(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:really\s+)?my\s+fault\b", _I),
    re.compile(r"\bnothing\s+to\s+(?:apologi[sz]e|be\s+sorry)\s+for\b", _I),
    re.compile(r"\b(?:she|he|they|you)\s+(?:over-?reacted|(?:is|are|was|were)\s+(?:being\s+)?"
               r"(?:dramatic|over-?sensitive|too\s+sensitive|hysterical))\b", _I),
    re.compile(r"\bI\s+had\s+no\s+(?:choice|other\s+option)\b", _I),
)


def justifies(*answers: str) -> bool:
    """Whether any of ``answers`` justifies what the person did or denies it was wrong.

    >>> justifies("she felt like I was controlling her, but I was just protecting our marriage")
    True
    >>> justifies("I raised my voice and I'm sorry. It wasn't fair to you.")
    False
    >>> justifies("I didn't do anything wrong")
    True
    """
    return any(p.search(text.replace("\u2019", "'")) for text in answers if text
               for p in _JUSTIFYING)
