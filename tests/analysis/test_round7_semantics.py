"""Round 7 semantics fixes: threats aimed at "you", indirect crisis disclosures, everyday idioms
and injuries someone else caused (rules mode, which is what ``mend check --mode rules`` shows)."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation


def _safety(*texts: str) -> tuple[bool, tuple[str, ...], list[tuple[str, ...]]]:
    conversation = Conversation.from_turns([("Ana" if i % 2 == 0 else "Ben", t)
                                            for i, t in enumerate(texts)])
    analysis = analyze_conversation(conversation, mode="rules")
    return (analysis.safety.crisis, tuple(analysis.safety.kinds),
            [tuple(turn.labels) for turn in analysis.turns])


@pytest.mark.parametrize("text", [
    "If you leave me I'll kill you.",
    "I'm going to kill you.",
    "I swear I will kill you",
    "I'll hurt you if you leave",
    "I will hurt you",
    "Next time I'll break your arm.",
    "My partner said 'I'll kill you if you leave' and I think he means it.",
    'He told me "I will kill you if you go to the police".',
    "My husband said, if you leave I will kill you.",
    "He texted me 'you're dead if you tell anyone'.",
    'My boyfriend said: "try leaving and see what happens to you"',
])
def test_a_threat_aimed_at_you_is_a_danger_crisis(text: str) -> None:
    crisis, kinds, _ = _safety(text)
    assert crisis, text
    assert "abuse_danger" in kinds


@pytest.mark.parametrize("text", [
    "I have the pills saved up.",
    "I've got pills saved up.",
    "I have enough pills saved up now.",
    "got the pills saved up",
    "I've stopped taking my meds and stockpiled them.",
    "I've thought about overdosing.",
    "Thinking of OD'ing tonight",
    "everyone would be better off w/o me",
    "Ill be gone soon and you won't have to deal with me",
    "Soon I'll be gone and you can all be happy.",
    "My affairs are in order.",
    "I bought a rope today.",
])
def test_indirect_suicide_disclosures_are_a_crisis(text: str) -> None:
    crisis, kinds, _ = _safety(text)
    assert crisis, text
    assert "suicide" in kinds


def test_pills_saved_up_after_a_warning_sign_flags_that_turn_too() -> None:
    crisis, _, labels = _safety("I won't be around much longer.", "What do you mean?",
                                "I have the pills saved up.")
    assert crisis
    assert "risk.crisis" in labels[2]


@pytest.mark.parametrize("text", [
    "My wife will kill me if I buy another guitar.",
    "My dad will kill me if I scratch the car.",
    "If she finds out I ate her cake, she'll kill me.",
    "I'm killing myself to hit this deadline.",
    "I'm killing myself at the gym every morning.",
    "I'm killing myself trying to get this finished on time.",
    "I'm giving my old books away, anyone want some?",
    "I won't be around much longer, my shift ends at 5.",
    "mum will kill me if I'm late",
    "I'll kill you if you spoil the ending lol",
    "I'm going to kill you at Mario Kart tonight.",
    "I'll shoot you a text when I'm home.",
    "I'd never hurt you.",
    "I'm scared I'll hurt you again if I stay.",
])
def test_everyday_idioms_are_not_a_crisis(text: str) -> None:
    crisis, _, _ = _safety(text)
    assert not crisis, text


@pytest.mark.parametrize("text", [
    "He grabbed my arm so hard it left bruises.",
    "He choked me last night and I have marks on my neck.",
    "She threw a plate at me and I needed stitches.",
])
def test_injuries_someone_else_caused_are_abuse_not_self_harm(text: str) -> None:
    crisis, kinds, _ = _safety(text)
    assert crisis
    assert kinds == ("abuse_danger",), text


def test_self_harm_marks_still_count_as_self_harm() -> None:
    crisis, kinds, _ = _safety("please don't tell mum about the scars on my arms")
    assert crisis
    assert "self_harm" in kinds
