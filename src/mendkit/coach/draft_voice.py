"""A message said to "you" that also speaks of the reader as "she" or "he" ("I'm sorry I
criticised her cooking ... I understand why you were upset", to a mother-in-law): the critic
cannot tell who "her" is, so the coach's review flags the mix, and the score says so (round 19).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from mendkit.coach.pronouns import _FEMALE, _MALE, _NOT_NAMES, _PERSON_WORD, reader
from mendkit.model import CheckResult, Issue

# The third-person words of a reader's one set of pronouns ("she": she, her, hers, herself).
_FORMS: Final = {"she": r"she|her|hers|herself|she's|she'd|she'll",
                 "he": r"he|him|his|himself|he's|he'd|he'll"}
_YOU: Final = re.compile(r"\byou(?:r|rs|rself|'re|'ve|'ll|'d)?\b", re.IGNORECASE)
KIND: Final = "mixed_address"
PENALTY: Final = 0.15


def mixed_address(draft: str, other: str) -> Issue | None:
    """The issue for ``draft``, said to ``other`` as "you", that also speaks of someone with
    ``other``'s one set of pronouns in the third person (the first such word), else None.

    >>> mixed_address("I'm sorry I criticised her cooking. I understand why you were upset.",
    ...               "my mother-in-law").kind
    'mixed_address'
    >>> mixed_address("I'm sorry I shouted at you.", "my mother-in-law") is None
    True
    """
    who = reader(other)
    if len(who.pronouns) != 1 or not _YOU.search(draft):
        return None
    key = next(iter(who.pronouns))
    forms = _FORMS.get(key)
    found = next((m for m in re.finditer(rf"\b(?:{forms})\b", draft, re.IGNORECASE)
                  if not _someone_before(draft, m.start(), key)), None) if forms else None
    if found is None:
        return None
    name = re.sub(r"^my\b", "your", who.name, flags=re.IGNORECASE) or "them"
    word = found.group().lower()
    return Issue(
        kind=KIND, start=found.start(), end=found.end(),
        message=f'This message speaks to them as "you", but also says "{word}". If "{word}" '
                f"means {name}, it reads as if you were talking about them to someone else.",
        suggestion=f'Say "you" (or "your") where you mean {name}, so the whole message speaks '
                   "to them.")


def _someone_before(draft: str, at: int, key: str) -> bool:
    """Whether someone the word at ``at`` may be is named just before it (in its sentence or
    the one before): "your mum. She", "your sister ... her", "Dad's funeral ... him", "Priya"."""
    starts = [m.end() for m in re.finditer(r"[.!?]\s+", draft[:at])]
    near = draft[starts[-2] if len(starts) > 1 else 0:at]
    words = _FEMALE if key == "she" else _MALE
    if any(m.group(1).lower() in words for m in _PERSON_WORD.finditer(near)):
        return True
    # A name: a capitalised word not at a sentence's start, and no pronoun or "I".
    return any(m.group().lower() not in _NOT_NAMES and m.group() != "I"
               for m in re.finditer(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\b", near))


def with_mixed_address(result: CheckResult, other: str) -> CheckResult:
    """``result`` with ``mixed_address``'s issue, and its score lowered by ``PENALTY``."""
    issue = mixed_address(result.text, other)
    if issue is None or any(i.kind == KIND for i in result.issues):
        return result
    return replace(result, issues=(*result.issues, issue),
                   repair_quality=max(0.0, result.repair_quality - PENALTY))
