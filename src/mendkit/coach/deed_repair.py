"""Repair by deed: when the person says their family or culture mends things without words.

In many families nobody says sorry, least of all to an elder: repair is turning up, bringing food,
touching an elder's feet, fixing the fence. When the person says so ("in my family we don't
apologise in words", "saying sorry would embarrass him"), the coach respects it: it writes no
apology, helps plan the deed and a few words that are not one ("I'm coming on Sunday."), asks
whether a written message is wanted at all, and never scores the plan against the parts of a
spoken apology.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.machine import State
from mendkit.coach.session import Session

_I: Final = re.IGNORECASE

# How people say their family repairs without words, or that an apology would not be welcome.
_WITHOUT_WORDS: Final = re.compile(
    r"\b(?:we|they|he|she|nobody|no one|my family|our family|in my family|in our (?:family|culture)"
    r"|people)\s+(?:don'?t|do not|doesn'?t|does not|never|won'?t|wouldn'?t|can'?t)\s+"
    r"(?:really\s+)?(?:apologi[sz]e|say (?:sorry|it)|says? sorry|do (?:sorry|apologies))"
    r"|\bnobody (?:ever )?says? sorry\b|\bno one (?:ever )?says? sorry\b"
    r"|\b(?:apologi[sz]e|say sorry|saying sorry|an apology) (?:in|with) words\b"
    r"|\b(?:without|not (?:with|in)|instead of) words\b"
    r"|\b(?:saying )?sorry (?:would|will|might) (?:embarrass|shame|humiliate)\b"
    r"|\b(?:an apology|saying sorry|saying it) (?:would|will|might) (?:embarrass|shame)\b"
    r"|\bdon'?t want (?:to send |to write )?(?:a message |anything )?with the word sorry\b"
    r"|\bthe word sorry\b.{0,40}\bnot how we\b|\bnot how we do (?:it|things)\b"
    r"|\b(?:by|through) (?:deeds?|actions?|doing),? not words\b|\bactions?,? not words\b"
    r"|\bwe show it by\b|\bshow (?:it|sorry|that i'?m sorry) by (?:turning up|coming|bringing|"
    r"cooking|doing|visiting)", _I)

# The steps whose answers can say so (the story, what they noticed, my part, the draft).
_STEPS: Final = (State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RESPONSIBILITY_PART,
                 State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW,
                 State.RESPONSIBILITY_DRAFT)


def without_words(text: str) -> bool:
    """Whether ``text`` says repair is done without words where the person comes from.

    >>> without_words("In my family we don't apologise in words.")
    True
    >>> without_words("I'm sorry I didn't say it in words sooner.")
    False
    """
    return _WITHOUT_WORDS.search(text) is not None


def by_deed(session: Session) -> bool:
    """Whether the person said, at any step of the story or of the draft, that their family
    repairs by deed or without words (``without_words``)."""
    return any(without_words(str(session.answers.get(step.value) or "")) for step in _STEPS)


_DAY: Final = re.compile(
    r"\b(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|tomorrow|tonight|this weekend|at the weekend)\b", _I)


def deed_words(session: Session) -> str:
    """A few words to send before the deed that are not an apology: that the person is coming,
    and when, if an answer says when ("I will go to his house on Sunday": "I'm coming on
    Sunday.")."""
    said = " ".join(str(session.answers.get(step.value) or "") for step in _STEPS)
    when = _DAY.search(said)
    if when is None:
        return "I'd like to come and see you soon."
    day = when.group(0).lower()
    day = re.sub(r"^(?:this|next) (?=\w+day$)", "on ", day)
    day = re.sub(r"\b(\w+day)\b", lambda m: m.group(1).capitalize(), day)
    return f"I'm coming {day}."


# Said where the draft would be: repair can be a deed, and no apology is written.
DEED_NOTE: Final = (
    "You said that in your family repair is shown, not said. Repair can be a deed: turning up, "
    "bringing food, a gesture of respect. That counts as repair, so Mend will not write an "
    "apology for you.")
# The draft step's question in a session of repair by deed (the words offered come before it).
DEED_PROMPT: Final = (
    "Do you want to send a written message at all? Press Enter to use those words, write your "
    "own, or write what you plan to do instead (for example: \"I'll go round on Sunday with his "
    "favourite sweets\").")


def offered_line(session: Session) -> str:
    """The words offered at the draft step of a repair by deed, said as an offer."""
    return (f"If you want to send a few words before you go, they need not be an apology. "
            f"For example: \"{deed_words(session)}\" Start with what you call them, if you like.")


# Said at the review of a repair by deed, in place of the score against a spoken apology.
DEED_REVIEW: Final = (
    "Repair can be a deed, and this one counts. Mend does not score a deed, or the few words "
    "that go with it, against the parts of a spoken apology.")
