"""Round 18 (tester t3): a supporter who points the person at risk to help ("it's not your fault.
You can call a domestic abuse line") is not a crisis turn; the person's own turn still is, and
the safety summary still shows resources. A helper who tells of their own danger keeps the label."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"
JAN = ("Jan", "My husband said if I leave he'll kill me and the kids.")


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_pointer_to_help_is_the_helpers_support_not_their_crisis(mode: str) -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        JAN, ("Kay", "That is serious and it's not your fault. You can call a domestic abuse "
                     "line right now.")]), mode=mode)
    assert CRISIS in analysis.turns[0].labels
    assert CRISIS not in analysis.turns[1].labels
    assert not [e for e in analysis.turns[1].evidence if e.label == CRISIS]
    assert "repair.validate" in analysis.turns[1].labels
    assert analysis.safety.crisis and list(analysis.safety.turns) == [0]
    assert analysis.safety.resources


@pytest.mark.parametrize("reply", [
    # The helper tells of their own danger too.
    "It's not your fault. You can call a domestic abuse line, my ex hit me too.",
    # No pointer to help: the rule's reading stands.
    "My husband hits me too, I know how it feels.",
])
def test_a_helper_who_tells_of_their_own_danger_keeps_the_label(reply: str) -> None:
    analysis = mendkit.analyze(Conversation.from_turns([JAN, ("Kay", reply)]), mode="rules")
    assert CRISIS in analysis.turns[1].labels


def test_the_person_at_risk_naming_a_line_keeps_their_label() -> None:
    analysis = mendkit.analyze(Conversation.from_turns([
        JAN, ("Kay", "You can call a domestic abuse line right now."),
        ("Jan", "I can't call a domestic abuse line, he hits me when I use the phone.")]),
        mode="rules")
    assert CRISIS in analysis.turns[2].labels


def test_without_a_sign_before_a_pointer_to_help_is_read_as_before() -> None:
    alone = mendkit.analyze(Conversation.from_turns([
        ("Kay", "You can call a domestic abuse line right now.")]), mode="rules")
    assert CRISIS in alone.turns[0].labels  # no sign to answer: the rules' reading stands
