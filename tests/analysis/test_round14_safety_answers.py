"""Round 14: an answer to a direct safety question is a crisis sign, though no rule reads it alone
("Are you thinking about hurting yourself?" / "I don't know. Sometimes."), and so is a yes to the
asker's follow-up ("Sometimes?" / "Yeah. At night mostly."). A clear no is not; nor is a yes to
"are you safe?". Also: violence to things said to "you" ("You threw my phone against the wall"),
and four false alarms (a hand signal "on purpose", "live like a detective", a habit "doing it
again", "you always make me feel like a burden")."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_turn
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
ELLIS = [
    ("Dad", "You've been so quiet since you told us about the course. Are you thinking about "
            "hurting yourself?"),
    ("Ellis", "I don't know. Sometimes."),
    ("Dad", "Sometimes?"),
    ("Ellis", "Yeah. At night mostly."),
]
HARM_QUESTIONS = [
    "Are you thinking of killing yourself?",
    "Have you thought about ending your life?",
    "Is he hurting you?",
    "Are you thinking about hurting yourself?",
    "Have you been having thoughts of suicide?",
    "Do you ever hurt yourself?",
    "are u thinking of hurting urself",
    "You're not thinking of doing anything to yourself, are you?",
    "Has your dad ever hit you?",
]
SAFE_QUESTIONS = ["Do you feel safe at home?", "Are you safe right now?"]
NOT_A_NO = ["Sometimes.", "A bit.", "Maybe.", "I don't know.", "Kind of.", "Not really sure.",
            "I'm not sure.", "Not really.", "no... well, sometimes"]
YES = ["Yes.", "yeah at night", "More than I'd like.", "Yeah. At night mostly.", "I have been."]
CLEAR_NO = ["No, not at all.", "No, I'm okay, just tired.", "nope", "No."]


def _safety(turns: list[tuple[str, str]]) -> mendkit.Safety:
    return mendkit.analyze(Conversation.from_turns(turns), mode="rules").safety


def _crisis(text: str) -> bool:
    return CRISIS in analyze_turn(0, "A", text).labels


# -- answers to a safety question ----------------------------------------------------------------

def test_the_answer_and_the_confirmation_after_sometimes_are_crisis_turns() -> None:
    safety = _safety(ELLIS)
    assert safety.crisis and safety.turns == (1, 3)
    assert safety.resources


@pytest.mark.skipif(not available(), reason="this build has no model files")
def test_the_full_mode_keeps_them_and_adds_no_withdrawal_to_the_answer() -> None:
    analysis = mendkit.analyze(Conversation.from_turns(ELLIS), mode="full")
    assert analysis.safety.crisis and {1, 3} <= set(analysis.safety.turns)
    assert "rupture.withdrawal" not in analysis.turns[1].labels


@pytest.mark.parametrize("question", HARM_QUESTIONS)
@pytest.mark.parametrize("answer", NOT_A_NO + YES)
def test_a_yes_or_a_doubt_to_a_harm_question_is_a_crisis(question: str, answer: str) -> None:
    assert 1 in _safety([("Sam", question), ("Jo", answer)]).turns


@pytest.mark.parametrize("question", [*HARM_QUESTIONS, *SAFE_QUESTIONS])
@pytest.mark.parametrize("answer", NOT_A_NO)
def test_a_doubt_to_any_safety_question_is_a_crisis(question: str, answer: str) -> None:
    assert 1 in _safety([("Sam", question), ("Jo", answer)]).turns


@pytest.mark.parametrize("question", HARM_QUESTIONS)
@pytest.mark.parametrize("answer", CLEAR_NO)
def test_a_clear_no_to_a_harm_question_is_no_crisis(question: str, answer: str) -> None:
    # (A question that names suicide is a crisis turn of its own: the rules read the word.)
    assert 1 not in _safety([("Sam", question), ("Jo", answer)]).turns


@pytest.mark.parametrize("question", SAFE_QUESTIONS)
def test_a_no_to_are_you_safe_is_a_crisis_and_a_yes_is_not(question: str) -> None:
    assert _safety([("Sam", question), ("Jo", "No. Not when he's been drinking.")]).crisis
    assert not _safety([("Sam", question), ("Jo", "yeah, I'm safe tonight")]).crisis


def test_the_kind_follows_the_question() -> None:
    assert _safety([("Sam", "Is he hurting you?"), ("Jo", "Sometimes.")]).kinds == (
        "abuse_danger",)
    assert _safety([("Sam", "Are you thinking of killing yourself?"), ("Jo", "Maybe.")]).kinds == (
        "suicide",)


def test_a_no_then_a_yes_to_are_you_sure_is_no_crisis() -> None:
    turns = [("Dad", "Are you thinking about hurting yourself?"),
             ("Ellis", "No, I'm okay, just tired."), ("Dad", "Are you sure?"), ("Ellis", "Yeah.")]
    assert not _safety(turns).crisis


def test_a_yes_to_a_follow_up_after_a_crisis_sign_goes_on_with_it() -> None:
    turns = [("Sam", "I want to die"), ("Jo", "Like, right now?"), ("Sam", "Yeah.")]
    assert _safety(turns).turns == (0, 2)


@pytest.mark.parametrize("question", ["Did I hurt you?", "Oh no, have you hurt yourself?",
                                      "Did Sam push you to apply?", "Are you okay?",
                                      "Does it hurt you when I say that?"])
def test_a_yes_to_an_everyday_question_is_no_crisis(question: str) -> None:
    assert not _safety([("Sam", question), ("Jo", "Yeah, a bit.")]).crisis


def test_a_checked_answer_to_a_safety_question_is_a_crisis() -> None:
    answer = mendkit.check("I don't know. Sometimes.",
                           context=["Are you thinking about hurting yourself?"], mode="rules")
    assert answer.risk.crisis and answer.rewrite is None
    assert not mendkit.check("No, I'm okay, just tired.",
                             context=["Are you thinking about hurting yourself?"],
                             mode="rules").risk.crisis


# -- violence to things, said to "you" -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "You threw my phone against the wall last night.",
    "you shoved me into the door",
    "you hit me again last night",
    "he threw a chair at me",
    "You smashed my laptop on the floor.",
    "you threw my clothes across the room",
    "you broke my phone when I tried to call my sister",
])
def test_violence_said_to_you_is_a_crisis(text: str) -> None:
    assert _crisis(text)


def test_a_thrown_phone_opening_a_conversation_is_a_crisis() -> None:
    safety = _safety([("Kim", "You threw my phone against the wall last night."),
                      ("Lee", "I didn't mean to.")])
    assert safety.turns == (0,) and safety.kinds == ("abuse_danger",)


@pytest.mark.parametrize("text", ["you threw my phone on the bed", "you threw the ball to me",
                                  "You threw your coat on the floor again.",
                                  "You threw my birthday card into the bin."])
def test_throwing_things_without_violence_is_no_crisis(text: str) -> None:
    assert not _crisis(text)


# -- false alarms --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Can we agree on a signal? If I hold up my hand it means shutdown, not silence on purpose.",
    "I don't want to live like a detective.",
    "I don't want to live in London.",
    "Okay. I came back because walking out was me doing it again. Hiding. Can we start over?",
    "You always make me feel like a burden.",
    "you make me feel like I'm a burden",
])
def test_false_alarms_are_no_crisis(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("text", [
    "I cut my arm on purpose",
    "I burned my hand deliberately",
    "I dug my nails into my arm on purpose.",
    "I don't want to live like this anymore.",
    "I don't want to live in this world anymore.",
    "I feel like a burden",
    "I'm just a burden to everyone",
    "Everyone makes me feel like a burden.",
    "You always make me feel like a burden. I can't take it anymore.",
    "I've been doing it again and hiding it from everyone.",
])
def test_the_real_signs_beside_them_stay_crisis(text: str) -> None:
    assert _crisis(text)
