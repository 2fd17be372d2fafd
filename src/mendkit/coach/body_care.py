"""Settling for a body that cannot do it as the usual words say (round nineteen, tester t3): when
the person says breathing is hard, Mend does not lead with a breathing exercise and says plainly
to use an inhaler or get medical help; when they cannot stand or walk, the ways to settle are
ones done sitting or lying; when they cannot see, grounding goes through the other senses.

What they said about their body is read from the answers before the regulate step (what
happened, what they noticed, the level check).
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.machine import State
from mendkit.coach.session import Session

BREATHING: Final = "breathing"
SEATED: Final = "seated"
SIGHT: Final = "sight"

_SAID: Final = {
    BREATHING: re.compile(
        r"\b(?:asthma\w*|inhaler|puffer|copd|wheez\w*|breathless\w*|short(?:ness)? of breath"
        r"|out of breath|can(?:no|['\u2019])?t (?:catch my )?breathe?\b|can(?:no|['\u2019])?t get"
        r" (?:my )?breath|(?:hard|difficult|struggling|struggle) to breathe|breathing (?:is |feels "
        r")?(?:hard|difficult|bad|a struggle)|trouble breathing|hard to get air)", re.IGNORECASE),
    SEATED: re.compile(
        r"\b(?:can(?:no|['\u2019])?t|cannot|unable to|not able to|couldn['\u2019]?t) (?:stand|walk"
        r"|get up|move my legs)\b|\b(?:wheelchair|bed-?bound|bedbound|paraly[sz]ed|stuck in bed)\b",
        re.IGNORECASE),
    SIGHT: re.compile(
        r"\b(?:i['\u2019]?m|i am|im) (?:\w+ )?(?:blind|partially sighted|visually impaired)\b"
        r"|\b(?:screen ?reader|low vision|sight loss)\b"
        r"|\bcan(?:no|['\u2019])?t see (?:well|much|anything|properly|very well)\b",
        re.IGNORECASE),
}
_ABOUT_THE_BODY: Final = (State.REGULATE_CHECK, State.RECOGNISE_NOTICED, State.RECOGNISE_WHAT)


def body_limits(*texts: str) -> frozenset[str]:
    """What ``texts`` say the body cannot do now: ``BREATHING`` (breathing is hard, asthma),
    ``SEATED`` (cannot stand or walk) and ``SIGHT`` (cannot see).

    >>> sorted(body_limits("8, breathing is hard, I have asthma and I can't stand up right now"))
    ['breathing', 'seated']
    >>> sorted(body_limits("9, my chest is tight and I can't stop checking my phone"))
    []
    """
    said = " ".join(texts)
    return frozenset(name for name, pattern in _SAID.items() if pattern.search(said))


# A session setting: what the body cannot do now, read from the level check's words (the level
# is kept as a number there).
BODY: Final = "body"


def meta(text: str) -> dict[str, object]:
    """The level check's event meta for ``text``: ``BODY`` and its limits, when it names any."""
    limits = body_limits(text)
    return {BODY: sorted(limits)} if limits else {}


def session_limits(session: Session) -> frozenset[str]:
    """``body_limits`` of what the person said before settling."""
    kept = session.settings.get(BODY)
    said = frozenset(str(k) for k in kept) if isinstance(kept, list) else frozenset[str]()
    return said | body_limits(*(str(session.answers.get(step.value, ""))
                                for step in _ABOUT_THE_BODY))


# Said once, before a break or any exercise, when breathing is hard: plainly, what to do for it.
BREATHING_CARE: Final = ("You said breathing is hard. If it is, use your inhaler if you have one, "
                         "and get medical help if it does not ease: if you can't get your breath, "
                         "call your local emergency number now.")
# In place of the breathing exercise when breathing is hard: no exercise led with, other ways.
_NO_BREATHING: Final = ("Mend will not lead you through a breathing exercise now. If you'd like "
                        "another way to settle, you could {ways}. Take a minute for it if it "
                        "helps, then press Enter, or type skip.")


def ways_to_settle(limits: frozenset[str]) -> str:
    """Ways to settle without a breathing exercise, that fit ``limits``.

    >>> ways_to_settle(frozenset({"seated", "sight"}))[:40]
    'name 3 sounds you can hear, hold somethi'
    """
    first = ("name 3 sounds you can hear" if SIGHT in limits
             else "name 5 things you can see around you")
    if SEATED in limits:
        return (f"{first}, hold something cold, or notice the weight of your body in the chair "
                "or bed and press your hands down on something firm")
    return (f"{first}, walk for a few minutes, hold something cold or splash cold water on your "
            "face, or press your feet into the floor and notice them")


def another_way(limits: frozenset[str]) -> str:
    """Said when the breathing exercise is turned down (``content.ANOTHER_WAY``, fitted)."""
    return ("That's fine: breathing exercises don't suit everyone. If you'd like another way to "
            f"settle first, you could {ways_to_settle(limits)}. Take a minute for it now if it "
            "helps: the next question will wait.")


def breathing_prompt(limits: frozenset[str]) -> str:
    """The breathing step's question when breathing is hard: other ways, Enter or skip."""
    return _NO_BREATHING.format(ways=ways_to_settle(limits))


def grounding_prompt(limits: frozenset[str], *, overloaded: bool) -> str:
    """The grounding step's question without sight: touch, hearing, smell and taste."""
    quieter = ("If everything feels too loud or too much, make it quieter first, if you can. "
               if overloaded else "")
    hearing = ("Naming 3 things you can hear is optional: leave it out if sound is too much. "
               if overloaded else "3 you can hear, ")
    touch = ("the chair or bed under you" if SEATED in limits else "the floor under your feet")
    return (f"{quieter}First, notice what is around you with the senses that suit you. Name 4 "
            f"things you can touch or feel, like {touch}, {hearing if not overloaded else ''}"
            "2 you can smell and 1 you can taste. "
            f"{hearing if overloaded else ''}Press Enter when you're done, or type skip.")


_SETTLING: Final = (State.REGULATE_BREAK, State.REGULATE_GROUNDING, State.REGULATE_BREATHING)


def fitted_prompt(session: Session, prompt: str, *, overloaded: bool) -> tuple[str, str]:
    """The question at ``session``'s settling step fitted to what the body cannot do now, and
    what to say before it (``BREATHING_CARE``, at the first settling step only); ``prompt``
    and nothing to say when nothing was said about the body."""
    state = session.state
    limits = session_limits(session) if state in _SETTLING else frozenset[str]()
    if not limits:
        return prompt, ""
    first = not any(step == s.value for step, _ in session.path for s in _SETTLING)
    before = BREATHING_CARE if BREATHING in limits and first else ""
    if state is State.REGULATE_BREATHING and BREATHING in limits:
        prompt = breathing_prompt(limits)
    if state is State.REGULATE_GROUNDING and SIGHT in limits:
        prompt = grounding_prompt(limits, overloaded=overloaded)
    return prompt, before
