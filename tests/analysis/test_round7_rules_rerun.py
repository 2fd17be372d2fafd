"""Round 7 re-run fixes in the rules engine (rules mode, which is what ``mend check --mode rules``
and ``mend batch`` show): suicidal statements that look like effort idioms, threat spellings,
ownership after a non-apology, unpunctuated reported speech, and threats read as repair."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation


def _turn(text: str) -> tuple[bool, tuple[str, ...], tuple[str, ...]]:
    """(crisis, crisis kinds, labels) for one message on its own."""
    analysis = analyze_conversation(Conversation.from_turns([("Ana", text)]), mode="rules")
    return analysis.safety.crisis, tuple(analysis.safety.kinds), tuple(analysis.turns[0].labels)


@pytest.mark.parametrize("text", [
    "I want to kill myself to get away from all this.",
    "I'm going to kill myself to get away from him.",
    "I'm killing myself to make it stop.",
    "I'll kill myself to make you see how much you hurt me.",
    "I'm killing myself trying to forget, pills every night.",
    "I want to kill myself to end the pain.",
    "I'm going to kill myself to make them sorry.",
    "I just want to kill myself to stop feeling like this.",
])
def test_kill_myself_to_escape_is_a_suicide_crisis(text: str) -> None:
    crisis, kinds, labels = _turn(text)
    assert crisis, text
    assert "suicide" in kinds
    assert "risk.crisis" in labels


@pytest.mark.parametrize("text", [
    "I'm killing myself to hit this deadline.",
    "I'm killing myself to meet the deadline on Friday.",
    "I'm killing myself at the gym every morning.",
    "I'm killing myself trying to get this finished on time.",
    "I'm killing myself to get this report done.",
    "We're all killing ourselves to make rent this month.",
    "I've been killing myself to pay the bills.",
])
def test_effort_idioms_are_still_not_a_crisis(text: str) -> None:
    crisis, _, labels = _turn(text)
    assert not crisis, text
    assert "risk.crisis" not in labels


def test_batch_of_a_conversation_flags_kill_myself_to_get_away() -> None:
    conversation = Conversation.from_turns([
        ("A", "You never listen."), ("B", "I want to kill myself to get away from all this."),
    ])
    analysis = analyze_conversation(conversation, mode="rules")
    assert analysis.safety.crisis
    assert list(analysis.safety.turns) == [1]


@pytest.mark.parametrize("text", [
    "im gonna kill u",
    "I'm gonna kill u if u leave",
    "ima kill you",
    "I'll kill u",
    "Ill hurt u if u leave",
    "I'm going to beat you",
    "I'll beat you if you leave",
    "I'm going to hit you",
    "I'll end you if you leave",
    "If you leave, you're dead.",
    "Leave me and you're dead.",
])
def test_threat_spellings_aimed_at_you_are_a_danger_crisis(text: str) -> None:
    crisis, kinds, _ = _turn(text)
    assert crisis, text
    assert "abuse_danger" in kinds


@pytest.mark.parametrize("text", [
    "I'll beat you to it, I'm nearly there.",
    "I'm going to beat you at chess tonight.",
    "I'll hit you up later about Saturday.",
    "I'll hit you back when I'm off the train.",
    "If you leave now you're dead to me.",
    "Mum will kill me if I'm late.",
])
def test_everyday_beat_hit_and_dead_to_me_are_not_a_crisis(text: str) -> None:
    crisis, _, _ = _turn(text)
    assert not crisis, text


@pytest.mark.parametrize("text", [
    "I'm sorry that you think I was rude. That's on me, I was out of line.",
    "I'm sorry you think I was rude. I own that, it's my fault.",
    "Sorry you think I was rude. My fault, I was rude.",
])
def test_ownership_after_a_non_apology_still_counts(text: str) -> None:
    _, _, labels = _turn(text)
    assert "rupture.invalidation" in labels
    assert "repair.responsibility" in labels


def test_a_non_apology_alone_still_owns_nothing() -> None:
    _, _, labels = _turn("I'm sorry that you think I was rude.")
    assert labels == ("rupture.invalidation",)


@pytest.mark.parametrize("text", [
    "He goes you never listen",
    "She's like you're so selfish",
    "My mum went you always ruin everything",
])
def test_unpunctuated_reported_speech_is_not_the_speakers_criticism(text: str) -> None:
    _, _, labels = _turn(text)
    assert labels == (), text


def test_it_goes_is_not_reported_speech() -> None:
    _, _, labels = _turn("It goes on and on and you never listen.")
    assert "rupture.confrontation" in labels


@pytest.mark.parametrize("text", [
    "I swear I will kill you",
    "Next time I'll break your arm",
    "I'll make you pay if you leave",
])
def test_a_threat_is_not_a_repair_request(text: str) -> None:
    crisis, _, labels = _turn(text)
    assert crisis
    assert "risk.crisis" in labels
    assert "repair.request" not in labels


def test_a_promise_after_a_threat_elsewhere_is_still_a_request() -> None:
    _, _, labels = _turn("I'll call you tonight, I promise.")
    assert "repair.request" in labels
