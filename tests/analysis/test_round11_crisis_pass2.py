"""Round 11, second pass: an apology that asks for forgiveness is not a farewell; jokes near the
new abuse rules stay quiet; close variants of plain violence, texting threats and coercive control
are caught; a victim's "you had to push me down the stairs" is danger to the writer, not harm to
others; and "now you'll learn" after a frightened plea is danger in a conversation."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation, Turn
from mendkit.model.analysis import Safety


def _risk(text: str) -> Safety:
    return mendkit.check(text, mode="rules").risk


_FORGIVENESS_APOLOGIES = [
    "I hope you can forgive me someday. Take all the time you need.",
    "I'm sorry I lied. Will you forgive me?",
    "I'm sorry I lied. Will you forgive me? No pressure, I understand if you need time.",
    "I lied to you. Please forgive me.",
    "I am sorry I lied. Can you ever forgive me?",
    "I'm sorry I lied about the money. I hope you can forgive me one day.",
    "I'm sorry for lying about where I was. Please forgive me.",
]


@pytest.mark.parametrize("text", _FORGIVENESS_APOLOGIES)
def test_asking_forgiveness_in_an_apology_is_not_a_crisis(text: str) -> None:
    assert not _risk(text).crisis


_FAREWELLS = [
    "please forgive me for what I'm about to do",
    "forgive me, I can't do this anymore",
    "I hope you can forgive me someday. I love you all. Goodbye.",
    "I'm sorry for everything. Please forgive me. Don't look for me.",
    "Please forgive me. The pills are in the drawer.",
    "I hope you all understand one day. Thank you for everything.",
    "I lied to my therapist about the cuts. Nobody knows.",
]


@pytest.mark.parametrize("text", _FAREWELLS)
def test_farewells_that_ask_forgiveness_still_raise_the_alarm(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis
    assert "abuse_danger" not in risk.kinds


_JOKES = [
    "my hairdresser came at me with the scissors and now i have bangs 😭",
    "See what happens to you if you skip breakfast, you'll be starving by 11.",
    "Nobody would find my body under all these blankets lol",
    "my fault he gets like that before coffee, he's grumpy lol",
    "she keeps kicking me in her sleep, I need a bigger bed",
    "my bf keeps pushing me to apply for the job",
    "u know what happens when u leave chips out? seagulls.",
    "Ugh, I called my boss mum. I should just disappear.",
    "I'm pathetic, I cried at the dog food advert again.",
    "Sorry I borrowed your car without asking. I'll fill the tank.",
    "Please don't take my charger again, I need it for work.",
    "Please forgive me for what I'm about to do to this cake lol",
]


@pytest.mark.parametrize("text", _JOKES)
def test_everyday_near_misses_raise_no_alarm(text: str) -> None:
    assert not _risk(text).crisis


_ABUSE = [
    "gf keeps slapping me when she's drunk and I don't know what to do",
    "gf keeps slapping me when she's drunk",
    "my boyfriend has been hitting me again",
    "he grabs my wrist so hard it leaves bruises whenever i try to leave the room",
    "she squeezed my arm so hard it left bruises",
    "hes gonna hurt me bad one day i just know it",
    "if u tell ur mum about us u know what happens",
    "see what happens to u if u leave",
    "I'm sorry I went out without asking. Please don't take my phone again.",
    "sorry i saw my friends without asking, please dont take my car keys again",
]


@pytest.mark.parametrize("text", _ABUSE)
def test_variants_of_violence_threats_and_control_are_danger_from_someone(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis
    assert risk.kinds == ("abuse_danger",)


def test_self_hatred_with_wanting_to_disappear_is_a_suicide_risk() -> None:
    risk = _risk("I'm pathetic, I'm disgusting, I ruin everything, I should just disappear. I'm sorry.")
    assert risk.crisis
    assert "suicide" in risk.kinds


def test_a_victim_pushed_down_the_stairs_is_not_harming_others() -> None:
    risk = _risk("I'm sorry I made you so mad that you had to push me down the stairs")
    assert risk.crisis
    assert risk.kinds == ("abuse_danger",)


def test_pushing_someone_else_down_the_stairs_is_still_harm_to_others() -> None:
    assert "harm_to_others" in _risk("I'm going to push him down the stairs").kinds


def _last_turn_crisis(*texts: str) -> bool:
    turns = tuple(Turn(index=i, speaker="AB"[i % 2], text=t) for i, t in enumerate(texts))
    analysis = analyze_conversation(Conversation(id="c", turns=turns), mode="rules")
    return "risk.crisis" in analysis.turns[-1].labels


def test_now_youll_learn_after_a_frightened_plea_is_danger() -> None:
    assert _last_turn_crisis("I'm home. Please don't be angry, I'll give you my phone",
                             "good. maybe now you'll learn")


def test_now_youll_learn_after_a_missed_bus_is_not() -> None:
    assert not _last_turn_crisis("ugh I missed the bus again because I snoozed",
                                 "good. maybe now you'll learn")
