"""Round 18 (tester t4, problem 4): someone ashamed of a relapse said a clear "no" to the coach's
risk check, about a sign only the model saw in their story, and was then told twice more that
they may be unsafe: the model's warning on their own composed draft, and the check asked again
on a later answer. After a no, a later sign only the model saw, of the same kind, is neither
asked about again nor warned of in the draft. Words of death or a means that none of the answers
they said no about had are a new kind of sign, and still asked about; a rule's sign still stops
(``test_round14_risk_check_once``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach_kit import coached
from mendkit.coach.content import PROMPTS, RISK_QUESTION, RISK_QUESTION_AGAIN
from mendkit.coach.machine import EventType, State
from mendkit.coach.risk_check import same_misreading

STORY = ("I relapsed three weeks ago after 14 months sober. Sam asked me straight out last "
         "Tuesday if I'd been drinking and I said no. She found the empty bottles in my gym bag "
         "yesterday and now she won't really talk to me.")
NOTICED = ("I felt sick with shame when she held up the bottles. She went really quiet and her "
           "hands were shaking.")
PART = ("I lied to you when you asked me if I'd been drinking. I've been drinking for three "
        "weeks and I hid the bottles. You asked me honestly and I made you feel crazy for asking.")
NEED = "I need her to know I'm not hiding anything anymore"
PILLS = "I've started counting how many pills are in the cupboard"
START = ["", "yes", "Sam (she/her)", "partner", STORY, "no", NOTICED]
MODEL_WARNING = "Mend's model read this message as a possible sign"




def test_after_a_no_the_relapse_story_is_not_asked_about_or_warned_of_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = [*START, "", "6, my chest is tight", "skip", "not sure", "yes", PART,
               "I regret telling her to relax when she was scared.",
               "Could we sit down on Saturday morning and talk, if you're up for it?", "", "keep",
               "shame", "scared she'll leave me, and lonely", NEED]
    session, out = coached(tmp_path, answers, capsys)
    assert out.count(RISK_QUESTION) == 1 and RISK_QUESTION_AGAIN not in out
    assert MODEL_WARNING not in out  # the draft's review: no warning on their own story
    assert "Repair quality:" in out
    assert session.state is State.REBUILD_MESSAGE
    assert session.answers[State.RESPONSIBILITY_PART.value] == PART
    assert session.answers[State.VULNERABILITY_NEEDS.value] == NEED


def test_after_a_no_words_of_a_means_are_a_new_sign_and_asked_about(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*START[:-1], PILLS], capsys)
    assert session.state is State.CONFIRM_RISK
    assert out.count(RISK_QUESTION) == 1 and out.count(RISK_QUESTION_AGAIN) == 1


def test_a_rule_sign_after_the_no_still_stops(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session, out = coached(tmp_path, [*START[:-1], "Some nights I want to kill myself."],
                            capsys)
    assert session.state is State.STOPPED_CRISIS and PROMPTS[State.STOPPED_CRISIS] in out


def test_the_same_misreading_is_of_the_kind_said_no_to_with_no_new_grave_words() -> None:
    checked = frozenset({STORY.lower()})
    crisis = frozenset({EventType.CRISIS.value})
    assert same_misreading(NEED, EventType.CRISIS, crisis, checked)
    assert not same_misreading(PILLS, EventType.CRISIS, crisis, checked)
    assert not same_misreading(NEED, EventType.ABUSE, crisis, checked)  # a new kind
    assert not same_misreading(NEED, EventType.CRISIS, frozenset(), checked)  # no "no" yet
    said_pills = frozenset({PILLS.lower()})
    assert same_misreading("the pills are still there", EventType.CRISIS, crisis, said_pills)
