"""The composer: a repair draft built from the person's answers, in the register of the context.

Pure templates, no generative model. The parts follow the repair research the coach teaches: name
what happened (an observation, not a verdict), own my part, say I can see their side, say my feeling
and need as an I-statement, ask for something specific or commit to something, and appreciate where
true. A message to a manager is not a message to a partner: ``context`` picks the register. The
critic then checks the draft like any other (``mendkit.check``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from mendkit.critic import BLAMING_FEELINGS

CONTEXTS: Final = ("partner", "family", "friend", "work", "therapist")


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftParts:
    """What the composer needs; every part is optional except the situation."""

    context: str = "partner"
    situation: str = ""  # what happened, in the person's words
    my_part: str = ""  # e.g. "went quiet and said 'understood'"
    their_side: str = ""  # what they may have felt or needed
    feeling: str = ""  # e.g. "hurt", or a blaming word like "ignored" (turned into a feeling)
    need: str = ""
    request: str = ""  # e.g. "talk about feedback before deadlines"
    commitment: str = ""  # e.g. "ask more questions at the start"
    appreciation: str = ""  # something true to appreciate

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], context: str = "partner") -> DraftParts:
        """Parts from a coach session's answers (keys are the machine's state names)."""

        def text(key: str) -> str:
            value = answers.get(key)
            return str(value).strip().rstrip(".") if value else ""

        return cls(context=context, situation=text("recognise_what"),
                   my_part=text("responsibility_part"),
                   feeling=text("vulnerability_beneath"), need=text("vulnerability_needs"),
                   request=text("responsibility_know"), commitment=text("rebuild_commitment"))


def _feeling_and_need(feeling: str, need: str) -> tuple[str, str]:
    word = feeling.lower().removeprefix("i feel ").removeprefix("i felt ").strip()
    if word in BLAMING_FEELINGS:  # "ignored" says what they did: find the feeling beneath it
        beneath, implied_need = BLAMING_FEELINGS[word]
        return beneath, need or implied_need
    return word, need


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text and not text[:2].isupper() else text


def compose(parts: DraftParts) -> str:
    """A repair draft from ``parts``.

    >>> compose(DraftParts(context="partner", situation="last night", my_part="snapped at you",
    ...                    feeling="hurt", need="us to be kind when we're tired",
    ...                    request="take a break when it gets heated"))[:46]
    "Can we talk about last night? I'm sorry that I"
    """
    work = parts.context in ("work", "therapist")
    feeling, need = _feeling_and_need(parts.feeling, parts.need)
    sentences: list[str] = []
    if parts.situation:
        topic = _lower_first(parts.situation)
        sentences.append(f"I'd like to come back to {topic}." if work
                         else f"Can we talk about {topic}?")
    my_part = re.sub(r"^(?:i|I)\s+", "", parts.my_part)  # "I went quiet" -> "went quiet"
    if my_part:
        sentences.append(f"I realise that I {_lower_first(my_part)}, and that was my part in "
                         "it." if work else f"I'm sorry that I {_lower_first(my_part)}.")
    if parts.their_side:
        sentences.append(f"I can see why {_lower_first(parts.their_side)}.")
    elif parts.context == "work":
        sentences.append("I hear your concerns and I understand your position.")
    elif parts.context == "therapist":
        sentences.append("I can see why you said it, and I know you want to help.")
    else:
        sentences.append("I understand why you were upset.")
    if feeling:
        short = parts.situation and len(parts.situation.split()) <= 8
        about = f" about {_lower_first(parts.situation)}" if short else (
            " about what happened" if parts.situation else "")
        tail = f", and I need {need}" if need else ""
        sentences.append(f"I feel {feeling}{about}{tail}.")
    if parts.commitment:
        sentences.append(f"Next time, I will {_lower_first(parts.commitment)}.")
    if parts.request:
        sentences.append(f"Going forward, I would appreciate it if we could "
                         f"{_lower_first(parts.request)}." if work
                         else f"Could we {_lower_first(parts.request)}?")
    if parts.appreciation:
        sentences.append(f"I appreciate {_lower_first(parts.appreciation)}.")
    return " ".join(sentences)
