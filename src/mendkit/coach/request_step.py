"""The request step when the person has already asked (round eighteen): "What would you like them
to do differently next time?" is not asked afresh when an earlier answer already says it ("I
shouted at him. I'd like him to text me when he's running late."). The step shows the request
back and offers to change it: Enter (or "keep it") keeps it, anything else is the new request.
Either way the message says the request once, as the request (``without_request``).

Shared by the terminal and the web coach (the driver asks through it; a page's question is
``already_asked(session, page=True)``). The critic decides what a request is, sentence by
sentence (a commitment of one's own, a demand or a reported ask is none). No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import lru_cache
from typing import Any, Final

from mendkit.coach.session import Session
from mendkit.critic import critique
from mendkit.labels import is_rupture

__all__ = ["already_asked", "earlier_request", "read_reply", "without_request"]

# The person's own earlier answers, in the order a request is looked for in them (the pasted
# messages are not: half of them are the other person's).
SOURCES: Final = ("responsibility_part", "responsibility_regret", "recognise_noticed",
                  "recognise_what")
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+|\n+")
# An ask someone else made, told ("she asked me to call first", "he said could I stop").
_REPORTED: Final = re.compile(
    r"\b(?:said|says|asked|asks|told|tells|wants|wanted|begged|texted|messaged|yelled|shouted)\b",
    re.IGNORECASE)
# Enter, or a keep in words ("keep it", "no, that's fine", "leave it as it is").
_KEEP: Final = re.compile(
    r"\s*(?:(?:no|nope|nah)\b[\s,.!]*)?(?:(?:please )?(?:keep|leave)(?: it| that| this)?"
    r"(?: as it is)?|(?:that'?s|it'?s) (?:fine|good|ok|okay|right)|fine|same|as it is"
    r"|no change|don'?t change it|ok|okay)?[\s.!]*", re.IGNORECASE)
_CHANGE_ONLY: Final = re.compile(r"\s*(?:yes|yeah|yep|yup|sure|ok(?:ay)?,? yes|change it|i do)"
                                 r"[\s.!]*", re.IGNORECASE)

KEEP_HINT: Final = "Press Enter to keep it, or write what you'd like to ask instead."
PAGE_KEEP_HINT: Final = "Leave the box empty to keep it, or write what you'd like to ask instead."
ASK_INSTEAD: Final = "Then write what you'd like to ask of them instead."


@lru_cache(maxsize=256)
def _asks(sentence: str) -> bool:
    """Whether ``sentence`` asks the other person for a change: the critic counts a request in
    it that is no commitment of the writer's own, no rupture (a demand) and no sign of crisis."""
    result = critique(sentence, mode="rules")
    if not result.components.get("request") or result.risk.crisis:
        return False
    if any(is_rupture(label) for label in result.labels):
        return False
    asks = [e for e in result.evidence if e.label == "repair.request"]
    return not asks or any(e.subtype != "commitment" for e in asks)


def earlier_request(answers: Mapping[str, Any], withheld: Collection[str] = ()
                    ) -> tuple[str, str] | None:
    """The step and sentence of the first request in the person's own earlier answers (``None``
    for none); answers kept through the risk check (``withheld``) are not quoted.

    >>> earlier_request({"responsibility_part": "I shouted. I'd like him to text me when he's late."})
    ('responsibility_part', "I'd like him to text me when he's late.")
    >>> earlier_request({"responsibility_part": "I shouted. I'll text you next time."}) is None
    True
    """
    for step in SOURCES:
        if step in withheld or not isinstance(answers.get(step), str):
            continue
        for said in _SENTENCE_END.split(str(answers[step]).strip()):
            sentence = said.strip()
            if sentence and not _REPORTED.search(sentence) and _asks(sentence):
                return step, sentence
    return None


def _found(session: Session) -> tuple[str, str] | None:
    if session.answers.get("responsibility_know") is not None:
        return None  # answered (or kept) already: asked afresh if the step comes round again
    return earlier_request(session.answers, session.withheld)


def already_asked(session: Session, *, page: bool = False) -> str | None:
    """The request step's question when an earlier answer of ``session`` already asks for
    something: the request shown back, and how to keep or change it (a ``page`` has a box, not
    Enter); ``None`` when nothing was asked yet."""
    found = _found(session)
    if found is None:
        return None
    return (f"You've already asked for this: \"{found[1]}\" Want to change it? "
            f"{PAGE_KEEP_HINT if page else KEEP_HINT}")


def read_reply(session: Session, reply: str) -> tuple[str, str]:
    """What the request step takes from ``reply`` when it showed an earlier request back: that
    request for Enter or "keep it" (or "no"), else the reply as it is; and a line to say first,
    with the question asked again, for a bare "yes" (to change it, but to what?)."""
    found = _found(session)
    if found is None:
        return reply, ""
    if _CHANGE_ONLY.fullmatch(reply):
        return reply, ASK_INSTEAD
    if _KEEP.fullmatch(reply.replace("\u2019", "'")):
        return found[1], ""
    return reply, ""


def without_request(answers: Mapping[str, Any], withheld: Collection[str] = ()
                    ) -> Mapping[str, Any]:
    """``answers`` with the earlier request taken out of the answer it was in, once the request
    step has an answer (the request kept, or a new one): the message says it once, as the
    request, or says the new one only."""
    if not str(answers.get("responsibility_know") or "").strip():
        return answers
    found = earlier_request(answers, withheld)
    if found is None:
        return answers
    step, sentence = found
    left = " ".join(s.strip() for s in _SENTENCE_END.split(str(answers[step]).strip())
                    if s.strip() and s.strip() != sentence)
    if not left and step == "recognise_what":
        return answers  # the story was only the request: what happened is still it
    return {**answers, step: left}
