"""Where a rule's evidence lies in a turn: whole words (never half of one), without whitespace at
its edges, and whole graphemes (an emoji with a skin tone is one picture). Part of the rules layer
(:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_APOSTROPHES: Final = "'\u2019"


def _splits_a_word(text: str, at: int) -> bool:
    """Whether a span boundary at ``at`` falls inside a word ("wasn't" counts as one word)."""
    if not 0 < at < len(text):
        return False
    before, after = text[at - 1], text[at]
    if before.isalnum() and after.isalnum():
        return True
    if before.isalnum() and after in _APOSTROPHES:
        return at + 1 < len(text) and text[at + 1].isalnum()
    return before in _APOSTROPHES and after.isalnum() and at >= 2 and text[at - 2].isalnum()


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` so that it neither starts nor ends inside a word: widened to the whole
    word, except a last word the span holds one character of (a pattern that checks what comes
    next by consuming it: "Nothing. W"), which is left out."""
    while _splits_a_word(text, start):
        start -= 1
    if _splits_a_word(text, end):
        word = end - 1
        while _splits_a_word(text, word):
            word -= 1
        if end - word == 1 and word > start:
            end = word
            while end > start and text[end - 1].isspace():
                end -= 1
        else:
            while _splits_a_word(text, end):
                end += 1
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the whitespace at its edges (unless that is all it holds)."""
    if start >= end or text[start:end].isspace():
        return start, end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


# What joins the character before it into one picture or letter: combining marks, the
# zero-width joiner, variation selectors, skin tones, emoji tags and the keycap.
_EXTENDS: Final = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903"
    "\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f"
    "\ufe20-\ufe2f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
_REGIONAL: Final = range(0x1F1E6, 0x1F200)  # two of these make a flag


def _in_grapheme(text: str, at: int) -> bool:
    """Whether ``at`` falls inside one character as a person sees it (a grapheme cluster): before
    a combining mark, a skin tone or a joiner, after a joiner between emoji, or between the two
    letters of a flag."""
    if not 0 < at < len(text):
        return False
    after = text[at]
    if _EXTENDS.match(after) or unicodedata.category(after) in ("Mn", "Me", "Mc"):
        return True
    before = text[at - 1]
    if before == "\u200d":
        return unicodedata.category(after) == "So"  # a joiner between letters joins nothing
    if ord(before) in _REGIONAL and ord(after) in _REGIONAL:
        first = at - 1  # flags pair up from the first of a run of regional letters
        while first > 0 and ord(text[first - 1]) in _REGIONAL:
            first -= 1
        return (at - first) % 2 == 1
    return False


def _whole_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it cuts no grapheme cluster in half (``🤦🏾‍♀️``)."""
    while _in_grapheme(text, start):
        start -= 1
    while _in_grapheme(text, end):
        end += 1
    return start, end
