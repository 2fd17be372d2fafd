"""The parts of a repair are read as what they are: an offer of repair or a concrete commitment
inside an apology is a commitment (plain task talk is not), a demand or a vague "when I can" is
not a request, someone else's hurt is validated rather than claimed as one's own feeling, and
short warm replies after a repair are reconnection."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation


def labels(text: str) -> set[str]:
    return set(mendkit.check(text, mode="rules").labels)


def last_labels(*turns: tuple[str, str]) -> set[str]:
    analysis = mendkit.analyze(Conversation.from_turns(list(turns), id="t"), mode="rules")
    return set(analysis.turns[-1].labels)


@pytest.mark.parametrize("text", [
    "I'm sorry I ate your leftovers. I'll replace them tonight.",
    "I'm sorry I was short with you on the phone. I'll call back after work.",
    "I still haven't paid you back the £50, and I'm sorry. I'll transfer it on Friday.",
    "I made a mistake with your order and I'm sorry. I've sent the right one today.",
    "You're right that I was on my phone the whole dinner. I'm sorry. "
    "I'd like to put phones away at dinner from now on.",
    "I took your charger without asking. I'm sorry, I'll bring it back tonight.",
    "I'll listen first next time.",
    "I'm sorry I said calm down when you were upset. I'll listen first next time.",
])
def test_an_offer_of_repair_or_a_commitment_counts(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert "repair.request" in result.labels
    assert result.components["request"]


@pytest.mark.parametrize("text", [
    "I'll send an invite.",
    "I'll replace the battery tonight.",
    "Sorry, I'm in a meeting, I'll call back after work.",
    "I'll see you next time.",
    "I'd like to go to Spain in the future.",
    "Sorry, traffic. I'll be there in ten.",
    "I'm sorry, I'll have to cancel tonight.",
])
def test_task_talk_and_politeness_stay_unlabelled(text: str) -> None:
    assert "repair.request" not in labels(text)


def test_a_request_for_phone_free_dinners_is_a_request() -> None:
    assert "repair.request" in labels("I feel ignored when you're on your phone. "
                                      "Could we have phone-free dinners?")
    assert "repair.request" not in labels("The cafe has phone-free tables upstairs.")


@pytest.mark.parametrize("text", [
    "I need you to just calm down.",
    "I feel like you are always making such a big deal. I need you to just calm down.",
    "God, relax, it's only fifty quid, I'll pay you back when I can.",
    "So this week I'd like you to do two thought records a day, every day.",
])
def test_a_demand_a_vague_promise_or_homework_is_not_a_repair_request(text: str) -> None:
    assert "repair.request" not in labels(text)


def test_a_concrete_payback_is_still_a_commitment() -> None:
    assert "repair.request" in labels("I'm sorry, I'll pay you back on Friday.")


def test_a_leisure_invitation_after_a_complaint_is_not_a_repair_request() -> None:
    assert "repair.request" not in last_labels(
        ("Leo", "You forgot to pay the electricity bill."),
        ("Mae", "I'm sorry, that's on me. I'll pay it today."),
        ("Leo", "Hmm."),
        ("Mae", "Shall we watch a film tonight?"),
    )


def test_knowing_the_other_was_hurt_validates_and_is_not_ones_own_feeling() -> None:
    found = labels("I forgot your birthday and I'm really sorry. I know that hurt.")
    assert "repair.feeling" not in found
    assert "repair.validate" in found
    assert "repair.feeling" in labels("Honestly, it stung.")


def test_getting_scared_is_a_feeling_even_after_a_negated_clause() -> None:
    assert "repair.feeling" in labels("When you didn't come home I got scared, "
                                      "and I took it out on you by yelling.")
    assert "repair.feeling" not in labels("It's not like I got scared or anything.")


def test_both_contributed_is_not_a_feeling() -> None:
    assert "repair.feeling" not in labels(
        "I've been reflecting on our interaction yesterday and I want you to know that I "
        "respect you as a person, and I think if we're honest we both contributed to the "
        "tension.")


def test_love_you_after_a_warm_exchange_is_reconnect() -> None:
    turns = [
        ("Jay", "sorry about the lab fr"),
        ("Jay", "i should have told u"),
        ("Mom", "thank you for saying that ❤️"),
        ("Jay", "👍"),
        ("Mom", "love you"),
    ]
    assert "reconnect" in last_labels(*turns)
    assert "reconnect" in last_labels(*turns, ("Jay", "love u too"))
    assert "reconnect" not in last_labels(("Al", "The meeting's moved to three."),
                                          ("Bo", "love you too, bye"))


def test_a_message_reaction_line_stays_clean_in_rules_mode() -> None:
    assert last_labels(
        ("Noah", "ur right im sorry. i left late, thats on me"),
        ("Ava", 'Laughed at "ur right im sorry. i left late, thats on me"'),
    ) == set()


@pytest.mark.parametrize("text", [
    "i get why youd feel like that honestly",
    "i get why ur upset",
    "i understand why youre hurt",
])
def test_texted_validation_counts(text: str) -> None:
    assert "repair.validate" in labels(text)
