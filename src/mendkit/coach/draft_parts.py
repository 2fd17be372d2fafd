"""The composer's parts: what a repair draft is built from, read from a coach session's answers
(the answers kept through the risk check are said only when they pass every screen).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from mendkit.coach.draft_fit import FEELING_WORDS
from mendkit.coach.request_step import without_request
from mendkit.coach.screening import passing_sentences
from mendkit.coach.wording import strip_lead_in, unknown
from mendkit.critic import BLAMING_FEELINGS

# "ex": an ex-partner or a co-parent; the repair keeps to respect and the arrangements.
CONTEXTS: Final = ("partner", "ex", "family", "friend", "work", "therapist")


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftParts:
    """What the composer needs; every part is optional except the situation."""

    context: str = "partner"
    other: str = ""  # who the message is for, as the person named them ("Sam", "my manager")
    situation: str = ""  # what happened, in the person's words
    # What the person noticed in themselves and in them ("she went quiet"): read, never quoted.
    noticed: str = ""
    my_part: str = ""  # e.g. "went quiet and said 'understood'"
    their_side: str = ""  # what they may have felt or needed
    feeling: str = ""  # e.g. "hurt", or a blaming word like "ignored" (turned into a feeling)
    need: str = ""
    regret: str = ""  # e.g. "calling you selfish"
    request: str = ""  # e.g. "talk about feedback before deadlines"
    commitment: str = ""  # e.g. "ask more questions at the start"
    appreciation: str = ""  # something true to appreciate
    # Parts left out because the person kept them through the coach's risk check (the model saw
    # a sign in them, they said no) and they fail a screen: never quoted to the other person.
    withheld: tuple[str, ...] = ()
    # Parts kept through the risk check with a sentence left out that fails a screen (the rest,
    # which passes them all, is said): "Sean told me I'm lazy." without "I told him to go to hell."
    trimmed: tuple[str, ...] = ()

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], context: str = "partner", *,
                     withheld: Collection[str] = ()) -> DraftParts:
        """Parts from a coach session's answers (keys are the machine's state names). The
        answers of the steps in ``withheld`` (kept through the risk check) are said only when
        they pass every screen (``fails_screens``: no threat or violence, no danger from the
        other person, no insult): "I told Mum he doesn't care" stays in the apology. One that
        fails is left out: what happened becomes the neutral "what happened", any other part is
        not said."""
        # A request said in an earlier answer is said once, as the request, once that step has
        # an answer (``request_step``).
        answers = without_request(answers, withheld)
        kept = {step: passing_sentences(str(answers[step]), owned=step in _OWNED)
                for step in withheld if answers.get(step)}
        held = {step for step, (said, cut) in kept.items() if cut and not said}
        cut = {step for step, (said, left_out) in kept.items() if left_out and said}
        left = tuple(name for step, name in _FROM_STEP.items() if step in held)

        def text(key: str) -> str:
            value = kept[key][0] if key in cut else answers.get(key)
            if key in held:
                return "what happened" if key == "recognise_what" else ""
            return str(value).strip().rstrip(".!? ") if value else ""

        feeling = text("vulnerability_beneath")
        if not feeling or unknown(strip_lead_in(feeling) or feeling):
            # Nothing beneath, or not known: a plain feeling said first ("numb", "sad") is
            # still a feeling, and said; anger and blaming words wait for the softer one.
            surface = text("vulnerability_surface")
            feeling = surface if plain_surface(surface) else feeling
        return cls(context=context, other=text("recognise_who"),
                   situation=text("recognise_what"), noticed=text("recognise_noticed"),
                   my_part=text("responsibility_part"), regret=text("responsibility_regret"),
                   feeling=feeling, need=text("vulnerability_needs"),
                   request=text("responsibility_know"), commitment=text("rebuild_commitment"),
                   withheld=left,
                   trimmed=tuple(name for step, name in _FROM_STEP.items() if step in cut))


# The steps that own what I did: an insult in them is said plainly, not left out with the rest.
_OWNED: Final = frozenset(("responsibility_part", "responsibility_regret"))


# The steps whose answers the composer quotes, with how the coach names each to the person.
_FROM_STEP: Final = {"recognise_what": "what happened", "responsibility_part": "what you did",
                     "responsibility_regret": "what you regret",
                     "responsibility_know": "what you asked of them",
                     "vulnerability_beneath": "what you feel",
                     "vulnerability_needs": "what you need",
                     "rebuild_commitment": "what you will do differently"}


# Feelings said first that a message keeps back for the softer one beneath: anger and its kin,
# and the blaming words ("ignored", "disrespected").
_HEATED: Final = frozenset(("angry", "annoyed", "irritated", "frustrated", "mad", "furious",
                            "livid", "resentful", "bitter", "defensive", "jealous", "envious",
                            "fine", "okay", "ok", *BLAMING_FEELINGS))
_FEELING_SPLIT: Final = frozenset(("and", "or", "a", "bit", "little", "very", "so", "really",
                                   "quite", "just", "i", "i'm", "im", "am", "feel", "kind", "of",
                                   "kinda", "pretty", "mostly"))


def plain_surface(surface: str) -> bool:
    """Whether the feeling said first is one a message can say when nothing softer was named
    beneath it: only feeling words, none of them heated or blaming ("numb", "sad and tired";
    never "angry", "ignored").

    >>> plain_surface("numb"), plain_surface("sad and tired"), plain_surface("angry")
    (True, True, False)
    >>> plain_surface("I don't know"), plain_surface("my chest is tight")
    (False, False)
    """
    words = [w for w in re.findall(r"[a-z']+", surface.lower().replace("\u2019", "'"))
             if w not in _FEELING_SPLIT]
    return (0 < len(words) <= 3 and all(w in FEELING_WORDS for w in words)
            and not any(w in _HEATED for w in words))
