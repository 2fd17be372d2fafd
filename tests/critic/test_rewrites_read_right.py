"""The critic's rewrite and suggestions read right: the draft's own tense, complete sentences, no
flagged phrase left in, nothing made of reported speech, and issue names that fit their words."""

from __future__ import annotations

import re

import pytest

import mendkit

# Kinds a rewrite must not keep: each one undoes a repair (see the critic's PENALTIES).
UNDOING = {"contempt", "hostility", "criticism", "always_never", "non_apology", "sorry_but",
           "defensiveness", "blaming_feeling"}


def kinds(text: str) -> set[str]:
    return {i.kind for i in mendkit.check(text).issues}


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I feel ignored when you look at your phone at dinner.",
     "I feel lonely when you look at your phone at dinner."),
    ("I feel manipulated when you say that, and I feel used.",
     "I feel uneasy when you say that, and I feel hurt."),
    ("I feel disrespected when you interrupt me.", "I feel hurt when you interrupt me."),
    ("I felt ignored at the party last night.", "I felt lonely at the party last night."),
    ("I feel so ignored when you do that.", "I feel so lonely when you do that."),
])
def test_a_blaming_feeling_is_rewritten_in_the_drafts_own_tense(draft: str, rewrite: str) -> None:
    assert mendkit.check(draft).rewrite == rewrite


def test_the_suggestion_keeps_the_tense_and_is_a_whole_sentence() -> None:
    result = mendkit.check("I feel manipulated when you say that.")
    issue = next(i for i in result.issues if i.kind == "blaming_feeling")
    assert issue.suggestion.endswith(
        "\"I feel uneasy, and I need to trust that you're being straight with me.\"")
    past = mendkit.check("I felt judged at dinner.")
    issue = next(i for i in past.issues if i.kind == "blaming_feeling")
    assert "\"I felt exposed, and I need to be understood.\"" in issue.suggestion


def test_two_blaming_feelings_in_a_row_are_both_rewritten() -> None:
    result = mendkit.check("I feel abandoned and betrayed by you.")
    assert result.rewrite is not None
    assert "betrayed" not in result.rewrite and "abandoned" not in result.rewrite
    assert result.rewrite == "I feel scared, alone and deeply hurt."  # "by you" goes with them
    assert "blaming_feeling" not in kinds(result.rewrite)


@pytest.mark.parametrize("draft", ["She said I feel ignored, but I don't.",
                                   "He told me, \"I feel ignored\", and I laughed."])
def test_reported_speech_is_not_the_writers_own_blaming_feeling(draft: str) -> None:
    result = mendkit.check(draft)
    assert "blaming_feeling" not in {i.kind for i in result.issues}
    assert result.rewrite is None or "lonely" not in result.rewrite


def test_the_rewrite_drops_the_character_criticism_it_flagged() -> None:
    result = mendkit.check("You are so selfish. I'm sorry I yelled, but you made me do it.")
    assert "criticism" in {i.kind for i in result.issues}
    assert result.rewrite == "I'm sorry I yelled."
    issue = next(i for i in result.issues if i.kind == "sorry_but")
    assert issue.suggestion.endswith("For example: \"I'm sorry I yelled.\"")


def test_the_rewrite_drops_a_trailing_always_never_clause() -> None:
    result = mendkit.check("I feel ignored when you are on your phone and you never care.")
    assert result.rewrite == "I feel lonely when you are on your phone."


def test_a_sarcastic_thanks_is_not_left_as_the_better_message() -> None:
    result = mendkit.check("Oh great, another brilliant idea from you. Thanks a lot.")
    assert "contempt" in {i.kind for i in result.issues}
    assert result.rewrite is None


@pytest.mark.parametrize("draft", [
    "I feel ignored when you look at your phone at dinner.",
    "I feel like you always take her side, and I feel betrayed.",
    "I feel abandoned and betrayed by you.",
    "You are so selfish. I'm sorry I yelled, but you made me do it.",
    "I feel ignored when you are on your phone and you never care.",
    "I'm sorry you feel that way, but you always overreact.",
    "Oh great, another brilliant idea from you. Thanks a lot.",
    "Thanks for nothing. I'm sorry I yelled at you.",
])
def test_a_rewrite_is_one_the_critic_would_not_flag_again(draft: str) -> None:
    rewrite = mendkit.check(draft).rewrite
    if rewrite is not None:
        assert not kinds(rewrite) & UNDOING, rewrite
        if "felt" not in draft:
            assert "felt" not in rewrite, rewrite


def test_always_never_marks_only_words_that_say_always_or_never() -> None:
    result = mendkit.check("I feel like you don't care about me.")
    assert "always_never" not in {i.kind for i in result.issues}
    for text in ("You never listen to me.", "You always do this.", "You keep interrupting me."):
        checked = mendkit.check(text)
        for issue in checked.issues:
            if issue.kind == "always_never":
                marked = checked.text[issue.start:issue.end].lower()
                assert re.search(r"\b(?:always|never|ever|constantly|forever|keep)\b", marked)
