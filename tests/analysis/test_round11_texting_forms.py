"""Texting forms change nothing a message means: contractions typed without their apostrophe
("youre", "id", "didnt") and letters stretched for feeling ("sooooorry", "pleaseeee") are read as
the spelled-out words, and evidence stays the characters the person wrote."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.contractions import optional_apostrophes


def labels(text: str) -> set[str]:
    return set(mendkit.check(text, mode="rules").labels)


def assert_evidence_is_the_written_text(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.evidence
    for e in result.evidence:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize(("typed", "spelled"), [
    ("youre right i said id call and i didnt thats on me",
     "You're right, I said I'd call and I didn't, that's on me."),
    ("i get why youd feel like that honestly", "I get why you'd feel like that, honestly."),
    ("youre right", "you're right"),
])
def test_a_contraction_without_its_apostrophe_keeps_its_labels(typed: str, spelled: str) -> None:
    assert labels(spelled)
    assert labels(typed) == labels(spelled)
    assert_evidence_is_the_written_text(typed)


@pytest.mark.parametrize(("stretched", "label"), [
    ("sooooorry dad", "repair.responsibility"),
    ("im soooo sorry", "repair.responsibility"),
    ("soooo sorry", "repair.responsibility"),
    ("sorrrry i yelled", "repair.responsibility"),
    ("I want to dieeee", "risk.crisis"),
    ("i want to killll myself", "risk.crisis"),
])
def test_stretched_letters_keep_the_word(stretched: str, label: str) -> None:
    assert label in labels(stretched)
    assert_evidence_is_the_written_text(stretched)


def test_evidence_of_a_stretched_word_is_the_whole_stretched_word() -> None:
    text = "im soooo sorrrrry"
    spans = [e.text for e in mendkit.check(text, mode="rules").evidence
             if e.label == "repair.responsibility"]
    assert spans and all("sorrrrry" in s for s in spans)


@pytest.mark.parametrize("pattern", [
    r"\bwe're\b", r"\bwe'll\b", r"\bhe'll\b", r"\bshe'll\b", r"\bwe'd\b", r"\bshe'd\b",
])
def test_a_contraction_whose_bare_spelling_is_another_word_keeps_its_apostrophe(
    pattern: str,
) -> None:
    # "were", "well", "hell", "shell", "wed", "shed" are everyday words of their own
    assert optional_apostrophes(pattern) == pattern


def test_an_apostrophe_in_a_lookbehind_or_class_is_left_alone() -> None:
    for pattern in (r"(?<!don't )\bcare\b", r"[\w']+", r"\bi'?m\b", r"\w+'s\b"):
        assert optional_apostrophes(pattern) == pattern
    assert optional_apostrophes(r"\bi(?:'m| am) sorry") == r"\bi(?:'?m| am) sorry"
    assert optional_apostrophes(r"\byou're right") == r"\byou'?re right"
