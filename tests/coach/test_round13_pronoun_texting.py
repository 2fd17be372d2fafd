"""Round 13, pronouns in texting: "her" before an abbreviation ("bc", "cuz", "rn") is the one
spoken to, never an owner ("at your bc"); and a verb after "she" that the coach cannot say for
"you" ("she dosnt care") is said correctly or left as written, never half-changed."""

from __future__ import annotations

import re

import pytest

from mendkit.coach.composer import DraftParts, compose


@pytest.mark.parametrize("because", ["bc", "cuz", "b/c", "coz", "cos", "bcuz", "cause"])
def test_her_before_a_texting_because_is_you(because: str) -> None:
    parts = DraftParts(
        other="Lena", situation=f"i yeled at her {because} she was late agian", my_part="i yeled"
    )
    draft = compose(parts)
    assert f"at you {because} you were late agian" in draft, draft
    assert "your" not in draft.lower(), draft


@pytest.mark.parametrize("word", ["tho", "rn", "lol", "tbh", "smh", "ngl"])
def test_her_before_other_texting_words_is_you(word: str) -> None:
    parts = DraftParts(other="Lena", situation="Lena was late again", my_part=f"i snapped at her {word}")
    draft = compose(parts)
    assert f"at you {word}" in draft, draft


def test_her_before_a_thing_is_still_hers() -> None:
    parts = DraftParts(other="Lena", situation="Lena was late again", my_part="i took her phone")
    assert "took your phone" in compose(parts)


@pytest.mark.parametrize(
    ("verb", "rest"),
    [
        ("dosnt", "care about me"),
        ("doesnt", "care about me"),
        ("dosent", "care about me"),
        ("isnt", "happy with me"),
        ("wasnt", "happy with me"),
        ("hasnt", "forgiven me"),
    ],
)
def test_a_misspelled_verb_after_she_is_never_left_half_changed(verb: str, rest: str) -> None:
    parts = DraftParts(
        other="Lena",
        situation="Lena forgot my birthday",
        my_part="i sulked",
        feeling=f"scared she {verb} {rest}",
    )
    draft = compose(parts)
    assert not re.search(rf"\byou {verb}\b", draft, re.I), draft
    assert re.search(rf"\b(?:she {verb}|you (?:don'?t|aren'?t|weren'?t|haven'?t))\b", draft, re.I), draft
