""""Burden" in someone else's mouth (round 18). "She said I was useless and a burden on everyone"
reports an insult: it may be emotional abuse, but it is no sign that the writer is in danger, and
rules mode raised a suicide alarm on it. The writer taking the word on as true of themselves ("she
said I was a burden and she's right", "my husband says I'm a burden. I know I am", "I AM a
burden") is a sign, as it always was. The set, with the reason for each label, is
``tests/fixtures/round18/reported_burden.json``; it was written before the rules changed (rules
mode then found 12 of its 16 signs and raised 12 of its 14 reported insults)."""

from __future__ import annotations

import pytest

import mendkit
from labelled_sets import check_the_set, load_set
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
_SET, DANGER, NOT_DANGER = load_set("round18", "reported_burden.json")


def test_the_set_has_both_sides_and_every_label_its_reason() -> None:
    check_the_set(_SET, least=10)


@pytest.mark.parametrize("text", DANGER)
def test_taking_the_word_burden_on_oneself_is_a_suicide_sign_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert "suicide" in result.risk.kinds
    assert result.risk.resources


@pytest.mark.parametrize("text", NOT_DANGER)
def test_a_reported_burden_insult_alone_raises_no_crisis_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize("text", DANGER)
def test_taking_the_word_burden_on_oneself_is_a_sign_in_full_mode(text: str) -> None:
    result = mendkit.check(text, mode="full")
    assert result.risk.crisis
    assert "suicide" in result.risk.kinds


def test_the_agreement_is_what_raises_the_sign() -> None:
    """The same report, with and without the writer agreeing."""
    assert not mendkit.check("My mum says I'm a burden.", mode="rules").risk.crisis
    assert mendkit.check("My mum says I'm a burden. She's right.", mode="rules").risk.crisis
    assert not mendkit.check("My mum says I'm a burden. She's wrong.", mode="rules").risk.crisis


def test_a_reported_insult_beside_a_sign_of_the_writers_own_still_raises_it() -> None:
    """The report leaves only the burden words aside: the rest of the turn is read as before."""
    for text in ("My dad says I'm a burden and I can't go on like this.",
                 "He keeps saying I'm a burden. I've been thinking about ending it.",
                 "She told me I'm a burden and I just want to sleep and never wake up."):
        result = mendkit.check(text, mode="rules")
        assert result.risk.crisis, text
        assert "suicide" in result.risk.kinds


def test_a_reported_burden_insult_in_a_conversation_raises_no_crisis() -> None:
    analysis = mendkit.analyze(mendkit.Conversation.from_turns([
        ("Therapist", "How did the visit go?"),
        ("Client", "Badly. She said I was useless and a burden on everyone."),
        ("Therapist", "That sounds painful to hear."),
    ]), mode="rules")
    assert not analysis.safety.crisis
