"""Round 10: the crisis rules. Misspelt "suicide"/"suicidal" and plain messages that rules mode
missed are crises; idioms, a travel goodbye, ending a relationship, an apology letter and suicide
or abuse named as a topic are not. A reported put-down is no suicide sign, and a weak match
next to explicit abuse keeps the abuse stop (with its safety plan)."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode
from mendkit.coach.machine import EventType
from mendkit.coach.safety_gate import gate


def _crisis(text: str, mode: Mode = "rules") -> bool:
    return mendkit.check(text, mode=mode).risk.crisis


@pytest.mark.parametrize("text", [
    "i feel sucidal",
    "i feel suacidal",
    "been feeling suisidal all week",
    "im suisidal",
    "sucide is on my mind",
    "i want to commit suiside",
    "i'm going to commit sucide",
    "having sucidal thoughts again tonight",
    "Im so suicdal rn",
    "i want to kil my self",
    "gonna kill my self",
])
def test_misspelt_suicide_is_a_crisis(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", ["i feel sucidal", "i want to commit suiside"])
def test_misspelt_suicide_is_a_crisis_in_full_mode_too(text: str) -> None:
    assert _crisis(text, mode="full")


@pytest.mark.parametrize("text", [
    "honestly id rather be dead than keep feeling like this",
    "I'd rather be dead than go through another week of this",
    "The only way I can feel anything is by cutting",
    "cutting is the only thing that makes me feel anything",
    "I've written my note and sorted my affairs, I'm ready",
    "I'm fine really, I've just been thinking about how everyone would cope if I wasn't around",
    "wondering how my family would manage if i wasn't here",
    "Gave my cat to my sister so she's looked after. I won't need anything anymore.",
])
def test_plain_crisis_messages_are_found_by_the_rules(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", [
    "Monday can go jump off a cliff honestly",
    "my boss can go jump off a bridge for all i care",
    "This is my last message before I board, see you in Lisbon!",
    "last text before my flight takes off, love you all, see you in two weeks",
    "i cant be with someone who doesn't respect me, so im ending it",
    "I can't stay with a man who lies to me, I'm ending it tonight.",
    "I've written a letter to my sister to say sorry, going to post it on Monday",
    "wrote a letter to my dad to apologise for the wedding",
    "Thirteen Reasons Why was controversial for how it showed suicide",
    "The song 'Suicide Is Painless' is the theme from M*A*S*H, did you know?",
    "A colleague of mine lost his son to suicide, what do I say to him?",
    "My neighbour lost her husband to suicide last spring, should I send a card?",
    "Domestic violence charities say calls went up during lockdown",
    "Domestic abuse figures rose again this year, the news said.",
])
def test_idioms_goodbyes_breakups_apologies_and_topics_are_not_crises(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("text", [
    "Monday can go jump off a cliff and honestly so could I, I want to die",
    "I could go jump off a cliff tonight",
    "This is my last message before I go, I'm sorry for everything",
    "My brother lost his job and now he talks about suicide every night",
    "He lost his son to suicide and now I feel suicidal too",
    "I'm scared, domestic violence is happening in my house every night",
    "I'm ending it tonight, I can't go on",
])
def test_the_same_words_still_raise_a_crisis_when_they_mean_one(text: str) -> None:
    assert _crisis(text)


def test_a_put_down_someone_else_said_is_no_suicide_sign() -> None:
    conversation = mendkit.Conversation.from_turns([
        ("Therapist", "Where would you like to start?"),
        ("Client", "I guess he called again. He was drunk. He said I was a disappointment."),
    ])
    turn = mendkit.analyze(conversation, mode="rules").turns[1]
    kinds = {e.subtype for e in turn.evidence if e.label == "risk.crisis"}
    assert "suicide" not in kinds
    assert "abuse_danger" in kinds


def test_feeling_a_disappointment_oneself_is_still_a_sign() -> None:
    turn = mendkit.analyze(mendkit.Conversation.from_turns(
        [("me", "I'm such a disappointment, I've got the pills here")]), mode="rules").turns[0]
    assert any(e.subtype == "suicide" for e in turn.evidence if e.label == "risk.crisis")


@pytest.mark.parametrize("text", [
    "Chris checks my phone every night and won't let me see my friends, and takes my bank card",
    "He takes my bank card and won't let me see my friends",
])
def test_a_weak_match_next_to_explicit_abuse_keeps_the_abuse_stop(text: str) -> None:
    assert gate(text, mode="rules") is EventType.ABUSE


@pytest.mark.parametrize("text", [
    "He hits me and I want to kill myself",
    "He won't let me see my friends and I've been cutting again",
])
def test_an_explicit_suicide_or_self_harm_sign_next_to_abuse_is_a_crisis_stop(text: str) -> None:
    assert gate(text, mode="rules") is EventType.CRISIS
