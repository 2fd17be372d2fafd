"""Round 17: a regret that names what the writer did is ownership in full mode too.

"I wish I hadn't shouted at you." kept the ownership component in rules mode and lost it in full
mode: the rule that reads a wish about one's own act (responsibility/admission-regret-humour-33,
weight 0.8) was not among those the model may not overrule, and the model read the message as a
feeling alone. Its sister, "I regret what I said" (admission-02), always stood.
"""

from __future__ import annotations

import pytest

import mendkit

# Regrets that name the writer's own act: the rules find ownership in each.
_REGRETS = [
    "I regret what I said last night.",
    "I wish I hadn't shouted at you.",
    "I shouldn't have said that.",
    "I wish I'd listened to you.",
    "I really regret how I spoke to you.",
    "I wish I had been there for you.",
    "I regret not calling you back.",
    "I wish I hadn't said those things to you.",
    "I wish I had just told you I was stressed.",
    "I wish I hadn't laughed at you in front of everyone.",
    "I really wish I'd called you back on Sunday.",
    "I wish I hadn't snapped at you this morning.",
    "Honestly I wish I'd been honest with you from the start.",
    "I wish I hadn't yelled at the kids in front of you.",
    "I just wish I'd checked with you first.",
    "I wish I had let you know I'd be late.",
    "I wish I hadn't sent that message.",
    "I wish I hadn't posted that photo of you.",
    "I shouldn't have gone through your phone.",
]


@pytest.mark.parametrize("text", _REGRETS)
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_regret_that_names_the_act_is_ownership_in_both_modes(text: str, mode: str) -> None:
    result = mendkit.check(text, mode=mode)
    assert result.components["ownership"]
    assert "repair.responsibility" in result.labels


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_wish_about_something_else_is_still_no_ownership(mode: str) -> None:
    assert not mendkit.check("I wish I had a dog.", mode=mode).components["ownership"]
    assert not mendkit.check("I wish I had told him to get lost.", mode=mode).components["ownership"]
