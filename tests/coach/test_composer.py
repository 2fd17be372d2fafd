"""The composer's drafts for the article's two scenarios pass the critic; the originals do not."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.coach import Event, EventType, Session
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.safety_gate import gate

E = EventType

BOSS_LINES = [
    "I don't know why this took you so long. This should have been finished days ago, and "
    "honestly, it's not even what I was looking for. You need to be more efficient next time.",
    "Well, effort is great, but it doesn't matter if the outcome isn't what I asked for. I don't "
    "have time to micromanage, so next time, just get it right the first time.",
]


def scripted(answers: list[Event], context: str) -> str:
    session = Session(id="scenario", settings={"context": context})
    for event in [Event(E.BEGIN), Event(E.SAFE), *answers]:
        assert gate(str(event.value or "")) is None
        session = session.apply(event)
    return compose(DraftParts.from_answers(session.answers, context=context))


def test_workplace_scenario_draft_scores_well() -> None:
    draft = scripted([
        Event(E.ANSWER, "my manager"), Event(E.ANSWER, "work"),
        Event(E.ANSWER, "the feedback on the project"),
        Event(E.ANSWER, "you needed the project to match what you asked for"),
        Event(E.SKIP), Event(E.CALM, 3), Event(E.SKIP), Event(E.OPEN, "yes"),
        Event(E.ANSWER, "went quiet and only said 'understood'"),
        Event(E.SKIP), Event(E.ANSWER, "talk through feedback before deadlines"),
    ], "work")
    result = mendkit.check(draft)
    assert result.repair_quality >= 0.7, (draft, result.components)
    assert not result.issues


def test_therapy_scenario_draft_turns_a_blaming_feeling_into_a_feeling() -> None:
    parts = DraftParts(context="therapist", situation="what you said about my reaction",
                       my_part="went quiet instead of telling you how it landed",
                       feeling="dismissed", request="slow down when I get upset")
    draft = compose(parts)
    assert "dismissed" not in draft
    result = mendkit.check(draft)
    assert result.repair_quality >= 0.7, (draft, result.components)


@pytest.mark.parametrize("line", BOSS_LINES)
def test_the_boss_lines_as_drafts_score_low_with_specific_suggestions(line: str) -> None:
    result = mendkit.check(line)
    assert result.repair_quality <= 0.3
    assert result.issues
    assert all(issue.suggestion for issue in result.issues)


def test_the_gate_turns_crisis_and_abuse_into_stop_events() -> None:
    assert gate("I don't want to be alive anymore") is EventType.CRISIS
    assert gate("He said next time he'd really hurt me.") is EventType.ABUSE
    assert gate("My manager said the deck was sloppy.") is None


def test_therapy_scenario_walked_through_the_coach_scores_well() -> None:
    draft = scripted([
        Event(E.ANSWER, "my therapist"), Event(E.ANSWER, "therapist"),
        Event(E.ANSWER, "what you said about my reaction being disproportionate"),
        Event(E.SKIP), Event(E.SKIP), Event(E.CALM, 5), Event(E.EXERCISE_DONE),
        Event(E.OPEN, "yes"),
        Event(E.ANSWER, "went quiet instead of telling you how it landed"),
        Event(E.SKIP), Event(E.ANSWER, "slow down and ask me when I seem upset"),
        Event(E.ANSWER, "draft"), Event(E.IGNORE), Event(E.ANSWER, "frustrated"),
        Event(E.ANSWER, "unheard"), Event(E.ANSWER, "to feel my feelings are allowed here"),
    ], "therapist")
    assert "unheard" not in draft  # the blaming "feeling" became a feeling
    result = mendkit.check(draft)
    assert result.repair_quality >= 0.7, (draft, result.components)
