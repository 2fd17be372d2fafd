"""Danger from an ex or a date in rules mode, and a kind break-up that is no suicide sign (round
17, tester t3's P1 and P3).

Rules mode missed stalking after a "no" ("he won't take no and knows where I live"), a
possessive death threat passed on ("he said if he can't have me no one can", a known femicide
warning sign) and a threat to post someone's pictures ("he says he'll post my pics if I don't come
over"). And "I've decided to end things. You haven't done anything wrong, I just don't feel it's
right for me" raised the crisis panel: "end things" beside words about the relationship is a
break-up. "I want to end things" alone, "end it all", and "I've decided to end things. You haven't
done anything wrong." (which a farewell note could say as well: truly ambiguous) stay signs."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

CRISIS = "risk.crisis"


@pytest.mark.parametrize("text", [
    "he won't take no and knows where I live",
    "he said if he can't have me no one can",
    "he says he'll post my pics if I don't come over",
    "my ex knows where I live and keeps turning up outside my flat",
    "she won't take no for an answer and keeps following me home",
    "he said he'd show my pics to everyone if I blocked him",
    "he threatened to send my nudes to my mum",
])
def test_danger_from_an_ex_or_a_date_is_found_by_the_rules(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert result.risk.kinds == ("abuse_danger",)


@pytest.mark.parametrize("text", [
    "he won't take no for an answer when it comes to paying the bill",
    "my toddler won't take no for an answer lol",
    "he knows where I live, he's picking me up at 7",
    "she said she'll post the photos from the party on insta",
    "he'll send my photos from the trip tomorrow",
    "if he can't have the last slice no one can",
    "my ex won't take no, he's following me on insta now",
])
def test_everyday_words_about_no_pictures_and_addresses_are_no_danger(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


def test_the_danger_chat_is_flagged_turn_by_turn_in_rules_mode() -> None:
    conversation = Conversation.from_turns([
        ("Rosa", "can I stay at yours tonight? I'm scared to go home"),
        ("Dani", "of course. what happened?? is it Marcus?"),
        ("Rosa", "I ended it with him on sunday and he won't take no. he keeps turning up outside "
                 "and he knows where I live"),
        ("Rosa", "last night he said if he can't have me no one can"),
    ])
    analysis = mendkit.analyze(conversation, mode="rules")
    assert analysis.safety.turns == (0, 2, 3)
    assert analysis.safety.kinds == ("abuse_danger",)


@pytest.mark.parametrize("text", [
    "I've decided to end things. You haven't done anything wrong, I just don't feel it's right "
    "for me",
    "I've decided to end things with you",
    "I've decided to end things. I don't think we're right for each other and I don't want to "
    "lead you on.",
    "I want to end things, we want different things and I hope we can still be friends.",
])
def test_a_kind_break_up_is_no_suicide_sign_in_rules_mode(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


@pytest.mark.parametrize("text", [
    "I want to end things",
    "I want to end it all",
    "I've decided to end things.",
    "I've decided to end things. You haven't done anything wrong.",
])
def test_ending_things_with_no_relationship_in_sight_stays_a_sign(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis and "suicide" in result.risk.kinds
