"""Addiction and recovery in the rules (round 18, tester t4): overdose and danger signs.

An overdose already taken and told with an apology ("mom I already took all of it before you
called. im sorry"), overdose intent in drug and texting slang ("use until I don't wake up", "drink
till it all stops", "took like 30 of my klonopin"), "I'd rather not be here" after a promise, a
drinking partner's fist through a door, and "I have enough" in answer to "do you have anything on
you?" are crisis signs in rules mode. "Took all of it" about medicine as prescribed, a cake or the
blame, "I have enough" about money and "drink till it stops" about rain are not."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation
from mendkit.models.classifier import available

SIGNS = [
    ("mom I already took all of it before you called. im sorry", "suicide"),
    ("I already took all of it.", "suicide"),
    ("Copped enough to go out on my own terms tonight", "suicide"),
    ("took like 30 of my klonopin, feeling really floaty lol", "suicide"),
    ("Mom I'm fine. Just gonna drink till it all stops.", "suicide"),
    ("I'm going to use until I don't wake up.", "suicide"),
    ("gonna shoot the whole bag and be done with all of it", "suicide"),
    ("Double-dosed my methadone and I'm drinking too, idc what happens", "suicide"),
    ("I mean I won't put you through it again. I'd rather not be here.", "suicide"),
    ("He's been drinking since noon and he just put his fist through the bathroom door.",
     "abuse_danger"),
]

NEAR_MISSES = [
    "I already took all of it, like the doctor said, two a day with food.",
    "I took all of it as prescribed.",
    "The cake? I already took all of it to the party.",
    "I took all of it. The blame, I mean. It was my fault.",
    "We'll stay in and drink tea till it stops raining.",
    "Let's drink till it stops, then walk home.",
    "I'm leaving this job on my own terms, not theirs.",
    "I took 2 of my vitamins this morning.",
    "I'd rather not be here when he arrives.",
    "He put his fist through a board at karate, he was so proud.",
]


@pytest.mark.parametrize(("text", "kind"), SIGNS)
def test_an_overdose_or_danger_sign_in_recovery_words_is_found_by_the_rules(
        text: str, kind: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert kind in result.risk.kinds
    assert result.risk.resources


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_raises_no_crisis_in_rules_mode(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_the_promise_before_i_would_rather_not_be_here_is_no_commitment() -> None:
    result = mendkit.check("I mean I won't put you through it again. I'd rather not be here.",
                           mode="rules")
    assert "repair.request" not in result.labels


def test_an_answer_about_means_after_a_safety_question_is_a_crisis_sign() -> None:
    asked = "Kyle, are you safe right now? Do you have anything on you?"
    result = mendkit.check("I have enough. I don't care anymore.", context=[asked], mode="rules")
    assert result.risk.crisis


@pytest.mark.parametrize(("asked", "answer"), [
    ("Do you have enough cash on you for the bus?", "I have enough."),
    ("Are you safe right now?", "yes"),
    ("Have you got any snacks on you?", "yeah I've got some"),
])
def test_an_everyday_answer_after_a_question_is_no_crisis(asked: str, answer: str) -> None:
    assert not mendkit.check(answer, context=[asked], mode="rules").risk.crisis


PARENT = [
    ("Linda", "I know you're using again. I'm not angry. I'm frightened for you."),
    ("Kyle", "Honestly I'm tired of all of it. Next time I'm just going to use until I don't "
             "wake up."),
    ("Linda", "Kyle, are you safe right now? Do you have anything on you?"),
    ("Kyle", "I have enough. I don't care anymore."),
    ("Linda", "I'm calling 988 with you right now. I love you. I'm not going anywhere."),
    ("Kyle", "ok"),
    ("Linda", "Stay on the phone with me. I'm here."),
    ("Kyle", "mom I already took all of it before you called. im sorry"),
]


def test_the_means_answer_and_the_overdose_taken_are_flagged_in_the_conversation() -> None:
    result = mendkit.analyze(Conversation.from_turns(PARENT), mode="rules")
    assert {3, 7} <= set(result.safety.turns)
    assert 4 not in result.safety.turns  # the mother calling 988 is no sign


DANGER = [
    ("Alex", "He's been drinking since noon and he just put his fist through the bathroom door."),
    ("Jo", "Are you somewhere safe? Where are you right now?"),
    ("Alex", "Locked in the car. When he's drunk like this I'm scared he'll actually hurt me."),
    ("Jo", "I'm coming to get you. Can you drive to the gas station on Elm?"),
    ("Alex", "ok. sorry for dumping this on you"),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_sorry_for_telling_in_a_crisis_is_no_repair(mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("the model is not installed")
    result = mendkit.analyze(Conversation.from_turns(DANGER), mode=mode)
    assert 0 in result.safety.turns
    assert "repair.responsibility" not in result.turns[4].labels


def test_not_angry_but_frightened_is_a_feeling_not_a_denial() -> None:
    turns = [("Linda", "Kyle, you didn't come home last night. I called you eleven times."),
             ("Kyle", "I was at Jay's. Stop tracking me."),
             ("Linda", "I know you're using again. Your eyes, the spoons in your room. I'm not "
                       "angry. I'm frightened for you.")]
    labels = mendkit.analyze(Conversation.from_turns(turns), mode="rules").turns[2].labels
    assert "repair.feeling" in labels
    assert "rupture.withdrawal" not in labels
