"""What the internal path ends with: the person's own answers said back to them, to keep (what they
feel, their part, a limit to hold, what to say next time). There is no message on that path, so
this is what they take away. Words that run them down are not said back ("I'm a terrible
partner": the coach has said its kind line on them), nor words that wave off the other's hurt
("she made it a big thing"), nor an "I don't know".
"""

from __future__ import annotations

from typing import Final

from mendkit.coach import content
from mendkit.coach.answer_cleaning import _CLAUSE_END, _is_non_answer
from mendkit.coach.draft_fit import feeling_first
from mendkit.coach.draft_grammar import sentence_case
from mendkit.coach.goals import REPAIR
from mendkit.coach.justifying import without_dismissal
from mendkit.coach.machine import State
from mendkit.coach.self_blame import without_self_blame
from mendkit.coach.session import Session
from mendkit.coach.wording import strip_lead, strip_lead_in, unknown

# The internal path's steps, with how the recap names each.
_SAID_BACK: Final = ((State.INTERNAL_FEELINGS, "What you feel"), (State.INTERNAL_PART, "Your part"),
                     (State.INTERNAL_BOUNDARY, "What you want to hold to"),
                     (State.INTERNAL_NEXT_TIME, "What you can say next time"))


def recap_lines(session: Session) -> tuple[str, ...]:
    """The recap the internal path of ``session`` ends with (``content.RECAP_HEADING``, then a
    line for each step answered), or ``()`` where the session did not take that path.

    >>> from mendkit.coach.session import Session
    >>> recap_lines(Session(id="x", state=State.DONE, answers={
    ...     "internal_feelings": "ashamed. I always ruin everything",
    ...     "internal_next_time": "I need 20 minutes."}))[1:]
    ('What you feel: ashamed.', 'What you can say next time: "I need 20 minutes."')
    """
    answers = session.answers
    if session.state is not State.DONE or session.goal() != REPAIR or not answers.get(
            State.INTERNAL_FEELINGS.value):
        return ()
    lines: list[str] = []
    for step, name in _SAID_BACK:
        said = _said_back(str(answers.get(step.value) or ""),
                          feeling=step is State.INTERNAL_FEELINGS)
        if said and step is State.INTERNAL_NEXT_TIME:
            lines.append(f'{name}: "{said}"')
        elif said:
            lines.append(f"{name}: {said}{'' if said[-1] in '.!?' else '.'}")
    return (content.RECAP_HEADING, *lines) if lines else ()


def _said_back(answer: str, *, feeling: bool = False) -> str:
    """An answer as the recap says it back: without words that run the person down, and nothing
    for an "I don't know" or a skip. Of a ``feeling``, the clauses that name one, where some
    do ("ashamed. I always ruin everything" -> "ashamed")."""
    text = (strip_lead_in(answer) or answer).strip()
    if not text or text.lower() == "skip" or unknown(text) or _is_non_answer(text):
        return ""  # "no", "nothing really": nothing to keep
    kept, _ = without_self_blame(without_dismissal(text)[0], feeling=True)
    if feeling:
        clauses = [strip_lead(r"and|but|also|mostly|just", c.strip())
                   for c in _CLAUSE_END.split(kept) if c.strip()]
        named = [c for c in clauses if feeling_first(c) and not unknown(c)]
        kept = ", ".join(named) if named else kept
    kept = kept.strip().strip('"').strip()
    return kept[:1] + sentence_case(kept)[1:]  # "ashamed", as they wrote it, after a colon
