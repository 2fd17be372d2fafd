"""Round 7 semantics fixes, part two: a plan is not a repair, negated and praising "never"/
"overreacting", reported speech after "goes" and "'s like", and non-apologies that quote the other
person's view (rules mode, which is what ``mend check --mode rules`` shows)."""

from __future__ import annotations

import pytest

from mendkit import check
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation


def _labels(text: str, *context: str) -> tuple[str, ...]:
    return tuple(check(text, context=context, mode="rules").labels)


def _issue_kinds(text: str) -> list[str]:
    return [issue.kind for issue in check(text, mode="rules").issues]


@pytest.mark.parametrize("plan", [
    "Let's meet at the cafe at six?",
    "Shall we meet at the cafe at six?",
    "Can we meet at the station at 7?",
    "lets meet outside the cinema",
])
def test_fine_after_a_plan_to_meet_is_not_withdrawal(plan: str) -> None:
    assert _labels("Fine.", plan) == ()
    assert "repair.request" not in _labels(plan)


def test_fine_after_a_harsh_remark_is_still_withdrawal() -> None:
    assert "rupture.withdrawal" in _labels("Fine.", "You're so useless, you can't even do the dishes.")


def test_meeting_halfway_is_still_a_request() -> None:
    assert "repair.request" in _labels("Can we meet halfway on this and split the chores?")


def test_a_neutral_logistics_chat_has_no_rupture() -> None:
    conversation = Conversation.from_turns([
        ("Sam", "Let's meet at the station at six?"),
        ("Alex", "Fine."),
        ("Sam", "Dinner at mine afterwards, 8pm?"),
        ("Alex", "Fine."),
        ("Sam", "And shall we take the early train on Sunday?"),
        ("Alex", "Sure."),
    ])
    analysis = analyze_conversation(conversation, mode="rules")
    assert [turn.labels for turn in analysis.turns] == [()] * 6
    assert analysis.episodes == ()


@pytest.mark.parametrize("text", [
    "You're not overreacting.",
    "you're not overreacting at all",
    "No, you are not overreacting.",
    "Ur not overreacting babe",
])
def test_you_are_not_overreacting_is_not_minimizing(text: str) -> None:
    labels = _labels(text)
    assert "rupture.invalidation" not in labels
    assert "minimizing" not in _issue_kinds(text)


def test_you_are_overreacting_is_still_minimizing() -> None:
    assert "rupture.invalidation" in _labels("You're overreacting, it was one email.")


def test_negation_at_a_distance_covers_the_clause() -> None:
    assert _labels("I don't think for a second that you're lazy.") == ()
    assert "rupture.confrontation" in _labels("I think that you're lazy.")


@pytest.mark.parametrize("text", [
    "You never let me down.",
    "You never complain, which I really appreciate.",
    "You never overreact, you're the calmest person I know.",
    "you never fail to make me laugh",
])
def test_praise_with_never_is_not_criticism(text: str) -> None:
    assert not [label for label in _labels(text) if label.startswith("rupture.")]


@pytest.mark.parametrize("text", [
    "You never help with anything around here.",
    "You never listen to me.",
    "You never let me finish a sentence.",
])
def test_blame_with_never_is_still_criticism(text: str) -> None:
    assert "rupture.confrontation" in _labels(text)


@pytest.mark.parametrize("text", [
    "Dad goes 'you never finish anything' every single time",
    "She's like, you're so selfish, every time.",
    "my sister's like 'you always ruin it' whenever we go out",
])
def test_speech_reported_with_goes_or_is_like_is_not_said(text: str) -> None:
    assert not [label for label in _labels(text) if label.startswith("rupture.")]


def test_it_is_like_is_not_reporting() -> None:
    assert "rupture.confrontation" in _labels("It's like you never listen to a word I say.")


def test_sorry_that_you_think_is_a_non_apology_only() -> None:
    result = check("I'm sorry that you think I was rude.", mode="rules")
    assert tuple(result.labels) == ("rupture.invalidation",)
    assert not result.components["ownership"]
    assert _labels("Sorry you got upset.") == ("rupture.invalidation",)


def test_a_real_apology_still_owns_the_rudeness() -> None:
    assert "repair.responsibility" in _labels("I'm sorry, I was rude to you earlier.")
