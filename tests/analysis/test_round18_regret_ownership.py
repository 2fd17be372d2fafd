"""Round 18: owning a named past act with "regret" and a verb in -ing ("I regret snapping at
you"), or with "shouldn't have" / "it was wrong of me to" and the act, is ownership in both modes;
regretting nothing, a purchase, or telling someone not to bring something up is not."""

from __future__ import annotations

import pytest

import mendkit

RESPONSIBILITY = "repair.responsibility"
MODES = ("rules", "full")


def labels(text: str, mode: str, context: tuple[str, ...] = ()) -> set[str]:
    return set(mendkit.check(text, context=list(context), mode=mode).to_dict()["labels"])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I regret snapping at you",
    "I regret saying that about your mum",
    "I shouldn't have brought up your ex",
    "It was wrong of me to bring up your ex",
    "I really regret yelling at you last night.",
    "I regret calling you selfish in front of your sister.",
    "I regret bringing up your ex at dinner.",
    "I deeply regret losing my temper with you.",
    "I regret brushing you off when you tried to tell me.",
])
def test_regret_for_a_named_act_is_ownership(text: str, mode: str) -> None:
    assert RESPONSIBILITY in labels(text, mode)


@pytest.mark.parametrize("mode", MODES)
def test_regret_after_a_complaint_is_a_repair_of_the_episode(mode: str) -> None:
    conversation = mendkit.Conversation.from_turns([
        ("Ana", "You snapped at me in front of everyone. That was humiliating."),
        ("Ben", "I regret snapping at you. You didn't deserve that."),
    ])
    analysis = mendkit.analyze(conversation, mode=mode)
    assert RESPONSIBILITY in analysis.turns[1].labels
    assert [e.initiator for e in analysis.episodes] == ["Ben"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I regret nothing",
    "I regret buying this phone",
    "don't bring up my ex",
    "I regret ever meeting you.",
    "I regret trusting you with anything.",
    "Do you regret snapping at me?",
])
def test_regret_without_ownership_is_not_responsibility(text: str, mode: str) -> None:
    assert RESPONSIBILITY not in labels(text, mode)
