"""Danger from abuse or violence, told in the writer's own words (round 17): family and partner
violence in dialect and slang ("my ma hit me again", "my da batters me", "me da gave me a hiding",
"my pops whoops me with an extension cord"), past and present, texting style, and the near-misses
that are no danger ("hit me up", "my mum hit the roof", "she beat me to the last slice", "my
brother punched me in the arm lol we were messing"). The set, with the reason for each label, is
``tests/fixtures/round17/abuse_danger.json``; it was written before the rules changed (rules mode
then found 41 of its 53 disclosures and raised 5 of its 48 near-misses).

Also tester t6's P12, a therapy transcript: a sister's insult the client reports ("She said I was
useless") is no sign of danger, where a reported threat of violence is; and the therapist's "Thank
you for telling me that. I want to stay with what you just said." acknowledges what was told."""

from __future__ import annotations

import pytest

import mendkit
from labelled_sets import check_the_set, load_set
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
ABUSE = "abuse_danger"
_SET, DANGER, NOT_DANGER = load_set("round17", "abuse_danger.json")


def test_the_set_is_large_enough_and_every_label_has_its_reason() -> None:
    check_the_set(_SET)


@pytest.mark.parametrize("text", DANGER)
def test_a_disclosure_of_danger_from_abuse_is_found_by_the_rules(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert CRISIS in result.labels
    assert ABUSE in result.risk.kinds  # the abuse lines are shown first
    assert result.risk.resources


@pytest.mark.parametrize("text", NOT_DANGER)
def test_a_near_miss_raises_no_crisis_in_rules_mode(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert not result.risk.crisis
    assert CRISIS not in result.labels


@pytest.mark.skipif(not available(), reason="needs the shipped model")
@pytest.mark.parametrize("text", DANGER)
def test_a_disclosure_of_danger_from_abuse_is_found_in_full_mode_with_its_kind(text: str) -> None:
    result = mendkit.check(text, mode="full")
    assert result.risk.crisis
    assert ABUSE in result.risk.kinds


def test_someone_else_smashing_the_writers_head_is_danger_from_them_not_self_harm() -> None:
    other = mendkit.check("he smashed my head against the wall", mode="rules")
    assert other.risk.kinds == (ABUSE,)
    own = mendkit.check("I was so angry I smashed my head against the wall on purpose",
                        mode="rules")
    assert own.risk.kinds == ("self_harm",)


def _therapy(client: str) -> Conversation:
    return Conversation.from_turns([
        ("Therapist", "How was the weekend with your family?"),
        ("Client", client),
        ("Therapist", "That sounds hard."),
        ("Client", "I just sat there. I didn't say anything back."),
        ("Therapist", "Thank you for telling me that. I want to stay with what you just said."),
    ])


@pytest.mark.parametrize("client", [
    "Not great. My sister came round on Sunday. She said I was useless.",
    "My sister said I was useless, that I ruin everything.",
    "She called me useless and worthless in front of my friends.",
])
def test_a_reported_insult_alone_is_no_sign_of_danger(client: str) -> None:
    analysis = mendkit.analyze(_therapy(client), mode="rules")
    assert not analysis.safety.crisis
    assert not any(e.label == CRISIS for t in analysis.turns for e in t.evidence)


@pytest.mark.parametrize("client", [
    "My sister said she'd kill me if I told Mum.",
    "He was drunk again. He said I was useless and threw his plate at me.",
])
def test_a_reported_threat_or_a_put_down_with_violence_stays_a_sign(client: str) -> None:
    analysis = mendkit.analyze(_therapy(client), mode="rules")
    assert analysis.safety.crisis
    assert ABUSE in analysis.safety.kinds
    assert analysis.safety.turns == (1,)


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_therapists_thanks_and_staying_with_it_acknowledge_what_was_told(mode: str) -> None:
    if mode == "full" and not available():
        pytest.skip("needs the shipped model")
    turns = mendkit.analyze(_therapy("My sister said I was useless."), mode=mode).turns
    assert "repair.validate" in turns[2].labels  # "That sounds hard."
    assert "repair.acknowledge" in turns[4].labels
    assert any(e.label == "repair.acknowledge" and e.source.startswith("rule:")
               for e in turns[4].evidence)


@pytest.mark.parametrize("text", [
    "cool. thanks for telling me",
    "Thanks for telling me, I'll stay with my sister that weekend then.",
])
def test_thanks_for_news_alone_is_no_acknowledgement(text: str) -> None:
    assert "repair.acknowledge" not in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize("text", [
    "gonna sleep forever after this shift lol",
    "going to sleep forever after this exam",
    "gonna sleep forever after my night shift lol",
])
def test_a_bounded_sleep_after_a_named_task_is_tiredness(text: str) -> None:
    assert not mendkit.check(text, mode="rules").risk.crisis


@pytest.mark.parametrize("text", [
    "I want to sleep forever",
    "im gonna sleep forever",
    "gonna sleep forever after tonight",
    "i just want to sleep forever after everything",
])
def test_sleeping_forever_with_no_named_task_stays_a_sign(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis and "suicide" in result.risk.kinds
