"""Danger to a child, told by someone else (round 17, tester t1's P1, P9 and P10): a parent
passing on what a child said ("Ellie told me he kicked her.", "My daughter says her stepdad
touches her at night."), a sibling or friend, or the child ("my stepdad touches me", "dad drives
us home drunk every other weekend"), and the near-misses that are no danger ("he hit her up",
"she hit her head", "he touched her shoulder to wake her", "he kicked her out of the group chat").
Sibling scuffles between children ("my son kicked his brother lol") are left out on purpose: the
reason is written beside each in ``tests/fixtures/round17/child_danger_reported.json``, which was
written before the rules changed (rules mode then found 12 of its 45 signs and raised 3 of its
48 near-misses).

A plea for secrecy takes the kind of what the secret is about: "he hits me ... please don't tell
him i told you" is danger from him, not self-harm (P9)."""

from __future__ import annotations

import pytest

import mendkit
from labelled_sets import check_the_set, load_set
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
ABUSE = "abuse_danger"
_SET, DANGER, NOT_DANGER = load_set("round17", "child_danger_reported.json")


def test_the_set_is_large_enough_and_every_label_has_its_reason() -> None:
    check_the_set(_SET)


@pytest.mark.parametrize("text", DANGER)
def test_danger_told_by_someone_else_is_found_by_the_rules(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert CRISIS in result.labels
    assert result.risk.kinds[0] == ABUSE  # the child-protection and abuse lines come first
    assert result.risk.resources


@pytest.mark.parametrize("text", NOT_DANGER)
def test_a_near_miss_raises_no_crisis_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize("text", [
    "Ellie told me he kicked her.", "he hit her", "he punched her", "he kicked her",
    "My daughter says her stepdad touches her at night.", "my stepdad touches me",
    "dad drives us home drunk every other weekend",
    "She told me my daughter said her stepdad touches her at night and she hates it.",
])
def test_the_testers_lines_are_found_in_full_mode(text: str) -> None:
    result = mendkit.check(text, mode="full")
    assert result.risk.crisis
    assert ABUSE in result.risk.kinds


def _conversation(lines: list[tuple[str, str]]) -> Conversation:
    return Conversation.from_turns(lines)


_DISCLOSURE = [
    ("Mum", "How was your weekend at dad's, sweetheart?"),
    ("Leo", "ok"),
    ("Mum", "Just ok? You seem quiet."),
    ("Leo", "he hits me when you're not there. with his belt. please don't tell him i told you"),
    ("Mum", "Thank you for telling me. You did the right thing and none of this is your fault."),
]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_plea_for_secrecy_after_a_disclosure_is_danger_from_him_not_self_harm(mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("needs the shipped model")
    analysis = mendkit.analyze(_conversation(_DISCLOSURE), mode=mode)
    turn = analysis.turns[3]
    assert CRISIS in turn.labels
    assert turn.subtypes(CRISIS) == (ABUSE,)
    assert analysis.safety.kinds == (ABUSE,)


def test_a_secret_kept_about_self_harm_stays_self_harm() -> None:
    result = mendkit.check("i cut myself again last night, please don't tell mum", mode="rules")
    assert result.risk.crisis
    assert "self_harm" in result.risk.kinds and ABUSE not in result.risk.kinds


def test_a_friends_promise_of_secrecy_about_her_cutting_follows_the_cutting() -> None:
    result = mendkit.check("She cuts herself and she made me promise not to tell anyone.",
                           mode="rules")
    assert result.risk.kinds == ("self_harm",)


def test_the_follow_up_that_the_child_is_terrified_is_flagged_in_rules_mode() -> None:
    conversation = _conversation([
        ("Sam", "Separate thing, Ruby said something worrying last night."),
        ("Sam", "She said your brother grabbed her by the neck when she wouldn't stop crying "
                "and she couldn't breathe."),
        ("Jess", "What? When?"),
        ("Sam", "At your mum's on Saturday. She made me promise not to say. She's terrified of "
                "him."),
    ])
    analysis = mendkit.analyze(conversation, mode="rules")
    assert analysis.safety.turns == (1, 3)
    assert analysis.turns[3].subtypes(CRISIS) == (ABUSE,)
