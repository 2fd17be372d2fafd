"""What the coach says right after an answer, once in a session, about the answer itself: a kind,
plain word on waving off the other person's hurt ("it was just a joke", "she overreacted": impact
over intent, ``content.IMPACT_NOTE``), one kind line on harsh self-talk ("I always ruin everything,
I'm a terrible partner": ``content.SELF_TALK_NOTE``), and, at a feelings step, help for "I don't
know" (``content.FEELINGS_HELP``: the body, a short list of words, and that it can wait), after
which the question is asked once more. Pure functions of a session; the driver says them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from mendkit.coach import content
from mendkit.coach.goals import REPAIR
from mendkit.coach.justifying import dismisses
from mendkit.coach.machine import State
from mendkit.coach.self_blame import harsh_on_self
from mendkit.coach.session import Session
from mendkit.coach.wording import unknown

# The steps whose answers are the person's own words about what happened and what they did or
# feel (not pasted messages, not the draft): where "just a joke" or harsh self-talk is answered.
_OWN_WORDS: Final = frozenset({
    State.RECOGNISE_WHAT, State.RECOGNISE_NOTICED, State.RESPONSIBILITY_PART,
    State.RESPONSIBILITY_REGRET, State.RESPONSIBILITY_KNOW, State.VULNERABILITY_SURFACE,
    State.VULNERABILITY_BENEATH, State.VULNERABILITY_NEEDS, State.INTERNAL_FEELINGS,
    State.INTERNAL_PART, State.INTERNAL_BOUNDARY, State.INTERNAL_NEXT_TIME,
    State.REBUILD_COMMITMENT})
# The steps that ask what the person feels: "I don't know" there gets ``FEELINGS_HELP`` once.
FEELING_STEPS: Final = frozenset({State.VULNERABILITY_SURFACE, State.VULNERABILITY_BENEATH,
                                  State.INTERNAL_FEELINGS})
# A session setting: the feelings help was said; from then on "I don't know" there is taken.
FEELINGS_HELPED: Final = "feelings_helped"


def _earlier(session: Session, at: State) -> list[str]:
    """The person's own answers before the one just given at ``at``."""
    return [str(session.answers.get(step.value) or "") for step in _OWN_WORDS if step is not at]


def after_answer(session: Session, at: State, answer: object) -> tuple[str, ...]:
    """What the coach says after ``answer`` was given at step ``at`` (``session`` has it): the
    note on "just a joke" where the person first waves off the other's hurt in their own words
    on the way to a repair, and the kind line where they first run themselves down. Each is
    said once in a session.

    >>> from mendkit.coach.session import Session
    >>> said = "I said it was just a joke and she needs to stop being so sensitive"
    >>> after_answer(Session(id="x", answers={"recognise_what": said}),
    ...              State.RECOGNISE_WHAT, said) == (content.IMPACT_NOTE,)
    True
    """
    if not isinstance(answer, str) or at not in _OWN_WORDS or session.goal() != REPAIR:
        return ()
    earlier = _earlier(session, at)
    lines: list[str] = []
    if dismisses(answer) and not any(dismisses(e) for e in earlier):
        lines.append(content.IMPACT_NOTE)
    if harsh_on_self(answer) and not any(harsh_on_self(e) for e in earlier):
        lines.append(content.SELF_TALK_NOTE)
    return tuple(lines)


def needs_feelings_help(session: Session, raw: str) -> bool:
    """Whether the answer ``raw`` at a feelings step says "I don't know" (or asks what the
    question means: "Underneath what?") and the help was not said yet in this session."""
    return (session.state in FEELING_STEPS and unknown(raw)
            and not session.settings.get(FEELINGS_HELPED))


def with_feelings_help(session: Session) -> Session:
    """``session`` marked as told the feelings help (asked again; the next answer is taken)."""
    return replace(session, settings={**session.settings, FEELINGS_HELPED: True})
