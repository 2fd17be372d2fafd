"""Round 11, third pass: a plea not to be hurt or hit, a partner checking the writer's phone or
messages, and being cornered by someone much bigger are signs of danger from abuse, while the
everyday phrases that share their words ("don't hit me up", "check my phone for work", "the cat
corners me") stay quiet."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model.analysis import Safety


def _risk(text: str) -> Safety:
    return mendkit.check(text, mode="rules").risk


_DANGER = [
    # Pleas not to be hurt or hit.
    "Please don't hurt me again.",
    "please dont hurt me",
    "please don't hit me",
    "Please forgive me, I won't go out again, just please don't hit me",
    "I'm sorry I forgot to text you back. Please don't hurt me again.",
    "pls dont hit me again",
    # A partner checking the writer's phone or messages.
    "I'm sorry I talked to my friend. I know you have to check my phone.",
    "I know you have to check my phone.",
    "he checks my phone every night",
    "she makes me show her my messages",
    "my boyfriend goes through my phone every day",
    # Physical intimidation.
    "every time i try to talk to him about it he corners me and i freeze. he's twice my size and he knows it",
    "he corners me in the kitchen and I can't get out",
    "he's twice my size and he knows it",
]


@pytest.mark.parametrize("text", _DANGER)
def test_pleas_phone_control_and_cornering_are_abuse_danger(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis
    assert "abuse_danger" in risk.kinds


_NEAR_MISSES = [
    "please don't hurt me with the spoilers",
    "don't hit me with that pun",
    "please don't hurt me, I bruise like a peach lol",
    "don't hit me up before 9",
    "please don't hit me up after 10, I'm asleep",
    "Don't hurt me, I'm just the messenger!",
    "please don't hurt me when you see the bill lol",
    "can you check my phone, it's making a weird noise",
    "I have to check my phone for work",
    "I have to check my phone every few minutes for work emails",
    "she checks my phone for me when I'm driving",
    "my mum makes me show her my homework",
    "the cat corners me for food every morning",
    "he corners me at parties to talk about crypto",
    "he's twice my size so I borrowed his jacket",
]


@pytest.mark.parametrize("text", _NEAR_MISSES)
def test_everyday_phrases_near_those_signs_stay_quiet(text: str) -> None:
    assert not _risk(text).crisis


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry I forgot to text you back. Please don't hurt me again.",
        "I'm sorry I talked to my friend. I know you have to check my phone.",
    ],
)
def test_a_frightened_apology_is_not_scored_as_ownership(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert not result.components["ownership"]
