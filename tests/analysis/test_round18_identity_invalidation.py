"""Microaggressions about sexuality and gender as ``rupture.invalidation`` in rules mode (round 18,
tester t2, P5): "who's the man", "you don't look gay", "bisexual means you haven't picked",
"I accept you, I just don't want to see it", "don't tell your grandmother, she's old", "I can't
accept this lifestyle", "you were such a pretty girl, why change that". The sentences are our own
variants as well as the tester's; the near-misses are sincere questions and the same words about
something else ("which one of you is driving?", "don't tell your grandmother about the party, it's
a surprise", "I'll pray for you, I hope the surgery goes well").

Also a "sorry!!" that centres the speaker's own difficulty or ends "you don't have to be so
sensitive" is no ownership (P4); an invitation to talk, "you can tell me whatever you want to
tell me", is no appeasing (P8); "I'm literally dead, I can't breathe" is laughter, not a feeling
shared as repair (P14)."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

INVALIDATION = "rupture.invalidation"
RESPONSIBILITY = "repair.responsibility"

MICROAGGRESSIONS = [
    "So which one of you is the man?",
    "which one of you plays the wife then?",
    "You don't look gay at all.",
    "honestly you don't even look trans",
    "Bisexual just means you haven't picked yet.",
    "being bi is just a phase on the way to gay",
    "I accept you, I just don't want to see it.",
    "we love you, just don't flaunt it in front of the kids",
    "Just don't tell your grandmother, okay? She's old.",
    "Well, don't tell your grandmother. It would kill her.",
    "I love you, but I can't accept this lifestyle.",
    "I'll never approve of your lifestyle choices.",
    "You were such a pretty girl, why would you want to change that?",
    "you were such a handsome boy, it's a shame to change all that",
    "You're sixteen, it's probably just a phase.",
    "I just think you're too young to put a label on yourself.",
    "I'll pray that you find your way back to God's plan for you.",
    "It's only a pronoun, why are you making it such a thing",
]

SINCERE_OR_ELSEWHERE = [
    "Can I ask which pronouns you'd like me to use?",
    "How did you know you were bi? I'd love to understand.",
    "Which one of you is driving tonight?",
    "Don't tell your grandmother about the party, it's a surprise.",
    "I'll pray for you, I hope the surgery goes well.",
    "You don't look tired at all!",
    "You're too young to drive, sweetheart.",
    "I love you, but I can't make it on Sunday.",
    "I accept your apology, thank you for saying it.",
    "You were such a pretty baby, look at this photo!",
    "Thank you for telling me. I'm proud of you, and I love you exactly as you are.",
    "Also my mum asked who's the man in the relationship again",
    "my aunt keeps asking which one of us is the man, it's exhausting",
]


@pytest.mark.parametrize("text", MICROAGGRESSIONS)
def test_a_microaggression_is_read_as_invalidation_by_the_rules(text: str) -> None:
    assert INVALIDATION in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize("text", SINCERE_OR_ELSEWHERE)
def test_a_sincere_question_or_the_same_words_elsewhere_is_no_invalidation(text: str) -> None:
    assert INVALIDATION not in mendkit.check(text, mode="rules").labels


def test_i_will_pray_for_you_after_a_coming_out_is_invalidation_but_not_after_bad_news() -> None:
    out = Conversation.from_turns([
        ("Jordan", "Dad, I'm gay. I wanted you to hear it from me."),
        ("Dad", "I'll pray for you."),
    ])
    ill = Conversation.from_turns([
        ("Jordan", "The scan came back and I need surgery next week."),
        ("Dad", "I'll pray for you."),
    ])
    assert INVALIDATION in mendkit.analyze(out, mode="rules").turns[1].labels
    assert INVALIDATION not in mendkit.analyze(ill, mode="rules").turns[1].labels


@pytest.mark.parametrize("text", [
    "Sorry!! I keep forgetting, it's hard for me okay",
    "sorry!! I'm trying, you know I'm trying. You don't have to be so sensitive about it",
    "omg sorry!! it's just so hard, I've known you forever",
    "sorry but it's really hard for me to get used to",
])
def test_a_sorry_that_centres_the_speaker_is_no_ownership(text: str) -> None:
    labels = mendkit.check(text, mode="rules").labels
    assert INVALIDATION in labels
    assert RESPONSIBILITY not in labels


def test_an_apology_that_owns_the_hurt_keeps_its_ownership() -> None:
    text = "I'm sorry, I know it's hard for you when I get your name wrong. I'll keep practising."
    labels = mendkit.check(text, mode="rules").labels
    assert RESPONSIBILITY in labels
    assert INVALIDATION not in labels


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_an_invitation_to_talk_is_no_appeasing(mode: str) -> None:
    text = ("Can we get dinner tomorrow, just us, and you can tell me whatever you want to "
            "tell me?")
    labels = mendkit.check(text, mode=mode).labels
    assert "rupture.withdrawal" not in labels
    assert "repair.request" in labels


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_laughing_till_you_cannot_breathe_is_no_feeling_shared(mode: str) -> None:
    text = "I'm literally dead, I can't breathe, that's the funniest thing I've ever seen"
    result = mendkit.check(text, mode=mode)
    assert "repair.feeling" not in result.labels
    assert not result.risk.crisis
