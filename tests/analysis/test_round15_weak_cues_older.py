"""Round 15 (tester t3): two weak crisis hints added up to a suicide flag in an ordinary letter
about the bridge club and a hip. Bridge the card game, a hip operation and a fall are no hints; a
bridge one keeps thinking about and hurt one hides still add up."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"
_MODES = ("rules", "full")

_LETTER = ("Margaret, I must say I was rather taken aback that you told the whole bridge club "
           "about my hip before I had told my own daughter.")

_CLEAR = [
    _LETTER,
    "We play bridge on Tuesdays, and my hip has been much better since the operation.",
    "Since my fall the bruises on my arms have faded, and I'm back at bridge on Thursday.",
    "I had a fall in the garden and hurt my hip; the stitches come out on Monday.",
    "Partnered Joan at the bridge tournament. My hip replacement is booked for May.",
    "I've a hip operation next month, so no bridge evenings until the spring.",
]

_STAYS = [
    "I keep thinking about the bridge. I've been hurting myself again.",
    "I keep thinking about the bridge. Nobody knows about my arms.",
    "I keep going back to the bridge. There's blood on my sleeve again and nobody knows.",
    "the pills are in the drawer, what you saw on my arms is nothing",
]


def _labels(text: str, mode: str = "rules") -> tuple[str, ...]:
    conversation = Conversation.from_turns([("Dorothy", text)])
    return mendkit.analyze(conversation, mode=mode).turns[0].labels


@pytest.mark.parametrize("text", _CLEAR)
def test_bridge_hips_and_falls_are_no_crisis(text: str) -> None:
    assert CRISIS not in _labels(text), text
    assert not mendkit.check(text, mode="rules").risk.crisis, text


@pytest.mark.parametrize("mode", _MODES)
def test_the_letter_raises_no_crisis_rule_in_either_mode(mode: str) -> None:
    assert not mendkit.check(_LETTER, mode=mode).risk.kinds


@pytest.mark.parametrize("text", _STAYS)
def test_real_pairs_of_hints_still_add_up(text: str) -> None:
    assert CRISIS in _labels(text), text
    risk = mendkit.check(text, mode="rules").risk
    assert risk.crisis, text


def test_the_letters_conversation_has_no_crisis() -> None:
    turns = [
        ("Dorothy", _LETTER),
        ("Margaret", "I only mentioned it because they were asking after you. I hardly think it "
                     "was a state secret."),
        ("Dorothy", "I see. Well, I shan't trouble you with my news in future."),
        ("Margaret", "Dear Dorothy, I spoke carelessly at bridge, and then I was dismissive when "
                     "you rightly raised it. I am very sorry."),
    ]
    safety = mendkit.analyze(Conversation.from_turns(turns), mode="rules").safety
    assert not safety.crisis, safety.turns

