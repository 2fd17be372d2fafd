"""Saying the person's own answers to the reader (every mention of them as "you", or none:
``pronouns.address``), and noting the words a draft keeps as written because a pronoun in them may
mean the reader or someone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from contextvars import ContextVar
from typing import Final

from mendkit.coach.answer_cleaning import _CLAUSE_END, _I
from mendkit.coach.draft_parts import DraftParts
from mendkit.coach.pronouns import Pronouns, address, reader, uncertain


def _safe(parts: DraftParts, *texts: str) -> Pronouns:
    """The person's answers read together, to say ``texts`` (without any, the account of what
    happened) to the reader: every mention of them as "you", or none (``address``)."""
    answers = tuple(text for text in (
        parts.my_part, parts.regret, parts.their_side, parts.feeling, parts.need, parts.request,
        parts.commitment, parts.appreciation) if text)
    return Pronouns(situation=parts.situation, answers=answers, request=parts.request,
                    account=not texts, context=parts.context)


# While ``pronoun_notes`` composes a draft: each answer the draft says as the person wrote it
# because a pronoun in it may mean the reader or someone else, with those pronouns. The draft's
# helpers call ``address`` from many places; this records where it kept an answer without
# threading a list through all of them. It never changes what a draft says.
_KEPT: ContextVar[list[tuple[str, tuple[str, ...]]] | None] = ContextVar("kept", default=None)


def _address(text: str, other: str, context: str, *, pronouns: Pronouns | None) -> str:
    """``address``, noting (while ``pronoun_notes`` asks) an answer it kept as written."""
    said = address(text, other, context, pronouns=pronouns)
    kept = _KEPT.get()
    if kept is not None and said == text and text.strip() and (
            words := uncertain(text, other, context, pronouns=pronouns)):
        kept.append((text, words))
    return said


# How a note on words kept as written starts (a page shows it as a note).
KEPT_AS_WRITTEN: Final = "I couldn't tell whether"
_QUOTED_AT_MOST: Final = 80  # a longer answer is quoted by the clause with the pronoun


def kept_as_written(build: Callable[[], str], other: str, *, sources: Collection[str] = (),
                    only: bool = False, where: str = "message") -> tuple[str, ...]:
    """``pronoun_notes`` for the draft ``build`` makes (a repair draft, or a letter: ``where``):
    the words it keeps as written because a pronoun in them may not mean ``other``. With
    ``only``, only of the answers ``sources`` (lower case)."""
    kept: list[tuple[str, tuple[str, ...]]] = []
    token = _KEPT.set(kept)
    try:
        draft = build().lower()
    finally:
        _KEPT.reset(token)
    name = reader(other).name
    who = re.sub(r"^my\b", "your", name, flags=_I) if name else "them"
    notes: list[str] = []
    for text, words in kept:
        quoted = _quoted(text, words)
        if not _in_draft(quoted, words, draft) or (only and not any(
                text.lower() in source or source in text.lower() for source in sources if source)):
            continue  # not in the draft as it is, or not of the parts asked about
        listed = " and ".join(f'"{word}"' for word in words)
        note = (f"{KEPT_AS_WRITTEN} {listed} {'means' if len(words) == 1 else 'mean'} {who}, "
                f'so I kept "{quoted}" as you wrote it. If {"it does" if len(words) == 1 else "they do"}'
                f", you can change those words in the {where}.")
        if note not in notes:
            notes.append(note)
    return tuple(notes)


def _in_draft(quoted: str, words: tuple[str, ...], draft: str) -> bool:
    """Whether the (lower-case) ``draft`` says ``quoted`` as written: whole, or from the word
    before its first pronoun on, a few words at least (the draft may have changed how it starts:
    "I'll ask her ..." is said as "Next time, I will ask her ...")."""
    low = quoted.lower()
    pronoun = "|".join(map(re.escape, words))
    tail = re.search(rf"(?:[\w']+\s+)?\b(?:{pronoun})\b.*", low)
    return low in draft or bool(tail and len(tail.group().split()) >= 3 and tail.group() in draft)


def _quoted(text: str, words: tuple[str, ...]) -> str:
    """``text``, or where it is long, its clauses that hold one of ``words``."""
    text = text.strip()
    if len(text) <= _QUOTED_AT_MOST:
        return text
    clauses = [c.strip() for c in _CLAUSE_END.split(text) if c.strip()]
    held = [c for c in clauses if any(re.search(rf"\b{re.escape(w)}\b", c, _I) for w in words)]
    return held[0] if held else text


def _to_reader(text: str, parts: DraftParts) -> str:
    """My own answer said to the reader, as the account of what happened and my other answers
    allow (``address``)."""
    return _address(text, parts.other, parts.context, pronouns=_safe(parts, text))
