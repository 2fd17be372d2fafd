"""Round 11: confrontation the testers saw missed (contempt, blame, sarcasm, forgiveness demands,
complaints about the therapy itself) and confrontation they saw invented (a therapist's
reflection, a soft start-up, an agreement, a complaint about someone who is not there)."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_turn

CONFRONTATION = "rupture.confrontation"


def _subtypes(text: str) -> set[str | None]:
    turn = analyze_turn(0, "me", text, [])
    return {e.subtype for e in turn.evidence if e.label == CONFRONTATION}


@pytest.mark.parametrize(("text", "subtype"), [
    ("That's the dumbest idea I've heard all week.", "contempt"),
    ("Honestly it reads like a high schooler wrote it.", "contempt"),
    ("Stop guilt-tripping me. I have my own life, you know.", "hostility"),
    ("You told my secret to your brother.", "complaint"),
    ("This is your fault, not mine.", "criticism"),
    ("You make me feel stupid.", "criticism"),
    ("You make me feel small.", "criticism"),
    ("You make me feel like an idiot.", "criticism"),
    ("Oh great, thanks SO much for remembering. Really.", "contempt"),
    ("Oh sure, I'm SO sorry for daring to have an opinion. Wow, what a monster I am.", "contempt"),
    ("You need to forgive me.", "pressure"),
    ("Just forgive me already.", "pressure"),
    ("I said sorry, so you have to forgive me now.", "pressure"),
    ("I don't know why I keep coming here. Six months and nothing has changed.", "rejection"),
    ("Whatever. Maybe I should just find someone else.", "rejection"),
    ("maybe I should find a different therapist", "rejection"),
    ("Yes. And you raised your fees without even asking how that would be for me.", "complaint"),
])
def test_confrontation_the_testers_saw_missed_is_found(text: str, subtype: str) -> None:
    assert subtype in _subtypes(text)


@pytest.mark.parametrize("text", [
    # a therapist's reflection shows the client was heard
    "So part of you feels like therapy is a waste of time",
    "It sounds like you feel these exercises are useless.",
    "You're saying this isn't helping, and you wonder why you keep coming.",
    "Part of you wonders whether you should find a different therapist.",
    # a soft start-up: a feeling owned in an I-statement, with or without a request
    "I felt hurt and lonely when you left the party without me. I need us to leave together next time.",
    "I felt scared, alone and hurt when you left the party without me.",
    "When you didn't come home I got scared, and I'm sorry for yelling.",
    # an agreement, and a complaint about someone who is not in the conversation
    "She listened, and we agreed on three priorities.",
    "That I'm not angry with him, I'm just tired of being the one who organises everything",
    # banter and near-misses of the new rules
    "haha you're so funny 😂",
    "Thanks so much for remembering. Really, it meant a lot.",
    "Please forgive me, I was wrong and I'm sorry.",
    "You don't have to forgive me.",
    "You make me feel safe.",
    "I don't know why I keep coming back to that memory.",
    "Maybe I should get someone else to look at the boiler.",
    "That's the dumbest thing I've ever done, I left my keys in the fridge.",
    "My therapist says I need to stop guilt-tripping myself.",
])
def test_no_confrontation_where_there_is_none(text: str) -> None:
    assert _subtypes(text) == set()


def test_a_complaint_with_a_hurtful_feeling_word_still_counts() -> None:
    # The soft start-up exclusion is for I-statements, not for every complaint near a feeling.
    assert "complaint" in _subtypes("It hurt when you laughed at me in front of everyone.")
    assert "complaint" in _subtypes("I was upset that you didn't call.")
